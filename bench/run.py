"""Scale benchmark: how the whole build compares with what it cannot avoid (parsing, MkDocs).

    python bench/run.py [--corpus bbc|reuters|fakes|seeds] [--limit N] [--repeat N] [--skip STEPS]
                        [--json FILE] [--work DIR] [--keep]
    make bench                      # = python bench/run.py (BBC corpus: about 45 minutes on 2 vCPUs)

The news corpora live in ``../shared/corpora/*.tar.gz`` beside the repository (research data, never
committed): they are extracted to a temporary folder, one article per file (sub-folders flattened into
the file name). Without ``../shared`` the run is skipped with a message (exit 0); ``--corpus seeds``
works anywhere. Two articles are held back from the first build to measure incremental rebuilds.

In ONE run, each in its own process (wall time, CPU time of the process tree, peak memory of the
largest process and of the whole tree -- a build runs MkDocs beside the parent that holds the model):

1.+2. bare spaCy (``nlp.pipe`` over the same cleaned texts, ``spacy.load``, batches of 32) and the
   tool's extraction (``pipeline.extract_corpus``: parse + rules + cache writes, rules timed apart),
   interleaved chunk by chunk in one process so that both see the same machine (``phases.py pair``);
3. ``dossier build --no-pdf`` from a cold cache (the whole job; its stage timings are shown);
4. ``dossier build`` with PDFs, warm cache;
5. ``mkdocs build --strict`` alone on the docs/ that build wrote (the command the build runs), and an
   incremental rebuild (one held-back article added, ``dossier build --no-pdf``), alternating,
   ``--repeat`` times each (the minimum is reported: steadier on a shared machine);
6. one more article added, ``dossier build`` with PDFs;

then pages written, site and search-index size (and what the index holds), and the ratios with their
targets. On a shared machine wall times swing with the load (printed); CPU times are the steadier
figure for the ratios, both are shown.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
CORPORA = {
    "bbc": "bbc-news-2225.tar.gz",
    "reuters": "reuters-21578-bodies.tar.gz",
    "fakes": "fakes-syria-2015-2018.tar.gz",
}

sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))
from procs import Run, run  # noqa: E402

from generator.pipeline import GENERATED  # noqa: E402

# ---------------------------------------------------------------------------------------------
# Preparing a project folder


def _spread(items: list, n: int) -> list:
    """``n`` items spread evenly over the sorted list (not the first n: corpora are sorted by topic)."""
    if n >= len(items):
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def prepare(corpus: str, limit: int | None, work: Path, held_back: int) -> tuple[Path, list[Path], int]:
    """A project folder (mkdocs.yml, hand-written docs/, seeds/) and the held-back articles."""
    project = work / "project"
    seeds = project / "seeds"
    seeds.mkdir(parents=True)
    held = work / "held"
    held.mkdir()
    if corpus == "seeds":
        files = sorted(p for p in (ROOT / "seeds").iterdir() if p.is_file() and not p.name.startswith("."))
        named = [(p.name, p) for p in files if p.suffix in (".txt", ".md", ".html")]
        sidecars = [p for p in files if p.suffix in (".yml", ".yaml")]
        if (ROOT / "dossier.yml").exists():
            shutil.copy2(ROOT / "dossier.yml", project / "dossier.yml")
    else:
        archive = SHARED / "corpora" / CORPORA[corpus]
        raw = work / "raw"
        with tarfile.open(archive) as tar:
            tar.extractall(raw, filter="data")
        named = sorted(
            ("_".join(p.relative_to(raw).parts[1:]) or p.name, p) for p in raw.rglob("*.txt") if p.is_file()
        )
        sidecars = []
    total = len(named)
    if limit:
        named = _spread(named, limit + held_back)
    # the held-back articles are spread over the corpus too (every k-th), not its last files
    picks = sorted({int((i + 1) * len(named) / (held_back + 1)) for i in range(held_back)}) if len(named) > held_back else []
    back = [named[i] for i in picks]
    keep = [x for x in named if x not in back]
    for name, src in keep:
        shutil.copyfile(src, seeds / name)
    for name, src in back:
        shutil.copyfile(src, held / name)
    for s in sidecars:
        shutil.copyfile(s, seeds / s.name)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    docs = project / "docs"
    docs.mkdir()
    for item in (ROOT / "docs").iterdir():
        if item.name in GENERATED:
            continue
        if item.is_dir():
            shutil.copytree(item, docs / item.name)
        else:
            shutil.copy2(item, docs / item.name)
    return project, [held / name for name, _ in back], total


# ---------------------------------------------------------------------------------------------
# Running


def env() -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), e.get("PYTHONPATH")]))
    e["NO_MKDOCS_2_WARNING"] = "1"
    e.setdefault("SOURCE_DATE_EPOCH", str(int(time.time()) // 86400 * 86400))  # one build date for the run
    return e


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def measured(name: str, cmd: list[str], work: Path, results: dict, **kw) -> Run:
    log(f"{name}: {' '.join(cmd[1:] if cmd[0] == sys.executable else cmd)}")
    r = run(cmd, env=env(), stdout_path=work / f"{name}.log", **kw)
    results["runs"][name] = {
        "cmd": " ".join(cmd), "returncode": r.returncode, "wall": r.wall, "cpu": r.cpu, "max_rss_mb": r.max_rss_mb,
        "tree_rss_mb": r.tree_rss_mb,
    }
    status = "ok" if r.returncode == 0 else f"FAILED (exit {r.returncode}, see {work / (name + '.log')})"
    log(f"  {status}: {r.wall:.1f}s wall, {r.cpu:.1f}s cpu, peak {r.max_rss_mb:.0f} MB"
        + (f" (tree {r.tree_rss_mb:.0f} MB)" if r.tree_rss_mb else ""))
    if r.returncode != 0:
        tail = "\n".join((r.stderr or r.stdout).strip().splitlines()[-8:])
        print("    " + tail.replace("\n", "\n    "), flush=True)
    return r


def phase(name: str, args: list[str], work: Path, results: dict) -> dict | None:
    r = measured(name, [sys.executable, str(HERE / "phases.py"), *args], work, results)
    if r.returncode != 0:
        return None
    data = json.loads(r.stdout.strip().splitlines()[-1])
    results["phases"][name] = data
    return data


_TIME = re.compile(r"(\w+) ([\d.]+)s")


def build_report(text: str) -> dict:
    """The figures `dossier build` prints (see pipeline.BuildReport.lines)."""
    out: dict = {"problems": []}
    for line in text.splitlines():
        if m := re.match(r"articles: (\d+) read, (\d+) published, (\d+) skipped", line):
            out["read"], out["published"], out["skipped"] = map(int, m.groups())
        elif m := re.match(r"pages: (\d+) written, (\d+) unchanged, (\d+) removed", line):
            out["written"], out["unchanged"], out["removed"] = map(int, m.groups())
        elif m := re.match(r"cache: (\d+) hits, (\d+) parsed", line):
            out["hits"], out["parsed"] = map(int, m.groups())
        elif m := re.match(r"actors: (\d+), events: (\d+), claims: (\d+)", line):
            out["actors"], out["events"], out["claims"] = map(int, m.groups())
        elif m := re.match(r"site: (\d+) pages rendered, (\d+) reused", line):
            out["rendered"], out["reused"] = map(int, m.groups())
        elif line.startswith("time: "):
            out["timings"] = {k: float(v) for k, v in _TIME.findall(line)}
        elif m := re.match(r"\s+(error|warning): (.*?): (.*)$", line):
            out["problems"].append((m.group(1), m.group(2), m.group(3)))
    return out


def reasons(problems: list[tuple[str, str, str]], severity: str) -> Counter:
    """Problems grouped by reason, with file names and numbers taken out."""
    c: Counter = Counter()
    for sev, _, reason in problems:
        if sev == severity:
            c[re.sub(r"\S+\.(txt|md|html)\b", "FILE", re.sub(r"[\d,]+", "N", reason))[:110]] += 1
    return c


# ---------------------------------------------------------------------------------------------
# The site


def site_stats(project: Path) -> dict:
    site = project / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    index_path = site / "search" / "search_index.json"
    out = {
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "html_pages": sum(p.suffix == ".html" for p in files),
        "docs_pages": len(json.loads((project / "docs" / ".generated.json").read_text())) if (project / "docs" / ".generated.json").exists() else None,
    }
    if index_path.exists():
        data = index_path.read_bytes()
        out["search_index_mb"] = len(data) / 1e6
        out["search_index_gz_mb"] = len(gzip.compress(data, 6)) / 1e6
        index = json.loads(data)
        by: Counter = Counter()
        entries: Counter = Counter()
        for d in index["docs"]:
            section = d["location"].split("/")[0].split("#")[0] or "index.html"
            by[section] += len(d.get("text", "")) + len(d.get("title", ""))
            entries[section] += 1
        out["search_sections"] = {k: {"entries": entries[k], "text_mb": v / 1e6} for k, v in by.most_common()}
        out["article_copies"] = article_copies(project, index["docs"])
    return out


_SENT = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[^\W_]+")
SHINGLE = 8


def _shingles(words: list[str]) -> set[int]:
    return {hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def article_copies(project: Path, docs: list[dict]) -> dict:
    """How many times, on average, a sentence of the articles is in the search index, in total and by
    section (1.0 = each article indexed once). A sentence of 8+ words counts as present in an index
    entry when its middle 8 words are, so markup and punctuation in the index do not matter."""
    probes: dict[int, int] = {}  # shingle -> characters of the sentence it stands for
    for p in (project / "seeds").iterdir():
        if p.suffix not in (".txt", ".md", ".html"):
            continue
        for s in _SENT.split(p.read_text(encoding="utf-8", errors="replace")):
            words = _WORD.findall(s.lower())
            if len(words) >= SHINGLE:
                k = (len(words) - SHINGLE) // 2
                probes[hash(tuple(words[k : k + SHINGLE]))] = len(s.strip())
    total = sum(probes.values()) or 1
    by: Counter = Counter()
    for d in docs:
        section = d["location"].split("/")[0].split("#")[0] or "index.html"
        words = _WORD.findall(re.sub(r"<[^>]+>", " ", d.get("text", "")).lower())
        for h in _shingles(words) & probes.keys():
            by[section] += probes[h]
    return {"total": sum(by.values()) / total, **{k: v / total for k, v in by.most_common()}}


# ---------------------------------------------------------------------------------------------
# Report


def fmt_run(r: dict | None) -> str:
    if not r:
        return "   (not run)"
    tree = f" / {r['tree_rss_mb']:5.0f}" if r.get("tree_rss_mb") else ""
    bad = "  FAILED" if r["returncode"] else ""
    of = f"  (min of {r['of']})" if r.get("of") else ""
    return f"{r['wall']:9.1f} {r['cpu']:9.1f} {r['max_rss_mb']:7.0f}{tree}{bad}{of}"


BUILDS = ("cold", "warm", "incremental", "incremental_pdf")


def ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:5.2f}" if a and b else "  n/a"


def report(results: dict) -> None:
    R, P = results["runs"], results["phases"]
    bare, ext = P.get("bare"), P.get("extract")
    cold, warm = results.get("cold", {}), results.get("warm", {})
    print()
    print(f"== dossier bench: corpus {results['corpus']}"
          + (f" (limit {results['limit']})" if results.get("limit") else "") + " ==")
    first = bare["docs"] if bare else cold.get("read")
    print(f"articles: {results['files']} files in the corpus, {first} distinct articles in the first build "
          f"(+{len(results['held'])} held back, added one per incremental build)"
          + (f"; {bare['words']:,} words, {bare['chars'] / 1e6:.1f}M characters of cleaned text" if bare else ""))
    print(f"machine: {os.cpu_count()} CPUs, load average {results['load_before']} before, {results['load_after']} after "
          "(other work on the machine inflates wall times; CPU times are steadier)")
    print(f"spaCy components: {', '.join((ext or bare or {}).get('components', []))}")
    print()
    print(f"{'step':44s} {'wall s':>9s} {'cpu s':>9s} {'peak MB (process / tree)':>24s}")
    rows = [
        ("bare spaCy nlp.pipe (same texts)*", "bare"),
        ("tool extraction (extract_corpus, cold)*", "extract"),
        ("dossier build --no-pdf (cold cache)", "cold"),
        ("mkdocs build --strict alone", "mkdocs"),
        ("dossier build with PDF (warm cache)", "warm"),
        ("incremental: +1 article, --no-pdf", "incremental"),
        ("incremental: +1 article, with PDF", "incremental_pdf"),
    ]
    for label, key in rows:
        if key in ("bare", "extract") and key in P:
            t = P[key]["parse" if key == "bare" else "extract"]
            peak = R.get("pair", {}).get("max_rss_mb", 0)
            print(f"{label:44s} {t['wall']:9.1f} {t['cpu']:9.1f} {peak:7.0f}  (both models, one process)")
        else:
            print(f"{label:44s} {fmt_run(R.get(key))}")
    print("* timed inside one process, interleaved by chunks of 64 articles (phases.py pair)")
    print()
    if bare and ext:
        bp, ee, rules = bare["parse"], ext["extract"], ext["rules"]
        print(f"parse only (timed inside):  bare {bp['wall']:.1f}s wall / {bp['cpu']:.1f}s cpu "
              f"= {bare['words'] / bp['cpu']:,.0f} words per cpu-second; model load {bare['load']['wall']:.1f}s")
        print(f"extraction (timed inside):  {ee['wall']:.1f}s wall / {ee['cpu']:.1f}s cpu, of which rules "
              f"{rules['wall']:.1f}s wall / {rules['cpu']:.1f}s cpu ({rules['cpu'] / max(ee['cpu'], 1e-9):.0%}); "
              f"{len(ext['failed'])} failed")
    for title, rep in (("cold build", cold), ("warm build with PDF", warm), ("incremental", results.get("incr", {})),
                       ("incremental with PDF", results.get("incr_pdf", {}))):
        if rep.get("timings"):
            print(f"{title + ' stages:':28s}" + ", ".join(f"{k} {v:.1f}s" for k, v in rep["timings"].items())
                  + f"   [pages {rep.get('written', '?')} written, {rep.get('unchanged', '?')} unchanged; "
                  f"cache {rep.get('hits', '?')} hits, {rep.get('parsed', '?')} parsed; "
                  f"site {rep.get('rendered', '?')} pages rendered, {rep.get('reused', '?')} reused]")
    print()
    if cold:
        print(f"published: {cold.get('published')} of {cold.get('read')} read, {cold.get('skipped')} skipped; "
              f"actors {cold.get('actors')}, events {cold.get('events')}, claims {cold.get('claims')}")
        for reason, n in reasons(cold["problems"], "error").most_common(8):
            print(f"  skipped x{n}: {reason}")
        for reason, n in reasons(cold["problems"], "warning").most_common(5):
            print(f"  warning x{n}: {reason}")
    s = results.get("site", {})
    if s:
        print(f"site: {s['html_pages']:,} HTML pages, {s['site_mb']:.0f} MB; docs/ pages {s.get('docs_pages')}")
        if "search_index_mb" in s:
            print(f"search index: {s['search_index_mb']:.1f} MB ({s['search_index_gz_mb']:.1f} MB gzipped); "
                  f"article text copies in it: {s['article_copies']['total']:.2f} "
                  f"({', '.join(f'{k} {v:.2f}' for k, v in s['article_copies'].items() if k != 'total' and v >= 0.01)})")
            print("  by section: " + ", ".join(f"{k} {v['entries']:,} entries {v['text_mb']:.1f} MB"
                                             for k, v in list(s["search_sections"].items())[:6]))
    print()

    def cpu(k: str) -> float | None:
        return R[k]["cpu"] if k in R and not R[k]["returncode"] else None

    def wall(k: str) -> float | None:
        return R[k]["wall"] if k in R and not R[k]["returncode"] else None

    ext_w = ext["extract"]["wall"] if ext else None
    ext_c = ext["extract"]["cpu"] if ext else None
    bare_w = bare["parse"]["wall"] if bare else None
    bare_c = bare["parse"]["cpu"] if bare else None
    # the sampled tree figure can miss a short peak of one process: take the larger of the two
    peak = max((max(R[k].get("tree_rss_mb") or 0, R[k]["max_rss_mb"]) for k in R if k.split("#")[0] in BUILDS), default=None)
    print(f"{'ratio':58s} {'wall':>6s} {'cpu':>6s}  target")
    print(f"{'tool extraction / bare spaCy':58s} {ratio(ext_w, bare_w):>6s} {ratio(ext_c, bare_c):>6s}  <= 1.15")
    both_w = bare_w + wall("mkdocs") if bare_w and wall("mkdocs") else None
    both_c = bare_c + cpu("mkdocs") if bare_c and cpu("mkdocs") else None
    print(f"{'whole build --no-pdf / (bare spaCy + mkdocs build)':58s} "
          f"{ratio(wall('cold'), both_w):>6s} {ratio(cpu('cold'), both_c):>6s}")
    print(f"{'incremental rebuild (+1 article, --no-pdf) / mkdocs build':58s} "
          f"{ratio(wall('incremental'), wall('mkdocs')):>6s} {ratio(cpu('incremental'), cpu('mkdocs')):>6s}  <= 0.10")
    print(f"{'incremental rebuild with PDF / mkdocs build':58s} "
          f"{ratio(wall('incremental_pdf'), wall('mkdocs')):>6s} {ratio(cpu('incremental_pdf'), cpu('mkdocs')):>6s}")
    if peak:
        print(f"{'peak memory of a build (whole process tree)':58s} {peak:6.0f} MB     <= 1500 MB")


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", choices=["bbc", "reuters", "fakes", "seeds"], default="bbc")
    ap.add_argument("--limit", type=int, default=None, help="use N articles (spread over the corpus)")
    ap.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one, removed)")
    ap.add_argument("--keep", action="store_true", help="keep the working folder (project, logs)")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures to this JSON file")
    ap.add_argument("--skip", default="", help="comma-separated steps to skip: pair,warm,mkdocs,incremental,pdf")
    ap.add_argument("--repeat", type=int, default=1, help="run mkdocs alone and the incremental rebuild N times "
                    "each (alternating) and report the minimum: steadier on a shared machine")
    args = ap.parse_args(argv)
    skip = set(filter(None, args.skip.split(",")))

    if args.corpus != "seeds" and not (SHARED / "corpora" / CORPORA[args.corpus]).exists():
        print(f"bench skipped: needs ../shared/corpora/{CORPORA[args.corpus]} beside the repository "
              "(research data, not in a user's clone); try --corpus seeds")
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: dict = {"corpus": args.corpus, "limit": args.limit, "runs": {}, "phases": {},
                     "load_before": " ".join(f"{x:.1f}" for x in os.getloadavg())}
    try:
        log(f"preparing {args.corpus} in {work}")
        # nothing is held back when no incremental build runs: the first build then has every article
        held_back = 0 if "incremental" in skip else args.repeat + 1
        project, held, total = prepare(args.corpus, args.limit, work, held_back)
        results["files"], results["held"] = total, [p.name for p in held]
        seeds = project / "seeds"
        py = sys.executable

        if "pair" not in skip:  # bare spaCy and the tool's extraction, interleaved (see bench/phases.py)
            data = phase("pair", ["pair", str(seeds), str(work / "extract-cache")], work, results)
            if data:
                results["phases"].update(bare=data["bare"], extract=data["extract"])

        r = measured("cold", [py, "-m", "generator", "build", "--root", str(project), "--no-pdf"], work, results)
        results["cold"] = build_report(r.stdout)
        if r.returncode != 0:
            print("the cold build failed: no further step can run")
            return 1
        if "pdf" not in skip and "warm" not in skip:
            r = measured("warm", [py, "-m", "generator", "build", "--root", str(project)], work, results)
            results["warm"] = build_report(r.stdout)
        results["site"] = site_stats(project)
        # mkdocs alone and the incremental rebuild alternate, `repeat` times each: on a shared machine
        # the minimum of each is the fairest figure (printed with every run's figures in the log)
        mkdocs_cmd = [py, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(work / "mkdocs-site")]
        held_iter = iter(held)
        for i in range(args.repeat):
            suffix = f"#{i + 1}" if args.repeat > 1 else ""
            if "mkdocs" not in skip:
                measured("mkdocs" + suffix, mkdocs_cmd, work, results)  # same command the build runs
            if "incremental" not in skip and (new := next(held_iter, None)):
                shutil.copyfile(new, seeds / new.name)
                r = measured("incremental" + suffix, [py, "-m", "generator", "build", "--root", str(project), "--no-pdf"], work, results)
                results.setdefault("incr_all", []).append(build_report(r.stdout))
        if args.repeat > 1:
            for key in ("mkdocs", "incremental"):
                runs = [v for k, v in results["runs"].items() if k.startswith(key + "#") and not v["returncode"]]
                if runs:
                    results["runs"][key] = {**min(runs, key=lambda v: v["cpu"]), "wall": min(v["wall"] for v in runs),
                                            "cpu": min(v["cpu"] for v in runs), "of": len(runs)}
        if results.get("incr_all"):
            results["incr"] = results["incr_all"][-1]
        if "pdf" not in skip and "incremental" not in skip and (new := next(held_iter, None)):
            shutil.copyfile(new, seeds / new.name)
            r = measured("incremental_pdf", [py, "-m", "generator", "build", "--root", str(project)], work, results)
            results["incr_pdf"] = build_report(r.stdout)
        results["load_after"] = " ".join(f"{x:.1f}" for x in os.getloadavg())
        report(results)
        if args.json:
            args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
            print(f"figures written to {args.json}")
    finally:
        if args.keep or args.work:
            print(f"working folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
