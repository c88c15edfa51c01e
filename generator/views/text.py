"""Plain text made fit for a page: control characters dropped, whitespace folded, cut to a length.

Shared by the site (``generator.render.escape`` adds Markdown escaping on top) and the PDFs; the
diagrams use :func:`xml_text` for every string they place in SVG.
"""

from __future__ import annotations

import html
import re

# C0 controls except tab/newline/CR, DEL, C1 controls (NEL kept as a space by folding), surrogates,
# and the two non-characters YAML rejects.
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
WS = re.compile(r"\s+")


def clean(text: object) -> str:
    """Drop characters no page may carry and fold whitespace runs (line breaks too) to one space."""
    s = UNPRINTABLE.sub("", str(text))
    return WS.sub(" ", s).strip()


def truncate(text: object, limit: int) -> str:
    """Cut ``text`` at a word boundary so that it is at most ``limit`` characters (with an ellipsis)."""
    s = clean(text)
    if len(s) <= limit:
        return s
    cut = s[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def excerpt(text: str, limit: int) -> str:
    """Whitespace folded; cut at a word boundary with " …" past ``limit`` characters (PDF quotes)."""
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return (cut if len(cut) > limit // 2 else text[:limit]) + " …"


def xml_text(text: object) -> str:
    """Text made inert inside XML/HTML markup or an attribute (``&``, ``<``, ``>``, quotes escaped)."""
    if text is None:
        return ""
    return html.escape(clean(text), quote=True)
