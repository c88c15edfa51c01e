"""Run the fault-injection suite (``tests/faults/``) and print one line per probe of issue 13:

    python tests/faults/run.py            # every probe
    python tests/faults/run.py -k kill    # some (pytest's -k)

Each probe is a test; the table says what was injected and how it ended (passed = the build ended as
the issue requires: exit 0 or a clear error naming the file, the previous site intact or the new one
complete). Exit status: pytest's (0 when every probe passed).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

# test name (before any [parameter]) -> the probe, as the issue words it
PROBES = {
    "test_alias_bomb_is_small": "282-byte YAML alias bomb (9 levels of 9 aliases)",
    "test_alias_bomb_is_refused_within_memory": "alias bomb in a {p}, `dossier check` under a 1 GB address-space limit",
    "test_deep_nesting_and_huge_values_are_refused_briefly": "sidecar nested 20,000 deep, 60,000-character values, 200 unknown keys",
    "test_curation_values_are_quoted_short": "dossier.yml values of 5,000 and 9,000 characters quoted in errors",
    "test_unsafe_yaml_tags_never_run": "!!python/object tags in a sidecar and in dossier.yml",
    "test_hostile_build_succeeds_without_traceback": "one build: symlink to /etc/passwd, link out of seeds/, linked sidecar, FIFO, alias bomb, bad og:url",
    "test_nothing_from_outside_seeds_is_published": "nothing of /etc/passwd or a linked outside file in site/",
    "test_odd_file_names_are_published_under_safe_slugs": "non-UTF-8, newline and leading-dash file names",
    "test_kill_before_the_swap_keeps_the_previous_site": "SIGKILL at {p} (by pid, at a marker)",
    "test_kill_between_the_two_renames_is_recovered": "SIGKILL between the fallback swap's two renames",
    "test_fallback_swap_publishes_a_complete_site": "no renameat2: two renames",
    "test_two_builds_at_once": "two builds at once (--no-wait, then waiting)",
    "test_truncated_pdf_cache_entries_are_rebuilt": "PDF cache entries truncated or with a changed byte",
    "test_pdf_cache_that_cannot_be_written": "PDF cache {p} (tmpfs)",
    "test_docs_on_its_own_file_system": "docs/ a mount of its own (EXDEV for staging beside it)",
    "test_published_files_are_readable_by_others_whatever_the_umask": "umask 077: modes of the published site",
    "test_leftovers_of_killed_builds_are_cleaned": "stale .site-stage-*/.site-old-*/.site-tmp-*/docs/.staging-* folders",
}


class _Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, float, str]] = []

    def pytest_runtest_logreport(self, report) -> None:
        if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
            name = report.nodeid.split("::")[-1]
            base, _, param = name.partition("[")
            probe = PROBES.get(base, base).replace("{p}", param.rstrip("]"))
            detail = ""
            if report.outcome == "failed":
                detail = str(report.longrepr).strip().splitlines()[-1][:100]
            elif report.outcome == "skipped":
                detail = str(report.longrepr[-1])[:100] if isinstance(report.longrepr, tuple) else ""
            self.rows.append((probe, report.outcome, report.duration, detail))


def main(argv: list[str]) -> int:
    table = _Table()
    code = pytest.main([str(HERE), "-q", "-p", "no:cacheprovider", "--no-header", "-rN", *argv], plugins=[table])
    width = max((len(r[0]) for r in table.rows), default=10)
    print(f"\n{'probe':<{width}} | outcome | seconds | detail")
    print(f"{'-' * width}-|---------|---------|-------")
    for probe, outcome, secs, detail in table.rows:
        print(f"{probe:<{width}} | {outcome:<7} | {secs:7.1f} | {detail}")
    return int(code)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
