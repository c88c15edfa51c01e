"""Sharded extraction (generator/shard.py, ``dossier extract-shard``): N jobs fill N cache folders,
copying them together gives a cache from which ``dossier build`` parses nothing and produces exactly
what an unsharded build produces."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import generator.extract as extract_mod
from conftest import ROOT, copy_project, run_cli
from generator.ingest import read_corpus
from generator.pipeline import Paths, build
from generator.shard import merge_caches, parse_shard, select, shard_of

HEX = st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)


@given(HEX, st.integers(min_value=1, max_value=64))
def test_shard_of_is_in_range_and_stable(h, n):
    k = shard_of(h, n)
    assert 1 <= k <= n and shard_of(h, n) == k


def test_shard_of_is_fixed_across_versions_and_machines():
    # recorded values: a change here re-shards every corpus (harmless for correctness: a mismatched
    # job only costs the final build some parsing, but CI caches of shards would stop lining up)
    h = hashlib.sha256(b"hello").hexdigest()
    assert [shard_of(h, n) for n in (1, 2, 3, 4, 7, 16)] == RECORDED


RECORDED = [1, 1, 2, 1, 3, 5]


def test_shards_are_balanced():
    hashes = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(8000)]
    counts = Counter(shard_of(h, 4) for h in hashes)
    assert set(counts) == {1, 2, 3, 4}
    assert all(1800 <= c <= 2200 for c in counts.values()), counts


@pytest.mark.parametrize("spec,expected", [("1/4", (1, 4)), ("4/4", (4, 4)), (" 2 / 3 ", (2, 3)), ("1/1", (1, 1))])
def test_parse_shard(spec, expected):
    assert parse_shard(spec) == expected


@pytest.mark.parametrize("spec", ["0/4", "5/4", "1/0", "4", "a/b", "", "-1/2", "1/2/3"])
def test_parse_shard_rejects(spec):
    with pytest.raises(ValueError):
        parse_shard(spec)


def test_every_article_is_in_exactly_one_shard():
    articles, _ = read_corpus(ROOT / "seeds")
    for n in (1, 2, 3, 5):
        parts = [select(articles, k, n) for k in range(1, n + 1)]
        ids = [a.id for part in parts for a in part]
        assert sorted(ids) == sorted(a.id for a in articles)


def test_cli_rejects_bad_shard(tmp_path):
    r = run_cli("extract-shard", "--root", str(tmp_path), "--shard", "3/2")
    assert r.returncode == 2 and "K must be between 1 and N" in r.stderr


def _entries(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*.json") if not p.name.startswith(".tmp-")}


def test_two_shards_merged_build_parses_nothing_and_matches_unsharded(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    sharded = copy_project(tmp_path / "sharded")
    plain = copy_project(tmp_path / "plain")
    articles, _ = read_corpus(sharded / "seeds")
    expected = {k: {a.path for a in select(articles, k, 2)} for k in (1, 2)}

    caches = []
    for k in (1, 2):
        cache = tmp_path / f"shard-{k}"
        r = run_cli("extract-shard", "--root", str(sharded), "--shard", f"{k}/2", "--cache", str(cache))
        assert r.returncode == 0, r.stderr
        assert f"shard {k}/2: {len(expected[k])} of {len(articles)} articles" in r.stdout
        assert f"{len(expected[k])} parsed" in r.stdout
        caches.append(cache)
    one, two = _entries(caches[0]), _entries(caches[1])
    assert len(one) == len(expected[1]) and len(two) == len(expected[2]) and not one & two
    assert not (sharded / ".dossier-cache").exists()  # a shard job writes its cache folder and nothing else
    assert not (sharded / "docs" / "dossier.json").exists()

    # merge = copy the folders together (as a CI job downloading every artifact into one folder)
    target = Paths.at(sharded).cache
    for cache in caches:
        shutil.copytree(cache, target, dirs_exist_ok=True)
    assert _entries(target) == one | two

    parsed = []
    real = extract_mod.parse

    def counting(arts, batch_size=16):
        for a, doc in real(arts, batch_size=batch_size):
            parsed.append(a.path)
            yield a, doc

    monkeypatch.setattr(extract_mod, "parse", counting)
    report = build(Paths.at(sharded), site=False, pdf=False, log=lambda s: None)
    assert parsed == [] and report.cache_misses == 0 and report.cache_hits == len(articles)
    monkeypatch.setattr(extract_mod, "parse", real)

    build(Paths.at(plain, cache=False), site=False, pdf=False, log=lambda s: None)
    a = (sharded / "docs" / "dossier.json").read_bytes()
    b = (plain / "docs" / "dossier.json").read_bytes()
    assert a == b
    assert json.loads(a)["sources"]
    # and every generated page is the same
    pages = json.loads((plain / "docs" / ".generated.json").read_text())
    assert [p for p in pages if (sharded / "docs" / p).read_bytes() != (plain / "docs" / p).read_bytes()] == []

    # merge_caches does what copying does, and skips what is already there
    other = tmp_path / "merged"
    assert merge_caches(caches, other) == len(one | two)
    assert _entries(other) == one | two
    assert merge_caches(caches, other) == 0


def test_sharded_workflow_fills_the_cache_the_build_reads(tmp_path):
    """.github/workflows/site-sharded.yml: N extract-shard jobs, then one job that downloads every
    shard's cache into the folder `dossier build` reads (Paths.at(...).cache) and builds."""
    import yaml

    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "site-sharded.yml").read_text())
    jobs = wf["jobs"]
    assert "workflow_dispatch" in wf[True]  # opt-in: run by hand ("on" is YAML 1.1's True)
    steps = " ".join(s.get("run", "") for s in jobs["extract"]["steps"])
    assert 'dossier extract-shard --shard "$K/$N" --cache "shard-$K"' in steps
    assert jobs["extract"]["strategy"]["matrix"]["shard"] == "${{ fromJSON(needs.plan.outputs.shards) }}"
    download = next(s for s in jobs["build"]["steps"] if s.get("uses", "").startswith("actions/download-artifact"))
    cache = Paths.at(tmp_path).cache.relative_to(tmp_path.resolve()).as_posix()
    assert download["with"]["path"] == cache and download["with"]["merge-multiple"] is True
    assert jobs["build"]["needs"] == "extract" and "make site" in [s.get("run") for s in jobs["build"]["steps"]]
