"""The ACLED mapping table, rule by rule: each rule of analysis/inputs/acled_mapping.csv has
an example row here (SYNTHETIC, written for the test) that it must decide, and a rule
without an example fails the suite. Actors are matched by ACLED's names, never a word."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.inputs.acled_mapping import (
    actor_table,
    classify,
    interaction_column,
    normalise_actor,
    rules,
)

US = "Military Forces of the United States (2021-)"
COALITION = "Global Coalition Against Daesh"
ISRAEL = "Military Forces of Israel (2022-)"
IRAN = "Military Forces of Iran (1989-)"
IRGC = "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps"
ERV = "Explosions/Remote violence"
SD = "Strategic developments"


def row(event_type=ERV, sub_event_type="Air/drone strike", actor1="", actor2="",
        country="Iraq", admin1="Anbar", notes="", inter1="", inter2="", **extra) -> dict:
    return {"event_type": event_type, "sub_event_type": sub_event_type, "actor1": actor1,
            "actor2": actor2, "country": country, "admin1": admin1, "notes": notes,
            "inter1": inter1, "inter2": inter2, **extra}


# rule -> a row it must decide (and no earlier rule may)
EXAMPLES = {
    "non_violent": row("Protests", "Peaceful protest", "Protesters (Iraq)"),
    "interception": row(SD, "Disrupted weapons use", ISRAEL, IRAN, "Jordan", "Amman",
                        "Israeli aircraft intercepted Iranian drones over Jordan."),
    "arrest": row(SD, "Arrests", COALITION, "QSD: Syrian Democratic Forces", "Syria",
                  "Al Hasakeh", "Coalition forces detained three members of a partner force."),
    "strategic": row(SD, "Other", COALITION, "", "Syria", "Al Hasakeh",
                     "A convoy of 80 coalition supply trucks entered Syria from Iraq."),
    "civilians_attacked": row("Violence against civilians", "Attack",
                              "Unidentified Armed Group (Iraq)", "Civilians (Iraq)"),
    "battle": row("Battles", "Armed clash", "Kataib Hezbollah (Iraq)", US),
    "notes_interception": row(ERV, "Air/drone strike", ISRAEL, IRAN, "Jordan", "Irbid",
                              "Israeli air defences shot down Iranian missiles over Jordan."),
    "notes_detention": row(ERV, "Air/drone strike", US, "Kataib Hezbollah (Iraq)",
                           notes="US forces detained a commander after a helicopter raid."),
    "notes_convoy": row(ERV, "Remote explosive/landmine/IED", "Unidentified Armed Group (Iraq)",
                        US, notes="A roadside bomb hit a convoy of supply trucks for US forces."),
    "no_target": row(ERV, "Shelling/artillery/missile attack", "Islamic Resistance in Iraq",
                     "", inter1="3", inter2=""),
    "iran_own_forces": row(ERV, "Air/drone strike", IRGC, US, "Iraq", "Erbil"),
    "islamic_state": row(ERV, "Remote explosive/landmine/IED", "Islamic State (Iraq)", US),
    "attack": row(ERV, "Air/drone strike", "Islamic Resistance in Iraq", US, "Jordan",
                  "Mafraq", "A drone hit the Tower 22 outpost, killing three US soldiers."),
    "attack_unlisted_group": row(ERV, "Shelling/artillery/missile attack",
                                 "Saraya Qasioun (Syria)", US, "Syria", "Deir ez Zor"),
    "israel_west_syria": row(ERV, "Air/drone strike", ISRAEL, IRGC, "Syria", "Damascus"),
    "strike": row(ERV, "Air/drone strike", US, "Kataib Hezbollah (Iraq)", "Iraq", "Babil",
                  "US aircraft struck a command post; CENTCOM announced the strike."),
    "strike_unnamed_group": row(ERV, "Air/drone strike", "Unidentified Military Forces",
                                "Unidentified Armed Group (Syria)", "Syria", "Deir ez Zor",
                                "Aircraft struck a depot of Iran-backed militias."),
    "civilians_side": row(ERV, "Air/drone strike", "Unidentified Military Forces",
                          "Unidentified Armed Group (Iraq)", inter1="8", inter2="7"),
    "strike_other_target": row(ERV, "Air/drone strike", US, "Islamic State (Syria)", "Syria",
                               "Deir ez Zor", "US aircraft struck an Islamic State camp."),
    "other": row(ERV, "Remote explosive/landmine/IED", "Unidentified Armed Group (Iraq)",
                 "State of Law Coalition", "Iraq", "Baghdad",
                 "A bomb damaged the office of the State of Law Coalition."),
}


def decide(*records: dict) -> list[str]:
    """The rule that decides each row, as the loader asks."""
    frame = pd.DataFrame(list(records)).astype(str).astype("category")
    frame["interaction"] = interaction_column(frame)
    return [rules()[i].name for i in classify(frame)]


def test_every_rule_has_an_example():
    assert [r.name for r in rules()] == list(EXAMPLES)


@pytest.mark.parametrize("rule", EXAMPLES, ids=list(EXAMPLES))
def test_each_rule_decides_its_example(rule):
    assert decide(EXAMPLES[rule]) == [rule]


def test_examples_decided_together_as_one_by_one():
    assert decide(*EXAMPLES.values()) == list(EXAMPLES)


def test_only_the_attack_and_strike_rules_keep_rows():
    kept = {r.name: r.outcome for r in rules() if r.outcome != "skip"}
    assert kept == {"attack": "attack", "strike": "strike", "strike_unnamed_group": "strike"}


def test_interceptions_convoys_detentions_are_never_strikes_or_attacks():
    # The rows the old actor1-only mapping made strikes (issue 21), in several codings.
    rows = [row(SD, "Disrupted weapons use", ISRAEL, IRAN, "Jordan", "Amman"),
            row(ERV, "Air/drone strike", ISRAEL, IRAN, "Jordan", "Amman",
                "Israel intercepted Iranian missiles over Jordan."),
            row(SD, "Other", COALITION, "", "Syria", "Al Hasakeh", "A convoy of 83 trucks."),
            row(SD, "Arrests", COALITION, "QSD: Syrian Democratic Forces", "Syria",
                "Al Hasakeh"),
            row(ERV, "Air/drone strike", US, "Kataib Hezbollah (Iraq)",
                notes="Coalition forces arrested two suspects after the strike.")]
    outcome = {r.name: r.outcome for r in rules()}
    assert {outcome[name] for name in decide(*rows)} == {"skip"}


@pytest.mark.parametrize("actor2", ["State of Law Coalition", "Coalition of Iraqi Forces",
                                    "Civilians (United States)", "Private Security Forces (Iraq)"])
def test_a_bare_word_never_makes_an_attack_on_the_us(actor2):
    assert decide(row(ERV, "Air/drone strike", "Islamic Resistance in Iraq", actor2)) != \
        ["attack"]


@pytest.mark.parametrize("name, group", [
    ("Military Forces of the United States (2021-)", "US_COALITION"),
    ("Military Forces of the United States (2017-2021)", "US_COALITION"),
    ("Military Forces of the United States (2021-) Special Forces", "US_COALITION"),
    ("Global Coalition Against Daesh", "US_COALITION"),
    ("State of Law Coalition", "(other)"),
    ("Civilians (United States)", "(other)"),
    ("Kata'ib Hezbollah (Iraq)", "IRAN_ALIGNED"),
    ("Harakat Hezbollah al-Nujaba", "IRAN_ALIGNED"),
    (IRGC, "IRGC"),
    (IRAN, "IRAN_STATE"),
    ("Islamic State in Iraq and the Levant (ISIL)", "ISLAMIC_STATE"),
    ("", "(none)"),
])
def test_actors_are_matched_by_acleds_names(name, group):
    assert actor_table(pd.Series([name]))["group"].iat[0] == group


def test_actor_names_drop_qualifiers_case_apostrophes_and_hyphens():
    assert normalise_actor("Kata'ib Hezbollah (Iraq)") == normalise_actor("KATAIB HEZBOLLAH")
    assert normalise_actor("Harakat Hezbollah al-Nujaba") == "harakat hezbollah al nujaba"


def test_actors_shown_as_the_project_names_them():
    table = actor_table(pd.Series([US, COALITION, "Unidentified Military Forces",
                                   "Islamic Resistance in Iraq (Iraq)"]))
    assert table["actor"].tolist() == ["United States", "US-led coalition", "Unknown",
                                       "Islamic Resistance in Iraq"]
    assert table["target"].tolist()[:2] == ["US forces", "US-led coalition forces"]


@pytest.mark.parametrize("columns, text", [
    ({"inter1": "3", "inter2": "8"}, "Political militia-External/Other forces"),
    ({"inter1": "Political militia", "inter2": "External/Other forces"},
     "Political militia-External/Other forces"),
    ({"inter1": "8", "inter2": ""}, "External/Other forces only"),
    ({"interaction": "38"}, "Political militia-External/Other forces"),
    ({"interaction": "80"}, "External/Other forces only"),
    ({"interaction": "Political militia-External/Other forces"},
     "Political militia-External/Other forces"),
])
def test_interaction_read_from_codes_or_text(columns, text):
    frame = pd.DataFrame([columns]).astype("category")
    assert interaction_column(frame).iat[0] == text


def test_israeli_strikes_count_in_eastern_syria_and_iraq_only():
    east = row(ERV, "Air/drone strike", ISRAEL, IRGC, "Syria", "Deir ez-Zor")
    iraq = row(ERV, "Air/drone strike", ISRAEL, "Kataib Hezbollah", "Iraq", "Babil")
    south = row(ERV, "Air/drone strike", ISRAEL, IRGC, "Syria", "Quneitra")
    assert decide(east, iraq, south) == ["strike", "strike", "israel_west_syria"]
