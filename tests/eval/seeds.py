"""Score the extraction on the seeds against the hand-made gold file ``seeds_gold.yml``.

    python -m tests.eval.seeds

Each section of the gold file is one row of the table: how many gold items the dossier gets right.
Quotations, anonymous speakers and stances are checked on the claims (the claim whose text contains
the snippet, in that source); actors, roles, publication dates and dates are checked on a build
*without* the curation file (the extraction must work without it); events on a build with it.
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).with_name("seeds_gold.yml")


@functools.lru_cache(maxsize=2)
def _build(curated: bool):
    from generator.config import Curation, load_curation
    from generator.pipeline import Paths, collect

    paths = Paths.at(ROOT, cache=True)
    curation = load_curation(paths.config) if curated else Curation()
    articles, extractions, dossier, _ = collect(paths, curation, log=lambda s: None)
    return articles, extractions, dossier


def _src(dossier, prefix: str) -> str:
    return next(s.id for s in dossier.sources if s.id.startswith(prefix))


def _claim(dossier, source_prefix: str, snippet: str):
    sid = _src(dossier, source_prefix)
    snip = " ".join(snippet.lower().split())
    for c in dossier.claims:
        if any(r.source == sid for r in c.refs) and snip in " ".join(c.text.lower().split()):
            return c
    return None


def evaluate() -> dict[str, tuple[int, int]]:
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    scores: dict[str, tuple[int, int]] = {}
    _, _, curated = _build(True)
    articles, extractions, plain = _build(False)
    misses: list[str] = []

    def score(name: str, results: list[tuple[bool, str]]) -> None:
        scores[name] = (sum(ok for ok, _ in results), len(results))
        misses.extend(f"{name}: {why}" for ok, why in results if not ok)

    res = []
    for q in gold["quotations"]:
        for label, d in (("curated", curated), ("plain", plain)):
            c = _claim(d, q["source"], q["snippet"])
            want = q["speaker"] if label == "curated" else None
            got = c.speaker if c else None
            ok = c is not None and (got == want if want else got is not None and _same_person(plain, got, q["speaker"]))
            res.append((ok, f"[{label}] {q['snippet']!r}: {got}"))
    score("quotation speakers", res)

    res = []
    for q in gold["anonymous"]:
        c = _claim(curated, q["source"], q["snippet"])
        ok = c is not None and c.speaker is None and q["description"].lower() in (c.speaker_description or c.speaker_text).lower()
        res.append((ok, f"{q['snippet']!r}: {c.speaker_text if c else None}"))
    score("anonymous speakers", res)

    res = []
    for q in gold["stances"]:
        c = _claim(curated, q["source"], q["snippet"])
        res.append((c is not None and c.speaker == q["speaker"], f"{q['snippet']!r}: {c.speaker if c else None}"))
    score("stance claims", res)

    res = []
    for q in gold["corroborated"]:
        want = {_src(curated, p) for p in q["sources"]}
        ok = any(want <= set(c.sources) for c in curated.claims if q["snippet"] in c.text)
        res.append((ok, f"{q['snippet']!r} not one claim with sources {sorted(want)}"))
    score("corroborated claims", res)

    res = []
    for quantity, values in gold["series"].items():
        series = next((s for s in curated.series if s.id == quantity), None)
        got = {p.value for p in series.points} if series else set()
        res += [(v in got, f"{quantity} {v} not in {sorted(got)}") for v in values]
    score("series points", res)

    g = gold["actors_without_curation"]
    ids = {a.id: a for a in plain.actors}
    res = []
    for names in g["same"]:
        owners = {_owner(plain, n) for n in names}
        res.append((len(owners) == 1 and None not in owners, f"{names} -> {owners}"))
    score("alias merges (no curation)", res)
    score("actor kinds (no curation)", [(ids.get(a) is not None and ids[a].kind == k, f"{a}: {ids[a].kind if a in ids else 'missing'}") for a, k in g["kinds"].items()])
    score("non-actors kept out", [(a not in ids, f"{a} is an actor") for a in g["not_actors"]])
    res = []
    for actor, titles in g["roles"].items():
        have = [r.title for r in ids[actor].roles] if actor in ids else []
        res += [(any(t.lower() == h.lower() or h.lower().startswith(t.lower()) for h in have), f"{actor}: {t} not in {have}") for t in titles]
    score("roles from text (no curation)", res)

    res = []
    for prefix, value in gold["published"].items():
        art = next(a for a in articles if a.id.startswith(str(prefix)))
        want = str(value) if value else None
        res.append((art.published.value == want, f"{prefix}: {art.published}"))
    score("publication dates", res)

    res = []
    for q in gold["dates"]:
        art = next(a for a in articles if a.id.startswith(q["source"]))
        found = [d for d in extractions[art.id].dates if d.span.text == q["text"]]
        ok = bool(found) and all(d.value == q["value"] for d in found)
        res.append((ok, f"{q['source']} {q['text']!r}: {[d.value for d in found]} (want {q['value']})"))
    score("date values", res)

    from generator.resolve.events import interval

    res = []
    for q in gold["events"]:
        ok = False
        for e in curated.events:
            if e.kind != q["kind"] or (q.get("place") and e.place != q["place"]):
                continue
            if q.get("sources") and not {_src(curated, p) for p in q["sources"]} <= set(e.sources):
                continue
            if q.get("participants") and not set(q["participants"]) <= set(e.participants):
                continue
            span = interval(e.date)
            if q.get("covers") and not (span and span[0] <= q["covers"] <= span[1]):
                continue
            ok = True
        res.append((ok, f"{q}"))
    score("events", res)
    scores["_misses"] = misses  # type: ignore[assignment]
    return scores


def _same_person(plain, actor_id: str, gold_id: str) -> bool:
    """Without curation ids may differ in spelling ("bashar-assad"); compare by surname."""
    return actor_id == gold_id or actor_id.split("-")[-1] == gold_id.split("-")[-1]


def _owner(dossier, name: str) -> str | None:
    for a in dossier.actors:
        if name == a.name or name in a.aliases:
            return a.id
    return None


def main() -> int:
    scores = evaluate()
    misses = scores.pop("_misses")
    width = max(map(len, scores))
    print(f"{'seeds gold':<{width}}  right / total")
    for name, (ok, n) in scores.items():
        print(f"{name:<{width}}  {ok:>5} / {n:<5} {ok / n:.2f}")
    if "-v" in sys.argv:
        for m in misses:
            print("  miss:", m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
