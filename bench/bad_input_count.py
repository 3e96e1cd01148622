"""How many bad-config rows tests/test_bad_config.py tries, per category and in total.

Each refused row runs the real program with one bad input and expects its exact message
and nothing registered; "accepted" counts the rows just inside a bound that must pass,
and "keys" the settings the program reads (top-level keys and nested record fields).
Run: python bench/bad_input_count.py [--json]
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    from tests.test_bad_config import EVERY_KEY, counts

    figures = {**counts(), "keys": len(EVERY_KEY)}
    if args.json:
        print(json.dumps(figures))
        return
    for name, count in figures.items():
        print(f"{name:<14}{count:>5}")


if __name__ == "__main__":
    main()
