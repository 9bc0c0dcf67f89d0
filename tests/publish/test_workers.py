"""The worker pool without kernels: what happens at its edges, made deterministic with events
instead of sleeps."""

from __future__ import annotations

import multiprocessing as mp
from dataclasses import dataclass

from analysis.publish import workers
from analysis.publish.run_report import Outcome

CONTEXT = mp.get_context("fork")


@dataclass(frozen=True)
class FakeSpec:
    name: str


def _run(pool, specs, **kwargs):
    """Every outcome of one pool's run, the pool closed afterwards as the build does."""
    try:
        return list(pool.run(specs, **kwargs))
    finally:
        pool.close()


def test_an_outcome_sent_just_before_the_workers_exit_is_not_lost(monkeypatch, tmp_path):
    """The build looks at the result queue, finds it empty, and (on a loaded machine) is slow
    to look again: meanwhile every worker sends its last outcome and exits. That outcome is
    the report's, not "the worker process died unexpectedly"."""
    go = CONTEXT.Event()

    def worker(tasks, results, workdir, timeout, data_path, cwd=None):
        go.wait(120)  # until the build has found the queue empty once
        while (spec := tasks.get()) is not None:
            results.put(Outcome(spec.name, True, 0.0))

    def slow_to_look_again():
        go.set()
        for child in mp.active_children():
            child.join(120)  # every worker has sent its outcome and exited

    monkeypatch.setattr(workers, "_worker", worker)
    outcomes = _run(workers.WorkerPool(2, tmp_path, None, None, None),
                    [FakeSpec("a"), FakeSpec("b")], poll=slow_to_look_again)
    assert sorted((o.name, o.ok, o.error) for o in outcomes) == [("a", True, ""),
                                                                 ("b", True, "")]


def test_a_worker_that_dies_fails_its_reports(monkeypatch, tmp_path):
    def worker(tasks, results, workdir, timeout, data_path, cwd=None):
        import os

        os._exit(1)

    monkeypatch.setattr(workers, "_worker", worker)
    outcomes = _run(workers.WorkerPool(1, tmp_path, None, None, None), [FakeSpec("a")])
    assert [(o.name, o.ok, o.error) for o in outcomes] == [
        ("a", False, "the worker process died unexpectedly")]


def test_unfed_workers_stop_even_when_a_kernel_start_swallows_the_signal(monkeypatch,
                                                                        tmp_path):
    """A build that finds bad data closes workers that are still starting their kernels.
    When the SIGTERM lands inside the kernel's start, its event loop may swallow the
    SystemExit; the worker must still stop at once (exit code 0, from its stop sentinel),
    not wait out close()'s join and die by a second signal (exit code 143)."""
    booting = CONTEXT.Queue()

    def swallowing_start(cwd):
        booting.put(cwd)  # its SIGTERM handler is installed by now
        try:
            CONTEXT.Event().wait(120)  # a kernel start that outlives the signal
        except SystemExit:
            pass  # what an event loop catching BaseException does
        return None

    monkeypatch.setattr(workers, "start_kernel", swallowing_start)
    monkeypatch.setattr(workers, "warm_up", lambda: None)
    monkeypatch.setattr(workers, "JOIN_SECONDS", 10)
    pool = workers.WorkerPool(2, tmp_path, None, None, cwd=tmp_path)
    for _ in pool.processes:
        booting.get(timeout=120)  # both workers are inside the kernel start
    pool.close()
    assert [p.exitcode for p in pool.processes] == [0, 0]


@dataclass(frozen=True)
class NotebookSpec:
    name: str
    notebook: object  # a Path: the worker runs the notebook's kernel in its folder


def test_the_kernel_is_cleared_between_reports_and_not_after_the_last(monkeypatch, tmp_path):
    """Clearing a kernel (%reset) costs a round trip; after the last report the kernel is
    stopped instead, so a one-report build does not wait for a reset nobody uses."""
    calls = CONTEXT.Queue()

    class FakeKernel:
        async def is_alive(self):
            return True

    def run_report(spec, *args, **kwargs):
        calls.put(f"run {spec.name}")
        return Outcome(spec.name, True, 0.0)

    monkeypatch.setattr(workers, "start_kernel", lambda cwd: calls.put("start") or FakeKernel())
    monkeypatch.setattr(workers, "warm_up", lambda: None)
    monkeypatch.setattr(workers, "run_report", run_report)
    monkeypatch.setattr(workers, "reset_kernel", lambda km: calls.put("reset") or True)
    monkeypatch.setattr(workers, "stop_kernel",
                        lambda km: calls.put("stop") if km is not None else None)
    notebook = tmp_path / "report.ipynb"
    pool = workers.WorkerPool(1, tmp_path, None, None, cwd=tmp_path)
    try:
        outcomes = list(pool.run([NotebookSpec(n, notebook) for n in "abc"]))
    finally:
        pool.close()
    seen = []
    while len(seen) < 7:
        seen.append(calls.get(timeout=120))
    assert [o.name for o in outcomes] == ["a", "b", "c"]
    assert seen == ["start", "run a", "reset", "run b", "reset", "run c", "stop"]
    assert calls.empty()


def test_the_kernel_boots_with_a_frozen_heap_and_a_working_collector(tmp_path):
    """The preloaded modules are frozen out of garbage collection (a %reset would walk them
    all), and the collector is on again for what the report creates."""
    from jupyter_core.utils import run_sync

    km = workers.start_kernel(tmp_path)
    kc = km.client()
    try:
        kc.start_channels()
        run_sync(kc.wait_for_ready)(timeout=120)
        printed = []
        reply = run_sync(kc.execute_interactive)(
            "import gc; print(gc.get_freeze_count() > 100_000, gc.isenabled(), "
            "'_gc' in dir())", timeout=120,
            output_hook=lambda msg: printed.append(msg["content"].get("text", "")))
    finally:
        kc.stop_channels()
        workers.stop_kernel(km)
    assert reply["content"]["status"] == "ok"
    assert "".join(printed).split() == ["True", "True", "False"]


def test_a_worker_starts_without_the_iri_grammar_and_still_validates_notebooks():
    """warm_up() keeps jsonschema from compiling rfc3987_syntax's parsers (1 s per worker);
    the notebooks still read and validate, which is all nbformat asks of jsonschema."""
    import subprocess
    import sys

    from analysis.inputs import paths

    code = ("import sys; from analysis.publish.run_report import warm_up; "
            "warm_up(); "
            "import nbformat, jsonschema; "
            f"nb = nbformat.read({str(paths.NOTEBOOKS_DIR / 'overview.ipynb')!r}, 4); "
            "nbformat.validate(nb); "
            "print(sys.modules['rfc3987_syntax'] is None, "
            "'iri' in jsonschema.FormatChecker.checkers)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=paths.PROJECT_ROOT)
    assert done.stdout.split() == ["True", "False"]
