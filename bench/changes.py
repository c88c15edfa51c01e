"""Cost of the change computation (generator/changes) at corpus scale. Target: <= 2 s for BBC (2,127
articles).

    python bench/changes.py [--corpus bbc] [--limit 300] [--scale-to 2127] [--work DIR]

A full BBC extraction takes many minutes of spaCy on a shared two-core machine, so by default the
model is built (ingest, extract, resolve: the real pipeline) from ``--limit`` articles spread over the
corpus, and then scaled up synthetically to ``--scale-to`` sources: the real model is repeated with
every id suffixed (``-r1``, ``-r2``...), references between entities included, which keeps the
mix of actors, roles, claims, corroboration and events per article of the real corpus. ``--limit 0``
uses the whole corpus (then no scaling is needed). The extraction cache is kept in ``--work`` so a
second run parses nothing.

Timed (CPU seconds of this process, best of 3), for the real model and for the scaled one:

- ``state``: :func:`generator.changes.state.state_of` of the current model;
- ``compute``: :func:`generator.changes.compute_changes` of the model against the previous build
  read back from its history (the previous build = the same corpus minus 10 % of its articles);
- ``load_history`` / ``save_history``: reading and writing the history file (its size is printed);
- ``load_dossier_json``: the fallback, reading the previous build from its ``dossier.json``.

Prints one JSON object. Speed is measured here, never in the unit tests.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
CORPORA = {"bbc": "bbc-news-2225.tar.gz", "reuters": "reuters-21578-bodies.tar.gz", "fakes": "fakes-syria-2015-2018.tar.gz"}


def _best(fn, repeat: int = 3) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.process_time()
        out = fn()
        best = min(best, time.process_time() - t)
    return best, out


def _seeds(corpus: str, limit: int, work: Path) -> Path:
    seeds = work / f"{corpus}-{limit or 'all'}"
    if seeds.is_dir():
        return seeds
    raw = work / "raw"
    if not raw.is_dir():
        with tarfile.open(SHARED / "corpora" / CORPORA[corpus]) as tar:
            tar.extractall(raw, filter="data")
    files = sorted(p for p in raw.rglob("*.txt") if p.is_file())
    if limit and limit < len(files):
        step = len(files) / limit
        files = [files[int(i * step)] for i in range(limit)]
    seeds.mkdir(parents=True)
    for p in files:
        (seeds / "_".join(p.relative_to(raw).parts[1:])).write_bytes(p.read_bytes())
    return seeds


def real_model(corpus: str, limit: int, work: Path):
    from generator.config import Curation
    from generator.pipeline import Paths, collect
    from generator.views import build_views

    seeds = _seeds(corpus, limit, work)
    paths = Paths.at(work / "project", seeds=seeds, cache=work / "cache" / "extract")
    t = time.perf_counter()
    articles, extractions, dossier, _ = collect(paths, Curation(), log=lambda s: None)
    built = time.perf_counter() - t
    views = build_views(dossier, {a.id: a for a in articles}, extractions)
    return views.dossier, built


def scaled(d, factor: int):
    """The model repeated ``factor`` times with every id (and every reference to one) suffixed."""
    if factor <= 1:
        return d
    R = dataclasses.replace
    out = {k: [] for k in ("sources", "actors", "claims", "events", "questions")}
    for r in range(factor):
        def s(i, r=r):
            return f"{i}-r{r}" if r else i

        def ids(xs, r=r):
            return tuple(s(i, r) for i in xs)

        out["sources"] += [R(x, id=s(x.id)) for x in d.sources]
        out["actors"] += [R(x, id=s(x.id), sources=ids(x.sources)) for x in d.actors]
        out["claims"] += [R(x, id=s(x.id), source=s(x.source), sources=ids(x.sources), corroborating=ids(x.corroborating),
                            diverging=ids(x.diverging), speaker=s(x.speaker) if x.speaker else None) for x in d.claims]
        out["events"] += [R(x, id=s(x.id), sources=ids(x.sources), participants=ids(x.participants)) for x in d.events]
        out["questions"] += [R(x, id=s(x.id)) for x in getattr(d, "questions", ())]
    kw = {k: tuple(v) for k, v in out.items() if k != "questions" or hasattr(d, "questions")}
    return R(d, **kw)


def without_last_tenth(d):
    """The 'previous build': the same model without every tenth source and what only it held."""
    gone = {s.id for i, s in enumerate(d.sources) if i % 10 == 9}
    keep = lambda x: not set(x.sources) <= gone  # noqa: E731
    R = dataclasses.replace
    return R(d, sources=tuple(s for s in d.sources if s.id not in gone), actors=tuple(a for a in d.actors if keep(a)),
             claims=tuple(c for c in d.claims if keep(c)), events=tuple(e for e in d.events if keep(e)))


def measure(d, work: Path, label: str) -> dict:
    from generator.changes import Previous, compute_changes, load_previous, save_history
    from generator.changes.state import state_of
    from generator.serialize import dossier_json

    before = without_last_tenth(d)
    hist = work / f"history-{label}.json"
    base = compute_changes(Previous(None), before, "2026-01-01")
    save_history(hist, dict(base.history))
    t_state, _ = _best(lambda: state_of(d))
    t_load, previous = _best(lambda: load_previous(hist, None))
    t_compute, cs = _best(lambda: compute_changes(previous, d, "2026-01-02"))
    t_save, _ = _best(lambda: save_history(hist, dict(cs.history)))
    dj = work / f"dossier-{label}.json"
    dj.write_text(dossier_json(before), encoding="utf-8")
    t_json, _ = _best(lambda: load_previous(None, dj), repeat=1)
    return {
        "sources": len(d.sources), "actors": len(d.actors), "claims": len(d.claims), "events": len(d.events),
        "changes_reported": len(cs.latest.changes),
        "cpu_s": {"state": round(t_state, 3), "load_history": round(t_load, 3), "compute": round(t_compute, 3),
                  "save_history": round(t_save, 3), "load_dossier_json": round(t_json, 3),
                  "load_and_compute": round(t_load + t_compute, 3)},
        "history_bytes": hist.stat().st_size, "dossier_json_bytes": dj.stat().st_size,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="bbc", choices=sorted(CORPORA))
    ap.add_argument("--limit", type=int, default=300, help="articles to build the real model from (0: all)")
    ap.add_argument("--scale-to", type=int, default=2127, help="sources of the synthetic model")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "dossier-bench-changes")
    args = ap.parse_args()
    if not (SHARED / "corpora" / CORPORA[args.corpus]).exists():
        sys.exit(f"needs ../shared/corpora/{CORPORA[args.corpus]}")
    args.work.mkdir(parents=True, exist_ok=True)
    d, built = real_model(args.corpus, args.limit, args.work)
    out = {"corpus": args.corpus, "articles": args.limit or "all", "collect_s": round(built, 1),
           "real": measure(d, args.work, "real")}
    factor = -(-args.scale_to // max(1, len(d.sources)))
    if factor > 1:
        out["scaled"] = {"factor": factor, **measure(scaled(d, factor), args.work, "scaled")}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
