"""Shared fixtures.

``seeds_project`` builds the seeds site once per test session, exactly as ``dossier build`` does, in a
copy of the project (mkdocs.yml, dossier.yml, hand-written docs/, seeds/) under a temporary folder, so
tests never touch the working tree's docs/ or site/.

``SHARED`` is ``../shared`` beside the repository: it holds the gold corpora and large news corpora that
a user's clone does not have; tests needing it skip with a message saying so.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def needs_shared(*parts: str) -> Path:
    """The path under ../shared, or skip: such data is only beside the repository in CI."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs ../shared/{'/'.join(parts)} (research data beside the repository, not in a user's clone)")
    return path


def copy_project(dest: Path, *, seeds: bool = True) -> Path:
    """A minimal copy of the project to build in: config files, hand-written docs, optionally seeds."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "dossier.yml"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "overrides", dest / "overrides", dirs_exist_ok=True)  # theme overrides (custom_dir)
    docs = dest / "docs"
    docs.mkdir(exist_ok=True)
    from generator.pipeline import GENERATED

    for item in (ROOT / "docs").iterdir():
        if item.name in GENERATED:
            continue
        if item.is_dir():
            shutil.copytree(item, docs / item.name)
        else:
            shutil.copy2(item, docs / item.name)
    if seeds:
        shutil.copytree(ROOT / "seeds", dest / "seeds")
    else:
        (dest / "seeds").mkdir()
    return dest


@pytest.fixture(scope="session")
def seeds_project(tmp_path_factory) -> tuple[Path, object]:
    """(project folder, BuildReport) of a full build of the seeds: docs/, site/, PDFs."""
    from generator.pipeline import Paths, build

    root = copy_project(tmp_path_factory.mktemp("seeds-project"))
    report = build(Paths.at(root), site=True, pdf=True, log=lambda s: None)
    return root, report


@pytest.fixture(scope="session")
def seeds_site(seeds_project) -> Path:
    return seeds_project[0] / "site"


def run_cli(*args: str, cwd: Path | None = None):
    """``python -m generator ARGS`` in a subprocess, importable from any folder (as after `pip install -e .`)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd or ROOT, env=env)
