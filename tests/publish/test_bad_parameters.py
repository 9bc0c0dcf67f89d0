"""Parameters are data, never code: every value is checked against its type before papermill
writes it into a notebook. One row per case, the exact message asserted, nothing built."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from analysis.cli.main import main
from tests.conftest import FIXTURE_DATA

FIXTURE_NOTEBOOKS = Path(__file__).parents[1] / "fixtures" / "notebooks"
PROJECT_NOTEBOOKS = Path(__file__).parents[2] / "notebooks"
MARKER = Path("/tmp/since-oct7-injected")


@pytest.fixture
def setup(tmp_path):
    """The real notebooks and registry in a temporary folder, with fixture data."""
    notebooks = tmp_path / "notebooks"
    shutil.copytree(PROJECT_NOTEBOOKS, notebooks)
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    MARKER.unlink(missing_ok=True)
    return notebooks / "reports.yml", data, tmp_path / "out"


def _build(setup, *extra: str) -> int:
    """The exit code, whether main returns it or argparse exits with it."""
    registry, data, out = setup
    try:
        return main(["build", "--registry", str(registry), "--data", str(data), "--out",
                     str(out), *extra])
    except SystemExit as exit_:
        return int(exit_.code)


INJECTION = '!!set {"x\\"; open(\\"' + str(MARKER) + '\\",\\"w\\"); \\"": null}'
ALIAS_BOMB = ("[&a [1,1,1,1,1,1,1,1,1], &b [*a,*a,*a,*a,*a,*a,*a,*a,*a], "
              "&c [*b,*b,*b,*b,*b,*b,*b,*b,*b], &d [*c,*c,*c,*c,*c,*c,*c,*c,*c], "
              "&e [*d,*d,*d,*d,*d,*d,*d,*d,*d], &f [*e,*e,*e,*e,*e,*e,*e,*e,*e], "
              "[*f,*f,*f,*f,*f,*f,*f,*f,*f]]")

# --param NAME=VALUE: (value, words in the message)
COMMAND_LINE = {
    "!!set reaching code": (f"countries={INJECTION}", "a value of type set: expected a string"),
    "!!python/object": ("countries=!!python/object/apply:os.system ['true']",
                        "not a plain YAML value"),
    "!!binary": ("countries=!!binary aGVsbG8=", "a value of type bytes"),
    "!!timestamp with a time": ("end_date=2024-02-29T10:00:00", "without a time"),
    "mapping": ("countries={a: 1}", "a value of type dict"),
    "nested list": ("countries=[[Iraq]]", "a nested list or mapping"),
    "alias bomb": (f"countries={ALIAS_BOMB}", "a nested list or mapping"),
    "too long": ("start_date=" + "x" * 20_000, "expected at most 10,000"),
    "long text": ("start_date=" + "x" * 2_000, "text of 2,000 characters: expected at most 1,000"),
    "control character": ("start_date=\"2024\\u0007\"", "without control characters"),
    "huge number": ("start_date=99999999999999999999", "expected a number below 2**63"),
    "infinity": ("start_date=.inf", "expected a finite number"),
    "data_path": ("data_path=/tmp", "data_path: set by the build; give the data with --data"),
    "family member's own parameter": ("region=Iraq", "region: set per report by the 'region' "
                                                     "family; build one member with --only"),
    "empty backwards window": ('start_date="2099-01-01"',
                               "start_date: 2099-01-01: expected a date on or before the "
                               "data's last date"),
}


@pytest.mark.parametrize("case", COMMAND_LINE, ids=list(COMMAND_LINE))
def test_command_line_value_is_refused_before_anything_runs(case, setup, capsys):
    value, message = COMMAND_LINE[case]
    assert _build(setup, "--param", value) == 2
    err = capsys.readouterr().err
    assert message in err, err
    assert not MARKER.exists(), "a parameter ran as code"
    assert not list(setup[2].glob("*.html")) if setup[2].exists() else True
    assert "Traceback" not in err


# reports.yml edits: (change to the overview entry's parameters, words in the message)
REGISTRY = {
    "!!set in reports.yml": ("countries: " + INJECTION, "a value of type set"),
    "data_path in reports.yml": ("data_path: /tmp", "data_path: set by the build"),
    "nested alias in reports.yml": (f"countries: {ALIAS_BOMB}", "a nested list or mapping"),
}


@pytest.mark.parametrize("case", REGISTRY, ids=list(REGISTRY))
def test_registry_value_is_refused(case, setup, capsys):
    registry = setup[0]
    change, message = REGISTRY[case]
    text = registry.read_text().replace("      countries: null", "      " + change)
    assert change in text
    registry.write_text(text)
    assert _build(setup) == 2
    err = capsys.readouterr().err
    assert message in err, err
    assert not MARKER.exists()


@pytest.mark.parametrize("notebook", ["../outside.ipynb", "/tmp/elsewhere.ipynb",
                                      "reports.yml"])
def test_registry_notebook_outside_its_folder_is_refused(notebook, setup, capsys):
    registry = setup[0]
    (registry.parent.parent / "outside.ipynb").write_text("{}")
    text = registry.read_text().replace("notebook: overview.ipynb",
                                        f"notebook: {notebook}", 1)
    assert notebook in text
    registry.write_text(text)
    assert _build(setup) == 2
    assert (f"entry 1: notebook: {notebook}: expected a .ipynb file inside "
            f"{registry.parent}") in capsys.readouterr().err


def test_unquoted_date_is_accepted_as_a_date(setup):
    registry, data, out = setup
    code = main(["build", "--registry", str(registry), "--data", str(data), "--out", str(out),
                 "--only", "overview", "--dry-run", "--param", "end_date=2024-02-29"])
    assert code == 0


@pytest.mark.parametrize("flag,value", [("--jobs", "0"), ("--jobs", "-1"), ("--timeout", "0"),
                                        ("--timeout", "-1")])
def test_non_positive_jobs_and_timeout_are_refused(flag, value, setup, capsys):
    assert _build(setup, flag, value) == 2
    assert f"{value}: expected a whole number >= 1" in capsys.readouterr().err


@pytest.mark.parametrize("folder", ["data", "seeds", "notebooks", "analysis", "."])
def test_output_into_an_input_folder_is_refused(folder, capsys):
    from analysis.inputs import paths

    before = sorted(p.name for p in (paths.PROJECT_ROOT / folder).iterdir())
    assert main(["build", "--out", str(paths.PROJECT_ROOT / folder), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "expected a folder for reports only" in err or "the project folder" in err
    assert sorted(p.name for p in (paths.PROJECT_ROOT / folder).iterdir()) == before


def test_bad_source_date_epoch_is_refused_at_once(setup, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "tomorrow")
    assert _build(setup, "--only", "overview") == 2
    assert "SOURCE_DATE_EPOCH: 'tomorrow': expected whole seconds since 1970" in \
        capsys.readouterr().err


def test_unexpected_error_prints_one_line_and_where_the_traceback_is(setup, capsys,
                                                                     monkeypatch):
    import analysis.publish.build

    def broken(*args, **kwargs):
        raise ZeroDivisionError("injected fault")

    monkeypatch.setattr(analysis.publish.build, "load_choices", broken)
    assert _build(setup) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert err.startswith("unexpected error: ZeroDivisionError: injected fault")
    path = err.split("full traceback written to ")[1].strip()
    assert "injected fault" in Path(path).read_text() and "Traceback" in Path(path).read_text()


def test_clashing_region_slugs_name_the_places_file(setup, capsys):
    registry, data, out = setup
    places = data / "places.csv"
    text = places.read_text()
    # Two spellings of one governorate give the same report name.
    first = next(line for line in text.splitlines()[1:] if ",Anbar," in line)
    clone = first.replace(first.split(",")[0], "clone-site", 1).replace(",Anbar,", ",ANBAR,")
    places.write_text(text + clone + "\n")
    events = data / "events.csv"
    rows = events.read_text().splitlines()
    key = first.split(",")[0]
    extra = [r.replace(f",{key},", ",clone-site,").replace(r.split(",")[0],
                                                           f"clone-{i}", 1)
             for i, r in enumerate(rows[1:]) if f",{key}," in r and "attack_on_us" in r]
    events.write_text("\n".join(rows + extra) + "\n")
    yaml_text = yaml.safe_load(registry.read_text())
    next(e for e in yaml_text["reports"] if e.get("for_each") == "region")["min_attacks"] = 0
    registry.write_text(yaml.safe_dump(yaml_text))
    assert _build(setup, "--dry-run") == 2
    err = capsys.readouterr().err
    assert "region 'Iraq/ANBAR' (country and admin1 in data/places.csv)" in err, err
    assert "give the same report name 'region-iraq-anbar'" in err
