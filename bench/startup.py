"""Start-up figures, each a median over fresh interpreters (the machines are noisy).

  handler   import + first invocation of the PreSignUp handler, minus a bare `python -c pass`
  zip       size of the handler's code archive, deflated as the Lambda upload is
  program   the whole program evaluated under mocks, against a process that only imports
            pulumi and touches the same pulumi_aws classes (the floor any program pays)

Targets: handler overhead < 5 ms, zip < 4 KB, program <= 1.5x the bare imports.
Run: python bench/startup.py [--runs N] [--json]
"""

import argparse
import io
import json
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = "pass"
HANDLER = """
import sys; sys.path.insert(0, 'functions')
import pre_sign_up
pre_sign_up.handler({'triggerSource': 'PreSignUp_SignUp', 'userPoolId': 'p',
    'request': {'userAttributes': {'email': 'a@example.com'}}, 'response': {}})
"""
PROGRAM = """
from offline import run_program
from tests.fake_aws import FakeAws
run_program(FakeAws(), 'dev')
"""
IMPORTS_ONLY = """
import pulumi
import pulumi_aws as aws
for cls in (aws.iam.Role, aws.iam.RolePolicy, aws.cloudwatch.LogGroup, aws.lambda_.Function,
            aws.lambda_.Permission, aws.cognito.UserPool, aws.cognito.UserPoolClient,
            aws.get_caller_identity_output, aws.get_region_output, aws.get_partition_output):
    cls.__name__
"""


def _time(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL, env={"PYTHONDONTWRITEBYTECODE": "1"})  # fmt: skip
    return time.perf_counter() - start


def medians(snippets: dict[str, str], runs: int) -> dict[str, float]:
    samples: dict[str, list[float]] = {name: [] for name in snippets}
    for code in snippets.values():
        _time(code)  # warm the OS file cache and .pyc files once
    for _ in range(runs):
        # Interleaved, so a burst of noise hits every snippet alike.
        for name, code in snippets.items():
            samples[name].append(_time(code))
    return {name: statistics.median(values) * 1000 for name, values in samples.items()}


def handler_zip_size() -> int:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(ROOT / "functions" / "pre_sign_up.py", "pre_sign_up.py")
    return len(buffer.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    options = parser.parse_args()

    ms = medians({"bare": BARE, "handler": HANDLER, "program": PROGRAM,
                  "imports": IMPORTS_ONLY}, options.runs)  # fmt: skip
    result = {
        "runs": options.runs,
        "python": sys.version.split()[0],
        "bare_interpreter_ms": round(ms["bare"], 1),
        "handler_ms": round(ms["handler"], 1),
        "handler_overhead_ms": round(ms["handler"] - ms["bare"], 1),
        "handler_zip_bytes": handler_zip_size(),
        "program_under_mocks_ms": round(ms["program"], 1),
        "bare_imports_ms": round(ms["imports"], 1),
        "program_to_imports_ratio": round(ms["program"] / ms["imports"], 2),
    }
    result["targets_met"] = {
        "handler_overhead_under_5ms": result["handler_overhead_ms"] < 5,
        "zip_under_4kb": result["handler_zip_bytes"] < 4096,
        "program_within_1_5x_imports": result["program_to_imports_ratio"] <= 1.5,
    }
    if options.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:28} {value}")
    return 0 if all(result["targets_met"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
