"""Who died: ACLED's one ``fatalities`` figure split into US and other deaths by its notes.

ACLED counts everyone killed in an event and has no injuries column. For an attack on US
forces, the notes say who the dead were: "killing three US soldiers" gives ``us_killed`` 3
and ``killed`` (non-US) fatalities - 3; "wounding 40 US service members" gives
``us_injured`` 40. Where the notes say US personnel died without a number, or give no
nationality for the dead, the split cannot be told: the fields are left blank (unknown) and
``disputes`` says why. A strike's fatalities are all ``killed``. Notes are read once per
distinct text.
"""

from __future__ import annotations

import re
from typing import TypedDict

import numpy as np
import pandas as pd

from analysis.inputs.acled_codes import codes, first_of

NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_N = r"(?P<n>\d{1,4}|" + "|".join(NUMBERS) + r")"
_ABOUT = r"(?:(?:at least|over|more than|about|around|nearly|almost|some|up to)\s+)?"
_US = r"(?:U\.?S\.?|American|United States)"
_WHO = (r"(?:soldiers?|troops?|service\s?(?:members?|men|women|personnel)|servicemen|"
        r"military personnel|personnel|reservists?|marines?|sailors?|airmen)")
_UNIT = r"(?:[\w-]+\s+){0,3}?"  # "Army Reserve", "military"
_PEOPLE = rf"{_US}\s+{_UNIT}{_WHO}"
_AND_OTHERS = r"(?:\s+and\s+(?:[\w-]+\s+){0,3}?[\w-]+)?"  # "... and two contractors"
_KILL = r"(?:killing|killed|kills|deaths? of)"
_KILLED = r"(?:(?:were|was|had been|have been)\s+)?(?:killed|dead|died)"
_HURT = r"(?:injuring|injured|wounding|wounded|injuries to)"
_HURTED = r"(?:(?:were|was|had been|have been)\s+)?(?:injured|wounded|hurt)"
US_KILLED = (re.compile(rf"{_KILL}\s+{_ABOUT}{_N}\s+{_PEOPLE}", re.IGNORECASE),
             re.compile(rf"\b{_ABOUT}{_N}\s+{_PEOPLE}{_AND_OTHERS}\s+{_KILLED}", re.IGNORECASE))
US_INJURED = (re.compile(rf"{_HURT}\s+{_ABOUT}{_N}\s+{_PEOPLE}", re.IGNORECASE),
              re.compile(rf"\b{_ABOUT}{_N}\s+{_PEOPLE}{_AND_OTHERS}\s+{_HURTED}",
                         re.IGNORECASE))
NOBODY_HURT = re.compile(
    r"\bno (?:\w+ )?(?:casualties|injuries|fatalities|deaths)|\bno one (?:was )?"
    r"(?:hurt|injured|killed)|\bwithout (?:causing |any )?(?:casualties|injuries)",
    re.IGNORECASE)
_OTHERS = (r"(?:iraqi|syrian|jordanian|kurdish|civilians?|locals?|peshmerga|guards?|"
           r"contractors?|sdf|workers?|militants?|fighters?|members? of)")
_NUMBER = r"(?:\d{1,4}|" + "|".join(NUMBERS) + r")"
OTHERS_KILLED = re.compile(rf"{_KILL}\s+{_ABOUT}(?:{_NUMBER}\s+)?{_UNIT}{_OTHERS}|\b{_OTHERS}"
                           rf"\s+{_UNIT}{_KILLED}", re.IGNORECASE)
UNCOUNTED = -1  # the notes say US personnel were hurt but give no number
UNSAID = -2  # the notes say nothing of US casualties


def _count(patterns: tuple[re.Pattern, ...], mention: str, sentence: str) -> int:
    """The number a sentence gives, UNCOUNTED for a mention without one, else UNSAID."""
    for pattern in patterns:
        found = pattern.search(sentence)
        if found:
            word = found.group("n").lower()
            return int(word) if word.isdigit() else NUMBERS[word]
    if re.search(_PEOPLE, sentence, re.IGNORECASE) and re.search(mention, sentence,
                                                                   re.IGNORECASE):
        return UNCOUNTED
    return UNSAID


def _first_known(values: list[int]) -> int:
    counted = [v for v in values if v >= 0]
    if counted:
        return sum(counted)
    return UNCOUNTED if UNCOUNTED in values else UNSAID


def read_notes(notes: pd.Series) -> pd.DataFrame:
    """For distinct notes: US killed and injured as the notes count them (or UNCOUNTED,
    UNSAID), whether they say nobody was hurt, and whether they name non-US dead."""
    rows = []
    for text in notes.astype(str):
        sentences = re.split(r"(?<=[.;])\s+", text)
        killed = _first_known([_count(US_KILLED, r"\b(?:kill|dead|died|death)", s)
                               for s in sentences])
        injured = _first_known([_count(US_INJURED, r"\b(?:injur|wound|hurt)", s)
                                for s in sentences])
        rows.append((killed, injured, bool(NOBODY_HURT.search(text)),
                     bool(OTHERS_KILLED.search(text))))
    return pd.DataFrame(rows, columns=["us_killed", "us_injured", "nobody", "others"],
                        index=notes.index)


def _blank_where(values: np.ndarray, unknown: np.ndarray) -> pd.arrays.IntegerArray:
    return pd.arrays.IntegerArray(np.where(unknown, 0, values).astype("int64"), unknown)


class Split(TypedDict):
    """What :func:`split_casualties` gives each row: the fields, blank where unknown, and
    the reasons (indices into :data:`WHY`, -1 for none) they were left blank."""

    us_killed: pd.arrays.IntegerArray
    us_injured: pd.arrays.IntegerArray
    killed: pd.arrays.IntegerArray
    why: np.ndarray
    why_hurt: np.ndarray


def split_casualties(attack: np.ndarray, fatalities: np.ndarray, notes: dict[str, np.ndarray]
                     ) -> Split:
    """Each row's ``us_killed``, ``us_injured``, ``killed`` and the reason (an index into
    :data:`WHY`, -1 for none) a field was left blank. ``notes`` is :func:`read_notes`
    spread to the rows."""
    us, hurt, others = notes["us_killed"], notes["us_injured"], notes["others"]
    nobody = notes["nobody"] & (fatalities == 0)
    counted, uncounted, unsaid = us >= 0, us == UNCOUNTED, us == UNSAID
    us_killed = np.select([counted, uncounted & ~others, unsaid & (others | nobody
                                                                     | (fatalities == 0))],
                          [us, fatalities, 0], -1)
    killed = np.select([counted, uncounted & ~others, unsaid & (others | nobody
                                                                  | (fatalities == 0))],
                       [fatalities - us, 0, fatalities], -1)
    why = np.select([counted & (fatalities < us), uncounted & (others | (fatalities == 0)),
                     unsaid & (us_killed < 0)], [0, 1, 2], -1)
    us_killed = np.where(counted & (fatalities < us), us, us_killed)
    killed = np.where(killed < 0, -1, killed)
    us_injured = np.where(hurt >= 0, hurt, np.where(nobody, 0, -1))
    why_hurt = np.where(hurt == UNCOUNTED, 3, -1)
    strike = ~attack
    return {
        "us_killed": _blank_where(us_killed, (us_killed < 0) | strike),
        "us_injured": _blank_where(us_injured, (us_injured < 0) | strike),
        "killed": _blank_where(np.where(strike, fatalities, killed),
                               ~strike & (killed < 0)),
        "why": np.where(strike, -1, why), "why_hurt": np.where(strike, -1, why_hurt),
    }


WHY = (
    "the notes count {us} US dead, more than ACLED's {fatalities} fatalities, so non-US "
    "deaths are left blank",
    "ACLED records {fatalities} fatalities; the notes say US personnel were among them "
    "without saying how many, so US and other deaths are left blank",
    "ACLED records {fatalities} fatalities; the notes do not say whether the dead were US "
    "personnel, so US and other deaths are left blank",
    "the notes report US injuries without a number, so US injured is left blank",
)


def disputes(why: np.ndarray, why_hurt: np.ndarray, fatalities: np.ndarray, us: np.ndarray
             ) -> pd.Categorical:
    """The ``disputes`` text of each row: why a casualty field is blank (or '').
    Texts are written once per distinct (reasons, fatalities, US count)."""
    key = ((why + 1) + 5 * (why_hurt + 1) + 25 * fatalities.astype(np.int64)
           + 25 * 100_001 * np.clip(us, 0, 99_999).astype(np.int64))
    group, distinct = pd.factorize(key)
    texts = []
    for k in distinct:
        w, rest = int(k % 5) - 1, int(k // 5)
        h, rest = rest % 5 - 1, rest // 5
        f, u = rest % 100_001, rest // 100_001
        parts = [WHY[i].format(us=u, fatalities=f) for i in (w, h) if i >= 0]
        text = "; ".join(parts)
        texts.append(text[:1].upper() + text[1:] + "." if parts else "")
    shown = pd.Categorical(texts)
    return pd.Categorical.from_codes(shown.codes[group], shown.categories)


def row_casualties(notes: pd.Series, fatalities: pd.Series, attack: np.ndarray
                   ) -> dict[str, object]:
    """Each row's ``us_killed``, ``us_injured``, ``killed`` (whole numbers, blank where
    unknown), ``disputes`` (why a field is blank) and its fatalities, worked out once per
    distinct (notes, fatalities, attack or strike) and spread to the rows."""
    notes_codes, notes_text = codes(notes)
    fatal_codes, fatal_text = codes(fatalities)
    key = (notes_codes.astype(np.int64) * (len(fatal_text) + 1) + fatal_codes) * 2 + attack
    group, first = first_of(key)
    found = read_notes(notes_text.iloc[np.unique(notes_codes[first])])
    found = found.reindex(range(len(notes_text)))  # rows for the notes used, by code
    at = notes_codes[first]
    fatal = fatal_text.astype("int64").to_numpy()[fatal_codes[first]]
    split = split_casualties(attack[first], fatal, {
        c: found[c].to_numpy()[at].astype(bool if c in ("nobody", "others") else np.int64)
        for c in found.columns})
    texts = disputes(split["why"], split["why_hurt"], fatal,
                     np.asarray(split["us_killed"].fillna(0)))
    return {"us_killed": split["us_killed"].take(group),
            "us_injured": split["us_injured"].take(group),
            "killed": split["killed"].take(group),
            "disputes": pd.Categorical.from_codes(texts.codes[group], texts.categories),
            "fatalities": fatal[group]}
