"""Phases of the timeline (data/phases.csv): the window a phase name stands for, and which
phase each event or date falls in, so every count can be given per phase."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.inputs.problems import unknown_value


@dataclass(frozen=True)
class Phase:
    """One named period; ``end`` is None for a phase still running."""

    name: str
    start: pd.Timestamp
    end: pd.Timestamp | None
    summary: str = ""


def get(phases: pd.DataFrame, name: str) -> Phase:
    """The phase called ``name`` (ParameterError listing the names when there is none)."""
    match = phases[phases["name"] == name]
    if match.empty:
        raise unknown_value("phase", name, phases["name"])
    row = match.iloc[0]
    return Phase(row["name"], row["start"], None if pd.isna(row["end"]) else row["end"],
                 row["summary"])


def ordered(phases: pd.DataFrame) -> list[Phase]:
    """Every phase, earliest first."""
    return [get(phases, n) for n in phases.sort_values("start")["name"]]


def phase_of(dates: pd.Series, phases: pd.DataFrame) -> pd.Series:
    """The name of the phase each date falls in (an ordered categorical; NA outside)."""
    table = phases.sort_values("start")
    names = list(table["name"])
    ends = table["end"].fillna(table["start"].max() + pd.Timedelta(days=365 * 200))
    bins = pd.IntervalIndex.from_arrays(table["start"], ends, closed="both")
    codes = bins.get_indexer(dates)
    return pd.Series(pd.Categorical.from_codes(codes, categories=names, ordered=True),
                     index=dates.index, name="phase")


def with_phase(events: pd.DataFrame, phases: pd.DataFrame) -> pd.DataFrame:
    """Events with a ``phase`` column."""
    return events.assign(phase=phase_of(events["event_date"], phases))


def clip(phase: Phase, start: pd.Timestamp, end: pd.Timestamp) -> tuple[pd.Timestamp,
                                                                         pd.Timestamp] | None:
    """The part of a phase inside [start, end], or None when they do not meet."""
    lo = max(phase.start, start)
    hi = min(phase.end if phase.end is not None else end, end)
    return (lo, hi) if lo <= hi else None
