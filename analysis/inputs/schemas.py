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


# Control characters (C0, DEL, C1) and the bidirectional overrides and isolates that can
# reorder how a line reads. Free text may hold newlines and tabs; names and keys may not.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
CONTROL_IN_LINE = f"[{_CONTROL}\t\n\r]"
CONTROL_IN_TEXT = f"[{_CONTROL}]"
# Longest value of any text column without its own limit (see the data dictionary).
DEFAULT_MAX_LENGTH = 2_000


def _no_control(multiline: bool) -> pa.Check:
    if multiline:
        pattern = CONTROL_IN_TEXT
        expected = "text without control characters (NUL, ESC, ...; newline and tab are fine)"
    else:
        pattern = CONTROL_IN_LINE
        expected = "one line of text without control characters (tab, newline, NUL, ESC, ...)"
    return pa.Check(lambda s: ~s.str.contains(pattern, regex=True), error=expected,
                    name=expected)


# Characters that look like nothing but make two names different: zero-width space and
# joiner, word joiner, soft hyphen, byte-order mark, and the direction marks. A zero-width
# non-joiner is part of Persian spelling: allowed between two Arabic-script letters only.
INVISIBLE = ("[\u200b\u200d\u2060\u00ad\ufeff\u200e\u200f\u061c]|"
             "(?<![\u0600-\u06ff])\u200c|\u200c(?![\u0600-\u06ff])")


def _visible() -> pa.Check:
    """Names and keys hold no invisible character (it would split one actor or site in
    two, and no reader could see why)."""
    expected = ("a name without invisible characters (zero-width space or joiner, soft "
                "hyphen, direction marks)")
    return pa.Check(lambda s: ~s.str.contains(INVISIBLE, regex=True), error=expected,
                    name=expected)


def _max_length(limit: int) -> pa.Check:
    expected = f"at most {limit:,} characters"
    return pa.Check(lambda s: s.str.len() <= limit, error=expected, name=expected)


def _drawable() -> pa.Check:
    """Every character has a glyph in the report font (charts draw this text)."""
    from analysis.inputs.report_font import REPORT_FONT, undrawable

    expected = (f"text the report font ({REPORT_FONT}) can draw: no emoji or other "
                "characters it has no glyph for")
    return pa.Check(lambda s: ~s.str.contains(undrawable(), regex=True), error=expected,
                    name=expected)


def _chart_label(what: str, longest: int, first_of: str | None = None) -> pa.Check:
    """A name charts show: short enough for a bar label (a longer one collapses the chart's
    layout), left to right, and no '$' (matplotlib reads $...$ as maths)."""
    from analysis.inputs.report_font import RIGHT_TO_LEFT

    expected = (f"{what} of at most {longest} characters, written left to right, without "
                "'$' (charts cannot draw longer names, right-to-left script or '$' as written)")

    def check(s: pd.Series) -> pd.Series:
        shown = s.str.split(first_of, n=1, regex=False).str[0] if first_of else s
        return ((shown.str.len() <= longest) & ~shown.str.contains(RIGHT_TO_LEFT, regex=True)
                & ~shown.str.contains("$", regex=False))

    return pa.Check(check, error=expected, name=expected)


def _date_between(earliest: str, latest: dt.date, *, blank_ok: bool = False) -> pa.Check:
    expected = f"an ISO date YYYY-MM-DD between {earliest} and {latest.isoformat()}"
    if blank_ok:
        expected = "blank or " + expected

    def check(s: pd.Series) -> pd.Series:
        parsed = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
        ok = s.str.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}") & parsed.between(
            pd.Timestamp(earliest), pd.Timestamp(latest)
        )
        return ok | (s == "") if blank_ok else ok

    return pa.Check(check, error=expected, name=expected)


# Counts become 64-bit integers; no real count comes near a million. ASCII digits only:
# Python's \d also matches other scripts' digits, which pandas cannot convert.
MAX_COUNT_DIGITS = 6


def _count(expected: str = "blank (unknown) or a whole number >= 0") -> pa.Check:
    expected = f"{expected}, at most {MAX_COUNT_DIGITS} digits"
    return _matches(rf"[0-9]{{1,{MAX_COUNT_DIGITS}}}", expected, blank_ok=True)


def _text(*checks: pa.Check, unique: bool = False, max_length: int = DEFAULT_MAX_LENGTH,
          multiline: bool = False) -> pa.Column:
    """A text column: every value within ``max_length`` and free of control characters
    (only ``multiline`` free text may hold newlines and tabs), then ``checks``."""
    return pa.Column(str, checks=[_no_control(multiline), _max_length(max_length), *checks],
                     nullable=False, unique=unique, required=True)


def events_schema(place_keys: set[str] | None, today: dt.date) -> pa.DataFrameSchema:
    """Schema of data/events.csv; ``place_keys`` are the gazetteer's keys (None: no check)."""
    place_check = (
        _one_of(place_keys, "a place listed in places.csv:") if place_keys is not None
        else _required("a place key")
    )
    columns = {
        "event_id": _text(
            _matches(r"[a-z0-9][a-z0-9-]*", "a lower-case id of letters, digits and '-'"),
            unique=True, max_length=100,
        ),
        "event_date": _text(_date_between(V.EARLIEST_DATE, today)),
        "date_precision": _text(_one_of(V.DATE_PRECISIONS)),
        "category": _text(_one_of(V.CATEGORIES)),
        "actor": _text(_required("the actor (use 'Unknown' when nobody is named)"),
                       _visible(), _drawable(), max_length=200),
        "attribution": _text(_one_of(V.ATTRIBUTIONS)),
        "target": _text(_required("the target (use 'Unknown' when nobody is named)"),
                        _visible(), _drawable(), max_length=200),
        "weapon": _text(_one_of(V.WEAPONS)),
        "place": _text(place_check, max_length=100),
        **{c: _text(_count()) for c in V.COUNT_COLUMNS},
        "disputes": _text(max_length=4_000, multiline=True),
        "description": _text(_required("a one-sentence description"), max_length=1_000,
                             multiline=True),
        "sources": _text(_matches(_SOURCES, "one or more http(s) URLs separated by ' | '"),
                         max_length=4_000),
        "seed": _text(_matches(r"[0-9a-z_]+", "blank or a seed article id (lower-case "
                               "letters, digits and '_')", blank_ok=True), max_length=100),
    }
    return pa.DataFrameSchema(columns, strict=False, name="events")


def places_schema() -> pa.DataFrameSchema:
    """Schema of data/places.csv: every place needs coordinates and their source."""
    columns = {
        "place": _text(_matches(r"[a-z0-9][a-z0-9-]*",
                                "a lower-case key of letters, digits and '-'"),
                       unique=True, max_length=100),
        "aliases": _text(_required("at least one name; the first is the display name"),
                         _visible(), _drawable(),
                         _chart_label("a first alias (the name charts show)", 60,
                                      first_of=V.ALIAS_SEPARATOR),
                         max_length=1_000),
        "kind": _text(_one_of(V.PLACE_KINDS)),
        "country": _text(_one_of(V.COUNTRIES)),
        "admin1": _text(_visible(), _drawable(), _chart_label("a governorate name", 40),
                        max_length=100),
        # Every place is drawn: a site no source locates sits at its governorate's or
        # country's centre, and `precision` says so.
        "latitude": _text(_required("a latitude (every place is drawn; see precision)"),
                          _decimal_between(-90, 90, "a latitude in decimal degrees (-90 to 90)")),
        "longitude": _text(
            _required("a longitude (every place is drawn; see precision)"),
            _decimal_between(-180, 180, "a longitude in decimal degrees (-180 to 180)")
        ),
        "precision": _text(_one_of(V.PRECISIONS)),
        "source": _text(_matches(_SOURCES, "the http(s) URL the coordinates come from")),
        "notes": _text(max_length=4_000, multiline=True),
        "us_presence_start": _text(_partial_date()),
        "us_presence_end": _text(_partial_date()),
        "presence_source": _text(_matches(_SOURCES, "the http(s) URLs the presence dates come "
                                          "from, separated by ' | '", blank_ok=True)),
        "presence_note": _text(max_length=4_000, multiline=True),
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
        "name": _text(_required("the phase's name"), _visible(), _drawable(),
                      _chart_label("a phase name", 40), unique=True, max_length=100),
        "start": _text(_date_between(V.EARLIEST_DATE, today)),
        "end": _text(_date_between(V.EARLIEST_DATE, today, blank_ok=True)),
        "summary": _text(_required("a one-line summary")),
        "sources": _text(_matches(_SOURCES, "one or more http(s) URLs separated by ' | ' (every "
                                            "boundary rests on a sourced event)")),
    }
    return pa.DataFrameSchema(columns, strict=False, name="phases")


def _decimal_between(low: float, high: float, expected: str) -> pa.Check:
    def check(s: pd.Series) -> pd.Series:
        decimal = s.str.fullmatch(r"-?[0-9]{1,3}(?:\.[0-9]{1,12})?")
        numbers = pd.to_numeric(s.where(decimal), errors="coerce")
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
        "speaker": _text(_required("who stated the count"), _visible(), max_length=200),
        "source": _text(_matches(_URL, "an http(s) URL")),
        "note": _text(max_length=4_000, multiline=True),
        "source_kind": _text(_one_of(V.SOURCE_KINDS)),
        "counts": _text(_required("what the count includes (e.g. 'attacks on US forces in "
                                  "Iraq and Syria since 17 Oct 2023')"), max_length=300),
    }
    return pa.DataFrameSchema(columns, strict=False, name="tallies")


def toll_statements_schema(event_ids: set[str] | None, today: dt.date) -> pa.DataFrameSchema:
    """Schema of data/toll_statements.csv: each figure an event's toll was stated as, when
    and by whom; ``event_ids`` are events.csv's ids (None: no check)."""
    event_check = (_one_of(event_ids, "an event_id of events.csv:") if event_ids is not None
                   else _required("an event_id"))
    columns = {
        "event_id": _text(event_check, max_length=100),
        "measure": _text(_one_of(V.TOLL_MEASURES, "the count column stated, one of")),
        "value": _text(_count("blank (no number stated) or a whole number >= 0")),
        "stated_on": _text(_date_between(V.EARLIEST_DATE, today, blank_ok=True)),
        "replaces_earlier": _text(_one_of(("", "yes"), "blank, or 'yes' where the figure "
                                          "replaces the earlier ones (raised, lowered); one of")),
        "speaker": _text(_required("who stated the figure"), max_length=300),
        "source": _text(_matches(_URL, "an http(s) URL")),
        "note": _text(max_length=4_000, multiline=True),
    }
    return pa.DataFrameSchema(columns, strict=False, name="toll_statements")


def articles_schema(today: dt.date) -> pa.DataFrameSchema:
    """Schema of seeds/articles.csv."""
    columns = {
        "id": _text(_matches(r"[0-9a-z_]+", "an id of lower-case letters, digits and '_'"),
                    unique=True, max_length=100),
        "file": _text(_matches(r"[^/\\]+\.txt", "a .txt file name in seeds/"), max_length=200),
        "published": _text(_date_between(V.EARLIEST_DATE, today)),
        "outlet": _text(_required("the outlet's name"), max_length=200),
        "title": _text(_required("the article's title"), max_length=500),
        "url": _text(_matches(_URL, "an http(s) URL")),
    }
    return pa.DataFrameSchema(columns, strict=False, name="articles")
