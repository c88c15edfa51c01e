"""Exports and citation: the CSV tables re-read against dossier.json, the Data page links every file,
citations name speaker, outlet, title, date and URL, Wikidata ids and article URLs are links."""

from __future__ import annotations

import csv
import io
import json

from generator.render.csvs import COLUMNS, SEP


def _rows(root, name):
    return list(csv.DictReader(io.StringIO((root / "site" / "data" / f"{name}.csv").read_text(encoding="utf-8"))))


def test_csv_round_trip_against_dossier_json(seeds_project):
    root, _ = seeds_project
    data = json.loads((root / "site" / "dossier.json").read_text(encoding="utf-8"))
    for name, cols in COLUMNS.items():
        rows = _rows(root, name)
        assert rows and list(rows[0]) == [c for c, _ in cols], name
    claims = {c["id"]: c for c in data["claims"]}
    rows = _rows(root, "claims")
    assert {r["id"] for r in rows} == set(claims)  # every claim, once
    for r in rows:
        c = claims[r["id"]]
        assert r["text"] == c["text"] and r["cue"] == c["cue"]
        assert r["direct"] == ("true" if c["direct"] else "false")
        assert (r["date"] or None) == c["date"]
        assert r["source"] == c["ref"]["source"] and int(r["sentence"]) == c["ref"]["sentence"]
        assert set(r["sources"].split(SEP)) == set(c["sources"]) | {c["source"]}
        assert (root / "site" / r["page"] / "index.html").is_file()
    events = {e["id"]: e for e in data["events"]}
    for r in _rows(root, "events"):
        assert r["title"] == events[r["id"]]["title"] and (r["date"] or None) == events[r["id"]]["date"]
    sources = {s["id"]: s for s in data["sources"]}
    for r in _rows(root, "sources"):
        assert r["sha256"] == sources[r["id"]]["content_hash"] and (r["url"] or None) == sources[r["id"]]["url"]
    actors = {a["id"]: a for a in data["actors"]}
    for r in _rows(root, "actors"):
        assert r["name"] == actors[r["id"]]["name"] and (r["wikidata"] or None) == actors[r["id"]]["wikidata"]
    positions = _rows(root, "positions")
    assert {(p["question"], p["holder"], p["stance"]) for p in positions} >= {
        ("Should Bashar al-Assad leave power?", "vladimir-putin", "against"),
        ("Should Bashar al-Assad leave power?", "united-kingdom", "for"),
    }


def test_data_page_links_every_export_and_schema(seeds_project):
    root, _ = seeds_project
    page = (root / "site" / "data" / "index.html").read_text(encoding="utf-8")
    for f in ("../dossier.json", "../dossier.schema.json", *(f"{n}.csv" for n in COLUMNS)):
        assert f'href="{f}"' in page, f
    schema = json.loads((root / "site" / "dossier.schema.json").read_text(encoding="utf-8"))
    assert "questions" in schema["$defs"]["Dossier"]["properties"]
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="data/index.html"' in home


def test_citation_wikidata_and_permalinks(seeds_project):
    root, _ = seeds_project
    claim = (root / "site" / "claims" / "vladimir-putin-syrian-president-bashar-assad-to-leave" / "index.html").read_text(encoding="utf-8")
    cite = claim.split('class="dossier-cite__text">', 1)[1].split("</p>", 1)[0]
    for part in ("Vladimir Putin", "17 June 2013", "has not urged", "Syrian President Bashar Assad to leave power",
                 "US-Russia positions on Syria don’t coincide", "claims/vladimir-putin-syrian-president-bashar-assad-to-leave/"):
        assert part in cite, part
    assert 'class="headerlink"' in claim  # permalinks on headings
    putin = (root / "site" / "actors" / "vladimir-putin" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://www.wikidata.org/wiki/Q7747"' in putin
    source = (root / "site" / "sources" / "004-ef1a346737207dae" / "index.html").read_text(encoding="utf-8")
    assert "RT, “Russia, UK both interested in ending Syrian violence – Putin”, 10 May 2013." in source


def test_citation_uses_site_url_and_article_url(tmp_path):
    from fixtures_dossier import build

    from generator.render import render

    dossier, articles, extractions = build()
    pages = render(dossier, articles, extractions, site_title="T", built_at=None, site_url="https://briefing.example/")
    with_url = next(s for s in dossier.sources if s.url)
    page = pages[f"sources/{with_url.id}/index.md"]
    assert f"T: https://briefing.example/sources/{with_url.id}/" in page
    assert with_url.url.replace("&", "&amp;") in page
