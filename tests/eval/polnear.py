"""Claim attribution measured on PolNeAR (Political News Attribution Relations, v1.0.0).

Run from the repository root::

    /tmp/venv/bin/python -m tests.eval.polnear [--split dev] [--limit N] [--errors N]

PolNeAR (``../shared/eval/polnear/``) annotates, in brat standoff files, every attribution of
1,008 US election articles as a Source / Cue / Content triple (character offsets into
``<split>/text/*.txt``, discontinuous spans as ``a b;c d``). Rules were developed on ``train``;
figures are reported on ``dev``; ``test`` is never read here.

Scoring:

* A predicted claim **matches** a gold attribution when its cue overlaps the gold cue AND its
  speaker overlaps the gold source (any character in common, any fragment). Matching is one to
  one, greedy in text order, preferring the gold cue with the largest overlap.
* **Implicit sources** -- gold attributions without a Source span (``Attribution-no-source``,
  about 6%: "was projected as the winner", "it's hard to know") -- are left out of recall: the
  dossier only keeps claims it can give a speaker, so it cannot and should not find them. A
  prediction whose cue overlaps the cue of such an attribution is left out of precision too (it
  is neither right nor wrong about a speaker the annotators did not name).
* precision = matched / scored predictions; recall = matched / gold attributions with a source.
* ``cue_p``/``cue_r``: the same with the cue alone (diagnostic: how much is lost on speakers).
* **Content** on matched pairs, token level: the word tokens (``\\w+``) inside the gold content
  fragments against those inside the predicted content span, the predicted cue and speaker
  tokens excluded (a quotation cut by "he said" is one predicted span); F1 per pair, averaged
  (``content_f1``), plus ``content_exact`` (share of pairs whose token sets agree within one token).

PolNeAR's guideline is univocal (each token in at most one attribution, no nesting), attributes
belief and intention as well as speech ("wants", "hopes", "supports"), and includes many cues the
rules deliberately skip (nouns, passives, "showed", ":"): recall is bounded well below 1.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
CORPUS = SHARED / "eval" / "polnear"

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Gold:
    source: tuple[tuple[int, int], ...]  # empty: implicit source
    cue: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]


def _spans(off: str) -> tuple[tuple[int, int], ...]:
    out = []
    for part in off.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return tuple(out)


def load_gold(ann: Path) -> list[Gold]:
    """The attributions of one brat ``.ann`` file (text-bound T lines first, then E events)."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if re.fullmatch(r"T\d+", parts[0]) and len(parts) >= 2:
            label, off = parts[1].split(" ", 1)
            spans[parts[0]] = (label, _spans(off))
        elif re.fullmatch(r"E\d+", parts[0]) and len(parts) >= 2:
            events.append(dict(x.split(":", 1) for x in parts[1].split()))
    out = []
    for ev in events:
        def get(role: str, ev=ev) -> tuple[tuple[int, int], ...]:
            ref = ev.get(role)
            return spans[ref][1] if ref in spans else ()

        cue = get("Cue")
        if not cue:
            continue  # a handful of attributions have no cue: nothing to match against
        out.append(Gold(get("Source"), cue, get("Content")))
    return out


def corpus_files(split: str = "dev", limit: int | None = None) -> list[tuple[Path, Path]]:
    """(text, ann) pairs of a split, sorted by name; ``limit`` keeps a deterministic prefix."""
    texts = sorted((CORPUS / split / "text").glob("*.txt"))
    anns = {p.name.rsplit("_", 1)[0]: p for p in (CORPUS / split / "attributions").glob("*.ann")}
    pairs = [(t, anns[t.stem]) for t in texts if t.stem in anns]
    return pairs[:limit] if limit else pairs


def read_text(path: Path) -> str:
    # newline="" keeps "\r" if any: brat offsets count every character of the file
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def _overlap(a: tuple[int, int], spans: Iterable[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in spans)


def _tokens(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for s, e in spans:
        out.update(m.start() for m in _WORD.finditer(text, s, e) if m.end() <= e)
    return out


@dataclass
class _Tally:
    gold: int = 0
    implicit: int = 0
    pred: int = 0
    ignored: int = 0
    tp: int = 0
    cue_tp: int = 0
    wrong_speaker: int = 0
    content_f1: float = 0.0
    content_exact: int = 0


def score_document(text: str, gold: list[Gold], claims, tally: _Tally, errors: list | None = None,
                   name: str = "") -> None:
    """Add one document's counts to ``tally`` (claims: ``RawClaim`` objects)."""
    sourced = [g for g in gold if g.source]
    implicit = [g for g in gold if not g.source]
    tally.gold += len(sourced)
    tally.implicit += len(implicit)
    used: set[int] = set()
    cue_used: set[int] = set()
    for c in claims:
        best, best_ov = None, 0
        cue_best = None
        for gi, g in enumerate(sourced):
            if gi in used:
                continue
            ov = _overlap(c.cue, g.cue)
            if ov and cue_best is None and gi not in cue_used:
                cue_best = gi
            if ov and c.speaker and _overlap(c.speaker, g.source) and ov > best_ov:
                best, best_ov = gi, ov
        if best is None and any(_overlap(c.cue, g.cue) for g in implicit):
            tally.ignored += 1
            continue
        tally.pred += 1
        if cue_best is not None:
            tally.cue_tp += 1
            cue_used.add(cue_best)
        if best is None:
            if cue_best is not None:
                tally.wrong_speaker += 1
            if errors is not None:
                errors.append(("FP", name, c, sourced[cue_best] if cue_best is not None else None))
            continue
        used.add(best)
        tally.tp += 1
        g = sourced[best]
        if errors is not None:
            errors.append(("TP", name, c, g))
        gt = _tokens(text, g.content)
        pt = _tokens(text, [c.content]) - _tokens(text, [c.cue]) - (
            _tokens(text, [c.speaker]) if c.speaker else set())
        inter = len(gt & pt)
        f1 = 2 * inter / (len(gt) + len(pt)) if gt or pt else 1.0
        tally.content_f1 += f1
        tally.content_exact += len(gt ^ pt) <= 1
    if errors is not None:
        for gi, g in enumerate(sourced):
            if gi not in used:
                errors.append(("FN", name, None, g))


def evaluate(split: str = "dev", limit: int | None = None, docs: Iterable | None = None,
             errors: list | None = None) -> dict:
    """Score ``find_claims`` on a PolNeAR split; returns the figures as a dict.

    ``docs`` may give already parsed Docs (same order as ``corpus_files(split, limit)``) to skip
    parsing; otherwise the project pipeline (``load_nlp``) parses the texts.
    """
    from generator.extract.claims import find_claims

    files = corpus_files(split, limit)
    if not files:
        raise FileNotFoundError(f"no PolNeAR files under {CORPUS / split}")
    texts = [read_text(t) for t, _ in files]
    if docs is None:
        from generator.extract.nlp import load_nlp

        docs = load_nlp().pipe(texts, batch_size=16)
    tally = _Tally()
    t0 = time.perf_counter()
    claim_time = 0.0
    for (tpath, ann), text, doc in zip(files, texts, docs, strict=True):
        assert doc.text == text, tpath
        c0 = time.perf_counter()
        claims = find_claims(doc)
        claim_time += time.perf_counter() - c0
        score_document(text, load_gold(ann), claims, tally, errors, tpath.stem)
    p = tally.tp / tally.pred if tally.pred else 0.0
    r = tally.tp / tally.gold if tally.gold else 0.0
    return {
        "split": split,
        "documents": len(files),
        "gold": tally.gold,
        "gold_implicit_source": tally.implicit,
        "predicted": tally.pred,
        "ignored_implicit": tally.ignored,
        "matched": tally.tp,
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "cue_precision": tally.cue_tp / tally.pred if tally.pred else 0.0,
        "cue_recall": tally.cue_tp / tally.gold if tally.gold else 0.0,
        "wrong_speaker": tally.wrong_speaker,
        "content_f1": tally.content_f1 / tally.tp if tally.tp else 0.0,
        "content_exact": tally.content_exact / tally.tp if tally.tp else 0.0,
        "seconds": time.perf_counter() - t0,
        "claim_seconds": claim_time,
    }


def format_table(res: dict) -> str:
    rows = [
        ("documents", f"{res['documents']}"),
        ("gold attributions (with source)", f"{res['gold']}"),
        ("gold with implicit source (excluded)", f"{res['gold_implicit_source']}"),
        ("predicted (scored)", f"{res['predicted']}"),
        ("predicted on implicit-source cues", f"{res['ignored_implicit']}"),
        ("matched (cue + speaker)", f"{res['matched']}"),
        ("precision", f"{res['precision']:.3f}"),
        ("recall", f"{res['recall']:.3f}"),
        ("F1", f"{res['f1']:.3f}"),
        ("cue-only precision / recall", f"{res['cue_precision']:.3f} / {res['cue_recall']:.3f}"),
        ("right cue, wrong speaker", f"{res['wrong_speaker']}"),
        ("content token F1 (matched)", f"{res['content_f1']:.3f}"),
        ("content within one token", f"{res['content_exact']:.3f}"),
        ("find_claims time (s)", f"{res['claim_seconds']:.2f}"),
    ]
    w = max(len(k) for k, _ in rows)
    head = f"PolNeAR {res['split']}: claim attribution"
    return "\n".join([head, "-" * (w + 12)] + [f"{k:<{w}}  {v:>9}" for k, v in rows])


def _show_errors(errors: list, n: int) -> None:
    texts: dict[str, str] = {}
    for kind, name, c, g in [e for e in errors if e[0] != "TP"][:n]:
        text = texts.get(name)
        if text is None:
            path = next(CORPUS.glob(f"*/text/{name}.txt"))
            text = texts[name] = read_text(path)

        def cut(spans, text=text):
            return " | ".join(text[s:e] for s, e in spans)[:120]

        if kind == "FP":
            sp = text[c.speaker[0]:c.speaker[1]] if c.speaker else None
            gold = f"   gold: [{cut(g.source)}] <{cut(g.cue)}>" if g else ""
            print(f"FP [{sp}] <{text[c.cue[0]:c.cue[1]]}> {{{text[c.content[0]:c.content[1]][:100]}}}{gold}")
        else:
            print(f"FN [{cut(g.source)}] <{cut(g.cue)}> {{{cut(g.content)[:100]}}}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=("train", "dev"))
    ap.add_argument("--limit", type=int, default=None, help="first N documents (sorted by name)")
    ap.add_argument("--errors", type=int, default=0, help="print N false positives/negatives")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"PolNeAR not found at {CORPUS}", file=sys.stderr)
        return 2
    errors: list | None = [] if args.errors else None
    res = evaluate(args.split, args.limit, errors=errors)
    print(format_table(res))
    if errors:
        _show_errors(errors, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
