"""`python -m authcheck`: the CLI lives in cli.py so tests can import it without running it."""

from .cli import main

raise SystemExit(main())
