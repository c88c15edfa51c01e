"""The CSV exports: one table per entity type (``data/actors.csv``, ``claims.csv``, ``events.csv``,
``sources.csv``) and the question positions (``data/positions.csv``), for a spreadsheet or pandas.

Every row carries the entity's id (the key into ``dossier.json``) and its page on the site; lists are
joined with ``" | "`` (the ids contain none). The same dossier gives byte-identical files (rows by id,
``\\n`` line ends, no BOM). ``COLUMNS`` is the one description of each file, shown on the Data page.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ..model import Dossier
from ..views.index import Index
from ..views.questions import camp_of

SEP = " | "

COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "actors": (
        ("id", "the actor's id"), ("name", "display name"), ("kind", "person, organisation, state, armed_group, group"),
        ("aliases", "other names, | between"), ("wikidata", "Wikidata id"), ("description", "one line"),
        ("roles", "offices with their dates"), ("sources", "articles naming it"), ("mentions", "times named"),
        ("claims_made", "claims it made"), ("claims_about", "claims about it by others"), ("page", "its page on the site"),
    ),
    "claims": (
        ("id", "the claim's id"), ("speaker_id", "actor id of the speaker (empty: unnamed)"), ("speaker", "the speaker as named"),
        ("cue", "the reporting words"), ("cue_kind", "say, accuse, deny, stance..."), ("direct", "true: verbatim quotation"),
        ("negated", "true: the speaker did not say or urge it"), ("text", "what was said"), ("date", "ISO date"),
        ("date_precision", "day, month or year"), ("source", "first report's source id"), ("sentence", "sentence index in it"),
        ("sources", "every source reporting it"), ("about", "actor ids in the content"), ("questions", "question ids"), ("page", "its page"),
    ),
    "events": (
        ("id", "the event's id"), ("title", "title"), ("kind", "summit, talks, veto..."),
        ("status", "happened, planned, hypothetical, negated or prevented, as reported"), ("date", "ISO date"),
        ("date_precision", "day, week, month or year; reported: no date given, the first report's"), ("place", "where"), ("participants", "actor ids"), ("sources", "source ids"), ("page", "its page"),
    ),
    "sources": (
        ("id", "the source's id"), ("title", "title"), ("outlet", "outlet"), ("url", "the article's address, when known"),
        ("published", "ISO date"), ("published_precision", "day, month or year"), ("path", "file name"), ("sha256", "of the file"), ("page", "its page"),
    ),
    "positions": (
        ("question_id", "the question's id"), ("question", "the question"), ("claim", "claim id"), ("holder", "actor id of the speaker"),
        ("side", "actor it counts for"), ("camp", "camp name"), ("stance", "for, against or neutral"), ("date", "ISO date"),
    ),
}


def _table(name: str, rows: Iterable[dict[str, object]]) -> str:
    out = io.StringIO()
    w = csv.DictWriter(out, [c for c, _ in COLUMNS[name]], lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: _cell(v) for k, v in r.items()})
    return out.getvalue()


def _cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (tuple, list)):
        return SEP.join(str(x) for x in v)
    return str(v)


def csv_files(d: Dossier, ix: Index) -> dict[str, str]:
    """``{"data/actors.csv": text, ...}``: paths under docs/."""
    questions_of: dict[str, list[str]] = {}
    for q in d.questions:
        for p in q.positions:
            questions_of.setdefault(p.claim, []).append(q.id)
    camps = camp_of(d)
    files = {
        "actors": (
            {"id": a.id, "name": a.name, "kind": a.kind, "aliases": sorted(a.aliases), "wikidata": a.wikidata,
             "description": a.description,
             "roles": [f"{r.title} ({r.start or '?'} to {r.end or '?'})" for r in a.roles], "sources": len(set(a.sources)),
             "mentions": a.mention_count, "claims_made": len(ix.claims_by_speaker.get(a.id, ())),
             "claims_about": len(ix.claims_about.get(a.id, ())), "page": f"actors/{a.id}/"}
            for a in sorted(d.actors, key=lambda a: a.id)
        ),
        "claims": (
            {"id": c.id, "speaker_id": c.speaker if c.speaker in ix.actors else None,
             "speaker": ix.actors[c.speaker].name if c.speaker in ix.actors else (c.speaker_description or c.speaker_text),
             "cue": c.cue, "cue_kind": c.cue_kind, "direct": c.direct, "negated": c.negated, "text": c.text, "date": c.date,
             "date_precision": c.date_precision, "source": c.ref.source, "sentence": c.ref.sentence,
             "sources": sorted(set(c.sources) | {c.source}), "about": sorted(set(c.about) & set(ix.actors)),
             "questions": questions_of.get(c.id, []), "page": f"claims/{c.id}/"}
            for c in sorted(d.claims, key=lambda c: c.id)
        ),
        "events": (
            {"id": e.id, "title": e.title, "kind": e.kind, "status": e.status, "date": e.date, "date_precision": e.date_precision, "place": e.place,
             "participants": sorted(set(e.participants) & set(ix.actors)), "sources": sorted(set(e.sources)), "page": f"events/{e.id}/"}
            for e in sorted(d.events, key=lambda e: e.id)
        ),
        "sources": (
            {"id": s.id, "title": s.title, "outlet": s.outlet, "url": s.url, "published": s.published.value,
             "published_precision": s.published.precision, "path": s.path, "sha256": s.content_hash, "page": f"sources/{s.id}/"}
            for s in sorted(d.sources, key=lambda s: s.id)
        ),
        "positions": (
            {"question_id": q.id, "question": q.title, "claim": p.claim, "holder": p.holder, "side": p.side,
             "camp": camps[p.side].name if p.side in camps else None, "stance": p.stance, "date": p.date}
            for q in d.questions for p in q.positions
        ),
    }
    return {f"data/{name}.csv": _table(name, rows) for name, rows in files.items()}
