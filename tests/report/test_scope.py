"""What the reports say, on the SYNTHETIC fixture whose right answers are counted by hand:
every headline number, per-phase counts, table totals, and a governorate report's labels."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.inputs.problems import ParameterError
from analysis.measures import stated_counts
from analysis.report.html import show
from analysis.report.scope import ALL_PHASES, Scope
from analysis.report.view import ReportView

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
    "documented_all": 6, "documented_confirmed": 3, "coverage_official": 9,
    "last_attack": pd.Timestamp("2024-01-29"), "last_strike": pd.Timestamp("2023-12-30"),
}


@pytest.fixture
def scope(dataset) -> Scope:
    return Scope.from_parameters(dataset)


def test_every_headline_number(scope):
    numbers = scope.headline_numbers()
    for key, value in EXPECTED.items():
        assert numbers[key] == value, key
    assert numbers["coverage_all"] == pytest.approx(6 / 9)
    assert numbers["coverage_confirmed"] == pytest.approx(3 / 9)
    assert numbers["official_as_of"] == pd.Timestamp("2024-01-31")


def test_headline_boxes_say_for_how_many_rows_a_figure_is_known(scope):
    html = ReportView(scope).headlines(scope.headline_numbers()).markup
    assert "injuries known for 3 of 6 attacks" in html
    assert "toll known for 2 of 6 attacks" in html
    assert "toll known for 2 of 2 strikes" in html
    assert "6 documented (confirmed, claimed or reported by others) ÷ 9 official" in html
    assert "3 confirmed by US officials ÷ 9 official" in html


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
    html = ReportView(scope).headlines(scope.headline_numbers()).markup
    assert "documented attacks in Iraq / Anbar" in html
    assert "in Iraq<" not in html and "attacks in Iraq" not in html.replace("Iraq / Anbar", "")
    assert scope.latest_counts().empty  # no stated count is given for a governorate
    assert "Iraq" not in scope.phase_counts().columns
    assert scope.headline_numbers()["attacks_total"] == 2


def test_country_report_shows_the_countrys_own_official_figure(dataset):
    scope = Scope.from_parameters(dataset, region="Iraq")
    latest = scope.latest_counts().set_index("kind")
    assert latest.loc["official", "value"] == 4  # the Iraq figure of 24 Oct, not a total
    html = ReportView(scope).headlines(scope.headline_numbers()).markup
    assert "latest official US count of attacks in Iraq" in html
    assert html.count('data-headline="attacks_total"') == 1
    assert 'data-headline="attacks_iraq"' not in html  # no box repeats another


def test_table_totals_match_the_headline(scope):
    assert scope.breakdown()["events"].sum() == 6
    assert scope.weapons()["attacks"].sum() == 6
    weekly = scope.weekly()
    assert weekly[["Iraq", "Syria", "Jordan"]].to_numpy().sum() == 6 == weekly["total"].sum()
    assert scope.governorates(scope.breakdown())["attacks"].sum() == 6
    assert scope.sites()[["attacks", "strikes"]].sum().tolist() == [6, 2]
    assert scope.site_weeks().to_numpy().sum() == 6
    assert scope.cumulative()["total"].iloc[-1] == 6
    assert len(scope.event_list()) == 8
    assert len(scope.strike_list()) == 2
    assert scope.casualties()["us_killed"].sum() == 3


def test_show_formats_a_tidy_frame_and_escapes_text(scope):
    html = show(scope.coverage()).markup
    assert "<th" in html and "67%" in html and "33%" in html  # 6 and 3 of 9 official
    frame = scope.event_list().head(1).assign(description="<script>x</script>")
    assert "<script>" not in show(frame).markup


def test_latest_rule_prefers_a_direct_statement_over_a_summary_a_day_later():
    """A think tank's summary a day after the Pentagon's own count loses to it."""
    tallies = pd.DataFrame({
        "kind": ["official", "official"], "as_of": pd.to_datetime(["2024-01-30", "2024-01-31"]),
        "stated_on": pd.to_datetime(["2024-01-30", "2024-02-02"]), "total": [165, 160],
        "speaker": ["Sabrina Singh", "Pentagon (as summarised by a think tank)"],
        "source_kind": ["relay", "summary"], "counts": ["attacks", "attacks"],
        "source": ["https://a.example/x", "https://b.example/y"]})
    assert stated_counts.latest(tallies, "official")["value"] == 165
    assert stated_counts.latest(tallies.iloc[1:], "official")["value"] == 160


def test_charts_of_a_window_without_attacks_draw_without_warnings(dataset):
    """An empty phase (after the ceasefire) still gets its charts, with nothing on the
    terminal: no legend is asked for when nothing is labelled."""
    import warnings

    scope = Scope.from_parameters(dataset, start_date="2023-11-01", end_date="2023-11-30")
    assert scope.attacks.empty
    view = ReportView(scope)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        view.weapon_chart(scope.weapons_by_phase())
        view.map_chart(scope.sites())
        view.weekly_chart(scope.weekly(), scope.rounds())
        view.heatmap(scope.site_weeks())
        view.cumulative_chart(scope.cumulative(), scope.stated_points())


def test_a_window_past_the_sources_reach_says_it_has_no_data(dataset):
    """After the date the searched sources reach, no attack found is a gap in the sources:
    the title block says so only where the window runs past it, and a window wholly after
    it shows 'no data', never 0."""
    from dataclasses import replace

    from analysis.inputs.package import Package

    read = replace(dataset, package=Package(searched_on=pd.Timestamp("2024-03-31"),
                                            reach=pd.Timestamp("2024-01-31")))
    block = str(ReportView(Scope.from_parameters(read)).title_block())
    assert "have no page after 31 Jan 2024" in block and "from 1 Feb 2024 to 31 Mar 2024" \
        in block and "not evidence that attacks stopped" in block, block
    within = ReportView(Scope.from_parameters(read, end_date="2024-01-31")).title_block()
    assert "no page after" not in str(within)
    late = Scope.from_parameters(read, start_date="2024-02-10")
    html = ReportView(late).headlines(late.headline_numbers()).markup
    assert html.count(">no data<") >= 5 and ">0<" not in html
    counts = late.phase_counts()
    assert counts["attacks"].isna().all()  # unknown, not zero
