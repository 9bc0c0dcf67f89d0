"""Reading an article: the places, numbers, actors and dates it mentions.

Plain regular expressions over the text, tuned to wire-style English; every finding keeps
the sentence it came from so a reader can judge it. Written by hand: the patterns are few
and a language model or NLP package would be heavier than the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from analysis.inputs.gazetteer import find_places

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "a dozen": 12, "dozens": 24,
    "a hundred": 100, "one hundred": 100, "hundreds": 200,
}
QUALIFIERS = ("over", "more than", "at least", "about", "around", "nearly", "almost",
              "roughly", "some", "up to")
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
_NUMBER = r"\d[\d,]*|" + "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len,
                                          reverse=True))
_QUALIFIER = "|".join(re.escape(q) for q in QUALIFIERS)
_MENTION = re.compile(
    rf"(?:(?P<qualifier>{_QUALIFIER})\s+)?(?:a\s+series\s+of\s+)?(?:(?P<q2>{_QUALIFIER})\s+)?"
    rf"\b(?P<number>{_NUMBER})\b(?:\s+of)?\s+(?P<what>(?:[A-Za-z][\w'-]*\s+){{0,3}}?"
    r"(?:militants|fighters|people|attacks|soldiers|troops|personnel|members|strikes|"
    r"airstrikes|rockets|drones|civilians|killed|injured|wounded))\b",
    re.IGNORECASE)


def sentences(text: str) -> list[str]:
    """Split into sentences (good enough for news copy)."""
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“])", text) if s.strip()]


def _to_int(token: str) -> int:
    token = token.lower().replace(",", "")
    return int(token) if token.isdigit() else WORD_NUMBERS[token]


@dataclass(frozen=True)
class Mention:
    """A number in the text and what it counts."""

    value: int
    qualifier: str
    what: str
    measure: str
    sentence: str


def classify(what: str, sentence: str) -> str:
    """What a number measures: militants_killed, attacks_since, us_injured, or other."""
    w, s = what.lower(), sentence.lower()
    if re.search(r"militant|fighter|member", w) and re.search(r"kill|dead|death", s):
        return "militants_killed"
    if re.search(r"attack", w) and re.search(r"since|october 7|oct\. 7", s):
        return "attacks_since"
    if re.search(r"soldier|troop|personnel", w) and re.search(r"injur|wound|hurt", s):
        return "us_injured"
    return "other"


def find_numbers(text: str) -> list[Mention]:
    """Every number followed by what it counts, with its qualifier ('over', 'at least')."""
    found = []
    for sentence in sentences(text):
        for m in _MENTION.finditer(sentence):
            qualifier = (m.group("qualifier") or m.group("q2") or "").lower()
            what = re.sub(r"\s+", " ", m.group("what")).strip()
            found.append(Mention(_to_int(m.group("number")), qualifier, what,
                                 classify(what, sentence), sentence))
    return found


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
_SINCE = re.compile(r"since (?:the start of [^.]*? on )?(October|Oct\.?) (\d{1,2})",
                    re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def resolve_dates(text: str, published: pd.Timestamp) -> pd.DataFrame:
    """Relative dates ('overnight', 'since October 7', 'Saturday') as date ranges."""
    rows = []
    lowered = text.lower()
    for phrase, (a, b, meaning) in RELATIVE.items():
        if phrase in lowered:
            rows.append({"phrase": phrase, "from": published + pd.Timedelta(days=a),
                         "to": published + pd.Timedelta(days=b), "meaning": meaning})
    for m in _SINCE.finditer(text):
        day = int(m.group(2))
        year = published.year if published.month >= 10 else published.year - 1
        start = pd.Timestamp(year=year, month=10, day=day)
        rows.append({"phrase": m.group(0), "from": start, "to": published,
                     "meaning": "from that date to publication"})
    for m in _WEEKDAY.finditer(text):
        target = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                  "Sunday"].index(m.group(1))
        back = (published.weekday() - target) % 7
        day = published - pd.Timedelta(days=back)
        rows.append({"phrase": m.group(1), "from": day, "to": day,
                     "meaning": "the latest such weekday on or before publication"})
    return pd.DataFrame(rows, columns=["phrase", "from", "to", "meaning"]).drop_duplicates(
        subset=["phrase"])


__all__ = ["Mention", "find_actors", "find_numbers", "find_places", "resolve_dates",
           "sentences"]
