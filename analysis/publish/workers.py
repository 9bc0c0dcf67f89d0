"""Worker processes that run reports, each with one kernel it reuses from report to report.

Per report, the fixed costs are: starting a kernel and importing pandas, matplotlib and this
package inside it (about 1.5 s of CPU, measured; more than a small report's own work). A
worker starts one kernel with those imports preloaded (``IPKernelApp.exec_lines``) and,
after each successful report, clears the kernel's namespace and execution counter
(``%reset -f``) instead of starting another: imported modules stay, variables do not. After
a failure (error, timeout, dead kernel) the kernel is replaced by a fresh one, so a broken
kernel never reaches the next report. Outputs are byte-identical either way (tested).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue as queue_module
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from jupyter_core.utils import run_sync

from analysis.publish.kernel import KERNEL_NAME
from analysis.publish.registry import ReportSpec
from analysis.publish.run_report import Outcome, run_report, warm_up

if TYPE_CHECKING:
    from jupyter_client.manager import AsyncKernelManager

# Run in the kernel as it boots (while the build's main process checks the data): the
# package, the Parquet reader of the data cache, and one tiny chart drawn and encoded, so
# fonts and the PNG path are warm before the first report's first chart (about 0.7 s of CPU
# that would otherwise follow the data check). Namespace left clean: %reset clears it too.
# Then the heap is frozen: the garbage collector no longer walks the objects of
# pandas, matplotlib and pyarrow, which took 0.25 s of every %reset (it calls gc.collect)
# and 0.2 s of full collections while the overview ran (gc.callbacks, measured).
PRELOAD = [
    "import gc as _gc; _gc.disable()",
    "import analysis.report.entry, analysis.report.article_view, analysis.report.scope",
    "import pyarrow.parquet, pandas.io.parquet",
    "from analysis.report.html import figure_png as _f; from analysis.report.style import "
    "new_figure as _n, styled as _s",
    "with _s(): _g = _n((2, 1)); _g.add_subplot().set_title('x'); _f(_g)",
    "del _f, _n, _s, _g",
    "_gc.freeze(); _gc.enable(); del _gc",
]


JOIN_SECONDS = 30  # how long close() waits for a worker before it signals again


def start_kernel(cwd: Path) -> AsyncKernelManager:
    """Start a kernel (returns at once; it finishes booting in the background)."""
    from jupyter_client.manager import AsyncKernelManager

    km = AsyncKernelManager(kernel_name=KERNEL_NAME)
    # No history database: reports never need it, and a reused kernel whose execution
    # counter restarts at 1 would otherwise collide with its own history rows.
    run_sync(km.start_kernel)(cwd=str(cwd),
                              extra_arguments=[f"--IPKernelApp.exec_lines={PRELOAD!r}",
                                               "--HistoryManager.enabled=False"])
    return km


def stop_kernel(km: AsyncKernelManager | None) -> None:
    if km is not None and km.has_kernel:
        try:
            run_sync(km.shutdown_kernel)(now=True)
        except Exception:  # already dead: nothing left to stop
            pass


RESET = "get_ipython().run_line_magic('reset', '-f')\nget_ipython().execution_count = 1"


def reset_kernel(km: AsyncKernelManager) -> bool:
    """Clear the namespace and the execution counter; False if the kernel did not answer."""
    kc = km.client()
    try:
        kc.start_channels()
        run_sync(kc.wait_for_ready)(timeout=30)
        reply = run_sync(kc.execute_interactive)(RESET, timeout=30, store_history=False,
                                                 output_hook=lambda msg: None)
        return reply["content"]["status"] == "ok"
    except Exception:
        return False
    finally:
        kc.stop_channels()


def _die_with_parent() -> None:
    """If the build is killed (even with SIGKILL), its workers stop too and shut down their
    kernels (a kernel exits when its worker does: ipykernel polls its parent)."""
    import ctypes
    import signal

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, stop)
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        parent = mp.parent_process()
        if parent is not None and os.getppid() != parent.pid:  # died before prctl took
            raise SystemExit(1)
    except OSError:  # not Linux: the parent's finally block still joins and terminates
        pass


def _worker(tasks: mp.Queue, results: mp.Queue, workdir: Path, timeout: int | None,
            data_path: str | None, cwd: Path | None = None) -> None:
    km: AsyncKernelManager | None = None
    _die_with_parent()
    try:
        if cwd is not None:  # boot the kernel now, while this process imports papermill
            try:
                km = start_kernel(cwd)
            except Exception:  # started again, with its error reported, at the first report
                km = None
        warm_up()
        spec = tasks.get()
        while spec is not None:
            folder = spec.notebook.parent
            if km is not None and cwd is not None and cwd.resolve() != folder.resolve():
                stop_kernel(km)  # a notebook in another folder: its kernel runs there
                km = None
            if km is None or not run_sync(km.is_alive)():
                stop_kernel(km)
                cwd = folder
                km = start_kernel(cwd)
            outcome = run_report(spec, workdir, timeout, data_path, km=km)
            results.put(outcome)
            spec = tasks.get()  # the kernel is cleared only for a next report (0.2 s)
            if not outcome.ok or (spec is not None and not reset_kernel(km)):
                stop_kernel(km)  # never hand a broken or busy kernel to the next report
                km = None
    finally:
        stop_kernel(km)


def _drain(results: mp.Queue) -> list[Outcome]:
    """Every outcome still in the queue (its writers have exited, so nothing more comes)."""
    left = []
    while True:
        try:
            left.append(results.get(timeout=0.5))
        except queue_module.Empty:
            return left


class WorkerPool:
    """Worker processes, started once the data and the registry are checked (a refused
    build starts none).

    Each boots its kernel (pandas and matplotlib preloaded, about 1.5 s) while it imports
    papermill and nbconvert itself (about 1 s), and the main process meanwhile computes the
    front page's summary: the first report waits for the slowest of the three, not their
    sum. ``close()`` stops the workers and their kernels.
    """

    def __init__(self, jobs: int, workdir: Path, timeout: int | None, data_path: str | None,
                 cwd: Path | None):
        context = mp.get_context("fork")
        self.tasks, self.results = context.Queue(), context.Queue()
        self.processes = [context.Process(target=_worker, args=(
            self.tasks, self.results, workdir, timeout, data_path, cwd), daemon=False)
            for _ in range(max(1, jobs))]
        for p in self.processes:
            p.start()
        self._fed = False

    def run(self, specs: list[ReportSpec],
            poll: Callable[[], None] = lambda: None) -> Iterator[Outcome]:
        """Yield each report's Outcome as it finishes; a crashed worker fails its reports."""
        for spec in specs:
            self.tasks.put(spec)
        for _ in self.processes:
            self.tasks.put(None)
        self._fed = True
        done: set[str] = set()
        while len(done) < len(specs):
            try:
                outcome = self.results.get(timeout=1.0)
            except queue_module.Empty:
                poll()
                if not any(p.is_alive() for p in self.processes):
                    # A worker flushes its results before it exits, but this process may
                    # have looked at the queue just before they arrived: read them first.
                    for outcome in _drain(self.results):
                        done.add(outcome.name)
                        yield outcome
                    for spec in specs:
                        if spec.name not in done:
                            done.add(spec.name)
                            yield Outcome(spec.name, False, 0.0,
                                          error="the worker process died unexpectedly")
                continue
            done.add(outcome.name)
            yield outcome

    def close(self) -> None:
        """Let fed workers finish; stop unfed ones (and their kernels) at once.

        An unfed worker gets its stop sentinel as well as SIGTERM: the signal may land while
        the kernel is starting, where jupyter_client's event loop can swallow the
        SystemExit; the worker then reaches the queue, reads the sentinel and stops its
        kernel, instead of waiting there until the 30 s join gives up."""
        if not self._fed:
            for _ in self.processes:
                self.tasks.put(None)
            self._fed = True
            for p in self.processes:
                if p.is_alive():
                    p.terminate()  # SIGTERM: the worker stops its kernel on the way out
        for p in self.processes:
            p.join(timeout=JOIN_SECONDS)
            if p.is_alive():
                p.terminate()
                p.join(timeout=5)
