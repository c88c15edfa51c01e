"""Jinja2 -> self-contained HTML (stylesheet inlined, charts as inline SVG) for the PDF engine.

Autoescape is on for every template: article text is data, so ``<script>`` in a title prints as
text. Only two values are marked safe, both built by us: the stylesheet and the SVG charts (whose
strings are escaped by ``generator.pdf.svg``).
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .context import BriefContext, BriefingContext, Figure

HERE = Path(__file__).resolve().parent
CSS_PATH = HERE / "print.css"


@functools.lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )


@functools.lru_cache(maxsize=1)
def stylesheet() -> Markup:
    css = CSS_PATH.read_text(encoding="utf-8")
    # Inlined in <style>: it is our own file, but never let it close the element.
    return Markup(css.replace("</", "<\\/"))


def _safe_figures(ctx):
    """Mark our SVG markup safe (everything else stays autoescaped)."""
    changes = {}
    for f in dataclasses.fields(ctx):
        v = getattr(ctx, f.name)
        if isinstance(v, Figure):
            changes[f.name] = Figure(Markup(v.svg), v.caption)
        elif isinstance(v, tuple) and v and all(isinstance(x, Figure) for x in v):
            changes[f.name] = tuple(Figure(Markup(x.svg), x.caption) for x in v)
    return dataclasses.replace(ctx, **changes) if changes else ctx


def briefing_html(ctx: BriefingContext) -> str:
    return environment().get_template("briefing.html.j2").render(c=_safe_figures(ctx), css=stylesheet())


def brief_html(ctx: BriefContext) -> str:
    return environment().get_template("brief.html.j2").render(c=_safe_figures(ctx), css=stylesheet())
