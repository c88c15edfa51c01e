"""Per-article metadata given with the file (a ``NAME.yml`` sidecar, or Markdown front matter) or by
the curation file's ``articles:`` section: one set of keys and one rule per key (:func:`check_value`)
for both, so a URL or a date accepted in one place is accepted in the other.

Keys (all optional): ``title`` (text), ``outlet`` (text), ``url`` (http/https), ``published``
(``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``). The sidecar of ``003_x.txt`` is ``003_x.txt.yml`` or,
more commonly, ``003_x.yml`` (also ``.yaml``). Validation reports every problem with the file, the
line and the key (``003_x.yml, line 2, key 'published': ...``); a bad key is ignored with a warning
and the article is still published with the rest: a typo in metadata should not hide an article.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import yaml

from ..errors import quote
from .meta import parse_iso
from .yamlread import SIDECAR, YamlRefused, compose, construct

KEYS = ("title", "outlet", "url", "published")
# The longest value stored per key: a headline or an outlet is one line, a URL fits a browser's bar.
MAX_CHARS = {"title": 500, "outlet": 200, "url": 2_000}
# Problems listed per file: a sidecar that is really some other file would otherwise list every line.
MAX_PROBLEMS = 10
_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO, validated


def check_value(key: str, value: object) -> str:
    """The value of metadata ``key`` as stored (text folded, a date as ISO), or ValueError saying why."""
    if key == "published":
        pd = parse_iso(value)
        if pd is None:
            raise ValueError(f"expected a date YYYY-MM-DD, YYYY-MM or YYYY, got {quote(value)}")
        return pd.value  # type: ignore[return-value]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected non-empty text, got {quote(value)}")
    value = " ".join(value.split())
    limit = MAX_CHARS.get(key)
    if limit and len(value) > limit:
        raise ValueError(f"expected at most {limit:,} characters, got {quote(value)}")
    if key == "url" and not _URL.match(value):
        raise ValueError(f"expected an http(s) URL, got {quote(value)}")
    return value


def validate(data: object, where: str, lines: Mapping[str, int] | None = None) -> tuple[Metadata, list[str]]:
    """Check a mapping of metadata; return what is valid and a message per problem."""
    problems: list[str] = []
    lines = lines or {}

    def bad(key: str, msg: str) -> None:
        line = lines.get(key)
        problems.append(f"{where}{f', line {line}' if line else ''}, key {quote(key, 40)}: {msg}")

    if data is None:
        return Metadata(), problems
    if not isinstance(data, Mapping):
        problems.append(f"{where}: expected a mapping of {', '.join(KEYS)}, got {type(data).__name__}")
        return Metadata(), problems
    out: dict[str, str] = {}
    for key, value in data.items():
        key_s = str(key)
        if key_s not in KEYS:
            bad(key_s, f"unknown key (expected one of: {', '.join(KEYS)})")
            continue
        if value is None:
            continue
        try:
            out[key_s] = check_value(key_s, value)
        except ValueError as exc:
            bad(key_s, str(exc))
    if len(problems) > MAX_PROBLEMS:
        problems[MAX_PROBLEMS:] = [f"{where}: {len(problems) - MAX_PROBLEMS} more problems not listed"]
    return Metadata(**out), problems


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text: ``2013-02-30`` is then reported on its key, instead of
    PyYAML failing on the whole file while building a date object."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, where: str) -> tuple[Metadata, list[str]]:
    """Parse and validate sidecar/front-matter YAML, within the budget ``yamlread.SIDECAR``; line
    numbers come from the YAML nodes."""
    try:
        node = compose(text, SIDECAR, _Loader)
        data = construct(node, _Loader)
    except YamlRefused as exc:
        return Metadata(), [f"{where}{f', line {exc.line}' if exc.line else ''}: refused: {exc.reason}; ignored"]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f", line {mark.line + 1}" if mark is not None else ""
        return Metadata(), [f"{where}{line}: not valid YAML: {getattr(exc, 'problem', None) or exc}; ignored"]
    except (RecursionError, ValueError, TypeError) as exc:  # hostile input (deep nesting, odd scalars)
        return Metadata(), [f"{where}: unreadable YAML ({type(exc).__name__}); ignored"]
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for k, _v in node.value:
            lines[str(k.value)] = k.start_mark.line + 1
    return validate(data, where, lines)


def merge(*layers: Metadata | None) -> tuple[Metadata, dict[str, int]]:
    """Combine metadata layers, highest priority first; also return which layer gave each key."""
    out: dict[str, str] = {}
    source: dict[str, int] = {}
    for i, layer in enumerate(layers):
        if layer is None:
            continue
        for k in KEYS:
            v = getattr(layer, k)
            if v is not None and k not in out:
                out[k] = v
                source[k] = i
    return Metadata(**out), source
