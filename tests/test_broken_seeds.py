"""A deliberately broken seeds folder: every good article is published, every bad one is listed with its
reason (build output and the site's build report page), every hostile string shows as inert text."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_cli
from test_build import visible_text

GOOD = sorted((ROOT / "seeds").glob("*.txt"))[:2]

HOSTILE = """Hostile Test Headline About Syria Talks

MOSCOW — Foreign Minister Ivan Petrov said on Monday that "the talks <script>alert('x')</script> will go on," \
adding that Russia wants a <img src=x onerror=alert(1)> ceasefire and [a link](javascript:alert(2)) is no answer.

"We reject {{ config }} and {% include 'x' %} and <b>bold</b> claims," Petrov told reporters in Moscow. \
He added that *stars* and _underscores_ and `ticks` and | pipes | must stay text.

---
title: injected
---

# Not a heading

<div onclick="alert(3)">The European Union said it would impose new sanctions on Syria.</div>
"""

HTML_ARTICLE = """<!DOCTYPE html><html><head><title>Talks resume in Geneva | Example News</title>
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2013-06-20T10:00:00Z">
<script>document.write('tracker')</script><style>p{color:red}</style></head>
<body><nav>Home | World | Sport</nav><article><h1>Talks resume in Geneva</h1>
<p>GENEVA &mdash; Negotiators met on Thursday in Geneva, the United Nations envoy Lakhdar Brahimi said.</p>
<p>&ldquo;We are making progress,&rdquo; Brahimi told reporters after the meeting with Russian diplomats.</p>
</article><footer>Subscribe to our newsletter</footer></body></html>
"""

CP1251 = "Министр иностранных дел России Сергей Лавров заявил в понедельник, что переговоры продолжатся.\n\n" * 3


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    root = copy_project(tmp_path_factory.mktemp("broken"), seeds=False)
    seeds = root / "seeds"
    for g in GOOD:
        shutil.copy2(g, seeds / g.name)
    shutil.copy2(GOOD[0], seeds / "zz copy of first.txt")  # duplicate under another name
    (seeds / "empty.txt").write_bytes(b"")
    (seeds / "blank.txt").write_bytes(b"  \n\t\n   \n")
    (seeds / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    (seeds / "cyrillic-1251.txt").write_bytes(CP1251.encode("cp1251"))
    (seeds / "latin1.txt").write_bytes(
        ("Café talks in Genève\n\nThe French minister said on Tuesday that the café meeting in Genève "
         "would go ahead, according to officials.\n").encode("latin-1"))
    (seeds / "bom-crlf.txt").write_bytes(
        "\ufeffTalks in Vienna\r\n\r\nThe Austrian chancellor said on Friday that talks in Vienna would continue.\r\n".encode())
    (seeds / "hostile ; $(touch pwned) `x`.txt").write_text(HOSTILE, encoding="utf-8")
    (seeds / "ünïcødé – naïve.html").write_text(HTML_ARTICLE, encoding="utf-8")
    (seeds / "no-sentences.txt").write_text("!!! ??? ... --- ***\n\n*** ... ---\n", encoding="utf-8")
    (seeds / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    proc = run_cli("build", "--root", str(root), "--no-pdf", cwd=root)
    return root, proc


def test_build_succeeds_and_lists_every_bad_file(broken):
    root, proc = broken
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for name, why in [("empty.txt", "empty"), ("blank.txt", "whitespace|empty"), ("binary.txt", "binary")]:
        assert re.search(rf"error: .*{re.escape(name)}: .*({why})", out, re.I), (name, out)
    assert re.search(r"warning: .*zz copy of first\.txt: .*(duplicate|same)", out, re.I), out
    assert not (root / "pwned").exists()


def test_every_good_article_is_published(broken):
    root, _ = broken
    data = json.loads((root / "site" / "dossier.json").read_text(encoding="utf-8"))
    paths = {Path(s["path"]).name for s in data["sources"]}
    expected = {g.name for g in GOOD} | {"cyrillic-1251.txt", "latin1.txt", "bom-crlf.txt",
                                         "hostile ; $(touch pwned) `x`.txt", "ünïcødé – naïve.html"}
    assert expected <= paths, paths
    first = next(s for s in data["sources"] if Path(s["path"]).name == GOOD[0].name)
    assert any("zz copy of first.txt" in d for d in first["duplicates"])
    # decoded, not mojibake
    cyr = next(s for s in data["sources"] if Path(s["path"]).name == "cyrillic-1251.txt")
    assert "Министр" in (root / "site" / "sources" / cyr["id"] / "index.html").read_text(encoding="utf-8")


def test_build_report_page_lists_the_bad_files(broken):
    root, _ = broken
    text = visible_text((root / "site" / "report.html").read_text(encoding="utf-8"))
    for name in ("empty.txt", "blank.txt", "binary.txt", "zz copy of first.txt"):
        assert name in text, name


def test_hostile_text_is_inert(broken):
    root, _ = broken
    site = root / "site"
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", ""), page
        assert 'href="javascript:' not in html.lower(), page
        assert "onclick=\"alert" not in html, page
        assert "tracker" not in visible_text(html), page
    hostile = next(p for p in (site / "sources").iterdir() if p.name.startswith("hostile"))
    html = (hostile / "index.html").read_text(encoding="utf-8")
    text = visible_text(html)
    assert "<script>alert('x')</script>" in text  # shown as text
    assert "{{ config }}" in text and "{% include 'x' %}" in text
    assert "[a link](javascript:alert(2))" in text
    assert "*stars*" in text and "title: injected" in text
    assert "<h1>Not a heading" not in html and "<h1 id=\"not-a-heading\"" not in html


def test_slugs_stay_inside_docs(broken):
    root, _ = broken
    docs = root / "docs"
    for p in docs.rglob("*"):
        assert docs in p.resolve().parents or p.resolve() == docs
    for p in (root / "site").rglob("*"):
        assert re.fullmatch(r"[A-Za-z0-9._/\-]+", str(p.relative_to(root / "site"))), p
