"""Holding the documented incidents against the official cumulative tallies: the one place
coverage is computed (reports, ``python -m analysis coverage`` and the README use it).

Coverage at a tally date = documented attacks from 17 October 2023 to that date ÷ the
official count stated for it, always with numerator and denominator of the same scope
(the same countries). It is given three ways, because most of what the dataset documents
beyond the Pentagon's count are militia claims: all documented (confirmed, claimed and
reported by others), documented beyond the militias' claims (US-confirmed or reported by
someone other than the militia), and US-confirmed only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import pandas as pd

from analysis.inputs.vocabulary import COUNTRIES
from analysis.measures.counting import FIRST_ATTACKS, attacks
from analysis.measures.stated_counts import of_kind

SPLITS = ("total", "iraq", "syria", "jordan")
# What each coverage figure counts in the numerator (attribution values of events.csv).
MEASURES = {
    "all": ("confirmed", "claimed", "alleged", "unknown"),
    "beyond_claims": ("confirmed", "alleged", "unknown"),
    "confirmed": ("confirmed",),
}
LABELS = {"all": "all documented", "beyond_claims": "documented beyond militia claims",
          "confirmed": "US-confirmed"}


def official(tallies: pd.DataFrame) -> pd.DataFrame:
    """Official (US government) tallies only."""
    return of_kind(tallies, "official")


def stated_for(tally: pd.Series | object, countries: Sequence[str] | None) -> int | None:
    """The official figure for ``countries`` (None: the total): one country's own figure,
    or the sum of several countries' figures when the statement gave each of them; None
    when it did not."""
    if not countries or set(countries) == set(COUNTRIES):
        value = getattr(tally, "total", None)
        return None if value is None or pd.isna(value) else int(value)
    parts = [getattr(tally, c.lower(), None) for c in countries]
    if any(p is None or pd.isna(p) for p in parts):
        return None
    return int(sum(cast(list[float], parts)))  # none is None (checked above)


def documented_by(events: pd.DataFrame, as_of: pd.Timestamp,
                  countries: Sequence[str] | None = None) -> dict[str, int]:
    """Documented attacks from 17 October 2023 to ``as_of`` in ``countries`` (None: all),
    counted each way of :data:`MEASURES`."""
    a = attacks(events)
    a = a[(a["event_date"] >= FIRST_ATTACKS) & (a["event_date"] <= as_of)]
    if countries:
        a = a[a["country"].isin(list(countries))]
    return {name: int(a["attribution"].isin(values).sum()) for name, values in MEASURES.items()}


def at_tally(events: pd.DataFrame, tally, countries: Sequence[str] | None = None
             ) -> dict[str, object] | None:
    """Coverage at one official tally for one scope, or None when the tally gives no figure
    for it: the official figure, the documented counts and their ratios."""
    stated = stated_for(tally, countries)
    if stated is None or stated <= 0:
        return None
    documented = documented_by(events, tally.as_of, countries)
    row: dict[str, object] = {"as_of": tally.as_of, "official": stated}
    for name, value in documented.items():
        row[f"documented_{name}"] = value
        row[f"ratio_{name}"] = value / stated
    return row


def at_official_tallies(events: pd.DataFrame, tallies: pd.DataFrame,
                        splits: Sequence[str] = SPLITS) -> pd.DataFrame:
    """One row per official tally and split (total, iraq, syria, jordan) that the statement
    gave a figure for: as_of, stated_on, speaker, source, split, official, and for each
    measure ``documented_<m>`` and ``ratio_<m>``."""
    rows = []
    for tally in official(tallies).itertuples(index=False):
        for split in splits:
            countries = None if split == "total" else [split.title()]
            row = at_tally(events, tally, countries)
            if row is not None:
                rows.append({**row, "stated_on": tally.stated_on, "speaker": tally.speaker,
                             "source": tally.source, "split": split})
    columns = ["as_of", "stated_on", "split", "official"] + [
        f"{kind}_{m}" for m in MEASURES for kind in ("documented", "ratio")] + [
        "speaker", "source"]
    table = pd.DataFrame(rows, columns=columns)
    if not table.empty:
        table["official"] = table["official"].astype(int)
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
