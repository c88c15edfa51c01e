"""The shape every format is reduced to before cleaning, and the assembly of the cleaned text.

A document becomes a list of **units**: one unit per line of the cleaned text (a paragraph, a
headline, a caption, a navigation link...). Units are grouped in **blocks** (blank-line separated in
plain text, block elements in HTML); the cleaned text joins the units of a block with ``"\\n"`` and
blocks with ``"\\n\\n"``. Rules decide per unit (keep, or remove with a reason); ``assemble`` then
writes the cleaned text, the ``OffsetMap`` and the ``Removed`` spans.

A unit's text is a sequence of **runs**, each tied to the raw text: a 1:1 run copies characters
one for one (a character may be normalised: NBSP -> space), an *atomic* run stands for a raw piece
as a whole (an HTML entity). Whitespace is normalised here, the same way for every format:
every run of whitespace and invisible characters (zero-width spaces, soft hyphens, BOMs, bidi
marks, control characters) becomes one space mapped to the first whitespace character of the run,
or nothing when the run holds no whitespace (``Pu\\u200btin`` -> ``Putin``) or starts/ends a line.

Plain-text separators map to the raw line-break characters (``"\\n"``, or a lone ``"\\r"``; for CRLF
the ``"\\n"``), so a plain-text cleaned character is always its raw character or that character
normalised. ``raw_text`` keeps ``"\\r"``: it is the decoded file, exactly.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ..model import OffsetMap, Removed

# Invisible characters: zero-width, soft hyphen, BOM, bidi controls, C0/C1 controls (not whitespace).
_INVISIBLE = "\u200b-\u200f\u2060-\u2064\ufeff\u00ad\u180e\u202a-\u202e\u2066-\u2069\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
# A run with at least one non-plain-space whitespace or invisible char, or 2+ plain spaces.
_ODD = re.compile(rf"(?:[ ]*(?:[^\S ]|[{_INVISIBLE}]))+[ ]*|[ ]{{2,}}")
_INVISIBLE_RE = re.compile(rf"[{_INVISIBLE}]")
_ODD_CHAR = re.compile(rf"[^\S ]|[{_INVISIBLE}]|  ")  # fast test: is there anything to normalise?
STRIP = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + "".join(
    chr(c) for c in range(0x3001) if _INVISIBLE_RE.match(chr(c))
) + "\ufeff"
_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Run:
    """Cleaned characters and the raw characters they come from."""

    text: str
    raw_start: int
    raw_len: int
    atomic: bool = False  # text stands for raw[raw_start:raw_start+raw_len] as a whole


@dataclass
class Unit:
    """One line of the cleaned text, before the rules decide whether to keep it."""

    runs: list[Run]
    raw_start: int  # extent of the unit's content in the raw text (for Removed spans)
    raw_end: int
    block: int
    breaks_after: tuple[int, ...] = ()  # raw positions of the line breaks that follow (plain text)
    tag: str = ""  # markup hint: "h1", "li", "title"... (HTML/Markdown); "" for plain text
    text: str = field(init=False)

    def __post_init__(self) -> None:
        self.text = "".join(r.text for r in self.runs)


def split_unit(unit: Unit, at: int) -> tuple[Unit, Unit] | None:
    """``unit`` cut at offset ``at`` of its text into two units of the same block (the space at the
    cut dropped), or None when the cut would fall inside an atomic run or leave an empty side."""
    left: list[Run] = []
    right: list[Run] = []
    pos = 0
    for r in unit.runs:
        n = len(r.text)
        if pos + n <= at:
            left.append(r)
        elif pos >= at:
            right.append(r)
        elif r.atomic or n != r.raw_len:
            return None
        else:
            k = at - pos
            left.append(Run(r.text[:k], r.raw_start, k))
            right.append(Run(r.text[k:], r.raw_start + k, n - k))
        pos += n
    left = normalise(left)
    right = normalise(right)
    if not left or not right:
        return None

    def unit_of(runs: list[Run], breaks: tuple[int, ...]) -> Unit:
        return Unit(runs, runs[0].raw_start, runs[-1].raw_start + runs[-1].raw_len, unit.block, breaks, unit.tag)

    return unit_of(left, ()), unit_of(right, unit.breaks_after)


def normalise(runs: list[Run]) -> list[Run]:
    """Fold whitespace and drop invisible characters across ``runs`` (see module docstring)."""
    out: list[Run] = []
    pending: Run | None = None  # a space waiting for the next visible character
    started = False

    def space(pos: int, length: int = 1, atomic: bool = False) -> None:
        nonlocal pending
        if started and pending is None:
            pending = Run(" ", pos, length, atomic)

    def emit(run: Run) -> None:
        nonlocal pending, started
        if pending is not None:
            out.append(pending)
            pending = None
        out.append(run)
        started = True

    for run in runs:
        if run.atomic:
            t = run.text
            if not t.strip(STRIP):
                if any(c.isspace() for c in t):
                    space(run.raw_start, run.raw_len, True)
                continue
            emit(run)
            continue
        text, base, pos = run.text, run.raw_start, 0
        if not text:
            continue
        if not _ODD_CHAR.search(text):  # the common case: nothing to fold
            _plain(text, base, 0, len(text), emit, space)
            continue
        for m in _ODD.finditer(text):
            if m.start() > pos:
                _plain(text, base, pos, m.start(), emit, space)
            chunk = m.group()
            for i, c in enumerate(chunk):
                if c.isspace():
                    space(base + m.start() + i)
                    break
            pos = m.end()
        if pos < len(text):
            _plain(text, base, pos, len(text), emit, space)
    return out


def drop_ranges(runs: list[Run], ranges: list[tuple[int, int]]) -> list[Run]:
    """Remove the cleaned-text ranges ``[a, b)`` (offsets into the runs' joined text) from ``runs``.

    Used for inline markup (Markdown ``**``, link brackets): a 1:1 run is split around a range, an
    atomic run touched by a range disappears whole. The result is normalised again.
    """
    if not ranges:
        return runs
    ranges = sorted(ranges)
    out: list[Run] = []
    pos = 0
    k = 0
    for run in runs:
        n = len(run.text)
        a0, b0 = pos, pos + n
        pos = b0
        while k < len(ranges) and ranges[k][1] <= a0:
            k += 1
        if run.atomic:
            if any(a < b0 and b > a0 for a, b in ranges[k:k + 4]):
                continue
            out.append(run)
            continue
        cur = a0
        j = k
        while j < len(ranges) and ranges[j][0] < b0:
            a, b = max(ranges[j][0], a0), min(ranges[j][1], b0)
            if a > cur:
                out.append(Run(run.text[cur - a0:a - a0], run.raw_start + cur - a0, a - cur))
            cur = max(cur, b)
            j += 1
        if cur < b0:
            out.append(Run(run.text[cur - a0:], run.raw_start + cur - a0, b0 - cur))
    return normalise(out)


def _plain(text: str, base: int, a: int, b: int, emit, space) -> None:
    """Emit text[a:b] (no odd whitespace inside, but maybe one plain space at either end)."""
    if text[a] == " ":
        space(base + a)
        a += 1
    tail = b > a and text[b - 1] == " "
    if tail:
        b -= 1
    if b > a:
        emit(Run(text[a:b], base + a, b - a))
    if tail:
        space(base + b)


def text_units(raw: str, start: int = 0, end: int | None = None, *, unwrap: str = "auto") -> list[Unit]:
    """Plain text -> units: one per line, blocks split at blank lines.

    ``unwrap="auto"`` (plain text): hard-wrapped prose (e.g. wire copy wrapped at 65 columns) is
    unwrapped: inside a block whose lines are all short (<= 100 characters, median >= 40) and mostly
    do not end a sentence, a line joins the previous one with a space, unless it is indented or a
    list item (that is how such copy marks a new paragraph). Elsewhere every line break is kept.
    ``unwrap="markdown"``: a line break is a space (Markdown's soft break) unless the next line is
    a list item, heading, quote or table row, or the line ends with two spaces. ``"none"``: keep all.
    """
    end = len(raw) if end is None else end
    lines: list[tuple[int, int, int]] = []  # (content start, content end, break position or -1)
    pos = start
    for m in _BREAK.finditer(raw, start, end):
        lines.append((pos, m.start(), m.end() - 1))
        pos = m.end()
    if pos < end:
        lines.append((pos, end, -1))
    blocks: list[list[tuple[int, int, int]]] = []
    current: list[tuple[int, int, int]] = []
    blank_breaks: dict[int, list[int]] = {}  # index of block -> breaks of the blank lines after it
    for s, e, brk in lines:
        seg = raw[s:e]
        if not seg.strip(STRIP):
            if current:
                blocks.append(current)
                current = []
            if blocks and brk >= 0:
                blank_breaks.setdefault(len(blocks) - 1, []).append(brk)
            continue
        current.append((s, e, brk))
    if current:
        blocks.append(current)
    units: list[Unit] = []
    for b, block in enumerate(blocks):
        groups = _wrap_groups(raw, block, unwrap) if unwrap != "none" and len(block) > 1 else [[ln] for ln in block]
        for g, group in enumerate(groups):
            runs: list[Run] = []
            for i, (s, e, brk) in enumerate(group):
                runs.extend(_entity_runs(raw, s, e))
                if i < len(group) - 1:
                    runs.append(Run(raw[brk], brk, 1))  # the soft wrap becomes a space
            runs = normalise(runs)
            if not runs:
                continue
            last_brk = group[-1][2]
            breaks = (last_brk,) if last_brk >= 0 else ()
            if g == len(groups) - 1:
                breaks += tuple(blank_breaks.get(b, ()))
            units.append(Unit(runs, runs[0].raw_start, runs[-1].raw_start + runs[-1].raw_len, b, breaks))
    return units


# A character reference written out in plain text, as wire copy and SGML dumps carry them
# ("Borg-Warner Corp &lt;BOR>", "AT&amp;T"). Only complete references (with the ";") are decoded,
# so "AT&T" and "R&D" stay as they are.
_ENTITY_REF = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def _entity_runs(raw: str, s: int, e: int) -> list[Run]:
    """The line ``raw[s:e]`` as runs: 1:1 text, and an atomic run per character reference that decodes
    (its decoded character stands for the whole reference, so offsets still point into the raw text)."""
    if "&" not in raw[s:e]:
        return [Run(raw[s:e], s, e - s)]
    out: list[Run] = []
    pos = s
    for m in _ENTITY_REF.finditer(raw, s, e):
        decoded = html.unescape(m.group())
        if decoded == m.group():  # not a reference HTML knows
            continue
        if m.start() > pos:
            out.append(Run(raw[pos:m.start()], pos, m.start() - pos))
        out.append(Run(decoded, m.start(), m.end() - m.start(), True))
        pos = m.end()
    if pos < e:
        out.append(Run(raw[pos:e], pos, e - pos))
    return out


_LIST_ITEM = re.compile(r"[ \t]*(?:[-*+•·▪◦‣–—]|\d{1,3}[.)])\s")
_SENTENCE_END = re.compile(r"[.!?:;\"”’»)\]]\s*$")


_MD_BREAK = re.compile(r"[ \t]*(?:[-*+]\s|\d{1,3}[.)]\s|#{1,6}\s|>|\||```|~~~)")


def _wrap_groups(raw: str, block: list[tuple[int, int, int]], mode: str) -> list[list[tuple[int, int, int]]]:
    texts = [raw[s:e] for s, e, _ in block]
    if mode == "markdown":
        groups = [[block[0]]]
        for ln, prev, t in zip(block[1:], texts, texts[1:], strict=False):  # texts is one longer
            if _MD_BREAK.match(t) or _MD_BREAK.match(prev) and prev.lstrip()[:1] == "#" or prev.endswith("  "):
                groups.append([ln])
            else:
                groups[-1].append(ln)
        return groups
    lengths = sorted(len(t.strip()) for t in texts[:-1])
    wrapped = (
        max(len(t) for t in texts) <= 100
        and lengths[len(lengths) // 2] >= 40
        and sum(bool(_SENTENCE_END.search(t)) for t in texts[:-1]) * 2 <= len(texts) - 1
    )
    if not wrapped:
        return [[ln] for ln in block]
    groups = [[block[0]]]
    for ln, t in zip(block[1:], texts[1:], strict=True):
        if t[:1] in (" ", "\t") or _LIST_ITEM.match(t):
            groups.append([ln])
        else:
            groups[-1].append(ln)
    return groups


# ---------------------------------------------------------------------------------------------
# Assembly


@dataclass(frozen=True)
class Assembled:
    text: str
    offsets: OffsetMap
    removed: tuple[Removed, ...]
    kept: tuple[int, ...]  # indexes of the kept units, in order
    unit_starts: tuple[int, ...]  # cleaned offset of each kept unit


def assemble(raw: str, units: list[Unit], reasons: list[str | None], extra_removed: list[Removed] = ()) -> Assembled:
    """Write the cleaned text from the kept units; record removed units as ``Removed`` spans.

    Consecutive removed units with the same reason make one span (``raw[start:end]`` then covers the
    line breaks between them too). ``extra_removed`` (HTML elements, front matter) are merged in.
    """
    pieces: list[str] = []
    segs: list[list[int]] = []  # [clean_start, raw_start, length]
    repl: list[tuple[int, int, int, int]] = []
    clean_len = 0
    kept: list[int] = []
    starts: list[int] = []

    def add(run: Run) -> None:
        nonlocal clean_len
        n = len(run.text)
        if run.atomic or n != run.raw_len:
            repl.append((clean_len, n, run.raw_start, run.raw_len))
        elif segs and segs[-1][0] + segs[-1][2] == clean_len and segs[-1][1] + segs[-1][2] == run.raw_start:
            segs[-1][2] += n
        else:
            segs.append([clean_len, run.raw_start, n])
        pieces.append(run.text)
        clean_len += n

    extra_starts = sorted(r.start for r in extra_removed)
    prev = -1
    for i, unit in enumerate(units):
        if reasons[i] is not None or not unit.runs:
            continue
        if prev >= 0:
            sep = "\n" if units[prev].block == unit.block else "\n\n"
            breaks = [p for u in units[prev:i] for p in u.breaks_after]
            if len(breaks) >= len(sep):
                for p in breaks[: len(sep)]:
                    add(Run("\n", p, 1))
            else:  # markup (HTML): the separator stands for the gap as a whole, up to any removed element
                gap_start = units[prev].raw_end
                k = bisect_left(extra_starts, gap_start)
                gap_end = min(unit.raw_start, extra_starts[k]) if k < len(extra_starts) else unit.raw_start
                add(Run(sep, gap_start, max(0, gap_end - gap_start), True))
        starts.append(clean_len)
        for run in unit.runs:
            add(run)
        kept.append(i)
        prev = i

    removed = list(extra_removed)
    group: list[int] = []

    def extra_between(a: int, b: int) -> bool:
        k = bisect_left(extra_starts, a)
        return k < len(extra_starts) and extra_starts[k] < b

    def flush() -> None:
        if group:
            s, e = units[group[0]].raw_start, units[group[-1]].raw_end
            removed.append(Removed(s, e, reasons[group[0]], raw[s:e]))
            group.clear()

    for i, unit in enumerate(units):
        r = reasons[i]
        if r is None:
            flush()
        elif group and (reasons[group[-1]] != r or extra_between(units[group[-1]].raw_end, unit.raw_start)):
            flush()
            group.append(i)
        else:
            group.append(i)
    flush()
    removed.sort(key=lambda x: (x.start, x.end))
    offsets = OffsetMap(tuple(tuple(s) for s in segs), tuple(repl))  # type: ignore[arg-type]
    return Assembled("".join(pieces), offsets, tuple(removed), tuple(kept), tuple(starts))

