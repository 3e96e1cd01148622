"""The CognitoAuth component, reusable from any Pulumi Python program."""

from .args import CognitoAuthArgs
from .cognito_auth import CognitoAuth
from .config import args_from_config, check_adoption
from .rules import ConfigError

__version__ = "0.1.0"

__all__ = ["CognitoAuth", "CognitoAuthArgs", "ConfigError", "args_from_config", "check_adoption"]
