"""The one table of relative dates: each phrase's days, and the same days in the claims
(find_dates) and in the report's dates table (resolve_dates)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.measures import relative_dates
from analysis.measures.mentions import find_dates, find_numbers, resolve_dates

THURSDAY = pd.Timestamp("2024-08-08")  # a Thursday, the day seed 002 was published
MONDAY = pd.Timestamp("2024-08-05")

# phrase, published, first day, last day
CASES = {
    "overnight": ("overnight", THURSDAY, "2024-08-07", "2024-08-08"),
    "last night": ("last night", THURSDAY, "2024-08-07", "2024-08-08"),
    "yesterday": ("yesterday", THURSDAY, "2024-08-07", "2024-08-07"),
    "today": ("today", THURSDAY, "2024-08-08", "2024-08-08"),
    "earlier this week (Monday to the day before, never last Friday)": (
        "earlier this week", THURSDAY, "2024-08-05", "2024-08-07"),
    "earlier this week, published on a Monday": (
        "earlier this week", MONDAY, "2024-08-05", "2024-08-05"),
    "this week": ("this week", THURSDAY, "2024-08-05", "2024-08-08"),
    "last week (the week before, Monday to Sunday)": (
        "last week", THURSDAY, "2024-07-29", "2024-08-04"),
    "earlier this month": ("earlier this month", THURSDAY, "2024-08-01", "2024-08-07"),
    "last month": ("last month", THURSDAY, "2024-07-01", "2024-07-31"),
    "recently (our reading: two weeks)": ("recently", THURSDAY, "2024-07-25", "2024-08-08"),
    "on Sunday, published Thursday": ("on Sunday", THURSDAY, "2024-08-04", "2024-08-04"),
    "on Thursday, published Thursday": ("on Thursday", THURSDAY, "2024-08-08", "2024-08-08"),
    "on Friday, published Thursday (the week before)": (
        "on Friday", THURSDAY, "2024-08-02", "2024-08-02"),
    "Monday night": ("Monday night", THURSDAY, "2024-08-05", "2024-08-05"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_phrase_days(case):
    phrase, published, first, last = CASES[case]
    sentence = f"Rockets hit the base {phrase}."
    [found] = find_dates(sentence, published)
    assert (found.first, found.last) == (pd.Timestamp(first), pd.Timestamp(last))
    table = resolve_dates(sentence, published)
    assert (table.iloc[0]["from"], table.iloc[0]["to"]) == (found.first, found.last)


def test_every_phrase_of_the_table_is_tested():
    tested = {find_dates(f"Rockets hit the base {c[0]}.", c[1])[0].meaning
              for c in CASES.values()}
    assert {p.meaning for p in relative_dates.PHRASES} <= tested


def test_a_claim_is_resolved_to_the_days_the_dates_table_shows():
    text = "An attack earlier this week wounded four American troops."
    [mention] = find_numbers(text, THURSDAY)
    row = resolve_dates(text, THURSDAY).iloc[0]
    assert mention.dates == tuple(pd.date_range(row["from"], row["to"]))


def test_earlier_this_week_is_not_this_week_too():
    phrases = [f.phrase for f in find_dates("It happened earlier this week.", THURSDAY)]
    assert phrases == ["earlier this week"]


def test_a_written_date_of_the_same_year_is_not_called_the_year_before():
    table = resolve_dates("It began on February 28.", pd.Timestamp("2026-03-16"))
    assert table.iloc[0]["from"] == pd.Timestamp("2026-02-28")
    assert "year of publication" in table.iloc[0]["meaning"]
    table = resolve_dates("It began on October 7.", pd.Timestamp("2024-01-29"))
    assert table.iloc[0]["from"] == pd.Timestamp("2023-10-07")
    assert "year before publication" in table.iloc[0]["meaning"]


def test_a_day_something_was_said_is_marked_and_never_anchors_a_claim():
    text = "A drone killed three U.S. service members, officials said on Sunday."
    [mention] = find_numbers(text, pd.Timestamp("2024-01-29"))
    assert mention.dates == ()
    assert "when it was said" in resolve_dates(text, pd.Timestamp("2024-01-29")).iloc[0][
        "meaning"]


def test_a_part_of_a_year_or_month_is_a_span():
    [late] = find_dates("The previous strike came in late 2023.", THURSDAY)
    assert (late.first, late.last) == (pd.Timestamp("2023-09-01"), pd.Timestamp("2023-12-31"))
    [early] = find_dates("the first attack since early February", THURSDAY)
    assert (early.first, early.last, early.loose) == (
        pd.Timestamp("2024-02-01"), pd.Timestamp("2024-02-10"), True)
