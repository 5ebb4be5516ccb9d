"""Run benchmarks on demand: ``python -m tests.bench [NAME [args...]]``.

Each module tests/bench/NAME.py has a ``main(argv)`` that prints its figures. With no
NAME, every benchmark runs with its defaults, one after the other.
"""

import importlib
import pkgutil
import sys
from pathlib import Path

HELPERS = {"load", "server"}


def available() -> list[str]:
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name not in HELPERS)


def main(argv: list[str]) -> int:
    names = available()
    if argv and argv[0] in {"-h", "--help"}:
        print(__doc__ + "\nBenchmarks: " + ", ".join(names))
        return 0
    if argv and argv[0] not in names:
        print(f"Unknown benchmark {argv[0]!r}. Benchmarks: {', '.join(names)}")
        return 2
    selected = [(argv[0], argv[1:])] if argv else [(name, []) for name in names]
    for name, args in selected:
        print(f"===== bench: {name} =====", flush=True)
        importlib.import_module(f"tests.bench.{name}").main(args)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
