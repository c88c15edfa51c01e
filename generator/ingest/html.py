"""HTML articles -> units (stdlib ``html.parser``), with every piece of text tied to its source offset.

For HTML, ``raw_text`` is the HTML source, and offsets point into it. Text is copied 1:1 from the
source; an entity (``&amp;``, ``&#233;``) becomes an *atomic* run: one decoded character standing for
the whole entity, so a reported span never cuts an entity in half and ``raw[start:end]`` is still
exactly the reported text (it is the raw slice, markup included).

What is kept: the text of ``<body>``, with block elements (p, div, h1-h6, li, tr, blockquote...) as
paragraphs and ``<br>`` as line breaks. What is dropped:

* invisible content: ``<head>`` (except ``<title>``), script, style, noscript, template, svg, iframe,
  select, button -- not recorded, it was never text;
* page furniture, recorded as ``Removed`` with reason ``html <tag>``: nav, aside, form, footer,
  ``<header>`` outside the article, figure/figcaption (``photo caption``); an element that is never
  closed is *not* dropped (a missing ``</nav>`` must not swallow the page);
* when the page has an ``<article>`` (else ``<main>``) holding at least 200 characters, the text
  outside it (``outside <article>``).

Metadata: title from the first ``<h1>``, else ``og:title``, else ``<title>``; outlet from
``og:site_name`` / ``application-name``; date from ``article:published_time`` and the usual
``date``/``pubdate``/``dc.date``/``datePublished`` metas or a ``<time itemprop=datePublished>``;
url from ``og:url`` or ``<link rel=canonical>``. The same boilerplate rules as for plain text run
on the extracted units afterwards. Whitespace is folded everywhere, ``<pre>`` included (articles
do not rely on preformatted layout); table cells are separated by a space, rows are lines.
"""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from ..model import Removed
from .layout import Run, Unit, normalise

BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr table thead tbody tfoot blockquote section article main "
    "pre hr address center fieldset details summary body html caption legend option".split()
)
INVISIBLE = frozenset("head script style noscript template svg iframe object select button canvas math".split())
FURNITURE = frozenset("nav aside form footer header figure figcaption".split())
CELL = frozenset("td th".split())
_ENTITY = re.compile(r"&(?:#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z][-.A-Za-z0-9]*);?")
_DATE_META = frozenset(
    "article:published_time og:published_time date pubdate publishdate publish_date publication_date "
    "dc.date dc.date.issued dcterms.date dcterms.issued citation_publication_date sailthru.date "
    "parsely-pub-date datepublished".split()
)


@dataclass
class HtmlDoc:
    units: list[Unit]
    preset: list[str | None]  # reasons already known per unit ("outside <article>")
    removed: list[Removed]
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass
class _Ctx:
    tag: str
    start: int
    closed: bool = False
    end: int = -1


@dataclass
class _Piece:
    run: Run | None  # None for a break
    brk: str = ""  # "line" | "block"
    drops: tuple[_Ctx, ...] = ()
    in_main: bool = False
    h1: bool = False


class _Parser(HTMLParser):
    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self.raw = raw
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.pieces: list[_Piece] = []
        self.invisible: list[str] = []
        self.drops: list[_Ctx] = []
        self.all_drops: list[_Ctx] = []
        self.main_stack: list[_Ctx] = []
        self.mains: list[_Ctx] = []
        self.in_title = False
        self.h1_depth = 0
        self.title_parts: list[str] = []
        self.h1_parts: list[str] = []
        self.h1_done = False
        self.meta: dict[str, str] = {}

    # -- positions -------------------------------------------------------------------------
    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col if line - 1 < len(self.line_starts) else len(self.raw)

    def _tag_end(self, start: int) -> int:
        end = self.raw.find(">", start)
        return len(self.raw) if end < 0 else end + 1

    # -- structure -------------------------------------------------------------------------
    def _break(self, kind: str) -> None:
        self.pieces.append(_Piece(None, kind))

    def _add(self, run: Run) -> None:
        if self.invisible:
            if self.in_title:
                self.title_parts.append(run.text)
            return
        if self.h1_depth and not self.h1_done:
            self.h1_parts.append(run.text)
        self.pieces.append(_Piece(run, drops=tuple(self.drops),
                                  in_main=bool(self.main_stack), h1=bool(self.h1_depth)))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pos = self._pos()
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and "content" in a:
                self.meta.setdefault(key, a["content"])
            return
        if tag == "link" and "canonical" in a.get("rel", "").lower():
            self.meta.setdefault("canonical", a.get("href", ""))
            return
        if tag == "time" and a.get("itemprop", "").lower() == "datepublished" and a.get("datetime"):
            self.meta.setdefault("datepublished", a["datetime"])
        if tag == "title":
            self.in_title = True
            self.invisible.append(tag)
            return
        if tag in INVISIBLE:
            self.invisible.append(tag)
            return
        if tag == "body" and "head" in self.invisible:
            self.invisible = [t for t in self.invisible if t != "head"]
        if tag in FURNITURE and not (tag == "header" and self.main_stack):
            ctx = _Ctx(tag, pos)
            self.drops.append(ctx)
            self.all_drops.append(ctx)
        if tag in ("article", "main"):
            ctx = _Ctx(tag, pos)
            self.main_stack.append(ctx)
            self.mains.append(ctx)
        if tag == "h1":
            self.h1_depth += 1
        if tag == "br":
            self._break("line")
        elif tag in BLOCK or tag in FURNITURE:
            self._break("block")
        elif tag in CELL:
            self._add(Run(" ", pos, 0, True))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("meta", "link"):
            self.handle_starttag(tag, attrs)
        elif tag == "br":
            self._break("line")
        elif tag in BLOCK:
            self._break("block")

    def handle_endtag(self, tag: str) -> None:
        pos = self._pos()
        end = self._tag_end(pos)
        if tag == "title" and self.in_title:
            self.in_title = False
        if tag in INVISIBLE or tag == "title":
            if tag in self.invisible:
                while self.invisible and self.invisible.pop() != tag:
                    pass
            return
        if tag in FURNITURE:
            for k in range(len(self.drops) - 1, -1, -1):
                if self.drops[k].tag == tag:
                    ctx = self.drops[k]
                    ctx.closed, ctx.end = True, end
                    del self.drops[k:]
                    break
        if tag in ("article", "main"):
            for k in range(len(self.main_stack) - 1, -1, -1):
                if self.main_stack[k].tag == tag:
                    ctx = self.main_stack[k]
                    ctx.closed, ctx.end = True, end
                    del self.main_stack[k:]
                    break
        if tag == "h1" and self.h1_depth:
            self.h1_depth -= 1
            if not self.h1_depth and self.h1_parts:
                self.h1_done = True
        if tag in BLOCK or tag in FURNITURE:
            self._break("block")
        elif tag in CELL:
            self._add(Run(" ", pos, 0, True))

    # -- text ------------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        pos = self._pos()
        if self.raw.startswith(data, pos):
            self._add(Run(data, pos, len(data)))
        else:  # should not happen; keep the text, mapped as a whole to where the parser was
            self._add(Run(data, pos, 0, True))

    def _ref(self) -> None:
        pos = self._pos()
        m = _ENTITY.match(self.raw, pos)
        if not m:
            return
        src = m.group()
        text = htmllib.unescape(src)
        if text == src:
            self._add(Run(src, pos, len(src)))
        else:
            self._add(Run(text, pos, len(src), True))

    def handle_entityref(self, name: str) -> None:
        self._ref()

    def handle_charref(self, name: str) -> None:
        self._ref()


def read_html(raw: str) -> HtmlDoc:
    p = _Parser(raw)
    p.feed(raw)
    p.close()
    # pieces -> lines -> units
    main = next((m for m in p.mains if m.closed and m.tag == "article"), None) or next(
        (m for m in p.mains if m.closed and m.tag == "main"), None
    )
    main_chars = sum(len(pc.run.text) for pc in p.pieces if pc.run and pc.in_main and not _dropped(pc))
    use_main = main is not None and main_chars >= 200
    units: list[Unit] = []
    preset: list[str | None] = []
    block = 0
    line: list[_Piece] = []

    def flush_line() -> None:
        if not line:
            return
        runs = normalise([pc.run for pc in line if pc.run is not None])
        if runs:
            u = Unit(runs, runs[0].raw_start, runs[-1].raw_start + runs[-1].raw_len, block,
                     tag="h1" if all(pc.h1 for pc in line) else "")
            units.append(u)
            outside = use_main and not any(pc.in_main for pc in line)
            preset.append("outside <article>" if outside else None)
        line.clear()

    for pc in p.pieces:
        if pc.run is None:
            flush_line()
            if pc.brk == "block":
                block += 1
            continue
        if _dropped(pc):
            continue
        line.append(pc)
    flush_line()

    removed = []
    for ctx in p.all_drops:
        if ctx.closed:
            reason = "photo caption" if ctx.tag in ("figure", "figcaption") else f"html <{ctx.tag}>"
            text = raw[ctx.start:ctx.end]
            if re.search(r"\w", re.sub(r"<[^>]*>", " ", text)):
                removed.append(Removed(ctx.start, ctx.end, reason, text))
    removed = _outermost(removed)
    meta = p.meta
    title = _text(p.h1_parts) or meta.get("og:title") or _text(p.title_parts) or None
    outlet = meta.get("og:site_name") or meta.get("application-name") or None
    published = next((meta[k] for k in meta if k in _DATE_META and meta[k].strip()), None)
    url = meta.get("og:url") or meta.get("canonical") or None
    return HtmlDoc(units, preset, removed, title and title.strip(), outlet and outlet.strip(), published, url)


def _dropped(pc: _Piece) -> bool:
    return any(ctx.closed for ctx in pc.drops)


def _outermost(removed: list[Removed]) -> list[Removed]:
    """Nested dropped elements: keep only the outer one."""
    out: list[Removed] = []
    for r in sorted(removed, key=lambda r: (r.start, -r.end)):
        if out and r.start >= out[-1].start and r.end <= out[-1].end:
            continue
        out.append(r)
    return out


def _text(parts: list[str]) -> str:
    return " ".join(htmllib.unescape("".join(parts)).split())
