"""Same seeds, same output: byte-identical docs/, dossier.json and site HTML, whatever the order in
which the file system lists the articles. Also: writing never leaves docs/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import ROOT, copy_project
from generator.pipeline import Paths, build
from generator.write import UnsafePath, safe_relpath, write_pages

STAMPED = {"sitemap.xml", "sitemap.xml.gz"}  # MkDocs writes the build date into these


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in STAMPED
    }


def test_two_builds_in_different_listing_orders_are_identical(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    a = copy_project(tmp_path / "a", seeds=False)
    b = copy_project(tmp_path / "b", seeds=False)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for s in seeds:
        shutil.copy2(s, a / "seeds" / s.name)
    for s in reversed(seeds):  # other creation order
        shutil.copy2(s, b / "seeds" / s.name)

    build(Paths.at(a, cache=False), pdf=False, log=lambda s: None)
    real_listdir, real_scandir = os.listdir, os.scandir

    def reversed_listdir(path="."):
        return list(reversed(real_listdir(path)))

    class ReversedScandir:
        def __init__(self, path="."):
            self._it = real_scandir(path)
            self._entries = iter(list(reversed(list(self._it))))

        def __iter__(self):  # an iterator, as os.scandir's is (os.walk calls next() on it)
            return self

        def __next__(self):
            return next(self._entries)

        def close(self):
            self._it.close()

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._it.close()

    monkeypatch.setattr(os, "listdir", reversed_listdir)
    monkeypatch.setattr(os, "scandir", ReversedScandir)
    build(Paths.at(b, cache=True), pdf=False, log=lambda s: None)
    monkeypatch.undo()

    ta, tb = tree(a / "docs"), tree(b / "docs")
    assert ta.keys() == tb.keys()
    assert [k for k in ta if ta[k] != tb[k]] == []
    sa, sb = tree(a / "site"), tree(b / "site")
    assert sa.keys() == sb.keys()
    assert [k for k in sa if sa[k] != sb[k]] == []


def test_rebuild_rewrites_nothing(seeds_project):
    root, _ = seeds_project
    docs = root / "docs"
    stamps = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}
    # pdf=True as in the first build: pages then link to the briefs (site=False: no mkdocs, no PDFs)
    report = build(Paths.at(root), site=False, pdf=True, log=lambda s: None)
    changed = [p for p, t in stamps.items() if p.stat().st_mtime_ns != t]
    # only the home page may change (it shows the build date); with the same date nothing changes
    assert report.pages_written <= 1 and len(changed) <= 1, changed
    assert report.cache_misses == 0


@pytest.mark.parametrize("bad", ["../x.md", "/etc/passwd", "a/../../x", "", ".", "a\\..\\b", "x\0y"])
def test_unsafe_paths_are_refused(bad, tmp_path):
    with pytest.raises(UnsafePath):
        safe_relpath(bad)
    with pytest.raises(UnsafePath):
        write_pages(tmp_path / "docs", {bad: "x"})
    assert not any(p for p in tmp_path.rglob("*") if p.is_file())


@given(st.text(min_size=1, max_size=40))
def test_any_slug_is_a_safe_path(text):
    from generator.urls import slugify

    slug = slugify(text)
    p = safe_relpath(f"sources/{slug}/index.md")
    assert p.parts[1] == slug and slug not in ("", ".", "..")


def test_stale_generated_pages_are_removed_hand_written_kept(tmp_path):
    docs = tmp_path / "docs"
    (docs / "stylesheets").mkdir(parents=True)
    (docs / "stylesheets" / "extra.css").write_text("a{}")
    write_pages(docs, {"actors/a/index.md": "A", "actors/b/index.md": "B"})
    r = write_pages(docs, {"actors/a/index.md": "A"})
    assert (r.written, r.unchanged, r.removed) == (0, 1, 1)
    assert not (docs / "actors" / "b").exists()
    assert (docs / "stylesheets" / "extra.css").exists()


def test_builds_in_processes_with_different_hash_seeds_are_identical(tmp_path):
    """Set and dict orders of strings change with PYTHONHASHSEED: every order that reaches a page must
    be an explicit sort (ties included), so two processes give the same bytes."""
    import subprocess
    import sys

    script = (
        "import sys; from pathlib import Path; from generator.pipeline import Paths, build; "
        "build(Paths.at(Path(sys.argv[1]), cache=False), site=False, pdf=False, log=lambda s: None)"
    )
    trees = []
    for seed in ("1", "5", "7"):
        root = copy_project(tmp_path / f"seed{seed}")
        env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-c", script, str(root)], check=True, env=env, cwd=ROOT)
        trees.append(tree(root / "docs"))
    for other in trees[1:]:
        assert other.keys() == trees[0].keys()
        assert [k for k in other if other[k] != trees[0][k]] == []
