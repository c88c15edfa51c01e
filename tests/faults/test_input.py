"""Fault injection, hostile input: the probes of issue 13 on what goes into a build (YAML bombs, links out
of seeds/, odd file names, bad URLs in pages). Each ends with exit 0 or a clear error naming the file,
every other article published, nothing from outside seeds/ in the site."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from test_build import visible_text

GOOD = sorted((ROOT / "seeds").glob("*.txt"))[:2]

# 282 bytes that construct 9**9 strings (a "billion laughs"): PyYAML's SafeLoader expands it without bound.
ALIAS_BOMB = "".join(
    f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9 if i else ['"lol"'] * 9) + "]\n" for i in range(9)
)
ODD_NAMES = {
    "undecodable": os.fsdecode(b"bad-\xff\xfe-name.txt"),
    "newline": "two\nlines.txt",
    "dash": "-rf --help.txt",
}
HTML_BAD_URL = """<!DOCTYPE html><html><head><title>Ceasefire holds in Homs</title>
<meta property="og:url" content="javascript:alert(document.cookie)">
<meta property="og:site_name" content="Example News"></head>
<body><article><h1>Ceasefire holds in Homs</h1>
<p>HOMS &mdash; A ceasefire held on Tuesday in Homs, the United Nations envoy Staffan de Mistura said.</p>
<p>&ldquo;The guns are silent,&rdquo; de Mistura told reporters after meeting Syrian officials.</p>
</article></body></html>
"""


def _limited(mb: int):
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (mb << 20, mb << 20))

    return limit


def _cli_limited(*args: str, cwd: Path, mb: int = 1024, timeout: int = 300):
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd, env=env,
                          preexec_fn=_limited(mb), timeout=timeout)


def test_alias_bomb_is_small():
    assert len(ALIAS_BOMB.encode()) < 400 and ALIAS_BOMB.count("*") == 72


@pytest.mark.parametrize("where", ["sidecar", "front matter", "dossier.yml"])
def test_alias_bomb_is_refused_within_memory(tmp_path, where):
    """`dossier check` under a 1 GB address-space limit: the bomb is refused at its first anchor."""
    root = copy_project(tmp_path, seeds=False)
    shutil.copy2(GOOD[0], root / "seeds" / GOOD[0].name)
    if where == "sidecar":
        (root / "seeds" / (GOOD[0].stem + ".yml")).write_text(ALIAS_BOMB)
    elif where == "front matter":
        (root / "seeds" / "bomb.md").write_text("---\n" + ALIAS_BOMB + "---\n\n" + GOOD[1].read_text())
    else:
        (root / "dossier.yml").write_text(ALIAS_BOMB)
    proc = _cli_limited("check", "--root", str(root), cwd=root, mb=1024, timeout=120)
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out and "MemoryError" not in out, out[-2000:]
    assert "anchors (&name) are not allowed" in out, out[-2000:]
    if where == "dossier.yml":
        assert proc.returncode == 1 and "dossier.yml:1:" in out.replace(str(root) + "/", ""), out
    else:
        assert proc.returncode == 0, out
        published = 2 if where == "front matter" else 1
        assert f"{published} articles can be published" in out, out
    assert len(out) < 4000


def test_deep_nesting_and_huge_values_are_refused_briefly(tmp_path):
    from generator.ingest.sidecar import load_yaml

    meta, probs = load_yaml("title: " + "[" * 20_000 + "]" * 20_000, "deep.yml")
    assert meta.title is None and probs == ["deep.yml, line 1: refused: nested more than 8 levels deep; ignored"]
    meta, probs = load_yaml("title: " + "x" * 9_000, "long.yml")
    assert meta.title is None and len(probs) == 1 and "at most 500 characters" in probs[0] and len(probs[0]) < 250, probs
    meta, probs = load_yaml("url: " + "y" * 60_000, "huge.yml")
    assert "a value of 60,000 characters (the limit is 10,000)" in probs[0] and len(probs[0]) < 200
    meta, probs = load_yaml("\n".join(f"line{i}: {i}" for i in range(200)), "lines.yml")
    assert len(probs) == 11 and probs[-1] == "lines.yml: 190 more problems not listed", probs[-3:]


def test_curation_values_are_quoted_short(tmp_path):
    from generator.config import load_curation
    from generator.errors import CurationError

    p = tmp_path / "dossier.yml"
    p.write_text("actors:\n  - name: X\n    kind: " + "z" * 5000 + "\n  - name: Y\n    wikidata: " + "q" * 9000 + "\n")
    with pytest.raises(CurationError) as err:
        load_curation(p)
    text = str(err.value)
    assert "5,000 characters" in text and "9,000 characters" in text and len(text) < 800, text


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """One build (no PDFs) of two good articles beside every hostile file of the issue."""
    root = copy_project(tmp_path_factory.mktemp("hostile"), seeds=False)
    seeds = root / "seeds"
    for g in GOOD:
        shutil.copy2(g, seeds / g.name)
    secret = root / "outside-secret.txt"
    secret.write_text("TOPSECRET-OUTSIDE: the minister said the plan was secret.\n\nroot:x:0:0:root:/root:/bin/bash\n")
    os.symlink("/etc/passwd", seeds / "passwd.txt")
    os.symlink(secret, seeds / "secret.txt")
    os.symlink(secret, seeds / (GOOD[0].stem + ".yml"))  # a sidecar linked to another file
    (seeds / (GOOD[1].stem + ".yml")).write_text(ALIAS_BOMB)
    os.mkfifo(seeds / "fifo.txt")
    for i, name in enumerate(ODD_NAMES.values()):
        text = GOOD[i % 2].read_text(encoding="utf-8")
        (seeds / name).write_text(f"Odd name article {i}\n\nThe mayor of Aleppo said on Friday that {i + 3} schools had reopened.\n\n"
                                  + text, encoding="utf-8")
    (seeds / "bad-url.html").write_text(HTML_BAD_URL, encoding="utf-8")
    proc = _cli_limited("build", "--root", str(root), "--no-pdf", cwd=root, mb=4096, timeout=1200)
    return root, proc


def test_hostile_build_succeeds_without_traceback(hostile):
    root, proc = hostile
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr[-3000:]
    out = proc.stdout
    assert "seeds/passwd.txt: ignored: a symbolic link" in out, out
    assert "seeds/secret.txt: ignored: a symbolic link" in out, out
    assert "seeds/fifo.txt: ignored: a named pipe" in out, out
    assert f"{GOOD[0].stem}.yml: sidecar not read: a symbolic link" in out, out
    assert f"{GOOD[1].stem}.yml, line 1: refused: anchors (&name) are not allowed here; ignored" in out, out
    assert "og:url/canonical link: expected an http(s) URL, got 'javascript:alert(document.cookie)'" in out, out


def test_nothing_from_outside_seeds_is_published(hostile):
    root, _ = hostile
    for p in (root / "site").rglob("*"):
        if p.is_file() and p.suffix in (".html", ".json", ".js", ".xml"):
            data = p.read_text(encoding="utf-8", errors="replace")
            assert "root:x:0:0" not in data and "TOPSECRET-OUTSIDE" not in data, p
            assert "lollollol" not in data, p


def test_odd_file_names_are_published_under_safe_slugs(hostile):
    root, _ = hostile
    data = json.loads((root / "site" / "dossier.json").read_text(encoding="utf-8"))
    by_path = {s["path"]: s for s in data["sources"]}
    assert {"seeds/bad-\\xff\\xfe-name.txt", "seeds/two\\nlines.txt", "seeds/-rf --help.txt"} <= set(by_path), sorted(by_path)
    for path in ("seeds/bad-\\xff\\xfe-name.txt", "seeds/two\\nlines.txt", "seeds/-rf --help.txt"):
        sid = by_path[path]["id"]
        assert sid[0].isalnum() and all(c.isalnum() or c == "-" for c in sid), sid
        page = root / "site" / "sources" / sid / "index.html"
        assert path.removeprefix("seeds/") in visible_text(page.read_text(encoding="utf-8")), sid
    assert by_path["seeds/bad-url.html"]["url"] is None
    report = visible_text((root / "site" / "report.html").read_text(encoding="utf-8"))
    assert "passwd.txt" in report and "symbolic link" in report


def test_unsafe_yaml_tags_never_run(tmp_path):
    from generator.config import load_curation
    from generator.errors import CurationError
    from generator.ingest.sidecar import load_yaml

    pwned = tmp_path / "pwned"
    bad = f'title: !!python/object/apply:os.system ["touch {pwned}"]\n'
    meta, probs = load_yaml(bad, "evil.yml")
    assert meta.title is None and len(probs) == 1 and "not valid YAML" in probs[0], probs
    (tmp_path / "dossier.yml").write_text("site:\n  " + bad)
    with pytest.raises(CurationError):
        load_curation(tmp_path / "dossier.yml")
    assert not pwned.exists()
