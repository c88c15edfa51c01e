"""The command line as a user meets it: real subprocesses, exit codes, messages, nothing half-written."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_cli

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return run_cli(*args, cwd=cwd)


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name for s in SEEDS])
def test_extract_offsets_hold(seed: Path):
    proc = run("extract", str(seed))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    raw = seed.read_bytes().decode("utf-8-sig")
    spans = []
    for m in data["mentions"]:
        spans.append(m)
    for c in data["claims"]:
        spans += [c["cue"], c["content"]] + ([c["speaker"]] if "start" in c["speaker"] else [])
    spans += data["dates"] + [e["trigger"] for e in data["events"]]
    assert len(spans) > 10
    for s in spans:
        assert raw[s["start"]:s["end"]] == s["text"], s
    for r in data["removed"]:
        assert 0 <= r["start"] < r["end"] <= len(raw)
    assert data["published"]["evidence"] in {"dateline", "unknown"}


def test_extract_with_published_date_resolves_relative_dates():
    seed = next(s for s in SEEDS if s.name.startswith("001"))
    data = json.loads(run("extract", str(seed), "--published", "2012-02-08").stdout)
    assert data["published"] == {"value": "2012-02-08", "precision": "day", "evidence": "cli"}
    values = {d["text"]: d["value"] for d in data["dates"]}
    assert values.get("Wednesday") == "2012-02-08"
    undated = json.loads(run("extract", str(seed)).stdout)
    assert all(d["value"] is None for d in undated["dates"] if d["text"] == "Wednesday")


def test_help_lists_every_command_and_readme_names_them():
    out = run("--help").stdout
    commands = re.findall(r"^  (\w[\w-]*)\s", out.split("Commands:")[1], re.M)
    assert {"build", "extract", "serve", "pdf", "check"} <= set(commands)
    for c in commands:
        assert run(c, "--help").returncode == 0
        assert "Example:" in run(c, "--help").stdout, f"{c} --help has no example"


def test_bad_curation_stops_before_writing(tmp_path):
    root = copy_project(tmp_path / "p")
    assert run("build", "--root", str(root), "--no-pdf").returncode == 0
    before_docs, before_site = tree(root / "docs"), tree(root / "site")
    (root / "dossier.yml").write_text("actors:\n  - name: A\n    kind: wizard\n  - aliases: 3\n", encoding="utf-8")
    proc = run("build", "--root", str(root), "--no-pdf")
    assert proc.returncode == 1
    assert "dossier.yml:3: actors[0].kind: expected one of person" in proc.stderr
    assert "dossier.yml:4: actors[1].aliases: expected a list" in proc.stderr
    assert "dossier.yml:4: actors[1].name: required key is missing" in proc.stderr
    assert tree(root / "docs") == before_docs and tree(root / "site") == before_site


def test_failed_mkdocs_build_keeps_previous_site(tmp_path):
    root = copy_project(tmp_path / "p")
    assert run("build", "--root", str(root), "--no-pdf").returncode == 0
    before = tree(root / "site")
    cfg = root / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8") + "\nnav_that_breaks: [\n", encoding="utf-8")
    proc = run("build", "--root", str(root), "--no-pdf")
    assert proc.returncode == 1 and "mkdocs build failed; the previous site/ is kept" in proc.stderr
    assert tree(root / "site") == before
    assert not list(root.glob(".site-*")) and not list((root / "docs").glob(".staging-*"))


def test_no_articles_is_an_error(tmp_path):
    root = copy_project(tmp_path / "p", seeds=False)
    proc = run("build", "--root", str(root), "--no-pdf")
    assert proc.returncode == 1
    assert "no article could be published" in proc.stderr


def test_missing_seeds_folder(tmp_path):
    proc = run("build", "--root", str(tmp_path), "--no-pdf")
    assert proc.returncode == 1 and "no such folder of articles" in proc.stderr


def test_check_lists_problems_without_writing(tmp_path):
    root = copy_project(tmp_path / "p")
    (root / "seeds" / "empty.txt").write_bytes(b"")
    proc = run("check", "--root", str(root))
    assert proc.returncode == 0
    assert re.search(r"error: .*empty\.txt: .*empty", proc.stdout)
    assert f"{len(SEEDS)} articles can be published; 1 cannot." in proc.stdout
    assert not (root / "site").exists()
