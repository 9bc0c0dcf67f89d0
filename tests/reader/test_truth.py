"""What a reader sees is true: every report, read from its HTML alone, checked against an
independent recount of data/ (and of the SYNTHETIC reader fixture, which holds the cases
that went wrong before: an attack in the first days of a phase whose week began in the one
before, a phase with no events, windows past the sources' reach)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.reader.page import Page, first_number, number, total
from tests.reader.recount import Data, coverage, headline, latest_official, window_of

pytestmark = [pytest.mark.slow]


def _reports(out: Path, data_folder: Path):
    """(name, page, window, data) for every report of an overview or region family."""
    manifest = json.loads((out / ".manifest.json").read_text(encoding="utf-8"))
    data = Data.load(data_folder)
    for name, entry in sorted(manifest["reports"].items()):
        if entry["notebook"] == "article.ipynb":
            continue
        yield name, Page(out / entry["html"]), window_of(entry["parameters"], data), data


@pytest.fixture(scope="module", params=["real", "fixture"])
def reports(request):
    from analysis.inputs import paths

    if request.param == "real":
        return list(_reports(request.getfixturevalue("real_reports"), paths.DATA_DIR))
    return list(_reports(request.getfixturevalue("fixture_reports"), FIXTURES / "reader"))


def _check(reports, check) -> None:
    failures = []
    for name, page, w, data in reports:
        failures += [f"{name}: {problem}" for problem in check(page, w, data)]
    assert not failures, "\n".join(failures)


def _beyond(w, data) -> bool:
    return data.reach is not None and w.start > data.reach


def test_headline_numbers_equal_a_recount_of_the_data(reports):
    def check(page, w, data):
        expected = headline(data, w)
        boxes = page.boxes()
        if _beyond(w, data):
            yield from (f"{k}: {boxes[k]['value']!r}, expected 'no data'"
                        for k in ("attacks_total", "us_killed", "strikes_total")
                        if boxes[k]["value"] != "no data")
            return
        for key in ("attacks_total", "strikes_total"):
            if number(boxes[key]["value"]) != expected[key]:
                yield f"{key}: shown {boxes[key]['value']}, recounted {expected[key]}"
        note = boxes["attacks_total"]["note"]
        split = [int(x.replace(",", "")) for x in re.findall(r"(\d[\d,]*) (?:US-confirmed|"
                                                            r"claimed only|reported by)", note)]
        if split != [expected["confirmed"], expected["claimed"], expected["other"]]:
            yield f"attribution split {split} in {note!r}, recounted {expected}"
        if expected["attacks_total"] and number(boxes["us_killed"]["value"]) != \
                expected["us_killed"]:
            yield f"us_killed {boxes['us_killed']['value']}, recounted {expected['us_killed']}"
        if len(w.countries) > 1:
            for c in w.countries:
                shown = boxes.get(f"attacks_{c.lower()}")
                if shown is None or number(shown["value"]) != expected[f"attacks_{c.lower()}"]:
                    yield f"attacks in {c}: {shown}, recounted {expected[f'attacks_{c.lower()}']}"

    _check(reports, check)


def test_each_count_chart_sums_to_the_headline(reports):
    def check(page, w, data):
        if _beyond(w, data):
            return
        expected = headline(data, w)
        attacks, strikes = expected["attacks_total"], expected["strikes_total"]
        weekly = page.chart_table("weekly")
        if total(weekly, "attacks") != attacks:
            yield f"weekly chart plots {total(weekly, 'attacks')} attacks, headline {attacks}"
        for c in w.countries:
            if weekly and total(weekly, c) != expected[f"attacks_{c.lower()}"]:
                yield f"weekly chart plots {total(weekly, c)} in {c}"
        for key, column, want in (("governorates", "attacks", attacks),
                                  ("weapons", "attacks", attacks), ("map", "attacks", attacks),
                                  ("map", "strikes", strikes),
                                  ("site-weeks", "attacks", attacks)):
            if key in page.chart_keys() and total(page.chart_table(key), column) != want:
                yield f"{key} chart plots {total(page.chart_table(key), column)} {column}, " \
                      f"headline {want}"
        line = [r for r in page.chart_table("cumulative")
                if r["series"].startswith("documented")]
        before = sum(1 for e in data.events if e["category"] == "attack_on_us"
                     and e["country"] in w.countries and (w.admin1 is None or
                                                          e["admin1"] == w.admin1)
                     and e["date"] < w.start and e["date"].isoformat() >= "2023-10-17")
        if line and number(line[-1]["count"]) != before + attacks:
            yield f"cumulative line ends at {line[-1]['count']}, expected {before + attacks}"

    _check(reports, check)


def test_every_series_a_chart_plots_is_drawn_in_its_own_colour(reports):
    """A week with one attack in Jordan is a sliver of yellow; a palette that drops rare
    colours painted it Syria's red. Each series with a non-zero value in the chart's table is
    in the picture in exactly its colour."""
    from analysis.report.style import COUNTRY_COLOURS, STRIKE_COLOUR, TRACKER_COLOUR, WEAPON_COLOURS

    def check(page, w, data):
        keys = page.chart_keys()
        wanted = []
        if "weekly" in keys:
            rows = page.chart_table("weekly")
            wanted += [("weekly", c, COUNTRY_COLOURS[c]) for c in COUNTRY_COLOURS
                       if rows and c in rows[0] and total(rows, c) > 0]
            for column, colour in (("US strike rounds begun", STRIKE_COLOUR),
                                   ("days with other strikes", TRACKER_COLOUR)):
                if rows and total(rows, column) > 0:
                    wanted.append(("weekly", column, colour))
        if "governorates" in keys:
            wanted += [("governorates", c, COUNTRY_COLOURS[c]) for c in
                       {r["country"] for r in page.chart_table("governorates")}]
        if "weapons" in keys:
            wanted += [("weapons", wpn, WEAPON_COLOURS[wpn]) for wpn in
                       {r["weapon"] for r in page.chart_table("weapons")
                        if number(r["attacks"]) > 0}]
        for key, series, colour in wanted:
            if colour not in page.chart_colours(key):
                yield f"{key} chart plots {series} but has none of its colour {colour}"

    _check(reports, check)


def test_every_week_and_phase_edge_is_drawn_once(reports):
    def check(page, w, data):
        seen = set()
        for r in page.chart_table("weekly"):
            key = (r["from"], r["to"])
            if key in seen:
                yield f"bin {key} listed twice"
            seen.add(key)
        if "site-weeks" in page.chart_keys():
            cells = [(r["site"], r["from"]) for r in page.chart_table("site-weeks")]
            if len(cells) != len(set(cells)):
                yield "a heat-map cell is drawn twice"

    _check(reports, check)


def test_last_attack_found_is_the_reports_own(reports):
    def check(page, w, data):
        last = headline(data, w)["last_attack"]
        shown = re.search(r"Last attack found in [^:]*: (\S+ \S+ \S+|none)", page.currency)
        want = "none" if last is None else f"{last.day} {last:%b %Y}"
        if shown is None or shown.group(1) != want:
            yield f"currency line {page.currency!r}: expected last attack {want}"

    _check(reports, check)


def _pct(value: int, of: int) -> str:
    return f"{value / of:.0%}"


def test_both_coverage_figures_per_scope(reports):
    def check(page, w, data):
        pick = latest_official(data, w)
        boxes = page.boxes()
        if pick is None:
            if "coverage_all" in boxes:
                yield f"a coverage box without an official count for {w.countries}"
            return
        official, documented, confirmed = coverage(data, w, pick)
        for key, value in (("coverage_all", documented), ("coverage_confirmed", confirmed)):
            box = boxes.get(key)
            if box is None or box["value"] != _pct(value, official):
                yield f"{key}: {box}, recounted {value} of {official} at {pick['as_of']}"
            elif f"{official:,}" not in box["note"] or f"{value:,}" not in box["note"]:
                yield f"{key} note {box['note']!r} does not give {value} ÷ {official}"

    _check(reports, check)


def test_coverage_per_phase_has_one_scope(reports):
    def check(page, w, data):
        if w.admin1 is not None:
            return
        rows = {r["phase"]: r for r in page.table_after("Coverage per phase")} \
            if "Coverage per phase" in page.text else {}
        for phase in w.phases:
            lo, hi = max(phase["start"], w.start), min(phase["end"] or w.end, w.end)
            pick = latest_official(data, w, lo, hi)
            if pick is None:
                if phase["name"] in rows:
                    yield f"{phase['name']}: a coverage row without an official count"
                continue
            official, documented, confirmed = coverage(data, w, pick)
            row = rows.get(phase["name"])
            want = (_pct(documented, official), _pct(confirmed, official))
            got = None if row is None else (row["all documented ÷ official"],
                                            row["US-confirmed ÷ official"])
            if got != want:
                yield f"{phase['name']}: coverage {got}, recounted {want}"

    _check(reports, check)


def test_unknown_is_never_zero(reports):
    def check(page, w, data):
        if re.search(r"\b0 of 0\b", page.text):
            yield "says '0 of 0'"
        partly = data.reach is not None and w.end > data.reach
        if partly and "no data" not in page.text.lower():
            yield f"window runs past the reach {data.reach} but says no 'no data'"
        captions = [f.get_text(" ", strip=True) for f in page.soup.select("figure.chart")
                    if f["data-chart"] in ("weekly", "cumulative", "site-weeks")]
        if partly and not all("shaded part" in c and "no data" in c for c in captions):
            yield "a time chart's caption does not name the part the sources do not reach"

    _check(reports, check)


def test_titles_follow_the_window(reports):
    def check(page, w, data):
        if page.title != page.h1:
            yield f"<title> {page.title!r} differs from H1 {page.h1!r}"
        default_end = data.searched_on
        if w.end != default_end and not any(p["name"] in page.h1 for p in data.phases):
            if f"{w.end.day} {w.end:%b %Y}" not in page.h1:
                yield f"H1 {page.h1!r} does not say the window ends {w.end}"

    _check(reports, check)


def test_every_chart_says_what_it_shows(reports):
    def check(page, w, data):
        for key in page.chart_keys():
            alt = page.chart_alt(key)
            if "No description" in alt or len(alt) < 40 or not re.search(r"\d", alt):
                yield f"{key}: alt text {alt!r}"

    _check(reports, check)


def test_the_jordan_report_names_jordans_own_last_attack(real_reports):
    page = Page(real_reports / "region-jordan.html")
    assert "Last attack found in Jordan" in page.currency
    assert "28 Jan 2024" in page.currency


def test_a_two_country_report_divides_two_country_numbers(fixture_reports):
    """Numerator and denominator are Iraq's and Jordan's: the official figure is the sum of
    the two countries' stated figures (the fixture's 15 Aug 2024 count gives 8 and 1),
    never the three-country total."""
    page = Page(fixture_reports / "iraq-and-jordan.html")
    boxes = page.boxes()
    data = Data.load(FIXTURES / "reader")
    w = window_of({"countries": ["Iraq", "Jordan"]}, data)
    official, documented, _ = coverage(data, w, latest_official(data, w))
    assert f"÷ {official:,} official" in boxes["coverage_all"]["note"]
    assert boxes["coverage_all"]["note"].startswith(f"{documented:,} documented")
    assert official < headline(data, window_of({}, data))["attacks_total"]
    assert set(boxes) >= {"attacks_iraq", "attacks_jordan"} and "attacks_syria" not in boxes


def test_fixture_phase_edges(fixture_reports):
    """Phase C starts on Thursday 4 Jul 2024: its first bar starts that day and holds both
    attacks of its first two days; phase B ends on 3 Jul and shows none."""
    rows = Page(fixture_reports / "overview.html").chart_table("weekly")
    first_c = next(r for r in rows if r["phase"] == "Phase C")
    assert first_c["from"] == "4 Jul 2024" and first_c["attacks"] == "2"
    first_a = next(r for r in rows if r["phase"] == "Phase A")
    assert first_a["from"] == "17 Oct 2023" and first_a["attacks"] == "4"  # 17, 17, 18, 20 Oct
    assert not [r for r in rows if r["phase"] == "Phase B" and r["attacks"] != "0"]
    late = Page(fixture_reports / "late-window.html")
    assert late.box("attacks_total")["value"] == "no data"
    assert late.box("militants_killed")["value"] == "no data"
    assert first_number(late.box("attacks_total")["note"]) == 30  # "after 30 Sep 2024"


def test_official_points_share_the_lines_basis(real_reports):
    """In a phase report the documented line and the official points are both counted
    since 17 Oct 2023: the line starts at the count before the phase."""
    rows = Page(real_reports / "phase-sporadic-attacks-2024-26.html").chart_table("cumulative")
    documented = [number(r["count"]) for r in rows if r["series"].startswith("documented")]
    official = [number(r["count"]) for r in rows if r["series"] == "official US count"]
    assert documented[0] > 150 and official and max(official) < 2 * documented[-1]
    region = Page(real_reports / "region-iraq.html").chart_table("cumulative")
    assert any(r["series"] == "official US count" for r in region)
