"""Warnings about an article that was read and will be published, for the build report: no publication
date found, and debris the cleaning left in the text (a reader sees it on the source page, and NER
makes actors of it). Linear in the text; the reasons quote at most a few short samples."""

from __future__ import annotations

import re
from itertools import islice

from ..model import Article, Problem

# What cleaned news text never holds: the replacement character of a failed decoding, icon-font
# private-use characters, HTML tags and entities, a run of symbols, a tag list ("Tags Syria Damascus").
_DEBRIS = (
    ("replacement characters (a decoding went wrong)", re.compile("\ufffd+")),
    ("icon-font characters", re.compile("[\ue000-\uf8ff]+")),
    ("HTML tags", re.compile(r"</?(?:div|span|p|a|img|br|script|style|iframe|li|ul|table|td|tr)\b[^>\n]{0,80}>", re.I)),
    ("HTML entities", re.compile(r"&(?:[a-z]{2,8}|#\d{2,6}|#x[0-9a-f]{2,5});", re.I)),
    ("runs of symbols", re.compile(r"[^\w\s.,;:!?'\"()\[\]/%&$€£@#*+=<>~^`|\\{}-]{4,}|[=*#_~|]{5,}")),
    ("a tag list", re.compile(r"\bTags(?::|\s)\s*(?:[A-Z][\w-]+\s+){3,}")),
)
MAX_SAMPLES = 2
SAMPLE_CHARS = 40


def article_warnings(article: Article) -> list[Problem]:
    out = []
    if article.published.value is None:
        out.append(Problem(article.path, "no publication date found in the text or its metadata: its claims and "
                           "events are undated unless a sentence dates them (give it as published: in NAME.yml "
                           "or under articles: in dossier.yml)", "warning"))
    found = []
    for what, rx in _DEBRIS:
        hits = [m.group(0) for m in islice(rx.finditer(article.clean_text), 100)]
        if hits:
            samples = ", ".join(repr(h[:SAMPLE_CHARS]) for h in hits[:MAX_SAMPLES])
            found.append(f"{len(hits)}{'+' if len(hits) == 100 else ''} {what} (e.g. {samples})")
    if found:
        out.append(Problem(article.path, "debris left in the text after cleaning: " + "; ".join(found), "warning"))
    return out
