"""Checking an article's quantitative claims against the data as of its publication date.

A claim is held only against the event or count its sentence describes: events are chosen
by the dates the sentence gives (else the days before publication), the places or regions it
names (else the events the article as a whole describes), and the measure. Counts are held
against stated counts of the matching kind (official for attacks, the militias' own for
claimed operations). When nothing matches, the verdict is "cannot check" with the reason.

Verdicts: supported, contradicted, disputed among sources (the claim sits inside the range
sources give), cannot check. Every verdict carries the numbers behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.measures import counting, stated_counts
from analysis.measures.mentions import APPROXIMATE, LOWER_BOUND, Mention

SUPPORTED, CONTRADICTED, DISPUTED, CANNOT = (
    "supported", "contradicted", "disputed among sources", "cannot check")
VERDICTS = (SUPPORTED, CONTRADICTED, DISPUTED, CANNOT)
# An article's "overnight" or "Saturday" event lies within these days before publication.
MATCH_DAYS_BEFORE = 3
# A date in the text may be US Eastern while the data's is local: one day either side.
DATE_SLACK = pd.Timedelta(days=1)
# "Recently", "last week": an event up to this many days before publication.
RECENT_DAYS = 14
# A stated cumulative count older than this at publication is not what the article used.
STALE_DAYS = 14
EVENT_MEASURES = {
    "us_killed": ("us_killed", None, counting.attacks),
    "us_injured": ("us_injured", "us_injured_high", counting.attacks),
    "militants_killed": ("killed", "killed_high", counting.strikes),
    "projectiles": ("projectiles", None, counting.attacks),
}
MEASURE_NAMES = {"us_killed": "US killed", "us_injured": "US injured",
                 "militants_killed": "killed in strikes", "attacks_since": "attacks since",
                 "claimed_operations": "claimed operations", "strikes": "strikes",
                 "projectiles": "drones, rockets or missiles launched",
                 "other": "other"}


@dataclass(frozen=True)
class Context:
    """What a claim is held against: the data as it stood on the publication date."""

    events: pd.DataFrame
    tallies: pd.DataFrame
    matched: pd.DataFrame
    published: pd.Timestamp
    article_regions: tuple[str, ...] = ()


def matched_events(events: pd.DataFrame, places: pd.DataFrame, found: pd.DataFrame,
                   published: pd.Timestamp, article_id: str,
                   regions: tuple[str, ...] = ()) -> pd.DataFrame:
    """Events the article most likely describes: at a place it names (or in that place's
    governorate, or in a country or governorate it names) in the days before publication,
    or linked to it in the data (``seed``)."""
    keys = set(found["place"])
    admin1s = set(places[places["place"].isin(keys)]["admin1"]) - {""}
    window = counting.window(events, published - pd.Timedelta(days=MATCH_DAYS_BEFORE),
                             published)
    same_place = window["place"].isin(keys)
    same_admin = window["admin1"].isin(admin1s) & ~same_place
    same_region = _in_regions(window, regions) & ~same_place & ~same_admin
    linked = events["seed"] == article_id
    rows = pd.concat([window[same_place].assign(match="same site"),
                      window[same_admin].assign(match="same governorate"),
                      window[same_region].assign(match="same region named"),
                      events[linked].assign(match="")])
    rows = rows.sort_values("match", ascending=False).drop_duplicates("event_id", keep="first")
    is_linked = rows["event_id"].isin(events.loc[linked, "event_id"])
    rows.loc[is_linked, "match"] = (rows.loc[is_linked, "match"] + "; linked in the data") \
        .str.lstrip("; ")
    return rows.sort_values(["event_date", "event_id"]).reset_index(drop=True)


def _in_regions(events: pd.DataFrame, regions: tuple[str, ...]) -> pd.Series:
    mask = pd.Series(False, index=events.index)
    for region in regions:
        country, _, admin1 = region.partition("/")
        here = events["country"] == country
        mask |= (here & (events["admin1"] == admin1)) if admin1 else here
    return mask


def compare(value: int, qualifier: str, low: int, high: int) -> str:
    """A claimed figure against the lowest and highest figures the sources reported."""
    if qualifier in LOWER_BOUND:
        strict = qualifier != "at least"
        reaches = (lambda x: x > value) if strict else (lambda x: x >= value)
        return SUPPORTED if reaches(low) else DISPUTED if reaches(high) else CONTRADICTED
    if qualifier == "up to":
        return SUPPORTED if high <= value else DISPUTED if low <= value else CONTRADICTED
    slack = max(1, round(0.1 * value)) if qualifier in APPROXIMATE else 0
    if low - slack <= value <= high + slack:
        return SUPPORTED if low == high else DISPUTED
    return CONTRADICTED


def _described_events(mention: Mention, ctx: Context, pick, column: str
                      ) -> tuple[pd.DataFrame, str, bool]:
    """The events a sentence describes, words saying how they were chosen, and whether the
    sentence itself anchored them (a date or a place it names) or the choice fell back on
    the article (then a claim can rest only on one unambiguous event)."""
    candidates = pick(ctx.events)
    if mention.dates:
        near = pd.Series(False, index=candidates.index)
        for day in mention.dates:
            near |= (candidates["event_date"] >= day - DATE_SLACK) & \
                (candidates["event_date"] <= day + DATE_SLACK)
        candidates = candidates[near]
        when = "on " + ", ".join(f"{d:%-d %b %Y}" for d in mention.dates)
    else:
        days = RECENT_DAYS if mention.recent else MATCH_DAYS_BEFORE
        candidates = counting.window(candidates, ctx.published - pd.Timedelta(days=days),
                                     ctx.published)
        when = f"in the {days} days before publication"
    if mention.places:
        return candidates[candidates["place"].isin(mention.places)], \
            f"at {', '.join(mention.places)} {when}", True
    if mention.regions:
        return candidates[_in_regions(candidates, mention.regions)], \
            f"in {', '.join(mention.regions)} {when}", bool(mention.dates)
    if not mention.recent:
        described = candidates[candidates["event_id"].isin(ctx.matched["event_id"])]
        if not described.empty:
            return described, f"the article's events {when}", bool(mention.dates)
    if ctx.article_regions:
        inside = candidates[_in_regions(candidates, ctx.article_regions)]
        if not mention.dates:  # "an attack that injured three": one with such a toll
            inside = inside[inside[column].fillna(0) > 0]
        return inside, f"in {', '.join(ctx.article_regions)} (named in the article) {when}", \
            bool(mention.dates)
    return candidates.iloc[0:0], f"{when} (neither the sentence nor the article names a " \
        "place)", False


def _event_claim(mention: Mention, ctx: Context, row: dict[str, object]) -> dict[str, object]:
    column, high_column, pick = EVENT_MEASURES[mention.measure]
    what = "attack" if pick is counting.attacks else "strike"
    hits, where, anchored = _described_events(mention, ctx, pick, column)
    if hits.empty:
        row["data"] = f"no documented {what} {where}"
        return row
    if not anchored and len(hits) > 1:
        row["data"] = (f"{len(hits)} documented {what}s {where} "
                       f"({', '.join(hits['event_id'])}); the sentence does not say which")
        return row
    known = hits[hits[column].notna()]
    if known.empty:
        row["data"] = f"{', '.join(hits['event_id'])}: {MEASURE_NAMES[mention.measure]} " \
                      "not recorded"
        return row
    low = int(known[column].sum())
    high = int(known[high_column].fillna(known[column]).sum()) if high_column else low
    row["data"] = (f"{', '.join(known['event_id'])}: {low}" + (f"–{high}" if high != low else "")
                   + f" {MEASURE_NAMES[mention.measure]}"
                   + (" (lowest to highest report)" if high != low else ""))
    row["verdict"] = compare(mention.value, mention.qualifier, low, high)
    return row


def _stated_claim(mention: Mention, ctx: Context, row: dict[str, object], kind: str,
                  column: str) -> dict[str, object]:
    """A cumulative figure against the latest count of ``kind`` stated by publication."""
    known = ctx.tallies[(ctx.tallies["stated_on"].isna())
                        | (ctx.tallies["stated_on"] <= ctx.published)]
    pick = stated_counts.latest(known, kind, end=ctx.published, column=column)
    label = stated_counts.LABELS[kind] if column == "total" else \
        f"{kind} {stated_counts.COLUMN_LABELS[column]}"
    if pick is None:
        row["data"] = f"no {label} stating this figure by {ctx.published:%-d %b %Y}"
        return row
    age = (ctx.published - pick["as_of"]).days
    stated = int(pick[column])
    row["data"] = f"{label}: {stated} as of {pick['as_of']:%-d %b %Y} ({pick['speaker']})"
    if age > STALE_DAYS:
        row["data"] += f"; {age} days before publication, too old to hold the claim against"
        return row
    row["verdict"] = compare(mention.value, mention.qualifier, stated, stated)
    if mention.measure == "attacks_since":
        documented = counting.attacks_since(ctx.events, counting.FIRST_ATTACKS, ctx.published)
        row["data"] += f"; {documented} documented in this dataset by then"
    return row


def check_claim(mention: Mention, ctx: Context) -> dict[str, object]:
    """One claim, its verdict and the numbers behind it."""
    claim = mention.text or f"{mention.value} {mention.what}"
    if _to_digits(claim) != mention.value:
        claim = f"{claim} (= {mention.value})"
    row: dict[str, object] = {"claim": claim, "measure": MEASURE_NAMES[mention.measure],
                              "verdict": CANNOT, "data": "", "sentence": mention.sentence}
    if mention.measure in EVENT_MEASURES and mention.cumulative:
        if mention.measure == "us_injured":
            return _stated_claim(mention, ctx, row, "official", "us_injured")
        row["data"] = "a running total of casualties, which the dataset does not state"
    elif mention.measure in EVENT_MEASURES:
        return _event_claim(mention, ctx, row)
    elif mention.measure == "attacks_since":
        claimed = "claim" in mention.sentence.lower()
        return _stated_claim(mention, ctx, row, "claim" if claimed else "official", "total")
    elif mention.measure == "claimed_operations":
        return _stated_claim(mention, ctx, row, "claim", "total")
    elif mention.measure == "strikes":
        hits, where, _ = _described_events(mention, ctx, counting.strikes, "killed")
        row["data"] = (f"{len(hits)} strike location(s) documented {where}; the article may "
                       "count strikes in another unit (sorties, targets, rounds)")
        if len(hits) == mention.value:
            row["verdict"] = SUPPORTED
    else:
        row["data"] = "not a count the dataset holds"
    return row


def check_claims(mentions: list[Mention], ctx: Context) -> pd.DataFrame:
    """Every distinct claim with its verdict. A number repeated with the same measure is one
    claim; of its sentences, the first that can be checked speaks for it."""
    chosen: dict[tuple, dict[str, object]] = {}
    for m in mentions:
        key = (m.value, m.measure if m.measure != "other" else m.what.lower())
        if key in chosen and chosen[key]["verdict"] != CANNOT:
            continue
        row = check_claim(m, ctx)
        if key not in chosen or row["verdict"] != CANNOT:
            chosen[key] = row
    return pd.DataFrame(list(chosen.values()),
                        columns=["claim", "measure", "verdict", "data", "sentence"])


def _to_digits(text: str) -> int | None:
    """The single number written in digits in ``text``, if it is the only one."""
    import re

    found = re.findall(r"\d[\d,]*", text)
    return int(found[0].replace(",", "")) if len(found) == 1 else None
