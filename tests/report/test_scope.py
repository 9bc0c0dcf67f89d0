"""What the reports say, on the SYNTHETIC fixture whose right answers are counted by hand:
every headline number, per-phase counts, table totals, and a governorate report's labels."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.inputs.problems import ParameterError
from analysis.measures import stated_counts
from analysis.report.html import show
from analysis.report.scope import ALL_PHASES, Scope

# Attacks: Ain al-Asad 17 Oct (0 killed, 2-4 injured) and 29 Jan (0 injured), al-Tanf 18 Oct,
# Erbil 19 Oct, Syria 24 Oct, Tower 22 28 Jan (3 killed, 25-47 injured); strikes: Boukamal
# 27 Oct (US, 4-9 killed) and 30 Dec (unknown, 6-19). Phases: A to 31 Dec 2023, B after.
EXPECTED = {
    "attacks_total": 6, "attacks_iraq": 3, "attacks_syria": 2, "attacks_jordan": 1,
    "attacks_confirmed": 3, "attacks_claimed_only": 2, "attacks_other": 1,
    "us_killed": 3, "us_killed_known": 2, "us_injured": 27, "us_injured_high": 51,
    "us_injured_known": 3, "strikes_total": 2, "us_strike_rows": 1,
    "militants_killed": 10, "militants_killed_high": 28, "militants_killed_known": 2,
    "official_total": 9, "tracker_total": 12, "claim_total": 150, "monitor_total": None,
    "documented_at_official": 6,
}


@pytest.fixture
def scope(dataset) -> Scope:
    return Scope.from_parameters(dataset)


def test_every_headline_number(scope):
    numbers = scope.headline_numbers()
    for key, value in EXPECTED.items():
        assert numbers[key] == value, key
    assert numbers["coverage"] == pytest.approx(6 / 9)
    assert numbers["official_as_of"] == pd.Timestamp("2024-01-31")


def test_headline_boxes_say_for_how_many_rows_a_figure_is_known(scope):
    html = scope.headlines().markup
    assert "injuries known for 3 of 6 attacks" in html
    assert "known for 2 of 6 attacks" in html
    assert "toll known for 2 of 2 strikes" in html


def test_phase_counts_per_phase_and_in_total(scope):
    counts = scope.phase_counts().set_index("phase")
    assert list(counts.index) == ["Fixture phase A", "Fixture phase B", ALL_PHASES]
    assert counts.loc["Fixture phase A", ["attacks", "strikes", "Iraq", "Syria", "Jordan"]] \
        .tolist() == [4, 2, 2, 2, 0]
    assert counts.loc["Fixture phase B", ["attacks", "strikes", "us_killed"]].tolist() == \
        [2, 0, 3]
    assert counts.loc[ALL_PHASES, "attacks"] == counts.drop(ALL_PHASES)["attacks"].sum()


def test_phase_tallies_keep_kinds_apart(scope):
    tallies = scope.phase_tallies()
    assert set(tallies["kind"]) == {"official", "tracker", "claim"}
    a = tallies[tallies["phase"] == "Fixture phase A"].set_index("kind")["value"].to_dict()
    assert a == {"official": 8, "tracker": 12}


def test_a_phase_parameter_narrows_the_window(dataset):
    scope = Scope.from_parameters(dataset, phase="Fixture phase B")
    assert (scope.start, scope.end) == (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-01-31"))
    assert len(scope.attacks) == 2 and scope.title.endswith(": Fixture phase B")
    with pytest.raises(ParameterError, match="phase: 'Phase Z': unknown; allowed: Fixture"):
        Scope.from_parameters(dataset, phase="Phase Z")


def test_governorate_report_names_only_its_governorate(dataset):
    scope = Scope.from_parameters(dataset, region="Iraq/Anbar")
    assert scope.title == "Attacks on US positions in Iraq / Anbar since 7 October 2023"
    html = scope.headlines().markup
    assert "documented attacks in Iraq / Anbar" in html
    assert "in Iraq<" not in html and "attacks in Iraq" not in html.replace("Iraq / Anbar", "")
    assert scope.latest_counts().empty  # no stated count is given for a governorate
    assert "Iraq" not in scope.phase_counts().columns
    assert scope.headline_numbers()["attacks_total"] == 2


def test_country_report_shows_the_countrys_own_official_figure(dataset):
    scope = Scope.from_parameters(dataset, region="Iraq")
    latest = scope.latest_counts().set_index("kind")
    assert latest.loc["official", "value"] == 4  # the Iraq figure of 24 Oct, not a total
    assert "latest official US count of attacks, Iraq" in scope.headlines().markup


def test_table_totals_match_the_headline(scope):
    assert scope.breakdown()["events"].sum() == 6
    assert scope.weapons()["attacks"].sum() == 6
    weekly = scope.weekly()
    assert weekly[["Iraq", "Syria", "Jordan"]].to_numpy().sum() == 6
    assert scope.cumulative()["total"].iloc[-1] == 6
    assert len(scope.event_list()) == 8
    assert len(scope.strike_list()) == 2
    assert scope.casualties()["us_killed"].sum() == 3


def test_show_formats_a_tidy_frame_and_escapes_text(scope):
    html = show(scope.coverage()).markup
    assert "<th" in html and "67%" in html  # 6 documented of 9 official
    frame = scope.event_list().head(1).assign(description="<script>x</script>")
    assert "<script>" not in show(frame).markup


def test_latest_rule_prefers_a_count_not_read_in_a_blog_copy():
    tallies = pd.DataFrame({
        "kind": ["tracker", "tracker"], "as_of": pd.to_datetime(["2024-01-20", "2024-01-26"]),
        "stated_on": pd.to_datetime(["2024-01-20", "2024-01-29"]), "total": [150, 158],
        "speaker": ["UANI", "Al Mayadeen (via PanAfrican News blog)"],
        "source": ["https://uani.example/a", "http://panafricannews.blogspot.com/x"]})
    pick = stated_counts.latest(tallies, "tracker")
    assert (pick["total"], pick["second_hand"]) == (150, False)
    only_blog = stated_counts.latest(tallies.iloc[1:], "tracker")
    assert (only_blog["total"], only_blog["second_hand"]) == (158, True)


def test_charts_of_a_window_without_attacks_draw_without_warnings(dataset):
    """An empty phase (after the ceasefire) still gets its charts, with nothing on the
    terminal: no legend is asked for when nothing is labelled."""
    import warnings

    scope = Scope.from_parameters(dataset, start_date="2023-11-01", end_date="2023-11-30")
    assert scope.attacks.empty
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        scope.weapon_chart(scope.weapons_by_phase())
        scope.map_chart(scope.sites())


def test_a_window_past_the_readable_sources_says_it_is_a_gap(dataset):
    """After the date the searched outlets could be read up to, no attack found is a gap in
    the sources: the title block says so, and only where the window runs past that date."""
    from dataclasses import replace

    read = replace(dataset, searched_through=pd.Timestamp("2024-03-31"),
                   sources_read_through=pd.Timestamp("2024-01-31"))
    block = str(Scope.from_parameters(read).title_block())
    assert ("could be read only up to about <strong>31 Jan 2024</strong>" in block
            and "a gap in the sources, not evidence that attacks stopped" in block), block
    within = Scope.from_parameters(read, end_date="2024-01-31").title_block()
    assert "could be read" not in str(within)
    assert "could be read" not in str(Scope.from_parameters(dataset).title_block())
