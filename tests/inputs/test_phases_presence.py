"""phases.csv and US presence: validate refuses overlapping or gapped phases, phases without
sources, events outside every phase, and attacks on a site on a day without US presence
(unless the row says why it still counts). On copies of the SYNTHETIC fixture."""

from __future__ import annotations

import pytest

from analysis.cli.main import main

PHASE_CASES = {
    "overlap": (("2024-01-01,,Synthetic open", "2023-12-31,,Synthetic open"),
                "phases.csv:3: start: '2023-12-31': 2024-01-01, the day after 'Fixture phase A'"
                " ends (this start overlaps it)"),
    "gap": (("2024-01-01,,Synthetic open", "2024-01-05,,Synthetic open"),
            "phases.csv:3: start: '2024-01-05': 2024-01-01, the day after 'Fixture phase A' "
            "ends (this start leaves a gap after it)"),
    "no source": (("https://example.org/phase/b", ""),
                  "phases.csv:3: sources: '': one or more http(s) URLs"),
    "end before start": (("2023-10-17,2023-12-31", "2023-10-17,2023-10-01"),
                         "phases.csv:2: end: '2023-10-01': a date on or after start"),
    "open phase not last": (("2023-10-17,2023-12-31", "2023-10-17,"),
                            "phases.csv:2: end: '': an end date (only the last phase may be "
                            "open-ended)"),
}


@pytest.mark.parametrize("case", PHASE_CASES, ids=list(PHASE_CASES))
def test_bad_phases_are_refused(case, data_dir, capsys):
    (old, new), message = PHASE_CASES[case]
    path = data_dir / "phases.csv"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    assert main(["validate", str(data_dir / "places.csv"), str(data_dir / "events.csv"),
                 str(path)]) == 1
    assert message in capsys.readouterr().err


def test_event_outside_every_phase_is_refused(data_dir, capsys):
    path = data_dir / "phases.csv"
    path.write_text(path.read_text().replace("2023-10-17,2023-12-31", "2023-10-18,2023-12-31"))
    assert main(["validate", str(data_dir / "places.csv"), str(data_dir / "events.csv"),
                 str(data_dir / "tallies.csv"), str(path)]) == 1
    err = capsys.readouterr().err
    assert "events.csv:2: event_date: '2023-10-17': a date inside the phases of phases.csv " \
        "(2023-10-18 to today)" in err


def _set_presence(data_dir, place: str, start: str, end: str) -> None:
    path = data_dir / "places.csv"
    lines = path.read_text().split("\n")
    for i, line in enumerate(lines):
        if line.startswith(place + ","):
            lines[i] = line.rstrip(",") + f",{start},{end},https://example.org/presence,"
            assert lines[i].count(",") == lines[0].count(","), lines[i]
    path.write_text("\n".join(lines))


def test_attack_after_us_forces_left_is_flagged(data_dir, capsys):
    _set_presence(data_dir, "tower-22", "2015", "2023-12")
    assert main(["validate", str(data_dir / "places.csv"), str(data_dir / "events.csv"),
                 str(data_dir / "tallies.csv"), str(data_dir / "phases.csv")]) == 1
    err = capsys.readouterr().err
    assert "events.csv:8: event_date: '2024-01-28': a day with US presence at tower-22 " \
        "(2015 to 2023-12 in places.csv), or 'US presence: ...' in disputes" in err


def test_attack_that_explains_why_it_still_counts_is_accepted(data_dir, capsys):
    _set_presence(data_dir, "tower-22", "2015", "2023-12")
    events = data_dir / "events.csv"
    events.write_text(events.read_text().replace(
        "2024-01-28-tower-22-1,2024-01-28,day,attack_on_us,Islamic Resistance in Iraq,"
        "confirmed,US forces,drone,tower-22,3,25,,47,,",
        "2024-01-28-tower-22-1,2024-01-28,day,attack_on_us,Islamic Resistance in Iraq,"
        "confirmed,US forces,drone,tower-22,3,25,,47,,US presence: troops were still there"))
    assert main(["validate", str(data_dir / "places.csv"), str(events),
                 str(data_dir / "tallies.csv"), str(data_dir / "phases.csv")]) == 0


def test_presence_dates_must_be_partial_iso_dates(data_dir, capsys):
    _set_presence(data_dir, "tower-22", "late 2015", "")
    assert main(["validate", str(data_dir / "places.csv")]) == 1
    assert "us_presence_start: 'late 2015': blank, or a date as YYYY, YYYY-MM or YYYY-MM-DD" \
        in capsys.readouterr().err
