"""One `tags` map for every resource the component creates that AWS can tag.

Which types take tags is pulumi-aws's own answer: a resource class whose constructor takes
`tags`. `tagged` is how the component passes them (an empty map passes nothing, so a stack
without tags sees no change); `tests/test_tagging.py` registers every kind of stack under
mocks and fails for any registered resource of a taggable type that lacks the map, so a
resource added later (an identity pool, an alarm, a topic) cannot be missed.
"""

import functools
import importlib
import inspect
import unicodedata
from collections.abc import Mapping

from . import limits
from .rules import allowing, show, strings_to_strings

_KEY_LOW, _KEY_HIGH = limits.TAG_KEY_LENGTH
_ALLOWED = (
    f"a map of at most {limits.MAX_TAGS} tags: each key {_KEY_LOW} to {_KEY_HIGH} and each "
    f"value at most {limits.TAG_VALUE_MAX} letters, digits, spaces and "
    f"{' '.join(limits.TAG_PUNCTUATION)}, no key starting with {limits.RESERVED_TAG_PREFIX} "
    "(AWS reserves it) and no two keys differing only in case (IAM counts them as one)"
)


def _tag_text(text: str) -> bool:
    return all(
        unicodedata.category(c)[0] in limits.TAG_CHAR_CATEGORIES or c in limits.TAG_PUNCTUATION
        for c in text
    )


@allowing(_ALLOWED)
def tag_map(value):
    if not strings_to_strings(value):
        return "a map of names to strings"
    if len(value) > limits.MAX_TAGS:
        return f"{_ALLOWED}; it has {len(value)}"
    folded: dict[str, str] = {}
    for key, text in value.items():
        if not _KEY_LOW <= len(key) <= _KEY_HIGH or not _tag_text(key):
            return f"{_ALLOWED}; the key {show(key)} is not such a key"
        if key.lower().startswith(limits.RESERVED_TAG_PREFIX):
            return f"{_ALLOWED}; the key {show(key)} starts with {limits.RESERVED_TAG_PREFIX}"
        if len(text) > limits.TAG_VALUE_MAX or not _tag_text(text):
            return f"{_ALLOWED}; the value of {show(key)} is not such a value"
        if key.lower() in folded:
            return f"{_ALLOWED}; {show(folded[key.lower()])} and {show(key)} differ only in case"
        folded[key.lower()] = key
    return None


def tagged(tags: Mapping[str, str]) -> dict:
    """The `tags` argument for a taggable resource: nothing when the stack sets none."""
    return {"tags": dict(tags)} if tags else {}


@functools.cache
def takes_tags(type_token: str) -> bool:
    """Whether pulumi-aws's class for `aws:<module>/<name>:<Name>` has a `tags` input."""
    package, module_path, name = type_token.split(":")
    if package != "aws":
        return False
    module = module_path.split("/")[0]
    module = {"lambda": "lambda_"}.get(module, module)  # a Python keyword
    found = getattr(importlib.import_module(f"pulumi_aws.{module}"), name)
    return "tags" in inspect.signature(found._internal_init).parameters
