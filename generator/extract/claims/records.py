"""What the claim finder passes between its steps: a candidate (_Cand) and the result (RawClaim)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token


@dataclass(frozen=True)
class RawClaim:
    """One attribution in one document; all offsets are character offsets into ``doc.text``."""

    speaker: tuple[int, int] | None  # words naming the speaker ("he", "the official", "Lavrov")
    speaker_kind: str  # named | pronoun | role | anonymous | organisation
    speaker_name: str | None  # resolved named person/organisation, titles stripped
    speaker_description: str | None  # anonymous speakers: "a senior German official"
    cue: tuple[int, int]
    cue_kind: str  # say | tell | ask | accuse | announce | deny | agree | warn | promise | ...
    content: tuple[int, int]
    direct: bool  # verbatim quotation


# ---------------------------------------------------------------------------------------------
# The pass over the parse


@dataclass
class _Cand:
    verb: Token
    cue: tuple[int, int]
    kind: str
    subj: Token | None
    content: tuple[int, int]
    direct: bool
    via_quote: bool = False
    speaker_span: tuple[int, int] | None = None  # forced speaker words (colon claims)
