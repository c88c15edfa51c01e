"""The one chart the site does not draw: an actor's roles over time (for the actor briefs).

The relationship graph, timeline and series charts of the PDFs are the site's own
(``generator.render.svg``). Every string goes through :func:`_t` (XML-escaped), so a title like
``<script>`` is drawn as text; output is deterministic; sizes are in a 680-unit wide ``viewBox``
scaled to the text width. (Could move to ``generator/render/svg.py`` if the site wants it.)
"""

from __future__ import annotations

import datetime as dt
import math
import re
from html import escape

W = 680
FONT = 'font-family="DejaVu Sans, sans-serif"'
GREY = "#6b6b6b"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def _t(text: object, limit: int | None = None) -> str:
    s = " ".join(str(text).split())
    if limit and len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    return escape(s, quote=True)


def day_number(value: str | None) -> float | None:
    """ISO date/month/year/week -> proleptic ordinal (month/year at their middle), None if unparsable."""
    if not value:
        return None
    w = _WEEK.match(value)
    try:
        if w:
            return dt.date.fromisocalendar(int(w.group(1)), int(w.group(2)), 4).toordinal()
        m = _DATE.match(value)
        if not m:
            return None
        y, mo, d = int(m.group(1)), m.group(2), m.group(3)
        if d:
            return dt.date(y, int(mo), int(d)).toordinal()
        if mo:
            return dt.date(y, int(mo), 15).toordinal()
        return dt.date(y, 7, 1).toordinal()
    except ValueError:
        return None


def _svg(height: float, body: list[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {height:.0f}" width="100%" '
        f'role="img" aria-label="{_t(label)}">' + "".join(body) + "</svg>"
    )


def _ticks(lo: float, hi: float) -> list[tuple[float, str]]:
    """Axis ticks for a day-ordinal range: years, quarters or months, at most ~10."""
    a, b = dt.date.fromordinal(int(lo)), dt.date.fromordinal(int(math.ceil(hi)))
    months = (b.year - a.year) * 12 + b.month - a.month
    step = 1 if months <= 10 else 3 if months <= 30 else 6 if months <= 60 else 12 * max(1, months // 120)
    out = []
    y, m = a.year, a.month
    while (y, m) <= (b.year, b.month):
        if (m - 1) % step == 0:
            d = dt.date(y, m, 1).toordinal()
            if lo <= d <= hi:
                out.append((d, str(y) if step >= 12 else f"{_MON[m - 1]} {y}"))
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


_MON = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def roles_chart(roles: list[tuple[str, str | None, str | None, bool]], until: str | None = None) -> str:
    """One bar per role from start to end; ``roles``: (title, start, end, curated).

    Curated roles are solid, with an arrow when open-ended (drawn up to ``until``, the latest date
    of the corpus); roles seen in the text are hatched over the dates they were seen.
    """
    rows = [(t, day_number(s), day_number(e), cur) for t, s, e, cur in roles if day_number(s) is not None]
    if not rows:
        return _svg(30, [], "Roles")
    lo = min(s for _t2, s, _e, _v in rows)
    hi = max(max(s, e or s) for _t2, s, e, _v in rows)
    hi = max(hi, day_number(until) or hi)
    hi += max(20, (hi - lo) * 0.04)
    lo -= max(30, (hi - lo) * 0.03)
    x0, x1 = 200, W - 20
    rh = 22
    h = 30 + rh * len(rows)

    def X(d):
        return x0 + (x1 - x0) * (d - lo) / (hi - lo)

    body = [
        '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#dbe4ee"/><line x1="0" y1="0" x2="0" y2="6" stroke="#1f4e79" stroke-width="2"/></pattern></defs>'
    ]
    for i, (title, s, e, ev) in enumerate(rows):
        y = 6 + i * rh
        end = e if e is not None else (hi if ev else s)
        width = max(3.0, X(end) - X(s))
        fill = "#1f4e79" if ev else "url(#hatch)"
        body.append(f'<text x="{x0 - 8}" y="{y + 13}" text-anchor="end" font-size="10" {FONT} fill="#222">{_t(title, 34)}</text>')
        body.append(f'<rect x="{X(s):.1f}" y="{y + 3}" width="{width:.1f}" height="{rh - 8}" fill="{fill}" rx="2"/>')
        if e is None and ev:
            body.append(f'<path d="M{X(end):.1f},{y + 3} l8,{(rh - 8) / 2} l-8,{(rh - 8) / 2} z" fill="#1f4e79"/>')
    ya = 6 + len(rows) * rh
    body.append(f'<line x1="{x0}" y1="{ya}" x2="{x1}" y2="{ya}" stroke="#333"/>')
    for d, lab in _ticks(lo, hi):
        body.append(f'<text x="{X(d):.1f}" y="{ya + 14}" text-anchor="middle" font-size="9.5" {FONT} fill="#333">{_t(lab)}</text>')
    return _svg(h, body, "Roles over time")
