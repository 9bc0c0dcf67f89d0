"""ACLED exports as input: their column layout mapped into the canonical event table.

An analyst with an ACLED account can run every notebook on their own export
(``python -m analysis build --data export.csv``). The mapping, documented in the README:

- ``category``: ``strike_on_militants`` when actor1 is the US, the coalition, Israel or
  "Unidentified Military Forces" (aircraft nobody claimed);
  ``attack_on_us`` when actor2 is the US or the coalition; other rows are not in scope and
  are skipped (their number is reported).
- ``actor`` = actor1 (ACLED's "Military Forces of the United States (2021-)" becomes
  "United States"); ``target`` = actor2.
- ``attribution`` from the notes: "claimed" → claimed; a US official, the Pentagon or
  CENTCOM named → confirmed; else alleged (ACLED's own sources report it).
- ``weapon`` from sub_event_type and the notes' keywords (drone, rocket, ballistic missile,
  mortar; several → mixed); air/drone strikes on militants → airstrike.
- place: ACLED's location, admin1, country and coordinates from the row itself.
- ``killed`` = fatalities; US casualties are not in ACLED's layout and stay blank (unknown).
- ``description`` = notes (ACLED's own words, with its source names); ``sources`` = ACLED.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from analysis.inputs.csv_text import file_label, read_text
from analysis.inputs.curated import Dataset, join_places, project_phases
from analysis.inputs.problems import DataError, Problem
from analysis.inputs.vocabulary import COUNTRIES, EARLIEST_DATE

ACLED_COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country",
                 "admin1", "location", "latitude", "longitude", "fatalities", "notes", "source")
OPTIONAL = ("event_id_cnty", "time_precision")
ACLED_URL = "https://acleddata.com/"
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%m-%Y", "%d-%b-%y")
_US = r"United States|Coalition|US Forces|U\.S\."
_STRIKERS = _US + r"|Israel|Unidentified Military Forces"


def is_acled(path: Path) -> bool:
    """Does the file's header carry ACLED's columns?"""
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        header = {c.strip().strip('"') for c in handle.readline().split(",")}
    return {"event_type", "sub_event_type", "actor1", "actor2", "fatalities"} <= header


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates in any of ACLED's formats (2024-01-28, 28 January 2024, 28-01-2024, 28-Jan-24)."""
    parsed = pd.Series(pd.NaT, index=values.index, dtype="datetime64[us]")
    for fmt in DATE_FORMATS:
        missing = parsed.isna()
        if not missing.any():
            break
        parsed[missing] = pd.to_datetime(values[missing], format=fmt, errors="coerce")
    return parsed


def _read(path: Path) -> pd.DataFrame:
    if path.stat().st_size == 0:
        read_text(path)  # raises the clear 'empty file' error
    header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns.str.strip()
    missing = [c for c in ACLED_COLUMNS if c not in header]
    if missing:
        raise DataError([Problem(file_label(path), 1, c, "", "an ACLED column named "
                                 f"{c!r}") for c in missing])
    wanted = [c for c in (*ACLED_COLUMNS, *OPTIONAL) if c in header]
    try:
        frame = pd.read_csv(path, usecols=wanted, dtype=str, keep_default_na=False,
                            engine="pyarrow", encoding="utf-8")
    except (UnicodeDecodeError, ValueError):
        read_text(path)  # raises the precise encoding error with line and byte
        raise
    if frame.empty:
        raise DataError([Problem(file_label(path), 2, "(file)", "", "at least one row")])
    return frame


def _check(frame: pd.DataFrame, dates: pd.Series, path: Path, today: pd.Timestamp) -> None:
    label = file_label(path)
    line = frame.index.to_series() + 2
    def bad(column: str, test) -> np.ndarray:
        """``test`` run on the distinct values of a column, spread back to every row."""
        codes, uniques = pd.factorize(frame[column], use_na_sentinel=False)
        return np.asarray(test(pd.Series(uniques)), dtype=bool)[codes]

    checks = {
        "event_date": ((dates.isna() | (dates < pd.Timestamp(EARLIEST_DATE))
                        | (dates > today)).to_numpy(),
                       f"a date from {EARLIEST_DATE} to today in an ACLED format "
                       f"({', '.join(DATE_FORMATS)})"),
        "latitude": (bad("latitude", lambda v: ~pd.to_numeric(v, errors="coerce")
                         .between(-90, 90)), "a latitude in decimal degrees (-90 to 90)"),
        "longitude": (bad("longitude", lambda v: ~pd.to_numeric(v, errors="coerce")
                          .between(-180, 180)), "a longitude in decimal degrees (-180 to 180)"),
        "fatalities": (bad("fatalities", lambda v: ~v.str.fullmatch(r"\d+")),
                       "a whole number >= 0"),
        "location": (bad("location", lambda v: v.str.strip() == ""), "a location name"),
    }
    problems = [Problem(label, int(line[i]), column, str(frame.at[i, column]), expected)
                for column, (mask, expected) in checks.items()
                for i in frame.index[mask][:50]]
    if problems:
        raise DataError(sorted(problems, key=lambda p: (p.line, p.column)))



def _weapon_in_notes(notes: pd.Series) -> np.ndarray:
    """The weapon the notes name; several → mixed; none → unknown."""
    text = notes.str.lower()
    kinds = {
        "ballistic_missile": text.str.contains("ballistic", regex=False),
        "drone": text.str.contains(r"drone|uav", regex=True),
        "rocket": text.str.contains(r"rocket|katyusha", regex=True),
        "mortar": text.str.contains("mortar", regex=False),
    }
    hits = pd.DataFrame(kinds)
    count = hits.sum(axis=1).to_numpy()
    first = hits.idxmax(axis=1).to_numpy()
    return np.where(count > 1, "mixed", np.where(count == 1, first, "unknown"))


def _per_unique(values: pd.Series, fn=lambda u: u) -> pd.Categorical:
    """Apply a vectorised ``fn`` to the distinct values only and spread the result back as a
    categorical: exports repeat dates, places, actors and notes, so a million rows cost
    little more time or memory than their distinct values."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    result = pd.Categorical(np.asarray(fn(pd.Series(uniques))))
    return pd.Categorical.from_codes(result.codes[codes], result.categories)


def _attribution(notes: pd.Series) -> np.ndarray:
    lowered = notes.str.lower()
    return np.select(
        [lowered.str.contains(r"us official|pentagon|centcom|u\.s\. official").to_numpy(),
         lowered.str.contains("claim", regex=False).to_numpy()],
        ["confirmed", "claimed"], default="alleged")


def _nulls(n: int) -> pd.array:
    return pd.array(np.zeros(n, dtype="int64"), dtype="Int64").__class__(
        np.zeros(n, dtype="int64"), np.ones(n, dtype=bool))


def load_acled(path: Path, today: pd.Timestamp | None = None) -> Dataset:
    """An ACLED export as the canonical Dataset (events joined to places; no tallies)."""
    raw = _read(path)
    codes, uniques = pd.factorize(raw["event_date"], use_na_sentinel=False)
    dates = pd.Series(parse_dates(pd.Series(uniques)).to_numpy()[codes], index=raw.index)
    _check(raw, dates, path, today or pd.Timestamp.today().normalize())
    striker = np.asarray(_per_unique(raw["actor1"],
                                     lambda a: a.str.contains(_STRIKERS, regex=True)), bool)
    on_us = np.asarray(_per_unique(raw["actor2"], lambda a: a.str.contains(_US, regex=True)),
                       bool) & ~striker
    category = np.select([striker, on_us], ["strike_on_militants", "attack_on_us"], default="")
    keep = (category != "") & raw["country"].isin(COUNTRIES).to_numpy()
    raw, dates, category = raw[keep], dates[keep], category[keep]
    if raw.empty:
        raise DataError([Problem(file_label(path), None, "(rows)", "", "at least one row with "
                                 "US/coalition forces as actor2 (attacks) or the US, the "
                                 "coalition or Israel as actor1 (strikes), in Iraq, Syria or "
                                 "Jordan")])
    n = len(raw)
    actor = _per_unique(raw["actor1"], lambda a: a.str.replace(
        r"Military Forces of the United States.*", "United States", regex=True)
        .str.replace(r"Military Forces of Israel.*", "Israel", regex=True))
    codes, combos = pd.MultiIndex.from_arrays(
        [raw["country"], raw["admin1"], raw["location"]]).factorize()
    keys = pd.Series([f"{c}-{a}-{loc}" for c, a, loc in combos]).str.lower() \
        .str.replace(r"[^a-z0-9]+", "-", regex=True).str.strip("-")
    place = pd.Categorical.from_codes(codes, keys.drop_duplicates()) if keys.is_unique \
        else pd.Categorical(keys.to_numpy()[codes])
    by_notes = np.asarray(_per_unique(raw["notes"], _weapon_in_notes))
    air = np.asarray(_per_unique(raw["sub_event_type"], lambda t: t == "Air/drone strike"),
                     bool)
    weapon = np.where((by_notes == "unknown") & air, "drone", by_notes)
    weapon = np.where(category == "strike_on_militants", "airstrike", weapon)
    ids = ("acled-" + raw["event_id_cnty"]).to_numpy() if "event_id_cnty" in raw else \
        np.char.add("acled-", (raw.index.to_numpy() + 2).astype(str))
    precision = _per_unique(raw["time_precision"], lambda t: t.map(
        {"1": "day", "2": "week", "3": "month"}).fillna("day")) \
        if "time_precision" in raw else "day"
    described = raw["notes"] + " (ACLED sources: " + raw["source"] + ")"
    events = pd.DataFrame({
        "event_id": ids, "event_date": dates.to_numpy(), "date_precision": precision,
        "category": pd.Categorical(category), "actor": actor,
        "attribution": _per_unique(raw["notes"], _attribution),
        "target": _per_unique(raw["actor2"], lambda a: a.replace("", "Unknown")),
        "weapon": pd.Categorical(weapon),
        "place": place, "us_killed": _nulls(n), "us_injured": _nulls(n),
        "killed": pd.array(raw["fatalities"].astype("int64").to_numpy(), dtype="Int64"),
        "us_injured_high": _nulls(n), "killed_high": _nulls(n), "disputes": "",
        "description": described.reset_index(drop=True), "sources": ACLED_URL, "seed": "",
        "projectiles": _nulls(n),
        "source_line": raw.index.to_numpy() + 2,
    })
    place = np.asarray(place)
    first = ~pd.Series(place).duplicated().to_numpy()
    places = pd.DataFrame({
        "place": place[first], "aliases": raw["location"].to_numpy()[first],
        "kind": "town", "country": raw["country"].to_numpy()[first],
        "admin1": raw["admin1"].to_numpy()[first],
        "latitude": raw["latitude"].to_numpy()[first].astype(float),
        "longitude": raw["longitude"].to_numpy()[first].astype(float),
        "source": ACLED_URL, "notes": "coordinates from the ACLED row",
        "name": raw["location"].to_numpy()[first],
    })
    return Dataset(join_places(events, places, sort=False), places, _empty_tallies(),
                   project_phases())


def _empty_tallies() -> pd.DataFrame:
    from analysis.inputs.vocabulary import TALLY_COLUMNS, TALLY_COUNT_COLUMNS

    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in TALLY_COLUMNS})
    for c in ("as_of", "stated_on"):
        frame[c] = pd.Series(dtype="datetime64[us]")
    for c in TALLY_COUNT_COLUMNS:
        frame[c] = pd.Series(dtype="Int64")
    return frame


