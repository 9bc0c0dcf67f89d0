"""The claim checker on sentences whose right verdicts are known by hand, against the
SYNTHETIC fixture (Tower 22 on 28 Jan 2024: 3 US killed, 25-47 injured; Boukamal strikes)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.measures import claims
from analysis.measures.claims import CANNOT, CONTRADICTED, DISPUTED, SUPPORTED
from analysis.measures.mentions import find_numbers


def _check(dataset, text: str, published: str) -> pd.DataFrame:
    when = pd.Timestamp(published)
    events = dataset.events[dataset.events["event_date"] <= when]
    context = claims.Context(events, dataset.tallies, events.iloc[0:0], when,
                             tolls=dataset.tolls)
    return claims.check_claims(find_numbers(text, when, dataset.places), context)


# sentence, published, measure, verdict, words in the data column
CASES = {
    "US killed, site by region and weekday": (
        "A drone attack on a US base in northeastern Jordan on Sunday killed three American "
        "soldiers.", "2024-01-29", "US killed", SUPPORTED, "2024-01-28-tower-22-1: 3 US killed"),
    "US killed, passive voice": (
        "Three American soldiers were killed in Jordan on Sunday.", "2024-01-29", "US killed",
        SUPPORTED, "tower-22"),
    "US killed, wrong toll": (
        "Four American soldiers were killed in Jordan on Sunday.", "2024-01-29", "US killed",
        CONTRADICTED, "3 US killed"),
    "US injured inside the sources' range": (
        "In Jordan on Sunday 25 US troops were wounded.", "2024-01-29", "US injured",
        DISPUTED, "25–47 US injured"),
    "US injured above every source": (
        "In Jordan on Sunday 50 US troops were wounded.", "2024-01-29", "US injured",
        CONTRADICTED, "25–47"),
    "US injured, at least": (
        "At least 20 US troops were wounded in Jordan on Sunday.", "2024-01-29", "US injured",
        SUPPORTED, "25–47"),
    "US injured, toll not recorded": (
        "Two US soldiers were injured at al-Tanf on Wednesday.", "2023-10-19", "US injured",
        CANNOT, "not recorded"),
    "US injured, no event there": (
        "Two US soldiers were injured in Baghdad yesterday.", "2024-01-29", "US injured",
        CANNOT, "no documented attack"),
    "US injured, date written out": (
        "Two US personnel were wounded at Ain al-Asad on October 17.", "2023-10-20",
        "US injured", DISPUTED, "2023-10-17-ain-al-asad-1: 2–4"),
    "militants killed in the range": (
        "Airstrikes near Boukamal killed 19 militants.", "2023-12-31", "killed in strikes",
        DISPUTED, "6–19"),
    "militants killed, at least": (
        "At least four fighters were killed in US strikes on Boukamal on Friday.", "2023-10-28",
        "killed in strikes", SUPPORTED, "4–9"),
    "militants killed, too many": (
        "Strikes on Boukamal on Friday killed 30 militants.", "2023-10-28", "killed in strikes",
        CONTRADICTED, "4–9"),
    "attacks since October 7, official count": (
        "There have been more than 5 attacks on US forces since Oct. 7.", "2023-10-26",
        "attacks since", SUPPORTED, "official US count of attacks: 8"),
    "attacks since October 7, understated": (
        "There have been 3 attacks on US forces since October 7.", "2023-10-26",
        "attacks since", CONTRADICTED, "8 as of 24 Oct 2023"),
    "attacks since October 7, above a count two days old: it may have grown": (
        "There have been more than 20 attacks on US forces since October 7.", "2023-10-26",
        "attacks since", CANNOT, "a running count may have grown since"),
    "attacks since, no count stated yet": (
        "There have been 3 attacks on US forces since October 7.", "2023-10-18",
        "attacks since", CANNOT, "no official US count"),
    "claimed operations against the militias' own total": (
        "The Islamic Resistance in Iraq said it had carried out 150 operations.", "2024-01-26",
        "claimed operations", SUPPORTED, "militias' own claimed total: 150"),
    "claimed operations, never against the official count": (
        "The Islamic Resistance in Iraq said it had carried out 10 operations.", "2024-01-30",
        "claimed operations", CONTRADICTED, "militias' own claimed total: 150"),
    "claimed operations before any claimed total": (
        "The Islamic Resistance in Iraq said it had carried out 40 operations.", "2023-11-01",
        "claimed operations", CANNOT, "no militias' own claimed total"),
    "strikes, same count": (
        "The US carried out 1 strike on Boukamal on Friday.", "2023-10-28", "strikes",
        SUPPORTED, "1 strike(s) documented at boukamal"),
    "not a measure the data holds": (
        "The country is home to 2,500 US troops.", "2024-01-29", "other", CANNOT,
        "not a count the dataset holds"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_claim_verdict(case, dataset):
    sentence, published, measure, verdict, data = CASES[case]
    found = _check(dataset, sentence, published)
    row = found[found["measure"] == measure]
    assert len(row) == 1, found.to_string()
    assert row.iloc[0]["verdict"] == verdict, row.iloc[0].to_dict()
    assert data in row.iloc[0]["data"], row.iloc[0]["data"]


def test_every_verdict_is_exercised():
    assert {c[3] for c in CASES.values()} == set(claims.VERDICTS)


def test_killed_and_wounded_in_one_sentence_are_two_measures(dataset):
    found = _check(dataset, "Three American soldiers were killed and 25 others were wounded "
                   "in northeastern Jordan on Sunday.", "2024-01-29")
    verdicts = dict(zip(found["measure"], found["verdict"], strict=True))
    assert verdicts == {"US killed": SUPPORTED, "US injured": DISPUTED}


def test_digits_of_a_date_are_never_counts(dataset):
    text = ("On December 25 critically wounded soldiers were flown out of Erbil. "
            "The attack came on Jan. 28, 2024 at 10:30.")
    assert find_numbers(text, pd.Timestamp("2024-01-29"), dataset.places) == []


def test_date_said_on_is_not_when_it_happened(dataset):
    """'officials said on Thursday' dates the statement, not the attack."""
    [mention] = find_numbers("An attack earlier this week wounded four American troops, "
                             "officials said on Thursday.", pd.Timestamp("2024-02-01"),
                             dataset.places)
    assert pd.Timestamp("2024-01-29") in mention.dates  # Monday of that week
    assert all(d < pd.Timestamp("2024-02-01") for d in mention.dates[:-1])


def test_troops_and_a_contractor_are_counted_together(dataset):
    [mention] = find_numbers("The attack wounded four American troops and an American "
                             "contractor.", pd.Timestamp("2024-02-01"), dataset.places)
    assert (mention.value, mention.measure) == (5, "us_injured")
