"""The sandbox's sentence for a user pool the engine refused to replace because it is
protected: the CLI's own words advise removing `protect` (and, for an adopted pool, the
import), which is the one way to lose its users. This names the pool, the properties that
differ (the engine lists them for an imported pool) and the settings that write them."""

from __future__ import annotations

import re

_REFUSED = re.compile(
    r'unable to replace resource "[^"]*\$aws:cognito/userPool:UserPool::([^"]+)"\s+'
    r"as it is currently marked for protection"
)
# For an imported resource the engine adds "<property>: {<old>} => {<new>}" per difference.
_DIFFERENCE = re.compile(r"(\w+): \{(.+?)\} => \{(.+?)\}(?=\s|;|$)")
# The pool properties that replace it, and what the stack writes them with.
SETTING_OF = {
    "name": "userPoolName",
    "usernameAttributes": "usernameAttributes",
    "usernameConfiguration": "usernameCaseSensitive",
    "aliasAttributes": "no setting (the component makes pools without alias attributes)",
}


def protected_pool_refusal(text: str, command: str, stack: str) -> str | None:
    """One sentence for the refusal in `text`, or None when there is none."""
    refused = _REFUSED.search(text)
    if refused is None:
        return None
    differences = [
        f"{prop} ({old} => {new}), written by {SETTING_OF[prop]}"
        for prop, old, new in _DIFFERENCE.findall(text[refused.end() :])
        if prop in SETTING_OF
    ]
    which = (
        "The settings differ from the pool in " + "; ".join(dict.fromkeys(differences))
        if differences
        else "A setting that replaces the pool changed (`pulumi preview --diff` names it)"
    )
    return (
        f"`pulumi {command}` of stack {stack} refused to replace the user pool "
        f"{refused[1]}, which would delete its users: it is marked for protection, so "
        f"nothing changed. {which}: write the setting as the pool has it, rather than "
        "removing the protection"
    )
