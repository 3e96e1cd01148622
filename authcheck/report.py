"""The result of a check: one Step per flow step, rendered as text lines or one JSON document."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal

from .sign_in_methods import summary

# "skipped": the stack does not offer it (e.g. a flow the client disables), or --keep.
# "not run": a step it depends on failed.
Status = Literal["passed", "failed", "skipped", "not run"]
MARKS = {"passed": "✓", "failed": "✗", "skipped": "–", "not run": "·"}


@dataclass
class Step:
    name: str
    status: Status
    ms: int
    detail: str = ""

    @property
    def ok(self) -> bool | None:
        """True/False for a step that ran; None for one that did not, which neither passes nor fails."""
        return {"passed": True, "failed": False}.get(self.status)


@dataclass
class Report:
    steps: list[Step] = field(default_factory=list)
    user: dict = field(default_factory=dict)
    target: dict = field(default_factory=dict)
    sign_in_methods: dict | None = None  # what the pool offers (sign_in_methods.describe)

    def count(self, status: Status) -> int:
        return sum(step.status == status for step in self.steps)

    @property
    def exit_code(self) -> int:
        # 0 only when every step that ran passed; a check where nothing ran proves nothing.
        ran = self.count("passed") + self.count("failed")
        return 0 if ran and not self.count("failed") else 1

    @property
    def summary(self) -> str:
        text = f"{self.count('passed')} passed, {self.count('failed')} failed"
        for status in ("skipped", "not run"):
            if self.count(status):
                text += f", {self.count(status)} {status}"
        return text

    def render_text(self) -> str:
        width = max((len(step.name) for step in self.steps), default=0)
        lines = [
            f"{MARKS[step.status]} {step.name:<{width}} {step.ms:>6} ms  {step.detail}".rstrip()
            for step in self.steps
        ]
        if self.sign_in_methods and not any(s.name == "sign-in methods" for s in self.steps):
            lines.append(f"  sign-in methods: {summary(self.sign_in_methods)}")
        return "\n".join([*lines, self.summary])

    def to_dict(self) -> dict:
        return {
            "steps": [
                {"name": s.name, "ok": s.ok, "status": s.status, "ms": s.ms, "detail": s.detail}
                for s in self.steps
            ],
            "summary": {
                "passed": self.count("passed"),
                "failed": self.count("failed"),
                "skipped": self.count("skipped"),
                "not_run": self.count("not run"),
                "text": self.summary,
                "exit_code": self.exit_code,
            },
            "user": self.user,
            "target": self.target,
            **({"signInMethods": self.sign_in_methods} if self.sign_in_methods else {}),
        }

    def render_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)
