"""YAML read with a budget: sidecars, Markdown front matter and ``dossier.yml`` are small, hand-written
mappings, so anything a hand never writes is refused before it can cost memory or time.

- **No anchors or aliases** (``&a`` / ``*a``, hence no ``<<`` merge keys): a 282-byte "billion
  laughs" file of nested aliases expands without bound once constructed (probed: killed at 24 GB).
  Refused while composing, at the first anchor, with its line; nothing is expanded.
- **Size**: the text is refused over ``Budget.max_chars``; the node tree is then linear in the text
  (no aliases), and capped again by ``max_nodes`` and ``max_depth`` (deep ``[[[[...`` would otherwise
  recurse in PyYAML's composer until ``RecursionError``).
- **Scalars** longer than ``max_scalar`` characters are refused (no title or alias is that long).

Messages quote values through :func:`generator.errors.quote` (cut, with the length), never whole.
Public API: :func:`compose` (-> node, or :class:`YamlRefused` / ``yaml.YAMLError``), :data:`SIDECAR`
and :data:`CURATION` budgets, :func:`construct` (node -> plain Python, dates left as text or typed as
the loader says).
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml


@dataclass(frozen=True)
class Budget:
    max_chars: int
    max_nodes: int
    max_depth: int
    max_scalar: int


# A sidecar or front matter holds four short keys; a curation file a few thousand actors.
SIDECAR = Budget(max_chars=64_000, max_nodes=1_000, max_depth=8, max_scalar=10_000)
CURATION = Budget(max_chars=4_000_000, max_nodes=200_000, max_depth=16, max_scalar=10_000)


class YamlRefused(ValueError):
    """The text is beyond the budget or uses a refused feature; ``line`` is 1-based (0 = unknown)."""

    def __init__(self, line: int, reason: str) -> None:
        self.line = line
        self.reason = reason
        super().__init__(f"line {line}: {reason}" if line else reason)


def _loader_class(base: type[yaml.SafeLoader], budget: Budget) -> type[yaml.SafeLoader]:
    class Loader(base):  # type: ignore[misc, valid-type]
        _depth = 0
        _nodes = 0

        def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
            event = self.peek_event()
            line = event.start_mark.line + 1 if event.start_mark else 0
            if isinstance(event, yaml.AliasEvent):
                raise YamlRefused(line, "aliases (*name) are not allowed here")
            if getattr(event, "anchor", None) is not None:
                raise YamlRefused(line, "anchors (&name) are not allowed here")
            self._nodes += 1
            if self._nodes > budget.max_nodes:
                raise YamlRefused(line, f"more than {budget.max_nodes:,} values")
            if isinstance(event, yaml.ScalarEvent) and len(event.value) > budget.max_scalar:
                raise YamlRefused(line, f"a value of {len(event.value):,} characters (the limit is {budget.max_scalar:,})")
            self._depth += 1
            try:
                if self._depth > budget.max_depth:
                    raise YamlRefused(line, f"nested more than {budget.max_depth} levels deep")
                return super().compose_node(parent, index)
            finally:
                self._depth -= 1

    return Loader


def compose(text: str, budget: Budget, base: type[yaml.SafeLoader] = yaml.SafeLoader):
    """The YAML node tree of ``text`` (``None`` for an empty document), within ``budget``.

    Raises :class:`YamlRefused` (over budget, anchors, aliases) or ``yaml.YAMLError`` (invalid).
    Only the first document is read; a second one is an error, as with ``yaml.compose``.
    """
    if len(text) > budget.max_chars:
        raise YamlRefused(0, f"{len(text):,} characters of YAML (the limit is {budget.max_chars:,})")
    loader = _loader_class(base, budget)(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def construct(node, base: type[yaml.SafeLoader] = yaml.SafeLoader):
    """Plain Python for a node from :func:`compose` (no aliases, so linear in its size)."""
    if node is None:
        return None
    loader = base("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()
