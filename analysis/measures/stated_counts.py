"""Counts as stated (data/tallies.csv), of four kinds never added to or equated with each
other, and the written rule that picks the "latest" count of a kind for a headline box."""

from __future__ import annotations

import pandas as pd

KINDS = ("official", "tracker", "claim", "monitor")
COLUMN_LABELS = {"total": "count of attacks", "us_injured": "count of US injured",
                 "us_killed": "count of US killed"}
LABELS = {
    "official": "official US count of attacks",
    "tracker": "independent tracker's count",
    "claim": "militias' own claimed total",
    "monitor": "local authorities' or monitors' count",
}
RULE = ("The latest count of each kind is the one covering the most recent date within the "
        "report's window (then the most recently stated, then the larger count: an umbrella "
        "group's total over one faction's), among counts that state the figure shown (the "
        "total, or the country's own figure in a country report). A count read only in a blog "
        "copy is used only when no other count of that kind is in the window, and the box says "
        "so; a count relayed by a news outlet ('X (via Y)') is named with its relay.")


def of_kind(tallies: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The stated counts of one kind."""
    return tallies[tallies["kind"] == kind]


def second_hand(tallies: pd.DataFrame) -> pd.Series:
    """True where the count was read only in a blog copy (a blog host, or the speaker says
    so): such a copy is the last resort of :data:`RULE`."""
    host = tallies["source"].fillna("").str.extract(r"^https?://([^/]+)", expand=False)
    return host.fillna("").str.contains(r"blog|wordpress|substack|medium\.com", case=False) | \
        tallies["speaker"].fillna("").str.contains(r"\bblog\b", case=False)


def latest(tallies: pd.DataFrame, kind: str, start: pd.Timestamp | None = None,
           end: pd.Timestamp | None = None, column: str = "total") -> pd.Series | None:
    """The count of ``kind`` that the rule (:data:`RULE`) picks, with ``second_hand`` (a blog
    copy) set;
    None when the window holds no count of that kind stating ``column``."""
    table = of_kind(tallies, kind).dropna(subset=[column])
    if start is not None:
        table = table[table["as_of"] >= start]
    if end is not None:
        table = table[table["as_of"] <= end]
    if table.empty:
        return None
    relayed = second_hand(table)
    pool = table[~relayed] if (~relayed).any() else table
    pick = pool.sort_values(["as_of", "stated_on", column], na_position="first").iloc[-1].copy()
    pick["second_hand"] = bool(relayed.loc[pick.name])
    return pick
