"""Inputs are read only from regular files inside their folder: no symlink leaks a file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from analysis.inputs import paths
from analysis.inputs.problems import DataError
from analysis.inputs.safe_paths import regular_file_inside
from analysis.inputs.seed_articles import article_text, load_seed_articles


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A copy of the project's seeds/ with one more article row whose file is a link to a
    secret outside the folder."""
    folder = tmp_path / "seeds"
    shutil.copytree(paths.SEEDS_DIR, folder)
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    (folder / "999_evil.txt").symlink_to(secret)
    with (folder / "articles.csv").open("a", encoding="utf-8") as f:
        f.write("999_evil,999_evil.txt,2024-01-29,Evil,A title,https://example.org/a\n")
    return folder


def _last_line(seeds: Path) -> int:
    return len((seeds / "articles.csv").read_text(encoding="utf-8").splitlines())


def test_a_seed_that_is_a_symlink_is_refused_with_its_line(seeds: Path):
    with pytest.raises(DataError) as err:
        load_seed_articles(seeds)
    [problem] = err.value.problems
    assert problem.column == "file" and problem.value == "999_evil.txt"
    assert problem.line == _last_line(seeds) and "not a symbolic link" in problem.expected
    assert "root:x" not in str(err.value)


def test_the_article_text_is_not_read_through_a_link_even_if_the_list_was_checked(seeds):
    row = {"file": "999_evil.txt"}
    with pytest.raises(DataError, match="symbolic link"):
        article_text(row, seeds)


def test_validate_reports_the_linked_seed(seeds: Path, capsys):
    from analysis.cli.validate import validate_files

    assert validate_files([seeds / "articles.csv"]) == 1
    err = capsys.readouterr().err
    assert "999_evil.txt" in err and "symbolic link" in err and "root:x" not in err


def test_a_data_folder_file_linked_outside_is_refused(data_dir: Path, tmp_path: Path):
    from analysis.inputs.curated import load_dataset

    outside = tmp_path / "elsewhere.csv"
    shutil.move(data_dir / "tallies.csv", outside)
    (data_dir / "tallies.csv").symlink_to(outside)
    with pytest.raises(DataError, match="symbolic link"):
        load_dataset(data_dir)


@pytest.mark.parametrize("name", ["../secret.txt", "/etc/hostname", "sub/../../secret.txt"])
def test_paths_leading_outside_are_refused(tmp_path: Path, name: str):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    with pytest.raises(DataError):
        regular_file_inside(folder / name, folder)


def test_a_regular_file_inside_passes(tmp_path: Path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    assert regular_file_inside(tmp_path / "a.txt", tmp_path) == tmp_path / "a.txt"
