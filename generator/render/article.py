"""The cleaned article as Markdown: one anchor per sentence, actor mentions linked.

Sentences and mentions carry raw-text offsets; the page shows the *cleaned* text (boilerplate out,
whitespace normalised), so offsets go through the article's offset map. Each sentence becomes
``<span class="dossier-s" id="s-N">...</span>`` (raw inline HTML: MkDocs records the id, so links to
``#s-N`` are checked by the strict build); the text between tags is escaped Markdown, so nothing an
article says can become markup. Paragraphs follow the cleaned text's blank lines.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

from ..model import Article, ArticleExtraction
from .escape import Md, html_escape, md_escape
from .links import sentence_anchor


def _clean_span(article: Article, start: int, end: int) -> tuple[int, int]:
    om = article.offsets
    cs = om.to_clean(start)
    ce = om.to_clean(end - 1) + 1 if end > start else cs
    return cs, max(cs, ce)


def article_markdown(
    article: Article,
    extraction: ArticleExtraction | None,
    mentions: list[tuple[int, int, str]],
    actor_link: Callable[[str, str], Md],
    sentence_marks: dict[int, list[Md]] | None = None,
) -> Md:
    """Markdown paragraphs of ``article.clean_text``.

    ``mentions`` are (raw start, raw end, actor id); ``actor_link(actor_id, text)`` renders a link.
    ``sentence_marks`` maps a sentence index to small links placed right after that sentence (e.g.
    the claims it reports).
    """
    text = article.clean_text
    marks = sentence_marks or {}
    sentences: list[tuple[int, int, int]] = []  # clean start, clean end, index
    if extraction is not None:
        for i, s in enumerate(extraction.sentences):
            cs, ce = _clean_span(article, s.start, s.end)
            if ce > cs:
                sentences.append((cs, ce, i))
    sentences.sort()
    # Mentions: clean offsets, no overlaps (longest first at a given start).
    ms: list[tuple[int, int, str]] = []
    for start, end, actor_id in sorted(mentions, key=lambda m: (m[0], -m[1], m[2])):
        cs, ce = _clean_span(article, start, end)
        if ce <= cs or (ms and cs < ms[-1][1]):
            continue
        ms.append((cs, ce, actor_id))

    paragraphs: list[tuple[int, int]] = []
    pos = 0
    while pos <= len(text):
        nxt = text.find("\n\n", pos)
        end = len(text) if nxt < 0 else nxt
        if text[pos:end].strip():
            paragraphs.append((pos, end))
        if nxt < 0:
            break
        pos = nxt + 2

    # One sweep over paragraphs, sentences and mentions, all sorted (spaCy's sentences partition the
    # text, so their ends increase too): linear in the article, however many paragraphs it has.
    starts = [m[0] for m in ms]
    pieces: list[str] = []

    def emit_plain(a: int, b: int) -> None:
        """Text between a and b with mentions linked (a mention straddling a or b stays unlinked)."""
        cur = a
        for k in range(bisect_left(starts, a), len(ms)):
            cs, ce, actor_id = ms[k]
            if cs >= b:
                break
            if ce > b:
                continue
            if cs > cur:
                pieces.append(md_escape(text[cur:cs], strip=False))
            pieces.append(actor_link(actor_id, text[cs:ce]))
            cur = ce
        if b > cur:
            pieces.append(md_escape(text[cur:b], strip=False))

    opened: set[int] = set()
    out: list[str] = []
    first = 0  # first sentence that may reach into the current paragraph
    for ps, pe in paragraphs:
        pieces.clear()
        while first < len(sentences) and sentences[first][1] <= ps:
            first += 1
        cur = ps
        for j in range(first, len(sentences)):
            cs, ce, idx = sentences[j]
            if cs >= pe:
                break
            a, b = max(cs, ps), min(ce, pe)
            if b <= a:
                continue
            if a > cur:
                emit_plain(cur, a)
            attrs = ' class="dossier-s"'
            if idx not in opened:
                attrs += f' id="{sentence_anchor(idx)}"'
                opened.add(idx)
            pieces.append(f"<span{attrs}>")
            emit_plain(a, b)
            pieces.append("</span>")
            if b == ce:
                for mark in marks.get(idx, []):
                    pieces.append(" " + mark)
            cur = b
        if pe > cur:
            emit_plain(cur, pe)
        line = "".join(pieces).strip()
        if line:
            out.append(line)
    return Md("\n\n".join(out))


def removed_block(article: Article, limit: int = 240) -> Md:
    """A folded ``<details>`` block listing what cleaning removed, each span with its reason.

    Raw HTML block: Markdown is not parsed inside, so the text is HTML-escaped (no blank lines can
    appear because :func:`html_escape` folds whitespace).
    """
    if not article.removed:
        return Md("")
    n = len(article.removed)
    rows = []
    for r in sorted(article.removed, key=lambda r: (r.start, r.end, r.reason)):
        snippet = r.text if len(r.text) <= limit else r.text[: limit - 1] + "…"
        rows.append(
            f"<li><strong>{html_escape(r.reason)}</strong> "
            f'<span class="dossier-muted">(characters {r.start}–{r.end})</span>: '
            f"<q>{html_escape(snippet)}</q></li>"
        )
    return Md(
        '<details class="dossier-removed" data-search-exclude>\n'
        f"<summary>Removed by cleaning: {n} passage{'s' if n != 1 else ''}</summary>\n"
        "<ul>\n" + "\n".join(rows) + "\n</ul>\n</details>"
    )


def sentence_context(
    article: Article,
    extraction: ArticleExtraction,
    index: int,
    highlight: tuple[int, int] | None,
) -> tuple[Md, Md, Md]:
    """(previous sentence, the sentence with ``highlight`` (raw offsets) marked, next sentence).

    Text is taken from the raw sentence slices with whitespace folded. The highlighted part is
    wrapped in ``<mark>`` (inline raw HTML; the text inside stays escaped Markdown).
    """
    sents = extraction.sentences

    def plain(i: int) -> Md:
        return md_escape(sents[i].text) if 0 <= i < len(sents) else Md("")

    if not 0 <= index < len(sents):
        return Md(""), Md(""), Md("")
    s = sents[index]
    main = plain(index)
    if highlight is not None:
        a, b = max(highlight[0], s.start), min(highlight[1], s.end)
        if b > a:
            raw = article.raw_text
            before = md_escape(raw[s.start : a], strip=False).lstrip()
            inner = md_escape(raw[a:b], strip=False)
            after = md_escape(raw[b : s.end], strip=False).rstrip()
            main = Md(f"{before}<mark>{inner}</mark>{after}")
    return plain(index - 1), main, plain(index + 1)
