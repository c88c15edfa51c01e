"""The MkDocs plugin that renders only the pages whose Markdown changed (see the package docstring).

MkDocs renders a page in two steps, ``_populate_page`` (Markdown to HTML) and ``_build_page`` (theme
template, write). ``patched`` wraps both for the length of one build: a page is *reused* when the
previous site's manifest has the same sha256 of its Markdown file, it is not in the navigation (those
pages carry the navigation's state and their neighbours' links) and holds no tags listing (which lists
other pages). A reused page still goes through the plugins' Markdown step (its tags feed the tags
page) but is not rendered; its title, anchors and front matter come from the manifest (the file is
read for its hash, its YAML is not parsed again); its HTML is hard-linked from the previous site
(copied where links are impossible) -- never written through, so the previous site stays intact.

After the pages, before the search plugin writes its index (``on_post_build``, priority 100): the
links of reused pages to other pages are checked against this build's pages and anchors (MkDocs checks
the rendered ones), strict mode fails on any broken one; the search entries of reused pages are taken
from the previous index, in page order, so the index equals a full build's; the manifest of this site
is written beside it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import posixpath
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mkdocs.plugins import BasePlugin, event_priority

from . import MANIFEST

log = logging.getLogger("mkdocs.plugins.dossier.incremental")

LISTING = b"<!-- material/tags"  # a tags listing: the page lists other pages
_LINK = re.compile(r'\shref="([^"]*)"')
SEARCH_INDEX = Path("search") / "search_index.json"


def page_links(html: str, dest_uri: str) -> list[str]:
    """Links of a rendered page to other pages of the site, as ``dest_uri#anchor`` (sorted, unique)."""
    out = set()
    base = posixpath.dirname(dest_uri)
    for url in _LINK.findall(html):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            continue  # another host, or an anchor on the same page (MkDocs checks those when rendered)
        target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
        if target.endswith(".html"):
            out.add(f"{target}#{unquote(parts.fragment)}" if parts.fragment else target)
    return sorted(out)


class IncrementalPlugin(BasePlugin):
    def __init__(self, previous: Path | None, fingerprint: str):
        super().__init__()
        self.previous = Path(previous) if previous else None
        self.fingerprint = fingerprint
        self.old: dict[str, dict] = {}
        self.hashes: dict[str, str] = {}
        self.links: dict[str, list[str]] = {}
        self.reused: set[str] = set()
        self.in_nav: set[str] = set()
        self.full_reason = "no previous site"
        self.stats: dict = {}

    # -- which pages can be reused ---------------------------------------------------------------

    def on_config(self, config):
        manifest = self.previous / MANIFEST if self.previous else None
        if manifest is None or not manifest.is_file():
            return config
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            self.full_reason = f"unreadable manifest ({exc})"
            return config
        if data.get("fingerprint") != self.fingerprint:
            self.full_reason = "configuration, theme, templates or tool version changed"
        elif not (self.previous / SEARCH_INDEX).is_file() and _search(config) is not None:
            self.full_reason = "previous site has no search index"
        else:
            self.old = data.get("pages", {})
            self.full_reason = ""
        return config

    def on_nav(self, nav, *, config, files):
        self.in_nav = {p.file.src_uri for p in nav.pages}
        return nav

    def reusable(self, page) -> bool:
        src = page.file.src_uri
        raw = Path(page.file.abs_src_path).read_bytes()
        self.hashes[src] = digest = hashlib.sha256(raw).hexdigest()
        old = self.old.get(src)
        return bool(old and old["hash"] == digest and src not in self.in_nav and LISTING not in raw
                    and (self.previous / page.file.dest_uri).is_file())

    # -- the two wrapped steps -------------------------------------------------------------------

    @contextlib.contextmanager
    def patched(self, build_module) -> Iterator[None]:
        populate, build_page = build_module._populate_page, build_module._build_page

        def _populate_page(page, config, files, dirty=False):
            if not self.reusable(page):
                return populate(page, config, files, dirty)
            self.reused.add(page.file.src_uri)
            old = self.old[page.file.src_uri]
            config._current_page = page
            try:
                page = config.plugins.on_pre_page(page, config=config, files=files)
                if "meta" in old:  # the front matter as last read: no YAML to parse again
                    page.markdown, page.meta = "", old["meta"]
                else:
                    page.read_source(config)
                page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
                page._title_from_render = old["title"]
                page.present_anchor_ids = set(old["anchors"])
            finally:
                config._current_page = None

        def _build_page(page, config, doc_files, nav, env, dirty=False, excluded=False):
            if page.file.src_uri not in self.reused:
                return build_page(page, config, doc_files, nav, env, dirty, excluded)
            dest = Path(page.file.abs_dest_path)
            dest.parent.mkdir(parents=True, exist_ok=True)
            src = self.previous / page.file.dest_uri
            try:
                os.link(src, dest)
            except OSError:
                shutil.copy2(src, dest)

        build_module._populate_page, build_module._build_page = _populate_page, _build_page
        try:
            yield
        finally:
            build_module._populate_page, build_module._build_page = populate, build_page

    def on_page_content(self, html, *, page, config, files):
        self.links[page.file.src_uri] = page_links(html, page.file.dest_uri)
        return html

    # -- after the pages: links of reused pages, search index, manifest ----------------------------

    @event_priority(100)
    def on_post_build(self, *, config):
        files = self._files
        pages = {f.dest_uri: f for f in files.documentation_pages()}
        for src in sorted(self.reused):
            for link in self.old[src]["links"]:
                dest, _, anchor = link.partition("#")
                target = pages.get(dest)
                if target is None:
                    log.warning(f"Doc file '{src}' (unchanged, not rendered again) links to '{dest}', "
                                "which is no page of this site")
                elif anchor and anchor not in (target.page.present_anchor_ids or ()):
                    log.warning(f"Doc file '{src}' (unchanged, not rendered again) links to '{link}', "
                                f"but the doc '{target.src_uri}' does not contain an anchor '#{anchor}'")
        if self.reused and (search := _search(config)) is not None:
            self._merge_search_index(search, files)
        self._write_manifest(config, files)
        self.stats = {"pages": len(pages), "rendered": len(pages) - len(self.reused), "reused": len(self.reused),
                      "full_build": self.full_reason or None}

    def on_files(self, files, *, config):
        self._files = files
        return files

    def _merge_search_index(self, search, files) -> None:
        """Entries in page order, as the search plugin adds them: reused pages' from the previous index."""
        def by_page(entries):
            grouped: dict[str, list] = {}
            for e in entries:
                grouped.setdefault(e["location"].split("#", 1)[0], []).append(e)
            return grouped

        old = by_page(json.loads((self.previous / SEARCH_INDEX).read_text(encoding="utf-8"))["docs"])
        new = by_page(search.search_index.entries)
        merged = []
        for f in files.documentation_pages():
            merged.extend((old if f.src_uri in self.reused else new).get(f.page.url, ()))
        search.search_index.entries = merged

    def _write_manifest(self, config, files) -> None:
        pages = {}
        for f in files.documentation_pages():
            src = f.src_uri
            if src in self.reused:
                pages[src] = self.old[src]
            elif src in self.hashes:
                pages[src] = {"hash": self.hashes[src], "title": f.page._title_from_render,
                              "anchors": sorted(f.page.present_anchor_ids or ()), "links": self.links.get(src, [])}
                if _json_safe(f.page.meta):
                    pages[src]["meta"] = f.page.meta
        data = {"fingerprint": self.fingerprint, "pages": pages}
        Path(config.site_dir, MANIFEST).write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def _json_safe(value) -> bool:
    """Whether ``value`` comes back equal from JSON (front matter with a YAML date would not)."""
    try:
        return json.loads(json.dumps(value)) == value
    except (TypeError, ValueError):
        return False


def _search(config):
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None and getattr(plugin, "config", {}).get("enabled", True):
            return plugin
    return None
