"""Reading an article: the places, numbers, actors and dates it mentions.

Plain regular expressions over the text, tuned to wire-style English; every finding keeps
the sentence it came from so a reader can judge it. Dates written in a sentence ("on
December 25", "on Sunday") are found first and masked, so their digits are never read as
counts, and they anchor the claim to the events of those days; so are ordinals,
designations and times ("the 45th Brigade", "F-15", "6 a.m."). Relative dates come from the
one table in :mod:`analysis.measures.relative_dates`. Written by hand: the patterns are few
and a language model or NLP package would be heavier than the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypedDict

import pandas as pd

from analysis.inputs.gazetteer import find_places
from analysis.inputs.vocabulary import ATTACK, COUNTRIES, STRIKE
from analysis.measures import relative_dates

WORD_NUMBERS = {
    "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a dozen": 12, "dozens": 24,
    "a hundred": 100, "one hundred": 100, "hundreds": 200,
}
QUALIFIERS = ("over", "more than", "at least", "about", "around", "nearly", "almost",
              "roughly", "some", "up to")
APPROXIMATE = ("about", "around", "nearly", "almost", "roughly", "some")
LOWER_BOUND = ("over", "more than", "at least")
ACTORS = {
    "Islamic Resistance in Iraq": r"Islamic Resistance",
    "Kata'ib Hezbollah": r"Kata'?[ei]b Hezbollah|Kataib Hezbollah",
    "Hezbollah": r"(?<!Kata'ib )(?<!Kataib )(?<!Kataeb )Hezbollah",
    "IRGC": r"Revolutionary Guard|IRGC",
    "Iran-backed militias": r"Iran(?:ian)?-backed (?:Iraqi )?(?:militants|militias?|groups)",
    "United States": r"\bUS\b|\bU\.S\.|United States|Washington|Pentagon|Biden",
    "Israel": r"Israel(?!-)",
    "Syrian Observatory for Human Rights": r"Syrian Observatory",
    "Deir Ezzor 24": r"Deir Ezzor 24",
    "Iraqi government": r"al-Sudani|Iraqi Prime Minister|Baghdad government",
    "Popular Mobilization Forces": r"Hash[ae]d al[- ]Shaabi|Popular Mobili[sz]ation Forces|PMF",
}
_COUNTED = (r"militants|fighters|people|attacks|soldiers|troops|personnel|members|strikes|"
            r"airstrikes|strike|airstrike|rockets|drones|missiles|civilians|killed|injured|"
            r"wounded|Americans|others|casualties|operations|servicemembers|sailors|marines|"
            r"contractors|bases|sites|targets|facilities|positions|mortar rounds|rounds")
_NUMBER = r"\d[\d,]*|" + "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len,
                                          reverse=True))
_QUALIFIER = "|".join(re.escape(q) for q in QUALIFIERS)
_MENTION = re.compile(
    rf"(?:(?P<qualifier>{_QUALIFIER})\s+)?(?:a\s+series\s+of\s+)?(?:(?P<q2>{_QUALIFIER})\s+)?"
    rf"\b(?P<number>{_NUMBER})\b(?:\s+of)?\s+(?P<what>(?:[A-Za-z][\w'.-]*\s+){{0,3}}?"
    rf"(?:{_COUNTED}))\b",
    re.IGNORECASE)
# "the seven first reported": a figure given earlier, whose measure is the sentence's.
_FIRST_REPORTED = re.compile(
    rf"\b(?P<number>{_NUMBER})\s+(?P<what>(?:first|initially|originally|earlier)\s+"
    rf"(?:reported|announced|given|stated))\b", re.IGNORECASE)
_INITIAL = re.compile(r"\b(?:first|initially|originally|initial)\s+(?:reported|announced|"
                      r"given|stated|count|figure|toll|tally|reports?)\b|\binitially\b",
                      re.IGNORECASE)

_MONTHS = {m: i for i, names in enumerate(
    [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
     ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
     ("oct", "october"), ("nov", "november"), ("dec", "december")], 1) for m in names}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})\.?(?:,?\s+(?P<y2>\d{{4}}))?)\b",
    re.IGNORECASE)
_SPEECH = r"said|says|announced|told|reported|stated|added|confirmed|denounced|blamed"
# "officials said on Thursday": the day something was said, not the day it happened.
_SAID_ON = re.compile(rf"\b(?:{_SPEECH})\s+(?:\w+\s+)?(?:on\s+)?$", re.IGNORECASE)
# "On Thursday the Pentagon said ...": the same, with the date first.
_SAID_AFTER = re.compile(rf"^,?\s+(?:the\s+)?(?:[A-Za-z][\w.'-]*\s+){{0,3}}(?:{_SPEECH})\b",
                         re.IGNORECASE)
_CONTRACTORS = re.compile(r"^\s*and\s+(an?|one|two|three|four|five|\d+)\s+(?:American\s+|"
                          r"U\.?S\.?\s+)?(?:civilian\s+)?contractors?\b", re.IGNORECASE)
# Numbers that are not counts: years, clock times, money, percentages, ordinals ("45th"),
# designations ("F-15", "MQ-9", "Tower 22", "Brigade 40", "Deir Ezzor 24").
_NOT_COUNTS = re.compile(
    r"\b\d{4}\b|\b\d{1,2}[:.]\d{2}\b|\$\s?\d[\d,.]*|\d+\s?%|\b\d+(?:st|nd|rd|th)\b"
    r"|\b\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|GMT\b|UTC\b|local time)"
    r"|\b[A-Z]{1,4}-\d+[A-Z]?\b"
    r"|\b(?:Tower|Brigade|Regiment|Battalion|Division|Unit|Route|Highway|Resolution|Flight"
    r"|Camp|Force|Ezzor|Zor|Sector|Checkpoint|Gate|Chapter|Article)\s+\d+\b")
_SINCE = re.compile(r"\bsince\b|so far|to date|in all\b|in total\b|running (?:total|count)"
                    r"|\bcount\b|\btally\b", re.IGNORECASE)
_US_PEOPLE = re.compile(r"american|u\.s\.|\bus\b|service ?members?|servicemembers|soldiers?|"
                        r"troops?|sailors?|marines?|personnel|contractors?", re.IGNORECASE)
_MILITANTS = re.compile(r"militant|fighter|militiam|member|combatant|gunm", re.IGNORECASE)
_KILLED = re.compile(r"\bkill|\bdead\b|\bdied\b|\bdeath", re.IGNORECASE)
_HURT = re.compile(r"wound|injur|\bhurt\b|casualt", re.IGNORECASE)
_CLAIM = re.compile(r"claim|resistance|faction|militia", re.IGNORECASE)
# A militia speaking: its totals are claims, held only against the militias' own counts.
_MILITIA_SPEAKS = re.compile(
    r"(?:Islamic Resistance|Kata'?[ei]b|Kataib|Nujaba|Saraya|faction|militia|the group)"
    r"[^.]{0,80}?\b(?:said|says|claimed|claims|announced|statement)"
    r"|\b(?:claimed|claims)\b", re.IGNORECASE)
# A local authority's or monitor's running count (tallies of kind monitor).
MONITOR_WORDS = {
    "governor": r"\bgovernor\b",
    "Peacemaker": r"Peacemaker|\bCPT\b",
    "Rudaw": r"\bRudaw\b",
    "Kurdish": r"Kurdistan Region|Kurdish (?:official|authorities)",
    "monitor": r"\bmonitor(?:ing)?\b|local authorit",
}
_MONITOR = re.compile("|".join(MONITOR_WORDS.values()), re.IGNORECASE)
_TRACKER = re.compile(r"\btracker\b|Washington Institute|Militia Monitor|Militia Spotlight",
                      re.IGNORECASE)
# Weapons a sentence names, in the data's vocabulary.
WEAPON_WORDS = {
    "rocket": r"rockets?|katyushas?|Katyusha",
    "drone": r"drones?|unmanned aerial|UAVs?",
    "ballistic_missile": r"ballistic missiles?",
    "mortar": r"mortars?",
    "airstrike": r"air ?strikes?|warplanes?|fighter jets?|aircraft|bombing",
}
_WEAPONS = {w: re.compile(rf"\b(?:{p})\b", re.IGNORECASE) for w, p in WEAPON_WORDS.items()}
# Country splits of a count: "66 in Iraq and 98 in Syria", "Iraq had seen 36 attacks and
# Syria 37".
_COUNTRY = "|".join(COUNTRIES)
_SPLIT_AFTER = re.compile(rf"\b(?P<number>{_NUMBER})\b(?:\s+(?:of them|attacks|were))?\s+in\s+"
                          rf"(?P<country>{_COUNTRY})\b", re.IGNORECASE)
_SPLIT_BEFORE = re.compile(rf"\b(?P<country>{_COUNTRY})\s+(?:had\s+)?(?:seen\s+|saw\s+|"
                           rf"recorded\s+|had\s+)?(?P<number>{_NUMBER})\b(?:\s+attacks)?",
                           re.IGNORECASE)
# "the first to kill U.S. troops since ...", "the first attack on US forces since ...".
_FIRST = re.compile(
    r"\bthe first(?:\s+(?:attack|strike|time))?\s+(?P<what>to kill\s+(?:U\.?S\.?|American)\s+"
    r"(?:troops|soldiers|service ?members|personnel|forces)|(?:attack\s+)?on\s+(?:U\.?S\.?|"
    r"American)\s+(?:forces|troops)|attack\s+on\s+(?:U\.?S\.?|American)\s+(?:forces|troops))"
    r"\s+since\s+(?P<since>[^,.;]{3,80})", re.IGNORECASE)
_PERIOD = re.compile(rf"\b(?:(?P<part>early|mid|late)[- ])?(?P<month>{_MONTH})\b\.?"
                     r"(?:\s+(?P<year>\d{4}))?", re.IGNORECASE)


_STRIKE_WORDS = re.compile(r"\b(?:air ?strikes?|strikes?|struck|bomb(?:ing|ed)|raids?)\b",
                           re.IGNORECASE)
_ON_US = re.compile(r"\b(?:on|at|against|towards?)\s+(?:an?\s+|the\s+)?(?:American|U\.?S\.?|"
                    r"US-led|coalition)\b|\bwhere\s+(?:U\.?S\.?|American)\b|"
                    r"\bbases?\s+(?:housing|hosting|where)\b|\bhous(?:es|ing)\s+(?:a\s+)?U\.?S\.?",
                    re.IGNORECASE)
_ATTACK_WORDS = re.compile(r"\battack(?:s|ed)?\b|\brockets?\b|\bdrones?\b|\bfired\b|"
                           r"\blaunched\b|\btargeted\b", re.IGNORECASE)


def sentence_category(sentence: str) -> str | None:
    """Whether a sentence speaks of an attack on US forces or a strike on militants."""
    if _ON_US.search(sentence) and _ATTACK_WORDS.search(sentence):
        return ATTACK
    if _STRIKE_WORDS.search(sentence):
        return STRIKE
    if _ATTACK_WORDS.search(sentence):
        return ATTACK
    return None


def sentences(text: str) -> list[str]:
    """Split into sentences (good enough for news copy)."""
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", text) if s.strip()]


def _to_int(token: str) -> int:
    token = token.lower().replace(",", "")
    return int(token) if token.isdigit() else WORD_NUMBERS[token]


def _year_for(month: int, day: int, published: pd.Timestamp) -> int:
    """A date written without its year is the latest such date on or before publication."""
    try:
        same = pd.Timestamp(year=published.year, month=month, day=day)
    except ValueError:
        return published.year
    return published.year if same <= published else published.year - 1


@dataclass(frozen=True)
class DateFound:
    """A date a sentence gives: its span in the sentence, the days it can mean, and how."""

    span: tuple[int, int]
    phrase: str
    first: pd.Timestamp
    last: pd.Timestamp
    meaning: str
    loose: bool = False  # "recently": a window, not a day to choose an event by
    said: bool = False  # "officials said on Thursday": when it was said

    @property
    def days(self) -> list[pd.Timestamp]:
        return list(pd.date_range(self.first, self.last))


_PART_OF = re.compile(rf"\b(?P<part>early|mid|late)[- ](?:(?P<month>{_MONTH})\b\.?(?:\s+"
                      rf"(?P<year>\d{{4}}))?|(?P<only_year>\d{{4}})\b)", re.IGNORECASE)


def _part_of(m: re.Match, published: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """'late 2023' (September to December), 'early February' (its first ten days)."""
    part = m.group("part").lower()
    if m.group("only_year"):
        year = int(m.group("only_year"))
        first_month = {"early": 1, "mid": 5, "late": 9}[part]
        first = pd.Timestamp(year=year, month=first_month, day=1)
        return first, first + pd.DateOffset(months=4) - pd.Timedelta(days=1)
    return _period(m.group(0), published)


def _written_meaning(year_given: bool, when: pd.Timestamp, published: pd.Timestamp) -> str:
    if year_given:
        return "the date written"
    return ("the date written, in the year of publication" if when.year == published.year
            else "the date written, in the year before publication (the latest such date on "
                 "or before publication)")


def find_dates(sentence: str, published: pd.Timestamp) -> list[DateFound]:
    """Dates the sentence gives ("December 25", "25 Dec 2023", "on Sunday", "earlier this
    week"), each resolved against the publication date through one table of phrases."""
    found: list[DateFound] = []

    def said(start: int, end: int) -> bool:
        return bool(_SAID_ON.search(sentence[max(0, start - 40):start])
                    or _SAID_AFTER.match(sentence[end:end + 60]))

    for m in _DATE.finditer(sentence):
        month = _MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
        day = int(m.group("d1") or m.group("d2"))
        year = m.group("y1") or m.group("y2")
        try:
            when = pd.Timestamp(year=int(year) if year else _year_for(month, day, published),
                                month=month, day=day)
        except ValueError:
            continue
        found.append(DateFound(m.span(), m.group(0), when, when,
                               _written_meaning(bool(year), when, published),
                               said=said(*m.span())))
    for m in _PART_OF.finditer(sentence):
        if any(m.start() < f.span[1] and f.span[0] < m.end() for f in found):
            continue
        span = _part_of(m, published)
        if span is not None:
            since = bool(re.search(r"\bsince\s+$", sentence[max(0, m.start() - 7):m.start()]))
            found.append(DateFound(m.span(), m.group(0), *span, "the part of the month or year "
                                   "written (early: first third, mid: second, late: last; our "
                                   "reading)", loose=since))
    for span, phrase in relative_dates.find(sentence):
        if any(span[0] < f.span[1] and f.span[0] < span[1] for f in found):
            continue
        first, last = relative_dates.resolve(phrase, published)
        found.append(DateFound(span, sentence[span[0]:span[1]], first, last, phrase.meaning,
                               loose=phrase.name in relative_dates.LOOSE, said=said(*span)))
    return sorted(found, key=lambda f: f.span)


def _mask(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with dates, years, times, money, ordinals and designations blanked, so
    no count is read there."""
    chars = list(sentence)
    spans = spans + [m.span() for m in _NOT_COUNTS.finditer(sentence)]
    for start, end in spans:
        chars[start:end] = "#" * (end - start)
    return "".join(chars)


@dataclass(frozen=True)
class Mention:
    """A number in the text, what it counts, and what the sentence anchors it to."""

    value: int
    qualifier: str
    what: str
    measure: str
    sentence: str
    dates: tuple[pd.Timestamp, ...] = ()
    places: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    cumulative: bool = False
    recent: bool = False
    text: str = ""  # the words as written, e.g. "four American troops and a contractor"
    kind: str = ""  # whose count a running total is: official, claim, monitor or tracker
    first_reported: bool = False  # "the seven first reported": an earlier figure
    weapons: tuple[str, ...] = ()  # weapons the sentence names (the data's vocabulary)
    since: tuple[pd.Timestamp, pd.Timestamp] | None = None  # "the first ... since" period
    monitor: str = ""  # which monitor the sentence names ("governor", "Peacemaker", ...)


class _Anchors(TypedDict):
    """What a sentence anchors each of its numbers to: the Mention fields of the sentence."""

    dates: tuple[pd.Timestamp, ...]
    places: tuple[str, ...]
    regions: tuple[str, ...]
    recent: bool
    weapons: tuple[str, ...]
    kind: str
    monitor: str


def _verb(text: str) -> str | None:
    """'killed' or 'hurt' for the first casualty verb in ``text``, else None."""
    k, h = _KILLED.search(text), _HURT.search(text)
    if k and h:
        return "killed" if k.start() < h.start() else "hurt"
    return "killed" if k else "hurt" if h else None


_US_ACTOR = re.compile(r"\bU\.?S\.?\b|United States|American|Pentagon|warplanes|fighter jets|"
                       r"aircraft|Washington", re.IGNORECASE)


def classify(what: str, sentence: str, after: str = "", before: str = "") -> str:
    """What a number measures: us_killed, us_injured, militants_killed, attacks_since,
    attacks, claimed_operations, strikes, projectiles, or other. The verb right after the
    number decides ("three killed and 25 wounded"), else the one right before it, else the
    sentence's."""
    w, s = what.lower(), sentence.lower()
    adjacent = re.search(r"(\w+)\W*$", before)
    local = (_verb(adjacent.group(1)) if adjacent else None) or _verb(what + " " + after)
    generic = re.fullmatch(r"(?:\w+\s+)?(?:others|people|more)", w)
    # A generic "five people" takes only a verb right next to it; "three soldiers" may take
    # the sentence's.
    verb = local if generic else (local or _verb(before) or _verb(sentence))
    if "operation" in w:
        return "claimed_operations" if _CLAIM.search(s) else "other"
    if re.search(r"\battacks?\b", w):
        return "attacks_since" if _SINCE.search(s) or re.search(r"oct(?:ober|\.)? 1?7", s) \
            else "attacks"
    if re.search(r"\b(?:air)?strikes?\b", w):
        return "strikes"
    if re.search(r"\b(?:bases|sites|targets|facilities|positions)\b", w):
        strike = sentence_category(sentence) == STRIKE and not _MILITIA_SPEAKS.search(sentence)
        return "strikes" if strike and not re.search(r"\bbases\b", w) else "attacks"
    if re.search(r"\b(?:rockets|drones|missiles)\b|\b(?:mortar|rocket|artillery) rounds\b", w):
        return "projectiles"
    if "casualt" in w and _US_PEOPLE.search(s):
        return "us_injured"
    if "casualt" in w and sentence_category(sentence) == STRIKE:
        return "militants_casualties"
    others = re.fullmatch(r"(?:\w+\s+)?(?:others|people|more|killed|injured|wounded)", w)
    if _MILITANTS.search(w) and not _US_PEOPLE.search(w):
        return "militants_killed" if verb == "killed" else "other"
    us = _US_PEOPLE.search(w) or (others and _US_PEOPLE.search(s) and not _MILITANTS.search(s))
    if us and verb:
        return "us_killed" if verb == "killed" else "us_injured"
    return "other"


# Places named only as a reference point ("south of Baghdad", "its frontier with Syria") or
# inside a group's name ("the Islamic Resistance in Iraq") are not where something happened.
_REFERENCE = re.compile(
    r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|"
    r"(?:border|frontier|boundary)\s+with|bordering|borders)\s+(?:the\s+)?"
    r"(?P<ref>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\b(?!['’]s)"
    r"|(?<=Islamic Resistance) in Iraq\b")


def where_text(sentence: str) -> str:
    """The sentence with reference points and group names blanked, so what is left names
    where things happened."""
    def blank(m: re.Match) -> str:
        if m.group("ref") is None:
            return " " * (m.end() - m.start())
        start = m.start("ref") - m.start()
        return m.group(0)[:start] + " " * len(m.group("ref"))
    return _REFERENCE.sub(blank, sentence)


def _normalised(sentence: str, places: pd.DataFrame) -> str:
    """'Baghdad airport' as the gazetteer's 'Baghdad International Airport', 'the US embassy
    in Baghdad' as 'US Embassy Baghdad', where the gazetteer holds such a name."""
    aliases = {a.strip().lower() for names in places["aliases"] for a in names.split("|")}

    def airport(m: re.Match) -> str:
        full = f"{m.group(1)} International Airport"
        return full if full.lower() in aliases else m.group(0)

    embassies = [a for a in aliases if a.startswith("us embassy ")]

    def embassy(m: re.Match) -> str:
        if m.group(1):
            full = f"US Embassy {m.group(1)}"
            return full if full.lower() in aliases else m.group(0)
        return "US Embassy " + embassies[0][len("us embassy "):].title() \
            if len(embassies) == 1 else m.group(0)

    sentence = re.sub(r"\b([A-Z][a-z]+) (?:airport|International Airport)\b", airport, sentence)
    return re.sub(r"\b(?:the\s+)?(?:U\.?S\.?|American)\s+[Ee]mbassy(?:\s+in\s+([A-Z][a-z]+))?",
                  embassy, sentence)


def places_named(sentence: str, places: pd.DataFrame) -> tuple[str, ...]:
    """Gazetteer places where the sentence says something happened (not its reference
    points)."""
    return tuple(dict.fromkeys(find_places(where_text(_normalised(sentence, places)),
                                           places)["place"]))


def regions_named(sentence: str, places: pd.DataFrame) -> tuple[str, ...]:
    """Countries and governorates the sentence names ("northeastern Jordan", "Erbil")."""
    found = []
    for country in COUNTRIES:
        if re.search(rf"\b{country}\b", sentence):
            found.append(country)
    for country, admin1 in places[["country", "admin1"]].drop_duplicates().itertuples(
            index=False):
        if admin1 and re.search(rf"\b{re.escape(admin1)}\b", sentence):
            found.append(f"{country}/{admin1}")
    return tuple(dict.fromkeys(found))


def weapons_named(sentence: str) -> tuple[str, ...]:
    """The weapons a sentence names, in the data's vocabulary ('rocket', 'drone', ...)."""
    return tuple(w for w, pattern in _WEAPONS.items() if pattern.search(sentence))


def kind_of_count(sentence: str) -> tuple[str, str]:
    """Whose running total a sentence gives: ('claim', ''), ('monitor', which monitor),
    ('tracker', ''), or ('official', '')."""
    if _MILITIA_SPEAKS.search(sentence) and not re.search(r"Pentagon|US official|U\.S\. "
                                                          r"official", sentence):
        return "claim", ""
    if _MONITOR.search(sentence):
        named = next((name for name, p in MONITOR_WORDS.items()
                      if re.search(p, sentence, re.IGNORECASE)), "")
        return "monitor", named
    if _TRACKER.search(sentence):
        return "tracker", ""
    return "official", ""


def _period(text: str, published: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """'early February', 'October', 'mid-March 2024' as the first and last day they mean
    (a month without a year is the latest such month on or before publication)."""
    m = _PERIOD.search(text)
    if not m:
        return None
    month = _MONTHS[m.group("month").lower()]
    year = int(m.group("year")) if m.group("year") else (
        published.year if month <= published.month else published.year - 1)
    first = pd.Timestamp(year=year, month=month, day=1)
    last = first + pd.offsets.MonthEnd(0)
    part = (m.group("part") or "").lower()
    if part == "early":
        last = first + pd.Timedelta(days=9)
    elif part == "mid":
        first, last = first + pd.Timedelta(days=10), first + pd.Timedelta(days=19)
    elif part == "late":
        first = first + pd.Timedelta(days=20)
    return first, last


def _firsts(sentence: str, published: pd.Timestamp, **anchors) -> list[Mention]:
    """'The first to kill US troops since October', 'the first attack on US forces since
    early February': claims that no earlier event of the kind happened in a period."""
    found = []
    for m in _FIRST.finditer(sentence):
        period = _period(m.group("since"), published)
        if period is None:
            continue
        deadly = m.group("what").lower().startswith("to kill")
        found.append(Mention(1, "", m.group("what"), "first_deaths" if deadly else
                             "first_attack", sentence, text=m.group(0).strip(),
                             since=period, **anchors))
    return found


def _splits(sentence: str, masked: str, **anchors) -> tuple[list[Mention], list[tuple[int,
                                                                                         int]]]:
    """Country splits of an attack count ('66 in Iraq and 98 in Syria'), each its own claim
    against the country figure of a stated count, and the spans they used."""
    if not re.search(r"\battacks?\b", sentence, re.IGNORECASE):
        return [], []
    found: list[Mention] = []
    spans: list[tuple[int, int]] = []
    for pattern in (_SPLIT_AFTER, _SPLIT_BEFORE):
        for m in pattern.finditer(masked):
            if any(m.start() < e and s < m.end() for s, e in spans):
                continue
            country = next(c for c in COUNTRIES if c.lower() == m.group("country").lower())
            value = _to_int(sentence[m.start("number"):m.end("number")])
            spans.append(m.span())
            found.append(Mention(value, "", f"attacks in {country}",
                                 f"attacks_{country.lower()}", sentence,
                                 text=sentence[m.start():m.end()], cumulative=True,
                                 **anchors))
    if len(found) < 2 and not re.search(r"of them|\bcount\b|\btally\b", sentence,
                                        re.IGNORECASE):
        return [], []  # "two attacks in Iraq" alone is an attack count, not a split
    return found, spans


# A sentence that names no place but refers back to one ("the compound was hit").
_SAME_PLACE = re.compile(r"\b(?:the|that) (?:compound|base|embassy|air ?base|site|facility|"
                         r"camp|garrison|outpost)\b", re.IGNORECASE)


def find_numbers(text: str, published: pd.Timestamp | None = None,
                 places: pd.DataFrame | None = None) -> list[Mention]:
    """Every number followed by what it counts, with its qualifier ('over', 'at least'), and
    the dates, places, regions and weapons its sentence names."""
    published = published if published is not None else pd.Timestamp.today().normalize()
    found = []
    last_named: tuple[str, ...] = ()
    for sentence in sentences(drop_dateline(text)):
        dated = find_dates(sentence, published)
        masked = _mask(sentence, [d.span for d in dated])
        named = places_named(sentence, places) if places is not None else ()
        if not named and _SAME_PLACE.search(sentence):
            named = last_named  # "the compound", "the base": the place named just before
        last_named = named or last_named
        regions = regions_named(where_text(sentence), places) if places is not None else ()
        kind, monitor = kind_of_count(sentence)
        days = tuple(sorted({d for f in dated if not f.loose and not f.said for d in f.days}))
        anchors: _Anchors = {"dates": days, "places": named, "regions": regions,
                             "recent": any(f.loose for f in dated) and not days,
                             "weapons": weapons_named(sentence), "kind": kind,
                             "monitor": monitor}
        found += _firsts(sentence, published, **anchors)
        splits, used = _splits(sentence, masked, **anchors)
        found += splits
        for start, end in used:
            masked = masked[:start] + "#" * (end - start) + masked[end:]
        for m in _FIRST_REPORTED.finditer(masked):
            what = "injured" if _HURT.search(sentence) else "killed" if _KILLED.search(
                sentence) else "other"
            us = bool(_US_ACTOR.search(sentence) or _US_PEOPLE.search(sentence))
            measure = {"injured": "us_injured", "killed": "us_killed"}.get(what, "other") \
                if us else ("militants_killed" if what == "killed" else "other")
            found.append(Mention(_to_int(m.group("number")), "", m.group("what"), measure,
                                 sentence, text=sentence[m.start():m.end()],
                                 first_reported=True, cumulative=False, **anchors))
            masked = masked[:m.start()] + "#" * (m.end() - m.start()) + masked[m.end():]
        matches = list(_MENTION.finditer(masked))
        for i, m in enumerate(matches):
            qualifier = (m.group("qualifier") or m.group("q2") or "").lower()
            what = re.sub(r"\s+", " ", sentence[m.start("what"):m.end("what")]).strip()
            if re.search(rf"\b(?:{_NUMBER})\b", what, re.IGNORECASE):
                continue  # "three of the five people": the second number is the count
            if re.match(r"one\s+of\s+the\b", masked[m.start("number"):], re.IGNORECASE):
                continue  # "one of the sites": which one, not how many
            following = matches[i + 1].start() if i + 1 < len(matches) else len(sentence)
            previous = matches[i - 1].end() if i else 0
            after = sentence[m.end():min(following, m.end() + 40)]
            before = sentence[max(previous, m.start() - 30):m.start()]
            value = _to_int(sentence[m.start("number"):m.end("number")])
            written = sentence[m.start():m.end()]
            extra = _CONTRACTORS.match(after)
            if extra and _US_PEOPLE.search(what):  # "four troops and a contractor" = 5 hurt
                token = extra.group(1).lower()
                value += 1 if token in ("a", "an") else _to_int(token)
                what = f"{what} {extra.group(0).strip()}"
                written = f"{written} {extra.group(0).strip()}"
                after = after[extra.end():]
            found.append(Mention(
                value, qualifier, what, classify(what, sentence, after, before), sentence,
                cumulative=bool(_SINCE.search(sentence)), text=written,
                first_reported=bool(_INITIAL.search(before + written + after)), **anchors))
    return found


_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][A-Za-z]+(?!\s+\d))?)?"
    rf"(?:,?\s*(?i:{_MONTH})\.?\s+\d{{1,2}})?(?:\s*\([^)]{{1,40}}\))?\s*[—–-]\s*")
# A dateline opens with a place in capitals ("BAGHDAD"), a wire's name ("(AFP)") or a date.
_DATELINE_HEAD = re.compile(rf"^\s*(?:[A-Z]{{3,}}|\(|(?i:{_MONTH})\.?\s+\d)")


def drop_dateline(text: str) -> str:
    """Remove a wire dateline ('BAGHDAD (AFP) — ', 'BAGHDAD, March 17 (Reuters) — ',
    '(AP) — '): where and when a story was filed is not where its events happened."""
    if not _DATELINE_HEAD.match(text):
        return text
    return _DATELINE.sub("", text, count=1)


def find_actors(text: str) -> pd.DataFrame:
    """Actors named in the text, with how often and the first words that named them."""
    rows = []
    for actor, pattern in ACTORS.items():
        hits = re.findall(pattern, text)
        if hits:
            rows.append({"actor": actor, "mentions": len(hits), "as written": hits[0]})
    return pd.DataFrame(rows, columns=["actor", "mentions", "as written"])


_SINCE_DATE = re.compile(r"since (?:the start of [^.]*? on )?(October|Oct\.?) (\d{1,2})",
                         re.IGNORECASE)


def resolve_dates(text: str, published: pd.Timestamp) -> pd.DataFrame:
    """Relative and written dates ('overnight', 'since October 7', 'Saturday', 'December
    25') as date ranges: the same days the claims are resolved to."""
    rows = []
    body = drop_dateline(text)
    for m in _SINCE_DATE.finditer(body):
        day = int(m.group(2))
        year = published.year if published.month >= 10 else published.year - 1
        start = pd.Timestamp(year=year, month=10, day=day)
        rows.append({"phrase": m.group(0), "from": start, "to": published,
                     "meaning": "from that date to publication"})
    for sentence in sentences(body):
        for f in find_dates(sentence, published):
            meaning = f.meaning + ("; when it was said, not when it happened" if f.said else "")
            rows.append({"phrase": f.phrase, "from": f.first, "to": f.last, "meaning": meaning})
    frame = pd.DataFrame(rows, columns=["phrase", "from", "to", "meaning"])
    return frame.assign(key=frame["phrase"].str.lower()).drop_duplicates(
        subset=["key"]).drop_duplicates(subset=["from", "to", "meaning"]).drop(
        columns="key").reset_index(drop=True)


__all__ = ["DateFound", "Mention", "classify", "drop_dateline", "find_actors", "find_dates",
           "find_numbers", "find_places", "kind_of_count", "regions_named", "resolve_dates",
           "sentences", "weapons_named"]
