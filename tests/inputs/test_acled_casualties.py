"""ACLED's one fatalities figure split into US and other deaths by the notes; what cannot be
told is blank and says why. Notes here are SYNTHETIC sentences written for the test."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.inputs.acled_casualties import UNCOUNTED, UNSAID, read_notes, row_casualties


@pytest.mark.parametrize("notes, killed, injured", [
    ("A drone hit the outpost, killing three US soldiers and wounding more than 40 US "
     "service members.", 3, 40),
    ("Two US Army Reserve soldiers were killed when a drone struck.", 2, UNSAID),
    ("A US soldier was killed and several US troops were wounded.", 1, UNCOUNTED),
    ("Rockets hit the base; five US service members and two contractors were injured.",
     UNSAID, 5),
    ("A drone attack on the base killed US troops.", UNCOUNTED, UNSAID),
    ("Rockets hit the base; no casualties were reported.", UNSAID, UNSAID),
    ("A drone hit the base.", UNSAID, UNSAID),
])
def test_notes_give_us_casualties(notes, killed, injured):
    found = read_notes(pd.Series([notes]))
    assert (found["us_killed"].iat[0], found["us_injured"].iat[0]) == (killed, injured)


def _split(notes: str, fatalities: int, attack: bool = True) -> dict:
    result = row_casualties(pd.Series([notes], dtype="category"),
                            pd.Series([str(fatalities)], dtype="category"),
                            np.array([attack]))
    return {k: (None if pd.isna(v[0]) else v[0]) for k, v in result.items()}


def test_us_deaths_in_the_notes_go_to_us_killed():
    split = _split("A drone struck, killing three US soldiers and wounding more than 40 "
                   "US service members.", 3)
    assert (split["us_killed"], split["killed"], split["us_injured"]) == (3, 0, 40)
    assert split["disputes"] == ""


def test_other_named_dead_are_killed_not_us():
    split = _split("A drone hit the base, killing six Kurdish-led SDF fighters.", 6)
    assert (split["us_killed"], split["killed"]) == (0, 6)


def test_dead_of_unsaid_nationality_leave_both_blank_and_say_why():
    split = _split("A drone hit a base near Rmelan; two people were killed.", 2)
    assert split["us_killed"] is None and split["killed"] is None
    assert "2 fatalities" in split["disputes"] and "US personnel" in split["disputes"]


def test_us_dead_without_a_number_and_others_dead_leave_both_blank():
    split = _split("Rockets killed US soldiers and Iraqi guards at the base.", 4)
    assert split["us_killed"] is None and split["killed"] is None
    assert "without saying how many" in split["disputes"]


def test_us_dead_without_a_number_and_no_one_else_are_all_us():
    split = _split("A drone attack on the base killed US troops.", 2)
    assert (split["us_killed"], split["killed"]) == (2, 0)


def test_no_fatalities_is_zero_dead_and_unknown_injured():
    split = _split("Rockets were fired at the base.", 0)
    assert (split["us_killed"], split["killed"], split["us_injured"]) == (0, 0, None)


def test_no_casualties_in_the_notes_is_zero_injured():
    split = _split("Rockets were fired at the base; no casualties were reported.", 0)
    assert split["us_injured"] == 0


def test_more_us_dead_than_fatalities_keeps_the_notes_count():
    split = _split("A drone struck, killing three US soldiers.", 1)
    assert (split["us_killed"], split["killed"]) == (3, None)
    assert "more than ACLED's 1 fatalities" in split["disputes"]


def test_us_injuries_without_a_number_are_blank_and_said():
    split = _split("Several US personnel were injured in the attack.", 0)
    assert split["us_injured"] is None
    assert "injuries without a number" in split["disputes"]


def test_a_strikes_fatalities_are_all_killed():
    split = _split("US aircraft struck a depot, killing two US-designated militants.", 2,
                   attack=False)
    assert (split["us_killed"], split["us_injured"], split["killed"]) == (None, None, 2)
