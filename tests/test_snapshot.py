"""The seeds build, pinned: every generated file's hash and every page URL.

``tests/snapshot/seeds_tree.json`` records the sha256 of every file of ``docs/`` (generated pages and
``dossier.json``) and of ``site/`` (HTML, search index, assets; the sitemaps carry MkDocs' build date
and the PDFs have their own tests) for the seeds with a fixed build date. A refactoring must leave it
unchanged: that is the proof that behaviour stayed as it was. A deliberate change of output rewrites
it with ``UPDATE_GOLDEN=1 pytest tests/test_snapshot.py`` and the commit says why.

``tests/snapshot/seeds_urls.txt`` lists the site's page URLs: links from outside (bookmarks, citations,
other briefings) must keep working, so a URL may be added but never silently moved or dropped.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from generator.pipeline import Paths, build
from generator.site import MANIFEST

GOLDEN = ROOT / "tests" / "snapshot"  # not tests/golden: UPDATE_GOLDEN rewrites that folder whole
TREE = GOLDEN / "seeds_tree.json"
URLS = GOLDEN / "seeds_urls.txt"
# the sitemaps carry MkDocs' build date; the incremental build's manifest (generator/site) is bookkeeping
# whose fingerprint changes with the tool's code, not output
STAMPED = {"sitemap.xml", "sitemap.xml.gz", MANIFEST}


def _hashes(folder: Path, skip_suffixes: tuple[str, ...] = ()) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name not in STAMPED and not p.name.endswith(skip_suffixes)
    }


@pytest.fixture(scope="module")
def pinned_build(tmp_path_factory):
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    try:
        root = copy_project(tmp_path_factory.mktemp("snapshot"))
        build(Paths.at(root, cache=False), site=True, pdf=False, log=lambda s: None)
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return root


def test_seeds_build_is_byte_identical_to_the_snapshot(pinned_build):
    got = {"docs": _hashes(pinned_build / "docs"), "site": _hashes(pinned_build / "site", (".pdf",))}
    if os.environ.get("UPDATE_GOLDEN"):
        TREE.write_text(json.dumps(got, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    want = json.loads(TREE.read_text(encoding="utf-8"))
    for part in ("docs", "site"):
        missing = sorted(set(want[part]) - set(got[part]))
        extra = sorted(set(got[part]) - set(want[part]))
        changed = sorted(k for k in set(want[part]) & set(got[part]) if want[part][k] != got[part][k])
        assert (missing, extra, changed) == ([], [], []), f"{part}/ differs from {TREE.name} (UPDATE_GOLDEN=1 after review)"


def test_page_urls_do_not_change(pinned_build):
    site = pinned_build / "site"
    urls = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))
    urls = ["/" if u == "./" else u for u in urls]
    if os.environ.get("UPDATE_GOLDEN"):
        URLS.write_text("\n".join(urls) + "\n", encoding="utf-8")
    want = URLS.read_text(encoding="utf-8").split()
    assert sorted(set(want) - set(urls)) == [], "page URLs disappeared (links from outside would break)"
    assert sorted(set(urls) - set(want)) == [], "new page URLs: UPDATE_GOLDEN=1 after review"
