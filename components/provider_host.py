"""CognitoAuth served to other languages: Pulumi's inferred component provider, with whole
numbers arriving as whole numbers.

Every number crosses the language boundary as a protobuf double, so a YAML or TypeScript
program's `passwordMinimumLength: 12` reaches the provider as 12.0. pulumi 3.272's
`ComponentProvider.map_input_properties` means to turn an integer property back into an
`int`, but then stores the raw float over it; and where it did convert, `int(8.5)` would be 8,
silently. Here an integer property that holds a whole float becomes that `int`; any other
value is passed on as it came, so validation refuses `8.5` by name like the Python API does.

Bad input is checked here first, so that the program's author reads the names they wrote.
"""

from __future__ import annotations

import sys
from typing import Any

from pulumi.provider import main
from pulumi.provider.experimental.analyzer import PropertyType
from pulumi.provider.experimental.component import ComponentProvider

from .cognito_auth import CognitoAuth
from .naming import SCHEMA
from .validation import validate

PACKAGE = "cognito-auth"


class CognitoAuthProvider(ComponentProvider):
    def construct(self, name, resource_type, inputs, options=None):
        """Bad input is refused before anything registers, every problem named as the
        program wrote it (`domainPrefix`, not `domain_prefix`), and without the Python
        traceback the SDK adds to an error from the component's `__init__`.

        ConfigError is a RunError, which the server passes on as it is. The engine's own
        form for bad inputs (InputPropertiesError) is not used: CLI v3.274.1 panics printing
        a property whose value is an unknown Output (`unsupported property value`), which
        is exactly the value a plain input refuses."""
        component = self._component_defs.get(resource_type.rsplit(":", maxsplit=1)[-1])
        if component is not None:
            validate(self.map_inputs(inputs, component), naming=SCHEMA, component=name)
        return super().construct(name, resource_type, inputs, options)

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
