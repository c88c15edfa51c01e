"""Command line: thin click commands over the pipeline; errors become clear one-line messages.

Exit status (ARCHITECTURE.md): 0 when the site was built, even if some articles were skipped (they
are listed in the output and on the site's build report page); 1 when no site could be built (bad
curation file, no usable article, MkDocs failure); 2 for usage errors.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import CurationError, DossierError


def _fail(exc: Exception) -> None:
    if isinstance(exc, CurationError):
        click.echo(f"error: {exc.path}: the curation file has {len(exc.errors)} problem(s); nothing was written:", err=True)
        for file, line, key, msg in exc.errors:
            click.echo(f"  {file}:{line}: {key or '(top)'}: {msg}", err=True)
    elif isinstance(exc, DossierError):
        click.echo(f"error: {exc.path}: {exc.reason}", err=True)
    else:
        click.echo(f"error: {type(exc).__name__}: {exc}", err=True)
    sys.exit(1)


@click.group()
@click.version_option(package_name="dossier")
def main() -> None:
    """dossier: news articles in, cross-linked briefing site and PDF briefings out."""


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder (mkdocs.yml, dossier.yml, seeds/).")
@click.option("--seeds", type=click.Path(file_okay=False, path_type=Path), default=None, help="Folder of articles (default: ROOT/seeds).")
@click.option("--no-pdf", is_flag=True, help="Skip the PDF briefings.")
@click.option("--no-site", is_flag=True, help="Write docs/ only; do not run mkdocs.")
@click.option("--no-cache", is_flag=True, help="Parse every article again.")
@click.option("--dirty", is_flag=True, help="Let mkdocs rebuild changed pages only.")
@click.option("--no-wait", is_flag=True, help="Exit at once (status 1) if another build of this project is running.")
def build(root: Path, seeds: Path | None, no_pdf: bool, no_site: bool, no_cache: bool, dirty: bool, no_wait: bool) -> None:
    """Build docs/, site/ (with site/dossier.json) and the PDF briefings from the articles.

    Example: dossier build --root . --no-pdf
    """
    from .pipeline import Paths
    from .pipeline import build as run

    paths = Paths.at(root, seeds=seeds.resolve() if seeds else None, cache=not no_cache)
    if not paths.seeds.is_dir():
        _fail(DossierError(str(paths.seeds), "no such folder of articles"))
    try:
        report = run(paths, site=not no_site, pdf=not no_pdf and not no_site, dirty=dirty, wait=not no_wait,
                     log=lambda msg: click.echo(msg, err=True))
    except (DossierError, OSError) as exc:
        _fail(exc)
    for line in report.lines():
        click.echo(line)
    if report.published == 0:
        click.echo("error: no article could be published", err=True)
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--published", default=None, help="Publication date YYYY-MM-DD for relative dates.")
def extract(files: tuple[Path, ...], published: str | None) -> None:
    """Print the extraction of each FILE as JSON (offsets into the file's decoded text).

    Example: dossier extract seeds/003_941f6076fecd7817.txt --published 2013-06-17
    """
    from .exporting import extraction_json
    from .extract import extract_article, parse
    from .ingest import read_article

    out = []
    failed = 0
    articles = []
    for f in files:
        try:
            articles.append(read_article(f, published=published))
        except DossierError as exc:
            click.echo(f"error: {exc.path}: {exc.reason}", err=True)
            failed += 1
    for article, doc in parse(articles):
        ex = extract_article(article, doc)
        out.append(extraction_json(article, ex))
    click.echo(json.dumps(out if len(files) > 1 else (out[0] if out else []), indent=1, ensure_ascii=False))
    if failed and not out:
        sys.exit(1)


@main.command("extract-shard")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".", help="Project folder (dossier.yml, seeds/).")
@click.option("--seeds", type=click.Path(file_okay=False, path_type=Path), default=None, help="Folder of articles (default: ROOT/seeds).")
@click.option("--shard", "spec", required=True, help="K/N: fill shard K of N (1..N), e.g. 2/4.")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Cache folder to fill (default: ROOT/.dossier-cache/extract).")
def extract_shard(root: Path, seeds: Path | None, spec: str, cache_dir: Path | None) -> None:
    """Parse the articles of shard K of N into the extraction cache (one job of a CI matrix).

    Articles go to shards by a stable hash of their content. Copy the cache folders of all N jobs
    together into ROOT/.dossier-cache/extract and `dossier build` parses nothing.

    Example: dossier extract-shard --shard 2/4 --cache shard-cache
    """
    from .pipeline import Paths
    from .shard import extract_shard as run
    from .shard import parse_shard

    try:
        k, n = parse_shard(spec)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--shard") from None
    paths = Paths.at(root, seeds=seeds.resolve() if seeds else None)
    if not paths.seeds.is_dir():
        _fail(DossierError(str(paths.seeds), "no such folder of articles"))
    try:
        report = run(paths.seeds, cache_dir or paths.cache, k, n, config=paths.config)
    except (DossierError, OSError) as exc:
        _fail(exc)
    for line in report.lines():
        click.echo(line)


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--dev-addr", default="127.0.0.1:8000", help="Address to serve on.")
def serve(root: Path, dev_addr: str) -> None:
    """Serve the generated docs/ with live reload (mkdocs serve).

    Example: dossier serve --dev-addr 127.0.0.1:8001
    """
    import subprocess

    sys.exit(subprocess.call([sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"), "-a", dev_addr]))


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".")
@click.option("--no-wait", is_flag=True, help="Exit at once (status 1) if another build of this project is running.")
def pdf(root: Path, no_wait: bool) -> None:
    """Write site/briefing.pdf and site/briefs/<actor>.pdf from the articles (uses the cache).

    Example: dossier pdf
    """
    from .pipeline import Paths, pdf_only

    paths = Paths.at(root)
    try:
        files, notes = pdf_only(paths, wait=not no_wait, log=lambda msg: click.echo(msg, err=True))
    except (DossierError, OSError) as exc:
        _fail(exc)
    for n in notes:
        click.echo(f"warning: {n}")
    for f in files[:3]:
        click.echo(str(f))
    click.echo(f"{len(files)} PDF files written")


@main.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=".")
def check(root: Path) -> None:
    """Validate dossier.yml and every article without writing anything.

    Example: dossier check
    """
    from .config import load_curation
    from .ingest import read_corpus
    from .pipeline import Paths

    paths = Paths.at(root)
    try:
        curation = load_curation(paths.config)
    except DossierError as exc:
        _fail(exc)
    articles, problems = read_corpus(paths.seeds, curation.article_overrides())
    for p in problems:
        click.echo(f"{p.severity}: {p.path}: {p.reason}")
    click.echo(f"{len(articles)} articles can be published; {sum(p.severity == 'error' for p in problems)} cannot.")
    if not articles:
        sys.exit(1)
