"""Static SVG diagrams for the site and the PDFs: timeline, relationship graph, numeric series, and
the roles-over-time chart of the actor briefs.

Why hand-written SVG: no JavaScript library (the site must work offline, from ``file://`` and on
paper), and full control over determinism -- coordinates are rounded to one decimal and every list
is sorted, so the same model gives byte-identical pictures. Everything a reader needs is printed as
text on the picture (labels, values, dates); nothing is hover-only. Each diagram is accompanied on
its page by a text table with the same facts (accessibility, search, exact values).

Sizes stay bounded as the corpus grows: each diagram shows at most a fixed number of items (the
most documented ones) and says how many it left out.

All text placed in the SVG is HTML-escaped (the SVG is embedded as a raw HTML block, where Markdown
is not parsed), and the block contains no blank line so that Python-Markdown keeps it in one piece.
The roles chart is drawn for print (WeasyPrint, DejaVu Sans, a 680-unit wide ``viewBox``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from ..isodate import interval, precision_of
from .fmt import MONTHS
from .text import truncate
from .text import xml_text as html_escape

FONT = "font-family=\"'Helvetica Neue',Helvetica,Arial,sans-serif\""
KIND_COLOURS = {
    "person": "#1f5fa8",
    "state": "#2e7d32",
    "organisation": "#b35c00",
    "armed_group": "#b71c1c",
    "group": "#6a1b9a",
}
OTHER_COLOUR = "#555555"
HALO = 'stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'  # legible over lines


def _n(x: float) -> str:
    """Deterministic number formatting for coordinates."""
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _text_width(text: str, size: float) -> float:
    """Rough width of ``text`` in a sans-serif font (no font metrics offline; 0.56 em per char)."""
    return len(text) * size * 0.56


# ---------------------------------------------------------------------------------------------
# Dates on an axis

def date_range(value: str | None) -> tuple[int, int] | None:
    """The span of days (ordinal, inclusive start, exclusive end) an ISO value of any precision covers."""
    days = interval(value)
    return (days[0].toordinal(), days[1].toordinal() + 1) if days else None


def _ticks(lo: int, hi: int, max_ticks: int = 8) -> list[tuple[int, str]]:
    """Axis ticks at year, quarter, month or day boundaries, whichever gives at most ``max_ticks``."""
    d0, d1 = dt.date.fromordinal(lo), dt.date.fromordinal(hi)
    for step in (1, 3):  # months
        ticks = []
        y, m = d0.year, d0.month
        while True:
            d = dt.date(y, m, 1)
            if d.toordinal() > hi:
                break
            if d.toordinal() >= lo:
                label = str(y) if m == 1 else f"{MONTHS[m - 1][:3]} {y}"
                ticks.append((d.toordinal(), label))
            m += step
            while m > 12:
                m -= 12
                y += 1
        if 2 <= len(ticks) <= max_ticks:
            return ticks
    span_years = d1.year - d0.year + 1
    if span_years >= 2:
        step = max(1, math.ceil(span_years / max_ticks))
        return [
            (dt.date(y, 1, 1).toordinal(), str(y))
            for y in range(d0.year + 1, d1.year + 1)
            if (y - d0.year) % step == 0 and dt.date(y, 1, 1).toordinal() <= hi
        ]
    # Short span: days.
    step = max(1, math.ceil((hi - lo) / max_ticks))
    return [
        (o, f"{dt.date.fromordinal(o).day} {MONTHS[dt.date.fromordinal(o).month - 1][:3]}")
        for o in range(lo, hi + 1, step)
    ]


# ---------------------------------------------------------------------------------------------
# Timeline


@dataclass(frozen=True)
class TimelineItem:
    id: str
    label: str  # already human: "17 Jun 2013 · G8 summit"
    date: str
    href: str


def timeline_svg(items: Sequence[TimelineItem], *, width: int = 720) -> str:
    """Dated events on a proportional time axis; labels stacked in lanes so none overlap.

    A day-precise event is a dot; a month- or year-precise one is a bar over the whole period it may
    lie in (honest about precision).
    """
    spans = [(it, date_range(it.date)) for it in items]
    spans = [(it, r) for it, r in spans if r]
    if not spans:
        return ""
    lo = min(r[0] for _, r in spans)
    hi = max(r[1] for _, r in spans)
    pad = max(3, (hi - lo) // 20)
    lo, hi = lo - pad, hi + pad
    left, right, size = 16, 16, 12
    plot = width - left - right

    def x(o: float) -> float:
        return left + (o - lo) / (hi - lo) * plot

    lanes: list[float] = []  # right end of what is drawn in each lane
    placed = []
    for it, (a, b) in sorted(spans, key=lambda p: (p[1][0], p[1][1], p[0].id)):
        xa, xb = x(a), max(x(b), x(a) + 2)
        label = truncate(it.label, 60)
        w = _text_width(label, size)
        if xb + 8 + w <= width - right:  # label right of the marker
            occ_a, occ_b, tx, anchor = xa - 5, xb + 8 + w, xb + 8, "start"
        elif xa - 8 - w >= left:  # else left of it
            occ_a, occ_b, tx, anchor = xa - 8 - w, xb + 5, xa - 8, "end"
        else:  # a long bar: the label sits on it, as far left as it fits
            tx = max(left, min(xa + 4, width - right - w))
            occ_a, occ_b, anchor = min(xa, tx) - 5, max(xb, tx + w) + 5, "start"
        on_bar = anchor == "start" and tx < xb
        lane = next((i for i, end in enumerate(lanes) if end + 10 <= occ_a), None)
        if lane is None:
            lanes.append(0.0)
            lane = len(lanes) - 1
        lanes[lane] = occ_b
        placed.append((it, xa, xb, lane, tx, anchor, label, b - a > 1, on_bar))

    lane_h = 22
    top = 10
    axis_y = top + len(lanes) * lane_h + 8
    height = axis_y + 34
    out = [
        f'<svg class="dossier-svg dossier-timeline" xmlns="http://www.w3.org/2000/svg" '
        # role="group", not "img": an img hides its links from screen readers (they are the point)
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="group" '
        f'aria-labelledby="dossier-timeline-title" aria-describedby="dossier-timeline-desc" {FONT} font-size="{size}">',
        f'<title id="dossier-timeline-title">Timeline of {len(placed)} dated events</title>',
        '<desc id="dossier-timeline-desc">Each event is placed at its date on the time axis; its label links to the '
        "event's page. A bar is an event known only to the month or the week.</desc>",
        f'<line x1="{left}" y1="{_n(axis_y)}" x2="{width - right}" y2="{_n(axis_y)}" stroke="#333" stroke-width="1.5"/>',
    ]
    for o, label in _ticks(lo, hi):
        tx = x(o)
        out.append(
            f'<line x1="{_n(tx)}" y1="{_n(axis_y)}" x2="{_n(tx)}" y2="{_n(axis_y + 6)}" stroke="#333"/>'
            f'<text x="{_n(tx)}" y="{_n(axis_y + 20)}" text-anchor="middle" fill="#333">{html_escape(label)}</text>'
        )
    for it, xa, xb, lane, tx, anchor, label, is_range, on_bar in placed:
        y = top + lane * lane_h + lane_h / 2
        mid = (xa + xb) / 2
        out.append(f'<a href="{html_escape(it.href)}">')
        out.append(
            f'<line x1="{_n(mid)}" y1="{_n(y + 5)}" x2="{_n(mid)}" y2="{_n(axis_y)}" '
            'stroke="#999" stroke-dasharray="2 2"/>'
        )
        if is_range:
            out.append(
                f'<rect x="{_n(xa)}" y="{_n(y - 8)}" width="{_n(xb - xa)}" height="16" rx="4" '
                'fill="#dbe6f4" stroke="#1f5fa8"/>'
            )
        else:
            out.append(f'<circle cx="{_n(xa)}" cy="{_n(y)}" r="4.5" fill="#1f5fa8"/>')
        out.append(
            f'<text x="{_n(tx)}" y="{_n(y + 4)}" text-anchor="{anchor}" fill="#111"{"" if on_bar else " " + HALO}>'
            f"{html_escape(label)}</text>"
        )
        out.append("</a>")
    out.append("</svg>")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Relationship graph


@dataclass(frozen=True)
class GraphNode:
    id: str
    label: str
    kind: str
    href: str


@dataclass(frozen=True)
class GraphEdge:
    a: str
    b: str
    kind: str  # "met" (shared events), "about" (directed: a spoke about b), "agrees", "disagrees" (on questions)
    weight: int


# Undirected edge kinds: (stroke colour, dash pattern or "").
EDGE_STYLES = {"met": ("#444", ""), "agrees": ("#2e7d32", ""), "disagrees": ("#e65100", "2 3")}


def graph_svg(nodes: Sequence[GraphNode], edges: Sequence[GraphEdge], *, width: int = 720, centre: str | None = None) -> str:
    """Actors on a circle (grouped by kind, then name), "met" edges solid, "spoke about" dashed arrows.

    A circle layout is deterministic, needs no iteration, and keeps every label readable at the rim.
    """
    if not nodes:
        return ""
    order = sorted(nodes, key=lambda n: (n.id == centre, n.kind, n.label.casefold(), n.id))
    n = len(order)
    rim = n - 1 if centre in {nd.id for nd in nodes} else n  # an ego graph: its actor in the middle
    label_room = max(_text_width(truncate(nd.label, 26), 12) for nd in order) + 14
    radius = max(90.0, min(260.0, width / 2 - label_room - 10))
    cx = width / 2
    cy = radius + 36
    height = int(2 * radius + 72)
    pos: dict[str, tuple[float, float, float]] = {}
    for i, nd in enumerate(order):
        ang = -math.pi / 2 + 2 * math.pi * i / max(1, rim)
        r = 0.0 if i >= rim else radius
        pos[nd.id] = (cx + r * math.cos(ang), cy + r * math.sin(ang), math.pi / 2 if i >= rim else ang)
    max_w = max((e.weight for e in edges), default=1)
    out = [
        f'<svg class="dossier-svg dossier-graph" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="group" '
        f'aria-labelledby="dossier-graph-title" aria-describedby="dossier-graph-desc" {FONT} font-size="12">',
        f'<title id="dossier-graph-title">Relationship graph of {n} actors</title>',
        '<desc id="dossier-graph-desc">Actors are dots coloured by kind, each name a link to the actor\'s page; a grey '
        "line joins two actors who met at an event, a red dashed arrow points from a speaker to an actor it spoke "
        "about; thicker lines mean more.</desc>",
        "<defs><marker id=\"dossier-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" "
        "markerHeight=\"9\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#c62828\"/></marker></defs>",
    ]
    names = {nd.id: nd.label for nd in nodes}
    for e in sorted(edges, key=lambda e: (e.kind, e.a, e.b)):
        if e.a not in pos or e.b not in pos:
            continue
        x1, y1, _ = pos[e.a]
        x2, y2, _ = pos[e.b]
        w = 1 + 3 * (e.weight - 1) / max(1, max_w - 1) if max_w > 1 else 1.5
        # every edge says what it is (a tooltip, and text for a screen reader)
        unit = {"met": "event", "about": "claim"}.get(e.kind, "question")
        verb = {"met": "met", "about": "spoke about", "agrees": "agrees with", "disagrees": "disagrees with"}[e.kind]
        tip = f"<title>{html_escape(names[e.a])} {verb} {html_escape(names[e.b])}: {e.weight} {unit}{'s' if e.weight != 1 else ''}</title>"
        if e.kind in EDGE_STYLES:
            colour, dash = EDGE_STYLES[e.kind]
            out.append(
                f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{colour}" '
                f'stroke-opacity="0.8" stroke-width="{_n(w)}"{f" stroke-dasharray={chr(34)}{dash}{chr(34)}" if dash else ""}>{tip}</line>'
            )
            if e.weight > 1:
                out.append(f'<text x="{_n((x1 + x2) / 2)}" y="{_n((y1 + y2) / 2 + 4)}" text-anchor="middle" font-size="10" '
                           f'fill="#333" {HALO}>{e.weight}</text>')
        else:
            # Curve slightly so that a->b and b->a stay apart; stop short of the node disc.
            dx, dy = x2 - x1, y2 - y1
            dist = math.hypot(dx, dy) or 1
            ex, ey = x2 - dx / dist * 9, y2 - dy / dist * 9
            mx, my = (x1 + ex) / 2 - dy / dist * 24, (y1 + ey) / 2 + dx / dist * 24
            out.append(
                f'<path d="M{_n(x1)},{_n(y1)} Q{_n(mx)},{_n(my)} {_n(ex)},{_n(ey)}" fill="none" '
                f'stroke="#c62828" stroke-dasharray="5 3" stroke-width="{_n(w)}" marker-end="url(#dossier-arrow)">{tip}</path>'
            )
    for nd in order:
        x, y, ang = pos[nd.id]
        colour = KIND_COLOURS.get(nd.kind, OTHER_COLOUR)
        c, s = math.cos(ang), math.sin(ang)
        lx, ly = x + c * 12, y + s * 12 + 4
        anchor = "start" if c > 0.2 else ("end" if c < -0.2 else "middle")
        if anchor == "middle":
            ly = y + (20 if s > 0 else -10)
        out.append(
            f'<a href="{html_escape(nd.href)}"><circle cx="{_n(x)}" cy="{_n(y)}" r="7" fill="{colour}" '
            f'stroke="#fff" stroke-width="1.5"/><text x="{_n(lx)}" y="{_n(ly)}" text-anchor="{anchor}" '
            f'fill="#111" {HALO}>{html_escape(truncate(nd.label, 26))}</text></a>'
        )
    out.append("</svg>")
    return "\n".join(out)


def graph_legend() -> str:
    """A small SVG legend (kinds, then edge styles on a second row), printed with the graph."""
    width = 720
    out = [
        f'<svg class="dossier-svg dossier-legend" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 52" '
        f'width="{width}" height="52" role="img" aria-label="Legend" {FONT} font-size="12">'
    ]
    x = 6.0
    for kind, colour in KIND_COLOURS.items():
        label = kind.replace("_", " ")
        out.append(
            f'<circle cx="{_n(x + 6)}" cy="14" r="6" fill="{colour}"/>'
            f'<text x="{_n(x + 16)}" y="18" fill="#111">{label}</text>'
        )
        x += 26 + _text_width(label, 12)
    x = 6.0
    for kind, text in (("met", "met (shared events)"), ("about", "spoke about"), ("agrees", "agree on a question"),
                       ("disagrees", "disagree on a question")):
        colour, dash = EDGE_STYLES.get(kind, ("#c62828", "5 3"))
        arrow = ' marker-end="url(#dossier-arrow)"' if kind == "about" else ""
        out.append(
            f'<line x1="{_n(x)}" y1="38" x2="{_n(x + 28)}" y2="38" stroke="{colour}" stroke-width="2"'
            f'{f" stroke-dasharray={chr(34)}{dash}{chr(34)}" if dash else ""}{arrow}/>'
            f'<text x="{_n(x + 34)}" y="42" fill="#111">{text}</text>'
        )
        x += 44 + _text_width(text, 12)
    out.append("</svg>")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Numeric series


@dataclass(frozen=True)
class SeriesPointView:
    date: str
    value: int
    label: str  # "almost 93,000"


MAX_POINT_LABELS = 24


def _nice_max(v: int) -> int:
    if v <= 0:
        return 1
    exp = 10 ** int(math.floor(math.log10(v)))
    for m in (1, 2, 2.5, 5, 10):
        if v <= m * exp:
            return int(m * exp)
    return int(10 * exp)


def series_svg(title: str, points: Sequence[SeriesPointView], *, width: int = 720, height: int = 280) -> str:
    """Dated values as points joined by a line, each point labelled with its value (print-readable)."""
    pts = [(p, date_range(p.date)) for p in points]
    pts = [(p, r) for p, r in pts if r]
    if not pts:
        return ""
    pts.sort(key=lambda q: (q[1][0], q[0].value, q[0].label))
    lo = min(r[0] for _, r in pts)
    hi = max(r[1] for _, r in pts)
    pad = max(5, (hi - lo) // 12)
    lo, hi = lo - pad, hi + pad
    vmax = _nice_max(max(p.value for p, _ in pts))
    left, right, top, bottom = 72, 24, 20, 40
    pw, ph = width - left - right, height - top - bottom

    def x(o: float) -> float:
        return left + (o - lo) / (hi - lo) * pw

    def y(v: float) -> float:
        return top + ph - v / vmax * ph

    out = [
        f'<svg class="dossier-svg dossier-series" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{html_escape(title)}" {FONT} font-size="12">'
    ]
    for i in range(5):
        v = vmax * i / 4
        yy = y(v)
        out.append(
            f'<line x1="{left}" y1="{_n(yy)}" x2="{width - right}" y2="{_n(yy)}" stroke="#ddd"/>'
            f'<text x="{left - 6}" y="{_n(yy + 4)}" text-anchor="end" fill="#333">{int(v):,}</text>'
        )
    out.append(
        f'<line x1="{left}" y1="{_n(top + ph)}" x2="{width - right}" y2="{_n(top + ph)}" stroke="#333" stroke-width="1.5"/>'
    )
    for o, label in _ticks(lo, hi):
        tx = x(o)
        out.append(
            f'<line x1="{_n(tx)}" y1="{_n(top + ph)}" x2="{_n(tx)}" y2="{_n(top + ph + 5)}" stroke="#333"/>'
            f'<text x="{_n(tx)}" y="{_n(top + ph + 19)}" text-anchor="middle" fill="#333">{html_escape(label)}</text>'
        )
    coords = [((r[0] + r[1]) / 2, p) for p, r in pts]
    if len(coords) > 1:
        path = " ".join(f"{_n(x(o))},{_n(y(p.value))}" for o, p in coords)
        out.append(f'<polyline points="{path}" fill="none" stroke="#1f5fa8" stroke-width="2"/>')
    # Every value is printed when there are few points; with many, only the first, last, highest
    # and lowest (the table under the chart lists all of them).
    labelled = set(range(len(coords)))
    if len(coords) > MAX_POINT_LABELS:
        values = [p.value for _, p in coords]
        labelled = {0, len(coords) - 1, values.index(max(values)), values.index(min(values))}
    for i, (o, p) in enumerate(coords):
        px, py = x(o), y(p.value)
        if i not in labelled:
            out.append(f'<circle cx="{_n(px)}" cy="{_n(py)}" r="3" fill="#1f5fa8"/>')
            continue
        anchor = "end" if px > width - right - 120 else "start"
        dx = -8 if anchor == "end" else 8
        dy = -8 if i % 2 == 0 else 16
        out.append(
            f'<circle cx="{_n(px)}" cy="{_n(py)}" r="4.5" fill="#1f5fa8"/>'
            f'<text x="{_n(px + dx)}" y="{_n(py + dy)}" text-anchor="{anchor}" fill="#111" {HALO}>{html_escape(p.label)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Roles over time (the actor briefs)

PDF_WIDTH = 680
PDF_FONT = 'font-family="DejaVu Sans, sans-serif"'


def _label(text: object, limit: int | None = None) -> str:
    s = " ".join(str(text).split())
    if limit and len(s) > limit:
        s = s[: limit - 1].rstrip() + "…"
    return escape(s, quote=True)


def day_number(value: str | None) -> float | None:
    """ISO date/month/year/week -> proleptic ordinal of the day (a week's Thursday, a month's 15th, a
    year's 1 July), None if unparsable."""
    days = interval(value)
    if days is None:
        return None
    offset = {"week": 3, "month": 14}.get(precision_of(value) or "", 0)
    if precision_of(value) == "year":
        return days[0].replace(month=7).toordinal()
    return days[0].toordinal() + offset


def _roles_svg(height: float, body: list[str], label: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {PDF_WIDTH} {height:.0f}" width="100%" '
        f'role="img" aria-label="{_label(label)}">' + "".join(body) + "</svg>"
    )


def _role_ticks(lo: float, hi: float) -> list[tuple[float, str]]:
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
                out.append((d, str(y) if step >= 12 else f"{MONTHS[m - 1][:3]} {y}"))
        m += 1
        if m > 12:
            y, m = y + 1, 1
    return out


def roles_chart(roles: list[tuple[str, str | None, str | None, bool]], until: str | None = None) -> str:
    """One bar per role from start to end; ``roles``: (title, start, end, curated).

    Curated roles are solid, with an arrow when open-ended (drawn up to ``until``, the latest date
    of the corpus); roles seen in the text are hatched over the dates they were seen.
    """
    rows = [(t, day_number(s), day_number(e), cur) for t, s, e, cur in roles if day_number(s) is not None]
    if not rows:
        return _roles_svg(30, [], "Roles")
    lo = min(s for _t2, s, _e, _v in rows)
    hi = max(max(s, e or s) for _t2, s, e, _v in rows)
    hi = max(hi, day_number(until) or hi)
    hi += max(20, (hi - lo) * 0.04)
    lo -= max(30, (hi - lo) * 0.03)
    x0, x1 = 200, PDF_WIDTH - 20
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
        body.append(f'<text x="{x0 - 8}" y="{y + 13}" text-anchor="end" font-size="10" {PDF_FONT} fill="#222">{_label(title, 34)}</text>')
        body.append(f'<rect x="{X(s):.1f}" y="{y + 3}" width="{width:.1f}" height="{rh - 8}" fill="{fill}" rx="2"/>')
        if e is None and ev:
            body.append(f'<path d="M{X(end):.1f},{y + 3} l8,{(rh - 8) / 2} l-8,{(rh - 8) / 2} z" fill="#1f4e79"/>')
    ya = 6 + len(rows) * rh
    body.append(f'<line x1="{x0}" y1="{ya}" x2="{x1}" y2="{ya}" stroke="#333"/>')
    for d, lab in _role_ticks(lo, hi):
        body.append(f'<text x="{X(d):.1f}" y="{ya + 14}" text-anchor="middle" font-size="9.5" {PDF_FONT} fill="#333">{_label(lab)}</text>')
    return _roles_svg(h, body, "Roles over time")
