"""The per-article extraction cache (generator/cache.py): only new or changed articles are parsed, and
no cache entry is ever trusted unless it is whole, unedited and from this pipeline version.

Parses are counted by wrapping ``generator.extract.parse`` (what ``pipeline.extract_corpus`` calls), so
every test states exactly which articles were parsed. One warm build of the seeds is shared by the
module; each test works in its own copy of it.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import generator.cache as cache_mod
import generator.extract as extract_mod
from conftest import ROOT, copy_project
from generator.cache import ExtractionCache, article_key
from generator.config import load_curation
from generator.ingest import read_corpus
from generator.pipeline import Paths, collect
from generator.serialize import from_plain, to_plain
from generator.model import ArticleExtraction


def run_collect(root: Path, monkeypatch, *, cache=True):
    """collect() on ``root``; returns (parsed article paths, extractions, dossier, report)."""
    parsed: list[str] = []
    real = extract_mod.parse

    def counting(articles, batch_size=16):
        for a, doc in real(articles, batch_size=batch_size):
            parsed.append(a.path)
            yield a, doc

    monkeypatch.setattr(extract_mod, "parse", counting)
    paths = Paths.at(root, cache=cache)
    _, extractions, dossier, report = collect(paths, load_curation(paths.config), log=lambda s: None)
    monkeypatch.setattr(extract_mod, "parse", real)
    return parsed, extractions, dossier, report


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A project whose cache holds every seed, and the extractions of that first build."""
    root = copy_project(tmp_path_factory.mktemp("warm"))
    mp = pytest.MonkeyPatch()
    try:
        parsed, extractions, dossier, report = run_collect(root, mp)
    finally:
        mp.undo()
    assert len(parsed) == len(list((ROOT / "seeds").glob("*.txt")))
    return root, extractions


@pytest.fixture
def project(warm, tmp_path) -> Path:
    root = tmp_path / "p"
    shutil.copytree(warm[0], root, symlinks=True)
    return root


def entries(root: Path) -> list[Path]:
    return sorted(p for p in (root / ".dossier-cache").rglob("*.json") if not p.name.startswith(".tmp-"))


def entry_of(root: Path, name: str) -> Path:
    """The cache file of seed ``name`` in project ``root``."""
    articles, _ = read_corpus(root / "seeds", load_curation(root / "dossier.yml").article_overrides())
    article = next(a for a in articles if Path(a.path).name == name)
    return ExtractionCache(Paths.at(root).cache)._path(article_key(article))


FIRST_SEED = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))[0]


# ---------------------------------------------------------------------------------------------
# What is parsed


def test_rebuild_parses_nothing(project, monkeypatch, warm):
    parsed, extractions, _, report = run_collect(project, monkeypatch)
    assert parsed == []
    assert report.cache_misses == 0 and report.cache_hits == len(extractions)
    assert extractions == warm[1]  # the cached extraction is the parsed one, field for field


def test_adding_one_article_parses_that_article_only(project, monkeypatch):
    new = project / "seeds" / "zz_added.txt"
    new.write_text(
        "Minister Says Talks Will Resume\n\nGENEVA — Foreign Minister Anna Berg said on Monday that the talks "
        "would resume next week. \"We are ready,\" she told reporters in Geneva.\n",
        encoding="utf-8",
    )
    parsed, extractions, dossier, report = run_collect(project, monkeypatch)
    assert parsed == ["seeds/zz_added.txt"]
    assert report.cache_misses == 1 and report.cache_hits == len(extractions) - 1
    assert any(s.path == "seeds/zz_added.txt" for s in dossier.sources)


def test_editing_one_article_parses_that_article_only(project, monkeypatch):
    target = project / "seeds" / FIRST_SEED
    target.write_text(target.read_text(encoding="utf-8") + "\nThe minister said nothing more.\n", encoding="utf-8")
    parsed, *_ = run_collect(project, monkeypatch)
    assert parsed == [f"seeds/{FIRST_SEED}"]


def test_removing_an_article_parses_nothing(project, monkeypatch, warm):
    (project / "seeds" / FIRST_SEED).unlink()
    parsed, extractions, _, _ = run_collect(project, monkeypatch)
    assert parsed == [] and len(extractions) == len(warm[1]) - 1


def test_curation_change_reresolves_without_parsing(project, monkeypatch):
    _, _, before, _ = run_collect(project, monkeypatch)
    cfg = project / "dossier.yml"
    text = cfg.read_text(encoding="utf-8")
    # a curated actor with an alias and a description, and an ignored name (a byline): resolution
    # changes, extraction does not
    text = text.replace("actors:\n", "actors:\n  - name: John Kerry\n    kind: person\n    aliases: [Kerry]\n"
                        "    description: US Secretary of State.\n", 1)
    text = text.replace("ignore:\n", "ignore:\n  - John Wight\n", 1)
    cfg.write_text(text, encoding="utf-8")
    parsed, _, after, report = run_collect(project, monkeypatch)
    assert parsed == [] and report.cache_misses == 0
    assert "john-wight" in {a.id for a in before.actors}
    assert "john-wight" not in {a.id for a in after.actors}
    kerry = next(a for a in after.actors if a.id == "john-kerry")
    assert kerry.description == "US Secretary of State."


def test_other_pipeline_version_misses_everything_and_old_entries_are_pruned(project, monkeypatch, warm):
    old = entries(project)
    old_dirs = {p.parent.parent for p in old}
    monkeypatch.setattr(cache_mod, "code_fingerprint", lambda: "0123456789abcdef")
    parsed, extractions, _, report = run_collect(project, monkeypatch)
    assert len(parsed) == len(warm[1]) and report.cache_hits == 0
    assert extractions == warm[1]
    # the previous version is kept (switching branches back is cheap) ...
    assert all(p.exists() for p in old)
    monkeypatch.setattr(cache_mod, "code_fingerprint", lambda: "fedcba9876543210")
    run_collect(project, monkeypatch)
    # ... but not two versions back: the cache stays bounded as the code changes
    assert not any(d.exists() for d in old_dirs)
    versions = sorted(p.name for p in (project / ".dossier-cache" / "extract").iterdir())
    assert versions == ["v-0123456789abcdef", "v-fedcba9876543210"]


# ---------------------------------------------------------------------------------------------
# Entries that must not be trusted


def read_entry(p: Path) -> tuple[dict, dict]:
    head, _, body = p.read_bytes().partition(b"\n")
    return json.loads(head), json.loads(body)


def write_entry(p: Path, header: dict, payload: dict, *, fix_checksum: bool) -> None:
    """Write an entry as the cache does (same serialisation), optionally with a matching checksum."""
    body = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    if fix_checksum:
        header = {**header, "sha256": hashlib.sha256(body).hexdigest()}
    p.write_bytes(json.dumps(header, sort_keys=True).encode() + b"\n" + body)


def test_entry_format_is_what_these_tests_forge(project):
    p = entry_of(project, FIRST_SEED)
    data = p.read_bytes()
    header, payload = read_entry(p)
    write_entry(p, header, payload, fix_checksum=False)
    assert p.read_bytes() == data


def _truncate(p: Path) -> None:
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 2])


def _truncate_header(p: Path) -> None:
    p.write_bytes(p.read_bytes()[:40])


def _garbage(p: Path) -> None:
    p.write_bytes(b"\x00\xff not json")


def _empty(p: Path) -> None:  # what a power cut after rename but before the data reached the disk leaves
    p.write_bytes(b"")


def _edit_payload(p: Path) -> None:  # someone edits a fact but leaves the checksum
    header, payload = read_entry(p)
    payload["mentions"][0]["name"] = "Somebody Else"
    write_entry(p, header, payload, fix_checksum=False)


def _edit_payload_and_checksum(p: Path) -> None:  # edited consistently, but the offsets no longer hold
    header, payload = read_entry(p)
    m = payload["mentions"][0]["span"]
    m["start"] += 1
    m["end"] += 1
    write_entry(p, header, payload, fix_checksum=True)


def _edit_checksum(p: Path) -> None:
    header, payload = read_entry(p)
    write_entry(p, {**header, "sha256": "0" * 64}, payload, fix_checksum=False)


def _wrong_key(p: Path) -> None:  # an entry copied under another name (or a stale one from another version)
    header, payload = read_entry(p)
    write_entry(p, {**header, "key": "f" * 64}, payload, fix_checksum=False)


def _other_article(p: Path) -> None:  # a whole, valid entry of another article under this name
    other = next(e for e in entries(p.parents[4]) if e != p)
    header, payload = read_entry(other)
    write_entry(p, {**header, "key": p.stem}, payload, fix_checksum=True)


def _missing_field(p: Path) -> None:  # an older entry format
    header, payload = read_entry(p)
    del payload["sentences"]
    write_entry(p, header, payload, fix_checksum=True)


def _wrong_type(p: Path) -> None:
    header, payload = read_entry(p)
    payload["mentions"][0]["span"]["start"] = "12"
    write_entry(p, header, payload, fix_checksum=True)


def _folder(p: Path) -> None:  # unreadable as a file
    p.unlink()
    p.mkdir()


@pytest.mark.parametrize(
    "damage",
    [_truncate, _truncate_header, _garbage, _empty, _edit_payload, _edit_payload_and_checksum, _edit_checksum, _wrong_key,
     _other_article, _missing_field, _wrong_type, _folder],
)
def test_damaged_entry_is_rejected_reported_and_rebuilt(project, monkeypatch, warm, damage):
    if damage is _folder and os.name != "posix":
        pytest.skip("posix only")
    entry = entry_of(project, FIRST_SEED)
    assert entry.is_file()
    damage(entry)
    parsed, extractions, _, report = run_collect(project, monkeypatch)
    assert parsed == [f"seeds/{FIRST_SEED}"]  # never trusted: parsed again
    assert extractions == warm[1]  # and the damaged content never leaked into the result
    warnings = [p for p in report.problems if p.severity == "warning" and "cache entr" in p.reason]
    assert [w.path for w in warnings if w.path.startswith("seeds/")] == [f"seeds/{FIRST_SEED}"], report.problems
    if damage is not _folder:  # the entry was rewritten: the next build trusts it again
        parsed, *_ = run_collect(project, monkeypatch)
        assert parsed == []


def test_roundtrip_is_exact(warm):
    """The cache's compiled decoder and serialize.from_plain agree, and give back the extraction."""
    for ex in warm[1].values():
        plain = json.loads(json.dumps(to_plain(ex)))
        assert cache_mod._decoder(ArticleExtraction)(plain) == ex == from_plain(ArticleExtraction, plain)


# ---------------------------------------------------------------------------------------------
# Interrupted and failed writes


def test_write_interrupted_before_rename_leaves_no_entry(project, monkeypatch, warm):
    """An exception (Ctrl-C) between writing the temporary file and renaming it."""
    shutil.rmtree(project / ".dossier-cache")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(cache_mod.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_collect(project, monkeypatch)
    monkeypatch.undo()
    assert entries(project) == [] and not list((project / ".dossier-cache").rglob(".tmp-*"))
    parsed, extractions, _, _ = run_collect(project, monkeypatch)
    assert len(parsed) == len(warm[1]) and extractions == warm[1]


def test_process_killed_mid_write_leaves_nothing_trusted(project, monkeypatch, warm, tmp_path):
    """SIGKILL while an entry is being written: its temporary file stays behind, never under a valid
    name; the next build parses every article again, ignores the debris and later sweeps it."""
    if os.name != "posix":
        pytest.skip("needs SIGKILL")
    shutil.rmtree(project / ".dossier-cache")
    signal_file = tmp_path / "writing"
    script = f"""
import os, time
from pathlib import Path
import generator.cache as c

class Stalled:
    # half the entry reaches the disk, then the process hangs until it is killed
    def __init__(self, f):
        self.f = f
    def __enter__(self):
        return self
    def __exit__(self, *a):
        self.f.close()
    def write(self, data):
        self.f.write(data[: len(data) // 2])
        self.f.flush()
        Path({str(signal_file)!r}).write_text("x")
        time.sleep(600)

real_fdopen = os.fdopen
c.os.fdopen = lambda fd, *a, **k: Stalled(real_fdopen(fd, *a, **k))
from generator.config import load_curation
from generator.pipeline import Paths, collect
p = Paths.at(Path({str(project)!r}))
collect(p, load_curation(p.config), log=lambda s: None)
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", script], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 300
        while not signal_file.exists():
            if proc.poll() is not None:
                pytest.fail(f"writer exited early: {proc.stderr.read().decode()[-2000:]}")
            if time.monotonic() > deadline:
                pytest.fail("writer never reached the cache write")
            time.sleep(0.2)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    debris = list((project / ".dossier-cache").rglob(".tmp-*"))
    assert len(debris) == 1 and debris[0].stat().st_size > 0  # half an entry, under a temporary name
    assert entries(project) == []  # nothing under a name that would be trusted
    parsed, extractions, _, report = run_collect(project, monkeypatch)
    assert len(parsed) == len(warm[1]) and extractions == warm[1]
    assert not [p for p in report.problems if "cache" in p.reason]
    # a fresh temporary file may belong to a concurrent run: kept; an old one is swept
    assert debris[0].exists()
    os.utime(debris[0], (time.time() - 7200, time.time() - 7200))
    run_collect(project, monkeypatch)
    assert not debris[0].exists()


def test_unwritable_cache_does_not_fail_the_build(project, monkeypatch, warm):
    """A read-only or full cache (a restored CI cache, a full disk) slows the next build, never fails this one."""
    shutil.rmtree(project / ".dossier-cache")
    real = cache_mod.tempfile.mkstemp

    def refuse(*a, dir=None, **k):
        if dir is not None and ".dossier-cache" in Path(dir).parts:
            raise PermissionError(13, "Permission denied", str(dir))
        return real(*a, dir=dir, **k)

    monkeypatch.setattr(cache_mod.tempfile, "mkstemp", refuse)
    parsed, extractions, _, report = run_collect(project, monkeypatch)
    assert extractions == warm[1]
    assert [p.reason.split(",")[0] for p in report.problems if "cache entries" in p.reason] == [
        f"{len(warm[1])} cache entries not written"
    ]


def test_no_cache_parses_everything_and_writes_nothing(project, monkeypatch, warm):
    shutil.rmtree(project / ".dossier-cache")
    parsed, extractions, _, report = run_collect(project, monkeypatch, cache=False)
    assert len(parsed) == len(warm[1]) and extractions == warm[1]
    assert not (project / ".dossier-cache").exists()


def test_old_cache_folder_is_moved_to_its_own_folder(project, monkeypatch, warm):
    """.cache/ belongs to other tools (Zensical deletes it on `build --clean`): a cache left in the old
    place .cache/dossier is moved to .dossier-cache on the next build, entries kept, nothing parsed."""
    before = entries(project)
    (project / ".cache").mkdir()
    (project / ".dossier-cache").rename(project / ".cache" / "dossier")
    parsed, extractions, _, report = run_collect(project, monkeypatch)
    assert parsed == [] and report.cache_hits == len(warm[1]) and extractions == warm[1]
    assert entries(project) == before and not (project / ".cache").exists()


def test_old_cache_folder_beside_a_new_one_is_left_alone(project, monkeypatch, warm):
    """Both places exist (an old checkout's cache restored into a new one): the new one is used and the
    old one (and whatever else lives in .cache/) is not touched."""
    old = project / ".cache" / "dossier" / "extract"
    shutil.copytree(project / ".dossier-cache" / "extract", old)
    (project / ".cache" / "other-tool").mkdir()
    parsed, _, _, report = run_collect(project, monkeypatch)
    assert parsed == [] and old.is_dir() and (project / ".cache" / "other-tool").is_dir()
