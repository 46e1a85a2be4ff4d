"""`FixableError`: what a schedule validator raises when it knows the fix.

Pydantic keeps the raised exception in its error details; `load.py` shows its `fix` beside
the message. Raised by the validators in `model.py` and `holidays.py`.
"""

from __future__ import annotations


class FixableError(ValueError):
    """A validator's finding with the fix to show beside it."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.fix = fix
