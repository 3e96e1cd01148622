"""The `pulumi-resource-aws` plugin the sandbox installs: `python -m sandbox.provider <engine>`.

The engine starts it like any provider plugin; it refuses to start unless it has been
given an emulator on loopback, so no resource can ever be sent anywhere else.
"""

import os
import sys
from urllib.parse import urlparse

from .plugin import ENDPOINT_VARIABLE
from .server import main

if __name__ == "__main__":
    # The shell's AWS settings are the user's, for AWS; none of them means anything here.
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        del os.environ[name]
    endpoint = os.environ.get(ENDPOINT_VARIABLE, "")
    if urlparse(endpoint).hostname != "127.0.0.1":
        sys.stderr.write(
            f"the sandbox's aws provider needs {ENDPOINT_VARIABLE}=http://127.0.0.1:<port> "
            "(run it through `python -m sandbox`); it talks to nothing but a local emulator\n"
        )
        sys.exit(1)
    main(sys.argv[1:], endpoint)
