"""Seed articles: their metadata and text."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from analysis.inputs import paths
from analysis.inputs.curated import load_articles


def load_seed_articles(folder: Path | None = None) -> pd.DataFrame:
    """seeds/articles.csv, validated, with each article's text file checked to exist."""
    from analysis.inputs.safe_paths import regular_file_inside

    folder = folder or paths.SEEDS_DIR
    return load_articles(regular_file_inside(folder / paths.ARTICLES_FILE, folder))


def article_text(article: pd.Series, folder: Path | None = None) -> str:
    """The article as given (UTF-8 text, checked by load_seed_articles; a clean DataError,
    never a decoding traceback, if the file changed since)."""
    from analysis.inputs.csv_text import read_text
    from analysis.inputs.safe_paths import regular_file_inside

    folder = folder or paths.SEEDS_DIR
    path = regular_file_inside(folder / article["file"], folder)
    return read_text(path, empty="the article's text (this file is blank)")


def read_article_file(path: Path) -> str:
    """Any article a user names (``python -m analysis check``): a regular file of UTF-8 text,
    checked as seed articles are (not blank, not too long, no control characters). It may be
    anywhere: the user chose it."""
    from analysis.inputs.csv_text import read_text
    from analysis.inputs.curated import article_text_problems
    from analysis.inputs.problems import DataError, Problem

    if path.exists() and not path.is_file():
        raise DataError([Problem(str(path), None, "(file)", str(path), "a text file")])
    problems = article_text_problems(path)
    if problems:
        raise DataError(problems)
    return read_text(path, empty="the article's text (this file is blank)")
