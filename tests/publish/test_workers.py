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
    outcomes = list(workers.run_in_workers([FakeSpec("a"), FakeSpec("b")], tmp_path, 2, None,
                                           None, poll=slow_to_look_again))
    assert sorted((o.name, o.ok, o.error) for o in outcomes) == [("a", True, ""),
                                                                 ("b", True, "")]


def test_a_worker_that_dies_fails_its_reports(monkeypatch, tmp_path):
    def worker(tasks, results, workdir, timeout, data_path, cwd=None):
        import os

        os._exit(1)

    monkeypatch.setattr(workers, "_worker", worker)
    outcomes = list(workers.run_in_workers([FakeSpec("a")], tmp_path, 1, None, None))
    assert [(o.name, o.ok, o.error) for o in outcomes] == [
        ("a", False, "the worker process died unexpectedly")]
