"""The code base stays clean and small: ruff (pyflakes + bugbear, configured in pyproject.toml) finds
nothing, no module is over 800 lines and no function over 100 (ARCHITECTURE.md, "Where rules live")."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_MODULE_LINES = 800
MAX_FUNCTION_LINES = 100


def _ruff() -> str | None:
    beside = Path(sys.executable).parent / "ruff"
    return str(beside) if beside.exists() else shutil.which("ruff")


def test_ruff_is_clean():
    ruff = _ruff()
    if ruff is None:
        pytest.skip("ruff is not installed (it is pinned in requirements/dev.txt; `make test` installs it)")
    proc = subprocess.run([ruff, "check", "--no-cache", "generator", "tests", "bench"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _modules():
    return sorted((ROOT / "generator").rglob("*.py"))


def test_no_module_is_a_giant():
    big = {str(p.relative_to(ROOT)): n for p in _modules() if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES}
    assert not big, f"modules over {MAX_MODULE_LINES} lines: {big}"


def test_no_function_is_a_giant():
    big = {}
    for p in _modules():
        for node in ast.walk(ast.parse(p.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                if n > MAX_FUNCTION_LINES:
                    big[f"{p.relative_to(ROOT)}:{node.lineno} {node.name}"] = n
    assert not big, f"functions over {MAX_FUNCTION_LINES} lines: {big}"


# The stages in order (ARCHITECTURE.md, "The pipeline"): a module may import only from a lower rank,
# so no stage reaches into a later one and render and pdf never import each other.
RANK = {
    "model": 0, "isodate": 0, "urls": 0, "errors": 0, "faults": 0, "cachedir": 0, "schema": 1, "serialize": 1,
    "lock": 1, "ingest": 1, "extract": 2, "config": 2, "cache": 3, "resolve": 4, "changes": 5, "views": 6,
    "render": 7, "pdf": 7, "exporting": 7, "write": 8, "site": 8, "publish": 9, "pipeline": 10, "shard": 11,
    "cli": 12, "__main__": 13, "(root)": 13,
}


def _stage_imports():
    edges = set()
    for p in _modules():
        parts = list(p.relative_to(ROOT).with_suffix("").parts)
        here = parts if p.name != "__init__.py" else parts[:-1] + ["__init__"]
        stage = parts[1] if len(parts) > 1 and parts[1] != "__init__" else "(root)"
        for node in ast.walk(ast.parse(p.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = here[:-node.level]
                targets = [base + node.module.split(".")] if node.module else [base + [a.name] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator."):
                targets = [node.module.split(".")]
            else:
                continue
            for t in targets:
                other = t[1] if len(t) > 1 else "(root)"
                if other != stage:
                    edges.add((stage, other, str(p.relative_to(ROOT))))
    return edges


def test_imports_go_one_way():
    edges = _stage_imports()
    unknown = sorted({s for e in edges for s in e[:2] if s not in RANK})
    assert not unknown, f"new stage(s) {unknown}: give them a rank in tests/test_lint.py RANK (and ARCHITECTURE.md)"
    wrong = sorted(f"{f}: {a} imports {b}" for a, b, f in edges if RANK[a] <= RANK[b])
    assert not wrong, "imports against the stage order:\n" + "\n".join(wrong)
