"""One event's toll as it stood on a given day (data/toll_statements.csv).

A toll is often stated several times: Tower 22's injured were 25, then 34 on the day of
the attack, more than 40 two days later and 47 after that. A claim is held against the
figures known on the article's date: those stated by then, from the last one that replaced
the earlier figures (``replaces_earlier``: an update, a correction) onwards; different
sources' figures that stand side by side give a range. Earlier figures, and those stated
later or on no known date, are context, never the basis of a verdict.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class TollThen:
    """An event's statements of one measure, split by the day a claim is held on."""

    current: pd.DataFrame  # the figures standing on that day (empty: none stated by then)
    earlier: pd.DataFrame  # figures stated before them and replaced by them
    later: pd.DataFrame  # figures stated after that day, or on no known date

    @property
    def low(self) -> int:
        return int(self.current["value"].min())

    @property
    def high(self) -> int:
        return int(self.current["value"].max())

    @property
    def figures_then(self) -> list[int]:
        """Every figure stated by that day, earliest first."""
        return [int(v) for v in pd.concat([self.earlier, self.current])["value"]]


def as_of(tolls: pd.DataFrame, event_id: str, measure: str, day: pd.Timestamp
          ) -> TollThen | None:
    """The statements of ``measure`` for ``event_id`` as they stood on ``day``; None when
    the data records no statement of a number for it."""
    rows = tolls[(tolls["event_id"] == event_id) & (tolls["measure"] == measure)
                 & tolls["value"].notna()]
    if rows.empty:
        return None
    known = rows[rows["stated_on"].notna() & (rows["stated_on"] <= day)]
    later = rows.drop(index=known.index)
    replacing = [i for i, flag in known["replaces_earlier"].items() if flag == "yes"]
    cut = known.index.get_loc(replacing[-1]) if replacing else 0
    return TollThen(known.iloc[cut:], known.iloc[:cut], later)


def describe(rows: pd.DataFrame) -> str:
    """'30 (date not known); 40 (30 Jan 2024, 3 sources); 47 (date not known, 2 sources)'
    for context (who said each is in the report's table of statements)."""
    parts = []
    keys = rows.assign(day=rows["stated_on"].map(
        lambda d: f"{d:%-d %b %Y}" if pd.notna(d) else "date not known"))
    for (value, day), group in keys.groupby(["value", "day"], sort=False):
        many = f", {len(group)} sources" if len(group) > 1 else ""
        parts.append(f"{int(value)} ({day}{many})")
    return "; ".join(parts)


__all__ = ["TollThen", "as_of", "describe"]
