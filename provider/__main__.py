"""Plugin entry point: hosts CognitoAuth for other languages; the schema is inferred
from CognitoAuthArgs and the component's output annotations (cognito_auth.provider_host)."""

from cognito_auth import __version__
from cognito_auth.provider_host import serve

if __name__ == "__main__":
    serve(__version__)
