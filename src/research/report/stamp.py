"""The build's date handed to the tools that would otherwise stamp their files with the clock (SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import contextlib
import os

VARIABLE = "SOURCE_DATE_EPOCH"


@contextlib.contextmanager
def source_date(epoch: int | None, replace: bool = False):
    """Set ``SOURCE_DATE_EPOCH`` to ``epoch`` for the block, and restore what was there after.

    Parameters
    ----------
    epoch : int or None
        Seconds since 1970; ``None`` sets nothing.
    replace : bool
        Set it even when the caller's environment already has a value (else that value is kept).
    """
    saved = os.environ.get(VARIABLE)
    if epoch is not None and (replace or saved is None):
        os.environ[VARIABLE] = str(epoch)
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(VARIABLE, None)
        else:
            os.environ[VARIABLE] = saved
