"""Measured phases run in their own process by bench/run.py (so each gets its own CPU and memory
figures). Prints one JSON object on stdout.

    python bench/phases.py bare SEEDS            # spaCy alone: nlp.pipe over the cleaned texts
    python bench/phases.py extract SEEDS CACHE   # the tool's extraction (parse + rules + cache writes)
    python bench/phases.py pair SEEDS CACHE      # both, interleaved chunk by chunk (what bench/run.py uses)

All read the articles with the tool's ingest first (not timed) so that they parse the very same
cleaned texts, and load the model before the clock starts (model load is reported apart).

Why ``pair``: on a shared virtual machine the speed of a CPU drifts by 20-30 % over minutes (the same
bare run took 183 s one evening and 236 s the next), so two phases timed one after the other compare
the machine's moods as much as the code. ``pair`` times bare spaCy and the tool's extraction on the
same chunk of 64 articles, one right after the other (which goes first alternates), and sums: both
totals see the same drift.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def _since(t: tuple[float, float]) -> dict[str, float]:
    return {"wall": time.perf_counter() - t[0], "cpu": time.process_time() - t[1]}


def _articles(seeds: Path):
    from generator.ingest import read_corpus

    t = _clock()
    articles, problems = read_corpus(seeds)
    return articles, problems, _since(t)


def _ready_extraction(articles) -> tuple[object, list[float]]:
    """The tool's pipeline loaded and warmed up on two articles (model load, lazy imports,
    dateparser's first-call setup), and ``extract_article`` wrapped so that the rules' time adds up in
    the returned ``[wall, cpu]`` list (``extract_corpus`` calls it through the module)."""
    import generator.extract as ex
    from generator.extract.nlp import load_nlp

    nlp = load_nlp()
    for a, doc in ex.parse(articles[:2]):
        ex.extract_article(a, doc)
    rules = [0.0, 0.0]
    real = ex.extract_article

    def timed(article, doc):
        w, c = time.perf_counter(), time.process_time()
        try:
            return real(article, doc)
        finally:
            rules[0] += time.perf_counter() - w
            rules[1] += time.process_time() - c

    ex.extract_article = timed
    return nlp, rules


def bare(seeds: Path) -> dict:
    """spaCy as shipped (``spacy.load``, every component, batches of 32), nothing of ours."""
    import spacy

    from generator.extract.nlp import MODEL_NAME

    articles, _, ingest = _articles(seeds)
    texts = [a.clean_text for a in articles]
    t = _clock()
    nlp = spacy.load(MODEL_NAME)
    nlp.max_length = 60_000_000
    list(nlp.pipe(texts[:2]))
    load = _since(t)
    t = _clock()
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=32):
        tokens += len(doc)
    return {
        "phase": "bare", "docs": len(texts), "words": sum(len(x.split()) for x in texts), "chars": sum(map(len, texts)),
        "tokens": tokens, "components": nlp.pipe_names, "ingest": ingest, "load": load, "parse": _since(t),
    }


def extract(seeds: Path, cache: Path | None) -> dict:
    """The tool's extraction as the build runs it: ``pipeline.extract_corpus`` with an empty cache."""
    from generator.cache import ExtractionCache
    from generator.pipeline import extract_corpus

    articles, _, ingest = _articles(seeds)
    t = _clock()
    nlp, rules = _ready_extraction(articles)
    load = _since(t)
    problems = []
    t = _clock()
    out = extract_corpus(articles, ExtractionCache(cache), on_problem=problems.append)
    total = _since(t)
    return {
        "phase": "extract", "docs": len(articles), "extracted": len(out), "failed": [f"{p.path}: {p.reason}" for p in problems],
        "components": nlp.pipe_names, "ingest": ingest, "load": load, "extract": total,
        "rules": {"wall": rules[0], "cpu": rules[1]},
    }


CHUNK = 64


def pair(seeds: Path, cache: Path | None) -> dict:
    """Bare spaCy and the tool's extraction, interleaved chunk by chunk (see the module docstring)."""
    import spacy

    from generator.cache import ExtractionCache
    from generator.extract.nlp import MODEL_NAME
    from generator.pipeline import extract_corpus

    articles, _, ingest = _articles(seeds)
    t = _clock()
    bare_nlp = spacy.load(MODEL_NAME)  # spaCy as shipped: every component, nothing of ours
    bare_nlp.max_length = 60_000_000
    list(bare_nlp.pipe([a.clean_text for a in articles[:2]]))
    load = _since(t)
    nlp, rules = _ready_extraction(articles)
    store = ExtractionCache(cache)
    problems: list = []
    bare_t = {"wall": 0.0, "cpu": 0.0}
    ext_t = {"wall": 0.0, "cpu": 0.0}
    tokens = extracted = 0

    def run_bare(chunk):
        nonlocal tokens
        t = _clock()
        for doc in bare_nlp.pipe([a.clean_text for a in chunk], batch_size=32):
            tokens += len(doc)
        for k, v in _since(t).items():
            bare_t[k] += v

    def run_ours(chunk):
        nonlocal extracted
        t = _clock()
        extracted += len(extract_corpus(chunk, store, on_problem=problems.append))
        for k, v in _since(t).items():
            ext_t[k] += v

    for n, i in enumerate(range(0, len(articles), CHUNK)):
        chunk = articles[i : i + CHUNK]
        for step in ((run_bare, run_ours) if n % 2 == 0 else (run_ours, run_bare)):
            step(chunk)
    texts = [a.clean_text for a in articles]
    common = {"docs": len(articles), "ingest": ingest, "load": load}
    return {
        "phase": "pair", "chunk": CHUNK,
        "bare": {"phase": "bare", **common, "words": sum(len(x.split()) for x in texts), "chars": sum(map(len, texts)),
                 "tokens": tokens, "components": bare_nlp.pipe_names, "parse": bare_t},
        "extract": {"phase": "extract", **common, "extracted": extracted, "components": nlp.pipe_names,
                    "failed": [f"{p.path}: {p.reason}" for p in problems], "extract": ext_t,
                    "rules": {"wall": rules[0], "cpu": rules[1]}},
    }


def main(argv: list[str]) -> None:
    phase = argv[0]
    if phase == "bare":
        result = bare(Path(argv[1]))
    elif phase == "extract":
        result = extract(Path(argv[1]), Path(argv[2]) if len(argv) > 2 else None)
    elif phase == "pair":
        result = pair(Path(argv[1]), Path(argv[2]) if len(argv) > 2 else None)
    else:
        raise SystemExit(f"unknown phase {phase!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
