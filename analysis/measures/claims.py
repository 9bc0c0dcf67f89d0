"""Checking an article's quantitative claims against the data as of its publication date.

Verdicts: supported, contradicted, disputed among sources (the claim sits inside the range
sources give), cannot check. Every verdict carries the numbers behind it.
"""

from __future__ import annotations

import pandas as pd

from analysis.measures import counting, coverage
from analysis.measures.mentions import Mention

SUPPORTED, CONTRADICTED, DISPUTED, CANNOT = (
    "supported", "contradicted", "disputed among sources", "cannot check")
# An article's "overnight" or "Saturday" event lies within these days before publication.
MATCH_DAYS_BEFORE = 3
INJURY_DAYS_BEFORE = 14


def matched_events(events: pd.DataFrame, places: pd.DataFrame, found: pd.DataFrame,
                   published: pd.Timestamp, article_id: str) -> pd.DataFrame:
    """Events the article most likely describes: at a place it names (or in that place's
    governorate) in the days before publication, or linked to it in the data (``seed``)."""
    keys = set(found["place"])
    admin1s = set(places[places["place"].isin(keys)]["admin1"]) - {""}
    window = counting.window(events, published - pd.Timedelta(days=MATCH_DAYS_BEFORE),
                             published)
    same_place = window["place"].isin(keys)
    same_admin = window["admin1"].isin(admin1s) & ~same_place
    linked = events["seed"] == article_id
    rows = pd.concat([window[same_place].assign(match="same site"),
                      window[same_admin].assign(match="same governorate"),
                      events[linked].assign(match="")])
    rows = rows.sort_values("match", ascending=False).drop_duplicates("event_id", keep="first")
    is_linked = rows["event_id"].isin(events.loc[linked, "event_id"])
    rows.loc[is_linked, "match"] = (rows.loc[is_linked, "match"] + "; linked in the data") \
        .str.lstrip("; ")
    return rows.sort_values(["event_date", "event_id"]).reset_index(drop=True)


def _tally_known_on(tallies: pd.DataFrame, published: pd.Timestamp) -> pd.Series | None:
    known = tallies[(tallies["stated_on"].isna()) | (tallies["stated_on"] <= published)]
    return coverage.latest_official(known, published)


def _against_threshold(value: int, qualifier: str, actual: int) -> bool:
    if qualifier in ("over", "more than"):
        return actual > value
    if qualifier == "at least":
        return actual >= value
    if qualifier in ("about", "around", "nearly", "almost", "roughly", "some"):
        return abs(actual - value) <= max(1, round(0.1 * value))
    return actual == value


def check_claim(mention: Mention, events: pd.DataFrame, tallies: pd.DataFrame,
                matched: pd.DataFrame, published: pd.Timestamp) -> dict[str, object]:
    """One claim, its verdict and the numbers behind it."""
    claim = f"{mention.qualifier + ' ' if mention.qualifier else ''}{mention.value} " \
            f"{mention.what}"
    row = {"claim": claim, "measure": mention.measure, "verdict": CANNOT, "data": "",
           "sentence": mention.sentence}
    if mention.measure == "militants_killed":
        hits = counting.strikes(matched)
        if hits.empty or hits["killed"].isna().all():
            row["data"] = "no matching strike with a reported toll"
            return row
        tolls = counting.casualties(hits, "killed", "killed_high")
        low, high = tolls["low"], tolls["high"]
        row["data"] = (f"matched strike(s) {', '.join(hits['event_id'])}: {low} killed "
                       f"(lowest report) to {high} (highest)")
        row["verdict"] = (SUPPORTED if low == high == mention.value else
                          DISPUTED if low <= mention.value <= high else CONTRADICTED)
    elif mention.measure == "attacks_since":
        documented = counting.attacks_since(events, counting.FIRST_ATTACKS, published)
        official = _tally_known_on(tallies, published)
        if official is None:
            row["data"] = f"{documented} documented; no official count stated by then"
            return row
        total = int(official["total"])
        row["data"] = (f"official count {total} as of {official['as_of']:%-d %b %Y} "
                       f"({official['speaker']}); {documented} documented in this dataset "
                       f"from 17 Oct 2023 to {published:%-d %b %Y}")
        row["verdict"] = SUPPORTED if _against_threshold(
            mention.value, mention.qualifier, total) else CONTRADICTED
    elif mention.measure == "us_injured":
        recent = counting.window(counting.attacks(events),
                                 published - pd.Timedelta(days=INJURY_DAYS_BEFORE), published)
        hurt = recent[recent["us_injured"].fillna(0) > 0]
        if hurt.empty:
            row["data"] = f"no attack with US injuries in the {INJURY_DAYS_BEFORE} days before"
            return row
        high = hurt["us_injured_high"].fillna(hurt["us_injured"])
        fits = hurt[(hurt["us_injured"] <= mention.value) & (high >= mention.value)]
        pick = fits if not fits.empty else hurt
        row["data"] = "; ".join(
            f"{r.event_id}: {r.us_injured} US injured ({r.weapon})"
            for r in pick.itertuples(index=False))
        row["verdict"] = SUPPORTED if not fits.empty else CONTRADICTED
    else:
        row["data"] = "not a count the dataset holds"
    return row


def check_claims(mentions: list[Mention], events: pd.DataFrame, tallies: pd.DataFrame,
                 matched: pd.DataFrame, published: pd.Timestamp) -> pd.DataFrame:
    """Every distinct claim (same number, same measure counted once) with its verdict."""
    seen, rows = set(), []
    for m in mentions:
        key = (m.value, m.measure if m.measure != "other" else m.what.lower())
        if key in seen:
            continue
        seen.add(key)
        rows.append(check_claim(m, events, tallies, matched, published))
    return pd.DataFrame(rows, columns=["claim", "measure", "verdict", "data", "sentence"])
