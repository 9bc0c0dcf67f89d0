"""ACLED exports as input: their column layout mapped into the canonical event table.

An analyst with an ACLED account can run every notebook on their own export
(``python -m analysis build --data export.csv``). The mapping, documented in the README:

- ``category``: ``strike_on_militants`` when actor1 is the US, the coalition, Israel or
  "Unidentified Military Forces" (aircraft nobody claimed);
  ``attack_on_us`` when actor2 is the US or the coalition; other rows are not in scope and
  are skipped; their number and first line numbers are reported as a warning (and so
  are rows outside Iraq, Syria and Jordan).
- ``actor`` = actor1 (ACLED's "Military Forces of the United States (2021-)" becomes
  "United States"); ``target`` = actor2.
- ``attribution`` from the notes: "claimed" → claimed; a US official, the Pentagon or
  CENTCOM named → confirmed; else alleged (ACLED's own sources report it).
- ``weapon`` from sub_event_type and the notes' keywords (drone, rocket, ballistic missile,
  mortar; several → mixed); air/drone strikes on militants → airstrike.
- place: ACLED's location, admin1, country and coordinates from the row itself; one place
  per distinct (country, admin1, location), keyed by a slug that keeps every script's
  letters (see :func:`place_keys`), so distinct locations never merge.
- ``event_id`` = event_id_cnty, ACLED's own id (so a row can be looked up in ACLED);
  ``line-N`` when the export has no such column.
- ``killed`` = fatalities; US casualties are not in ACLED's layout and stay blank (unknown).
- ``description`` = notes (ACLED's own words, with its source names); ``sources`` = ACLED.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.inputs.cache import project_phases
from analysis.inputs.csv_text import file_label, read_text, utf8_problem
from analysis.inputs.curated import Dataset
from analysis.inputs.problems import DataError, DataWarning, Problem
from analysis.inputs.vocabulary import CATEGORIES, COUNTRIES, EARLIEST_DATE, WEAPONS

ACLED_COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country",
                 "admin1", "location", "latitude", "longitude", "fatalities", "notes", "source")
OPTIONAL = ("event_id_cnty", "time_precision")
# What the mapping reads (event_type is required in the header but never used).
USED_COLUMNS = tuple(c for c in ACLED_COLUMNS if c != "event_type")
MAX_FATALITIES = 100_000  # per event; far above any recorded one, far below int64
SHOWN_LINES = 5
OUT_OF_SCOPE = ("an attack on US or coalition forces (actor2) or a strike by the US, the "
                "coalition or Israel (actor1); these rows are in no report")
OUTSIDE_COUNTRIES = "a row in Iraq, Syria or Jordan; these rows are in no report"
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


def _header(path: Path, label: str) -> list[str]:
    """The header's column names as written, or the precise encoding error."""
    with path.open("rb") as handle:
        first = handle.readline()
    try:
        line = first.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError([utf8_problem(path, label)]) from None
    return next(csv.reader(io.StringIO(line)), [])


def _read(path: Path) -> pd.DataFrame:
    """The columns the mapping uses, every one dictionary-encoded (categorical): exports
    repeat dates, places, actors and notes, so a million rows cost little more time or
    memory than their distinct values. Read by pyarrow's parallel CSV reader."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    label = file_label(path)
    if path.stat().st_size == 0:
        read_text(path)  # raises the clear 'empty file' error
    raw_names = {name.strip(): name for name in _header(path, label)}
    missing = [c for c in ACLED_COLUMNS if c not in raw_names]
    if missing:
        raise DataError([Problem(label, 1, c, "", "an ACLED column named "
                                 f"{c!r}") for c in missing])
    wanted = [c for c in (*USED_COLUMNS, *OPTIONAL) if c in raw_names]
    encoded = pa.dictionary(pa.int32(), pa.string())
    types = {raw_names[c]: (pa.string() if c == "event_id_cnty" else encoded) for c in wanted}
    def read(newlines_in_values: bool):
        return pacsv.read_csv(
            path, parse_options=pacsv.ParseOptions(newlines_in_values=newlines_in_values),
            convert_options=pacsv.ConvertOptions(
                include_columns=[raw_names[c] for c in wanted], column_types=types,
                strings_can_be_null=False, quoted_strings_can_be_null=False))

    try:
        try:
            table = read(False)  # the fast, fully parallel reader
        except pa.ArrowInvalid as err:
            if "UTF8" in str(err):
                raise
            table = read(True)  # quoted line breaks in a field (e.g. the notes)
    except pa.ArrowInvalid as err:
        if "UTF8" in str(err):
            raise DataError([utf8_problem(path, label)]) from None
        raise DataError([Problem(label, _line_in(str(err)), "(row)", "",
                                 f"well-formed CSV ({str(err).splitlines()[0]})")]) from None
    frame = table.to_pandas()
    frame.columns = [c.strip() for c in frame.columns]
    if frame.empty:
        raise DataError([Problem(label, 2, "(file)", "", "at least one row")])
    return frame


def _line_in(message: str) -> int | None:
    match = re.search(r"[Rr]ow #(\d+)", message)
    return int(match.group(1)) if match else None


def _codes(column: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """A categorical column as (codes, distinct values)."""
    values = column.array
    return np.asarray(values.codes), pd.Series(values.categories.to_numpy(dtype=object))


def _spread(column: pd.Series, fn) -> np.ndarray:
    """A vectorised ``fn`` run on the distinct values of a categorical, spread to every row."""
    codes, uniques = _codes(column)
    return np.asarray(fn(uniques))[codes]


def _check(frame: pd.DataFrame, dates: np.ndarray, path: Path, today: pd.Timestamp) -> None:
    label = file_label(path)

    def bad(column: str, test) -> np.ndarray:
        return _spread(frame[column], lambda v: np.asarray(test(v), dtype=bool))

    def fatalities(v: pd.Series) -> list[bool]:
        return [not (s.isascii() and s.isdigit() and len(s) <= 12 and int(s) <= MAX_FATALITIES)
                for s in v]

    date = pd.Series(dates)
    checks = {
        "event_date": ((date.isna() | (date < pd.Timestamp(EARLIEST_DATE))
                        | (date > today)).to_numpy(),
                       f"a date from {EARLIEST_DATE} to today in an ACLED format "
                       f"({', '.join(DATE_FORMATS)})"),
        "latitude": (bad("latitude", lambda v: ~pd.to_numeric(v, errors="coerce")
                         .between(-90, 90)), "a latitude in decimal degrees (-90 to 90)"),
        "longitude": (bad("longitude", lambda v: ~pd.to_numeric(v, errors="coerce")
                          .between(-180, 180)), "a longitude in decimal degrees (-180 to 180)"),
        "fatalities": (bad("fatalities", fatalities),
                       f"a whole number from 0 to {MAX_FATALITIES:,}"),
        "location": (bad("location", lambda v: v.str.strip() == ""), "a location name"),
    }
    problems = [Problem(label, int(i) + 2, column, str(frame[column].iat[i]), expected)
                for column, (mask, expected) in checks.items()
                for i in np.flatnonzero(mask)[:50]]
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
    first = hits.idxmax(axis=1).to_numpy() if len(hits) else np.array([], dtype=object)
    return np.where(count > 1, "mixed", np.where(count == 1, first, "unknown"))


def _per_unique(values: pd.Series, fn=lambda u: u) -> pd.Categorical:
    """Apply a vectorised ``fn`` to the distinct values of a categorical only and spread the
    result back as a categorical."""
    codes, uniques = _codes(values)
    result = pd.Categorical(np.asarray(fn(uniques)))
    return pd.Categorical.from_codes(result.codes[codes], result.categories)


def _weapons(raw: pd.DataFrame, striker: np.ndarray) -> pd.Categorical:
    """Each row's weapon, worked out on integer codes (a million strings never exist): a
    strike is an airstrike; an air/drone strike whose notes name no weapon is a drone."""
    kind = pd.Index(WEAPONS)
    code = _spread(raw["notes"], lambda v: kind.get_indexer(_weapon_in_notes(v)))
    air = _spread(raw["sub_event_type"], lambda t: t == "Air/drone strike")
    code = np.where((code == kind.get_loc("unknown")) & air, kind.get_loc("drone"), code)
    code = np.where(striker, kind.get_loc("airstrike"), code)
    used = sorted(kind[np.flatnonzero(np.bincount(code, minlength=len(kind)))])
    position = np.full(len(kind), -1)
    position[kind.get_indexer(used)] = np.arange(len(used))
    return pd.Categorical.from_codes(position[code], used)


def _attribution(notes: pd.Series) -> np.ndarray:
    lowered = notes.str.lower()
    return np.select(
        [lowered.str.contains(r"us official|pentagon|centcom|u\.s\. official").to_numpy(),
         lowered.str.contains("claim", regex=False).to_numpy()],
        ["confirmed", "claimed"], default="alleged")


def _nulls(n: int) -> pd.arrays.IntegerArray:
    """A whole-number column that is blank (unknown) on every row."""
    return pd.arrays.IntegerArray(np.zeros(n, dtype="int64"), np.ones(n, dtype=bool))


def place_keys(places: pd.DataFrame) -> pd.Series:
    """One key per distinct (country, admin1, location): a readable slug that keeps every
    script's letters (Arabic names stay distinct), with a short hash of the exact names
    added where two different places would still share a slug. Distinct locations never
    merge into one place."""
    names = places["country"] + "-" + places["admin1"] + "-" + places["location"]
    slugs = names.str.lower().str.replace(r"[\W_]+", "-", regex=True).str.strip("-")
    clash = slugs.duplicated(keep=False).to_numpy()
    if clash.any():
        exact = (places["country"] + "\x1f" + places["admin1"] + "\x1f" + places["location"])
        digests = [hashlib.sha1(text.encode("utf-8")).hexdigest()[:8] for text in exact[clash]]
        slugs = slugs.copy()
        slugs[clash] = slugs[clash] + "-" + pd.Series(digests, index=slugs.index[clash])
    return slugs


def _skipped_warnings(label: str, lines: np.ndarray, reason: str) -> None:
    """One warning for rows the mapping cannot place: how many, and the first lines."""
    if len(lines) == 0:
        return
    first = ", ".join(str(n) for n in lines[:SHOWN_LINES])
    more = ", …" if len(lines) > SHOWN_LINES else ""
    value = (f"{len(lines):,} row{'s' if len(lines) > 1 else ''} skipped "
             f"(line{'s' if len(lines) > 1 else ''} {first}{more})")
    warnings.warn(str(Problem(label, int(lines[0]), "(rows)", value, reason, "warning")),
                  DataWarning, stacklevel=3)


def load_acled(path: Path, today: pd.Timestamp | None = None) -> Dataset:
    """An ACLED export as the canonical Dataset (events joined to places; no tallies).

    Rows the mapping cannot place (out of scope, or outside Iraq, Syria and Jordan) are
    counted and reported as warnings (:class:`DataWarning`) with their first line numbers.
    """
    label = file_label(path)
    raw = _read(path)
    codes, uniques = _codes(raw["event_date"])
    dates = parse_dates(uniques).to_numpy()[codes]
    _check(raw, dates, path, today or pd.Timestamp.today().normalize())
    striker = _spread(raw["actor1"], lambda a: a.str.contains(_STRIKERS, regex=True))
    on_us = _spread(raw["actor2"], lambda a: a.str.contains(_US, regex=True)) & ~striker
    in_country = _spread(raw["country"], lambda c: c.isin(COUNTRIES))
    in_scope = striker | on_us
    line = np.arange(len(raw)) + 2
    _skipped_warnings(label, line[~in_scope], OUT_OF_SCOPE)
    _skipped_warnings(label, line[in_scope & ~in_country], OUTSIDE_COUNTRIES)
    keep = in_scope & in_country
    if not keep.any():
        raise DataError([Problem(label, None, "(rows)", "", "at least one row with "
                                 "US/coalition forces as actor2 (attacks) or the US, the "
                                 "coalition or Israel as actor1 (strikes), in Iraq, Syria or "
                                 "Jordan")])
    if not keep.all():
        raw = raw[keep].reset_index(drop=True)
        dates, striker, line = dates[keep], striker[keep], line[keep]
    n = len(raw)
    category = pd.Categorical.from_codes(np.where(striker, 1, 0), list(CATEGORIES))
    actor = _per_unique(raw["actor1"], lambda a: a.str.replace(
        r"Military Forces of the United States.*", "United States", regex=True)
        .str.replace(r"Military Forces of Israel.*", "Israel", regex=True))
    # Places: one per distinct (country, admin1, location), first row's coordinates.
    parts = [_codes(raw[c]) for c in ("country", "admin1", "location")]
    combined = np.zeros(n, dtype=np.int64)
    for part_codes, part_values in parts:
        combined = combined * (len(part_values) + 1) + part_codes
    place_code, first_row = _first_of(combined)
    places = pd.DataFrame({c: v.to_numpy()[k[first_row]]
                           for c, (k, v) in zip(("country", "admin1", "location"), parts,
                                                strict=True)})
    places["place"] = place_keys(places).to_numpy()
    weapon = _weapons(raw, striker)
    # ACLED's own ids, as read (Arrow strings: a million ids never become Python objects,
    # and none is rebuilt); an export without them gets its line numbers.
    ids = raw["event_id_cnty"].array if "event_id_cnty" in raw else \
        pd.array(np.char.add("line-", line.astype(str)), dtype="str")
    precision = _per_unique(raw["time_precision"], lambda t: t.map(
        {"1": "day", "2": "week", "3": "month"}).fillna("day")) \
        if "time_precision" in raw else "day"
    notes_codes, notes = _codes(raw["notes"])
    source_codes, sources = _codes(raw["source"])
    pair_code, pair_first = _first_of(notes_codes.astype(np.int64) * (len(sources) + 1)
                                      + source_codes)
    described = pd.Index(notes.to_numpy()[notes_codes[pair_first]] + " (ACLED sources: "
                         + sources.to_numpy()[source_codes[pair_first]] + ")", dtype="str")
    same_text, described = pd.factorize(described)  # two pairs may read the same
    pair_code = same_text[pair_code]
    killed = _spread(raw["fatalities"], lambda v: v.astype("int64"))
    lat = _spread(raw["latitude"], lambda v: pd.to_numeric(v).astype(float))[first_row]
    lon = _spread(raw["longitude"], lambda v: pd.to_numeric(v).astype(float))[first_row]
    place_text = pd.array(places["place"].to_numpy(dtype=object), dtype="str")
    location = pd.array(places["location"].to_numpy(dtype=object), dtype="str")
    events = pd.DataFrame({
        "event_id": ids, "event_date": dates, "date_precision": precision,
        "category": category, "actor": actor,
        "attribution": _per_unique(raw["notes"], _attribution),
        "target": _per_unique(raw["actor2"], lambda a: a.replace("", "Unknown")),
        "weapon": weapon,
        "place": pd.Categorical.from_codes(place_code, pd.Index(place_text)),
        "us_killed": _nulls(n), "us_injured": _nulls(n),
        "killed": pd.array(killed, dtype="Int64"),
        "us_injured_high": _nulls(n), "killed_high": _nulls(n), "disputes": _same("", n),
        # Categoricals: selecting rows then copies codes, not a million strings.
        "description": pd.Categorical.from_codes(pair_code, described),
        "sources": _same(ACLED_URL, n), "seed": _same("", n), "projectiles": _nulls(n),
        "source_line": line,
        "place_name": location.take(place_code), "place_kind": _same("town", n),
        "country": pd.array(places["country"].to_numpy(dtype=object),
                            dtype="str").take(place_code),
        "admin1": pd.array(places["admin1"].to_numpy(dtype=object),
                           dtype="str").take(place_code),
        "latitude": lat[place_code], "longitude": lon[place_code],
    }, copy=False)  # every column is new here: no need to copy a million rows again
    gazetteer = pd.DataFrame({
        "place": places["place"], "aliases": places["location"], "kind": "town",
        "country": places["country"], "admin1": places["admin1"],
        "latitude": lat, "longitude": lon, "precision": "exact",
        "source": ACLED_URL, "notes": "coordinates from the ACLED row",
        "name": places["location"],
    })
    return Dataset(events, gazetteer, _empty_tallies(), project_phases())


def _same(value: str, n: int) -> pd.Categorical:
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), [value])


def _first_of(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For integer keys: each row's group number (in order of first appearance) and the
    row where each group first appears. Hashing (``pd.factorize``) numbers groups in that
    order already; a group's first row is where its number exceeds every earlier one."""
    group, _ = pd.factorize(keys)
    seen = np.maximum.accumulate(np.concatenate(([-1], group[:-1])))
    return group, np.flatnonzero(group > seen)


def _empty_tallies() -> pd.DataFrame:
    from analysis.inputs.vocabulary import TALLY_COLUMNS, TALLY_COUNT_COLUMNS

    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in TALLY_COLUMNS})
    for c in ("as_of", "stated_on"):
        frame[c] = pd.Series(dtype="datetime64[us]")
    for c in TALLY_COUNT_COLUMNS:
        frame[c] = pd.Series(dtype="Int64")
    return frame


