"""How a state handler calls the core: ``call_core()`` turns a failure into the message a person
sees, in one place.

    with call_core() as call:
        res = swaps.request(name, confirm=True, actor="operator", source="ui")
    if call.error:
        self.message = call.error
        return

A core error (``SparkControlError``) shows its message; bad input from the page (``ValueError``:
a number or a JSON field that does not parse) shows what was wrong. Anything else is a bug: the
person still gets a line instead of a dead page, and the traceback goes to the log."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from spark_control.errors import SparkControlError

log = logging.getLogger(__name__)


@dataclass
class CoreCall:
    error: str = ""  # "" when the call worked


def error_message(e: Exception) -> str:
    """The line a person reads for ``e``."""
    return e.message if isinstance(e, SparkControlError) else str(e)


@contextmanager
def call_core() -> Iterator[CoreCall]:
    call = CoreCall()
    try:
        yield call
    except (SparkControlError, ValueError) as e:
        call.error = error_message(e)
    except Exception as e:  # noqa: BLE001 - shown as a line, and logged with its traceback
        log.exception("a UI action failed unexpectedly")
        call.error = error_message(e)
