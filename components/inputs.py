"""Values that may be Outputs of other resources, known only at deployment."""

from collections.abc import Callable

import pulumi


def is_output(value) -> bool:
    return isinstance(value, pulumi.Output)


def lift(function: Callable, *values) -> pulumi.Input:
    """`function(*values)`, computed at deployment when any of the values is an Output."""
    if any(map(is_output, values)):
        return pulumi.Output.all(*values).apply(lambda known: function(*known))
    return function(*values)
