"""CognitoAuth served to other languages: Pulumi's inferred component provider, with whole
numbers arriving as whole numbers.

Every number crosses the language boundary as a protobuf double, so a YAML or TypeScript
program's `passwordMinimumLength: 12` reaches the provider as 12.0. pulumi 3.272's
`ComponentProvider.map_input_properties` means to turn an integer property back into an
`int`, but then stores the raw float over it; and where it did convert, `int(8.5)` would be 8,
silently. Here an integer property that holds a whole float becomes that `int`; any other
value is passed on as it came, so validation refuses `8.5` by name like the Python API does.
"""

from __future__ import annotations

import sys
from typing import Any

from pulumi.provider import main
from pulumi.provider.experimental.analyzer import PropertyType
from pulumi.provider.experimental.component import ComponentProvider

from .cognito_auth import CognitoAuth

PACKAGE = "cognito-auth"


class CognitoAuthProvider(ComponentProvider):
    def map_input_properties(
        self, inputs, properties, mapping, component_name, property_path
    ) -> dict[str, Any]:
        mapped = super().map_input_properties(
            inputs, properties, mapping, component_name, property_path
        )
        for schema_name, prop in properties.items():
            raw = inputs.get(schema_name) if isinstance(inputs, dict) else None
            if prop.type == PropertyType.INTEGER and isinstance(raw, float):
                mapped[mapping[schema_name]] = int(raw) if raw.is_integer() else raw
        return mapped


def provider(version: str) -> CognitoAuthProvider:
    return CognitoAuthProvider([CognitoAuth], PACKAGE, None, version)


def serve(version: str, args: list[str] | None = None) -> None:
    """What `component_provider_host` does, with this provider: `provider/__main__.py`."""
    main(provider(version), sys.argv[1:] if args is None else args)
