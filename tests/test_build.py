"""End to end: the seeds build into a real MkDocs site (--strict), dossier.json matches its schema."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import jsonschema

from generator.schema import dossier_schema

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

BOILERPLATE = [
    "small favor to ask", "Remind me later", "Not ready to support", "support us monthly", "paiment methods",
    "Skip to: Content", "Skip to next paragraph", "View reader comments", "Sign in to Comment",
    "icon bookmark", "chevron downicon", "Become a fan! Follow us!", "Danny Bent", "Get daily or weekly updates",
]


class VisibleText(HTMLParser):
    """Text of a page outside <script>, <style>, <details> (folded removed boilerplate) and <svg>."""

    HIDDEN = {"script", "style", "details", "svg", "template"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


def visible_text(html: str) -> str:
    p = VisibleText()
    p.feed(html)
    return " ".join(p.parts)


def test_site_has_every_kind_of_page(seeds_site: Path):
    assert (seeds_site / "index.html").is_file()
    sources = sorted(p.name for p in (seeds_site / "sources").iterdir() if p.is_dir())
    assert len(sources) == len(SEEDS)
    for name in ("vladimir-putin", "sergei-lavrov", "david-cameron", "russia"):
        assert (seeds_site / "actors" / name / "index.html").is_file(), name
    assert (seeds_site / "timeline" / "index.html").is_file()
    assert any((seeds_site / "claims").iterdir())
    assert any((seeds_site / "events").iterdir())


def test_dossier_json_matches_schema(seeds_site: Path):
    data = json.loads((seeds_site / "dossier.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, dossier_schema())
    assert {s["id"] for s in data["sources"]} == {c["source"] for c in data["claims"]} | {s["id"] for s in data["sources"]}


def test_committed_schema_is_current():
    committed = json.loads((ROOT / "generator" / "data" / "dossier.schema.json").read_text(encoding="utf-8"))
    assert committed == dossier_schema(), "run: python -m generator.schema > generator/data/dossier.schema.json"


def test_no_boilerplate_visible_on_any_page(seeds_site: Path):
    offenders = []
    for page in seeds_site.rglob("*.html"):
        text = visible_text(page.read_text(encoding="utf-8"))
        for phrase in BOILERPLATE:
            if phrase.lower() in text.lower():
                offenders.append(f"{page.relative_to(seeds_site)}: {phrase}")
    assert not offenders, offenders[:20]


def test_removed_boilerplate_is_kept_folded_on_source_pages(seeds_site: Path):
    page = next((seeds_site / "sources").glob("000-*/index.html")).read_text(encoding="utf-8")
    folded = re.findall(r"<details.*?</details>", page, re.S)
    assert folded and any("small favor to ask" in d for d in folded)


def test_every_claim_points_into_its_source(seeds_project):
    root, _ = seeds_project
    data = json.loads((root / "site" / "dossier.json").read_text(encoding="utf-8"))
    paths = {s["id"]: root / "seeds" / Path(s["path"]).name for s in data["sources"]}
    from generator.ingest import read_article

    raws = {sid: read_article(p).raw_text for sid, p in paths.items()}
    for c in data["claims"]:
        for ref in c["refs"]:
            excerpt = raws[ref["source"]][ref["start"]:ref["end"]]
            assert " ".join(excerpt.split()) == c["text"] or ref != c["ref"], (c["id"], excerpt, c["text"])


def test_build_report(seeds_project):
    _, report = seeds_project
    assert report.published == len(SEEDS)
    assert not [p for p in report.problems if p.severity == "error"]
    assert report.actors > 10 and report.claims > 20 and report.events > 3


def test_gitignore_lists_every_generated_name():
    """docs/ mixes generated and hand-written files: git must ignore exactly the generated ones."""
    from generator.pipeline import GENERATED

    ignored = {line.strip().rstrip("/") for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()}
    assert sorted(n for n in GENERATED if f"docs/{n}" not in ignored) == []
