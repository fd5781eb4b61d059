"""Run every benchmark and print its figures: `python -m benchmarks [name …]`."""

import sys

from benchmarks import ingest

SUITES = {"ingest": ingest.main}


def main(argv: list[str]) -> int:
    names = argv or list(SUITES)
    for name in names:
        if name not in SUITES:
            print(f"unknown benchmark '{name}'; choose from {', '.join(SUITES)}")
            return 2
        print(f"== {name} ==", flush=True)
        SUITES[name]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
