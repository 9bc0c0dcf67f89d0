"""Checking report parameters, in the notebook and in the build before anything runs.

papermill writes parameters into the notebook as Python source and escapes only strings:
any other type is written with ``str()``, so a YAML ``!!set`` or a crafted object would run
as code. :func:`safe_value` is the gate every value passes before it reaches papermill:
strings, numbers, booleans, None and flat lists of those, within size limits.
"""

from __future__ import annotations

import datetime as dt
import math

from analysis.inputs.problems import ParameterError, unknown_value
from analysis.inputs.vocabulary import COUNTRIES

__all__ = ["ParameterError", "check_window", "parse_countries", "parse_date", "safe_parameters",
           "safe_value", "unknown_value"]

MAX_TEXT = 1_000  # characters in one string parameter
MAX_ITEMS = 100  # items in one list parameter
MAX_SOURCE = 10_000  # characters of one NAME=VALUE on the command line


_ALLOWED = "a string, number, boolean, null, or a list of those"


def _scalar(name: str, value: object) -> object:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) >= 2**63:
            raise ParameterError(f"{name}: {value}: expected a number below 2**63")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ParameterError(f"{name}: {value!r}: expected a finite number")
        return value
    if isinstance(value, dt.datetime):
        raise ParameterError(f"{name}: {value!r}: expected a date YYYY-MM-DD without a time")
    if isinstance(value, dt.date):  # YAML reads an unquoted 2024-02-29 as a date
        return value.isoformat()
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise ParameterError(f"{name}: text of {len(value):,} characters: expected at "
                                 f"most {MAX_TEXT:,}")
        if any(ord(ch) < 32 or ord(ch) == 127 for ch in value):
            raise ParameterError(f"{name}: {value[:40]!r}: expected text without control "
                                 "characters")
        return value
    raise ParameterError(f"{name}: a value of type {type(value).__name__}: expected {_ALLOWED}")


def safe_value(name: str, value: object) -> object:
    """``value`` as papermill may receive it, or ParameterError saying why not.

    Lists are checked before they are walked, so a YAML alias bomb (lists nested through
    anchors) is refused at the first nested list, without expanding it.
    """
    if isinstance(value, list | tuple):
        if len(value) > MAX_ITEMS:
            raise ParameterError(f"{name}: a list of {len(value):,} items: expected at most "
                                 f"{MAX_ITEMS}")
        if any(isinstance(v, list | tuple | dict | set) for v in value):
            raise ParameterError(f"{name}: a nested list or mapping: expected {_ALLOWED}")
        return [_scalar(name, v) for v in value]
    return _scalar(name, value)


def safe_parameters(parameters: dict) -> dict:
    """Every parameter through :func:`safe_value`; names must be Python identifiers."""
    checked = {}
    for name, value in parameters.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ParameterError(f"{name!r}: expected a parameter name (a Python identifier)")
        checked[name] = safe_value(name, value)
    return checked


def parse_date(name: str, value: object, *, allow_none: bool = True) -> dt.date | None:
    """An ISO date string (or None where allowed) as a date."""
    if value is None and allow_none:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise ParameterError(f"{name}: {value!r}: expected an ISO date string YYYY-MM-DD"
                             + (" or None" if allow_none else ""))
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ParameterError(f"{name}: {value!r}: expected an ISO date YYYY-MM-DD") from None


def parse_countries(value: object) -> list[str] | None:
    """None (all countries) or a list drawn from the countries the data covers."""
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not value:
        raise ParameterError(f"countries: {value!r}: expected None or a list of "
                             f"{', '.join(COUNTRIES)}")
    unknown = [c for c in value if c not in COUNTRIES]
    if unknown:
        raise unknown_value("countries", unknown, COUNTRIES)
    return list(value)


def check_window(start: dt.date | None, end: dt.date | None,
                 last: dt.date | None = None) -> None:
    """The window must run forwards, and an open window must start by the data's last date."""
    if start and end and end < start:
        raise ParameterError(f"end_date: {end.isoformat()}: expected a date on or after "
                             f"start_date {start.isoformat()}")
    if start and end is None and last is not None and start > last:
        raise ParameterError(f"start_date: {start.isoformat()}: expected a date on or before "
                             f"the data's last date {last.isoformat()} (or give end_date)")
