"""Markdown articles: read like plain text, with the markup people actually use in articles removed.

Minimal on purpose (articles are prose, not documentation): YAML front matter at the top is read as
metadata (same keys as a sidecar: title, outlet, url, published; recorded as a ``Removed`` span
"front matter"); line breaks inside a paragraph are spaces (Markdown's soft breaks); ATX heading
marks (``# ``) and closing ``#``s, quote marks (``> ``), emphasis (``**``, ``__``, ``*``, ``_``),
inline code backticks, link syntax (``[text](url)`` -> ``text``), images (``![alt](url)``, dropped),
inline HTML tags, horizontal rules, setext underlines and reference definitions are removed. The
first ``# `` heading is the headline. Markup characters are not "removed content", so they are not
recorded as ``Removed``; the offsets simply skip them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Removed
from .layout import Unit, drop_ranges, text_units

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_RULE = re.compile(r"^(?:[-*_][ \t]*){3,}$")
_REFDEF = re.compile(r"^\[[^\]]+\]:\s*\S+")
_HEADING = re.compile(r"^(#{1,6})\s+")
_HEADING_TAIL = re.compile(r"\s+#+\s*$")
_QUOTE = re.compile(r"^(?:>\s?)+")
_INLINE = re.compile(
    r"(?P<img>!\[[^\]\n]*\]\([^)\n]*\))"
    r"|(?P<link>\[)(?=[^\]\n]*\]\()|(?P<linkend>\]\([^)\n]*\))"
    r"|(?P<reflink>\]\[[^\]\n]*\])"
    r"|(?P<tag></?[A-Za-z][^>\n]{0,200}>)"
    r"|(?P<code>`+)"
    r"|(?P<strong>(?<![\w*])\*\*(?=\S)|(?<=\S)\*\*(?![\w*])|(?<!\w)__(?=\S)|(?<=\S)__(?!\w))"
    r"|(?P<em>(?<![\w*])\*(?=[^\s*])|(?<=[^\s*])\*(?![\w*])|(?<![\w_])_(?=[^\s_])|(?<=[^\s_])_(?![\w_]))"
)


@dataclass
class MarkdownDoc:
    units: list[Unit]
    removed: list[Removed]
    front_matter: str | None  # the YAML text, for the caller to validate


def read_markdown(raw: str) -> MarkdownDoc:
    start = 0
    removed: list[Removed] = []
    front = None
    m = _FRONT.match(raw)
    if m:
        front = m.group(1)
        start = m.end()
        removed.append(Removed(0, m.end(), "front matter", raw[: m.end()]))
    units = text_units(raw, start, unwrap="markdown")
    out: list[Unit] = []
    for i, u in enumerate(units):
        text = u.text
        nxt = units[i + 1].text if i + 1 < len(units) else ""
        if _RULE.match(text) or _REFDEF.match(text) or re.fullmatch(r"=+|-+", text):
            if out:  # keep its line breaks for the paragraph separators
                out[-1].breaks_after += u.breaks_after
            continue
        tag = ""
        ranges: list[tuple[int, int]] = []
        h = _HEADING.match(text)
        if h:
            tag = f"h{len(h.group(1))}"
            ranges.append((0, h.end()))
            t = _HEADING_TAIL.search(text)
            if t:
                ranges.append((t.start(), len(text)))
        elif re.fullmatch(r"=+", nxt) and units[i + 1].block == u.block:
            tag = "h1"
        q = _QUOTE.match(text)
        if q and not h:
            ranges.append((0, q.end()))
        for im in _INLINE.finditer(text):
            ranges.append((im.start(), im.end()))
        runs = drop_ranges(u.runs, _merge(ranges))
        if runs:
            out.append(Unit(runs, runs[0].raw_start, runs[-1].raw_start + runs[-1].raw_len, u.block, u.breaks_after, tag))
    return MarkdownDoc(out, removed, front)


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
