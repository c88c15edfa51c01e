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
