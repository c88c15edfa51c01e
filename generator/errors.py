"""The few exception types of the tool. Each names the file it is about and says why, in words a
user can act on; the command line prints ``error: <path>: <reason>`` and nothing else.

Only conditions a user can fix are exceptions here: a programming error stays a plain Python error.
"""

from __future__ import annotations

from collections.abc import Iterable


class DossierError(Exception):
    """Base class: something about ``path`` stops the tool; ``reason`` says what."""

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class IngestError(DossierError):
    """An article file that cannot be used (unreadable, empty, binary, too large, no text left).

    ``read_corpus`` turns it into a ``Problem`` and goes on with the other files.
    """


class CurationError(DossierError):
    """The curation file (``dossier.yml``) is invalid. Carries *every* problem found, not the first:
    ``errors`` is a list of ``(file, line, key, message)``; ``line`` is 1-based, 0 when unknown."""

    def __init__(self, path: object, errors: Iterable[tuple[str, int, str, str]]) -> None:
        self.errors = list(errors)
        n = len(self.errors)
        super().__init__(path, f"{n} problem{'s' if n != 1 else ''} in the curation file")

    def __str__(self) -> str:
        lines = [f"{self.path}: {self.reason}:"]
        lines += [f"  {file}:{line}: {key or '(top)'}: {msg}" for file, line, key, msg in self.errors]
        return "\n".join(lines)


# The most of a value a message quotes: a hostile file must not turn the build report into a copy of itself.
QUOTE_CHARS = 80


def quote(value: object, limit: int = QUOTE_CHARS) -> str:
    """``repr(value)``, cut to about ``limit`` characters with the full length said: the form every
    message uses to show a value it refuses."""
    text = repr(value)
    if len(text) <= limit:
        return text
    size = f"{len(value):,} characters" if isinstance(value, str) else type(value).__name__
    return f"{text[:limit]}… ({size})"
