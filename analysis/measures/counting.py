"""Pure counting functions: DataFrame in, DataFrame or number out, no I/O.

"Documented" counts are incidents in the event table, one row per attack on one site;
they are never the official tallies, which live in their own table (see reconcile.py).
"""

from __future__ import annotations

import functools
import operator

import pandas as pd

from analysis.inputs.vocabulary import ATTACK, COUNTRIES, STRIKE
from analysis.measures import phases as phase_table

# The Pentagon counts attacks from 17 October 2023, the first day of the campaign.
FIRST_ATTACKS = pd.Timestamp("2023-10-17")


def _ts(value: str | pd.Timestamp | None) -> pd.Timestamp | None:
    return None if value is None or value == "" else pd.Timestamp(value)


def bounds(start: str | pd.Timestamp | None = None, end: str | pd.Timestamp | None = None,
           phase: str | None = None, phases: pd.DataFrame | None = None
           ) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """A date window given as dates, or as a phase name (looked up in ``phases``); a phase
    narrowed by start/end keeps the part inside both."""
    s, e = _ts(start), _ts(end)
    if phase is None:
        return s, e
    if phases is None:
        raise ValueError("a phase name needs the phases table (dataset.phases)")
    p = phase_table.get(phases, phase)
    return (max(p.start, s) if s is not None else p.start,
            min(p.end, e) if (e is not None and p.end is not None) else (p.end or e))


def window(events: pd.DataFrame, start: str | pd.Timestamp | None = None,
           end: str | pd.Timestamp | None = None,
           countries: list[str] | None = None, *, phase: str | None = None,
           phases: pd.DataFrame | None = None) -> pd.DataFrame:
    """Events dated from ``start`` to ``end`` inclusive (or in the named ``phase``), in the
    given countries (None = all)."""
    start, end = bounds(start, end, phase, phases)
    tests = []
    if (s := _ts(start)) is not None:
        tests.append(events["event_date"] >= s)
    if (e := _ts(end)) is not None:
        tests.append(events["event_date"] <= e)
    if countries:
        tests.append(events["country"].isin(countries))
    if not tests:  # no bound: a shallow copy (copy-on-write), not a million rows copied
        return events.copy(deep=False)
    return events[functools.reduce(operator.and_, tests)]


def attacks(events: pd.DataFrame) -> pd.DataFrame:
    """Attacks on US and coalition positions."""
    return events[events["category"] == ATTACK]


def strikes(events: pd.DataFrame) -> pd.DataFrame:
    """Strikes on Iran-aligned groups."""
    return events[events["category"] == STRIKE]


def attacks_since(events: pd.DataFrame, start: str | pd.Timestamp | None = None,
                  end: str | pd.Timestamp | None = None, *, phase: str | None = None,
                  phases: pd.DataFrame | None = None) -> int:
    """Number of documented attacks on US positions from ``start`` to ``end`` inclusive (or
    in the named ``phase``)."""
    return len(attacks(window(events, start, end, phase=phase, phases=phases)))


def by_phase(events: pd.DataFrame, phases: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Events per phase (every phase present, zeros kept), optionally a column per ``by``."""
    named = phase_table.with_phase(events, phases)
    if by is None:
        return named.groupby("phase", observed=False).size().rename("events").to_frame()
    table = named.groupby(["phase", by], observed=False).size().unstack(by, fill_value=0)
    table.columns.name = None
    return country_columns(table) if by == "country" else table


def counts_by(events: pd.DataFrame, by: str | list[str] = "country") -> pd.DataFrame:
    """Number of events per value of ``by`` (countries in a fixed order), largest first."""
    keys = [by] if isinstance(by, str) else list(by)
    counts = events.groupby(keys, dropna=False, observed=True).size().rename("events")
    table = counts.reset_index()
    if keys == ["country"]:
        order = {c: i for i, c in enumerate(COUNTRIES)}
        return table.sort_values("country", key=lambda s: s.map(order)).reset_index(drop=True)
    return table.sort_values(["events", *keys], ascending=[False, *[True] * len(keys)],
                             kind="stable").reset_index(drop=True)


def country_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Reorder columns so countries appear in the one fixed order used everywhere."""
    ordered = [c for c in COUNTRIES if c in frame.columns]
    return frame[ordered + [c for c in frame.columns if c not in ordered]]


def casualties(events: pd.DataFrame, low: str, high: str | None = None) -> dict[str, int]:
    """Sum of a casualty column: conservative total, highest total reported, rows unknown.

    Blank (unknown) figures are not counted as zero; they are reported as ``unknown_rows``.
    """
    values = events[low]
    total = int(values.sum(skipna=True))
    if high is not None:
        highest = int(events[high].fillna(values).sum(skipna=True))
    else:
        highest = total
    return {"low": total, "high": highest, "unknown_rows": int(values.isna().sum()),
            "rows": len(events)}


def split_by_attribution(events: pd.DataFrame) -> dict[str, int]:
    """Documented attacks split into US-confirmed and claimed-only (and the rest)."""
    counts = events["attribution"].value_counts()
    return {
        "confirmed": int(counts.get("confirmed", 0)),
        "claimed_only": int(counts.get("claimed", 0)),
        "other": int(counts.drop(["confirmed", "claimed"], errors="ignore").sum()),
    }


def announced_strikes(events: pd.DataFrame, actor: str = "United States") -> pd.DataFrame:
    """One actor's strikes that its government announced or acknowledged (confirmed or
    claimed), not those others blame on it."""
    hits = strikes(events)
    return hits[(hits["actor"] == actor) & hits["attribution"].isin(["confirmed", "claimed"])]


def strike_rounds(events: pd.DataFrame, actor: str = "United States") -> pd.DataFrame:
    """Announced strike rounds: one actor's strikes that its government announced or
    acknowledged (not those others blame on it), grouped by day (a day apart = one round).

    Columns: start, end, locations (place names), targets, rows, killed, killed_high.
    """
    hits = announced_strikes(events, actor).sort_values("event_date")
    if hits.empty:
        return pd.DataFrame(columns=["start", "end", "locations", "targets", "rows", "killed",
                                     "killed_high"])
    new_round = hits["event_date"].diff().dt.days.fillna(99) > 1
    rounds = []
    for _, group in hits.groupby(new_round.cumsum()):
        killed = casualties(group, "killed", "killed_high")
        rounds.append({
            "start": group["event_date"].min(), "end": group["event_date"].max(),
            "locations": ", ".join(pd.unique(group["place_name"])),  # first-seen order
            "targets": ", ".join(pd.unique(group["target"])),
            "rows": len(group),
            "killed": killed["low"] if killed["unknown_rows"] < len(group) else pd.NA,
            "killed_high": killed["high"] if killed["unknown_rows"] < len(group) else pd.NA,
        })
    table = pd.DataFrame(rounds)
    for c in ("killed", "killed_high"):
        table[c] = table[c].astype("Int64")
    return table


def attacks_around(attacks_: pd.DataFrame, rounds: pd.DataFrame, days: int = 7) -> pd.DataFrame:
    """Attacks in the ``days`` before each round's first day and after its last day."""
    table = rounds.copy()
    dates = attacks_["event_date"]
    before = [int(((dates >= s - pd.Timedelta(days=days)) & (dates < s)).sum())
              for s in rounds["start"]]
    after = [int(((dates > e) & (dates <= e + pd.Timedelta(days=days))).sum())
             for e in rounds["end"]]
    table[f"attacks_{days}d_before"] = before
    table[f"attacks_{days}d_after"] = after
    table["change"] = table[f"attacks_{days}d_after"] - table[f"attacks_{days}d_before"]
    return table
