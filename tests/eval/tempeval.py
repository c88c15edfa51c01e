"""Date normalisation measured on TempEval-3 (TimeBank + AQUAINT, the TBAQ-cleaned release).

Run from the repository root::

    /tmp/venv/bin/python -m tests.eval.tempeval [--errors N]

For every gold TIMEX3 of type DATE (the document creation time excluded) we take the gold span,
parse the document with the project's spaCy pipeline, and resolve the span exactly as
``find_dates`` does (same tense rule, same preposition handling, ``resolve_span``) with the
document creation time (DCT) as the publication date. Detection is *not* scored here: only
values ("value accuracy" = correct values / gold DATE expressions).

Figures reported (strict ISO string equality everywhere, never partial credit):

* ``calendar`` -- the headline: gold values that are fully specified calendar values (``1998-08-07``,
  ``1998-W32``, ``1998-08``, ``1998``, ``1989-Q3``, ``1998-FA``, ``199``...; no ``X`` placeholder,
  no reference such as ``PRESENT_REF``, no time of day), scored with ``normalise_timeml`` (TimeML's
  value set: the format of the gold).
* ``all`` -- every gold DATE, the references and partially specified values included (they count
  as errors unless matched exactly).
* ``tool`` -- the calendar subset scored with ``normalise`` (what the dossier stores: quarters,
  seasons and halves coarsened to their year, so they never match a gold quarter; decades are
  unresolved). This is the honest figure for the product; the gap to ``calendar`` is entirely
  TimeML's finer granularities.
* ``tool_grain`` -- ``normalise`` over the gold values it can express at all (day, ISO week,
  month, year): how often the stored value is exactly right when it could be.
* ``lenient`` -- like ``calendar`` over all DATEs but the gold is first stripped of a time-of-day
  suffix (``TNI``, ``TEV``...) and trailing ``-XX`` parts (``1997-XX-XX`` -> ``1997``), which the
  annotators used inconsistently for the same expressions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "eval" / "tempeval3" / "TBAQ-cleaned"
PARTS = ("TimeBank", "AQUAINT")

_TOOL_GRAIN = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?")
_CALENDAR = re.compile(
    r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}(?:-WE)?|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?|\d{2,3}"
)


@dataclass(frozen=True)
class GoldDate:
    doc: str
    part: str
    start: int
    end: int
    text: str
    value: str
    dct: dt.date | None


def _text_and_timexes(text_el: ET.Element) -> tuple[str, list[tuple[int, int, dict]]]:
    """Plain text of a TimeML <TEXT> element and the character spans of its TIMEX3 tags."""
    parts: list[str] = []
    spans: list[tuple[int, int, dict]] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            start = pos
            walk(child)
            if child.tag == "TIMEX3":
                spans.append((start, pos, dict(child.attrib)))
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)

    walk(text_el)
    return "".join(parts), spans


def _dct(root: ET.Element) -> dt.date | None:
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            v = (t.get("value") or "")[:10]
            try:
                return dt.date.fromisoformat(v)
            except ValueError:
                return None
    return None


def load(corpus: Path = CORPUS) -> list[tuple[str, str, str, dt.date | None, list[GoldDate]]]:
    """Documents as (name, part, text, DCT, gold DATEs)."""
    docs = []
    for part in PARTS:
        for path in sorted((corpus / part).glob("*.tml")):
            root = ET.parse(path).getroot()
            text_el = root.find("TEXT")
            if text_el is None:
                continue
            text, spans = _text_and_timexes(text_el)
            dct = _dct(root)
            golds = [
                GoldDate(path.stem, part, s, e, text[s:e], a.get("value", ""), dct)
                for s, e, a in spans
                if a.get("type") == "DATE" and a.get("functionInDocument") != "CREATION_TIME"
            ]
            docs.append((path.stem, part, text, dct, golds))
    return docs


def _lenient_gold(v: str) -> str:
    v = re.sub(r"T[A-Z0-9:]+$", "", v)
    while True:
        w = re.sub(r"-(?:XX|WXX|QX|X)$", "", v)
        if w == v:
            return v
        v = w


def evaluate(corpus: Path = CORPUS, errors: list | None = None) -> dict:
    """Value accuracy on TempEval-3's gold DATE expressions; see the module docstring.

    Returns ``{part: {"calendar": (correct, total, acc), "all": ..., "tool": ..., "tool_grain": ...,
    "lenient": ...}}``
    for "TimeBank", "AQUAINT" and "total". ``errors``, when a list, receives
    ``(doc, text, gold, got, tense)`` for each calendar miss.
    """
    from generator.extract.dates import normalise, normalise_timeml, resolve_span, tense_of
    from generator.extract.nlp import load_nlp

    nlp = load_nlp()
    counts: dict[str, Counter] = {p: Counter() for p in (*PARTS, "total")}
    docs = load(corpus)
    texts = [d[2] for d in docs]
    for (name, part, _text, dct, golds), doc in zip(docs, nlp.pipe(texts, batch_size=8), strict=True):
        for g in golds:
            span = doc.char_span(g.start, g.end, alignment_mode="expand")
            if span is None or len(span) == 0:  # cannot happen with this corpus; kept for safety
                tense = "past"
                got, _, _ = normalise_timeml(g.text, dct)
                tool, _, _ = normalise(g.text, dct)
            else:
                tense = tense_of(span)
                got, _, _ = resolve_span(span, dct, timeml=True)
                tool, _, _ = resolve_span(span, dct)
            calendar = bool(_CALENDAR.fullmatch(g.value))
            for key in (part, "total"):
                c = counts[key]
                c["all_n"] += 1
                c["all_ok"] += got == g.value
                c["len_n"] += 1
                c["len_ok"] += got == _lenient_gold(g.value)
                if calendar:
                    c["cal_n"] += 1
                    c["cal_ok"] += got == g.value
                    c["tool_ok"] += tool == g.value
                if _TOOL_GRAIN.fullmatch(g.value):
                    c["grain_n"] += 1
                    c["grain_ok"] += tool == g.value
            if calendar and got != g.value and errors is not None:
                errors.append((name, g.text, g.value, got, tense, str(dct)))

    def acc(ok: int, n: int) -> tuple[int, int, float]:
        return ok, n, round(ok / n, 4) if n else 0.0

    return {
        k: {
            "calendar": acc(c["cal_ok"], c["cal_n"]),
            "all": acc(c["all_ok"], c["all_n"]),
            "tool": acc(c["tool_ok"], c["cal_n"]),
            "tool_grain": acc(c["grain_ok"], c["grain_n"]),
            "lenient": acc(c["len_ok"], c["len_n"]),
        }
        for k, c in counts.items()
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", type=int, default=0, help="print this many calendar misses")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"TempEval-3 not found at {CORPUS} (needs ../shared/eval)", file=sys.stderr)
        return 2
    errs: list = []
    res = evaluate(errors=errs)
    keys = ("calendar", "all", "tool", "tool_grain", "lenient")
    heads = ("calendar (headline)", "all DATE", "tool (normalise)", "tool, d/w/m/y gold", "lenient")
    print(f"{'part':<10}" + "".join(f"{h:>22}" for h in heads))
    for part, r in res.items():
        print(f"{part:<10}" + "".join(f"{f'{r[k][2]:.3f} ({r[k][0]}/{r[k][1]})':>22}" for k in keys))
    if args.errors:
        print()
        for e in Counter(errs).most_common(args.errors):
            (name, text, gold, got, tense, dct), n = e
            print(f"{n:3d} {name:<28} dct={dct} {text!r:<34} gold={gold:<12} got={got} ({tense})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
