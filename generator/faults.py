"""Named points where the fault-injection tests (``tests/faults/``) stop a build to kill it.

:func:`checkpoint` does nothing unless ``DOSSIER_FAULT_AT`` names the point: then it creates the file
``DOSSIER_FAULT_MARKER`` (which the test polls for, so no test depends on how fast the machine is) and
waits to be killed. Points: ``pdf`` (the first PDF written into the staging folder), ``swap`` (before
the new site is swapped in), ``between-renames`` (the fallback swap's gap, see ``publish.py``),
``locked`` (the build lock is held).
"""

from __future__ import annotations

import os
import time


def checkpoint(name: str) -> None:
    if os.environ.get("DOSSIER_FAULT_AT") != name:
        return
    marker = os.environ.get("DOSSIER_FAULT_MARKER")
    if marker:
        with open(marker, "w") as fh:
            fh.write(str(os.getpid()))
    deadline = time.monotonic() + float(os.environ.get("DOSSIER_FAULT_WAIT", "600"))
    while time.monotonic() < deadline:  # killed here by the test; gives up after the wait
        time.sleep(0.05)
