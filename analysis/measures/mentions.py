"""Reading an article: the places, numbers, actors and dates it mentions.

Plain regular expressions over the text, tuned to wire-style English; every finding keeps
the sentence it came from so a reader can judge it. Dates written in a sentence ("on
December 25", "on Sunday") are found first and masked, so their digits are never read as
counts, and they anchor the claim to the events of those days. Written by hand: the
patterns are few and a language model or NLP package would be heavier than the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.inputs.gazetteer import find_places
from analysis.inputs.vocabulary import COUNTRIES

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
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
    "Kata'ib Hezbollah": r"Kata'?ib Hezbollah|Kataib Hezbollah",
    "Hezbollah": r"(?<!Kata'ib )(?<!Kataib )Hezbollah",
    "IRGC": r"Revolutionary Guard|IRGC",
    "Iran-backed militias": r"Iran(?:ian)?-backed (?:Iraqi )?(?:militants|militias?|groups)",
    "United States": r"\bUS\b|\bU\.S\.|United States|Washington|Pentagon|Biden",
    "Israel": r"Israel(?!-)",
    "Syrian Observatory for Human Rights": r"Syrian Observatory",
    "Deir Ezzor 24": r"Deir Ezzor 24",
    "Iraqi government": r"al-Sudani|Iraqi Prime Minister|Baghdad government",
}
_COUNTED = (r"militants|fighters|people|attacks|soldiers|troops|personnel|members|strikes|"
            r"airstrikes|strike|airstrike|rockets|drones|missiles|civilians|killed|injured|wounded|Americans|"
            r"others|casualties|operations|servicemembers|sailors|marines|contractors")
_NUMBER = r"\d[\d,]*|" + "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len,
                                          reverse=True))
_QUALIFIER = "|".join(re.escape(q) for q in QUALIFIERS)
_MENTION = re.compile(
    rf"(?:(?P<qualifier>{_QUALIFIER})\s+)?(?:a\s+series\s+of\s+)?(?:(?P<q2>{_QUALIFIER})\s+)?"
    rf"\b(?P<number>{_NUMBER})\b(?:\s+of)?\s+(?P<what>(?:[A-Za-z][\w'.-]*\s+){{0,3}}?"
    rf"(?:{_COUNTED}))\b",
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
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_RELATIVE_DAY = {"yesterday": -1, "overnight": 0, "today": 0, "tonight": 0}
_RECENT = re.compile(r"\brecent(?:ly)?\b|earlier this month", re.IGNORECASE)
# Weeks named relative to publication: the days they can mean (before publication).
_WEEK_PHRASES = {"earlier this week": 0, "this week": 0, "last week": 1}
# "officials said on Thursday": the day something was said, not the day it happened.
_SAID_ON = re.compile(r"\b(?:said|says|announced|told|reported|stated|added)\s+(?:\w+\s+)?"
                      r"(?:on\s+)?$", re.IGNORECASE)
_CONTRACTORS = re.compile(r"^\s*and\s+(an?|one|two|three|four|five|\d+)\s+(?:American\s+|"
                          r"U\.?S\.?\s+)?(?:civilian\s+)?contractors?\b", re.IGNORECASE)
# Numbers that are not counts: years, clock times, money, percentages, ordinal "Nth".
_NOT_COUNTS = re.compile(r"\b\d{4}\b|\b\d{1,2}[:.]\d{2}\b|\$\s?\d[\d,.]*|\d+\s?%|"
                         r"\b\d+(?:st|nd|rd|th)\b")
_SINCE = re.compile(r"\bsince\b|so far|to date|in all\b|in total\b", re.IGNORECASE)
_US_PEOPLE = re.compile(r"american|u\.s\.|\bus\b|service ?members?|servicemembers|soldiers?|"
                        r"troops?|sailors?|marines?|personnel|contractors?", re.IGNORECASE)
_MILITANTS = re.compile(r"militant|fighter|militiam|member|combatant|gunm", re.IGNORECASE)
_KILLED = re.compile(r"\bkill|\bdead\b|\bdied\b|\bdeath", re.IGNORECASE)
_HURT = re.compile(r"wound|injur|\bhurt\b|casualt", re.IGNORECASE)
_CLAIM = re.compile(r"claim|resistance|faction|militia", re.IGNORECASE)


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


def find_dates(sentence: str, published: pd.Timestamp) -> list[tuple[tuple[int, int],
                                                                        pd.Timestamp]]:
    """Dates the sentence gives ("December 25", "25 Dec 2023", "on Sunday", "yesterday"),
    each with its span in the sentence, resolved against the publication date."""
    found = []

    def said(start: int) -> bool:
        return bool(_SAID_ON.search(sentence[max(0, start - 40):start]))

    for m in _DATE.finditer(sentence):
        if said(m.start()):
            continue
        month = _MONTHS[(m.group("m1") or m.group("m2")).lower().rstrip(".")]
        day = int(m.group("d1") or m.group("d2"))
        year = m.group("y1") or m.group("y2")
        try:
            when = pd.Timestamp(year=int(year) if year else _year_for(month, day, published),
                                month=month, day=day)
        except ValueError:
            continue
        found.append((m.span(), when))
    for m in _WEEKDAY.finditer(sentence):
        if said(m.start()):
            continue
        back = (published.weekday() - _WEEKDAYS.index(m.group(1).lower())) % 7
        found.append((m.span(), published - pd.Timedelta(days=back)))
    for phrase, offset in _RELATIVE_DAY.items():
        for m in re.finditer(rf"\b{phrase}\b", sentence, re.IGNORECASE):
            found.append((m.span(), published + pd.Timedelta(days=offset)))
    for phrase, weeks_back in _WEEK_PHRASES.items():
        for m in re.finditer(rf"\b{phrase}\b", sentence, re.IGNORECASE):
            monday = published - pd.Timedelta(days=published.weekday() + 7 * weeks_back)
            last = published if not weeks_back else monday + pd.Timedelta(days=6)
            found += [(m.span(), day) for day in pd.date_range(monday, last)]
    return found


def _mask(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with dates, years, times and money blanked, so no count is read there."""
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


def _verb(text: str) -> str | None:
    """'killed' or 'hurt' for the first casualty verb in ``text``, else None."""
    k, h = _KILLED.search(text), _HURT.search(text)
    if k and h:
        return "killed" if k.start() < h.start() else "hurt"
    return "killed" if k else "hurt" if h else None


def classify(what: str, sentence: str, after: str = "", before: str = "") -> str:
    """What a number measures: us_killed, us_injured, militants_killed, attacks_since,
    claimed_operations, strikes, or other. The verb right after the number decides ("three
    killed and 25 wounded"), else the one right before it, else the sentence's."""
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
            else "other"
    if re.search(r"\b(?:air)?strikes?\b", w):
        return "strikes"
    if re.search(r"\b(?:rockets|drones|missiles)\b", w):
        return "projectiles"
    if "casualt" in w and _US_PEOPLE.search(s):
        return "us_injured"
    others = re.fullmatch(r"(?:\w+\s+)?(?:others|people|more|killed|injured|wounded)", w)
    if _MILITANTS.search(w) and not _US_PEOPLE.search(w):
        return "militants_killed" if verb == "killed" else "other"
    us = _US_PEOPLE.search(w) or (others and _US_PEOPLE.search(s) and not _MILITANTS.search(s))
    if us and verb:
        return "us_killed" if verb == "killed" else "us_injured"
    return "other"


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


def find_numbers(text: str, published: pd.Timestamp | None = None,
                 places: pd.DataFrame | None = None) -> list[Mention]:
    """Every number followed by what it counts, with its qualifier ('over', 'at least'), and
    the dates, places and regions its sentence names."""
    published = published if published is not None else pd.Timestamp.today().normalize()
    found = []
    for sentence in sentences(drop_dateline(text)):
        dated = find_dates(sentence, published)
        masked = _mask(sentence, [span for span, _ in dated])
        named = tuple(find_places(sentence, places)["place"]) if places is not None else ()
        regions = regions_named(sentence, places) if places is not None else ()
        matches = list(_MENTION.finditer(masked))
        for i, m in enumerate(matches):
            qualifier = (m.group("qualifier") or m.group("q2") or "").lower()
            what = re.sub(r"\s+", " ", sentence[m.start("what"):m.end("what")]).strip()
            if re.search(rf"\b(?:{_NUMBER})\b", what, re.IGNORECASE):
                continue  # "three of the five people": the second number is the count
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
                tuple(sorted({d for _, d in dated})), named, regions,
                bool(_SINCE.search(sentence)), bool(_RECENT.search(sentence)), written))
    return found


_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]{2,40}(?:,\s*[A-Z][A-Za-z]+)?(?:\s*\([^)]{1,40}\))?"
                       r"\s*[—–-]\s*")


def drop_dateline(text: str) -> str:
    """Remove a wire dateline ('BAGHDAD (AFP) — '): where a story was filed is not where
    its events happened."""
    return _DATELINE.sub("", text, count=1)


def find_actors(text: str) -> pd.DataFrame:
    """Actors named in the text, with how often and the first words that named them."""
    rows = []
    for actor, pattern in ACTORS.items():
        hits = re.findall(pattern, text)
        if hits:
            rows.append({"actor": actor, "mentions": len(hits), "as written": hits[0]})
    return pd.DataFrame(rows, columns=["actor", "mentions", "as written"])


RELATIVE = {
    "overnight": (-1, 0, "the night before publication"),
    "yesterday": (-1, -1, "the day before publication"),
    "last week": (-10, -4, "the week before publication"),
    "recently": (-14, 0, "the two weeks before publication (our reading)"),
    "earlier this week": (-6, 0, "earlier in the week of publication"),
    "today": (0, 0, "the day of publication"),
}
_SINCE_DATE = re.compile(r"since (?:the start of [^.]*? on )?(October|Oct\.?) (\d{1,2})",
                         re.IGNORECASE)


def resolve_dates(text: str, published: pd.Timestamp) -> pd.DataFrame:
    """Relative and written dates ('overnight', 'since October 7', 'Saturday', 'December
    25') as date ranges."""
    rows = []
    lowered = text.lower()
    for phrase, (a, b, meaning) in RELATIVE.items():
        if phrase in lowered:
            rows.append({"phrase": phrase, "from": published + pd.Timedelta(days=a),
                         "to": published + pd.Timedelta(days=b), "meaning": meaning})
    for m in _SINCE_DATE.finditer(text):
        day = int(m.group(2))
        year = published.year if published.month >= 10 else published.year - 1
        start = pd.Timestamp(year=year, month=10, day=day)
        rows.append({"phrase": m.group(0), "from": start, "to": published,
                     "meaning": "from that date to publication"})
    for sentence in sentences(text):
        for (start, end), when in find_dates(sentence, published):
            phrase = sentence[start:end]
            if phrase.lower() in RELATIVE:
                continue
            weekday = phrase.lower() in _WEEKDAYS
            rows.append({"phrase": phrase, "from": when, "to": when,
                         "meaning": "the latest such weekday on or before publication"
                         if weekday else "the date written, in the year before publication"})
    return pd.DataFrame(rows, columns=["phrase", "from", "to", "meaning"]).drop_duplicates(
        subset=["phrase"])


__all__ = ["Mention", "classify", "drop_dateline", "find_actors", "find_dates", "find_numbers",
           "find_places", "regions_named", "resolve_dates", "sentences"]
