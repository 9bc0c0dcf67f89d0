"""What a notebook calls first: set up display, load and validate data, fix the scope."""

from __future__ import annotations

import warnings
from pathlib import Path

from analysis.inputs import data_source
from analysis.inputs.problems import DataWarning
from analysis.inputs.vocabulary import REPORT_START
from analysis.report.html import setup_notebook
from analysis.report.parameters import ParameterError
from analysis.report.scope import Scope
from analysis.report.view import ReportView


def load_any(data_path: str | Path | None):
    """The data, without its warnings: the build and ``validate`` report those (skipped
    rows, ignored columns); no warning text ever reaches a report."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        return data_source.load_any(data_path)


def overview(start_date: str = REPORT_START, end_date: str | None = None,
             countries: list[str] | None = None, data_path: str | Path | None = None,
             phase: str | None = None) -> Scope:
    """The overview's scope: all attacks and strikes in the window (optionally some countries
    or one phase)."""
    setup_notebook()
    return Scope.from_parameters(load_any(data_path), start_date, end_date, countries,
                                 phase=phase)


def region(region: str = "Iraq", start_date: str = REPORT_START, end_date: str | None = None,
           data_path: str | Path | None = None, phase: str | None = None) -> Scope:
    """One country ('Iraq') or governorate ('Iraq/Anbar'), optionally one phase."""
    setup_notebook()
    return Scope.from_parameters(load_any(data_path), start_date, end_date, region=region,
                                 phase=phase)


def view(scope: Scope) -> ReportView:
    """How a report presents its scope."""
    return ReportView(scope)


def article(article_id: str | None, data_path: str | Path | None = None,
            article_file: str | Path | None = None, published: str | None = None,
            title: str | None = None):
    """A seed article put into context as of its publication date; or, given
    ``article_file`` and ``published``, any article's text (``python -m analysis check``)."""
    from analysis.report.article_view import ArticleView

    setup_notebook()
    if article_file is None:
        if article_id is None:
            raise ParameterError("article_id: None: expected a seed article id, or give "
                                 "article_file and published")
        return ArticleView.open(load_any(data_path), article_id)
    return _view_of_file(Path(article_file), published, title, data_path)


def _view_of_file(path: Path, published: str | None, title: str | None,
                  data_path: str | Path | None):
    import pandas as pd

    from analysis.inputs.seed_articles import read_article_file
    from analysis.report.article_view import ArticleView
    from analysis.report.parameters import parse_date

    day = parse_date("published", published, allow_none=False)
    text = read_article_file(path)
    return ArticleView.from_text(load_any(data_path), text, pd.Timestamp(day), title)


def check(article_file: str | Path, published: str, title: str | None = None,
          data_path: str | Path | None = None):
    """The claims of any article (a UTF-8 text file) with their verdicts, as a DataFrame:
    ``entry.check("story.txt", "2024-01-29")`` in a notebook gives what ``python -m analysis
    check story.txt --published 2024-01-29`` prints."""
    return _view_of_file(Path(article_file), published, title, data_path).claims()
