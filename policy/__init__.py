"""The cognito-auth policy pack. The rules live in `policy.rules`; only `__main__.py`
builds the PolicyPack, since building it starts a gRPC server that never returns."""
