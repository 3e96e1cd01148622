"""`pulumi up` of each example in another language, into the sandbox, quoted in the README.

    python bench/languages.py [--runs 3]

Each run is a fresh stack of the example (`pulumi package add`, stack made, then `pulumi up
--yes` timed from outside as a shell would: the CLI, the language host, the component
package's provider and the aws provider all started anew), destroyed afterwards. The
language hosts are built first (`make languages`), so no run includes a build.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sandbox import Sandbox  # noqa: E402
from sandbox.examples import example_stack  # noqa: E402
from sandbox.language_hosts import HOSTS  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    sandbox = Sandbox(log=lambda message: print(message, file=sys.stderr))
    for language in HOSTS:
        times = []
        for run in range(options.runs):
            stack = example_stack(sandbox, language, f"bench-{language}-{run}")
            stack.prepare({"protect": False, "autoConfirmUsers": True})
            try:
                times.append(stack.up())
            finally:
                stack.forget()
            print(f"examples/{language} run {run + 1}: pulumi up {times[-1]:.1f} s", flush=True)
        print(f"examples/{language}: median pulumi up {statistics.median(times):.1f} s "
              f"over {len(times)} runs ({', '.join(f'{t:.1f}' for t in times)})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
