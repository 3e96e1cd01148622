"""Auth check: sign a throwaway user up against a deployed cognito-auth stack and prove every sign-in flow works.

Library use (no subprocess)::

    from authcheck import run_check
    report = run_check(user_pool_id="us-east-1_abc", client_id="...", endpoint_url="http://127.0.0.1:4566")
    assert report.exit_code == 0, report.render_text()
"""

from .report import Report, Step
from .steps import run_check

__all__ = ["Report", "Step", "run_check"]
