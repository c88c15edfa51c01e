"""Per-article extraction cache, so that adding one article parses that article only.

Key: sha256 of the article's cleaned text and publication date (what extraction reads) plus the
pipeline version: ``EXTRACTION_VERSION``, a hash of the source files of ``generator/extract`` and
``generator/ingest`` and the model's fingerprint (spaCy version + model meta). The curation file is not
part of the key: extraction does not read it, so changing it re-resolves without re-parsing.

Entries are JSON files ``<dir>/<key[:2]>/<key>.json`` holding the key, the payload and the payload's
sha256. An entry is trusted only when it parses, its key matches and its checksum holds; anything else
(truncated, edited, from another version) is reported as stale and rebuilt. Writes go to a temporary
file in the same folder and are renamed into place, so an interrupted run never leaves a half-written
entry under a valid name.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .model import Article, ArticleExtraction
from .serialize import from_plain, to_plain


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    from .extract import EXTRACTION_VERSION
    from .extract.nlp import model_fingerprint

    root = Path(__file__).parent
    h = hashlib.sha256(EXTRACTION_VERSION.encode())
    files = sorted([*(root / "extract").rglob("*.py"), *root.glob("ingest*.py"), *(root / "ingest").rglob("*.py"),
                    *(root / "data").glob("*.json"), root / "model.py"])
    for p in files:
        h.update(str(p.relative_to(root)).encode())
        h.update(p.read_bytes())
    h.update(model_fingerprint().encode())
    return h.hexdigest()[:16]


def article_key(article: Article) -> str:
    h = hashlib.sha256()
    for part in (code_fingerprint(), article.id, article.clean_text, article.published.value or "",
                 article.published.precision or "", article.content_hash):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    rebuilt: list[str] = field(default_factory=list)  # "path: reason" of stale/corrupt entries


class ExtractionCache:
    def __init__(self, directory: Path | None):
        self.dir = directory
        self.stats = CacheStats()

    def _path(self, key: str) -> Path:
        assert self.dir is not None
        return self.dir / key[:2] / f"{key}.json"

    def get(self, article: Article) -> ArticleExtraction | None:
        if self.dir is None:
            self.stats.misses += 1
            return None
        key = article_key(article)
        path = self._path(key)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            self.stats.misses += 1
            return None
        except OSError as exc:
            self.stats.rebuilt.append(f"{path}: unreadable ({exc})")
            self.stats.misses += 1
            return None
        try:
            entry = json.loads(raw)
            payload = entry["payload"]
            if entry.get("key") != key:
                raise ValueError("key mismatch")
            digest = hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
            if entry.get("sha256") != digest:
                raise ValueError("checksum mismatch")
            ex = from_plain(ArticleExtraction, payload)
            if ex.article_id != article.id:
                raise ValueError("article id mismatch")
            _check_offsets(article, ex)
        except Exception as exc:  # any defect means: do not trust, rebuild
            self.stats.rebuilt.append(f"{article.path}: cache entry {path.name} rejected ({exc})")
            self.stats.misses += 1
            return None
        self.stats.hits += 1
        return ex

    def put(self, article: Article, ex: ArticleExtraction) -> None:
        if self.dir is None:
            return
        key = article_key(article)
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = to_plain(ex)
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        data = json.dumps({"key": key, "sha256": digest, "payload": payload}, sort_keys=True, ensure_ascii=False)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _check_offsets(article: Article, ex: ArticleExtraction) -> None:
    """A cached entry must still point at the right words of this article."""
    raw = article.raw_text
    for m in ex.mentions[:50]:
        if raw[m.span.start:m.span.end] != m.span.text:
            raise ValueError("offsets do not hold")
    for c in ex.claims[:50]:
        if raw[c.content.start:c.content.end] != c.content.text:
            raise ValueError("offsets do not hold")
