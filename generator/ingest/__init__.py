"""Stage 1, ingest: article files -> ``Article`` (decoded, cleaned, with metadata), robustly.

Public API::

    read_article(path, *, root=None, published=None) -> Article           # raises IngestError
    load_article(path, *, root=None, published=None, override=None, sidecar=True)
        -> (Article, warnings: tuple[Problem, ...])                         # raises IngestError
    read_corpus(seeds_dir, overrides=None) -> (articles, problems)          # never raises for a file
    clean_text(raw, kind="text") -> Cleaned                                 # the cleaning alone

One function per step, in order (see ``load_article``): 1. size check and read, 2. decode
(``decode.py``), 3. split into units by format (``layout.py``, ``html.py``, ``markdown.py``),
4. boilerplate rules (``clean.py``), 5. assemble the cleaned text, offsets and removed spans
(``layout.assemble``), 6. metadata (``meta.py``, ``dates.py``, ``sidecar.py``).

Offsets: ``Article.raw_text`` is the decoded file exactly (BOM stripped, ``\\r`` kept; for HTML the
HTML source), and every offset of the pipeline -- removed spans, the ``OffsetMap``, and so what
``dossier extract`` prints -- points into it.

Files read by ``read_corpus``: ``*.txt``, ``*.text``, ``*.md``, ``*.markdown``, ``*.html``, ``*.htm``
directly in the folder (not sub-folders), sorted by name (code-point order, so the file system's
order never matters); hidden files and editor backups (``~``) are skipped; any other file gets a
warning. A ``.txt`` file that is really an HTML page (starts with ``<!DOCTYPE html`` or ``<html``)
is read as HTML. Two files with the same cleaned text are published once, as the first by name;
its ``duplicates`` lists the others and each gets a warning. Ids are slugs of the file stems; when
two stems give the same slug, the later by name gets ``-<hash of its file name>``.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import IngestError
from ..model import Article, OffsetMap, Problem, PubDate, Removed
from ..urls import slugify, unique_slug
from . import clean as rules
from .dates import dateline, leading_date
from .decode import MAX_BYTES, DecodeError, check_size, decode_bytes
from .files import NotRegular, display_name, read_regular, refusal
from .html import read_html
from .layout import STRIP, assemble, split_unit, text_units
from .markdown import read_markdown
from .meta import meta_date, outlet_from_text, parse_iso, tidy_title, title_from_text
from .sidecar import Metadata, check_value, load_yaml, merge, validate
from .yamlread import SIDECAR

# The longest cleaned text parsed as one article (``pipeline.extract_corpus`` refuses longer ones). A text
# or Markdown file over MAX_RAW_TEXT_CHARS cannot clean down to it (boilerplate is a few lines, not four
# fifths of a file), so it is refused before cleaning: a 60 MB one-paragraph file cost 40 s and 1 GB to
# clean only to be refused (bench/bigarticle.py). HTML is cleaned first: markup may be most of a page.
MAX_ARTICLE_CHARS = 2_000_000
MAX_RAW_TEXT_CHARS = 5 * MAX_ARTICLE_CHARS

__all__ = ["read_article", "load_article", "read_corpus", "clean_text", "Cleaned", "ARTICLE_SUFFIXES", "MAX_BYTES"]

ARTICLE_SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html",
}
SIDECAR_SUFFIXES = (".yml", ".yaml")
_LOOKS_HTML = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


@dataclass(frozen=True)
class Cleaned:
    """The cleaning of one raw text, and what the text itself says about its metadata."""

    text: str
    offsets: OffsetMap
    removed: tuple[Removed, ...]
    title: str | None  # headline found in the document (HTML <h1>/<title>, or the headline unit)
    outlet: str | None
    published: PubDate  # evidence "meta", "dateline" or "unknown"
    url: str | None = None
    front_matter: str | None = None  # Markdown front matter (YAML), to validate as a sidecar
    warnings: tuple[str, ...] = ()


def clean_text(raw: str, kind: str = "text") -> Cleaned:
    """Clean ``raw`` (already decoded) of ``kind`` ``text``, ``markdown`` or ``html``."""
    warnings: list[str] = []
    extra: list[Removed] = []
    preset: list[str | None] | None = None
    html_title = html_outlet = html_date = html_url = front = None
    units = None
    if kind == "html":
        try:
            doc = read_html(raw)
            units, preset, extra = doc.units, doc.preset, doc.removed
            html_title, html_outlet, html_date, html_url = doc.title, doc.outlet, doc.published, doc.url
        except Exception as exc:  # html.parser is lenient; this is a last resort, reported
            warnings.append(f"HTML could not be parsed ({type(exc).__name__}); read as plain text")
            units = None
    elif kind == "markdown":
        md = read_markdown(raw)
        units, extra, front = md.units, md.removed, md.front_matter
    if units is None:
        units = text_units(raw)
    units, preset, header_date = _split_header(units, preset)
    units, preset = _split_footer(units, preset)
    texts = [u.text for u in units]
    cls = rules.classify(texts, [u.block for u in units], [u.tag for u in units], preset)
    asm = assemble(raw, units, list(cls.reasons), extra)

    # metadata the text gives
    outlet = html_outlet or outlet_from_text(
        texts + [_strip_tags(r.text) for r in extra], list(cls.reasons) + [r.reason for r in extra]
    )
    title = html_title or (texts[cls.title] if cls.title is not None else None)
    title = tidy_title(title, outlet) if title else None
    published = PubDate(None, None, "unknown")
    if html_date and (pd := meta_date(html_date)):
        published = replace(pd, evidence="meta")
    else:
        found = header_date
        for i in cls.datelines:
            if found:
                break
            found = dateline(texts[i])
        if found is None:
            last = cls.body if cls.body is not None else min(len(units) - 1, 2)
            headline = texts[cls.title] if cls.title is not None else None
            for i in range(0, last + 1):
                if cls.reasons[i] is None and (found := leading_date(texts[i], headline)):
                    break
        if found:
            published = PubDate(found.value, found.precision, "dateline")
            if found.weekday_mismatch:
                warnings.append(f"dateline says {found.weekday_mismatch} but {found.value} is not a {found.weekday_mismatch}")
    return Cleaned(asm.text, asm.offsets, asm.removed, title, outlet, published, html_url, front, tuple(warnings))


_WORD_SEP = r"[\W_]+"
_BYLINE_BEFORE = re.compile(r"\s*by\s+(?:[A-Z][\w.'’-]*\s*){1,6}", re.I)


def _split_header(units: list, preset: list[str | None] | None):
    """Cut a dateline (and the headline repeated beside it) off the paragraph it opens.

    Scraped pages often run the header into the first paragraph: "Wed 05 Apr 2017 Syria attack
    symptoms consistent with nerve agent use WHO. Victims of a suspected...", "<headline> AFP Tuesday
    20 Sep 2016 The ...". The dateline becomes a unit of its own (removed as "dateline", it gives the
    publication date) and so does the repeated headline ("repeated headline"), so that neither is
    read as a sentence of the story (its Title Case words as actors, its verbs as claims).
    Returns the units, the preset reasons and the date found (or None).
    """
    reasons = list(preset) if preset else [None] * len(units)
    if not units:
        return units, preset, None
    headline = units[0].text
    words = re.findall(r"[^\W_]+", headline)
    repeat = re.compile(r"[\W_]*" + _WORD_SEP.join(map(re.escape, words)) + r"[\W_]*", re.I) if len(words) >= 3 else None
    for i in range(1, min(len(units), rules.HEADER_UNITS)):
        if reasons[i]:
            continue
        if dateline(units[i].text):
            continue  # a line that is only a dateline: the rules remove it whole
        found = leading_date(units[i].text, headline)
        if found is None or found.end >= len(units[i].text.rstrip()):
            continue
        cut = split_unit(units[i], found.end)
        if cut is None:
            return units, preset, None
        date_unit, rest = cut
        new_units, new_reasons = [date_unit], [rules.DATELINE]
        m = repeat.search(rest.text, 0, 120) if repeat else None
        if m and m.start() > 0 and _BYLINE_BEFORE.fullmatch(rest.text[: m.start()]) and (parts := split_unit(rest, m.start())):
            new_units.append(parts[0])  # "by Youssef Diab" between the dateline and the headline
            new_reasons.append(rules.BYLINE)
            rest = parts[1]
            m = repeat.match(rest.text)
        if m and m.start() == 0 and m.end() < len(rest.text) and (parts := split_unit(rest, m.end())):
            new_units.append(parts[0])
            new_reasons.append(rules.REPEATED_HEADLINE)
            rest = parts[1]
        for k, u in enumerate(new_units):
            u.block = -1 - k  # blocks of their own: the block rules judge the paragraph apart from them
        new_units.append(rest)
        new_reasons.append(None)
        units = units[:i] + new_units + units[i + 1:]
        reasons = reasons[:i] + new_reasons + reasons[i + 1:]
        return units, reasons, replace(found, start=0, end=0)
    return units, preset, None


def _split_footer(units: list, preset: list[str | None] | None):
    """Cut a site footer off the paragraph a scraper ran it into (see ``clean.FOOTER_START``).

    The cut is made, in the last unit that holds a footer marker, at the first marker after which the
    text is short (at most 1,500 characters: a footer, not an article) and holds a second marker or
    ends within 400 characters (one marker alone deep in a paragraph may be a quotation).
    """
    reasons = list(preset) if preset else [None] * len(units)
    for i in range(len(units) - 1, max(-1, len(units) - 4), -1):
        if reasons[i]:
            continue
        text = units[i].text
        found = list(rules.FOOTER_START.finditer(text))
        if not found:
            continue
        after = sum(len(u.text) for u in units[i + 1:])
        first = next((m for k, m in enumerate(found) if len(text) - m.start() + after <= 1500
                      and (len(found) - k >= 2 or (len(text) - m.start() <= 400 and not m.group().lower().startswith(("copyright", "©"))))),
                     None)  # a lone "Copyright 2015 by <author>" may be a reprint credit, which the reader keeps
        if first is None:
            return units, preset
        if first.start() == 0:
            return units, preset  # a whole line: the line rules name it (subscription promo, copyright...)
        cut = split_unit(units[i], first.start())
        if cut is None:
            return units, preset
        body, footer = cut
        footer.block = -100  # a block of its own (see _split_header)
        units = units[:i] + [body, footer] + units[i + 1:]
        reasons = reasons[:i] + [None, rules.FOOTER] + reasons[i + 1:]
        return units, reasons
    return units, preset


def _strip_tags(html_text: str) -> str:
    return " ".join(re.sub(r"<[^>]*>", " ", html_text).split())


# ---------------------------------------------------------------------------------------------
# Files


def _display_path(path: Path, root: Path | None) -> str:
    """``path`` relative to ``root`` when it lies inside it, else as given (POSIX separators), as one
    printable line (``files.display_name``: odd bytes and newlines in a file name escaped)."""
    if root is not None:
        try:
            rel = Path(os.path.abspath(path)).relative_to(os.path.abspath(root))
            return display_name(rel.as_posix())
        except ValueError:
            pass
    return display_name(path.as_posix())


def _find_sidecar(path: Path) -> Path | None:
    for base in (path.name, path.stem):
        for suffix in SIDECAR_SUFFIXES:
            cand = path.with_name(base + suffix)
            if cand != path and os.path.lexists(cand):
                return cand
    return None


def _kind(path: Path, raw_head: str) -> str:
    kind = ARTICLE_SUFFIXES.get(path.suffix.lower(), "text")
    if kind != "html" and _LOOKS_HTML.match(raw_head):
        return "html"
    return kind


def read_article(path: Path, *, root: Path | None = None, published: str | None = None) -> Article:
    """Read one article (and its sidecar, if any). Raises ``IngestError(path, reason)``."""
    return load_article(Path(path), root=root, published=published)[0]


def load_article(
    path: Path,
    *,
    root: Path | None = None,
    published: str | None = None,
    override: Mapping[str, object] | None = None,
    sidecar: Path | bool = True,
    inside: Path | None = None,
) -> tuple[Article, tuple[Problem, ...]]:
    """Read one article; also return warnings (non-UTF-8 guess, large file, sidecar problems...).

    ``published`` is the command line's date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``); ``override``
    the curation file's metadata for this file; ``sidecar`` True to look for ``NAME.yml``, a path
    to use that one, False for none; ``inside`` the folder the file and its sidecar must be regular
    files of (``files.read_regular``: links never followed). Priorities: see ``meta.py``.
    """
    path = Path(path)
    shown = _display_path(path, root)
    warnings: list[str] = []
    # 1. size and bytes
    try:
        data = read_regular(path, inside=inside, check_size=check_size)
    except DecodeError as exc:
        raise IngestError(shown, str(exc)) from None
    except NotRegular as exc:
        raise IngestError(shown, exc.reason) from None
    except IsADirectoryError:
        raise IngestError(shown, "is a folder, not a file") from None
    except OSError as exc:
        raise IngestError(shown, f"cannot read: {exc.strerror or exc}") from None
    if not data:
        raise IngestError(shown, "empty file")
    # 2. decode
    head_kind = ARTICLE_SUFFIXES.get(path.suffix.lower(), "text")
    try:
        decoded = decode_bytes(data, html=head_kind == "html" or bool(_LOOKS_HTML.match(data[:2048].decode("latin-1"))))
    except DecodeError as exc:
        raise IngestError(shown, str(exc)) from None
    warnings += decoded.warnings
    raw = decoded.text
    if not raw.strip(STRIP):
        raise IngestError(shown, "only whitespace, no text")
    # 3-5. units, rules, assembly
    kind = _kind(path, raw[:2048])
    if kind != "html" and len(raw) > MAX_RAW_TEXT_CHARS:
        raise IngestError(shown, f"too long for one article: {len(raw):,} characters of text (the limit is "
                                 f"{MAX_ARTICLE_CHARS:,}); split it into separate articles")
    cleaned = clean_text(raw, kind)
    warnings += cleaned.warnings
    if not cleaned.text.strip():
        what = sorted({r.reason for r in cleaned.removed})
        detail = f" after removing boilerplate ({', '.join(what)})" if what else ""
        raise IngestError(shown, f"no article text left{detail}")
    if not re.search(r"[^\W_]", cleaned.text):
        raise IngestError(shown, "no words: the text has no letters or digits")
    # 6. metadata layers: cli > curation > sidecar > front matter > the text itself
    cli = None
    if published is not None:
        pd = parse_iso(published)
        if pd is None:
            raise IngestError(shown, f"--published {published!r} is not a date YYYY-MM-DD, YYYY-MM or YYYY")
        cli = Metadata(published=pd.value)
    cur = None
    if override:
        cur, probs = validate(override, f"curation override for {display_name(path.name)}")
        warnings += [p + "; ignored" for p in probs]
    side_path = _find_sidecar(path) if sidecar is True else (sidecar or None)
    side = _sidecar_metadata(Path(side_path), inside, warnings) if side_path else None
    front = None
    if cleaned.front_matter is not None:
        front, probs = load_yaml(cleaned.front_matter, f"{display_name(path.name)} front matter")
        warnings += [p if p.endswith("ignored") else p + "; ignored" for p in probs]
    meta, source = merge(cli, cur, side, front)
    evidence = {0: "cli", 1: "curation", 2: "sidecar", 3: "sidecar"}
    if meta.published:
        pd = parse_iso(meta.published)
        pub = replace(pd, evidence=evidence[source["published"]])  # type: ignore[arg-type]
    else:
        pub = cleaned.published
    page = _page_metadata(cleaned, display_name(path.name), warnings)
    outlet = meta.outlet or page.outlet
    title = meta.title or page.title or title_from_text(cleaned.text) or display_name(path.stem)
    article = Article(
        id=slugify(path.stem),
        path=shown,
        raw_text=raw,
        clean_text=cleaned.text,
        offsets=cleaned.offsets,
        removed=cleaned.removed,
        title=title,
        outlet=outlet,
        url=meta.url or page.url,
        published=pub,
        content_hash=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
    )
    return article, tuple(Problem(shown, w, "warning") for w in warnings)


def _sidecar_metadata(side_path: Path, inside: Path | None, warnings: list[str]) -> Metadata | None:
    """The sidecar's metadata (a regular file inside ``inside``, within the YAML budget), or None."""
    side_name = display_name(side_path.name)
    try:
        side_bytes = read_regular(side_path, inside=inside, check_size=_check_sidecar_size)
        side, probs = load_yaml(side_bytes.decode("utf-8-sig"), side_name)
    except NotRegular as exc:
        warnings.append(f"{side_name}: sidecar not read: {exc.reason.removeprefix('ignored: ')}")
        return None
    except UnicodeDecodeError:
        warnings.append(f"{side_name}: cannot read sidecar (not UTF-8); ignored")
        return None
    except (OSError, ValueError) as exc:
        warnings.append(f"{side_name}: cannot read sidecar ({getattr(exc, 'strerror', None) or exc}); ignored")
        return None
    warnings += [p if p.endswith("ignored") else p + "; ignored" for p in probs]
    return side


def _check_sidecar_size(size: int) -> None:
    if size > SIDECAR.max_chars * 4:
        raise ValueError(f"{size:,} bytes (the limit for a sidecar is {SIDECAR.max_chars * 4:,})")


def _page_metadata(cleaned: Cleaned, name: str, warnings: list[str]) -> Metadata:
    """What the page itself says (HTML ``og:url``/canonical, ``og:title``, ``og:site_name``, headline),
    checked by the rule sidecar values follow (``sidecar.check_value``); a value it refuses is left out
    with a warning."""
    out = {}
    for key, value, label in (("url", cleaned.url, "og:url/canonical link"), ("title", cleaned.title, "title"),
                              ("outlet", cleaned.outlet, "outlet")):
        if value is None:
            continue
        try:
            out[key] = check_value(key, value)
        except ValueError as exc:
            warnings.append(f"{name}: the page's {label}: {exc}; ignored")
    return Metadata(**out)


def read_corpus(
    seeds_dir: Path, overrides: Mapping[str, Mapping] | None = None
) -> tuple[tuple[Article, ...], tuple[Problem, ...]]:
    """Read every article file in ``seeds_dir``; a bad file becomes a ``Problem``, never an exception.

    ``overrides`` maps a file name (or its stem, or ``seeds/NAME``) to curation metadata (keys as in
    a sidecar); curation beats the sidecar (see ``meta.py``). Raises ``IngestError`` only when the
    folder itself is missing.
    """
    seeds_dir = Path(seeds_dir)
    if not seeds_dir.is_dir():
        raise IngestError(seeds_dir, "no such folder of articles")
    root = seeds_dir.parent
    entries = sorted(os.scandir(seeds_dir), key=lambda e: e.name)
    names = {e.name for e in entries}
    problems: list[Problem] = []
    overrides = dict(overrides or {})
    used_overrides: set[str] = set()
    used_sidecars: set[str] = set()
    loaded: list[tuple[str, Article]] = []
    for entry in entries:
        name = entry.name
        path = Path(entry.path)
        shown = _display_path(path, root)
        if name.startswith(".") or name.endswith("~"):
            continue
        suffix = path.suffix.lower()
        if suffix in SIDECAR_SUFFIXES:
            continue
        if suffix not in ARTICLE_SUFFIXES:
            if entry.is_file(follow_symlinks=False):
                problems.append(Problem(shown, f"ignored: not an article file ({', '.join(ARTICLE_SUFFIXES)})", "warning"))
            continue
        try:
            why = refusal(entry.stat(follow_symlinks=False).st_mode)
        except OSError as exc:
            why = f"ignored: cannot read ({exc.strerror or exc})"
        if why:
            problems.append(Problem(shown, why, "warning"))
            continue
        key = next((k for k in (name, path.stem, shown) if k in overrides), None)
        if key is not None:
            used_overrides.add(key)
        side = _find_sidecar(path)
        if side is not None:
            used_sidecars.add(side.name)
        try:
            article, warns = load_article(path, root=root, override=overrides.get(key) if key else None, sidecar=side or False,
                                          inside=seeds_dir)
        except IngestError as exc:
            problems.append(Problem(shown, exc.reason))
            continue
        except Exception as exc:  # a bug on one odd file must not stop the others; it is reported
            problems.append(Problem(shown, f"internal error while reading: {type(exc).__name__}: {exc}"))
            continue
        problems += warns
        loaded.append((name, article))

    # duplicates: same cleaned text -> published once, as the first by name
    first_by_text: dict[str, int] = {}
    kept: list[Article] = []
    for _name, article in loaded:
        h = hashlib.sha256(article.clean_text.encode("utf-8", "surrogatepass")).hexdigest()
        if h in first_by_text:
            k = first_by_text[h]
            kept[k] = replace(kept[k], duplicates=kept[k].duplicates + (article.path,))
            problems.append(Problem(article.path, f"same text as {kept[k].path}: published once, as that file", "warning"))
            continue
        first_by_text[h] = len(kept)
        kept.append(article)
    # unique ids in name order
    taken: set[str] = set()
    final: list[Article] = []
    for article in kept:
        aid = unique_slug(article.id, taken, key=Path(article.path).name)
        taken.add(aid)
        final.append(replace(article, id=aid) if aid != article.id else article)
    for entry in entries:
        p = Path(entry.path)
        if p.suffix.lower() in SIDECAR_SUFFIXES and not entry.name.startswith(".") and entry.name not in used_sidecars:
            problems.append(Problem(_display_path(p, root), "sidecar without an article file of the same name; ignored", "warning"))
    for key in sorted(set(overrides) - used_overrides):
        if key not in names:
            problems.append(Problem(key, "curation file has metadata for an article that is not in the folder", "warning"))
    return tuple(final), tuple(problems)
