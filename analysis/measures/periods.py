"""The time bins every chart and table shares: weeks cut at phase and window edges.

A report's window is split by phase, and each phase into weeks (Monday to Sunday); a week
that a phase boundary or the window's edge cuts becomes two bins, each counted in its own
phase for its own days. The bins tile the window exactly, so every dated row falls in one
bin and one only: no row is dropped at a phase edge and none is drawn twice.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.measures import phases as phase_table


def bins(phases: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    """One row per bin in [start, end], in date order: ``phase``, ``start``, ``end`` (both
    inclusive), ``days``, and ``week`` (the Monday of the week the bin belongs to)."""
    rows = []
    for phase in phase_table.ordered(phases):
        window = phase_table.clip(phase, start, end)
        if window is None:
            continue
        lo, hi = window
        monday = lo - pd.Timedelta(days=lo.weekday())
        while monday <= hi:
            sunday = monday + pd.Timedelta(days=6)
            a, b = max(monday, lo), min(sunday, hi)
            rows.append({"phase": phase.name, "start": a, "end": b,
                         "days": (b - a).days + 1, "week": monday})
            monday += pd.Timedelta(days=7)
    frame = pd.DataFrame(rows, columns=["phase", "start", "end", "days", "week"])
    for c in ("start", "end", "week"):
        frame[c] = pd.to_datetime(frame[c])
    frame["days"] = frame["days"].astype(int)
    return frame


def bin_of(dates: pd.Series, table: pd.DataFrame) -> pd.Series:
    """The position in ``table`` (from :func:`bins`) of the bin each date falls in; -1 for
    a date outside every bin."""
    if table.empty:
        return pd.Series(-1, index=dates.index)
    starts = table["start"].to_numpy(dtype="datetime64[ns]")
    ends = table["end"].to_numpy(dtype="datetime64[ns]")
    values = dates.to_numpy(dtype="datetime64[ns]")
    at = np.searchsorted(starts, values, side="right") - 1
    inside = (at >= 0) & (values <= ends[np.clip(at, 0, None)])
    return pd.Series(np.where(inside, at, -1), index=dates.index)


def counts(events: pd.DataFrame, table: pd.DataFrame, by: str,
           columns: list[str] | None = None) -> pd.DataFrame:
    """Events per bin (rows of ``table``, all kept, zeros included), a column per value of
    ``by`` (in the order of ``columns`` when given), plus ``total``."""
    at = bin_of(events["event_date"], table)
    if (at < 0).any():
        raise ValueError(f"{int((at < 0).sum())} event(s) fall outside the bins")
    values = events[by].astype(str).to_numpy()
    wanted = columns if columns is not None else sorted(pd.unique(values))
    out = table.copy()
    for value in wanted:
        out[value] = np.bincount(at[values == value], minlength=len(table)).astype(int)
    out["total"] = np.bincount(at, minlength=len(table)).astype(int) if len(at) else 0
    return out.reset_index(drop=True)


def site_matrix(events: pd.DataFrame, table: pd.DataFrame, top: int = 15,
                other: str = "all other sites") -> pd.DataFrame:
    """Events per site (rows: the ``top`` busiest, then one row for every other site) per
    bin (columns: the bins' positions): a heat map's cells, summing to the events."""
    if events.empty:
        return pd.DataFrame(columns=range(len(table)), dtype=int)
    at = bin_of(events["event_date"], table)
    sites = events["place_name"].astype(str)
    order = sites.value_counts(sort=True).sort_index(kind="stable") \
        .sort_values(ascending=False, kind="stable").index
    kept = list(order[:top])
    label = sites.where(sites.isin(kept), other)
    rows = kept + ([other] if len(order) > top else [])
    matrix = pd.crosstab(label, at).reindex(index=rows, columns=range(len(table)), fill_value=0)
    matrix.index.name = "site"
    matrix.columns.name = None
    return matrix.astype(int)
