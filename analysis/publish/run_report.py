"""Running one report: papermill executes the notebook, html_export turns it into HTML.

Runs inside a build worker process; imports and the HTML exporter are paid once per worker,
in the worker (nbformat, nbconvert and papermill are imported here lazily, so the build's
main process never pays for them: it forks the workers before checking the data).
Nothing is written where the last good report lives: the caller moves files into place.
"""

from __future__ import annotations

import copy
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from analysis.publish.kernel import KERNEL_NAME
from analysis.publish.registry import ReportSpec


@dataclass(frozen=True)
class Outcome:
    """What happened to one report."""

    name: str
    ok: bool
    seconds: float
    html: Path | None = None
    executed: Path | None = None
    error: str = ""
    failing_cell: int | None = None
    title: str | None = None  # the report's own H1
    stderr: tuple[str, ...] = ()  # what the kernel printed to stderr, kept out of the HTML


def _keep_on_failure_engine():
    """papermill's nbclient engine, except that a notebook stopped by a timeout, a dead
    kernel or any other exception is still written (papermill writes only at the end)."""
    import nbformat
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.iorw import write_ipynb

    class KeepOnFailure(NBClientEngine):
        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
            try:
                return super().execute_managed_notebook(nb_man, kernel_name, **kwargs)
            except BaseException as err:
                note = nbformat.v4.new_markdown_cell(
                    f"**Execution stopped**: {type(err).__name__}: {err}. The cells below ran "
                    "up to that point; later cells did not run.")
                kept = copy.deepcopy(nb_man.nb)  # the live one is still papermill's
                kept.cells.insert(0, note)
                write_ipynb(kept, kept.metadata.papermill["output_path"])
                raise

    papermill_engines.register(ENGINE, KeepOnFailure)


ENGINE = "since-oct7-keep"

# Bounds on waiting for the kernel, far above what a loaded machine needs: past them the
# kernel is broken, not slow. nbclient's default for the outputs that follow a cell's reply
# is 4 s, after which it silently drops them: a report missing a chart or a headline on a
# busy machine. Here a late output is waited for, and a lost one fails the report.
START_TIMEOUT = 300
OUTPUT_TIMEOUT = 120


# Installed with JupyterLab (jupyter-events wants jsonschema's format checkers), the
# rfc3987_syntax package compiles three Earley parsers for IRIs when jsonschema imports it:
# 1.0 s of every worker's start (measured with -X importtime), before the first report, for
# a format check nbformat never asks for. Marked absent in the worker, jsonschema goes
# without its "iri" checkers (it imports the package under suppress(ImportError)).
SKIPPED_IMPORTS = ("rfc3987_syntax",)


def warm_up() -> None:
    """Import the heavy modules and build the exporter once per worker process."""
    for name in SKIPPED_IMPORTS:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
    import papermill  # noqa: F401

    from analysis.publish.html_export import exporter

    _keep_on_failure_engine()
    exporter()


def run_report(spec: ReportSpec, workdir: Path, timeout: int | None,
               data_path: str | None = None, km=None) -> Outcome:
    """Execute ``spec`` into ``workdir``; return where the executed notebook and HTML are.

    ``km`` is an already started kernel manager (see workers.py); None starts a new kernel.
    """
    import nbformat
    import papermill
    from papermill.exceptions import PapermillExecutionError

    from analysis.publish.html_export import to_html

    _keep_on_failure_engine()
    started = time.perf_counter()
    executed = workdir / f"{spec.name}.ipynb"
    html = workdir / spec.html_name
    parameters = dict(spec.parameters)
    if data_path is not None:
        parameters["data_path"] = data_path
    try:
        papermill.execute_notebook(
            str(spec.notebook), str(executed), parameters=parameters,
            kernel_name=KERNEL_NAME, engine_name=ENGINE, cwd=str(spec.notebook.parent),
            progress_bar=False, start_timeout=START_TIMEOUT,
            iopub_timeout=OUTPUT_TIMEOUT, raise_on_iopub_timeout=True,
            execution_timeout=timeout, log_output=False, km=km,
            request_save_on_cell_execute=False,  # one write at the end, not one per cell
        )
        notebook = nbformat.read(executed, as_version=4)
        page, resources = to_html(notebook, spec.title)
        html.write_text(page, encoding="utf-8")
    except PapermillExecutionError as err:
        return Outcome(spec.name, False, time.perf_counter() - started, None, executed,
                       f"{err.ename}: {err.evalue}", err.exec_count)
    except Exception as err:  # kernel death, timeout, export failure: contained, reported
        detail = "".join(traceback.format_exception_only(type(err), err)).strip()
        return Outcome(spec.name, False, time.perf_counter() - started, None,
                       executed if executed.exists() else None, detail,
                       _failing_cell(executed))
    return Outcome(spec.name, True, time.perf_counter() - started, html, executed,
                   title=resources.get("title"), stderr=tuple(resources.get("stderr", ())))


def _failing_cell(executed: Path) -> int | None:
    """The execution count of the last cell that started, when a kernel died or timed out."""
    if not executed.exists():
        return None
    import nbformat

    try:
        notebook = nbformat.read(executed, as_version=4)
    except Exception:
        return None
    counts = [c.get("execution_count") for c in notebook.cells if c.cell_type == "code"]
    started = [c for c in counts if c]
    return max(started) if started else None
