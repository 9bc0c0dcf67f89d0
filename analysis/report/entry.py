"""What a notebook calls first: set up display, load and validate data, fix the scope."""

from __future__ import annotations

import warnings
from pathlib import Path

from analysis.inputs import data_source
from analysis.inputs.problems import DataWarning
from analysis.inputs.vocabulary import REPORT_START
from analysis.report.html import setup_notebook
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


def article(article_id: str, data_path: str | Path | None = None):
    """A seed article put into context as of its publication date."""
    from analysis.report.article_view import ArticleView

    setup_notebook()
    return ArticleView.open(load_any(data_path), article_id)
