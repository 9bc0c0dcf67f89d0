"""The build: check inputs, decide what is stale, run reports in parallel, write atomically.

A failed report never replaces the last good HTML: its executed notebook (with the
traceback) is kept under ``failed/`` and the index marks it failed. Outputs are written
to a temporary name and moved into place. One build per output folder at a time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from filelock import FileLock, Timeout

from analysis.inputs import digest, paths
from analysis.publish.files import MANIFEST, check_manifest, read_manifest, write_manifest

T = TypeVar("T")

# Heavy modules (pandas, papermill, nbconvert) are imported inside the functions that need
# them, so a build with nothing to do answers in a fraction of a second.

LOCK = ".build.lock"
FAILED_DIR = "failed"


class BuildError(RuntimeError):
    """The build cannot start (bad input, or another build holds the output folder)."""


@dataclass
class Plan:
    """What the build will do: each report with its input hash and why it runs (or not)."""

    specs: list
    digests: dict[str, str]
    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def stale(self) -> list:
        return [s for s in self.specs if self.reasons[s.name] != "up to date"]


def make_plan(specs: list, out: Path, data: Path, force: bool,
              registry: Path = paths.REGISTRY_FILE, section: str = "reports") -> Plan:
    """Hash each report's inputs and compare with the manifest of the last build."""
    shared = digest.code_digest() + digest.data_digest(data) + \
        digest.seeds_digest() + str(data.resolve()) + \
        (digest.file_digest(registry) if registry.exists() else "")
    manifest = read_manifest(out).get(section, {})
    plan = Plan(specs, {})
    for spec in specs:
        inputs = digest.report_digest(spec.notebook, spec.parameters_json() + spec.title,
                                      shared)
        plan.digests[spec.name] = inputs
        previous = manifest.get(spec.name)
        if force:
            reason = "forced"
        elif previous is None:
            reason = "never built"
        elif previous.get("status") != "ok":
            reason = "failed last time"
        elif not (out / spec.html_name).exists():
            reason = "output missing"
        elif previous.get("inputs") != inputs:
            reason = "inputs changed"
        else:
            reason = "up to date"
        plan.reasons[spec.name] = reason
    return plan


def load_choices(data: Path):
    """Validate the data (raising DataError) and read the values parameters may take."""
    from analysis.inputs.data_source import load_any
    from analysis.inputs.gazetteer import region_attack_counts
    from analysis.inputs.seed_articles import load_seed_articles
    from analysis.publish.registry import Choices

    dataset = load_any(data)
    articles = load_seed_articles()
    counts = _held_regions(dataset, region_attack_counts(dataset.events))
    regions = tuple(counts)
    import pandas as pd

    windows = {r.name: (r.start.date(), None if pd.isna(r.end) else r.end.date())
               for r in dataset.phases.itertuples(index=False)}
    choices = Choices(regions=regions, articles=tuple(articles["id"]),
                      phases=_held_phases(dataset),
                      region_attacks=dict(counts), last_date=dataset.current_to.date(),
                      article_titles=dict(zip(articles["id"], articles["title"], strict=True)),
                      phase_windows=windows)
    return choices, dataset.as_of.date().isoformat(), dataset, articles


def _held_phases(dataset) -> tuple[str, ...]:
    """The phases that get a report. The curated data's search date vouches for
    a quiet phase (no attack found is a finding); an export speaks only for its own rows,
    so it gets a report for each phase its rows fall in and no other."""
    from analysis.measures.phases import phase_of

    names = tuple(dataset.phases.sort_values("start")["name"])
    if dataset.searched_on is not None:
        return names
    held = set(phase_of(dataset.events["event_date"], dataset.phases).dropna())
    return tuple(n for n in names if n in held)


def _held_regions(dataset, counts: dict[str, int]) -> dict[str, int]:
    """The regions that get a report: for an export, only the countries it has rows in."""
    if dataset.searched_on is not None:
        return counts
    present = set(dataset.events["country"])
    return {r: n for r, n in counts.items() if r.partition("/")[0] in present}


# Workers past this many only wait for a core (each holds a kernel, ~150 MB).
MAX_JOBS = max(2, 2 * (os.cpu_count() or 1))
PREVIEWS = "previews"  # the manifest's section for reports built with --param


@dataclass(frozen=True)
class BuildRequest:
    """What one run of the build was asked to do."""

    out: Path = paths.REPORTS_DIR
    registry: Path = paths.REGISTRY_FILE
    data: Path = paths.DATA_DIR
    only: tuple[str, ...] = ()
    force: bool = False
    dry_run: bool = False
    jobs: int | None = None
    timeout: int | None = None
    overrides: dict[str, Any] = field(default_factory=dict)

    @property
    def preview(self) -> bool:
        """A build with --param: its reports are previews, written under their own names,
        never in place of the reports reports.yml builds."""
        return bool(self.overrides)

    @property
    def full(self) -> bool:
        """Every report reports.yml asks for, as it asks: only such a build may drop
        reports the registry no longer lists, or record the whole build's fingerprint."""
        return not self.only and not self.preview


def build(*, out: Path = paths.REPORTS_DIR, registry: Path = paths.REGISTRY_FILE,
          data: Path = paths.DATA_DIR, only: list[str] | None = None, force: bool = False,
          dry_run: bool = False, jobs: int | None = None, timeout: int | None = None,
          overrides: dict[str, Any] | None = None, log=print) -> int:
    """Build the reports; return the process exit code (0 all good, 1 a report failed)."""
    from analysis.report.parameters import safe_parameters

    request = BuildRequest(out, registry, data, tuple(only or ()), force, dry_run, jobs,
                           timeout, safe_parameters(overrides or {}))
    return run(request, log)


def run(request: BuildRequest, log=print) -> int:
    """Carry out a :class:`BuildRequest` (see :func:`build`)."""
    out = request.out
    check_out(out, request.data, request.registry)
    _build_stamp()  # a bad SOURCE_DATE_EPOCH is refused before any work
    try:
        out.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(out / LOCK))
        lock.acquire(timeout=0)
    except Timeout:
        raise BuildError(f"another build is running on {out} (lock {out / LOCK}); "
                         "wait for it to finish and run again") from None
    except OSError as err:
        raise BuildError(f"--out {out}: cannot write there ({err.strerror or err}); expected "
                         "a folder this user can create files in") from None
    try:
        started = time.perf_counter()
        for problem in check_manifest(out)[1]:
            log(f"warning: {out / MANIFEST}: {problem}; ignored (the reports it named are "
                "rebuilt, no file it names is deleted)")
        key = plan_key(request)
        if request.full and not request.force and not request.dry_run and \
                _unchanged(out, key):
            log(f"all up to date ({len(read_manifest(out)['reports'])} reports; "
                f"checked in {time.perf_counter() - started:.2f}s)")
            return 0
        code = _build_locked(request, log, started)
        if code == 0 and not request.dry_run and request.full:
            manifest = read_manifest(out)
            manifest["plan_key"] = key
            write_manifest(out, manifest)
        return code
    finally:
        lock.release()


def check_out(out: Path, data: Path, registry: Path) -> None:
    """Refuse an output folder that is, or lies inside, one of the project's input folders."""
    target = out.resolve()
    inputs = {paths.DATA_DIR, paths.SEEDS_DIR, paths.NOTEBOOKS_DIR, paths.PROJECT_ROOT / "analysis",
              paths.PROJECT_ROOT / "tests", registry.resolve().parent}
    if data.is_dir():
        inputs.add(data)
    for folder in (f.resolve() for f in inputs):
        if target == folder or folder in target.parents:
            raise BuildError(f"--out {out}: an input folder ({folder}); expected a folder for "
                             "reports only, e.g. reports/")
    if target == paths.PROJECT_ROOT.resolve():
        raise BuildError(f"--out {out}: the project folder; expected e.g. reports/")
    if out.exists() and not out.is_dir():
        raise BuildError(f"--out {out}: a file; expected a folder for reports")


def plan_key(request: BuildRequest) -> str:
    """One hash of every input of the whole build: when it matches the last successful
    full build and every report is in place, there is nothing to do."""
    registry, data = request.registry, request.data
    notebooks = sorted(registry.parent.glob("*.ipynb"))
    return digest.hashlib.sha256("|".join([
        digest.file_digest(registry) if registry.exists() else "",
        digest.tree_digest(notebooks, registry.parent),
        digest.data_digest(data), digest.seeds_digest(), digest.code_digest(),
        str(data.resolve()), json.dumps(request.overrides, sort_keys=True, default=str),
        json.dumps(sorted(request.only)),
    ]).encode()).hexdigest()


def _unchanged(out: Path, key: str) -> bool:
    manifest = read_manifest(out)
    reports = manifest.get("reports", {})
    return (manifest.get("plan_key") == key and bool(reports)
            and all(r.get("status") == "ok" and (out / r["html"]).exists()
                    for r in reports.values())
            and (out / "index.html").exists())


def _build_locked(request: BuildRequest, log, started: float) -> int:
    """Check the data and the registry first (a refused build starts no worker and no
    kernel), then run what is stale."""
    from analysis.publish.index_page import write_index
    from analysis.publish.registry import expand, read_registry

    out = request.out
    for leftover in out.glob(".work-*"):  # from a build that was killed; we hold the lock
        shutil.rmtree(leftover, ignore_errors=True)
    choices, as_of, dataset, articles = load_choices(request.data)
    registry = read_registry(request.registry)
    every = expand(registry, request.registry.parent, choices)
    specs = expand(registry, request.registry.parent, choices, request.overrides) \
        if request.preview else every
    if request.only:
        unknown = sorted(set(request.only) - {s.name for s in specs})
        if unknown:
            raise BuildError(f"--only: unknown report(s) {', '.join(unknown)}; "
                             f"reports: {', '.join(s.name for s in specs)}")
        specs = [s for s in specs if s.name in request.only]
    if request.preview:  # only the reports whose notebook takes a parameter given
        from analysis.publish.registry import notebook_parameters

        specs = [_as_preview(s, request.overrides) for s in specs
                 if set(request.overrides) & set(notebook_parameters(s.notebook))]
    section = PREVIEWS if request.preview else "reports"
    log("detecting what needs rebuilding…")
    plan = make_plan(specs, out, request.data, request.force, request.registry, section)
    if request.dry_run:
        for spec in specs:
            log(f"  {spec.name}: {plan.reasons[spec.name]}"
                + (f" (a preview: {spec.html_name})" if request.preview else ""))
        log(f"{len(plan.stale)} of {len(specs)} report(s) would run"
            + (f" in {_workers(request, plan, log)} worker(s)" if plan.stale else ""))
        return 0
    if request.full:
        _remove_dropped(out, every, log)
    if not plan.stale:
        log(f"all up to date ({len(specs)} reports)")
        write_index(out, read_manifest(out), every, *_front_page(every, dataset, articles))
        return 0
    outcomes, front = _run_stale(request, plan, log, started,
                                 meanwhile=lambda: _front_page(every, dataset, articles))
    manifest = read_manifest(out)
    _record(manifest.setdefault(section, {}), outcomes, plan, out, as_of)
    write_manifest(out, manifest)
    write_index(out, manifest, every, *front)
    failed = [o for o in outcomes if not o.ok]
    log(f"built {len(outcomes) - len(failed)} of {len(outcomes)} report(s) in "
        f"{time.perf_counter() - started:.1f}s; index: {(out / 'index.html').resolve()}")
    for o in failed:
        cell = f" in cell {o.failing_cell}" if o.failing_cell else ""
        kept = out / FAILED_DIR / f"{o.name}.ipynb"
        where = (f"executed notebook with traceback: {kept.resolve()}" if kept.exists()
                 else "no executed notebook: the report failed before its first cell ran")
        log(f"FAILED {o.name}{cell}: {o.error}\n  {where}")
    return 1 if failed else 0


def _as_preview(spec, overrides: dict[str, Any]):
    """A report built with --param, under a name of its own (``<name>--<parameters>``)."""
    from dataclasses import replace

    from analysis.publish.registry import slug

    suffix = slug("-".join(f"{k}-{v}" for k, v in sorted(overrides.items())))[:120]
    return replace(spec, name=f"{spec.name}--{suffix or 'preview'}")


def _run_stale(request: BuildRequest, plan: Plan, log, started: float,
               meanwhile: Callable[[], T]) -> tuple[list, T]:
    """Start the workers (no more than there are stale reports, or cores to use) and run.

    ``meanwhile`` (the front page's summary, 0.4 s) runs in this process while the workers'
    kernels boot on the other cores: before them, it held up the first report as long."""
    from analysis.publish.kernel import ensure_kernel

    ensure_kernel()
    size = _workers(request, plan, log)
    work = Path(tempfile.mkdtemp(prefix=".work-", dir=request.out))
    pool = None
    try:
        pool = _start_pool(work, request, size)
        extra = meanwhile()
        return _run_all(plan.stale, request.out, pool, log, started), extra
    finally:
        if pool is not None:
            pool.close()
        shutil.rmtree(work, ignore_errors=True)


def _workers(request: BuildRequest, plan: Plan, log) -> int:
    """How many workers to start: as asked (default: the cores), never more than there are
    reports to run or MAX_JOBS; a capped request says so."""
    size = min(request.jobs or os.cpu_count() or 1, len(plan.stale), MAX_JOBS)
    if request.jobs and request.jobs > size:
        log(f"using {size} worker(s), not {request.jobs}: there are {len(plan.stale)} report(s) "
            f"to run and at most {MAX_JOBS} workers are started")
    return size


def _start_pool(work: Path, request: BuildRequest, size: int):
    from analysis.publish.workers import WorkerPool

    data = request.data
    data_arg = None if data.resolve() == paths.DATA_DIR.resolve() else str(data.resolve())
    folder = request.registry.parent if request.registry.parent.is_dir() else None
    return WorkerPool(size, work, request.timeout, data_arg, folder)


def _record(entries: dict, outcomes: list, plan: Plan, out: Path, as_of: str) -> None:
    """Each report's outcome in the manifest: a failure keeps the last good one's date."""
    stamp = _build_stamp()
    for outcome in outcomes:
        spec = next(s for s in plan.stale if s.name == outcome.name)
        previous = entries.get(spec.name, {})
        entry = {"title": outcome.title or previous.get("title") or spec.title,
                 "notebook": spec.notebook.name,
                 "parameters": spec.parameters, "data_as_of": as_of,
                 "html": spec.html_name, "seconds": round(outcome.seconds, 1)}
        if outcome.ok:
            entry.update(status="ok", inputs=plan.digests[spec.name], built=stamp)
        else:
            kept = f"{FAILED_DIR}/{spec.name}.ipynb"
            entry.update(status="failed", error=outcome.error, failing_cell=outcome.failing_cell,
                         executed=kept if (out / kept).exists() else None,
                         built=previous.get("built"),
                         last_good=previous.get("built") if (out / spec.html_name).exists()
                         else None)
        entries[spec.name] = entry


def _front_page(specs: list, dataset, articles) -> tuple[dict[str, str], dict]:
    """The index page's line per report and its opening summary, from the data."""
    from analysis.report.front_page import describe, summary

    lines = {s.name: describe(s.parameters, dataset, articles) for s in specs}
    return lines, summary(dataset)


def _remove_dropped(out: Path, every: list, log) -> None:
    """Delete reports the registry no longer asks for (e.g. a governorate that fell under
    min_attacks), so no stale, unlinked report stays beside the current ones."""
    manifest = read_manifest(out)
    entries = manifest.get("reports", {})
    wanted = {s.name for s in every}
    dropped = sorted(set(entries) - wanted)
    for name in dropped:  # names read_manifest checked: '<name>.html' inside out, nothing else
        (out / f"{name}.html").unlink(missing_ok=True)
        (out / FAILED_DIR / f"{name}.ipynb").unlink(missing_ok=True)
        del entries[name]
        log(f"removed {name}.html: the registry no longer lists this report")
    if dropped:
        write_manifest(out, manifest)


def _build_stamp() -> str:
    """Build time, or SOURCE_DATE_EPOCH when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not (epoch.isdigit() and int(epoch) < 253402300800):
        raise BuildError(f"SOURCE_DATE_EPOCH: {epoch[:40]!r}: expected whole seconds since "
                         "1970-01-01 (e.g. the output of `date +%s`), or unset")
    when = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch
            else dt.datetime.now(dt.UTC).replace(microsecond=0))
    return when.isoformat().replace("+00:00", "Z")


def _run_all(specs: list, out: Path, pool, log, started: float) -> list:
    """Run reports in the worker pool, moving each result into place as it finishes."""
    outcomes: list = []
    for outcome in pool.run(specs):
        _settle(outcome, out)
        outcomes.append(outcome)
        status = "ok" if outcome.ok else "FAILED"
        log(f"[{len(outcomes)}/{len(specs)}] {outcome.name} {status} "
            f"{outcome.seconds:.1f}s (elapsed {time.perf_counter() - started:.1f}s)",
            file=sys.stderr)
        for line in _stderr_lines(outcome):
            log(f"  {outcome.name}: kept out of the report: {line}", file=sys.stderr)
    return outcomes


def _stderr_lines(outcome, most: int = 5) -> list[str]:
    """What the report's kernel printed to stderr (warnings), which the HTML never shows."""
    lines = [line.strip() for text in outcome.stderr for line in text.splitlines()
             if line.strip()]
    shown = [line[:200] for line in lines[:most]]
    return shown + ([f"... and {len(lines) - most} more line(s)"] if len(lines) > most else [])


def _settle(outcome, out: Path) -> None:
    """Move a good report into place atomically; keep a failed one's executed notebook."""
    failed_dir = out / FAILED_DIR
    if outcome.ok and outcome.html is not None:
        os.replace(outcome.html, out / outcome.html.name)
        stale = failed_dir / f"{outcome.name}.ipynb"
        stale.unlink(missing_ok=True)
    elif outcome.executed is not None and outcome.executed.exists():
        failed_dir.mkdir(exist_ok=True)
        os.replace(outcome.executed, failed_dir / outcome.executed.name)
    else:  # nothing ran: never leave an older run's notebook looking like this one's
        (failed_dir / f"{outcome.name}.ipynb").unlink(missing_ok=True)
