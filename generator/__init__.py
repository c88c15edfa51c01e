"""dossier: news articles in, cross-linked briefing site and PDF briefings out.

Public API: ``build(paths) -> BuildReport`` and ``Paths`` (see generator.pipeline); the CLI in
generator.cli is a thin layer over it.
"""

from .pipeline import BuildReport, Paths, build

__all__ = ["build", "BuildReport", "Paths"]
