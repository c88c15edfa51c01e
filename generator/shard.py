"""Sharded extraction, for corpora that outgrow one machine (or one CI job's time limit).

Extraction is a pure map from an article to its cached ``ArticleExtraction`` (``generator.cache``), so
it splits without coordination: N jobs each read the whole folder (cheap: no parsing), keep the
articles whose shard is theirs, and fill a cache folder. Entries are content-addressed (key = pipeline
version + article content), so merging is copying the folders together: two shards never write the
same file, and if they did the contents would be identical. A final ``dossier build`` pointed at the
merged cache then finds every article and parses none.

Assignment is by a stable hash of the article's *content hash* (sha256 of its bytes), not its name or
its position in the folder: adding or renaming files never moves the others between shards, and every
job, on any machine, computes the same split. Shards are numbered 1..N, as in a CI matrix
(``--shard 1/4`` ... ``--shard 4/4``).

Every job must run the same code, model and curation file: they are part of the cache key
(``cache.code_fingerprint``) or of the article (publication dates from ``dossier.yml``); a job that
differs fills entries the final build will not look up, and that build parses those articles itself
(correct, just slower; its report says "N parsed").
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .model import Article, Problem

_SPEC = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def parse_shard(spec: str) -> tuple[int, int]:
    """``"K/N"`` -> ``(K, N)`` with 1 <= K <= N; ValueError with a readable message otherwise."""
    m = _SPEC.match(spec or "")
    if not m:
        raise ValueError(f"shard {spec!r} is not of the form K/N (e.g. 1/4)")
    k, n = int(m.group(1)), int(m.group(2))
    if n < 1 or not 1 <= k <= n:
        raise ValueError(f"shard {spec!r}: K must be between 1 and N (shards are numbered 1..N)")
    return k, n


def shard_of(content_hash: str, n: int) -> int:
    """The shard (1..n) of an article with this content hash. Stable across runs, machines and
    Python versions (no ``hash()``: it is salted per process)."""
    if n < 1:
        raise ValueError("n must be >= 1")
    digest = hashlib.sha256(b"dossier-shard\0" + content_hash.encode("ascii", "replace")).digest()
    return int.from_bytes(digest[:8], "big") % n + 1


def select(articles: Sequence[Article], k: int, n: int) -> list[Article]:
    """The articles of shard ``k`` of ``n``, in corpus order."""
    return [a for a in articles if shard_of(a.content_hash, n) == k]


@dataclass(frozen=True)
class ShardReport:
    shard: int
    shards: int
    articles: int  # readable articles in the whole corpus
    skipped: int  # files of the corpus that cannot be read (every shard sees them; the build reports them)
    assigned: int  # to this shard
    hits: int  # already in the cache
    parsed: int
    failed: int  # could not be parsed or extracted (reported, not cached)
    problems: tuple[Problem, ...]
    seconds: float

    def lines(self) -> list[str]:
        out = [
            f"shard {self.shard}/{self.shards}: {self.assigned} of {self.articles} articles "
            f"({self.hits} already cached, {self.parsed} parsed, {self.failed} failed) in {self.seconds:.1f}s"
        ]
        if self.skipped:
            out.append(f"  {self.skipped} unreadable files skipped (listed by dossier check / dossier build)")
        out += [f"  {p.severity}: {p.path}: {p.reason}" for p in self.problems if p.severity == "error"]
        return out


def extract_shard(
    seeds: Path,
    cache_dir: Path,
    k: int,
    n: int,
    *,
    config: Path | None = None,
    batch_size: int = 32,
    log: Callable[[str], None] = lambda s: None,
) -> ShardReport:
    """Fill ``cache_dir`` with the extractions of shard ``k`` of ``n`` of the articles in ``seeds``.

    ``config`` is the curation file (``dossier.yml``): its per-article metadata (publication dates)
    changes what is extracted, so it must be the one the final build uses. Writes nothing else.
    """
    from .cache import ExtractionCache
    from .config import Curation, load_curation
    from .ingest import read_corpus
    from .pipeline import extract_corpus

    t0 = time.perf_counter()
    curation = load_curation(config) if config is not None else Curation()
    articles, problems = read_corpus(Path(seeds), curation.article_overrides())
    mine = select(articles, k, n)
    log(f"shard {k}/{n}: {len(mine)} of {len(articles)} articles")
    cache = ExtractionCache(Path(cache_dir))
    found: list[Problem] = []
    out = extract_corpus(mine, cache, batch_size=batch_size, on_problem=found.append)
    for w in cache.stats.write_errors[:1]:
        found.append(Problem(str(cache_dir), f"{len(cache.stats.write_errors)} cache entries not written, e.g. {w}", "warning"))
    return ShardReport(
        shard=k,
        shards=n,
        articles=len(articles),
        skipped=sum(p.severity == "error" for p in problems),
        assigned=len(mine),
        hits=cache.stats.hits,
        parsed=cache.stats.misses - (len(mine) - len(out)),
        failed=len(mine) - len(out),
        problems=tuple(found),
        seconds=time.perf_counter() - t0,
    )


def merge_caches(sources: Sequence[Path], dest: Path) -> int:
    """Copy the entries of several cache folders into ``dest`` (what ``cp -r a/. b/. dest/`` does, minus
    temporary files); returns the number of entries copied. Existing entries are left alone: an
    entry's name is its content's key, so an existing one holds the same extraction."""
    import os
    import shutil

    from .cache import TMP_PREFIX

    copied = 0
    for src in sources:
        src = Path(src)
        for entry in src.rglob("*.json"):
            if entry.name.startswith(TMP_PREFIX):
                continue
            target = dest / entry.relative_to(src)
            if target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f"{TMP_PREFIX}merge-{os.getpid()}-{target.name}")
            shutil.copyfile(entry, tmp)
            os.replace(tmp, target)
            copied += 1
    return copied
