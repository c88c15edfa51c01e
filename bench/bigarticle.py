"""The largest article a build accepts (``pipeline.MAX_PARSE_CHARS`` = 2 M characters of text), stage by
stage: time and peak memory, for two shapes and growing sizes, so that a stage that is not linear in the
size of one article shows as a growing cost per MB.

    python bench/bigarticle.py                      # sizes 0.25, 0.5, 1, 2 M characters, both shapes
    python bench/bigarticle.py --sizes 0.1,0.2      # quicker
    python bench/bigarticle.py --one paragraphs 2000000   # one measurement (what the table runs)
    python bench/bigarticle.py --ingest 60              # the largest file read (60 MB): ingest only

The largest *file* (``decode.MAX_BYTES``, 60 MB) is read and cleaned, then refused for parsing as over
2 M characters; ``--ingest`` measures that path (text as paragraphs, as one paragraph, and as HTML).

Shapes: ``paragraphs`` (many short paragraphs of two sentences, ~220 characters each: 2 M characters
are ~9,000 paragraphs) and ``one`` (the same sentences as one paragraph with no line break at all).
The text is news prose with names, dates, figures and reported speech, varied so that actors, claims,
events and dates are found all along (a repeated sentence would be merged away and measure nothing).

Each measurement runs in its own process (``--one``), so its peak RSS (``ru_maxrss``: the spaCy model
plus the article) is its own. Stages: ingest (read, decode, clean: ``load_article``), parse (spaCy),
rules (``extract_article``), resolve, views + render (every page), pdf HTML (briefing + briefs HTML,
WeasyPrint not run: its input is capped, ``pdf/caps.py``). CPU seconds (``time.process_time``).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

NAMES = ["Sergei Lavrov", "John Kerry", "Bashar al-Assad", "Staffan de Mistura", "Ban Ki-moon", "Vladimir Putin",
         "Ahmet Davutoglu", "Laurent Fabius", "Hassan Rouhani", "Lakhdar Brahimi", "William Hague", "Ban Ki-moon"]
PLACES = ["Geneva", "Aleppo", "Homs", "Damascus", "Moscow", "Idlib", "Raqqa", "Daraa", "Latakia", "Vienna", "Ankara"]
ORGS = ["the United Nations", "the Syrian Observatory for Human Rights", "the Red Cross", "NATO", "the Arab League"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
TEMPLATES = [
    "{name} said on {day} that talks in {place} would resume within {n} days.",
    "\"We will not accept any deal that ignores the victims,\" {name} told reporters in {place}.",
    "At least {n} people were killed in shelling on {place} on {day}, {org} said.",
    "{org} said it had delivered aid to {n} families near {place} on {month} {d}.",
    "{name} met {name2} in {place} on {day} to discuss a ceasefire, officials said.",
    "According to {org}, {n} civilians fled {place} in the first week of {month}.",
    "{name} denied that government forces had used chemical weapons in {place}.",
    "A summit in {place} on {month} {d} ended without agreement, {name} said.",
]


def sentence(i: int) -> str:
    """The i-th sentence: deterministic, varied in every slot (names, places, figures, dates)."""
    t = TEMPLATES[i % len(TEMPLATES)]
    return t.format(name=NAMES[i % len(NAMES)], name2=NAMES[(i * 7 + 3) % len(NAMES)], place=PLACES[(i * 5) % len(PLACES)],
                    org=ORGS[(i * 3) % len(ORGS)], day=DAYS[i % 7], month=MONTHS[(i // 7) % len(MONTHS)], d=1 + i % 28,
                    n=3 + (i * 37) % 997)


def article_text(shape: str, chars: int) -> str:
    head = "Syria talks: a long day of diplomacy\n\nGENEVA, June 17, 2013 — "
    parts: list[str] = []
    size = len(head)
    i = 0
    while size < chars:
        s = sentence(i)
        parts.append(s)
        size += len(s) + 1
        i += 1
    if shape == "one":
        return head + " ".join(parts) + "\n"
    paras = [" ".join(parts[k:k + 2]) for k in range(0, len(parts), 2)]
    return head + "\n\n".join(paras) + "\n"


def html_text(chars: int) -> str:
    body = article_text("paragraphs", chars).split("\n\n")
    return ("<!DOCTYPE html><html><head><title>Syria talks</title></head><body><article>"
            + "".join(f"<p>{p}</p>\n" for p in body) + "</article></body></html>\n")


def measure_ingest(shape: str, size: int) -> dict:
    """Read and clean one file of ``size`` bytes (in its own process: peak RSS is its own)."""
    from generator.ingest import load_article
    from generator.pipeline import MAX_PARSE_CHARS

    with tempfile.TemporaryDirectory() as tmp:
        name = "big.html" if shape == "html" else "big.txt"
        path = Path(tmp) / "seeds" / name
        path.parent.mkdir()
        text = html_text(size) if shape == "html" else article_text(shape, size)
        path.write_text(text[:size], encoding="utf-8")
        del text
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        t = _cpu()
        article, _ = load_article(path, root=Path(tmp))
        out = {"shape": shape, "bytes": path.stat().st_size, "ingest_s": round(_cpu() - t, 2),
               "clean_chars": len(article.clean_text), "refused_for_parsing": len(article.clean_text) > MAX_PARSE_CHARS,
               "rss_before_mb": round(rss0), "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    return out


def _cpu() -> float:
    return time.process_time()


def measure_one(shape: str, chars: int) -> dict:
    from generator.config import Curation
    from generator.extract import extract_article, parse
    from generator.extract.nlp import load_nlp
    from generator.ingest import load_article
    from generator.pdf import html as pdf_html
    from generator.pdf.context import Texts, brief_context, briefing_context
    from generator.render import render
    from generator.resolve import resolve
    from generator.views import build_views
    from generator.views.select import brief_actors

    t = _cpu()
    load_nlp()
    out: dict = {"shape": shape, "chars": chars, "model_load_s": round(_cpu() - t, 2)}
    rss_model = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seeds" / "big.txt"
        path.parent.mkdir()
        path.write_text(article_text(shape, chars), encoding="utf-8")
        t = _cpu()
        article, _ = load_article(path, root=Path(tmp))
        out["ingest_s"] = round(_cpu() - t, 2)
    t = _cpu()
    (_, doc), = list(parse([article]))
    out["parse_s"] = round(_cpu() - t, 2)
    t = _cpu()
    ex = extract_article(article, doc)
    out["rules_s"] = round(_cpu() - t, 2)
    out.update(sentences=len(ex.sentences), mentions=len(ex.mentions), claims=len(ex.claims), events=len(ex.events),
               dates=len(ex.dates))
    del doc
    t = _cpu()
    dossier = resolve([article], {article.id: ex}, Curation(), [])
    out["resolve_s"] = round(_cpu() - t, 2)
    t = _cpu()
    by_id, exs = {article.id: article}, {article.id: ex}
    views = build_views(dossier, by_id, exs)
    pages = render(dossier, by_id, exs, site_title="Big", built_at="2013-06-17", briefs=True, views=views)
    out["render_s"] = round(_cpu() - t, 2)
    out["pages"] = len(pages)
    out["page_mb"] = round(sum(len(v) for v in pages.values()) / 1e6, 1)
    t = _cpu()
    texts = Texts(by_id, exs)
    html = [pdf_html.briefing_html(briefing_context(views.dossier, texts, title="Big", built_at="2013-06-17", rel=views.ix))]
    briefs = brief_actors(views.dossier, views.ix)
    ids = {a.id for a in briefs}
    html += [pdf_html.brief_html(brief_context(views.dossier, texts, a, title="Big", rel=views.ix, briefs=ids)) for a in briefs]
    out["pdf_html_s"] = round(_cpu() - t, 2)
    out["pdf_html_mb"] = round(sum(map(len, html)) / 1e6, 1)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    out["model_rss_mb"] = round(rss_model)
    return out


STAGES = ("ingest_s", "parse_s", "rules_s", "resolve_s", "render_s", "pdf_html_s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="0.25,0.5,1,2", help="millions of characters, comma-separated")
    ap.add_argument("--shapes", default="paragraphs,one")
    ap.add_argument("--one", nargs=2, metavar=("SHAPE", "CHARS"))
    ap.add_argument("--ingest", type=float, metavar="MB", help="ingest only, one file of MB megabytes per shape")
    ap.add_argument("--ingest-one", nargs=2, metavar=("SHAPE", "BYTES"))
    args = ap.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one[0], int(args.one[1]))))
        return
    if args.ingest_one:
        print(json.dumps(measure_ingest(args.ingest_one[0], int(args.ingest_one[1]))))
        return
    if args.ingest:
        for shape in ("paragraphs", "one", "html"):
            proc = subprocess.run([sys.executable, __file__, "--ingest-one", shape, str(int(args.ingest * 1e6))],
                                  capture_output=True, text=True)
            print(proc.stdout.strip() or proc.stderr[-2000:], flush=True)
        return
    rows = []
    for shape in args.shapes.split(","):
        for mchars in (float(x) for x in args.sizes.split(",")):
            proc = subprocess.run([sys.executable, __file__, "--one", shape, str(int(mchars * 1e6))], capture_output=True,
                                  text=True)
            if proc.returncode != 0:
                print(proc.stderr[-3000:], file=sys.stderr)
                continue
            row = json.loads(proc.stdout.strip().splitlines()[-1])
            rows.append(row)
            total = sum(row[k] for k in STAGES)
            per_mb = {k: round(row[k] / (row["chars"] / 1e6), 1) for k in STAGES}
            print(f"{shape:10} {row['chars'] / 1e6:5.2f} M chars  total {total:7.1f} s CPU ({total / (row['chars'] / 1e6):6.1f} s/M)  "
                  f"peak {row['peak_rss_mb']:5} MB (model {row['model_rss_mb']} MB)  "
                  + "  ".join(f"{k[:-2]} {row[k]}s ({per_mb[k]}/M)" for k in STAGES)
                  + f"  | {row['sentences']} sent, {row['mentions']} mentions, {row['claims']} claims, {row['events']} events, "
                    f"{row['pages']} pages {row['page_mb']} MB", flush=True)
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
