"""Dates a news story gives relative to its publication day, in one table.

"Overnight", "earlier this week", "on Sunday": each phrase names a span of days before
publication. The same table resolves a claim's dates (which events a sentence can mean) and
fills the report's dates table, so the two can never give different days. Weeks run Monday
to Sunday, as wire copy counts them; a weekday is the latest such day on or before
publication ("on Sunday" in a Monday story is the day before; in a Sunday story, that day).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

Span = tuple[pd.Timestamp, pd.Timestamp]


def _days(first: int, last: int) -> Callable[[pd.Timestamp], Span]:
    return lambda d: (d + pd.Timedelta(days=first), d + pd.Timedelta(days=last))


def _monday(d: pd.Timestamp) -> pd.Timestamp:
    return d - pd.Timedelta(days=d.weekday())


def _earlier_this_week(d: pd.Timestamp) -> Span:
    monday = _monday(d)
    return monday, max(monday, d - pd.Timedelta(days=1))


def _last_week(d: pd.Timestamp) -> Span:
    monday = _monday(d) - pd.Timedelta(days=7)
    return monday, monday + pd.Timedelta(days=6)


def _earlier_this_month(d: pd.Timestamp) -> Span:
    first = d.replace(day=1)
    return first, max(first, d - pd.Timedelta(days=1))


def _last_month(d: pd.Timestamp) -> Span:
    last = d.replace(day=1) - pd.Timedelta(days=1)
    return last.replace(day=1), last


def _weekday(index: int) -> Callable[[pd.Timestamp], Span]:
    def span(d: pd.Timestamp) -> Span:
        day = d - pd.Timedelta(days=(d.weekday() - index) % 7)
        return day, day
    return span


@dataclass(frozen=True)
class Phrase:
    """A relative date phrase: its pattern, the span of days it names, and what it means."""

    name: str
    pattern: str
    span: Callable[[pd.Timestamp], Span]
    meaning: str


# Longer phrases first: "earlier this week" is not also read as "this week".
PHRASES: tuple[Phrase, ...] = (
    Phrase("earlier this week", r"earlier this week", _earlier_this_week,
           "Monday of the week of publication to the day before publication"),
    Phrase("this week", r"this week", lambda d: (_monday(d), d),
           "Monday of the week of publication to publication"),
    Phrase("last week", r"last week", _last_week,
           "Monday to Sunday of the week before the week of publication"),
    Phrase("earlier this month", r"earlier this month", _earlier_this_month,
           "the first of the month of publication to the day before publication"),
    Phrase("last month", r"last month", _last_month, "the month before the month of publication"),
    Phrase("overnight", r"overnight|last night", _days(-1, 0),
           "the night before publication (the local date is that day or the day before)"),
    Phrase("yesterday", r"yesterday", _days(-1, -1), "the day before publication"),
    Phrase("today", r"today|tonight|this morning|this evening", _days(0, 0),
           "the day of publication"),
    Phrase("recently", r"recent(?:ly)?", _days(-14, 0),
           "the two weeks before publication (our reading)"),
    *(Phrase(day.capitalize(), day, _weekday(i),
             "the latest such weekday on or before publication")
      for i, day in enumerate(WEEKDAYS)),
)
_COMPILED = tuple((p, re.compile(rf"\b(?:{p.pattern})\b", re.IGNORECASE)) for p in PHRASES)
# Phrases that date a span too loosely to choose an event by ("recently" is a window).
LOOSE = ("recently", "last month", "earlier this month")


def find(sentence: str) -> list[tuple[tuple[int, int], Phrase]]:
    """Each relative date phrase in ``sentence`` with its span; overlapping matches of a
    shorter phrase ("this week" inside "earlier this week") are dropped."""
    found: list[tuple[tuple[int, int], Phrase]] = []
    for phrase, pattern in _COMPILED:
        for m in pattern.finditer(sentence):
            if any(m.start() < end and start < m.end() for (start, end), _ in found):
                continue
            found.append((m.span(), phrase))
    return sorted(found, key=lambda item: item[0])


def resolve(phrase: Phrase, published: pd.Timestamp) -> Span:
    """The first and last day ``phrase`` can mean in a story published on ``published``."""
    return phrase.span(published)


def days(phrase: Phrase, published: pd.Timestamp) -> list[pd.Timestamp]:
    """Every day ``phrase`` can mean."""
    first, last = resolve(phrase, published)
    return list(pd.date_range(first, last))


__all__ = ["LOOSE", "PHRASES", "Phrase", "WEEKDAYS", "days", "find", "resolve"]
