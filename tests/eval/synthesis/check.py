"""Check a synthesis gold file against its articles (see GUIDE.md).

    python3 tests/eval/synthesis/check.py tests/eval/synthesis/A.yml [--corpus PATH.tar.gz]

Every quoted string must be an exact substring of its article; ids must be declared and consistent;
kinds, statuses and precisions must come from the guide's lists; every manifest file of the cluster
must be annotated. Prints one line per problem and exits 1 when there is any.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tarfile
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parents[3] / "shared" / "corpora" / "fakes-syria-2015-2018.tar.gz"
ACTOR_KINDS = {"person", "organisation", "state", "armed_group"}
EVENT_KINDS = {"attack", "offensive", "meeting", "talks", "summit", "conference", "visit", "vote", "veto",
               "sanctions", "ceasefire", "agreement", "election", "evacuation", "other"}
STATUSES = {"happened", "planned", "hypothetical", "negated", "prevented"}
PRECISIONS = {"day", "week", "month", "year", None}


def load_articles(corpus: Path, names: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    with tarfile.open(corpus) as tar:
        for member in tar:
            name = Path(member.name).name
            if member.isfile() and name in names:
                out[name] = tar.extractfile(member).read().decode("utf-8")
    return out


def _iso_ok(value: object, precision: object) -> bool:
    if value is None:
        return precision is None
    text = str(value)
    try:
        if precision in ("day", "week"):
            dt.date.fromisoformat(text)
        elif precision == "month":
            dt.date.fromisoformat(text + "-01")
        elif precision == "year":
            int(text)
            return len(text) == 4
        else:
            return False
    except ValueError:
        return False
    return True


def check(path: Path, corpus: Path) -> list[str]:
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    manifest = yaml.safe_load((HERE / "manifest.yml").read_text(encoding="utf-8"))
    cluster = gold.get("cluster")
    problems: list[str] = []
    if cluster not in manifest["clusters"]:
        return [f"{path}: cluster {cluster!r} is not in manifest.yml"]
    expected = set(manifest["clusters"][cluster]["files"])
    actors = {a["id"]: a for a in gold.get("actors") or []}
    for a in gold.get("actors") or []:
        if a.get("kind") not in ACTOR_KINDS:
            problems.append(f"actor {a.get('id')}: kind {a.get('kind')!r}")
        if a.get("of") is not None and a["of"] not in actors:
            problems.append(f"actor {a.get('id')}: of {a['of']!r} is not declared")
    seen = [a["file"] for a in gold.get("articles") or []]
    for missing in sorted(expected - set(seen)):
        problems.append(f"{missing}: in the manifest but not annotated")
    for extra in sorted(set(seen) - expected):
        problems.append(f"{extra}: annotated but not in cluster {cluster}")
    texts = load_articles(corpus, set(seen))
    claim_ids: set[str] = set()
    for art in gold.get("articles") or []:
        name = art["file"]
        text = texts.get(name)
        where = f"{name}"
        if text is None:
            problems.append(f"{where}: not found in {corpus}")
            continue

        def quoted(s: object, what: str, where: str = where, text: str = text) -> None:
            if s is None:
                return
            if not isinstance(s, str) or s not in text:
                problems.append(f"{where}: {what} {s!r} is not in the text")

        pub = art.get("published")
        if pub is not None and not _iso_ok(pub, "day" if len(str(pub)) == 10 else "month" if len(str(pub)) == 7 else "year"):
            problems.append(f"{where}: published {pub!r} is not an ISO date")
        if (pub is None) != (art.get("published_text") is None):
            problems.append(f"{where}: published and published_text must both be set or both null")
        quoted(art.get("published_text"), "published_text")
        local_actors = set()
        for a in art.get("actors") or []:
            if a.get("id") not in actors:
                problems.append(f"{where}: actor {a.get('id')!r} is not declared at the top")
            local_actors.add(a.get("id"))
            if not a.get("mentions"):
                problems.append(f"{where}: actor {a.get('id')!r} has no mentions")
            for m in a.get("mentions") or []:
                quoted(m, f"mention of {a.get('id')}")
        for s in art.get("not_actors") or []:
            quoted(s, "not_actor")
        ids = set()
        for c in art.get("claims") or []:
            cid = c.get("id")
            cw = f"{where}#{cid}"
            if cid in ids:
                problems.append(f"{cw}: duplicate claim id")
            ids.add(cid)
            claim_ids.add(f"{name}#{cid}")
            for key in ("speaker", "affiliation"):
                if c.get(key) is not None and c[key] not in local_actors:
                    problems.append(f"{cw}: {key} {c[key]!r} is not among this article's actors")
            for key in ("speaker_text", "cue", "content"):
                quoted(c.get(key), key, where=cw)
            if not c.get("content") or not c.get("cue"):
                problems.append(f"{cw}: cue and content are required")
            for key in ("direct", "negated"):
                if not isinstance(c.get(key, False), bool):
                    problems.append(f"{cw}: {key} must be true or false")
        for e in art.get("events") or []:
            ew = f"{where} event {e.get('event')}"
            if e.get("kind") not in EVENT_KINDS:
                problems.append(f"{ew}: kind {e.get('kind')!r}")
            if e.get("status") not in STATUSES:
                problems.append(f"{ew}: status {e.get('status')!r}")
            if e.get("date_precision") not in PRECISIONS or not _iso_ok(e.get("date"), e.get("date_precision")):
                problems.append(f"{ew}: date {e.get('date')!r} / precision {e.get('date_precision')!r}")
            if not e.get("mentions"):
                problems.append(f"{ew}: no mentions")
            for m in e.get("mentions") or []:
                quoted(m, "event mention", where=ew)
            for p in e.get("participants") or []:
                if p not in local_actors:
                    problems.append(f"{ew}: participant {p!r} is not among this article's actors")
    for d in gold.get("divergent") or []:
        if not d.get("question") or len(d.get("sides") or []) < 2:
            problems.append(f"divergent {d.get('question')!r}: a question and two sides are needed")
        for side in d.get("sides") or []:
            for ref in side.get("claims") or []:
                if ref not in claim_ids:
                    problems.append(f"divergent {d.get('question')!r}: claim {ref!r} is not annotated")
    return [f"{path.name}: {p}" for p in problems]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args(argv)
    problems = [p for f in args.files for p in check(f, args.corpus)]
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s) in {len(args.files)} file(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
