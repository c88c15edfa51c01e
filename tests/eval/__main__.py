"""All evaluations: ``python -m tests.eval`` (seeds gold, synthesis gold dev + test, PolNeAR attribution,
TempEval-3 dates).

The synthesis gold, PolNeAR and TempEval need ../shared beside the repository; without it those rows say so.
"""

from __future__ import annotations

import sys


def main() -> int:
    from . import seeds

    print("== seeds gold (tests/eval/seeds_gold.yml)")
    seeds.main()
    for name in ("synth", "polnear", "tempeval"):
        print(f"\n== {name}")
        try:
            mod = __import__(f"tests.eval.{name}", fromlist=["main"])
            rc = mod.main([]) if hasattr(mod, "main") else 0
        except SystemExit as exc:  # the scripts exit when ../shared is missing
            rc = exc.code
        except FileNotFoundError as exc:
            print(f"skipped: {exc} (needs ../shared/eval)")
            rc = 0
        if rc:
            return int(rc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
