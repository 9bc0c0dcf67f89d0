"""The traps of unseen wire stories, each with its verdict and the reason it rests on.

SYNTHETIC data: the fixture of tests/fixtures/data (Tower 22 on 28 Jan 2024: 3 US killed,
25-47 injured) plus invented rows, statements and counts added here; none is shown in a
report. The same traps on real stories are in tests/report/test_article_seeds.py.
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from analysis.inputs.curated import join_places
from analysis.measures import claims
from analysis.measures.claims import CANNOT, CONTRADICTED, DISPUTED, SUPPORTED
from analysis.measures.mentions import find_numbers

SYNTHETIC_EVENTS = [
    # Two strikes on one day in two governorates (a sentence naming both sums them).
    dict(event_id="2023-11-22-jurf-al-sakhar-1", event_date="2023-11-22",
         category="strike_on_militants", weapon="airstrike", place="jurf-al-sakhar",
         killed=3, killed_high=8, description="Synthetic strike on Jurf al-Sakhar."),
    dict(event_id="2023-11-22-anbar-unspecified-1", event_date="2023-11-22",
         category="strike_on_militants", weapon="airstrike", place="anbar-unspecified",
         killed=2, description="Synthetic strike in Anbar."),
    # A rocket attack whose launch count only the description gives.
    dict(event_id="2024-08-05-ain-al-asad-1", event_date="2024-08-05",
         category="attack_on_us", weapon="rocket", place="ain-al-asad", us_injured=5,
         us_injured_high=7,
         description="Two Katyusha rockets were fired at the base; one came down inside."),
    # A drone salvo whose count is in the projectiles column.
    dict(event_id="2026-03-06-victory-base-1", event_date="2026-03-06",
         category="attack_on_us", weapon="drone", place="victory-base", projectiles=4,
         description="Synthetic drones at the airport base."),
    # An unrelated event in the same country, the same week.
    dict(event_id="2026-03-05-erbil-air-base-1", event_date="2026-03-05",
         category="attack_on_us", weapon="drone", place="erbil-air-base",
         description="Synthetic drone at Erbil."),
]
SYNTHETIC_PLACES = [
    dict(place="jurf-al-sakhar", aliases="Jurf al-Sakhar", kind="town", admin1="Babil"),
    dict(place="anbar-unspecified", aliases="Unspecified site in Anbar | Al Anbar",
         kind="region", admin1="Anbar"),
    dict(place="victory-base", aliases="Victory Base | Baghdad International Airport",
         kind="base", admin1="Baghdad"),
]
SYNTHETIC_TOLLS = [
    ("2024-01-28-tower-22-1", "us_injured", 25, "2024-01-28", "", "Synthetic command"),
    ("2024-01-28-tower-22-1", "us_injured", 34, "2024-01-28", "yes", "Synthetic update"),
    ("2024-01-28-tower-22-1", "us_injured", 40, "2024-01-30", "yes", "Synthetic briefing"),
    ("2024-01-28-tower-22-1", "us_injured", 47, None, "", "Synthetic digest (undated)"),
    ("2024-08-05-ain-al-asad-1", "us_injured", 7, "2024-08-06", "yes", "Synthetic official"),
    ("2024-08-05-ain-al-asad-1", "us_injured", 5, "2024-08-08", "yes", "Synthetic revision"),
]
SYNTHETIC_TALLIES = [
    dict(kind="monitor", as_of="2026-03-09", stated_on="2026-03-09", total=176,
         speaker="Synthetic Erbil governor"),
    dict(kind="monitor", as_of="2026-03-09", stated_on="2026-03-09", total=300,
         speaker="Synthetic Peacemaker Teams"),
    dict(kind="claim", as_of="2026-03-11", stated_on="2026-03-11", total=291, us_killed=13,
         speaker="Synthetic militia statement"),
    dict(kind="official", as_of="2024-01-29", stated_on="2024-01-29", total=165, iraq=66,
         syria=98, jordan=1, speaker="Synthetic defense official"),
]


@pytest.fixture
def data(dataset):
    """The fixture data with the synthetic rows, statements and counts above."""
    events = pd.DataFrame(SYNTHETIC_EVENTS).assign(
        event_date=lambda f: pd.to_datetime(f["event_date"]), date_precision="day",
        actor="Unknown", attribution="alleged", target="Unknown", disputes="", sources="",
        seed="", source_line=0)
    for column in ("us_killed", "us_injured", "killed", "us_injured_high", "killed_high",
                   "projectiles"):
        events[column] = events.get(column, pd.Series(dtype="Int64")).astype("Int64")
    places = pd.concat([dataset.places, pd.DataFrame(SYNTHETIC_PLACES).assign(
        country="Iraq", latitude=33.0, longitude=44.0, source="", notes="synthetic",
        name=lambda f: f["aliases"].str.split(" | ", regex=False).str[0])], ignore_index=True)
    raw = dataset.events.drop(columns=["place_name", "place_kind", "country", "admin1",
                                       "latitude", "longitude"])
    joined = join_places(pd.concat([raw, events], ignore_index=True), places)
    tolls = pd.DataFrame(SYNTHETIC_TOLLS, columns=["event_id", "measure", "value", "stated_on",
                                                   "replaces_earlier", "speaker"]).assign(
        source="https://example.org/s", note="synthetic",
        stated_on=lambda f: pd.to_datetime(f["stated_on"]),
        value=lambda f: f["value"].astype("Int64"))
    tallies = pd.DataFrame(SYNTHETIC_TALLIES).assign(source="https://example.org/t",
                                                      note="synthetic")
    for c in ("as_of", "stated_on"):
        tallies[c] = pd.to_datetime(tallies[c])
    for c in ("total", "iraq", "syria", "jordan", "us_injured", "us_killed"):
        tallies[c] = tallies.get(c, pd.Series(dtype="Int64")).astype("Int64")
    text = places.columns.difference(["latitude", "longitude", "source_line"])
    places[text] = places[text].fillna("")
    return dataclasses.replace(dataset, events=joined, tolls=tolls, places=places,
                               tallies=pd.concat([dataset.tallies, tallies], ignore_index=True))


def _claims(data, text: str, published: str, article_id: str = "") -> pd.DataFrame:
    when = pd.Timestamp(published)
    events = data.events[data.events["event_date"] <= when]
    matched = claims.matched_events(events, data.places, text, when, article_id)
    context = claims.Context(events, data.tallies, matched, when, (), data.tolls,
                             claims.article_days(text, when))
    return claims.check_claims(find_numbers(text, when, data.places), context)


def _one(found: pd.DataFrame, measure: str, value: int | None = None) -> dict:
    rows = found[found["measure"].str.startswith(measure)]
    if value is not None:
        rows = rows[rows["claim"].str.contains(rf"(?:^|\D){value}(?:\D|$)")
                    | rows["claim"].str.contains(f"= {value})", regex=False)]
    assert len(rows) == 1, found[["claim", "measure", "verdict", "data"]].to_string()
    return rows.iloc[0].to_dict()


# sentence, published, measure, value, verdict, words in the data (or notes), why
TRAPS = {
    "toll as stated that day, not the later figures": (
        "At least 34 personnel were wounded at Tower 22 on Sunday.", "2024-01-29",
        "US injured", 34, SUPPORTED, "34 US injured as stated by 29 Jan 2024",
        "34 was the figure on the day; 40 and 47 came later"),
    "the later figures are context, never the basis": (
        "At least 34 personnel were wounded at Tower 22 on Sunday.", "2024-01-29",
        "US injured", 34, SUPPORTED, "stated later: 2024-01-28-tower-22-1: 40 (30 Jan 2024",
        "later statements shown beside the verdict"),
    "a figure superseded by a later statement": (
        "At least 34 personnel were wounded at Tower 22 on Sunday.", "2024-01-31",
        "US injured", 34, SUPPORTED, "40 US injured as stated by 31 Jan 2024",
        "by 31 Jan the standing figure was 40"),
    "an exact figure below the one standing that day": (
        "Thirty personnel were wounded at Tower 22 on Sunday.", "2024-01-29",
        "US injured", 30, CONTRADICTED, "34 US injured as stated",
        "the figure that day was 34"),
    "first reported: an earlier statement": (
        "The Pentagon said it had lowered the number of injured from the seven first "
        "reported at Ain al-Asad.", "2024-08-08", "US injured", 7, SUPPORTED,
        "7 is a figure reported before that", "7 was stated on 6 Aug, 5 on 8 Aug"),
    "first reported: a row's high figure when no statement is recorded": (
        "The Pentagon raised the number of injured at Ain al-Asad from the two first "
        "reported.", "2023-10-20", "US injured", 2, SUPPORTED,
        "2 is a figure reported before that", "the row's range is 2-4"),
    "troops and a contractor, the figure of the day": (
        "An attack on Ain al-Asad on Monday wounded four American troops and an American "
        "contractor.", "2024-08-08", "US injured", 5, SUPPORTED,
        "5 US injured as stated by 8 Aug 2024", "5 after the revision from 7"),
    "sum over the places a sentence names": (
        "At least five members were killed in the strikes near Jurf al-Sakhar and Al Anbar "
        "on Wednesday.", "2023-11-22", "killed in strikes", 5, SUPPORTED,
        "summed over the 2 events the sentence names: 5–10",
        "3-8 at Jurf al-Sakhar plus 2 in Anbar"),
    "one place of two is not the sum": (
        "At least five members were killed in the strike near Jurf al-Sakhar on Wednesday.",
        "2023-11-22", "killed in strikes", 5, DISPUTED, "3–8 killed in strikes",
        "Jurf al-Sakhar alone: 3-8"),
    "weapon mismatch is said": (
        "A rocket attack on a base in Jordan on Sunday killed three American soldiers.",
        "2024-01-29", "US killed", 3, SUPPORTED,
        "weapon: the sentence says rocket; 2024-01-28-tower-22-1 records drone",
        "the toll matches; the weapon does not"),
    "date mismatch is said": (
        "A drone attack on a base in Jordan on Saturday killed three American soldiers.",
        "2024-01-29", "US killed", 3, SUPPORTED,
        "date: the sentence gives 27 Jan 2024; 2024-01-28-tower-22-1 is dated 28 Jan 2024",
        "one day's slack for US and local dates, said"),
    "projectiles from the row's column": (
        "Four drones were aimed at the base at Baghdad airport on Friday.", "2026-03-06",
        "drones, rockets or missiles", 4, SUPPORTED, "2026-03-06-victory-base-1: 4",
        "projectiles = 4"),
    "projectiles from the row's description": (
        "Two Katyusha rockets were launched at Ain al-Asad airbase on Monday.", "2024-08-08",
        "drones, rockets or missiles", 2, SUPPORTED, "as its description counts them",
        "the description says two rockets were fired"),
    "projectiles of another weapon are not read from a description": (
        "Two drones were launched at Ain al-Asad airbase on Monday.", "2024-08-08",
        "drones, rockets or missiles", 2, CANNOT, "not recorded",
        "the description counts rockets, not drones"),
    "country split of an official count": (
        "Since Oct. 7 there have been 165 attacks, 66 of them in Iraq and 98 in Syria.",
        "2024-01-29", "attacks in Iraq", 66, SUPPORTED,
        "official count of attacks in Iraq: 66 as of 29 Jan 2024",
        "the official count's Iraq figure"),
    "country split, the other part": (
        "Since Oct. 7 there have been 165 attacks, 66 of them in Iraq and 98 in Syria.",
        "2024-01-29", "attacks in Syria", 98, SUPPORTED, "in Syria: 98",
        "the official count's Syria figure"),
    "country split, understated": (
        "Since Oct. 7 there have been 165 attacks, 60 of them in Iraq and 98 in Syria.",
        "2024-01-29", "attacks in Iraq", 60, CONTRADICTED, "in Iraq: 66",
        "the count that day said 66"),
    "a governor's running count against the monitor's": (
        "The Erbil governor said 176 drones and rockets had been launched at the city "
        "since the war began.", "2026-03-10", "drones, rockets or missiles", 176, SUPPORTED,
        "local authorities' or monitors' count: 176", "the governor's 176 of 9 Mar"),
    "a monitoring group's running count against its own": (
        "Christian Peacemaker Teams counted 300 attacks on the Kurdistan Region since "
        "February 28.", "2026-03-10", "attacks since", 300, SUPPORTED,
        "Synthetic Peacemaker Teams", "the monitor's 300, not the governor's 176"),
    "claimed US deaths only against the militias' own claims": (
        "The Islamic Resistance in Iraq claimed its attacks had killed 13 Americans since "
        "the war began.", "2026-03-12", "US killed (as claimed", 13, SUPPORTED,
        "claim count of US killed: 13", "the militias' own total, said as a claim"),
    "a militia's claimed operations": (
        "The Islamic Resistance in Iraq said it had carried out 291 operations.",
        "2026-03-12", "claimed operations", 291, SUPPORTED, "militias' own claimed total: 291",
        "a claim count, never the official one"),
    "the first to kill US troops": (
        "The drone attack in Jordan on Sunday, the first to kill U.S. troops since the war "
        "began in October, killed three.", "2024-01-29", "first attack to kill", 1,
        SUPPORTED, "no documented attack killed US personnel",
        "no earlier row with US killed"),
}


@pytest.mark.parametrize("case", TRAPS, ids=list(TRAPS))
def test_trap(case, data):
    sentence, published, measure, value, verdict, words, _why = TRAPS[case]
    row = _one(_claims(data, sentence, published), measure,
               value if not measure.startswith("first") else None)
    assert row["verdict"] == verdict, row
    assert words in row["data"] + " " + row["notes"], row


def test_a_day_attack_count_rests_on_the_rows_of_that_day(data):
    """Thursday 5 Mar 2026: one synthetic attack in Iraq (at Erbil), so 'two attacks' is
    contradicted by the row it names (seed 007 has a supported count: four attacks)."""
    two = _one(_claims(data, "Drones were used in two attacks on US forces in Iraq on "
                             "Thursday.", "2026-03-06"), "attacks on the days named")
    assert two["verdict"] == CONTRADICTED
    assert "1 attack(s) documented in Iraq on 5 Mar 2026" in two["data"]
    assert "2026-03-05-erbil-air-base-1" in two["data"]


def test_a_militia_count_of_bases_is_said_as_a_claim(data):
    found = _claims(data, "The Islamic Resistance in Iraq said it had struck three bases "
                          "in Jordan on Sunday.", "2024-01-29")
    row = _one(found, "attacks on the days named")
    assert "said as a claim" in row["notes"]
    assert row["verdict"] == CANNOT and "1 attack(s) documented" in row["data"], row


def test_a_monitor_figure_is_never_held_against_the_official_count(data):
    row = _one(_claims(data, "The Erbil governor said 176 drones and rockets had been "
                             "launched at the city since the war began.", "2026-03-10"),
               "drones, rockets or missiles")
    assert "official" not in row["data"]


def test_first_to_kill_is_contradicted_by_an_earlier_deadly_attack(data):
    events = data.events.copy()
    earlier = events["event_id"] == "2023-10-17-ain-al-asad-1"
    events.loc[earlier, "us_killed"] = 1
    found = _claims(dataclasses.replace(data, events=events),
                    "The drone attack in Jordan on Sunday, the first to kill U.S. troops "
                    "since the war began in October, killed three.", "2024-01-29")
    row = _one(found, "first attack to kill")
    assert row["verdict"] == CONTRADICTED and "2023-10-17-ain-al-asad-1" in row["data"]


@pytest.mark.parametrize("text", [
    "Fighters of the 45th Brigade were hit.", "Two F-15 fighter jets struck the site.",
    "The attack came at 6 a.m. local time.", "Blasts were heard at 9 p.m. (1800 GMT).",
    "The war began on March 3.", "Drones hit Tower 22 again.",
    "An MQ-9 drone was shot down.", "Deir Ezzor 24 reported the strike.",
])
def test_ordinals_designations_times_and_dates_are_never_counts(text, data):
    assert find_numbers(text, pd.Timestamp("2026-03-16"), data.places) == []


def test_only_events_the_article_describes_are_matched(data):
    """An article that names only a country describes none of that country's events; they
    are context."""
    text = "Iraq has been pulled into the war. Militias have attacked US bases in Iraq."
    when = pd.Timestamp("2026-03-06")
    events = data.events[data.events["event_date"] <= when]
    matched = claims.matched_events(events, data.places, text, when, "")
    assert matched.empty
    context = claims.context_events(events, matched, when)
    assert set(context["event_id"]) >= {"2026-03-05-erbil-air-base-1",
                                        "2026-03-06-victory-base-1"}


def test_an_event_is_described_by_its_date_and_a_detail(data):
    """No place named: the day, the region and the toll identify Tower 22."""
    text = "A drone strike on American forces in Jordan on Sunday killed three soldiers."
    when = pd.Timestamp("2024-01-29")
    events = data.events[data.events["event_date"] <= when]
    matched = claims.matched_events(events, data.places, text, when, "")
    assert list(matched["event_id"]) == ["2024-01-28-tower-22-1"]


def test_a_place_mismatch_is_said(data):
    """The sentence names al-Tanf, where nothing happened that day; the one event the
    article describes (the airport base) is held against the claim, and the note says the
    places differ."""
    text = ("Drones were aimed at the base at Baghdad airport on Friday. At al-Tanf, four "
            "drones were launched on Friday, a militia said.")
    row = _one(_claims(data, text, "2026-03-06"), "drones, rockets or missiles", 4)
    assert row["verdict"] == SUPPORTED, row
    assert ("the sentence names al-tanf; the event the article describes, "
            "2026-03-06-victory-base-1, is at Victory Base") in row["notes"]
