"""Counts as stated (data/tallies.csv), of four kinds never added to or equated with each
other, and the written rule that picks the "latest" count of a kind for a headline box:
the one owner of that rule (reports, the article check and the front page use it)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from analysis.inputs.vocabulary import COUNTRIES, SOURCE_KINDS

KINDS = ("official", "tracker", "claim", "monitor")
COLUMN_LABELS = {"total": "count of attacks", "us_injured": "count of US injured",
                 "us_killed": "count of US killed"}
LABELS = {
    "official": "official US count of attacks",
    "tracker": "independent tracker's count",
    "claim": "militias' own claimed total",
    "monitor": "local authorities' or monitors' count",
}
# Counts whose dates lie this close to the latest are "nearly the same date": among them
# the better source wins (a briefing over a copy of it).
NEAR_DAYS = 3
RULE = ("The latest count of each kind is the one covering the most recent date within the "
        f"report's window, among counts that state the figure shown (the total, or the "
        f"country's own figure in a country report). Among counts whose dates lie within "
        f"{NEAR_DAYS} days of that date, a direct statement beats a copy of it and a copy "
        "beats a summary: the speaker's own transcript or release first, then a major wire "
        "or newspaper of record, then another site relaying it, then a third party's "
        "summary; then the later date, the later statement, and the larger count (an "
        "umbrella group's total over one faction's). The box names the speaker and, for a "
        "relayed count, the relay.")


def of_kind(tallies: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The stated counts of one kind."""
    return tallies[tallies["kind"] == kind]


def figure(tallies: pd.DataFrame, countries: Sequence[str] | None) -> pd.Series:
    """The figure each count gives for ``countries`` (None or all three: the total; one
    country: its own figure; several: the sum when each was stated, else NA)."""
    if not countries or set(countries) == set(COUNTRIES):
        return tallies["total"]
    parts = tallies[[c.lower() for c in countries]]
    return parts.sum(axis=1, min_count=len(countries)).where(parts.notna().all(axis=1))


def latest(tallies: pd.DataFrame, kind: str, start: pd.Timestamp | None = None,
           end: pd.Timestamp | None = None, column: str = "total",
           countries: Sequence[str] | None = None) -> pd.Series | None:
    """The count of ``kind`` that :data:`RULE` picks, with ``value`` (the figure for
    ``column``, or for ``countries`` when column is "total"); None when the window holds no
    count of that kind stating it."""
    table = of_kind(tallies, kind)
    if start is not None:
        table = table[table["as_of"] >= start]
    if end is not None:
        table = table[table["as_of"] <= end]
    values = figure(table, countries) if column == "total" else table[column]
    table = table.assign(value=values).dropna(subset=["value"])
    if table.empty:
        return None
    near = table[table["as_of"] >= table["as_of"].max() - pd.Timedelta(days=NEAR_DAYS)]
    rank = near["source_kind"].map({k: -i for i, k in enumerate(SOURCE_KINDS)}).fillna(
        -len(SOURCE_KINDS))
    pick = near.assign(_rank=rank).sort_values(["_rank", "as_of", "stated_on", "value"],
                                               na_position="first").iloc[-1]
    pick = pick.drop("_rank")
    pick["value"] = int(pick["value"])
    return pick
