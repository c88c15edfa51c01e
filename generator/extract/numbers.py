"""Figures worth a series: counts of people killed, wounded, displaced or arrested.

A figure is a CARDINAL (or "thousands"/"hundreds" are skipped: not a number) governed by, or in the same
clause as, a casualty word ("killed", "dead", "died", "deaths", "displaced", "refugees", "wounded").
Small numbers (< 100) describe single incidents rather than a running count and would make the chart
meaningless, so they are kept out. The point's date is the date of the report (the article's publication
date): "93,000 people have been killed since March 2011" is a count as of the article, not of 2011.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc

from .nlp import doc_text

QUANTITIES = {
    "kill": "killed", "killed": "killed", "dead": "killed", "die": "killed", "death": "killed",
    "killing": "killed", "casualty": "killed",
    "wound": "wounded", "injure": "wounded",
    "displace": "displaced", "refugee": "refugees", "flee": "refugees",
    "arrest": "arrested", "detain": "arrested",
}
QUALIFIERS = ("at least", "more than", "almost", "nearly", "about", "around", "over", "up to", "some", "roughly", "approximately")
MIN_VALUE = 100


@dataclass(frozen=True)
class RawNumber:
    start: int
    end: int
    quantity: str
    value: int
    qualifier: str


def _value(text: str) -> int | None:
    m = re.search(r"\d[\d,.]*(?:\s*(?:million|thousand|billion))?", text.lower())
    if not m:
        return None
    t = m.group(0).replace(",", "").strip()
    mult = 1
    for word, m in (("million", 1_000_000), ("thousand", 1_000), ("billion", 1_000_000_000)):
        if t.endswith(word):
            t = t[: -len(word)].strip()
            mult = m
    try:
        return int(float(t) * mult)
    except ValueError:
        return None


def find_numbers(doc: Doc) -> list[RawNumber]:
    out = []
    full = doc_text(doc)
    for ent in doc.ents:
        if ent.label_ != "CARDINAL":
            continue
        value = _value(ent.text)
        if value is None or value < MIN_VALUE or 1900 <= value <= 2100 and "," not in ent.text:
            continue
        sent = ent.sent
        # The casualty word must be near: the number's head chain or the next 6 tokens.
        window = list(doc[ent.end:min(ent.end + 7, sent.end)]) + list(doc[max(sent.start, ent.start - 4):ent.start])
        head = ent.root.head
        chain = [head, head.head]
        quantity = None
        for tok in chain + window:
            q = QUANTITIES.get(tok.lemma_.lower()) or QUANTITIES.get(tok.lower_)
            if q:
                quantity = q
                break
        if quantity is None:
            continue
        if any(t.lemma_ in {"$", "dollar", "euro", "percent", "%"} or t.text == "$" for t in doc[max(ent.start - 1, 0):ent.end + 1]):
            continue
        # the qualifier may be inside the entity ("more than 5,400") or just before it ("almost")
        digits = re.search(r"\d", ent.text)
        lead = ent.text[: digits.start()] if digits else ""
        before = (full[max(sent.start_char, ent.start_char - 20):ent.start_char] + lead).lower()
        qualifier = next((q for q in QUALIFIERS if re.search(rf"\b{q}\s*$", before)), "")
        out.append(RawNumber(ent.start_char, ent.end_char, quantity, value, qualifier))
    return out
