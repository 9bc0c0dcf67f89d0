"""Where a cold one-report build spends its wall time, across its three processes.

    .venv/bin/python bench/timeline.py [REPORT]

Runs ``python -m analysis build --only REPORT --force`` (default: overview) with an empty
data cache into a temporary folder, and prints wall-clock stamps from the main process (data
check), the worker (imports) and the kernel (end of its preload), the report's start and
end, and the command's end. A diagnostic: it wraps the build's functions, so it measures
this code, not a copy.
"""

from __future__ import annotations

import runpy
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    report = sys.argv[1] if len(sys.argv) > 1 else "overview"
    sys.path.insert(0, str(ROOT))
    import analysis.publish.build as build
    import analysis.publish.workers as workers

    start = time.time()
    stamps = Path(tempfile.mkdtemp(prefix="timeline-")) / "stamps"
    stamps.touch()

    def mark(what: str) -> None:
        with stamps.open("a") as f:
            f.write(f"{time.time() - start:6.2f} s  {what}\n")

    def wrap(module, name: str, before: str | None, after: str) -> None:
        original = getattr(module, name)

        def wrapped(*args, **kwargs):
            if before:
                mark(before)
            result = original(*args, **kwargs)
            mark(after)
            return result
        setattr(module, name, wrapped)

    workers.PRELOAD.append(f"open({str(stamps)!r}, 'a').write(f'{{__import__(\"time\").time()"
                           f" - {start}:6.2f}} s  kernel: preload done\\n')")
    wrap(workers, "warm_up", None, "worker: papermill, nbconvert, exporter ready")
    wrap(workers, "run_report", "worker: report starts", "worker: report done")
    wrap(build, "load_choices", "main: data check starts", "main: data check done")
    wrap(workers.WorkerPool, "close", None, "main: workers and kernels stopped")
    shutil.rmtree(ROOT / ".cache", ignore_errors=True)
    out = stamps.parent / "reports"
    sys.argv = ["analysis", "build", "--only", report, "--force", "--out", str(out)]
    mark("main: start")
    try:
        runpy.run_module("analysis", run_name="__main__", alter_sys=True)
    except SystemExit as done:
        mark(f"main: exit {done.code}")
    print(stamps.read_text(), end="")
    shutil.rmtree(stamps.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
