"""Holding the documented incidents against the official cumulative tallies.

Coverage at a tally date = documented attacks from 17 October 2023 to that date, divided by
the official count stated for it; per country where the statement gave a split.
"""

from __future__ import annotations

import pandas as pd

from analysis.measures.counting import FIRST_ATTACKS, attacks, window
from analysis.measures.stated_counts import of_kind

_SPLITS = ("total", "iraq", "syria", "jordan")


def official(tallies: pd.DataFrame) -> pd.DataFrame:
    """Official (US government) tallies only."""
    return of_kind(tallies, "official")


def at_official_tallies(events: pd.DataFrame, tallies: pd.DataFrame) -> pd.DataFrame:
    """One row per official tally: official and documented counts and their ratio, per split.

    Columns: as_of, stated_on, speaker, source, then ``official_<x>``, ``documented_<x>`` and
    ``ratio_<x>`` for x in total, iraq, syria, jordan. A ratio is NA where the official
    statement gave no figure for that split.
    """
    rows = []
    documented_attacks = attacks(events)
    stated = official(tallies).dropna(how="all", subset=list(_SPLITS))
    for tally in stated.itertuples(index=False):
        upto = window(documented_attacks, FIRST_ATTACKS, tally.as_of)
        by_country = upto["country"].value_counts()
        row = {"as_of": tally.as_of, "stated_on": tally.stated_on,
               "speaker": tally.speaker, "source": tally.source}
        for split in _SPLITS:
            stated = getattr(tally, split)
            documented = len(upto) if split == "total" else int(by_country.get(split.title(), 0))
            row[f"official_{split}"] = stated
            row[f"documented_{split}"] = documented
            row[f"ratio_{split}"] = (documented / stated if pd.notna(stated) and stated > 0
                                     else pd.NA)
        rows.append(row)
    columns = ["as_of", "stated_on", "speaker", "source"] + [
        f"{kind}_{split}" for split in _SPLITS for kind in ("official", "documented", "ratio")]
    table = pd.DataFrame(rows, columns=columns)
    for split in _SPLITS:
        if not table.empty:
            table[f"official_{split}"] = table[f"official_{split}"].astype("Int64")
            table[f"ratio_{split}"] = table[f"ratio_{split}"].astype("Float64")
    return table


def disagreements(tallies: pd.DataFrame) -> pd.DataFrame:
    """Pairs of official statements that cannot both be right.

    Two statements disagree when they cover the same date with different totals, or when a
    count covering a later date is lower than one covering an earlier date.
    """
    stated = official(tallies).dropna(subset=["total"]).reset_index(drop=True)
    rows = []
    for i, a in stated.iterrows():
        for b in stated.iloc[i + 1:].itertuples(index=False):
            same_day_conflict = a.as_of == b.as_of and a.total != b.total
            decreasing = b.as_of > a.as_of and b.total < a.total
            if same_day_conflict or decreasing:
                rows.append({
                    "as_of_a": a.as_of, "total_a": a.total, "speaker_a": a.speaker,
                    "source_a": a.source, "as_of_b": b.as_of, "total_b": b.total,
                    "speaker_b": b.speaker, "source_b": b.source,
                    "why": "same date, different totals" if same_day_conflict
                    else "later count is lower",
                })
    return pd.DataFrame(rows)
