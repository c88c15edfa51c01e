"""Incremental publishing (generator/site): a site rebuilt with unchanged pages reused equals a site
built from scratch, page for page and in its search index; anything that could make a reused page stale
(the configuration, a broken link) is caught."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cachedir import cache_root
from generator.changes import HISTORY_FILE
from generator.errors import DossierError
from generator.pipeline import Paths, build
from generator.site import MANIFEST

from conftest import copy_project


def site_files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build_site(root: Path):
    return build(Paths.at(root), pdf=False, log=lambda s: None)


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """(incremental project, its reports, project built from scratch with the same seeds)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", "1700000000")
    try:
        base = tmp_path_factory.mktemp("incr")
        inc = copy_project(base / "inc")
        seeds = sorted((inc / "seeds").glob("*.txt"))
        held, removed = seeds[0], seeds[-1]
        kept = base / held.name
        shutil.move(held, kept)
        first = build_site(inc)
        # the build compared with the same previous build (generator/changes): same What's new and marks
        history = base / HISTORY_FILE
        shutil.copy2(cache_root(inc) / HISTORY_FILE, history)
        # one article added, another removed: pages appear, change and disappear
        shutil.move(kept, inc / "seeds" / held.name)
        removed.unlink()
        second = build_site(inc)
        full = copy_project(base / "full")
        (full / "seeds" / removed.name).unlink()
        cache_root(full).mkdir(parents=True, exist_ok=True)
        shutil.copy2(history, cache_root(full) / HISTORY_FILE)
        build_site(full)
        yield inc, (first, second), full
    finally:
        mp.undo()


def test_incremental_site_equals_full_build(sites):
    inc, (first, second), full = sites
    assert first.site["full_build"] == "no previous site" and first.site["reused"] == 0
    assert second.site["full_build"] is None and second.site["reused"] > 0 and second.site["rendered"] > 0
    a, b = site_files(inc / "site"), site_files(full / "site")
    assert sorted(a) == sorted(b)
    differ = [k for k in a if a[k] != b[k]]
    assert differ == []
    assert "search/search_index.json" in a and any(k.startswith("actors/") and k.endswith(".html") for k in a)


def test_reused_pages_are_hard_links_and_previous_site_untouched(sites, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    inc, _, _ = sites
    root = tmp_path / "p"
    shutil.copytree(inc, root)
    keep = tmp_path / "kept-site"
    shutil.copytree(root / "site", keep)
    before = site_files(keep)
    again = build_site(root)
    assert again.site["rendered"] < again.site["pages"] / 4  # only the navigation and tags pages
    assert site_files(root / "site") == before


def test_configuration_change_means_full_build(sites, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = tmp_path / "p"
    shutil.copytree(sites[0], root)
    with (root / "mkdocs.yml").open("a") as f:
        f.write("\n# edited\n")
    r = build_site(root)
    assert r.site["reused"] == 0 and "configuration" in r.site["full_build"]


def test_broken_link_in_a_reused_page_fails_the_strict_build(sites, tmp_path, monkeypatch):
    """A reused page is not rendered, so MkDocs does not check it: its recorded links are checked
    against this build's pages and anchors, and strict mode fails naming the page."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    root = tmp_path / "p"
    shutil.copytree(sites[0], root)
    manifest = json.loads((root / "site" / MANIFEST).read_text())
    page = next(k for k in sorted(manifest["pages"]) if k.startswith("actors/") and k != "actors/index.md")
    manifest["pages"][page]["links"] += ["actors/nobody/index.html", "timeline/index.html#no-such-anchor"]
    (root / "site" / MANIFEST).write_text(json.dumps(manifest))
    before = site_files(root / "site")
    with pytest.raises(DossierError) as err:
        build_site(root)
    assert f"'{page}'" in str(err.value) and "actors/nobody/index.html" in str(err.value)
    assert "#no-such-anchor" in str(err.value)
    assert site_files(root / "site") == before  # the previous site is kept
