"""Plugin entry point: hosts CognitoAuth for other languages; the schema is inferred
from CognitoAuthArgs and the component's output annotations."""

from cognito_auth import CognitoAuth, __version__
from pulumi.provider.experimental import component_provider_host

if __name__ == "__main__":
    component_provider_host([CognitoAuth], "cognito-auth", version=__version__)
