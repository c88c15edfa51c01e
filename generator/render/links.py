"""Page paths and relative links.

Every entity page is ``<section>/<id>/index.md`` so that its URL is ``<section>/<id>/`` with
directory URLs and ``<section>/<id>/index.html`` without them (the ``offline`` plugin turns them off
for ``file://``): the same relative link works in both modes. Markdown links point at the ``.md``
file, which MkDocs rewrites and -- with ``validation`` in ``mkdocs.yml`` -- checks, anchors included,
so a broken cross-link fails ``mkdocs build --strict``. Raw HTML links (inside SVG) are not rewritten
by MkDocs and therefore point at ``index.html`` directly, which exists in both modes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import quote

from .escape import Md, html_escape, md_escape, truncate

SECTIONS = ("actors", "events", "claims", "sources", "questions")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def check_id(entity_id: str) -> str:
    """Ids become folder names: refuse anything that could escape ``docs/`` or need quoting."""
    if not isinstance(entity_id, str) or not _ID.fullmatch(entity_id) or ".." in entity_id:
        raise ValueError(f"unsafe page id {entity_id!r}: ids must match {_ID.pattern} (see generator/urls.py)")
    return entity_id


def page_path(section: str, entity_id: str) -> str:
    """``page_path("actors", "vladimir-putin") == "actors/vladimir-putin/index.md"``."""
    return f"{section}/{check_id(entity_id)}/index.md"


def relative(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Relative link from one docs path to another (both ``.md`` paths under ``docs/``).

    Pure string work (no ``os.path.relpath``, which asks the file system for the working folder on
    every call: a fifth of the render time at 5,000 pages).
    """
    if to_page == from_page:
        target = ""
    else:
        here = from_page.split("/")[:-1]
        there = to_page.split("/")
        common = 0
        while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
            common += 1
        target = "/".join([".."] * (len(here) - common) + there[common:])
        target = quote(target, safe="/._-")
    return target + (f"#{anchor}" if anchor else "")


def md_link(text: object, url: str, title: str | None = None) -> Md:
    """``[text](url)`` with ``text`` escaped; ``url`` is built by us (never taken from an article)."""
    label = md_escape(text) or Md("(untitled)")
    if title:
        return Md(f'[{label}]({url} "{html_escape(title)}")')
    return Md(f"[{label}]({url})")


class Linker:
    """Links from one page to the others; unknown targets degrade to plain (escaped) text.

    ``names`` give the display name of each entity, ``anchors`` tells which sentence anchors exist on
    which source page (a source whose article text is unavailable has none, and a link to a missing
    anchor would fail the strict build).
    """

    def __init__(
        self,
        page: str,
        names: dict[str, dict[str, str]],
        has_sentence: Callable[[str, int], bool],
    ) -> None:
        self.page = page
        self.names = names
        self.has_sentence = has_sentence

    def url(self, to_page: str, anchor: str | None = None) -> Md:
        """A relative URL (``Md``: ours, built from ids, so templates can print it unescaped)."""
        return Md(relative(self.page, to_page, anchor))

    def html_url(self, section: str, entity_id: str) -> str:
        """URL for raw HTML (SVG): points at the built ``index.html``, see the module docstring."""
        path = relative(self.page, page_path(section, entity_id))
        return path[: -len("index.md")] + "index.html"

    def _entity(self, section: str, entity_id: str | None, text: object | None, limit: int) -> Md:
        if entity_id is None:
            return md_escape(text or "unknown")
        name = self.names[section].get(entity_id)
        if name is None:  # dangling id: show it, do not link it
            return md_escape(text or entity_id)
        label = truncate(text if text is not None else name, limit)
        if page_path(section, entity_id) == self.page:  # the page itself: no empty link
            return md_escape(label)
        return md_link(label, self.url(page_path(section, entity_id)))

    def actor(self, actor_id: str | None, text: object | None = None) -> Md:
        return self._entity("actors", actor_id, text, 80)

    def event(self, event_id: str | None, text: object | None = None) -> Md:
        return self._entity("events", event_id, text, 100)

    def claim(self, claim_id: str | None, text: object | None = None) -> Md:
        return self._entity("claims", claim_id, text, 110)

    def question(self, question_id: str | None, text: object | None = None) -> Md:
        return self._entity("questions", question_id, text, 120)

    def source(self, source_id: str | None, text: object | None = None, sentence: int | None = None) -> Md:
        """Link to a source page, to one sentence's anchor when ``sentence`` is given and exists."""
        if source_id is None or source_id not in self.names["sources"]:
            return md_escape(text or source_id or "unknown source")
        label = truncate(text if text is not None else self.names["sources"][source_id], 90)
        anchor = sentence_anchor(sentence) if sentence is not None and self.has_sentence(source_id, sentence) else None
        return md_link(label, self.url(page_path("sources", source_id), anchor))

    def sentence(self, source_id: str, sentence: int, text: object | None = None) -> Md:
        """``sentence 4`` linking to the anchor (or plain text when the anchor does not exist)."""
        label = text if text is not None else f"sentence {sentence + 1}"
        if source_id in self.names["sources"] and self.has_sentence(source_id, sentence):
            return md_link(label, self.url(page_path("sources", source_id), sentence_anchor(sentence)))
        return md_escape(label)


def sentence_anchor(index: int) -> str:
    """Anchor id of a sentence on its source page (``s-N`` with N = the model's 0-based index)."""
    return f"s-{index}"
