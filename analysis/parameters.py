"""Checking report parameters, in the notebook and in the build before anything runs."""

from __future__ import annotations

import datetime as dt

from analysis.vocabulary import COUNTRIES


class ParameterError(ValueError):
    """A report parameter that cannot be used; the message lists what is allowed."""


def parse_date(name: str, value: object, *, allow_none: bool = True) -> dt.date | None:
    """An ISO date string (or None where allowed) as a date."""
    if value is None and allow_none:
        return None
    if isinstance(value, dt.date):
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
        raise ParameterError(f"countries: {unknown!r}: unknown; allowed: {', '.join(COUNTRIES)}")
    return list(value)


def check_window(start: dt.date | None, end: dt.date | None) -> None:
    """The window must run forwards."""
    if start and end and end < start:
        raise ParameterError(f"end_date: {end.isoformat()}: expected a date on or after "
                             f"start_date {start.isoformat()}")
