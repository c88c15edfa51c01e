"""Quotations found on the characters, paragraph by paragraph, before the parse is consulted."""

from __future__ import annotations

import re
from bisect import bisect_right

_QUOTE_OPEN = "“„«"
_QUOTE_CLOSE = "”»"
_QUOTE_BOTH = '"'


# ---------------------------------------------------------------------------------------------
# Quotations on the characters


def _quote_spans(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, closed)`` of every double-quoted stretch, quote marks included.

    Scanned per paragraph (a line break ends any open quotation), so one stray mark cannot
    swallow the rest of the article.
    """
    out: list[tuple[int, int, bool]] = []
    para_start = 0
    open_at = -1
    for m in _QUOTE_OR_NL.finditer(text):
        i = m.start()
        ch = text[i]
        if ch == "\n":
            if open_at >= 0:
                end = i
                while end > open_at + 1 and text[end - 1].isspace():
                    end -= 1
                out.append((open_at, end, False))
                open_at = -1
            para_start = i + 1
            continue
        if open_at >= 0 and open_at == i - 1 and text[open_at] == ch:
            continue  # a doubled mark (scraping debris: ""unconscionable ...") opens once
        if ch in _QUOTE_OPEN or (ch in _QUOTE_BOTH and open_at < 0):
            if open_at >= 0:  # a second opener: the first one was never closed
                out.append((open_at, i, False))
            open_at = i
        elif ch in _QUOTE_CLOSE or ch in _QUOTE_BOTH:
            if open_at >= 0:
                out.append((open_at, i + 1, True))
                open_at = -1
            else:  # a closer with no opener: the quotation started with the paragraph
                start = max(para_start, out[-1][1] if out else 0)
                while start < i and text[start].isspace():
                    start += 1
                if i - start > 0:
                    out.append((start, i + 1, False))
    if open_at >= 0:
        end = len(text)
        while end > open_at + 1 and text[end - 1].isspace():
            end -= 1
        out.append((open_at, end, False))
    return out


_QUOTE_OR_NL = re.compile("[\n" + _QUOTE_OPEN + _QUOTE_CLOSE + _QUOTE_BOTH + "]")


class _Quotes:
    def __init__(self, spans: list[tuple[int, int, bool]]):
        self.spans = spans
        self.starts = [s for s, _, _ in spans]

    def at(self, char: int, closed_only: bool = False) -> int:
        """Index of the quotation holding ``char`` (between its marks), or -1."""
        i = bisect_right(self.starts, char) - 1
        if i >= 0 and self.spans[i][0] < char < self.spans[i][1]:
            if closed_only and not self.spans[i][2]:
                return -1
            return i
        return -1

    def overlapping(self, start: int, end: int) -> list[int]:
        i = max(0, bisect_right(self.starts, start) - 1)
        out = []
        while i < len(self.spans) and self.spans[i][0] < end:
            if self.spans[i][1] > start:
                out.append(i)
            i += 1
        return out


def _strip_quote(text: str, s: int, e: int) -> tuple[int, int]:
    """Quotation span without its marks and without a trailing comma inside them."""
    if s < e and text[s] in _QUOTE_OPEN + _QUOTE_BOTH:
        s += 1
    if s < e and text[s] == "\u2060":
        s += 1
    if e > s and text[e - 1] in _QUOTE_CLOSE + _QUOTE_BOTH:
        e -= 1
    while e > s and (text[e - 1] in ",;: " or text[e - 1].isspace()):
        e -= 1
    while s < e and text[s].isspace():
        s += 1
    return s, e


def _in_open_quote(quotes: _Quotes, char: int) -> bool:
    """Whether ``char`` lies in a quotation whose closing mark was never found."""
    q = quotes.at(char)
    return q >= 0 and not quotes.spans[q][2]


def _quotation_above(text: str, quotes, pos: int) -> tuple[int, int] | None:
    """The quotation paragraph that ends right above ``pos`` (a signature line under a quote), as
    (start, end), or None: the quote must reach the end of the text before ``pos`` and lie on one
    paragraph."""
    k = pos
    while k > 0 and text[k - 1].isspace():
        k -= 1
    q = quotes.overlapping(k - 1, k)
    if not q:
        return None
    qs, qe, _ = quotes.spans[q[-1]]
    if qe < k - 1 or text.rfind("\n", 0, k) >= qs:
        return None
    return qs, qe
