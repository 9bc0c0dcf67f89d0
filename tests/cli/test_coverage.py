"""`python -m analysis coverage` prints coverage per official tally and per phase (SYNTHETIC
fixture: phase A holds 4 attacks, 2 in Iraq and 2 in Syria; its last official count is 8)."""

from __future__ import annotations

from analysis.cli.main import main


def test_coverage_prints_per_phase_and_per_country(data_dir, capsys):
    assert main(["coverage", "--data", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "- Fixture phase A (17 Oct 2023 to 31 Dec 2023): 4 attacks (2 / 2 / 0); official 8 " \
        "as of 24 Oct 2023: 4 documented = 50%" in out
    assert "- Fixture phase B (1 Jan 2024 to open): 2 attacks (1 / 0 / 1); official 9 as of " \
        "31 Jan 2024: 6 documented = 67%" in out
    assert "2023-10-24   2023-10-25" in out  # the per-tally table, per country
