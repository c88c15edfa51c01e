"""The curation file ``dossier.yml``: site settings and the analyst's corrections.

Like MkDocs' config, the schema is declared once (``TOP_SPEC``, ``SITE_SPEC``, ``ACTOR_SPEC`` and
``ARTICLE_SPEC`` below: every key with its validator; an article's metadata follows the sidecar's
rules) and validation gathers *all* errors before failing, each naming the file, the line, the key
and what was expected. Nothing is written when the curation file is bad.

Example::

    site:
      title: Russia and the Syrian war
    actors:
      - name: Vladimir Putin
        kind: person
        aliases: [Putin, Mr. Putin, Russia's leader]
        wikidata: Q7747
        roles:
          - {title: Prime Minister of Russia, start: 2008-05-08, end: 2012-05-07}
          - {title: President of Russia, start: 2012-05-07}
    ignore: [Khalil Ashawi]
    articles:
      000_8831fdf32968016e.txt: {published: 2013-06-14, outlet: The Moscow Times}
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import isodate
from .errors import CurationError, quote
from .model import ACTOR_KINDS
from .ingest.sidecar import KEYS as METADATA_KEYS
from .ingest.sidecar import Metadata, check_value
from .ingest.yamlread import CURATION, YamlRefused, compose



@dataclass(frozen=True)
class CuratedRole:
    title: str
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class CuratedActor:
    name: str  # canonical display name
    kind: str | None = None
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    description: str | None = None
    roles: tuple[CuratedRole, ...] = ()


@dataclass(frozen=True)
class CuratedQuestion:
    """A question the analyst names: ``from`` renames (one) or merges (several) discovered questions
    by their titles; ``topic`` and/or ``words`` add one (claims on that topic, or whose words include
    one of these, about ``target`` when given)."""

    title: str
    replaces: tuple[str, ...] = ()  # key "from"
    topic: str | None = None
    target: str | None = None  # actor name
    words: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class CuratedCamp:
    """A camp the analyst sets: its name and the actors (states, organisations...) that form it."""

    name: str
    members: tuple[str, ...]
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Curation:
    """The validated curation file. An absent file gives ``Curation()``: extraction works without it."""

    title: str = "Dossier"
    description: str = ""
    site_url: str | None = None
    actors: tuple[CuratedActor, ...] = ()
    ignore: tuple[str, ...] = ()
    articles: tuple[tuple[str, Metadata], ...] = ()  # per-file metadata (sidecar rules)
    questions: tuple[CuratedQuestion, ...] = ()
    camps: tuple[CuratedCamp, ...] = ()
    path: str | None = None

    def article_overrides(self) -> dict[str, dict[str, str]]:
        return {
            name: {k: v for k, v in vars(o).items() if v is not None} for name, o in self.articles
        }

    def fingerprint(self) -> str:
        """Hash of everything in the file that affects extraction or resolution."""
        data = json.dumps(_plain(self), sort_keys=True, default=str)
        return hashlib.sha256(data.encode()).hexdigest()[:16]


def _plain(obj: Any) -> Any:
    if hasattr(obj, "__dataclass_fields__"):
        return {k: _plain(getattr(obj, k)) for k in obj.__dataclass_fields__ if k not in ("path", "line")}
    if isinstance(obj, (tuple, list)):
        return [_plain(x) for x in obj]
    return obj


# ---------------------------------------------------------------------------------------------
# Schema: key -> (expected type description, validator). Validators return a value or raise _Bad.


class _Bad(Exception):
    pass


def _str(v: Any) -> str:
    if isinstance(v, str) and v.strip():
        return v.strip()
    raise _Bad("expected a non-empty string")


def _date(v: Any) -> str:
    if isinstance(v, dt.date):
        # YAML reads 2013-06-14 as a date; a timestamp with a time keeps it here (isoformat), unlike
        # isodate.parse, which takes a datetime's day
        return v.isoformat()
    if isinstance(v, int) and 1000 <= v <= 9999:
        return str(v)
    if isinstance(v, str) and isodate.SHAPE.match(v.strip()):
        s = v.strip()
        problem = isodate.calendar_error(s)
        if problem:
            raise _Bad(f"expected a date YYYY[-MM[-DD]], got {quote(v)} ({problem})")
        return s
    raise _Bad(f"expected a date YYYY[-MM[-DD]], got {quote(v)}")


def _kind(v: Any) -> str:
    if v in ACTOR_KINDS:
        return v
    raise _Bad(f"expected one of {', '.join(ACTOR_KINDS)}, got {quote(v)}")


def _wikidata(v: Any) -> str:
    if isinstance(v, str) and re.fullmatch(r"Q\d+", v):
        return v
    raise _Bad(f"expected a Wikidata id like Q7747, got {quote(v)}")


def _metadata_rule(key: str):
    """A check by the rule an article's metadata ``key`` follows in sidecars too
    (``ingest.sidecar.check_value``): one rule for URLs and publication dates everywhere."""

    def check(v: Any) -> str:
        try:
            return check_value(key, v)
        except ValueError as exc:
            raise _Bad(str(exc)) from None

    return check


_url = _metadata_rule("url")


# ---------------------------------------------------------------------------------------------
# Loading with line numbers: walk the composed YAML node tree.


@dataclass
class _Ctx:
    file: str
    errors: list[tuple[str, int, str, str]] = field(default_factory=list)

    def err(self, node: yaml.Node | None, key: str, msg: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 0
        if len(key) > 120:  # a key is quoted whole only when it is short (see errors.quote)
            key = key[:120] + "…"
        self.errors.append((self.file, line, key, msg))


def _value(node: yaml.Node) -> Any:
    """Plain Python value of a node (scalars typed as YAML would type them)."""
    if node is None:
        return None
    try:
        return yaml.safe_load(yaml.serialize(node))
    except (yaml.YAMLError, ValueError):
        # e.g. a timestamp-looking scalar that is no date ("2012-13-01"): validate the raw string
        return node.value if isinstance(node, yaml.ScalarNode) else None


def _mapping(ctx: _Ctx, node: yaml.Node, key: str) -> list[tuple[str, yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        ctx.err(node, key, "expected a mapping")
        return []
    out = []
    for k, v in node.value:
        if not isinstance(k, yaml.ScalarNode):
            ctx.err(k, key, "expected a string key")
            continue
        out.append((k.value, k, v))
    return out


def _list(ctx: _Ctx, node: yaml.Node, key: str) -> list[yaml.Node]:
    if isinstance(node, yaml.ScalarNode) and node.value == "" and node.tag.endswith("null"):
        return []
    if not isinstance(node, yaml.SequenceNode):
        ctx.err(node, key, "expected a list")
        return []
    return list(node.value)


def _check(ctx: _Ctx, node: yaml.Node, key: str, fn) -> Any:
    try:
        return fn(_value(node))
    except _Bad as exc:
        ctx.err(node, key, str(exc))
        return None


def _fields(ctx, node, key, spec: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {}
    seen = set()
    for name, knode, vnode in _mapping(ctx, node, key):
        full = f"{key}.{name}" if key else name
        seen.add(name)
        if name not in spec:
            ctx.err(knode, full, f"unknown key (expected one of: {', '.join(spec)})")
            continue
        out[name] = spec[name](ctx, vnode, full)
    if isinstance(node, yaml.MappingNode):
        for r in required:
            if r not in seen:
                ctx.err(node, f"{key}.{r}" if key else r, "required key is missing")
    return out


def _scalar(fn):
    return lambda ctx, node, key: _check(ctx, node, key, fn)


def _strings(ctx, node, key) -> tuple[str, ...]:
    return tuple(
        v for i, n in enumerate(_list(ctx, node, key)) if (v := _check(ctx, n, f"{key}[{i}]", _str))
    )


def _role(ctx, node, key) -> CuratedRole | None:
    f = _fields(ctx, node, key, {"title": _scalar(_str), "start": _scalar(_date), "end": _scalar(_date)}, ("title",))
    if not f.get("title"):
        return None
    if f.get("start") and f.get("end") and f["end"] < f["start"]:
        ctx.err(node, f"{key}.end", f"ends ({f['end']}) before it starts ({f['start']})")
    return CuratedRole(f["title"], f.get("start"), f.get("end"))


def _roles(ctx, node, key) -> tuple[CuratedRole, ...]:
    return tuple(r for i, n in enumerate(_list(ctx, node, key)) if (r := _role(ctx, n, f"{key}[{i}]")))


ACTOR_SPEC = {
    "name": _scalar(_str),  # canonical display name
    "kind": _scalar(_kind),  # person | organisation | state | armed_group | group
    "aliases": _strings,  # other names and spellings that mean this actor
    "wikidata": _scalar(_wikidata),  # optional Wikidata id
    "description": _scalar(_str),  # one line shown under the name
    "roles": _roles,  # offices held, with date ranges
}

ARTICLE_SPEC = {key: _scalar(_metadata_rule(key)) for key in METADATA_KEYS}


def _actors(ctx, node, key) -> tuple[CuratedActor, ...]:
    out = []
    for i, n in enumerate(_list(ctx, node, key)):
        f = _fields(ctx, n, f"{key}[{i}]", ACTOR_SPEC, ("name",))
        if f.get("name"):
            out.append(CuratedActor(**{k: v for k, v in f.items() if v is not None}))
    return tuple(out)


def _articles(ctx, node, key) -> tuple[tuple[str, Metadata], ...]:
    out = []
    for name, _k, v in _mapping(ctx, node, key):
        f = _fields(ctx, v, f"{key}.{name}", ARTICLE_SPEC)
        out.append((name, Metadata(**{k: x for k, x in f.items() if x is not None})))
    return tuple(sorted(out))


def _topic(v: Any) -> str:
    if isinstance(v, str) and re.fullmatch(r"[a-z]+(?:-[a-z]+)*", v):
        return v
    raise _Bad(f"expected a topic name such as leader-leaves, got {v!r}")


QUESTION_SPEC = {
    "title": _scalar(_str),  # the question as the site shows it
    "from": _strings,  # titles of discovered questions it renames (one) or merges (several)
    "topic": _scalar(_topic),  # adds a question: claims on this topic (resolve/disagreement.py TOPICS)
    "target": _scalar(_str),  # the actor the question is about (name or alias)
    "words": _strings,  # adds a question: claims whose words include one of these
}
CAMP_SPEC = {"name": _scalar(_str), "members": _strings}


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _questions(ctx, node, key) -> tuple[CuratedQuestion, ...]:
    out = []
    for i, n in enumerate(_list(ctx, node, key)):
        f = _fields(ctx, n, f"{key}[{i}]", QUESTION_SPEC, ("title",))
        if not f.get("title"):
            continue
        if not (f.get("from") or f.get("topic") or f.get("words")):
            ctx.err(n, f"{key}[{i}]", "expected 'from' (rename or merge) or 'topic'/'words' (add a question)")
            continue
        out.append(CuratedQuestion(f["title"], f.get("from") or (), f.get("topic"), f.get("target"), f.get("words") or (), _line(n)))
    return tuple(out)


def _camps(ctx, node, key) -> tuple[CuratedCamp, ...]:
    out = []
    for i, n in enumerate(_list(ctx, node, key)):
        f = _fields(ctx, n, f"{key}[{i}]", CAMP_SPEC, ("name", "members"))
        if f.get("name") and f.get("members"):
            out.append(CuratedCamp(f["name"], f["members"], _line(n)))
    return tuple(out)


SITE_SPEC = {"title": _scalar(_str), "description": _scalar(_str), "url": _scalar(_url)}

TOP_SPEC = {
    "site": lambda ctx, node, key: _fields(ctx, node, key, SITE_SPEC),
    "actors": _actors,
    "ignore": _strings,  # names never made into actors (photo credits, bylines, …)
    "articles": _articles,  # per-file metadata overrides
    "questions": _questions,  # rename, merge or add the questions of the Questions section
    "camps": _camps,  # set the camps positions are grouped by
}


def load_curation(path: Path | None) -> Curation:
    """Read and validate ``dossier.yml``; a missing file is an empty curation.

    Raises CurationError listing every problem (file, line, key, message).
    """
    if path is None or not path.exists():
        return Curation()
    ctx = _Ctx(str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, OSError) as exc:
        raise CurationError(str(path), [(str(path), 0, "", f"cannot read: {exc}")]) from None
    try:
        root = compose(text, CURATION)  # no anchors/aliases, bounded size and depth (ingest/yamlread.py)
    except YamlRefused as exc:
        raise CurationError(str(path), [(str(path), exc.line, "", f"refused: {exc.reason}")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 0
        raise CurationError(str(path), [(str(path), line, "", f"not valid YAML: {getattr(exc, 'problem', exc)}")]) from None
    if root is None:
        return Curation(path=str(path))
    f = _fields(ctx, root, "", TOP_SPEC)
    actors = f.get("actors") or ()
    # Two curated actors may not claim the same alias.
    owner: dict[str, str] = {}
    for a in actors:
        for alias in (a.name, *a.aliases):
            k = alias.casefold()
            if k in owner and owner[k] != a.name:
                ctx.errors.append((str(path), 0, "actors", f"alias {alias!r} given to both {owner[k]!r} and {a.name!r}"))
            owner.setdefault(k, a.name)
    if ctx.errors:
        raise CurationError(str(path), ctx.errors)
    site = f.get("site") or {}
    return Curation(
        title=site.get("title") or "Dossier",
        description=site.get("description") or "",
        site_url=site.get("url"),
        actors=actors,
        ignore=f.get("ignore") or (),
        articles=f.get("articles") or (),
        questions=f.get("questions") or (),
        camps=f.get("camps") or (),
        path=str(path),
    )
