"""Checking an article's quantitative claims against the data as it stood on its date.

A claim is held only against the event or count its sentence describes: events are chosen
by the dates the sentence gives (else the days before publication), the places and regions
it names (a toll "in strikes in Anbar and Babil" is the sum over both; else the events the
article as a whole describes), and the measure. An event's toll is the figure stated by the
publication date (toll_statements.csv), later figures shown as context. Running totals are
held against stated counts of the kind the sentence quotes: official, tracker, the
militias' own (said as claims) or a monitor's. When nothing matches, the verdict is "cannot
check" with the reason.

Verdicts: supported, contradicted, disputed among sources (the claim sits inside the range
sources give), cannot check. Every verdict carries the numbers behind it, and any mismatch
of weapon, place or date between the sentence and the row is said beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from analysis.inputs.vocabulary import ATTACK
from analysis.measures import counting, stated_counts, tolls
from analysis.measures.mentions import (
    APPROXIMATE,
    LOWER_BOUND,
    MONITOR_WORDS,
    Mention,
    find_dates,
    find_numbers,
    places_named,
    regions_named,
    sentence_category,
    sentences,
    weapons_named,
    where_text,
)

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
    "militants_casualties": ("killed", "killed_high", counting.strikes),
    "projectiles": ("projectiles", None, counting.attacks),
}
COUNTRY_MEASURES = {"attacks_iraq": "iraq", "attacks_syria": "syria",
                    "attacks_jordan": "jordan"}
MEASURE_NAMES = {"us_killed": "US killed", "us_injured": "US injured",
                 "militants_killed": "killed in strikes",
                 "militants_casualties": "killed or wounded in strikes",
                 "attacks_since": "attacks since",
                 "attacks": "attacks on the days named",
                 "attacks_iraq": "attacks in Iraq (a stated count's country figure)",
                 "attacks_syria": "attacks in Syria (a stated count's country figure)",
                 "attacks_jordan": "attacks in Jordan (a stated count's country figure)",
                 "claimed_operations": "claimed operations", "strikes": "strikes",
                 "projectiles": "drones, rockets or missiles launched",
                 "first_deaths": "first attack to kill US personnel",
                 "first_attack": "first attack since",
                 "other": "other"}
CLAIM_COLUMNS = ["claim", "measure", "verdict", "data", "notes", "sentence"]
# One row of the claims table, keyed by CLAIM_COLUMNS; every cell is text.
ClaimRow = dict[str, str]
_PROJECTILE_WORDS = {"drone": r"drones?", "rocket": r"rockets?", "ballistic_missile":
                     r"missiles?"}


@dataclass(frozen=True)
class Context:
    """What a claim is held against: the data as it stood on the publication date."""

    events: pd.DataFrame
    tallies: pd.DataFrame
    matched: pd.DataFrame
    published: pd.Timestamp
    article_regions: tuple[str, ...] = ()
    tolls: pd.DataFrame | None = field(default=None)
    # The days the article gives for what it reports (not when things were said): a
    # sentence that gives none speaks of these.
    article_days: tuple[pd.Timestamp, ...] = ()


# ---- which events the article describes ---------------------------------------------------
def _tolls_of(event: pd.Series) -> set[int]:
    values = set()
    for column in ("us_killed", "us_injured", "killed", "us_injured_high", "killed_high",
                   "projectiles"):
        value = event.get(column)
        if pd.notna(value) and int(value) > 0:
            values.add(int(value))
    return values


def matched_events(events: pd.DataFrame, places: pd.DataFrame, text: str,
                   published: pd.Timestamp, article_id: str) -> pd.DataFrame:
    """Events the article describes: at a place it names, in a governorate it names, or on
    a day it gives (else the days before publication) with a detail that identifies the
    event (its weapon or its toll) in a region the sentence names; or linked to the article
    in the data (``seed``). A country named is not enough."""
    window_start = published - pd.Timedelta(days=MATCH_DAYS_BEFORE)
    article = article_days(text, published)
    recent = counting.window(events, window_start, published)
    rows = []
    for sentence in sentences(text):
        dates = [f for f in find_dates(sentence, published) if not f.loose and not f.said]
        days = {d for f in dates for d in f.days}
        keys = set(places_named(sentence, places))
        days = days or set(article)
        if days:  # the days themselves; a day either side only if nothing named was then
            exact = events[events["event_date"].isin(days)]
            near = exact if (exact["place"].isin(keys).any() if keys else not exact.empty) \
                else _near(events, days)
        else:
            near = recent
        category = sentence_category(sentence)
        if keys:
            hits = near[near["place"].isin(keys)]
            rows.append(hits.assign(match="same site"))
            continue
        regions = regions_named(where_text(sentence), places)
        admin1s = {r.partition("/")[2] for r in regions if "/" in r}
        if admin1s and category:
            hits = near[near["admin1"].isin(admin1s) & (near["category"] == category)]
            rows.append(hits.assign(match="governorate named"))
        if not regions or category is None:
            continue
        weapons = set(weapons_named(sentence))
        numbers = {m.value for m in find_numbers(sentence, published)}
        pool = near[_in_regions(near, regions) & (near["category"] == category)]
        detail = [((category == ATTACK and r.weapon in weapons) or bool(_tolls_of(r) & numbers))
                  for _, r in pool.iterrows()]
        rows.append(pool[pd.Series(detail, index=pool.index, dtype=bool)].assign(
            match="date, region and detail named"))
    linked = (events["seed"] == article_id) if article_id else \
        pd.Series(False, index=events.index)
    rows.append(events[linked].assign(match=""))
    out = pd.concat(rows) if rows else events.iloc[0:0].assign(match="")
    out = out[out["event_date"] <= published]
    out = out.sort_values("match", ascending=False).drop_duplicates("event_id", keep="first")
    is_linked = out["event_id"].isin(events.loc[linked, "event_id"])
    out.loc[is_linked, "match"] = (out.loc[is_linked, "match"] + "; linked in the data") \
        .str.lstrip("; ")
    return out.sort_values(["event_date", "event_id"]).reset_index(drop=True)


def context_events(events: pd.DataFrame, described: pd.DataFrame, published: pd.Timestamp
                   ) -> pd.DataFrame:
    """The other events of the days before publication: context, not what the article
    describes."""
    window = counting.window(events, published - pd.Timedelta(days=MATCH_DAYS_BEFORE),
                             published)
    return window[~window["event_id"].isin(described["event_id"])].reset_index(drop=True)


def article_days(text: str, published: pd.Timestamp) -> tuple[pd.Timestamp, ...]:
    """The days an article gives for what it reports ('on Thursday', 'overnight'), not the
    days things were said, nor loose spans ('recently'), nor days before the days before
    publication that a sentence names for a past event ('late 2023')."""
    start = published - pd.Timedelta(days=MATCH_DAYS_BEFORE + 4)
    days = {d for sentence in sentences(text) for f in find_dates(sentence, published)
            if not f.loose and not f.said for d in f.days if start <= d <= published}
    return tuple(sorted(days))


def _near(events: pd.DataFrame, days) -> pd.DataFrame:
    mask = pd.Series(False, index=events.index)
    for day in days:
        mask |= (events["event_date"] >= day - DATE_SLACK) & \
            (events["event_date"] <= day + DATE_SLACK)
    return events[mask]


def _in_regions(events: pd.DataFrame, regions: tuple[str, ...] | list[str]) -> pd.Series:
    mask = pd.Series(False, index=events.index)
    for region in regions:
        country, _, admin1 = region.partition("/")
        here = events["country"] == country
        mask |= (here & (events["admin1"] == admin1)) if admin1 else here
    return mask


# ---- comparing a figure -----------------------------------------------------------------
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


def _day(d: pd.Timestamp) -> str:
    return f"{d:%-d %b %Y}"


# ---- events a sentence describes --------------------------------------------------------
def _described_events(mention: Mention, ctx: Context, pick, column: str, exact: bool = False
                      ) -> tuple[pd.DataFrame, str, bool, str]:
    """The events a sentence describes, words saying how they were chosen, whether the
    sentence itself anchored them (a date or a place it names; else a claim can rest only on
    one unambiguous event), and a note on any place the row does not share."""
    candidates = pick(ctx.events)
    days = mention.dates or (ctx.article_days if not mention.recent else ())
    if days:
        on_the_days = candidates[candidates["event_date"].isin(days)]
        # The days themselves; a day either side (US and local dates) only if nothing the
        # sentence names happened on them.
        candidates = on_the_days if exact or _any_here(on_the_days, mention) else \
            _near(candidates, days)
        when = "on " + ", ".join(_day(d) for d in days) if len(days) < 4 \
            else f"from {_day(days[0])} to {_day(days[-1])}"
        if not mention.dates:
            when += " (the days the article gives)"
    else:
        n_days = RECENT_DAYS if mention.recent else MATCH_DAYS_BEFORE
        candidates = counting.window(candidates, ctx.published - pd.Timedelta(days=n_days),
                                     ctx.published)
        when = f"in the {n_days} days before publication"
    named_places = set(mention.places)
    place_admin1 = set(ctx.events.loc[ctx.events["place"].isin(named_places), "admin1"])
    countries_of_places = set(ctx.events.loc[ctx.events["place"].isin(named_places), "country"])
    # A governorate the sentence names adds its events to the places it names ("near Jurf
    # al-Sakhar and Al Anbar"); a country only stands for the place when none is named.
    regions = [r for r in mention.regions
               if r.partition("/")[2] not in place_admin1 and r not in countries_of_places
               and ("/" in r or not named_places)]
    if named_places or regions:
        mask = candidates["place"].isin(named_places) | _in_regions(candidates, regions)
        hits = candidates[mask]
        where = " and ".join(p for p in (", ".join(sorted(named_places)),
                                          ", ".join(regions)) if p)
        if hits.empty and named_places:
            described = candidates[candidates["event_id"].isin(ctx.matched["event_id"])]
            if len(described) == 1:
                row = described.iloc[0]
                return described, f"the article's event {when}", True, (
                    f"the sentence names {', '.join(sorted(named_places))}; the event the "
                    f"article describes, {row['event_id']}, is at {row['place_name']}")
            nearby = candidates[candidates["admin1"].isin(place_admin1 - {""})]
            note = (f"documented in the same governorate {when}: "
                    f"{', '.join(nearby['event_id'])} (not held against the claim: the "
                    "sentence names another place)") if not nearby.empty else ""
            return hits, f"at {where} {when}", True, note
        return hits, f"at {where} {when}" if named_places else f"in {where} {when}", \
            bool(named_places) or bool(mention.dates), ""
    if not mention.recent:
        described = candidates[candidates["event_id"].isin(ctx.matched["event_id"])]
        if not described.empty:
            return described, f"the article's events {when}", bool(mention.dates), ""
    if ctx.article_regions:
        inside = candidates[_in_regions(candidates, ctx.article_regions)]
        if not mention.dates and column in inside:  # "an attack that injured three"
            inside = inside[inside[column].fillna(0) > 0]
        return inside, f"in {', '.join(ctx.article_regions)} (named in the article) {when}", \
            bool(mention.dates), ""
    return candidates.iloc[0:0], f"{when} (neither the sentence nor the article names a " \
        "place)", False, ""


def _any_here(events: pd.DataFrame, mention: Mention) -> bool:
    """Whether any of ``events`` is at a place, or in a region, the sentence names (or any
    event at all when it names neither)."""
    if not mention.places and not mention.regions:
        return not events.empty
    return bool((events["place"].isin(mention.places)
                 | _in_regions(events, mention.regions)).any())


def _prefer_weapon(hits: pd.DataFrame, mention: Mention, named: set[str]) -> pd.DataFrame:
    """Of events chosen by region or by the article (not by a place the sentence names),
    those with the weapon the sentence names, when any has it."""
    weapons = set(mention.weapons) - {"airstrike"}
    if not weapons or hits["place"].isin(named).all():
        return hits
    same = hits[hits["weapon"].isin(weapons | {"mixed"})]
    return same if not same.empty else hits


def _mismatches(mention: Mention, hits: pd.DataFrame) -> list[str]:
    """Where the sentence and the rows it is held against disagree on weapon or date."""
    notes = []
    weapons = set(mention.weapons) - {"airstrike"}
    for r in hits.itertuples(index=False):
        if r.category == ATTACK and weapons and r.weapon not in weapons | {"mixed", "unknown"}:
            said = " or ".join(sorted(weapons)).replace("_", " ")
            notes.append(f"weapon: the sentence says {said}; {r.event_id} records "
                         f"{r.weapon.replace('_', ' ')}")
        if mention.dates and r.event_date not in mention.dates:
            said = ", ".join(_day(d) for d in mention.dates[:3])
            notes.append(f"date: the sentence gives {said}; {r.event_id} is dated "
                         f"{_day(r.event_date)} (US and local dates can differ by a day)")
    return notes


# ---- tolls as they stood ----------------------------------------------------------------
def _figures(hits: pd.DataFrame, column: str, high_column: str | None, ctx: Context,
             name: str) -> tuple[pd.DataFrame, int, int, list[str], list[str],
                                 dict[str, list[int]]]:
    """The toll of each event as stated by publication (its statements, else the row's
    range), summed; words for the basis, the later figures, and each event's earlier ones."""
    statements = ctx.tolls if ctx.tolls is not None else None
    low = high = 0
    basis, later, earlier, used = [], [], {}, []
    for _, r in hits.iterrows():
        then = tolls.as_of(statements, r["event_id"], column, ctx.published) \
            if statements is not None and not statements.empty else None
        if then is not None and not then.current.empty:
            low, high = low + then.low, high + then.high
            speakers = "; ".join(f"{s.speaker}, {_day(s.stated_on)}"
                                 for s in then.current.itertuples(index=False))
            span = f"{then.low}" + (f"–{then.high}" if then.high != then.low else "")
            basis.append(f"{r['event_id']}: {span} {name} as stated by "
                         f"{_day(ctx.published)} ({speakers})")
            earlier[r["event_id"]] = [int(v) for v in then.earlier["value"]]
            if not then.later.empty:
                later.append(f"{r['event_id']}: {tolls.describe(then.later)}")
            used.append(r)
            continue
        if pd.isna(r[column]):
            continue
        row_low = int(r[column])
        row_high = int(r[high_column]) if high_column and pd.notna(r[high_column]) else row_low
        low, high = low + row_low, high + row_high
        basis.append(f"{r['event_id']}: {row_low}" + (f"–{row_high}" if row_high != row_low
                                                       else "") + f" {name}" + (
            " (lowest to highest report)" if row_high != row_low else ""))
        earlier[r["event_id"]] = [row_low, row_high] if row_high != row_low else []
        if then is not None and not then.later.empty:
            later.append(f"{r['event_id']}: {tolls.describe(then.later)} (none stated by "
                         "publication; the row's figures are held against the claim)")
        used.append(r)
    known = pd.DataFrame(used) if used else hits.iloc[0:0]
    return known, low, high, basis, later, earlier


def _from_description(row: pd.Series, weapons: tuple[str, ...]) -> int | None:
    """Projectiles the row's own description counts ('Two Katyusha-type rockets'), for a
    row whose ``projectiles`` is blank, when the sentence names the same weapon."""
    from analysis.measures.mentions import WORD_NUMBERS

    number = r"\d+|" + "|".join(w for w in WORD_NUMBERS if " " not in w)
    for weapon in weapons:
        words = _PROJECTILE_WORDS.get(weapon)
        if not words:
            continue
        launched = r"(?:fired|launched|aimed|sent|flown)"
        m = re.search(rf"{launched}\s+(?:\w+\s+){{0,2}}?\b({number})\b(?:\s+or\s+more)?\s+"
                      rf"(?:[\w-]+\s+){{0,2}}?(?:{words})\b|\b({number})\s+(?:[\w-]+\s+){{0,2}}?"
                      rf"(?:{words})\s+(?:were\s+)?{launched}\b",
                      str(row["description"]), re.IGNORECASE)
        if m:
            token = (m.group(1) or m.group(2)).lower()
            return int(token) if token.isdigit() else WORD_NUMBERS[token]
    return None


def _event_claim(mention: Mention, ctx: Context, row: ClaimRow) -> ClaimRow:
    column, high_column, pick = EVENT_MEASURES[mention.measure]
    what = "attack" if pick is counting.attacks else "strike"
    hits, where, anchored, place_note = _described_events(mention, ctx, pick, column)
    notes = [place_note] if place_note else []
    if hits.empty:
        row["data"] = f"no documented {what} {where}"
        row["notes"] = "; ".join(notes)
        return row
    if not anchored and len(hits) > 1 and not mention.dates and ctx.article_days:
        on_the_day = hits[hits["event_date"].isin(ctx.article_days)]
        hits = on_the_day if len(on_the_day) == 1 else hits
    if not anchored and len(hits) > 1:
        row["data"] = (f"{len(hits)} documented {what}s {where} "
                       f"({', '.join(hits['event_id'])}); the sentence does not say which")
        return row
    hits = _prefer_weapon(hits, mention, set(mention.places))
    notes += _mismatches(mention, hits)
    if mention.measure == "projectiles" and hits["projectiles"].isna().all() and len(hits) == 1:
        counted = _from_description(hits.iloc[0], mention.weapons)
        if counted is not None:
            row["data"] = (f"{hits.iloc[0]['event_id']}: {counted} "
                           f"{MEASURE_NAMES[mention.measure]}, as its description counts them "
                           "(projectiles blank)")
            row["verdict"] = compare(mention.value, mention.qualifier, counted, counted)
            row["notes"] = "; ".join(notes)
            return row
    known, low, high, basis, later, earlier = _figures(hits, column, high_column, ctx,
                                                       MEASURE_NAMES[mention.measure])
    if known.empty:
        row["data"] = f"{', '.join(hits['event_id'])}: {MEASURE_NAMES[mention.measure]} " \
                      "not recorded"
        row["notes"] = "; ".join(notes)
        return row
    missing = sorted(set(hits["event_id"]) - set(known["event_id"]))
    summed = len(hits) > 1
    row["data"] = "; ".join(basis) + (
        f"; summed over the {len(hits)} events the sentence names: {low}"
        + (f"–{high}" if high != low else "") if summed else "") + (
        f" ({', '.join(missing)}: not recorded)" if missing else "")
    if later:
        notes.append("stated later: " + "; ".join(later))
    if mention.first_reported:
        figures = {v for values in earlier.values() for v in values}
        if len(known) == 1 and mention.value in figures:
            row["verdict"] = SUPPORTED
            row["data"] += f"; {mention.value} is a figure reported before that"
        elif len(known) == 1 and figures:
            row["verdict"] = CONTRADICTED
            row["data"] += f"; the figures reported before it were {sorted(figures)}"
        else:
            row["data"] += "; the data records no earlier figure to hold it against"
        row["notes"] = "; ".join(notes)
        return row
    row["verdict"] = compare(mention.value, mention.qualifier, low, high)
    if mention.measure == "militants_casualties":
        notes.append("casualties count the wounded too; the data counts the killed")
        if mention.value > high and mention.qualifier not in ("up to",):
            row["verdict"] = CANNOT
            row["data"] += "; the wounded are not recorded"
    row["notes"] = "; ".join(notes)
    return row


# ---- counts of events -------------------------------------------------------------------
def _count_claim(mention: Mention, ctx: Context, row: ClaimRow, pick, what: str
                 ) -> ClaimRow:
    """'Four attacks on US forces in Iraq and Syria on Thursday': the documented events of
    the days and regions the sentence names (the article's events' days if it names none)."""
    if not mention.dates and ctx.article_days:
        mention = _with_dates(mention, ctx.article_days)
    elif not mention.dates and not ctx.matched.empty:
        days = tuple(sorted(set(pick(ctx.matched)["event_date"]) or
                            set(ctx.matched["event_date"])))
        mention = _with_dates(mention, days)
    hits, where, _, _ = _described_events(mention, ctx, pick, "", exact=True)
    if not mention.dates:
        row["data"] = f"the sentence gives no day to count {what}s on"
        return row
    split = counting.split_by_attribution(hits) if what == "attack" else {}
    detail = (f" ({', '.join(f'{n} ' + k.replace('_', ' ') for k, n in split.items() if n)})"
              if split and len(hits) else "")
    listed = f": {', '.join(hits['event_id'])}" if len(hits) else ""
    row["data"] = f"{len(hits)} {what}(s) documented {where}{detail}{listed}"
    if mention.kind == "claim":
        row["notes"] = "said as a claim by the militias; held against the rows documented"
        row["verdict"] = SUPPORTED if len(hits) == mention.value else CANNOT
        if row["verdict"] == CANNOT:
            row["data"] += "; a claim's count may cover other days or targets"
        return row
    row["verdict"] = compare(mention.value, mention.qualifier, len(hits), len(hits))
    if what == "strike" and row["verdict"] == CONTRADICTED:
        row["verdict"] = CANNOT
        row["data"] += "; the article may count strikes in another unit (sorties, rounds)"
    return row


def _with_dates(mention: Mention, days: tuple[pd.Timestamp, ...]) -> Mention:
    from dataclasses import replace

    return replace(mention, dates=days)


# ---- "the first since" ------------------------------------------------------------------
def _first_claim(mention: Mention, ctx: Context, row: ClaimRow) -> ClaimRow:
    """'The first to kill US troops since October', 'the first attack on US forces since
    early February': held against the documented attacks before the article's event."""
    described = counting.attacks(ctx.matched) if not ctx.matched.empty else ctx.matched
    if mention.measure == "first_deaths" and not described.empty:
        described = described[described["us_killed"].fillna(0) > 0]
    if described.empty or mention.since is None:
        row["data"] = "no documented attack the article describes to hold it against"
        return row
    event = described.sort_values("event_date").iloc[0]
    first, last = mention.since
    attacks = counting.attacks(ctx.events)
    before = attacks[attacks["event_date"] < event["event_date"]]
    if mention.measure == "first_deaths":
        deadly = before[(before["event_date"] >= first) & (before["us_killed"].fillna(0) > 0)]
        if deadly.empty:
            row["verdict"] = SUPPORTED
            row["data"] = (f"{event['event_id']}: no documented attack killed US personnel "
                           f"from {_day(first)} until it")
        else:
            row["verdict"] = CONTRADICTED
            row["data"] = (f"{event['event_id']}: documented attacks that killed US personnel "
                           f"before it: {', '.join(deadly['event_id'])}")
        return row
    between = before[before["event_date"] > last]
    if between.empty:
        previous = before.sort_values("event_date").tail(1)
        row["verdict"] = SUPPORTED
        row["data"] = f"{event['event_id']}: no documented attack from {_day(last)} until it" + (
            f"; the previous one: {previous.iloc[0]['event_id']}" if not previous.empty else "")
    elif (between["attribution"] == "confirmed").any():
        confirmed = between.loc[between["attribution"] == "confirmed", "event_id"]
        row["verdict"] = CONTRADICTED
        row["data"] = (f"{event['event_id']}: US-confirmed attacks after {_day(last)} and "
                       f"before it: {', '.join(confirmed.head(5))}")
    else:  # the US counted none; others reported some: the sources disagree
        row["verdict"] = DISPUTED
        row["data"] = (f"{event['event_id']}: no US-confirmed attack after {_day(last)}, but "
                       f"{len(between)} reported by others or claimed before it: "
                       f"{', '.join(between['event_id'].head(5))}")
    return row


# ---- running totals ---------------------------------------------------------------------
def _stated_claim(mention: Mention, ctx: Context, row: ClaimRow, kind: str,
                  column: str) -> ClaimRow:
    """A cumulative figure against the latest count of ``kind`` stated by publication (a
    monitor's count against that monitor's, when the sentence names one)."""
    tallies = ctx.tallies
    if kind == "monitor" and mention.monitor and mention.monitor != "monitor":
        pattern = MONITOR_WORDS[mention.monitor]
        tallies = tallies[~((tallies["kind"] == "monitor")
                            & ~tallies["speaker"].str.contains(pattern, case=False,
                                                               regex=True))]
    known = tallies[(tallies["stated_on"].isna()) | (tallies["stated_on"] <= ctx.published)]
    pick = stated_counts.latest(known, kind, end=ctx.published, column=column)
    label = stated_counts.LABELS[kind] if column == "total" else \
        f"{kind} count of attacks in {column.capitalize()}" if column in COUNTRY_MEASURES.values() \
        else f"{kind} {stated_counts.COLUMN_LABELS[column]}"
    notes = ["said as a claim: the militias' own figure, never the official count"] \
        if kind == "claim" else []
    later = tallies[(tallies["kind"] == kind) & tallies[column].notna()
                    & (tallies["stated_on"] > ctx.published)
                    & (tallies["as_of"] <= ctx.published)]
    if not later.empty:
        notes.append("stated later: " + "; ".join(
            f"{int(r[column])} as of {_day(r['as_of'])}, stated {_day(r['stated_on'])} "
            f"({r['speaker']})" for _, r in later.head(3).iterrows()))
    row["notes"] = "; ".join(notes)
    if pick is None:
        row["data"] = f"no {label} stating this figure by {_day(ctx.published)}"
        return row
    age = (ctx.published - pick["as_of"]).days
    stated = int(pick[column])
    row["data"] = f"{label}: {stated} as of {_day(pick['as_of'])} ({pick['speaker']})"
    if age > STALE_DAYS:
        row["data"] += f"; {age} days before publication, too old to hold the claim against"
        return row
    verdict = compare(mention.value, mention.qualifier, stated, stated)
    above = mention.value > stated if mention.qualifier not in LOWER_BOUND \
        else mention.value >= stated
    if verdict == CONTRADICTED and above and age > 0:
        row["data"] += (f"; {age} day(s) before publication, and a running count may have "
                        "grown since")
        return row
    row["verdict"] = verdict
    if mention.measure == "attacks_since" and kind == "official":
        documented = counting.attacks_since(ctx.events, counting.FIRST_ATTACKS, ctx.published)
        row["data"] += f"; {documented} documented in this dataset by then"
    return row


def check_claim(mention: Mention, ctx: Context) -> ClaimRow:
    """One claim, its verdict and the numbers behind it."""
    claim = mention.text or f"{mention.value} {mention.what}"
    if mention.measure not in ("first_deaths", "first_attack") and \
            _to_digits(claim) != mention.value:
        claim = f"{claim} (= {mention.value})"
    measure = MEASURE_NAMES[mention.measure]
    if mention.kind == "claim" and mention.measure in ("us_killed", "us_injured") and \
            (mention.cumulative or not (mention.dates or mention.places)):
        measure += " (as claimed by the militias)"
    row: ClaimRow = {"claim": claim, "measure": measure, "verdict": CANNOT,
                              "data": "", "notes": "", "sentence": mention.sentence}
    cumulative_kind = mention.kind or "official"
    if mention.measure in ("first_deaths", "first_attack"):
        return _first_claim(mention, ctx, row)
    if mention.measure in COUNTRY_MEASURES:
        kind = cumulative_kind if cumulative_kind in ("official", "tracker") else "official"
        return _stated_claim(mention, ctx, row, kind, COUNTRY_MEASURES[mention.measure])
    if mention.measure in ("us_killed", "us_injured") and mention.kind == "claim" and \
            (mention.cumulative or not (mention.dates or mention.places)):
        return _stated_claim(mention, ctx, row, "claim", mention.measure)
    if mention.measure in ("projectiles", "attacks") and mention.kind == "monitor" and \
            mention.cumulative:
        return _stated_claim(mention, ctx, row, "monitor", "total")
    if mention.measure in EVENT_MEASURES and mention.cumulative and \
            not mention.first_reported and mention.measure != "projectiles":
        if mention.measure in ("us_injured", "us_killed"):
            return _stated_claim(mention, ctx, row, "official", mention.measure)
        row["data"] = "a running total of casualties, which the dataset does not state"
    elif mention.measure in EVENT_MEASURES:
        return _event_claim(mention, ctx, row)
    elif mention.measure == "attacks_since":
        return _stated_claim(mention, ctx, row, cumulative_kind, "total")
    elif mention.measure == "attacks":
        return _count_claim(mention, ctx, row, counting.attacks, "attack")
    elif mention.measure == "claimed_operations":
        return _stated_claim(mention, ctx, row, "claim", "total")
    elif mention.measure == "strikes":
        return _count_claim(mention, ctx, row, counting.strikes, "strike")
    else:
        row["data"] = "not a count the dataset holds"
    return row


def check_claims(mentions: list[Mention], ctx: Context) -> pd.DataFrame:
    """Every distinct claim with its verdict. A number repeated with the same measure is one
    claim; of its sentences, the first that can be checked speaks for it."""
    chosen: dict[tuple, ClaimRow] = {}
    for m in mentions:
        key = (m.value, m.measure if m.measure != "other" else m.what.lower(),
               m.first_reported)
        if key in chosen and chosen[key]["verdict"] != CANNOT:
            continue
        row = check_claim(m, ctx)
        if key not in chosen or row["verdict"] != CANNOT:
            chosen[key] = row
    return pd.DataFrame(list(chosen.values()), columns=CLAIM_COLUMNS)


def _to_digits(text: str) -> int | None:
    """The single number written in digits in ``text``, if it is the only one."""
    found = re.findall(r"\d[\d,]*", text)
    return int(found[0].replace(",", "")) if len(found) == 1 else None
