"""``python -m analysis update``: an ACLED export matched to the curated events for review,
and reviewed rows added to events.csv. The export is the SYNTHETIC 2024 fixture; the
curated folder is the SYNTHETIC tests/fixtures/data unless the project's data is named."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli.main import main
from analysis.inputs import paths
from analysis.inputs.vocabulary import ALIAS_SEPARATOR
from tests.conftest import FIXTURES

# The build summary (a DataWarning on every load) is asserted where it matters, not shown.
pytestmark = pytest.mark.filterwarnings("ignore::analysis.inputs.problems.DataWarning")


EXPORT = FIXTURES / "acled" / "synthetic_export_2024.csv"
REQUIRED = ["acled_event_id", "event_date", "category", "place", "match", "reason"]
IN_SCOPE = {"JOR90001", "IRQ90008", "SYR90010", "IRQ90011", "SYR90016", "IRQ90017",
            "SYR90018"}


def _candidates(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "candidates.csv", dtype=str, keep_default_na=False)


def _digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.iterdir()))
                          ).hexdigest()


@pytest.fixture
def reviewed(data_dir, tmp_path, capsys):
    out = tmp_path / "review"
    before = _digest(data_dir)
    assert main(["update", "--acled", str(EXPORT), "--out", str(out), "--data",
                 str(data_dir)]) == 0
    assert _digest(data_dir) == before  # never writes into the data folder
    return out, capsys.readouterr()


def test_one_candidate_per_in_scope_event_with_the_required_columns(reviewed):
    out, printed = reviewed
    candidates = _candidates(out)
    assert set(REQUIRED) <= set(candidates.columns)
    assert set(candidates["acled_event_id"]) == IN_SCOPE and len(candidates) == len(IN_SCOPE)
    assert "'7 of 19 rows kept'" in printed.err  # the build's summary, printed here too
    assert "7 ACLED event(s) in scope: 6 new, 1 matched" in printed.out


def test_tower_22_matches_the_curated_event_and_the_rest_are_new(reviewed):
    candidates = _candidates(reviewed[0]).set_index("acled_event_id")
    assert candidates.loc["JOR90001", "match"] == "2024-01-28-tower-22-1"
    assert candidates.loc["JOR90001", "place"] == "tower-22"
    assert "same category, place (Tower 22), same day" in candidates.loc["JOR90001", "reason"]
    new = candidates.drop(index="JOR90001")
    assert (new["match"] == "").all()
    assert new["reason"].str.startswith("new: ").all()
    # The fixture's Ain al-Asad event of 29 January is not 20 January's nor 5 August's.
    assert candidates.loc["IRQ90008", "place"] == "ain-al-asad"


def test_the_review_page_lists_new_events_and_disagreements_escaped(data_dir, tmp_path):
    rows = list(csv.DictReader(EXPORT.open(encoding="utf-8", newline="")))
    tower = next(r for r in rows if r["event_id_cnty"] == "JOR90001")
    tower.update(event_date="27 January 2024", fatalities="2",
                 notes="<script>alert(1)</script> A drone hit the outpost, killing two US "
                       "soldiers.")
    export = tmp_path / "export.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out = tmp_path / "review"
    assert main(["update", "--acled", str(export), "--out", str(out), "--data",
                 str(data_dir)]) == 0
    candidates = _candidates(out).set_index("acled_event_id")
    assert candidates.loc["JOR90001", "disagreements"] == \
        "date: ACLED 2024-01-27, curated 2024-01-28 | us_killed: ACLED 2, curated 3"
    page = (out / "review.html").read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Disagreements with the curated events (1)" in page
    assert "New events (6)" in page and "IRQ90011" in page


@pytest.mark.parametrize("inside", ["", "review"])
def test_the_review_never_goes_into_the_data_folder(inside, data_dir, capsys):
    before = _digest(data_dir)
    assert main(["update", "--acled", str(EXPORT), "--out", str(data_dir / inside),
                 "--data", str(data_dir)]) == 2
    assert "a review folder outside the data folder" in capsys.readouterr().err
    assert _digest(data_dir) == before


def test_against_the_project_data_tower_22_matches_and_new_means_new(tmp_path):
    out = tmp_path / "review"
    assert main(["update", "--acled", str(EXPORT), "--out", str(out)]) == 0
    candidates = _candidates(out).set_index("acled_event_id")
    events = pd.read_csv(paths.DATA_DIR / "events.csv", dtype=str, keep_default_na=False)
    tower = events[(events["place"] == "tower-22") & (events["event_date"] == "2024-01-28")]
    assert candidates.loc["JOR90001", "match"] in set(tower["event_id"])
    for acled_id, row in candidates[candidates["match"] == ""].iterrows():
        day = pd.Timestamp(row["event_date"])
        same = events[(events["category"] == row["category"]) & (events["place"] == row["place"])
                      & (pd.to_datetime(events["event_date"]) - day).abs().le(
                          pd.Timedelta(days=1))]
        assert row["place"] == "" or same.empty, (acled_id, list(same["event_id"]))


def _review_for_adding(data_dir: Path, tmp_path: Path, **edits) -> Path:
    out = tmp_path / "review"
    assert main(["update", "--acled", str(EXPORT), "--out", str(out), "--data",
                 str(data_dir)]) == 0
    candidates = _candidates(out)
    for acled_id, values in edits.items():
        for column, value in values.items():
            candidates.loc[candidates["acled_event_id"] == acled_id, column] = value
    candidates.to_csv(out / "candidates.csv", index=False)
    return out / "candidates.csv"


GOOD = {"add": "yes", "sources": "https://example.org/synthetic/rockets",
        "description": "Rockets struck the base and wounded five US service members."}


def test_reviewed_rows_are_added_in_the_curated_format_and_validate_passes(data_dir, tmp_path,
                                                                          capsys):
    path = _review_for_adding(data_dir, tmp_path, IRQ90017=GOOD)
    assert main(["update", "--add", str(path), "--data", str(data_dir)]) == 0
    assert "2024-08-05-ain-al-asad-1" in capsys.readouterr().out
    events = pd.read_csv(data_dir / "events.csv", dtype=str, keep_default_na=False)
    added = events.iloc[-1]
    assert added["event_id"] == "2024-08-05-ain-al-asad-1"
    assert (added["category"], added["place"], added["us_injured"]) == \
        ("attack_on_us", "ain-al-asad", "5")
    assert added["description"] == GOOD["description"]
    assert "From ACLED event IRQ90017 (ACLED's sources: Synthetic Wire; Synthetic Daily)." \
        in added["disputes"]
    assert main(["validate", *(str(data_dir / f) for f in
                               ("places.csv", "events.csv", "tallies.csv", "phases.csv"))]) == 0
    # The same ACLED event is never added twice.
    assert main(["update", "--add", str(path), "--data", str(data_dir)]) == 2
    assert "an ACLED event not added before" in capsys.readouterr().err


NOTES = ("On 5 August 2024, two rockets hit Ain al-Asad air base; US officials said five US "
         "service members and two contractors were injured.")
REFUSALS = {
    "no description": ({"description": ""}, "description", "in your own words"),
    "ACLED's notes as description": ({"description": NOTES}, "description",
                                     "not ACLED's notes"),
    "no sources": ({"sources": ""}, "sources", "the http(s) URLs of the pages you read"),
    "a place not in places.csv": ({"place": "nowhere"}, "place", "a place key of places.csv"),
    "a matched row": ({"match": "2024-01-28-tower-22-1"}, "match", "a new event"),
    "a row that fails validation": ({"event_date": "2019-05-01"}, "event_date",
                                    "an ISO date YYYY-MM-DD between"),
}


@pytest.mark.parametrize("case", REFUSALS, ids=list(REFUSALS))
def test_unreviewed_rows_are_refused_and_nothing_is_written(case, data_dir, tmp_path, capsys):
    change, column, expected = REFUSALS[case]
    path = _review_for_adding(data_dir, tmp_path, IRQ90017={**GOOD, **change})
    before = _digest(data_dir)
    assert main(["update", "--add", str(path), "--data", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert "nothing was written" in err
    assert f": {column}: " in err and expected in err, err
    assert _digest(data_dir) == before


def test_gazetteer_aliases_find_the_curated_place(data_dir):
    from analysis.inputs.curated import load_places
    from analysis.measures.acled_matching import curated_place

    places = load_places(data_dir / "places.csv")
    alias = places.set_index("place").loc["boukamal", "aliases"].split(ALIAS_SEPARATOR)[1]
    assert curated_place(alias.upper(), "Syria", float("nan"), float("nan"), places) == \
        "boukamal"
    assert curated_place("Somewhere near al-Tanf", "Syria", 33.51, 38.62, places) == "al-tanf"
    assert curated_place("Far away", "Syria", 36.0, 37.0, places) == ""
