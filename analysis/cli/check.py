"""``python -m analysis check ARTICLE.txt --published DATE``: any article, put in context.

The claims and verdicts are computed here, in-process (no kernel: a cold check takes about
a second), by the same :class:`ArticleCheck` the article notebook uses; ``--out`` runs that
notebook through the build's own machinery (run_report + html_export) to write the same
self-contained HTML report as the article family. A test holds the two equal.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import textwrap
import warnings
from pathlib import Path

import pandas as pd

from analysis.inputs import paths
from analysis.inputs.problems import DataError, DataWarning, Problem

NOTEBOOK = paths.NOTEBOOKS_DIR / "article.ipynb"
# The columns of the terminal table; the last takes what width is left.
_WIDTHS = {"#": 3, "verdict": 22, "claim": 30}


def read_input(source: str, work: Path) -> Path:
    """The article as a file the notebook can read: the named file, or standard input
    ('-') saved into ``work``; either is checked as seed articles are."""
    from analysis.inputs.seed_articles import read_article_file

    if source == "-":
        path = work / "article.txt"
        path.write_bytes(sys.stdin.buffer.read())
        try:
            read_article_file(path)
        except DataError as err:
            raise DataError([Problem("(standard input)", p.line, p.column, p.value, p.expected)
                             for p in err.problems]) from None
        return path
    path = Path(source).expanduser()
    read_article_file(path)
    return path.resolve()


def claims_in_process(article: Path, published: pd.Timestamp, data: Path | None):
    """The article's claims with their verdicts, computed without a kernel."""
    from analysis.inputs.data_source import load_any
    from analysis.inputs.seed_articles import read_article_file
    from analysis.measures.article_check import ArticleCheck

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DataWarning)
        dataset = load_any(data)
    return ArticleCheck(dataset, read_article_file(article), published).claims()


def format_table(claims: pd.DataFrame, width: int | None = None) -> str:
    """The claims as a plain-text table: number, verdict, claim, and what it rests on."""
    width = width or shutil.get_terminal_size((110, 24)).columns
    rest = max(30, width - sum(_WIDTHS.values()) - 3 * len(_WIDTHS))
    widths = [*_WIDTHS.values(), rest]
    lines = [" | ".join(h.ljust(w) for h, w in zip([*_WIDTHS, "measure: data"], widths,
                                                   strict=True)),
             "-+-".join("-" * w for w in widths)]
    for i, r in enumerate(claims.itertuples(index=False), 1):
        basis = f"{r.measure}: {r.data}" + (f" [{r.notes}]" if r.notes else "")
        cells = [[str(i)], textwrap.wrap(r.verdict, widths[1]) or [""],
                 textwrap.wrap(r.claim, widths[2]) or [""], textwrap.wrap(basis, rest) or [""]]
        for k in range(max(len(c) for c in cells)):
            lines.append(" | ".join((c[k] if k < len(c) else "").ljust(w)
                                    for c, w in zip(cells, widths, strict=True)).rstrip())
    if claims.empty:
        lines.append("(no quantitative claim found)")
    return "\n".join(lines)


def write_report(article: Path, published: pd.Timestamp, title: str | None, out: Path,
                 data: Path | None, timeout: int | None = None) -> None:
    """Run the article notebook on this text and write its HTML report to ``out``."""
    from analysis.publish.kernel import ensure_kernel
    from analysis.publish.registry import ReportSpec
    from analysis.publish.run_report import run_report
    from analysis.publish.workers import start_kernel, stop_kernel

    ensure_kernel()
    label = title or _first_line(article)
    spec = ReportSpec(out.stem or "check", NOTEBOOK, f"In context: {label}",
                      {"article_id": None, "article_file": str(article),
                       "published": f"{published:%Y-%m-%d}", "title": title})
    km = start_kernel(NOTEBOOK.parent)  # the build's own kernel set-up, stopped at once after
    try:
        with tempfile.TemporaryDirectory(prefix="since-oct7-check-") as work:
            outcome = run_report(spec, Path(work), timeout,
                                 data_path=str(data) if data is not None else None, km=km)
            _settle(outcome, out)
    finally:
        stop_kernel(km)


def _settle(outcome, out: Path) -> None:
    """Move a good report to ``out``; say why a failed one failed."""
    for line in outcome.stderr:
        print(line, file=sys.stderr)
    if not outcome.ok or outcome.html is None:
        raise CheckError(f"the report could not be made: {outcome.error}")
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(outcome.html), out)


class CheckError(RuntimeError):
    """The check could not finish (the report failed to build)."""


def _first_line(path: Path) -> str:
    from analysis.inputs.seed_articles import read_article_file
    from analysis.measures.article_check import default_title

    return default_title(read_article_file(path)) or path.name


def check_out(out: Path, data: Path | None) -> None:
    """``--out`` is an HTML file outside the project's input folders."""
    from analysis.report.parameters import ParameterError

    if out.suffix.lower() not in (".html", ".htm"):
        raise ParameterError(f"--out {out}: expected a file name ending in .html")
    target = out.resolve()
    inputs = [paths.DATA_DIR, paths.SEEDS_DIR, paths.NOTEBOOKS_DIR,
              paths.PROJECT_ROOT / "analysis", paths.PROJECT_ROOT / "tests"]
    if data is not None and data.is_dir():
        inputs.append(data)
    for folder in (f.resolve() for f in inputs):
        if folder in target.parents:
            raise ParameterError(f"--out {out}: inside an input folder ({folder}); expected a "
                                 "file elsewhere, e.g. reports/check.html")
    if target.exists() and not target.is_file():
        raise ParameterError(f"--out {out}: not a file")


def run_check(source: str, published: str, title: str | None, out: Path | None,
              data: Path | None) -> int:
    """Print the claims' table; with ``out``, also write the HTML report. 0 when done."""
    from analysis.report.parameters import parse_date

    day = pd.Timestamp(parse_date("--published", published, allow_none=False))
    if out is not None:
        check_out(out, data)
    with tempfile.TemporaryDirectory(prefix="since-oct7-input-") as work:
        article = read_input(source, Path(work))
        claims = claims_in_process(article, day, data)
        print(format_table(claims))
        if out is not None:
            write_report(article, day, title, out, data)
            print(f"report: {out}")
    return 0


__all__ = ["CheckError", "claims_in_process", "format_table", "read_input", "run_check",
           "write_report"]
