"""`python -m analysis coverage` prints coverage per official tally and country, three ways,
and per phase (SYNTHETIC fixture: phase A holds 4 attacks, 2 in Iraq and 2 in Syria, 2 of
them US-confirmed; its last official count is 8, 4 in Iraq and 4 in Syria)."""

from __future__ import annotations

from analysis.cli.main import main


def test_coverage_prints_three_measures_per_country_and_phase(data_dir, capsys):
    assert main(["coverage", "--data", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "- Fixture phase A (17 Oct 2023 to 31 Dec 2023): 4 attacks (Iraq 2 / Syria 2 / " \
        "Jordan 0)" in out
    assert "Iraq, Syria and Jordan (the official total): official 8 as of 24 Oct 2023: all " \
        "documented    4 ÷ 8    =   50% | US-confirmed    2 ÷ 8    =   25%" in out
    assert "Iraq: official 4 as of 24 Oct 2023: all documented    2 ÷ 4    =   50%" in out
    blocks = out.split("\n\n")
    iraq = next(b for b in blocks if b.startswith("Iraq:"))
    # documented ÷ official, in the order the header names them: all, beyond claims, confirmed
    assert "all documented ÷ official" in iraq.splitlines()[1]
    row = next(line for line in iraq.splitlines() if line.startswith("2023-10-24"))
    assert row.split()[3:6] == ["2", "÷", "4"]
