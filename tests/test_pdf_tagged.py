"""PDF polish (issue 15): tagged PDF/UA output with the outline intact, and "In their own words"
holding direct quotations only (reported speech listed apart)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from generator.pdf import brief_html

needs_poppler = pytest.mark.skipif(not shutil.which("pdfinfo"), reason="needs poppler-utils (pdfinfo): apt-get install poppler-utils")


@needs_poppler
def test_briefing_and_briefs_are_tagged_with_an_outline(seeds_project):
    root, _ = seeds_project
    pdfs = [root / "site" / "briefing.pdf", *sorted((root / "site" / "briefs").glob("*.pdf"))[:3]]
    for pdf in pdfs:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes", info, re.M), (pdf.name, info)
        outline = subprocess.run(["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert outline.count("\n") > 3, pdf.name  # named destinations of the outline and links survive tagging


def test_own_words_are_direct_quotations_only(seeds_project):
    from generator.config import load_curation
    from generator.pipeline import Paths, collect

    root, _ = seeds_project
    paths = Paths.at(root)
    articles, extractions, dossier, _ = collect(paths, load_curation(paths.config), log=lambda s: None)
    html = brief_html(dossier, {a.id: a for a in articles}, "vladimir-putin", title="T",
                      extractions=extractions)
    own = html.split("<h2>In their own words</h2>", 1)[1].split('<h3 id="reported">', 1)
    quoted, reported = own[0], own[1].split("</section>", 1)[0]
    putin = [c for c in dossier.claims if c.speaker == "vladimir-putin"]
    for c in putin:
        words = c.text[:40].replace("&", "&amp;").replace("'", "&#39;").replace('"', "&#34;")
        if c.direct:
            assert words[:20] in quoted or words[:20] not in html, c.id
        else:
            assert words[:20] not in quoted, f"reported speech among the quotations: {c.id}"
            assert words[:20] in reported or words[:20] not in html, c.id
    assert any(not c.direct for c in putin) and "As reported (not verbatim)" in html
