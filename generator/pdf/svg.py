"""Small static SVG charts for the PDFs: relationship graph, timeline, numeric series, roles.

Written here because ``generator/render/svg.py`` (the site's charts) did not exist yet when the PDFs
were built; the signatures take plain tuples so that either module can serve both outputs once the
two are unified. Every string from an article goes through :func:`_t` (XML-escaped), so a name like
``<script>`` is drawn as text. Output is deterministic (layout depends only on the input order and
values) and uses only the DejaVu fonts installed with the system, so it needs nothing from the
network. Sizes are in a 680-unit wide ``viewBox``, scaled to the page's text width.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from html import escape

W = 680
FONT = 'font-family="DejaVu Sans, sans-serif"'
KIND_COLOUR = {
    "person": "#1f4e79",
    "organisation": "#7a4d00",
    "state": "#2e6b30",
    "armed_group": "#8b1a1a",
}
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


def relationship_graph(nodes: list[tuple[str, str, str, int, str | None]], edges: list[tuple[str, str, int]]) -> str:
    """Actors on a circle, most present at the top, joined by lines as thick as their link.

    ``nodes``: (id, name, kind, weight, anchor); ``edges``: (id, id, weight).
    """
    n = len(nodes)
    h = 430
    cx, cy, r = W / 2, h / 2, 160
    pos = {}
    for i, (nid, *_rest) in enumerate(nodes):
        ang = -math.pi / 2 + 2 * math.pi * i / max(1, n)
        pos[nid] = (cx + r * math.cos(ang), cy + r * math.sin(ang), ang)
    maxw = max((w for *_x, w in edges), default=1)
    maxn = max((nd[3] for nd in nodes), default=1) or 1
    body = ['<g stroke="#9aa5b1" stroke-linecap="round">']
    for a, b, w in reversed(edges):
        if a in pos and b in pos:
            (x1, y1, _), (x2, y2, _) = pos[a], pos[b]
            sw = 0.6 + 4.4 * w / maxw
            op = 0.35 + 0.5 * w / maxw
            body.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke-width="{sw:.1f}" stroke-opacity="{op:.2f}"/>')
    body.append("</g>")
    for nid, name, kind, weight, _anchor in nodes:
        x, y, ang = pos[nid]
        rad = 4 + 8 * math.sqrt(weight / maxn)
        col = KIND_COLOUR.get(kind, GREY)
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{rad:.1f}" fill="{col}" stroke="#fff" stroke-width="1.5"/>')
        c = math.cos(ang)
        anchor_ = "start" if c > 0.2 else "end" if c < -0.2 else "middle"
        lx = x + (rad + 5) * (1 if anchor_ == "start" else -1 if anchor_ == "end" else 0)
        ly = y + (rad + 12) * (1 if math.sin(ang) > 0.5 else -1 if math.sin(ang) < -0.5 else 0) + 4
        body.append(f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor_}" font-size="10.5" {FONT} fill="#222">{_t(name, 30)}</text>')
    # legend
    lx = 8
    for kind, col in KIND_COLOUR.items():
        body.append(f'<circle cx="{lx + 5}" cy="{h - 10}" r="5" fill="{col}"/>')
        label = kind.replace("_", " ")
        body.append(f'<text x="{lx + 14}" y="{h - 6}" font-size="10" {FONT} fill="#444">{label}</text>')
        lx += 24 + 6.5 * len(label)
    return _svg(h, body, "Relationship graph of the key actors")


def timeline_chart(points: list[tuple[str, str, str | None]]) -> str:
    """Events (anchor given) as labelled dots above a date axis; other points (sources) as ticks below.

    ``points``: (ISO date, label, anchor or None). At most 12 event labels are drawn (the first
    given, i.e. the most important); the others are unlabelled dots, listed in the chronology.
    """
    evs = [(day_number(d), lab) for d, lab, anc in points if anc is not None and day_number(d) is not None]
    marks = sorted({day_number(d) for d, _l, anc in points if anc is None and day_number(d) is not None})
    days = [d for d, _ in evs] + marks
    h = 200
    if not days:
        return _svg(40, [f'<text x="10" y="24" font-size="11" {FONT} fill="{GREY}">No dated events.</text>'], "Timeline")
    lo, hi = min(days), max(days)
    if hi - lo < 30:
        lo, hi = lo - 15, hi + 15
    pad = (hi - lo) * 0.04
    lo, hi = lo - pad, hi + pad
    x0, x1, axis = 20, W - 20, 140

    def X(d: float) -> float:
        return x0 + (x1 - x0) * (d - lo) / (hi - lo)

    body = [f'<line x1="{x0}" y1="{axis}" x2="{x1}" y2="{axis}" stroke="#333" stroke-width="1"/>']
    for d, lab in _ticks(lo, hi):
        body.append(f'<line x1="{X(d):.1f}" y1="{axis}" x2="{X(d):.1f}" y2="{axis + 5}" stroke="#333"/>')
        body.append(f'<text x="{X(d):.1f}" y="{axis + 17}" text-anchor="middle" font-size="9.5" {FONT} fill="#333">{_t(lab)}</text>')
    for d in marks:
        body.append(f'<line x1="{X(d):.1f}" y1="{axis + 22}" x2="{X(d):.1f}" y2="{axis + 32}" stroke="{GREY}" stroke-width="1.2"/>')
    if marks:
        body.append(f'<text x="{x0}" y="{axis + 48}" font-size="9" {FONT} fill="{GREY}">| publication of a source</text>')
    labelled = evs[:12]
    levels = 4
    for i, (d, lab) in enumerate(sorted(labelled, key=lambda t: t[0])):
        x = X(d)
        ly = axis - 18 - 28 * (i % levels)
        body.append(f'<line x1="{x:.1f}" y1="{axis}" x2="{x:.1f}" y2="{ly + 3:.1f}" stroke="#9aa5b1" stroke-width="0.8"/>')
        anchor_ = "start" if x < W * 0.6 else "end"
        dx = 3 if anchor_ == "start" else -3
        body.append(f'<text x="{x + dx:.1f}" y="{ly:.1f}" text-anchor="{anchor_}" font-size="9.5" {FONT} fill="#1f2933">{_t(lab, 34)}</text>')
    for d, _lab in evs:
        body.append(f'<circle cx="{X(d):.1f}" cy="{axis}" r="4" fill="#1f4e79" stroke="#fff" stroke-width="1"/>')
    return _svg(h, body, "Timeline of key events")


def series_chart(title: str, points: list[tuple[str, int, str]]) -> str:
    """Reported values over time: dots joined by a line; "at least" etc. drawn as open dots."""
    pts = sorted((day_number(d), v, q) for d, v, q in points if day_number(d) is not None)
    h = 220
    if not pts:
        return _svg(40, [f'<text x="10" y="24" font-size="11" {FONT}>No dated figures.</text>'], title)
    lo, hi = pts[0][0], pts[-1][0]
    if hi - lo < 30:
        lo, hi = lo - 15, hi + 15
    vmax = max(v for _d, v, _q in pts) or 1
    mag = 10 ** max(0, len(str(vmax)) - 1)
    top = math.ceil(vmax / mag) * mag
    x0, x1, y0, y1 = 70, W - 20, 180, 20

    def X(d):
        return x0 + (x1 - x0) * (d - lo) / (hi - lo)

    def Y(v):
        return y0 - (y0 - y1) * v / top

    body = []
    for k in range(5):
        v = top * k / 4
        body.append(f'<line x1="{x0}" y1="{Y(v):.1f}" x2="{x1}" y2="{Y(v):.1f}" stroke="#e1e5ea"/>')
        body.append(f'<text x="{x0 - 6}" y="{Y(v) + 3:.1f}" text-anchor="end" font-size="9.5" {FONT} fill="#333">{int(v):,}</text>')
    for d, lab in _ticks(lo, hi):
        body.append(f'<text x="{X(d):.1f}" y="{y0 + 16}" text-anchor="middle" font-size="9.5" {FONT} fill="#333">{_t(lab)}</text>')
    path = " ".join(f"{'M' if i == 0 else 'L'}{X(d):.1f},{Y(v):.1f}" for i, (d, v, _q) in enumerate(pts))
    body.append(f'<path d="{path}" fill="none" stroke="#1f4e79" stroke-width="1.5"/>')
    for d, v, q in pts:
        fill = "#fff" if q else "#1f4e79"
        body.append(f'<circle cx="{X(d):.1f}" cy="{Y(v):.1f}" r="3.5" fill="{fill}" stroke="#1f4e79" stroke-width="1.5"/>')
    body.append(f'<text x="{x0}" y="{h - 4}" font-size="9" {FONT} fill="{GREY}">open dot: a bound ("at least", "more than"); filled: a figure as reported</text>')
    return _svg(h, body, title)


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
