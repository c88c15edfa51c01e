"""The sharded workflow measured locally: N = 1, 2, 4 extract shards on a Reuters subset, then merge and build.

    python bench/shards.py [--limit 3000] [--shards 1,2,4] [--work DIR] [--keep] [--json FILE]

Processes stand in for CI runners (.github/workflows/site-sharded.yml): for each N, the N
``dossier extract-shard --shard K/N`` jobs run one after another, each timed alone (on a shared 2-vCPU
machine running them at once would only measure the machine), so a matrix's extraction wall time is
the slowest shard's. Then the caches of the largest N are merged by copying, ``dossier build --no-pdf``
runs (it parses nothing: MkDocs is then the whole cost) and one more article is added and rebuilt.
Prints the table, MkDocs' time and memory per 10,000 pages, and a projection to a million articles.
Needs ``../shared/corpora`` (skipped with a message otherwise).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as bench  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default="reuters", choices=["reuters", "bbc", "fakes"])
    ap.add_argument("--limit", type=int, default=3000)
    ap.add_argument("--shards", default="1,2,4")
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args(argv)
    if not (bench.SHARED / "corpora" / bench.CORPORA[args.corpus]).exists():
        print(f"bench skipped: needs ../shared/corpora/{bench.CORPORA[args.corpus]} beside the repository")
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="dossier-shards-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"corpus": args.corpus, "limit": args.limit, "runs": {}, "phases": {}}
    py = sys.executable
    try:
        project, held, total = bench.prepare(args.corpus, args.limit, work, 1)
        articles = sum(1 for _ in (project / "seeds").iterdir())
        bench.log(f"{articles} articles of {total} files in {project}")
        shards = sorted(int(n) for n in args.shards.split(","))
        per_n = {}
        for n in shards:
            runs = []
            for k in range(1, n + 1):
                r = bench.measured(f"shard-{n}-{k}", [py, "-m", "generator", "extract-shard", "--root", str(project),
                                                     "--shard", f"{k}/{n}", "--cache", str(work / f"shards-{n}" / f"shard-{k}")],
                                   work, results)
                if r.returncode:
                    return 1
                runs.append(r)
            per_n[n] = {"max_wall": max(r.wall for r in runs), "sum_cpu": sum(r.cpu for r in runs),
                        "max_cpu": max(r.cpu for r in runs), "peak_mb": max(r.max_rss_mb for r in runs)}
        t0 = time.perf_counter()
        target = project / ".dossier-cache" / "extract"
        for cache in sorted((work / f"shards-{shards[-1]}").iterdir()):
            shutil.copytree(cache, target, dirs_exist_ok=True)
        merge_s = time.perf_counter() - t0
        r = bench.measured("build", [py, "-m", "generator", "build", "--root", str(project), "--no-pdf"], work, results)
        results["build"] = bench.build_report(r.stdout)
        shutil.copyfile(held[0], project / "seeds" / held[0].name)
        r2 = bench.measured("incremental", [py, "-m", "generator", "build", "--root", str(project), "--no-pdf"], work, results)
        results["incr"] = bench.build_report(r2.stdout)
        results["per_n"], results["merge_s"] = per_n, merge_s
        report(results, articles, per_n, merge_s)
        if args.json:
            args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    finally:
        if args.keep or args.work:
            print(f"working folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def report(results: dict, articles: int, per_n: dict, merge_s: float) -> None:
    R, b, inc = results["runs"], results["build"], results.get("incr", {})
    print(f"\n== sharded extraction: {results['corpus']}, {articles} articles ==")
    print(f"{'N':>3s} {'slowest shard wall s':>21s} {'cpu s (all shards)':>19s} {'slowest shard cpu s':>20s} {'peak MB':>8s}")
    for n, v in per_n.items():
        print(f"{n:3d} {v['max_wall']:21.1f} {v['sum_cpu']:19.1f} {v['max_cpu']:20.1f} {v['peak_mb']:8.0f}")
    print(f"merge (copy {max(per_n)} shard caches): {merge_s:.1f}s")
    pages = (b.get("written") or 0) + (b.get("unchanged") or 0)
    t = b.get("timings", {})
    print(f"merged build (parses {b.get('parsed')}): {bench.fmt_run(R.get('build'))}; stages "
          + ", ".join(f"{k} {v:.1f}s" for k, v in t.items()) + f"; {pages:,} pages")
    if inc:
        print(f"+1 article: {bench.fmt_run(R.get('incremental'))}; stages "
              + ", ".join(f"{k} {v:.1f}s" for k, v in inc.get("timings", {}).items())
              + f"; {inc.get('rendered')} pages rendered, {inc.get('reused')} reused")
    if pages and t.get("mkdocs"):
        per10k = t["mkdocs"] / pages * 10_000
        tree = R["build"].get("tree_rss_mb") or R["build"]["max_rss_mb"]
        print(f"MkDocs (cold, one process): {per10k:.0f}s per 10,000 pages; build tree peak {tree:.0f} MB for {pages:,} pages")
        cpu1 = per_n[min(per_n)]["sum_cpu"] / articles
        pages_per_article = pages / articles
        print(f"projection, 1,000,000 articles: parsing {cpu1 * 1e6 / 3600:.0f} CPU-hours "
              f"({cpu1 * 1e6 / 64 / 3600:.1f} h on a 64-runner matrix); {pages_per_article * 1e6 / 1e6:.1f}M pages, "
              f"a cold MkDocs build {per10k * pages_per_article * 100 / 3600:.0f} h in one process")


if __name__ == "__main__":
    sys.exit(main())
