"""How the sandbox turns the CLI's output into its one-sentence error, on the CLI's own texts
(the end-to-end tests see them live: tests/e2e/test_guards_e2e.py, test_faults.py)."""

import subprocess

from sandbox.engine import _cli_failure, _command_error


class _CommandError(Exception):
    def __init__(self, stderr: str):
        super().__init__(stderr)
        self.stderr = stderr


def test_a_programs_error_is_said_once():
    # The inline path hands the program's error back; the CLI repeats it as "unhandled".
    text = (
        "stderr: error: invalid settings:\n"
        "      - cognito-auth:passwordMinimumLength is 5; it must be a whole number from 6 to 99\n"
        "\n"
        "    error: an unhandled error occurred: invalid settings:\n"
        "      - cognito-auth:passwordMinimumLength is 5; it must be a whole number from 6 to 99\n"
    )
    assert _command_error("up", "dev", _CommandError(text)) == (
        "`pulumi up` of stack dev failed: error: invalid settings: - cognito-auth:"
        "passwordMinimumLength is 5; it must be a whole number from 6 to 99"
    )


def test_an_update_holding_the_lock_is_named_by_its_pid():
    text = (
        "stderr: error: the stack is currently locked by 1 lock(s). Either wait for the other "
        "process(es) to end or delete the lock file with `pulumi cancel`.\n"
        "  file:///s/.pulumi/locks/cognito-auth/dev/e1.json?no_tmp_dir=true: created by "
        "root@vm (pid 1862) at 2026-12-02T03:10:15Z\n"
    )
    assert _command_error("up", "dev", _CommandError(text)) == (
        "another update of stack dev is running (pid 1862, since 2026-12-02T03:10:15Z): wait "
        "for it to finish; the sandbox never runs two at once"
    )


def test_a_cli_error_keeps_the_lines_that_continue_it():
    result = subprocess.CompletedProcess(
        ["pulumi"], 1, "",
        "error: could not read stack configuration for new stack: invalid YAML file: could not\n"
        "unmarshal map: yaml: unmarshal errors:\n  line 2: cannot unmarshal !!seq into map\n",
    )  # fmt: skip
    assert _cli_failure(("stack", "init"), result, "bad") == (
        "`pulumi stack init` of stack bad failed (exit 1): error: could not read stack "
        "configuration for new stack: invalid YAML file: could not unmarshal map: yaml: "
        "unmarshal errors: line 2: cannot unmarshal !!seq into map"
    )


# What CLI 3.274.1 prints when an adopted pool differs in a property that replaces it.
IMPORTED = (
    'stderr: error: unable to replace resource "urn:pulumi:adopt::cognito-auth::cognito-auth:'
    'index:CognitoAuth$aws:cognito/userPool:UserPool::auth-user-pool"\n'
    "    as it is currently marked for protection. To unprotect the resource, remove the "
    "`protect` flag from the resource in your Pulumi program and run `pulumi up`\n"
    "    warning: previously-imported resources that still specify an ID may not be "
    "replaced; please remove the `import` declaration from your program;\n"
    "    usernameConfiguration: {map[caseSensitive:{false}]} => {<nil>}\n"
    "error: preview failed\n"
)


def test_a_protected_pool_refusal_names_the_difference_and_its_setting():
    assert _command_error("up", "adopt", _CommandError(IMPORTED)) == (
        "`pulumi up` of stack adopt refused to replace the user pool auth-user-pool, which "
        "would delete its users: it is marked for protection, so nothing changed. The "
        "settings differ from the pool in usernameConfiguration (map[caseSensitive:{false}] "
        "=> <nil>), written by usernameCaseSensitive: write the setting as the pool has it, "
        "rather than removing the protection"
    )


def test_a_protected_pool_refusal_without_the_difference_points_at_the_diff():
    text = IMPORTED.split("    warning:")[0]
    assert _command_error("up", "prod", _CommandError(text)).endswith(
        "nothing changed. A setting that replaces the pool changed (`pulumi preview --diff` "
        "names it): write the setting as the pool has it, rather than removing the protection"
    )
