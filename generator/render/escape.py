"""Escaping: every string that comes from an article is data, never markup.

The pages are Markdown that Python-Markdown (via MkDocs) turns into HTML, so an article-derived
string has to be made inert for *both* languages:

- HTML: ``&``, ``<`` and ``>`` become character references, so no tag, comment or entity can be
  formed (``<script>``, ``<img onerror=...>``, ``&lt;`` typed by an article stay visible text).
- Markdown: every character that is inline syntax anywhere in a line (``\\ ` * _ { } [ ] # + ! |``)
  is backslash-escaped, so ``[x](javascript:...)`` is not a link (its ``[ ]`` are escaped, which
  leaves ``( )`` as plain text), ``{: .cls}`` not an attribute list, ``| a |`` not a table cell.
  Characters that are syntax only at the start of a line (``- + * # > =`` bullets, headings, rules;
  ``12.`` / ``12)`` ordered lists) are escaped where a string starts, the one place an article string
  can meet a line start (whitespace is folded, see below). Hyphens, full stops and parentheses inside
  a string stay as they are: they are the most common punctuation of news text, and every backslash
  escape costs Python-Markdown an inline-pattern match (escaping them all made Markdown conversion
  the largest part of ``mkdocs build`` on a 26,000-page site).
  ``=`` (setext headings) has no backslash escape and becomes a character reference.
  Backslash escapes are preferred over character references where possible because they come out
  of Python-Markdown as the plain character, which keeps the search index readable ("al-Assad",
  not "al&#45;Assad").
- Whitespace (line breaks included) is folded to single spaces: an article string can never start
  a line of its own, so it cannot open a block (list, quote, code block, front matter ``---``).
- Characters YAML or HTML refuse (C0/C1 controls, surrogates, U+FFFE/U+FFFF) are dropped.

The escape set matches the Markdown extensions enabled in ``mkdocs.yml`` (no emoji, tilde, caret,
mark, magiclink or arithmatex, whose syntax would need more escapes); tests build a hostile
fixture with MkDocs to keep the two in step.

Templates never see these functions by name for plain values: the Jinja2 environment's
``finalize`` hook applies :func:`md_escape` to every ``{{ ... }}`` output that is not already an
:class:`Md` (markup built by our own helpers), so forgetting to escape is impossible.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..views.text import UNPRINTABLE, WS, clean, truncate, xml_text

__all__ = ["Md", "md_escape", "heading", "html_escape", "clean", "tag_text", "truncate"]


class Md(str):
    """A string of Markdown/HTML produced by the renderer itself: safe, not escaped again.

    Concatenating an ``Md`` with a ``str`` gives a plain ``str`` (escaped again on output), which is
    why templates place helpers' results side by side rather than joining them with ``~``.
    """

    __slots__ = ()


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|])")
# What opens a block at a line start and is still bare after the escapes above: a "-" (bullet,
# rule, setext underline) or "12." / "12)" (ordered list). "# + *" are escaped everywhere already,
# ">" is "&gt;", "=" a character reference.
_LINE_START = re.compile(r"^(\s*)(?:(-)|(\d+)([.)]))")
_NO_BACKSLASH = {"=": "&#61;"}


def md_escape(text: object, *, strip: bool = True) -> Md:
    """Article text -> inert inline Markdown (see the module docstring for the rules).

    ``strip=False`` keeps a leading/trailing space (folded to one) for pieces of a sentence that are
    joined to links on the source page.
    """
    if isinstance(text, Md):
        return text
    if text is None:
        return Md("")
    return _md_escape(str(text), strip)


@lru_cache(maxsize=1 << 16)
def _md_escape(text: str, strip: bool) -> Md:
    """Cached: names, titles and dates are escaped thousands of times on a large site."""
    s = clean(text) if strip else WS.sub(" ", UNPRINTABLE.sub("", text))
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = _MD_SPECIAL.sub(r"\\\1", s)
    s = _LINE_START.sub(_escape_line_start, s, count=1)
    for ch, ref in _NO_BACKSLASH.items():
        s = s.replace(ch, ref)
    return Md(s)


def _escape_line_start(m: re.Match) -> str:
    if m.group(2):
        return m.group(1) + "\\" + m.group(2)
    return m.group(1) + m.group(3) + "\\" + m.group(4)


def heading(text: object) -> Md:
    """Article text for a page's ``# heading``: like :func:`md_escape`, and ``<``/``>`` become
    ``‹``/``›``.

    Why: MkDocs takes the page title from the first heading and Material prints it as
    ``<title>{{ page.title | striptags }}</title>``; Jinja's ``striptags`` *unescapes* entities, so an
    escaped ``&lt;/title&gt;&lt;script&gt;`` would come back as live markup in ``<title>``. A title
    that never contains ``<`` or ``>`` cannot do that, whatever the theme does with it.
    """
    if isinstance(text, Md):
        return text
    return md_escape(clean(text).replace("<", "\u2039").replace(">", "\u203a"))


def html_escape(text: object) -> Md:
    """Article text -> inert text inside a raw HTML block or attribute (Markdown is not parsed there)."""
    if isinstance(text, Md):
        return text
    if text is None:
        return Md("")
    return Md(xml_text(text))


_TAG_DROP = re.compile(r"[^\w .,:'()-]", re.UNICODE)


def tag_text(text: object, limit: int = 60) -> str:
    """A tag name made safe for Material's tag templates, which print tag names without escaping.

    Only word characters, spaces and ``.,:'()-`` survive (``<``, ``&``, quotes and Markdown/YAML
    syntax become spaces); the result is emitted in front matter as a JSON string (valid YAML).
    """
    s = clean(text).replace("&", " and ")
    s = _TAG_DROP.sub(" ", s)
    s = WS.sub(" ", s).strip()
    return truncate(s, limit) or "unknown"

