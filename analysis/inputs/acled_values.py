"""The values of an ACLED export's rows: dates in every format ACLED has used, and the
checks each kept row must pass (coordinates, fatalities, a location)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis.inputs.acled_codes import codes, spread
from analysis.inputs.problems import Problem

# (what the text looks like, strptime formats to try): ACLED's own exports, its API, HDX
# copies and files re-saved by a spreadsheet. Two-digit years are 2000-2068 (%y).
DATE_FORMATS = (
    (r"\d{4}-\d{1,2}-\d{1,2}", ("%Y-%m-%d",)),
    (r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?", ("ISO8601",)),
    (r"\d{1,2} [A-Za-z]+,? \d{4}", ("%d %B %Y", "%d %b %Y", "%d %B, %Y", "%d %b, %Y")),
    (r"\d{1,2}-[A-Za-z]+-\d{4}", ("%d-%b-%Y", "%d-%B-%Y")),
    (r"\d{1,2}-[A-Za-z]+-\d{2}", ("%d-%b-%y", "%d-%B-%y")),
    (r"\d{1,2}-\d{1,2}-\d{4}", ("%d-%m-%Y",)),
    (r"\d{1,2}-\d{1,2}-\d{2}", ("%d-%m-%y",)),
    (r"\d{1,2}/\d{1,2}/\d{4}", ("%d/%m/%Y",)),
    (r"\d{1,2}/\d{1,2}/\d{2}", ("%d/%m/%y",)),
)
DATE_EXAMPLES = ("2024-01-28, 28 January 2024, 28 Jan 2024, 28-Jan-2024, 28-Jan-24, "
                 "28-01-2024, 28-01-24, 28/01/2024, 28/01/24")
MAX_FATALITIES = 100_000  # per event; far above any recorded one, far below int64
SHOWN_PROBLEMS = 50  # per column; the rest are counted in one more line


def _month_first(values: pd.Series) -> bool:
    """A spreadsheet re-save may write dates month first (1/28/2024). Month first only
    when some date cannot be day first (its second number is above 12) and none needs
    day first: a file never mixes the two orders."""
    parts = values.str.extract(r"^(\d{1,2})/(\d{1,2})/\d{2,4}$").dropna().astype(int)
    return bool(len(parts) and (parts[1] > 12).any() and not (parts[0] > 12).any())


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates in any of ACLED's formats (see DATE_EXAMPLES); NaT where none fits."""
    values = values.astype(str).str.strip()
    parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    month_first = _month_first(values)
    for pattern, formats in DATE_FORMATS:
        looks = values.str.fullmatch(pattern) & parsed.isna()
        for fmt in formats:
            if not looks.any():
                break
            if month_first and "/" in fmt:
                fmt = fmt.replace("%d/%m", "%m/%d")
            found = pd.to_datetime(values[looks], format=fmt, errors="coerce")
            parsed[looks] = found.astype("datetime64[us]").dt.normalize()
            looks = looks & parsed.isna()
    return parsed


def row_dates(column: pd.Series) -> np.ndarray:
    """Each row's date, parsed once per distinct text."""
    row_codes, uniques = codes(column)
    return parse_dates(uniques).to_numpy()[row_codes]


def _bad_fatalities(values: pd.Series) -> list[bool]:
    return [not (s.isascii() and s.isdigit() and len(s) <= 12 and int(s) <= MAX_FATALITIES)
            for s in values]


def _bad_number(low: float, high: float) -> Callable[[pd.Series], pd.Series]:
    return lambda v: ~pd.to_numeric(v, errors="coerce").between(low, high)


# column: (test of the distinct values, what a good value is)
CHECKS: dict[str, tuple[Callable[[pd.Series], object], str]] = {
    "latitude": (_bad_number(-90, 90), "a latitude in decimal degrees (-90 to 90)"),
    "longitude": (_bad_number(-180, 180), "a longitude in decimal degrees (-180 to 180)"),
    "fatalities": (_bad_fatalities, f"a whole number from 0 to {MAX_FATALITIES:,}"),
    "location": (lambda v: v.str.strip() == "", "a location name"),
}


def _as_mask(test: Callable[[pd.Series], object]) -> Callable[[pd.Series], np.ndarray]:
    return lambda v: np.asarray(test(v), dtype=bool)


def value_problems(rows: pd.DataFrame, dates: np.ndarray, lines: np.ndarray,
                   label: str) -> list[Problem]:
    """Every kept row's unreadable values: a date in no ACLED format, coordinates out of
    range, fatalities that are not a whole number, a blank location. At most
    SHOWN_PROBLEMS a column are listed; one more line counts the rest."""
    masks = {"event_date": (pd.isna(dates), "a date in one of ACLED's formats ("
                            f"{DATE_EXAMPLES})")}
    for column, (test, expected) in CHECKS.items():
        masks[column] = (spread(rows[column], _as_mask(test)), expected)
    problems = []
    for column, (mask, expected) in masks.items():
        bad = np.flatnonzero(mask)
        for i in bad[:SHOWN_PROBLEMS]:
            problems.append(Problem(label, int(lines[i]), column, str(rows[column].iat[i]),
                                    expected))
        if len(bad) > SHOWN_PROBLEMS:
            rest = bad[SHOWN_PROBLEMS:]
            problems.append(Problem(label, int(lines[rest[0]]), column,
                                    f"and {len(rest):,} more row(s) like the above",
                                    expected))
    return sorted(problems, key=lambda p: (p.line or 0, p.column))
