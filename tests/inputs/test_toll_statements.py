"""data/toll_statements.csv: validated like every curated file, in the order stated."""

from __future__ import annotations

import pytest

from analysis.inputs import paths
from analysis.inputs.curated import load_dataset, load_toll_statements
from analysis.inputs.problems import DataError

HEADER = "event_id,measure,value,stated_on,replaces_earlier,speaker,source,note\n"
ROW = "2024-01-28-tower-22-1,us_injured,{value},{day},{replaces},Synthetic,https://example.org/s,x\n"


def _write(tmp_path, *rows: str):
    path = tmp_path / "toll_statements.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_the_projects_statements_load_in_file_order():
    tolls = load_dataset(paths.DATA_DIR).tolls
    tower = tolls[tolls["event_id"] == "2024-01-28-tower-22-1"]
    assert list(tower["value"].dropna().head(3)) == [25, 30, 34]


def test_a_statement_that_goes_back_in_time_is_refused_with_its_line(tmp_path):
    path = _write(tmp_path, ROW.format(value=34, day="2024-01-30", replaces=""),
                  ROW.format(value=25, day="2024-01-28", replaces=""))
    with pytest.raises(DataError) as err:
        load_toll_statements(path)
    [problem] = err.value.problems
    assert (problem.line, problem.column) == (3, "stated_on")
    assert "on or after 2024-01-30" in problem.expected


@pytest.mark.parametrize("row,column", [
    (ROW.format(value=34, day="2024-01-28", replaces="maybe"), "replaces_earlier"),
    (ROW.format(value="many", day="2024-01-28", replaces=""), "value"),
    (ROW.format(value=34, day="28 Jan 2024", replaces=""), "stated_on"),
    (ROW.replace("us_injured", "wounded").format(value=1, day="", replaces=""), "measure"),
])
def test_a_bad_value_is_refused_with_its_column(tmp_path, row, column):
    with pytest.raises(DataError) as err:
        load_toll_statements(_write(tmp_path, row))
    assert {p.column for p in err.value.problems} == {column}


def test_an_unknown_event_is_refused(tmp_path):
    path = _write(tmp_path, ROW.format(value=34, day="2024-01-28", replaces=""))
    with pytest.raises(DataError) as err:
        load_toll_statements(path, event_ids={"2024-01-29-somewhere-1"})
    assert err.value.problems[0].column == "event_id"


def test_a_blank_number_is_kept_as_unknown(tmp_path):
    tolls = load_toll_statements(_write(tmp_path, ROW.format(value="", day="2024-01-28",
                                                             replaces="")))
    assert tolls["value"].isna().all()
