"""Every layout ACLED has used reads to the same events; what cannot be read is refused by
what it is; ``validate FILE`` and ``build --data FILE`` judge a file alike, from its
header. Each layout is the SYNTHETIC 2024 export (tests/fixtures/acled) rewritten."""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from analysis.cli.main import main
from analysis.inputs.acled import load_acled
from analysis.inputs.acled_values import parse_dates
from analysis.inputs.problems import DataError
from tests.conftest import FIXTURES, TODAY

# The build summary (a DataWarning on every load) is asserted where it matters, not shown.
pytestmark = pytest.mark.filterwarnings("ignore::analysis.inputs.problems.DataWarning")


EXPORT = FIXTURES / "acled" / "synthetic_export_2024.csv"
OLD_COLUMNS = ["data_id", "iso", "event_id_cnty", "event_id_no_cnty", "event_date", "year",
               "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
               "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "region",
               "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
               "geo_precision", "source", "source_scale", "notes", "fatalities", "timestamp",
               "iso3"]
COMPARED = ["event_id", "event_date", "category", "actor", "target", "weapon", "place_name",
            "us_killed", "us_injured", "killed", "attribution", "disputes"]


def _rows() -> list[dict]:
    with EXPORT.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _text(rows: list[dict], columns: list[str], delimiter: str = ",",
          newline: str = "\n") -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, delimiter=delimiter, lineterminator=newline,
                            extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _redated(fmt: str) -> list[dict]:
    rows = _rows()
    for r in rows:
        r["event_date"] = parse_dates(pd.Series([r["event_date"]]))[0].strftime(fmt)
    return rows


def _old_layout() -> str:
    rows = _redated("%d-%b-%y")
    for i, r in enumerate(rows):
        r.update(data_id=str(9000 + i), event_id_no_cnty=r["event_id_cnty"][3:],
                 iso3=r["event_id_cnty"][:3],
                 inter1=r["inter1"], interaction=r["interaction"])
        del r["inter1"], r["inter2"]  # an older file read by its interaction code alone
    return _text(rows, [c for c in OLD_COLUMNS if c not in ("inter1", "inter2")])


def _upper() -> str:
    text = EXPORT.read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    return header.upper() + "\n" + rest


def _hxl() -> str:
    text = EXPORT.read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    tags = ",".join("#" + c.replace("_", "+") for c in header.split(","))
    return header + "\n" + tags + "\n" + rest


COLUMNS = next(csv.reader([EXPORT.read_text(encoding="utf-8").split("\n", 1)[0]]))
LAYOUTS = {
    "older columns (data_id, event_id_no_cnty), dd-Mon-yy dates": lambda: _old_layout(),
    "upper-case header": _upper,
    "tab-separated": lambda: _text(_rows(), COLUMNS, "\t"),
    "semicolon-separated": lambda: _text(_rows(), COLUMNS, ";"),
    "BOM and CRLF": lambda: "\ufeff" + _text(_rows(), COLUMNS, newline="\r\n"),
    "HDX copy with an HXL tag row": _hxl,
    "day month year dates": lambda: _text(_redated("%d %B %Y"), COLUMNS),
    "dd-mm-yy dates": lambda: _text(_redated("%d-%m-%y"), COLUMNS),
    "dd/mm/yyyy dates (a spreadsheet's re-save)": lambda: _text(_redated("%d/%m/%Y"),
                                                                 COLUMNS),
    "mm/dd/yyyy dates (a US spreadsheet's re-save)": lambda: _text(_redated("%m/%d/%Y"),
                                                                    COLUMNS),
}


def _events(path: Path) -> pd.DataFrame:
    events = load_acled(path, today=pd.Timestamp(TODAY)).events
    return events[COMPARED].astype(str).sort_values("event_id").reset_index(drop=True)


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    with pytest.warns(UserWarning):
        return _events(EXPORT)


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
def test_every_layout_reads_to_the_same_events(layout, expected, tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(LAYOUTS[layout]().encode("utf-8"))
    with pytest.warns(UserWarning):
        pd.testing.assert_frame_equal(_events(path), expected)


@pytest.mark.parametrize("packed", ["gz", "zip"])
def test_compressed_exports_are_read(packed, expected, tmp_path):
    path = tmp_path / f"export.csv.{packed}"
    if packed == "gz":
        path.write_bytes(gzip.compress(EXPORT.read_bytes()))
    else:
        with zipfile.ZipFile(path, "w") as archive:
            archive.write(EXPORT, "acled-export.csv")
    with pytest.warns(UserWarning):
        pd.testing.assert_frame_equal(_events(path), expected)


def test_the_fixture_expectation_is_the_issue_s_rows():
    events = load_acled(EXPORT, today=pd.Timestamp(TODAY)).events.set_index("event_id")
    assert set(events.index) == {"JOR90001", "IRQ90008", "SYR90010", "IRQ90011", "SYR90016",
                                 "IRQ90017", "SYR90018"}
    tower = events.loc["JOR90001"]
    assert (tower["us_killed"], tower["killed"], tower["us_injured"]) == (3, 0, 40)
    assert events.loc["SYR90010", "category"] == "strike_on_militants"


def _xlsx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")


REFUSED = {
    "Excel workbook (.xlsx)": ("export.xlsx", _xlsx, "this is an Excel workbook"),
    "Excel 97 workbook (.xls)": ("export.xls", lambda p: p.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500), "this is an Excel workbook"),
    "UTF-16 text": ("export.csv", lambda p: p.write_bytes(
        EXPORT.read_text(encoding="utf-8").encode("utf-16")), "this file is UTF-16"),
    "zip of two files": ("export.zip", lambda p: _two_in_zip(p),
                         "a .zip holding one ACLED .csv export"),
    "weekly aggregate": ("aggregated.csv", lambda p: p.write_text(
        "WEEK,REGION,COUNTRY,ADMIN1,EVENT_TYPE,SUB_EVENT_TYPE,EVENTS,FATALITIES,"
        "POPULATION_EXPOSURE,DISORDER_TYPE,ID,CENTROID_LATITUDE,CENTROID_LONGITUDE\n"
        "2024-01-27,Middle East,Jordan,Mafraq,Explosions/Remote violence,Air/drone strike,"
        "1,3,,Political violence,1,32.3,36.2\n"), "this is an ACLED aggregate"),
    "HDX monthly file": ("conflict_data_jor.csv", lambda p: p.write_text(
        "Country,Admin1,Admin2,ISO3,Admin2 Pcode,Admin1 Pcode,Month,Year,Events,Fatalities\n"
        "#country+name,#adm1+name,#adm2+name,#country+code,#adm2+code,#adm1+code,"
        "#date+month,#date+year,#event+num,#affected+killed\n"
        "Jordan,Mafraq,Ruwaished,JOR,JO0201,JO02,January,2024,1,3\n"),
        "this is an ACLED aggregate"),
    "not an ACLED file": ("export.csv", lambda p: p.write_text("name,age\nx,1\n"),
                          "an ACLED event export (columns event_id_cnty"),
}


def _two_in_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.write(EXPORT, "a.csv")
        archive.write(EXPORT, "b.csv")


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_unreadable_files_are_refused_by_what_they_are(case, tmp_path, capsys):
    name, write, says = REFUSED[case]
    path = tmp_path / name
    write(path)
    with pytest.raises(DataError) as err:
        load_acled(path)
    [problem] = err.value.problems
    assert says in problem.expected
    assert main(["build", "--out", str(tmp_path / "out"), "--data", str(path),
                 "--dry-run"]) == 2
    build_err = capsys.readouterr().err
    assert main(["validate", str(path)]) == 1
    validate_err = capsys.readouterr().err
    assert str(problem) in build_err
    assert str(problem) in validate_err  # one judgement, word for word


@pytest.mark.parametrize("name", ["events.csv", "places_export.csv", "acled.csv"])
def test_validate_and_build_judge_an_export_by_its_header_not_its_name(name, tmp_path,
                                                                       capsys):
    path = tmp_path / name
    path.write_bytes(EXPORT.read_bytes())
    assert main(["validate", str(path)]) == 0
    validate_err = capsys.readouterr().err
    assert main(["build", "--out", str(tmp_path / "out"), "--data", str(path),
                 "--dry-run"]) == 0
    build_err = capsys.readouterr().err
    summary = [line for line in validate_err.splitlines() if "(summary)" in line]
    assert summary and summary[0] in build_err


def test_a_curated_file_given_as_an_export_is_named(tmp_path, capsys):
    path = tmp_path / "acled_export.csv"
    path.write_bytes((FIXTURES / "data" / "events.csv").read_bytes())
    assert main(["build", "--out", str(tmp_path / "out"), "--data", str(path),
                 "--dry-run"]) == 2
    assert "the curated events CSV" in capsys.readouterr().err
