"""Pandera schemas for the curated CSVs, checked on the raw text before any conversion.

Every check carries the sentence a user needs ("what was expected"), so a failure can be
reported as ``file:line: column: value: expected``. Checks are vectorised so the same
schemas hold for a million-row file.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pandera.pandas as pa

from analysis.inputs import vocabulary as V

_URL = r"https?://[^\s|<>\"']+"
_SOURCES = rf"{_URL}(?: \| {_URL})*"


def _matches(pattern: str, expected: str, *, blank_ok: bool = False) -> pa.Check:
    full = f"(?:{pattern})?" if blank_ok else pattern
    return pa.Check(lambda s: s.str.fullmatch(full), error=expected, name=expected)


def _one_of(values: tuple[str, ...] | list[str] | set[str], what: str = "one of") -> pa.Check:
    allowed = sorted(values)
    shown = ", ".join(allowed) if len(allowed) <= 12 else ", ".join(allowed[:12]) + ", ..."
    expected = f"{what} {shown}"
    return pa.Check(lambda s: s.isin(allowed), error=expected, name=expected)


def _required(expected: str = "a non-empty value") -> pa.Check:
    return pa.Check(lambda s: s.str.strip() != "", error=expected, name=expected)


def _date_between(earliest: str, latest: dt.date, *, blank_ok: bool = False) -> pa.Check:
    expected = f"an ISO date YYYY-MM-DD between {earliest} and {latest.isoformat()}"
    if blank_ok:
        expected = "blank or " + expected

    def check(s: pd.Series) -> pd.Series:
        parsed = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
        ok = s.str.fullmatch(r"\d{4}-\d{2}-\d{2}") & parsed.between(
            pd.Timestamp(earliest), pd.Timestamp(latest)
        )
        return ok | (s == "") if blank_ok else ok

    return pa.Check(check, error=expected, name=expected)


def _count(expected: str = "blank (unknown) or a whole number >= 0") -> pa.Check:
    return _matches(r"\d+", expected, blank_ok=True)


def _text(*checks: pa.Check, unique: bool = False) -> pa.Column:
    return pa.Column(str, checks=list(checks), nullable=False, unique=unique, required=True)


def events_schema(place_keys: set[str] | None, today: dt.date) -> pa.DataFrameSchema:
    """Schema of data/events.csv; ``place_keys`` are the gazetteer's keys (None: no check)."""
    place_check = (
        _one_of(place_keys, "a place listed in places.csv:") if place_keys is not None
        else _required("a place key")
    )
    columns = {
        "event_id": _text(
            _matches(r"[a-z0-9][a-z0-9-]*", "a lower-case id of letters, digits and '-'"),
            unique=True,
        ),
        "event_date": _text(_date_between(V.EARLIEST_DATE, today)),
        "date_precision": _text(_one_of(V.DATE_PRECISIONS)),
        "category": _text(_one_of(V.CATEGORIES)),
        "actor": _text(_required("the actor (use 'Unknown' when nobody is named)")),
        "attribution": _text(_one_of(V.ATTRIBUTIONS)),
        "target": _text(_required("the target (use 'Unknown' when nobody is named)")),
        "weapon": _text(_one_of(V.WEAPONS)),
        "place": _text(place_check),
        **{c: _text(_count()) for c in V.COUNT_COLUMNS},
        "disputes": _text(),
        "description": _text(_required("a one-sentence description")),
        "sources": _text(_matches(_SOURCES, "one or more http(s) URLs separated by ' | '")),
        "seed": _text(),
    }
    return pa.DataFrameSchema(columns, strict=False, name="events")


def places_schema() -> pa.DataFrameSchema:
    """Schema of data/places.csv: every place needs coordinates and their source."""
    columns = {
        "place": _text(_matches(r"[a-z0-9][a-z0-9-]*",
                                "a lower-case key of letters, digits and '-'"),
                       unique=True),
        "aliases": _text(_required("at least one name; the first is the display name")),
        "kind": _text(_one_of(V.PLACE_KINDS)),
        "country": _text(_one_of(V.COUNTRIES)),
        "admin1": _text(),
        # Blank only for kinds 'region' and 'unlocated'; loading.py refuses blank
        # coordinates for any other kind.
        "latitude": _text(_decimal_between(-90, 90, "a latitude in decimal degrees (-90 to 90)")),
        "longitude": _text(
            _decimal_between(-180, 180, "a longitude in decimal degrees (-180 to 180)")
        ),
        "source": _text(_matches(_SOURCES, "the http(s) URL the coordinates come from",
                                  blank_ok=True)),
        "notes": _text(),
        "us_presence_start": _text(_partial_date()),
        "us_presence_end": _text(_partial_date()),
        "presence_source": _text(_matches(_SOURCES, "the http(s) URLs the presence dates come "
                                          "from, separated by ' | '", blank_ok=True)),
        "presence_note": _text(),
    }
    return pa.DataFrameSchema(columns, strict=False, name="places")


def _partial_date() -> pa.Check:
    """A date known to the year, month or day: YYYY, YYYY-MM or YYYY-MM-DD, or blank."""
    expected = "blank, or a date as YYYY, YYYY-MM or YYYY-MM-DD"

    def check(s: pd.Series) -> pd.Series:
        padded = s.where(s.str.len() != 4, s + "-01-01").where(s.str.len() != 7, s + "-01")
        parsed = pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce")
        return (s == "") | (s.str.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?") & parsed.notna())

    return pa.Check(check, error=expected, name=expected)


def phases_schema(today: dt.date) -> pa.DataFrameSchema:
    """Schema of data/phases.csv: named, sourced periods (the last may be open-ended)."""
    columns = {
        "name": _text(_required("the phase's name"), unique=True),
        "start": _text(_date_between(V.EARLIEST_DATE, today)),
        "end": _text(_date_between(V.EARLIEST_DATE, today, blank_ok=True)),
        "summary": _text(_required("a one-line summary")),
        "sources": _text(_matches(_SOURCES, "one or more http(s) URLs separated by ' | ' (every "
                                            "boundary rests on a sourced event)")),
    }
    return pa.DataFrameSchema(columns, strict=False, name="phases")


def _decimal_between(low: float, high: float, expected: str) -> pa.Check:
    def check(s: pd.Series) -> pd.Series:
        numbers = pd.to_numeric(s.where(s.str.fullmatch(r"-?\d+(?:\.\d+)?")), errors="coerce")
        return numbers.between(low, high) | (s == "")

    return pa.Check(check, error=expected, name=expected)


def tallies_schema(today: dt.date) -> pa.DataFrameSchema:
    """Schema of data/tallies.csv: cumulative counts exactly as stated (blank = not stated)."""
    columns = {
        "kind": _text(_one_of(V.TALLY_KINDS)),
        "as_of": _text(_date_between(V.EARLIEST_DATE, today)),
        "stated_on": _text(_date_between(V.EARLIEST_DATE, today, blank_ok=True)),
        **{c: _text(_count("blank (not stated) or a whole number >= 0"))
           for c in V.TALLY_COUNT_COLUMNS},
        "speaker": _text(_required("who stated the count")),
        "source": _text(_matches(_URL, "an http(s) URL")),
        "note": _text(),
    }
    return pa.DataFrameSchema(columns, strict=False, name="tallies")


def articles_schema(today: dt.date) -> pa.DataFrameSchema:
    """Schema of seeds/articles.csv."""
    columns = {
        "id": _text(_matches(r"[0-9a-z_]+", "an id of lower-case letters, digits and '_'"),
                    unique=True),
        "file": _text(_matches(r"[^/\\]+\.txt", "a .txt file name in seeds/")),
        "published": _text(_date_between(V.EARLIEST_DATE, today)),
        "outlet": _text(_required("the outlet's name")),
        "title": _text(_required("the article's title")),
        "url": _text(_matches(_URL, "an http(s) URL")),
    }
    return pa.DataFrameSchema(columns, strict=False, name="articles")
