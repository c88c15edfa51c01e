"""Score what the site concludes against the synthesis gold set (``tests/eval/synthesis/``).

    python -m tests.eval.synth [--split dev|test|all] [--errors N]

Each split of the gold set (``manifest.yml``) is built as its own corpus, as a new user would: the
articles in ``seeds/``, no curation file. Then every measure compares the resolved dossier (and the
actors the site gives a page) with the gold, through character offsets:

- a tool span matches a gold span when their character ranges overlap with Jaccard >= 0.5 (mentions,
  triggers) or F1 >= 0.5 (claim contents); an actor mention that also covers half of another gold
  actor's name is a fused name and matches nothing;
- each tool actor is identified with the gold actor most of its matched mentions belong to;
- a claim is identified with the gold claim its first report matches; "same statement" is the gold
  ``same_as`` key (or the same gold claim); divergence is two gold claims on different sides of one
  gold question.

The measures (what a reader sees):

``actor pages real``  actors with a page whose mentions are mostly clean mentions of one gold actor
``actor kind``        of those, the kind equals the gold kind
``merge P / R``       pairwise over (article, name) items: same tool actor vs same gold actor
``claim P / R``       tool claim pages matching a gold claim / gold claims found
``speaker``           matched claims whose speaker is the gold one (an unnamed gold speaker: no
                      actor, or the actor the speaker speaks for)
``claims fully right`` tool claim pages that match, with the right speaker, a clean span (F1 >= 0.8),
                      the right negation, no duplicate page, and every report the same statement
``corroboration P``   pairs of reports the site shows as the same statement that are
``divergence P``      "diverges from" pairs that are gold divergent pairs
``event P``           events on the timeline that are real, happened, dated right, merged right
``event R``           gold events (per article) that some tool event reports
``event status``      tool status of matched events equals the gold status
``event merge P / R`` pairwise over matched event mentions
``event date``        matched events with a gold date whose tool date is that date
``publication date``  articles whose publication date is the one the text gives (or none when none)

Rule writers read only the dev split's errors (``--errors``); the test split prints figures only.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import os
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = Path(__file__).with_name("synthesis")
CORPUS = ROOT.parent / "shared" / "corpora" / "fakes-syria-2015-2018.tar.gz"
CACHE = ROOT / ".dossier-cache" / "eval"


# ---------------------------------------------------------------------------------------------
# Gold


@dataclass
class GoldArticle:
    file: str
    text: str
    published: str | None
    actor_spans: list[tuple[int, int, str]]  # every occurrence of every mention string: (start, end, actor)
    claims: dict[str, dict]  # id -> claim (with "span": (start, end))
    events: list[dict]  # each with "spans": [(start, end), ...]


@dataclass
class Gold:
    split: str
    actors: dict[str, dict]  # id -> {name, kind, of}
    articles: dict[str, GoldArticle]
    divergent: list[dict] = field(default_factory=list)


def _occurrences(text: str, s: str) -> list[tuple[int, int]]:
    out, i = [], text.find(s)
    while i >= 0:
        out.append((i, i + len(s)))
        i = text.find(s, i + 1)
    return out


def load_gold(split: str, corpus: Path = CORPUS) -> Gold:
    manifest = yaml.safe_load((GOLD_DIR / "manifest.yml").read_text(encoding="utf-8"))
    clusters = [k for k, v in manifest["clusters"].items() if split == "all" or v["split"] == split]
    files = {f for k in clusters for f in manifest["clusters"][k]["files"]}
    texts = _read_corpus(corpus, files)
    gold = Gold(split, {}, {})
    for k in clusters:
        path = GOLD_DIR / f"{k}.yml"
        if not path.exists():
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for a in data.get("actors") or []:
            gold.actors.setdefault(a["id"], a)
        for art in data.get("articles") or []:
            text = texts[art["file"]]
            spans = []
            for a in art.get("actors") or []:
                for m in a.get("mentions") or []:
                    spans += [(s, e, a["id"]) for s, e in _occurrences(text, m)]
            claims = {}
            for c in art.get("claims") or []:
                occ = _occurrences(text, c["content"])
                c = dict(c, span=occ[0] if occ else (0, 0), file=art["file"], cluster=k)
                claims[str(c["id"])] = c
            events = []
            for e in art.get("events") or []:
                occ = [o for m in e.get("mentions") or [] for o in _occurrences(text, m)]
                events.append(dict(e, spans=occ, file=art["file"], key=f"{k}:{e['event']}"))
            pub = art.get("published")
            gold.articles[art["file"]] = GoldArticle(art["file"], text, str(pub) if pub is not None else None,
                                                     sorted(set(spans)), claims, events)
        for d in data.get("divergent") or []:
            gold.divergent.append(dict(d, cluster=k))
    return gold


def _read_corpus(corpus: Path, names: set[str]) -> dict[str, str]:
    if not corpus.exists():
        raise FileNotFoundError(f"{corpus} (research data beside the repository, not in a user's clone)")
    out = {}
    with tarfile.open(corpus) as tar:
        for m in tar:
            if m.isfile() and Path(m.name).name in names:
                out[Path(m.name).name] = tar.extractfile(m).read().decode("utf-8")
    return out


# ---------------------------------------------------------------------------------------------
# The tool's side: a build of the split's articles with no curation


@functools.lru_cache(maxsize=3)
def build(split: str):
    from generator.config import Curation
    from generator.pipeline import Paths, collect
    from generator.views import build_views

    gold = load_gold(split)
    work = Path(tempfile.mkdtemp(prefix=f"dossier-synth-{split}-"))
    (work / "seeds").mkdir()
    for name, art in gold.articles.items():
        (work / "seeds" / name).write_text(art.text, encoding="utf-8")
    CACHE.mkdir(parents=True, exist_ok=True)
    paths = Paths.at(work, cache=CACHE)
    articles, extractions, dossier, _ = collect(paths, Curation(), log=lambda s: None)
    views = build_views(dossier, {a.id: a for a in articles}, extractions)
    return gold, dossier, views


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def _f1(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    p, r = inter / max(1, a[1] - a[0]), inter / max(1, b[1] - b[0])
    return 2 * p * r / (p + r)


def _ratio(ok: int, n: int) -> float | None:
    return ok / n if n else None


@dataclass
class Result:
    scores: dict[str, tuple[int, int]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, name: str, ok: int, n: int) -> None:
        self.scores[name] = (ok, n)


def evaluate(split: str) -> Result:
    gold, dossier, views = build(split)
    res = Result()
    file_of = {s.id: Path(s.path).name for s in dossier.sources}
    _publication(gold, dossier, file_of, res)
    identity = _actors(gold, dossier, views, file_of, res)
    claim_gold = _claims(gold, dossier, identity, file_of, res)
    _corroboration(gold, dossier, claim_gold, file_of, res)
    _divergence(gold, dossier, claim_gold, res)
    _events(gold, dossier, file_of, res)
    return res


# --- publication dates ------------------------------------------------------------------------


def _publication(gold: Gold, dossier, file_of, res: Result) -> None:
    ok = n = 0
    for s in dossier.sources:
        g = gold.articles.get(file_of[s.id])
        if g is None:
            continue
        n += 1
        got = s.published.value
        if got == g.published:
            ok += 1
        else:
            res.errors["publication date"].append(f"{g.file}: gold {g.published}, tool {got} ({s.published.evidence})")
    res.add("publication date", ok, n)


# --- actors -------------------------------------------------------------------------------------


def _gold_actor_at(g: GoldArticle, span: tuple[int, int]) -> str | None:
    """The gold actor a tool mention span names, or None: no gold mention there, or the span fuses
    two names (it holds another actor's whole mention apart from the one it matches).

    A span matches a gold mention when their ranges overlap with Jaccard >= 0.5, or when it is the
    name at the end of a longer gold mention that carries a title ("former US President Barack Obama")."""
    best, best_score = None, 0.0
    for s, e, actor in g.actor_spans:
        if e <= span[0] or s >= span[1]:
            continue
        score = _jaccard(span, (s, e))
        if s <= span[0] and span[1] == e and span[1] - span[0] >= 3:
            score = max(score, 0.5)  # the name closing a titled mention
        if score > best_score or (score == best_score and best and (e - s) > (best[1] - best[0])):
            best, best_score = (s, e, actor), score
    if best is None or best_score < 0.5:
        return None
    for s, e, actor in g.actor_spans:
        inside = span[0] <= s and e <= span[1]
        if inside and actor != best[2] and (e <= best[0] or s >= best[1]):
            return None  # fused with another actor's name
    return best[2]


def _actors(gold: Gold, dossier, views, file_of, res: Result) -> dict[str, str | None]:
    """Scores actor pages, kinds and merges; returns tool actor id -> gold actor id (or None)."""
    identity: dict[str, str | None] = {}
    items: dict[tuple[str, str], Counter] = defaultdict(Counter)  # (file, name) -> tool actor counts
    item_gold: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for a in dossier.actors:
        votes: Counter = Counter()
        total = 0
        for ref in a.mentions:
            g = gold.articles.get(file_of.get(ref.source, ""))
            if g is None:
                continue
            total += 1
            ga = _gold_actor_at(g, (ref.start, ref.end))
            votes[ga] += 1
            name = " ".join(g.text[ref.start:ref.end].casefold().split())
            items[(g.file, name)][a.id] += 1
            if ga:
                item_gold[(g.file, name)][ga] += 1
        top = [x for x, k in votes.most_common() if x]
        identity[a.id] = top[0] if top and votes[top[0]] * 2 > total else None
    paged = {a.id for a in views.dossier.actors}
    real = kind_ok = 0
    for a in dossier.actors:
        if a.id not in paged:
            continue
        ga = identity.get(a.id)
        if ga:
            real += 1
            if gold.actors[ga]["kind"] == a.kind:
                kind_ok += 1
            else:
                res.errors["actor kind"].append(f"{a.name} ({a.id}): tool {a.kind}, gold {gold.actors[ga]['kind']}")
        else:
            res.errors["actor pages real"].append(f"{a.name} ({a.id}, {a.kind}, {a.mention_count} mentions)")
    res.add("actor pages real", real, len(paged))
    res.add("actor kind", kind_ok, real)
    # Merges, pairwise over (article, name) items that name one gold actor.
    pts = []
    for key, tools in items.items():
        golds = item_gold.get(key)
        if not golds:
            continue
        pts.append((key, tools.most_common(1)[0][0], golds.most_common(1)[0][0]))
    tp = fp = fn = 0
    for (k1, t1, g1), (k2, t2, g2) in itertools.combinations(pts, 2):
        if t1 == t2 and g1 == g2:
            tp += 1
        elif t1 == t2:
            fp += 1
            if len(res.errors["merge P"]) < 400:
                res.errors["merge P"].append(f"{k1[1]!r} ({g1}) merged with {k2[1]!r} ({g2}) in {t1}")
        elif g1 == g2:
            fn += 1
            if len(res.errors["merge R"]) < 400:
                res.errors["merge R"].append(f"{k1[1]!r} ({t1}) and {k2[1]!r} ({t2}) are both {g1}")
    res.add("merge P", tp, tp + fp)
    res.add("merge R", tp, tp + fn)
    return identity


# --- claims -------------------------------------------------------------------------------------


def _match_claim(g: GoldArticle, span: tuple[int, int]) -> tuple[dict | None, float]:
    best, best_f = None, 0.0
    for c in g.claims.values():
        f = _f1(span, tuple(c["span"]))
        if f > best_f:
            best, best_f = c, f
    return (best, best_f) if best_f >= 0.5 else (None, best_f)


def _group(c: dict) -> str:
    return f"{c['file']}#{c['id']}" if not c.get("same_as") else f"{c['cluster']}:same:{c['same_as']}"


def _speaker_ok(gold: Gold, gc: dict, tool_speaker: str | None, identity) -> bool:
    want = gc.get("speaker")
    got = identity.get(tool_speaker) if tool_speaker else None
    if want is None:
        return tool_speaker is None or (gc.get("affiliation") is not None and got == gc.get("affiliation"))
    return got == want


def _claims(gold: Gold, dossier, identity, file_of, res: Result) -> dict[str, dict | None]:
    """Scores claims and speakers; returns tool claim id -> the gold claim its first report matches."""
    out: dict[str, dict | None] = {}
    matched_gold: Counter = Counter()
    found: set[str] = set()
    for c in sorted(dossier.claims, key=lambda c: c.id):
        g = gold.articles.get(file_of.get(c.ref.source, ""))
        if g is None:
            out[c.id] = None
            continue
        gc, f = _match_claim(g, (c.ref.start, c.ref.end))
        out[c.id] = gc
        if gc is not None:
            matched_gold[(g.file, gc["id"])] += 1
        for ref in c.refs:
            g2 = gold.articles.get(file_of.get(ref.source, ""))
            if g2 is not None:
                m, _ = _match_claim(g2, (ref.start, ref.end))
                if m is not None:
                    found.add(f"{g2.file}#{m['id']}")
    n_tool = sum(1 for c in dossier.claims if gold.articles.get(file_of.get(c.ref.source, "")))
    n_gold = sum(len(g.claims) for g in gold.articles.values())
    ok_p = sum(1 for v in out.values() if v is not None)
    res.add("claim P", ok_p, n_tool)
    res.add("claim R", len(found), n_gold)
    for g in gold.articles.values():
        for c in g.claims.values():
            if f"{g.file}#{c['id']}" not in found and len(res.errors["claim R"]) < 400:
                res.errors["claim R"].append(f"{g.file}: {c.get('speaker_text') or c.get('speaker')} {c['cue']}: {c['content'][:100]!r}")
    sp_ok = sp_n = full = 0
    for c in sorted(dossier.claims, key=lambda c: c.id):
        gc = out.get(c.id)
        g = gold.articles.get(file_of.get(c.ref.source, ""))
        if g is None:
            continue
        if gc is None:
            res.errors["claim P"].append(f"{g.file}: {c.speaker_text!r} {c.cue}: {c.text[:100]!r}")
            continue
        sp_n += 1
        good_speaker = _speaker_ok(gold, gc, c.speaker, identity)
        sp_ok += good_speaker
        if not good_speaker:
            res.errors["speaker"].append(
                f"{g.file}: tool {c.speaker} ({c.speaker_text!r} -> {identity.get(c.speaker)}), gold {gc.get('speaker')} "
                f"({gc.get('speaker_text')!r}): {c.text[:80]!r}")
        clean = _f1((c.ref.start, c.ref.end), tuple(gc["span"])) >= 0.8
        negation = bool(c.negated) == bool(gc.get("negated"))
        single = matched_gold[(g.file, gc["id"])] == 1
        same = True
        for ref in c.refs:
            g2 = gold.articles.get(file_of.get(ref.source, ""))
            m = _match_claim(g2, (ref.start, ref.end))[0] if g2 else None
            if m is None or _group(m) != _group(gc):
                same = False
        if good_speaker and clean and negation and single and same:
            full += 1
        else:
            why = [w for w, bad in (("speaker", not good_speaker), ("span", not clean), ("negation", not negation),
                                    ("duplicate", not single), ("reports", not same)) if bad]
            res.errors["claims fully right"].append(f"{g.file}: {','.join(why)}: {c.text[:90]!r} / gold {gc['content'][:60]!r}")
    res.add("speaker", sp_ok, sp_n)
    res.add("claims fully right", full, n_tool)
    return out


def _corroboration(gold: Gold, dossier, claim_gold, file_of, res: Result) -> None:
    """Pairs of reports shown as one statement: the reports of one claim page in different sources,
    and the claims linked as corroborating."""
    ok = n = 0
    for c in dossier.claims:
        groups = []
        for ref in c.refs:
            g = gold.articles.get(file_of.get(ref.source, ""))
            m = _match_claim(g, (ref.start, ref.end))[0] if g else None
            groups.append((ref.source, m))
        for (s1, m1), (s2, m2) in itertools.combinations(groups, 2):
            if s1 == s2:
                continue
            n += 1
            good = m1 is not None and m2 is not None and _group(m1) == _group(m2)
            ok += good
            if not good:
                res.errors["corroboration P"].append(f"{c.id}: {s1} / {s2}")
    for c in dossier.claims:
        for o in c.corroborating:
            if o <= c.id:
                continue
            n += 1
            a, b = claim_gold.get(c.id), claim_gold.get(o)
            good = a is not None and b is not None and _group(a) == _group(b)
            ok += good
            if not good:
                res.errors["corroboration P"].append(f"{c.id} ~ {o}")
    res.add("corroboration P", ok, n)


def _divergence(gold: Gold, dossier, claim_gold, res: Result) -> None:
    sides: dict[str, set[tuple[int, int]]] = defaultdict(set)  # group -> (question, side)
    for qi, d in enumerate(gold.divergent):
        for si, side in enumerate(d.get("sides") or []):
            for ref in side.get("claims") or []:
                file, cid = ref.split("#", 1)
                g = gold.articles.get(file)
                if g and cid in g.claims:
                    sides[_group(g.claims[cid])].add((qi, si))
    ok = n = 0
    for c in dossier.claims:
        for o in c.diverging:
            if o <= c.id:
                continue
            n += 1
            a, b = claim_gold.get(c.id), claim_gold.get(o)
            good = False
            if a is not None and b is not None:
                sa, sb = sides.get(_group(a), set()), sides.get(_group(b), set())
                good = any(qa == qb and xa != xb for qa, xa in sa for qb, xb in sb)
            ok += good
            if not good:
                res.errors["divergence P"].append(f"{c.text[:70]!r} <> {next((x.text[:70] for x in dossier.claims if x.id == o), o)!r}")
    res.add("divergence P", ok, n)


# --- events ---------------------------------------------------------------------------------------


def _match_event(g: GoldArticle, span: tuple[int, int]) -> dict | None:
    for e in g.events:
        for s in e["spans"]:
            if s[0] < span[1] and span[0] < s[1]:
                return e
    return None


def _date_ok(tool: str | None, precision: str | None, gold: str | None) -> bool:
    if gold is None:
        return tool is None or precision == "reported"
    return tool == str(gold)


def _events(gold: Gold, dossier, file_of, res: Result) -> None:
    status_ok = status_n = date_ok = date_n = timeline_ok = timeline_n = 0
    mentions = []  # (tool event id, gold key)
    for e in sorted(dossier.events, key=lambda e: e.id):
        ms = []
        for ref in e.refs:
            g = gold.articles.get(file_of.get(ref.source, ""))
            m = _match_event(g, (ref.start, ref.end)) if g else None
            ms.append(m)
            if m is not None:
                mentions.append((e.id, m["key"], ref.source))
        first = ms[0] if ms else None
        status = getattr(e, "status", "happened") or "happened"
        if first is not None:
            status_n += 1
            status_ok += status == first["status"]
            if status != first["status"]:
                res.errors["event status"].append(f"{e.title}: tool {status}, gold {first['status']}")
            if first.get("date") is not None:
                date_n += 1
                date_ok += e.date == str(first["date"])
                if e.date != str(first["date"]):
                    res.errors["event date"].append(f"{e.title}: tool {e.date}, gold {first['date']}")
        on_timeline = bool(e.date) and status == "happened" and e.date_precision != "reported"
        if on_timeline:
            timeline_n += 1
            keys = {m["key"] for m in ms if m is not None}
            good = (first is not None and first["status"] == "happened" and _date_ok(e.date, e.date_precision, first.get("date"))
                    and None not in ms and len(keys) == 1)
            timeline_ok += good
            if not good:
                why = "not an event" if first is None else (
                    f"gold {first['status']}" if first["status"] != "happened" else
                    f"date {e.date} vs {first.get('date')}" if not _date_ok(e.date, e.date_precision, first.get("date")) else
                    f"merges {sorted(k for k in keys)}")
                res.errors["event P"].append(f"{e.title} ({e.date}): {why}")
    res.add("event P", timeline_ok, timeline_n)
    found = {(src, key) for _t, key, src in mentions}
    wanted = {(g.file, e["key"], e["status"]) for g in gold.articles.values() for e in g.events}
    file_src = {v: k for k, v in file_of.items()}
    hit = {w for w in wanted if (file_src.get(w[0]), w[1]) in found}
    res.add("event R", len(hit), len(wanted))
    for w in sorted(wanted - hit):
        g = gold.articles[w[0]]
        e = next(x for x in g.events if x["key"] == w[1])
        res.errors["event R"].append(f"{w[0]}: {e['kind']} {w[2]} {e.get('date')}: {(e.get('mentions') or [''])[0]!r}")
    res.add("event status", status_ok, status_n)
    res.add("event date", date_ok, date_n)
    tp = fp = fn = 0
    for (t1, g1, _s1), (t2, g2, _s2) in itertools.combinations(mentions, 2):
        if t1 == t2 and g1 == g2:
            tp += 1
        elif t1 == t2:
            fp += 1
        elif g1 == g2:
            fn += 1
    res.add("event merge P", tp, tp + fp)
    res.add("event merge R", tp, tp + fn)


# ---------------------------------------------------------------------------------------------


ORDER = ["actor pages real", "actor kind", "merge P", "merge R", "claim P", "claim R", "speaker",
         "claims fully right", "corroboration P", "divergence P", "event P", "event R", "event status", "event merge P",
         "event merge R", "event date", "publication date"]


def table(results: dict[str, Result]) -> str:
    lines = [f"{'measure':22}" + "".join(f"{s:>18}" for s in results)]
    for name in ORDER:
        row = f"{name:22}"
        for r in results.values():
            ok, n = r.scores.get(name, (0, 0))
            row += f"{(f'{ok / n:.3f}' if n else '–'):>8} {f'({ok}/{n})':>9}"
        lines.append(row)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Synthesis gold set: what the site concludes.")
    ap.add_argument("--split", choices=["dev", "test", "both"], default="both")
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors per measure (dev split only)")
    ap.add_argument("--only", default=None, help="print errors of this measure only")
    args = ap.parse_args(argv)
    try:
        splits = ["dev", "test"] if args.split == "both" else [args.split]
        results = {s: evaluate(s) for s in splits}
    except FileNotFoundError as exc:
        print(f"skipped: {exc}")
        return 0
    print(table(results))
    if args.errors and "dev" in results:
        for name in ORDER:
            if args.only and name != args.only:
                continue
            errs = results["dev"].errors.get(name) or []
            if errs:
                print(f"\n-- dev errors: {name} ({len(errs)})")
                for e in errs[: args.errors]:
                    print("  " + e)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
