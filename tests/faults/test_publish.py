"""Fault injection, publishing: builds killed (SIGKILL, by process id) at the PDF phase, before the swap
and between the fallback swap's two renames; two builds at once; a read-only or full PDF cache; corrupt
PDF cache entries; umask 077; leftovers of killed builds. After each, ``site/`` is the previous site
intact or the new one complete, never a mix.

Kill tests never sleep for a guessed time: the build stops at a named point (``generator/faults.py``),
writes a marker file, and the test kills it once the marker exists."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, copy_project

WAIT = 900  # seconds a build may take on a loaded machine before a test gives up


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])), **extra}


def _build(root: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), *args], capture_output=True,
                          text=True, cwd=root, env=_env(**env), timeout=WAIT)


def _start(root: Path, *args: str, log: Path, **env: str) -> subprocess.Popen:
    fh = open(log, "w")  # noqa: SIM115 - closed by the child's exit; read back by the test
    return subprocess.Popen([sys.executable, "-m", "generator", "build", "--root", str(root), *args], stdout=fh,
                            stderr=subprocess.STDOUT, cwd=root, env=_env(**env))


def _wait_for(pred, proc: subprocess.Popen | None = None, what: str = "") -> None:
    deadline = time.monotonic() + WAIT
    while not pred():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"the build ended (status {proc.returncode}) before {what}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _kill_at(root: Path, point: str, tmp: Path, *args: str, **env: str) -> None:
    """Run a build until it reaches ``point``, then SIGKILL it by its pid."""
    marker = tmp / f"at-{point}"
    proc = _start(root, *args, log=tmp / f"log-{point}", DOSSIER_FAULT_AT=point, DOSSIER_FAULT_MARKER=str(marker), **env)
    try:
        _wait_for(marker.exists, proc, f"the build reached {point!r}")
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=60) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_complete(site: Path, pdfs: int) -> None:
    """A whole site: its pages, dossier.json and every PDF the pages link to."""
    assert (site / "index.html").is_file() and (site / "dossier.json").is_file() and (site / "report.html").is_file()
    found = sorted(site.rglob("*.pdf"))
    assert len(found) == pdfs, len(found)
    for pdf in found:
        data = pdf.read_bytes()
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), pdf
    for page in site.rglob("*.html"):
        for href in re.findall(r'href="([^"#?]+\.pdf)"', page.read_text(encoding="utf-8")):
            assert (page.parent / href).resolve().is_file(), (page, href)


def retitle(root: Path, title: str) -> None:
    text = (root / "dossier.yml").read_text(encoding="utf-8")
    (root / "dossier.yml").write_text(re.sub(r"(?m)^(\s+title:).*$", rf"\1 {title}", text, count=1), encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, int]:
    """Two of the seeds built once with PDFs (extraction and PDF caches warm); tests work on copies."""
    root = copy_project(tmp_path_factory.mktemp("built"), seeds=False)
    for seed in sorted((ROOT / "seeds").glob("*.txt"))[:2]:
        shutil.copy2(seed, root / "seeds" / seed.name)
    proc = _build(root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return root, len(list((root / "site").rglob("*.pdf")))


@pytest.fixture
def project(built, tmp_path) -> tuple[Path, int, dict[str, str]]:
    root = tmp_path / "p"
    shutil.copytree(built[0], root, symlinks=True)
    return root, built[1], tree(root / "site")


def _leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".site-"))


@pytest.mark.parametrize("point", ["pdf", "swap"])
def test_kill_before_the_swap_keeps_the_previous_site(project, tmp_path, point):
    root, pdfs, before = project
    retitle(root, f"Killed at {point}")  # every page and PDF of the new build differs
    _kill_at(root, point, tmp_path)
    assert tree(root / "site") == before  # the previous site, every file as it was
    assert _leftovers(root), "the killed build's staging folder should be there to clean"
    proc = _build(root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "left by an interrupted build" in proc.stderr
    assert not _leftovers(root)
    assert_complete(root / "site", pdfs)
    assert f"Killed at {point}" in (root / "site" / "index.html").read_text(encoding="utf-8")


def test_kill_between_the_two_renames_is_recovered(project, tmp_path):
    """The fallback swap (no renameat2) has a gap with no site/; the next build puts the old one back first."""
    root, pdfs, before = project
    retitle(root, "Killed between renames")
    _kill_at(root, "between-renames", tmp_path, "--no-pdf", DOSSIER_SWAP="rename")
    assert not (root / "site").exists()
    old = [p for p in root.iterdir() if p.name.startswith(".site-old-")]
    assert len(old) == 1 and tree(old[0]) == before
    proc = subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(root), "--no-site"], capture_output=True,
                          text=True, cwd=root, env=_env(), timeout=WAIT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "restored site/ from .site-old-" in proc.stderr
    assert tree(root / "site") == before and not _leftovers(root)


def test_fallback_swap_publishes_a_complete_site(project):
    root, pdfs, before = project
    retitle(root, "Two renames")
    proc = _build(root, DOSSIER_SWAP="rename")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert_complete(root / "site", pdfs)
    assert "Two renames" in (root / "site" / "index.html").read_text(encoding="utf-8") and tree(root / "site") != before
    assert not _leftovers(root)


def test_two_builds_at_once(project, tmp_path):
    """A second build waits (saying for which pid) or, with --no-wait, exits 1 at once; never a traceback."""
    root, pdfs, _ = project
    marker = tmp_path / "locked"
    first = _start(root, log=tmp_path / "first.log", DOSSIER_FAULT_AT="locked", DOSSIER_FAULT_MARKER=str(marker))
    waiting = None
    try:
        _wait_for(marker.exists, first, "the first build held the lock")
        proc = _build(root, "--no-wait")
        assert proc.returncode == 1, proc.stderr
        assert f"another build (pid {first.pid}) is running in this project" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr
        log = tmp_path / "second.log"
        waiting = _start(root, log=log)
        _wait_for(lambda: f"waiting for another build (pid {first.pid}) to finish" in log.read_text(), waiting,
                  "the second build said it waits")
        assert waiting.poll() is None
        os.kill(first.pid, signal.SIGKILL)  # the kernel releases its lock
        assert waiting.wait(timeout=WAIT) == 0, log.read_text()[-3000:]
    finally:
        for p in (first, waiting):
            if p is not None and p.poll() is None:
                p.kill()
    assert_complete(root / "site", pdfs)
    assert "Traceback" not in (tmp_path / "second.log").read_text()


def test_truncated_pdf_cache_entries_are_rebuilt(project):
    root, pdfs, before = project
    entries = sorted((root / ".dossier-cache" / "pdf").glob("*.pdf"))
    assert len(entries) == pdfs
    for i, e in enumerate(entries):
        data = e.read_bytes()
        e.write_bytes(data[: len(data) // 2] if i % 2 else data[:-1] + b"X")  # truncated / last byte changed
    proc = _build(root)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.count("rejected") == pdfs, proc.stdout
    assert tree(root / "site") == before  # the same PDFs, rendered again (byte-identical output)
    assert len(list((root / ".dossier-cache" / "pdf").glob("*.pdf"))) == pdfs


def _mount_tmpfs(where: Path, *options: str) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs (read-only / full file system)")
    where.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", ",".join(("size=64k", *options)), "tmpfs", str(where)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {proc.stderr.strip()}")


@pytest.mark.parametrize("fault", ["read-only", "full"])
def test_pdf_cache_that_cannot_be_written(project, fault):
    root, pdfs, _ = project
    cache = root / ".dossier-cache" / "pdf"
    shutil.rmtree(cache)
    _mount_tmpfs(cache, "ro" if fault == "read-only" else "rw")
    try:
        if fault == "full":
            with open(cache / "filler", "wb") as fh:
                try:
                    fh.write(b"\0" * (1 << 20))
                except OSError:
                    pass
        proc = _build(root)
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert "PDF cache not written" in proc.stdout, proc.stdout
        assert_complete(root / "site", pdfs)
    finally:
        subprocess.run(["umount", str(cache)], check=False)


def test_docs_on_its_own_file_system(project):
    root, pdfs, _ = project
    docs = root / "docs"
    saved = root.parent / "docs-saved"
    shutil.copytree(docs, saved)
    shutil.rmtree(docs)
    _mount_tmpfs(docs, "rw", "size=64m")
    try:
        shutil.copytree(saved, docs, dirs_exist_ok=True)
        retitle(root, "Docs mounted")
        proc = _build(root, "--no-pdf")
        assert proc.returncode == 0, proc.stderr[-3000:]
        assert "Docs mounted" in (root / "site" / "index.html").read_text(encoding="utf-8")
    finally:
        subprocess.run(["umount", str(docs)], check=False)


def test_published_files_are_readable_by_others_whatever_the_umask(project):
    root, pdfs, _ = project
    proc = subprocess.run(f"umask 077 && exec {sys.executable} -m generator build --root {root}", shell=True,
                          capture_output=True, text=True, cwd=root, env=_env(), timeout=WAIT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    site = root / "site"
    modes = {oct(p.stat().st_mode & 0o777) for p in [site, *site.rglob("*")] if p.is_dir()}
    assert modes == {"0o755"}, modes
    modes = {oct(p.stat().st_mode & 0o777) for p in site.rglob("*") if p.is_file()}
    assert modes == {"0o644"}, modes


def test_leftovers_of_killed_builds_are_cleaned(project):
    root, pdfs, before = project
    for name in (".site-stage-abc", ".site-tmp-def", ".site-old-ghi"):
        (root / name / "x").mkdir(parents=True)
    (root / "docs" / ".staging-jkl").mkdir()
    proc = _build(root, "--no-pdf")
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert not _leftovers(root) and not list((root / "docs").glob(".staging-*"))
    assert (root / "site" / "index.html").is_file()
