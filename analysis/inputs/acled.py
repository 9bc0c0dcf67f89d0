"""ACLED exports as input: an analyst's own export becomes the canonical event table
(``python -m analysis build --data export.csv``).

- Reading (:mod:`acled_layout`): every layout ACLED has used, detected from the file.
- What each row is (:mod:`acled_mapping`): attack, strike or out of scope, decided by the
  mapping table ``acled_mapping.csv`` and ACLED's actor names in ``acled_actors.csv``.
- Which rows are kept (:mod:`acled_rows`): rows outside the three countries or the dates,
  repeated rows and rows out of scope are skipped and counted by reason in the build's
  summary (warnings), never a reason to refuse the file. A file is refused only when it is
  not an ACLED event export, holds no row in scope, or a kept row has a value that cannot
  be read (a date in no ACLED format, coordinates out of range, fatalities that are not a
  whole number): each such problem is named by line.
- Casualties (:mod:`acled_casualties`): ``fatalities`` split into US and other deaths by
  the notes; what cannot be told is left blank and ``disputes`` says so.
- ``actor``/``target``: ACLED's names without their qualifiers (US forces as "United
  States", Israel's as "Israel", unidentified ones as "Unknown"); ``attribution`` from the
  notes (a US official, the Pentagon or CENTCOM named: confirmed; "claim": claimed; else
  alleged; a strike by unidentified forces: unknown); ``weapon`` from sub_event_type and the
  notes' words.
- Places: ACLED's location, admin1, country and coordinates; one place per distinct
  (country, admin1, location), keyed by a slug that keeps every script's letters.
- ``event_id`` = ``event_id_cnty``, ACLED's own id; ``line-N`` when the export has none.
- ``description`` = the notes (ACLED's words, with its source names); ``sources`` = ACLED.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.inputs.acled_casualties import row_casualties
from analysis.inputs.acled_codes import codes, first_of, per_unique, same, spread
from analysis.inputs.acled_layout import Layout, read_layout, read_rows
from analysis.inputs.acled_mapping import actor_table, interaction_column, rules
from analysis.inputs.acled_rows import select_rows, warn_summary
from analysis.inputs.acled_values import parse_dates, row_dates, value_problems
from analysis.inputs.cache import project_phases
from analysis.inputs.curated import Dataset
from analysis.inputs.file_kind import ACLED_REQUIRED, kind_of
from analysis.inputs.problems import DataError, Problem
from analysis.inputs.vocabulary import CATEGORIES, WEAPONS

__all__ = ["load_acled", "parse_dates", "place_keys", "read_export"]

OPTIONAL = ("event_id_cnty", "sub_event_type", "source", "time_precision", "interaction",
            "inter1", "inter2")
ACLED_URL = "https://acleddata.com/"
NO_ROW_IN_SCOPE = ("at least one row in scope: an attack on US or coalition forces or a "
                   "strike on an Iran-aligned group, in Iraq, Syria or Jordan, dated from "
                   "October 2023 on")


def _refuse_other_kinds(layout: Layout) -> None:
    kind = kind_of(layout)
    if kind != "acled":
        raise DataError([Problem(layout.label, 1, "(file)", f"the curated {kind} CSV",
                                 "an ACLED export; to build from curated CSVs give their "
                                 "folder (--data DIR)")])
    missing = [c for c in ACLED_REQUIRED if c not in layout.names]
    if missing:
        raise DataError([Problem(layout.label, 1, c, "", f"an ACLED column named {c!r}")
                         for c in missing])


def read_export(path: Path, layout: Layout | None = None) -> tuple[pd.DataFrame, np.ndarray,
                                                                     Layout]:
    """The columns the mapping reads (missing optional ones blank), each row's line, and
    the layout. Refuses a file that is not an ACLED event export."""
    layout = layout or read_layout(path)
    _refuse_other_kinds(layout)
    wanted = [*ACLED_REQUIRED, *(c for c in OPTIONAL if c in layout.names)]
    frame, lines = read_rows(layout, wanted, plain=("event_id_cnty",))
    if frame.empty:
        raise DataError([Problem(layout.label, layout.first_line, "(file)", "",
                                 "at least one row")])
    for column in ("sub_event_type", "source"):
        if column not in frame:
            frame[column] = same("", len(frame))
    frame["interaction"] = interaction_column(frame)
    return frame, lines, layout


def load_acled(path: Path, today: pd.Timestamp | None = None,
               layout: Layout | None = None) -> Dataset:
    """An ACLED export as the canonical Dataset (events joined to places; no tallies).

    Skipped rows are counted by reason in :class:`DataWarning` messages (the build's
    summary); see the module's docstring for what refuses a file."""
    frame, lines, layout = read_export(path, layout)
    every_line = lines
    dates = row_dates(frame["event_date"])
    selection = select_rows(frame, dates, lines, header_name=layout.names["event_date"],
                            today=today or pd.Timestamp.today().normalize(),
                            label=layout.label)
    keep, rule = selection.keep, selection.rule
    if not keep.all():
        frame = _rows_kept(frame, keep)
        dates, lines, rule = dates[keep], lines[keep], rule[keep]
    problems = value_problems(frame, dates, lines, layout.label)
    if problems:
        raise DataError(problems)
    attack = np.array([r.outcome == "attack" for r in rules()])[rule]
    attacks, strikes = int(attack.sum()), int((~attack).sum())
    kept = {f"attack{'s' * (attacks != 1)} on US positions": attacks,
            f"strike{'s' * (strikes != 1)} on Iran-aligned groups": strikes}
    warn_summary(selection, every_line, kept, layout.label)
    if not len(frame):
        raise DataError([Problem(layout.label, None, "(rows)", "no row kept",
                                 NO_ROW_IN_SCOPE + " (see the reasons above)")])
    return _dataset(frame, dates, lines, attack)


def _rows_kept(frame: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """The kept rows, each categorical holding only their values (a skipped row's text,
    such as a repeated header's, is never read as a number)."""
    kept = frame[keep].reset_index(drop=True)
    for column in kept.columns:
        if isinstance(kept[column].dtype, pd.CategoricalDtype):
            kept[column] = kept[column].cat.remove_unused_categories()
    return kept


def _dataset(raw: pd.DataFrame, dates: np.ndarray, lines: np.ndarray,
             attack: np.ndarray) -> Dataset:
    place_code, first_row, places = _places(raw)
    events = _events(raw, dates, lines, attack, place_code, places, first_row)
    return Dataset(events, _gazetteer(places), _empty_tallies(), project_phases())


def _places(raw: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, pd.DataFrame]:
    """One place per distinct (country, admin1, location), its first row's coordinates."""
    parts = [codes(raw[c]) for c in ("country", "admin1", "location")]
    combined = np.zeros(len(raw), dtype=np.int64)
    for part_codes, part_values in parts:
        combined = combined * (len(part_values) + 1) + part_codes
    place_code, first_row = first_of(combined)
    places = pd.DataFrame({c: v.to_numpy()[k[first_row]]
                           for c, (k, v) in zip(("country", "admin1", "location"), parts,
                                                strict=True)})
    places["place"] = place_keys(places).to_numpy()
    places["latitude"] = spread(raw["latitude"], lambda v: pd.to_numeric(v).astype(float)
                                )[first_row]
    places["longitude"] = spread(raw["longitude"], lambda v: pd.to_numeric(v).astype(float)
                                 )[first_row]
    return place_code, first_row, places


def _events(raw: pd.DataFrame, dates: np.ndarray, lines: np.ndarray, attack: np.ndarray,
            place_code: np.ndarray, places: pd.DataFrame, first_row: np.ndarray
            ) -> pd.DataFrame:
    n = len(raw)
    casualties = row_casualties(raw["notes"], raw["fatalities"], attack)
    group = spread(raw["actor1"], lambda a: actor_table(a)["group"].to_numpy())
    text = lambda column: pd.array(places[column].to_numpy(dtype=object),  # noqa: E731
                                   dtype="str").take(place_code)
    return pd.DataFrame({
        "event_id": _ids(raw, lines), "event_date": dates,
        "date_precision": _precision(raw),
        "category": pd.Categorical.from_codes(np.where(attack, 0, 1), list(CATEGORIES)),
        "actor": per_unique(raw["actor1"], lambda a: actor_table(a)["actor"]),
        "attribution": _attribution(raw, attack, group),
        "target": per_unique(raw["actor2"], lambda a: actor_table(a)["target"]
                             .replace("", "Unknown")),
        "weapon": _weapons(raw, ~attack),
        "place": pd.Categorical.from_codes(place_code, pd.Index(
            pd.array(places["place"].to_numpy(dtype=object), dtype="str"))),
        "us_killed": casualties["us_killed"], "us_injured": casualties["us_injured"],
        "killed": casualties["killed"],
        "us_injured_high": _nulls(n), "killed_high": _nulls(n),
        "disputes": casualties["disputes"],
        # Categoricals: selecting rows then copies codes, not a million strings.
        "description": _descriptions(raw),
        "sources": same(ACLED_URL, n), "seed": same("", n), "projectiles": _nulls(n),
        "source_line": lines, "place_name": text("location"), "place_kind": same("town", n),
        "country": text("country"), "admin1": text("admin1"),
        "latitude": places["latitude"].to_numpy()[place_code],
        "longitude": places["longitude"].to_numpy()[place_code],
    }, copy=False)  # every column is new here: no need to copy a million rows again


def _ids(raw: pd.DataFrame, lines: np.ndarray):
    """ACLED's own ids, as read (Arrow strings: a million ids never become Python objects);
    an export without them gets its line numbers."""
    if "event_id_cnty" in raw:
        return raw["event_id_cnty"].array
    return pd.array(np.char.add("line-", lines.astype(str)), dtype="str")


def _precision(raw: pd.DataFrame):
    if "time_precision" not in raw:
        return "day"
    return per_unique(raw["time_precision"], lambda t: t.str.strip().map(
        {"1": "day", "2": "week", "3": "month"}).fillna("day"))


def _descriptions(raw: pd.DataFrame) -> pd.Categorical:
    notes_codes, notes = codes(raw["notes"])
    source_codes, sources = codes(raw["source"])
    pair_code, pair_first = first_of(notes_codes.astype(np.int64) * (len(sources) + 1)
                                     + source_codes)
    described = pd.Index(notes.to_numpy()[notes_codes[pair_first]] + " (ACLED sources: "
                         + sources.to_numpy()[source_codes[pair_first]] + ")", dtype="str")
    same_text, described = pd.factorize(described)  # two pairs may read the same
    return pd.Categorical.from_codes(same_text[pair_code], described)


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


def _weapons(raw: pd.DataFrame, striker: np.ndarray) -> pd.Categorical:
    """Each row's weapon, worked out on integer codes (a million strings never exist): a
    strike is an airstrike; an air/drone strike whose notes name no weapon is a drone."""
    kind = pd.Index(WEAPONS)
    code = spread(raw["notes"], lambda v: kind.get_indexer(_weapon_in_notes(v)))
    air = spread(raw["sub_event_type"], lambda t: t.str.strip() == "Air/drone strike")
    code = np.where((code == kind.get_loc("unknown")) & air, kind.get_loc("drone"), code)
    code = np.where(striker, kind.get_loc("airstrike"), code)
    used = sorted(kind[np.flatnonzero(np.bincount(code, minlength=len(kind)))])
    position = np.full(len(kind), -1)
    position[kind.get_indexer(used)] = np.arange(len(used))
    return pd.Categorical.from_codes(position[code], used)


def _attribution(raw: pd.DataFrame, attack: np.ndarray, group: np.ndarray) -> pd.Categorical:
    """From the notes; a strike by forces nobody names is of unknown attribution."""
    def by_notes(notes: pd.Series) -> np.ndarray:
        lowered = notes.str.lower()
        return np.select(
            [lowered.str.contains(r"us official|pentagon|centcom|u\.s\. official").to_numpy(),
             lowered.str.contains("claim", regex=False).to_numpy()],
            [1, 2], default=3)

    order = ["unknown", "confirmed", "claimed", "alleged"]
    code = spread(raw["notes"], by_notes)
    code = np.where(~attack & (group == "UNIDENTIFIED_MILITARY"), 0, code)
    return pd.Categorical.from_codes(code, order)


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


def _gazetteer(places: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "place": places["place"], "aliases": places["location"], "kind": "town",
        "country": places["country"], "admin1": places["admin1"],
        "latitude": places["latitude"], "longitude": places["longitude"],
        "precision": "exact",
        "source": ACLED_URL, "notes": "coordinates from the ACLED row",
        "name": places["location"],
    })


def _empty_tallies() -> pd.DataFrame:
    from analysis.inputs.vocabulary import TALLY_COLUMNS, TALLY_COUNT_COLUMNS

    frame = pd.DataFrame({c: pd.Series(dtype="str") for c in TALLY_COLUMNS})
    for c in ("as_of", "stated_on"):
        frame[c] = pd.Series(dtype="datetime64[us]")
    for c in TALLY_COUNT_COLUMNS:
        frame[c] = pd.Series(dtype="Int64")
    return frame

