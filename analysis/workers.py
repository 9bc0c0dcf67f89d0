"""Worker processes that run reports, each keeping one warm kernel ready for its next report.

Per report, the fixed costs are: starting a kernel, and importing pandas, matplotlib and
this package inside it (about 2 s together). A worker takes its next report from the queue
before running the current one and starts that report's kernel at once (with the imports
preloaded through ``IPKernelApp.exec_lines``), so the start-up overlaps the current run.
Each report still gets a fresh kernel: no state leaks between reports.
"""

from __future__ import annotations

import multiprocessing as mp
import queue as queue_module
from collections.abc import Callable, Iterator
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

from analysis.execute import Outcome, run_report
from analysis.kernel import KERNEL_NAME
from analysis.registry import ReportSpec

PRELOAD = ["import analysis.notebook, analysis.article_view, analysis.scope"]


def start_kernel(cwd: Path) -> AsyncKernelManager:
    """Start a kernel (returns at once; it finishes booting in the background)."""
    km = AsyncKernelManager(kernel_name=KERNEL_NAME)
    run_sync(km.start_kernel)(cwd=str(cwd),
                              extra_arguments=[f"--IPKernelApp.exec_lines={PRELOAD!r}"])
    return km


def stop_kernel(km: AsyncKernelManager | None) -> None:
    if km is not None and km.has_kernel:
        try:
            run_sync(km.shutdown_kernel)(now=True)
        except Exception:  # already dead: nothing left to stop
            pass


def _worker(tasks: mp.Queue, results: mp.Queue, workdir: Path, timeout: int | None,
            data_path: str | None) -> None:
    warm: AsyncKernelManager | None = None
    current: ReportSpec | None = tasks.get()
    try:
        while current is not None:
            following: ReportSpec | None = tasks.get()
            km = warm or start_kernel(current.notebook.parent)
            warm = start_kernel(following.notebook.parent) if following is not None else None
            try:
                results.put(run_report(current, workdir, timeout, data_path, km=km))
            finally:
                stop_kernel(km)
            current = following
    finally:
        stop_kernel(warm)


def run_in_workers(specs: list[ReportSpec], workdir: Path, jobs: int, timeout: int | None,
                   data_path: str | None,
                   poll: Callable[[], None] = lambda: None) -> Iterator[Outcome]:
    """Yield each report's Outcome as it finishes; a crashed worker fails its reports."""
    context = mp.get_context("fork")  # workers inherit the imports already made
    tasks, results = context.Queue(), context.Queue()
    jobs = max(1, min(jobs, len(specs)))
    for spec in specs:
        tasks.put(spec)
    for _ in range(jobs):
        tasks.put(None)
    processes = [context.Process(target=_worker, args=(tasks, results, workdir, timeout,
                                                        data_path), daemon=False)
                 for _ in range(jobs)]
    for p in processes:
        p.start()
    done: set[str] = set()
    try:
        while len(done) < len(specs):
            try:
                outcome = results.get(timeout=1.0)
            except queue_module.Empty:
                poll()
                if not any(p.is_alive() for p in processes):
                    for spec in specs:
                        if spec.name not in done:
                            done.add(spec.name)
                            yield Outcome(spec.name, False, 0.0,
                                          error="the worker process died unexpectedly")
                continue
            done.add(outcome.name)
            yield outcome
    finally:
        for p in processes:
            p.join(timeout=30)
            if p.is_alive():
                p.terminate()
