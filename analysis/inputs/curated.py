"""Loading the curated CSVs into validated, typed tables, and joining them into one.

I/O lives here and nowhere else in the counting code. Every failure becomes a
:class:`DataError` listing each problem as ``file:line: column: value: expected``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.inputs import paths
from analysis.inputs import vocabulary as V
from analysis.inputs.csv_text import file_label, read_table, read_text
from analysis.inputs.package import Package, load_package
from analysis.inputs.problems import DataError, Problem
from analysis.inputs.safe_paths import problem_with

__all__ = [
    "DataError", "Dataset", "load_dataset", "load_events", "load_places", "load_tallies",
    "load_articles", "load_phases", "load_toll_statements", "validate_frame",
]


def validate_frame(frame: pd.DataFrame, schema, file: str) -> None:
    """Run a pandera schema on a string frame; raise DataError naming line, column and value."""
    import pandera.pandas as pa

    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise DataError(_problems_from(err.failure_cases, frame, file)) from None


def _problems_from(cases: pd.DataFrame, frame: pd.DataFrame, file: str) -> list[Problem]:
    problems = []
    for case in cases.itertuples(index=False):
        column = case.column if isinstance(case.column, str) else "(row)"
        line = int(case.index) if pd.notna(case.index) else None
        value = "" if pd.isna(case.failure_case) else str(case.failure_case)
        expected = str(case.check)
        if expected == "field_uniqueness":
            expected = "a value not used on any other row"
        elif expected.startswith("column_in_dataframe"):
            expected = f"a column named {value!r}"
        if column == "(row)" and line is not None and line in frame.index:
            value = ", ".join(f"{c}={frame.at[line, c]}" for c in frame.columns[:3])
        problems.append(Problem(file, line, column, value, expected))
    return sorted(problems, key=lambda p: (p.line or 0, p.column))


def _counts(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    for c in columns:
        frame[c] = pd.to_numeric(frame[c].replace("", None)).astype("Int64")
    return frame


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


def load_places(path: Path) -> pd.DataFrame:
    """The gazetteer, one row per place key, with float coordinates and a display name."""
    from analysis.inputs.schemas import places_schema

    frame = read_table(path, V.PLACE_COLUMNS)
    label = file_label(path)
    validate_frame(frame, places_schema(), label)
    frame["aliases"] = frame["aliases"].str.split("|").map(  # 'Erbil  | Irbil ' is 2 names
        lambda names: V.ALIAS_SEPARATOR.join(n.strip() for n in names if n.strip()))
    frame["latitude"] = pd.to_numeric(frame["latitude"].replace("", None)).astype(float)
    frame["longitude"] = pd.to_numeric(frame["longitude"].replace("", None)).astype(float)
    frame["name"] = frame["aliases"].str.split(V.ALIAS_SEPARATOR, regex=False).str[0]
    frame["source_line"] = frame.index
    return frame.reset_index(drop=True)


def load_events(path: Path, place_keys: set[str] | None = None,
                today: dt.date | None = None) -> pd.DataFrame:
    """Events as typed columns: dates as Timestamps, counts as nullable integers (NA = unknown)."""
    from analysis.inputs.schemas import events_schema

    frame = read_table(path, V.EVENT_COLUMNS)
    label = file_label(path)
    validate_frame(frame, events_schema(place_keys, _today(today)), label)
    _check_ranges(frame, label)
    frame["event_date"] = pd.to_datetime(frame["event_date"], format="%Y-%m-%d")
    frame["source_line"] = frame.index
    return _counts(frame, V.COUNT_COLUMNS).reset_index(drop=True)


def _check_ranges(frame: pd.DataFrame, file: str) -> None:
    """A high figure, where given, must not be below the conservative one."""
    problems = []
    for low, high in (("us_injured", "us_injured_high"), ("killed", "killed_high")):
        both = (frame[low] != "") & (frame[high] != "")
        bad = both & (pd.to_numeric(frame[high].where(both), errors="coerce")
                      < pd.to_numeric(frame[low].where(both), errors="coerce"))
        problems += [Problem(file, int(i), high, frame.at[i, high],
                             f"a figure >= {low} ({frame.at[i, low]}), or blank")
                     for i in frame.index[bad]]
    if problems:
        raise DataError(problems)


def load_tallies(path: Path, today: dt.date | None = None) -> pd.DataFrame:
    """Cumulative counts as stated, sorted by the date they cover."""
    from analysis.inputs.schemas import tallies_schema

    frame = read_table(path, V.TALLY_COLUMNS)
    label = file_label(path)
    validate_frame(frame, tallies_schema(_today(today)), label)
    early = (frame["stated_on"] != "") & (frame["stated_on"] < frame["as_of"])
    if early.any():
        raise DataError([Problem(label, int(i), "stated_on", frame.at[i, "stated_on"],
                                 f"a date on or after as_of ({frame.at[i, 'as_of']}), or blank")
                         for i in frame.index[early]])
    for c in ("as_of", "stated_on"):
        frame[c] = pd.to_datetime(frame[c], format="%Y-%m-%d")
    frame = _counts(frame, V.TALLY_COUNT_COLUMNS)
    return frame.sort_values(["as_of", "stated_on", "kind"], kind="stable").reset_index(drop=True)


def empty_toll_statements() -> pd.DataFrame:
    """No toll statements: an ACLED export, or a data folder without the file."""
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in V.TOLL_COLUMNS})
    return frame.astype({"value": "Int64", "stated_on": "datetime64[ns]"})


def load_toll_statements(path: Path, event_ids: set[str] | None = None,
                         today: dt.date | None = None) -> pd.DataFrame:
    """Each figure an event's toll was stated as, in file order (the order the figures were
    stated: rows of one event and measure with dates must not go back in time)."""
    from analysis.inputs.schemas import toll_statements_schema

    frame = read_table(path, V.TOLL_COLUMNS)
    label = file_label(path)
    validate_frame(frame, toll_statements_schema(event_ids, _today(today)), label)
    problems = []
    dated = frame[frame["stated_on"] != ""]
    for _, group in dated.groupby(["event_id", "measure"], sort=False):
        previous = ""
        for i, day in group["stated_on"].items():
            if day < previous:
                problems.append(Problem(label, int(i), "stated_on", day, f"a date on or after "
                                        f"{previous}, the date of this event's previous "
                                        "statement (rows are in the order stated)"))
            previous = max(previous, day)
    if problems:
        raise DataError(problems)
    frame["stated_on"] = pd.to_datetime(frame["stated_on"].replace("", None), format="%Y-%m-%d")
    frame = _counts(frame, ("value",))
    return frame.reset_index(drop=True)


# A long feature runs to about 60,000 characters; anything far beyond is not an article.
MAX_ARTICLE_CHARS = 200_000


def load_articles(path: Path, today: dt.date | None = None) -> pd.DataFrame:
    """Seed-article metadata; checks that each article's text file exists beside it and
    is text the article report can read (UTF-8, no control characters, not too long)."""
    from analysis.inputs.schemas import articles_schema

    frame = read_table(path, V.ARTICLE_COLUMNS)
    label = file_label(path)
    validate_frame(frame, articles_schema(_today(today)), label)
    problems = []
    for i, name in frame["file"].items():
        placed = problem_with(path.parent / name, path.parent)
        if placed:
            problems.append(Problem(label, int(i), "file", name, placed[0].expected))
        else:
            problems += article_text_problems(path.parent / name)
    if problems:
        raise DataError(problems)
    frame["published"] = pd.to_datetime(frame["published"], format="%Y-%m-%d")
    return frame.reset_index(drop=True)


def load_phases(path: Path, today: dt.date | None = None) -> pd.DataFrame:
    """The named periods of the timeline, in order, with no gap and no overlap.

    Every phase but the last has an end; the last may be open (it runs to today). Each
    boundary rests on a sourced event, so every phase needs sources.
    """
    from analysis.inputs.schemas import phases_schema

    frame = read_table(path, V.PHASE_COLUMNS)
    label = file_label(path)
    validate_frame(frame, phases_schema(_today(today)), label)
    frame = frame.sort_values("start", kind="stable")
    problems = []
    rows = list(frame.itertuples())
    for i, row in enumerate(rows):
        if row.end and row.end < row.start:
            problems.append(Problem(label, row.Index, "end", row.end,
                                    f"a date on or after start ({row.start})"))
        if not row.end and i < len(rows) - 1:
            problems.append(Problem(label, row.Index, "end", "", "an end date (only the last "
                                    "phase may be open-ended)"))
        if i + 1 < len(rows) and row.end:
            following = rows[i + 1]
            expected = (dt.date.fromisoformat(row.end) + dt.timedelta(days=1)).isoformat()
            if following.start != expected:
                why = "overlaps" if following.start <= row.end else "leaves a gap after"
                problems.append(Problem(label, following.Index, "start", following.start,
                                        f"{expected}, the day after {row.name!r} ends ("
                                        f"this start {why} it)"))
    if problems:
        raise DataError(problems)
    for c in ("start", "end"):
        frame[c] = pd.to_datetime(frame[c].replace("", None), format="%Y-%m-%d")
    frame["source_line"] = frame.index
    return frame.reset_index(drop=True)


def project_phases() -> pd.DataFrame:
    """The project's phases (data/phases.csv): the timeline is the same whatever the data
    source, so an ACLED export is split by them too."""
    return load_phases(paths.DATA_DIR / paths.PHASES_FILE)


def check_phases_cover(events: pd.DataFrame, phases: pd.DataFrame, file: str) -> None:
    """Every event falls inside a phase, so every count can be split by phase."""
    first, last = phases["start"].min(), phases["end"].max()
    open_ended = phases["end"].isna().any()
    outside = (events["event_date"] < first) | (
        (events["event_date"] > last) if not open_ended else False)
    if outside.any():
        window = f"{first:%Y-%m-%d} to " + ("today" if open_ended else f"{last:%Y-%m-%d}")
        raise DataError([Problem(file, int(r.source_line), "event_date",
                                 f"{r.event_date:%Y-%m-%d}", f"a date inside the phases of "
                                 f"phases.csv ({window})")
                         for r in events[outside].itertuples(index=False)])


def _period_bounds(text: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day a YYYY, YYYY-MM or YYYY-MM-DD date can mean."""
    start = pd.Timestamp(text + {4: "-01-01", 7: "-01"}.get(len(text), ""))
    end = {4: start + pd.offsets.YearEnd(0), 7: start + pd.offsets.MonthEnd(0)}.get(
        len(text), start)
    return start, end


def check_presence(events: pd.DataFrame, places: pd.DataFrame, file: str) -> None:
    """An attack on a US position needs US or coalition forces there that day, as far as the
    gazetteer's sourced presence dates say; a row whose ``disputes`` explains why it still
    counts (it names "US presence") is accepted."""
    known = places[(places["us_presence_start"] != "") | (places["us_presence_end"] != "")]
    if known.empty:
        return
    attacks = events[events["category"] == V.ATTACK].merge(
        known[["place", "us_presence_start", "us_presence_end"]], on="place")
    problems = []
    for r in attacks.itertuples(index=False):
        if "us presence" in r.disputes.lower():
            continue
        began = _period_bounds(r.us_presence_start)[0] if r.us_presence_start else None
        ended = _period_bounds(r.us_presence_end)[1] if r.us_presence_end else None
        if (began is not None and r.event_date < began) or \
                (ended is not None and r.event_date > ended):
            span = f"{r.us_presence_start or '?'} to {r.us_presence_end or 'now'}"
            problems.append(Problem(file, int(r.source_line), "event_date",
                                    f"{r.event_date:%Y-%m-%d}", f"a day with US presence at "
                                    f"{r.place} ({span} in places.csv), or 'US presence: ...' in "
                                    "disputes saying why the attack still counts"))
    if problems:
        raise DataError(problems)


def article_text_problems(path: Path) -> list[Problem]:
    """What keeps a seed article's text file from being read into a report."""
    import re

    from analysis.inputs.schemas import CONTROL_IN_TEXT

    label = file_label(path)
    try:
        text = read_text(path, empty="the article's text (this file is blank)")
    except DataError as err:
        return [Problem(label, p.line, p.column, p.value, p.expected) for p in err.problems]
    problems = []
    if len(text) > MAX_ARTICLE_CHARS:
        problems.append(Problem(label, None, "(file)", f"{len(text):,} characters",
                                f"at most {MAX_ARTICLE_CHARS:,} characters"))
    bad = re.search(CONTROL_IN_TEXT, text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        start = text.rfind("\n", 0, bad.start()) + 1
        problems.append(Problem(label, line, f"(character {bad.start() - start + 1})",
                                text[start:bad.end()][-40:],
                                "text without control characters (NUL, ESC, ...; newline "
                                "and tab are fine)"))
    return problems


@dataclass(frozen=True)
class Dataset:
    """Everything a report reads: events joined to the gazetteer, places, tallies, phases,
    and what the data package says about the data (None for an export)."""

    events: pd.DataFrame
    places: pd.DataFrame
    tallies: pd.DataFrame
    phases: pd.DataFrame
    package: Package | None = None

    @property
    def searched_on(self) -> pd.Timestamp | None:
        """When the sources were last searched (not the date of the last event found)."""
        return self.package.searched_on if self.package else None

    @property
    def sources_reach(self) -> pd.Timestamp | None:
        """How far the searched sources reach (the newest available page of the outlets
        searched): after it nothing can be known from them, "no data", never zero."""
        return self.package.reach if self.package else None
    # Each figure an event's toll was stated as, and when (toll_statements.csv).
    tolls: pd.DataFrame = field(default_factory=empty_toll_statements)

    @property
    def current_to(self) -> pd.Timestamp:
        """How far a report's window runs by default: the day the sources were searched,
        else (an export) the last date the data speaks of."""
        return self.searched_on if self.searched_on is not None else self.as_of

    @property
    def as_of(self) -> pd.Timestamp:
        """The latest date the data speaks of (an event or a tally)."""
        dates = [self.events["event_date"].max(), self.tallies["as_of"].max()]
        return max(d for d in dates if pd.notna(d))


def load_dataset(data_dir: Path | str | None = None, today: dt.date | None = None) -> Dataset:
    """Load and validate data/{events,places,tallies,phases}.csv and the data package, and
    join events to their places."""
    folder = Path(data_dir) if data_dir is not None else paths.DATA_DIR
    check_folder_files(folder)
    places = load_places(folder / paths.PLACES_FILE)
    events = load_events(folder / paths.EVENTS_FILE, set(places["place"]), today)
    events_file = file_label(folder / paths.EVENTS_FILE)
    check_presence(events, places, events_file)
    tallies = load_tallies(folder / paths.TALLIES_FILE, today)
    phases = load_phases(folder / paths.PHASES_FILE, today)
    check_phases_cover(events, phases, events_file)
    check_coordinates(places, folder, file_label(folder / paths.PLACES_FILE))
    tolls_file = folder / paths.TOLLS_FILE
    tolls = load_toll_statements(tolls_file, set(events["event_id"]), today) \
        if tolls_file.exists() else empty_toll_statements()
    return Dataset(join_places(events, places), places, tallies, phases,
                   load_package(folder / paths.PACKAGE_FILE, today), tolls=tolls)


def check_coordinates(places: pd.DataFrame, folder: Path, file: str) -> None:
    """Each place lies in its country (within a border tolerance), by the outlines the maps
    draw: a site drawn in the wrong country is a typo, not a fact."""
    from analysis.inputs.boundaries import (
        BORDER_TOLERANCE,
        BOUNDARIES_FILE,
        degrees_outside,
        load_boundaries,
    )

    own = folder / BOUNDARIES_FILE
    boundaries = load_boundaries(own if own.exists() else paths.DATA_DIR / BOUNDARIES_FILE)
    problems = []
    for r in places.itertuples(index=False):
        off = degrees_outside(boundaries, r.country, r.latitude, r.longitude)
        if off is not None and off > BORDER_TOLERANCE:
            problems.append(Problem(file, int(r.source_line), "latitude",
                                    f"{r.latitude}, {r.longitude}",
                                    f"coordinates inside {r.country} (these lie {off:.2f}° "
                                    "outside its outline in boundaries.geojson)"))
    if problems:
        raise DataError(problems)


def check_folder_files(folder: Path) -> None:
    """Every file of a data folder is a regular file inside it (no link leads elsewhere)."""
    files = [f for f in sorted(folder.iterdir()) if f.is_symlink() or f.is_file()] \
        if folder.is_dir() else []
    problems = [p for f in files for p in problem_with(f, folder, file_label(f))]
    if problems:
        raise DataError(problems)


def join_places(events: pd.DataFrame, places: pd.DataFrame, sort: bool = True) -> pd.DataFrame:
    """Give each event its place's name, country, governorate and coordinates.

    ``sort`` orders rows by date and id; large exports skip it and keep their file order.
    """
    columns = ["place", "name", "kind", "country", "admin1", "latitude", "longitude"]
    joined = events.merge(places[columns].rename(columns={"name": "place_name",
                                                          "kind": "place_kind"}),
                          on="place", how="left", validate="many_to_one")
    if not sort:
        return joined
    return joined.sort_values(["event_date", "event_id"], kind="stable").reset_index(drop=True)
