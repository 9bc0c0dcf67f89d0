"""Benchmarks, measured in one run and printed as ratios (never asserted in tests).

    make bench            # or: .venv/bin/python bench/run.py [--rows 1000000] [--skip-plain]

1. cold build of every report (empty output folder, empty data cache) vs the same reports
   run through the plain `papermill` and `jupyter nbconvert --to html --no-input` command
   lines one after another;
2. warm rebuild with nothing changed vs the cold build;
3. a 1,000,000-row SYNTHETIC ACLED-layout file: load, validate and every overview breakdown,
   vs a plain `pandas.read_csv` of the same file, each in its own process (peak memory).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
BIN = Path(PY).parent


def timed(cmd: list[str], **kwargs) -> float:
    started = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   cwd=ROOT, **kwargs)
    return time.perf_counter() - started


def report_specs() -> list:
    sys.path.insert(0, str(ROOT))
    from analysis.inputs import paths
    from analysis.publish.build import load_choices
    from analysis.publish.registry import expand, read_registry

    choices, _ = load_choices(paths.DATA_DIR)
    return expand(read_registry(paths.REGISTRY_FILE), paths.NOTEBOOKS_DIR, choices)


def plain_command_lines(specs: list, work: Path) -> float:
    """What a user would type without this project's build: papermill, then nbconvert."""
    started = time.perf_counter()
    for spec in specs:
        executed = work / f"{spec.name}.ipynb"
        params = []
        for name, value in spec.parameters.items():
            params += ["-y", json.dumps({name: value})]
        subprocess.run([str(BIN / "papermill"), str(spec.notebook), str(executed),
                        "-k", "since-oct7", "--cwd", str(spec.notebook.parent), *params],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input",
                        str(executed)], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def scale(rows: int, work: Path) -> tuple[dict, dict]:
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import write_synthetic_acled

    path = write_synthetic_acled(work / "synthetic_acled.csv", rows)
    ours = json.loads(subprocess.run([PY, str(ROOT / "bench" / "scale_check.py"), str(path)],
                                     check=True, capture_output=True, text=True,
                                     cwd=ROOT).stdout)
    plain = json.loads(subprocess.run([PY, str(ROOT / "bench" / "scale_check.py"), str(path),
                                       "--plain"], check=True, capture_output=True, text=True,
                                      cwd=ROOT).stdout)
    return ours, plain


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--skip-plain", action="store_true",
                        help="skip the slow plain command-line baseline")
    args = parser.parse_args()
    specs = report_specs()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        out = work / "reports"
        shutil.rmtree(ROOT / ".cache", ignore_errors=True)
        cold = timed([PY, "-m", "analysis", "build", "--out", str(out)])
        warm = timed([PY, "-m", "analysis", "build", "--out", str(out)])
        plain = None
        if not args.skip_plain:
            (work / "plain").mkdir()
            plain = plain_command_lines(specs, work / "plain")
        ours, baseline = scale(args.rows, work)
    lines = [
        f"machine: {os.cpu_count()} cores; reports: {len(specs)}",
        f"cold build (all reports):        {cold:7.1f} s",
    ]
    if plain is not None:
        lines += [f"plain papermill + nbconvert:     {plain:7.1f} s   -> build is "
                  f"{plain / cold:.1f}x faster (target >= 4x)"]
    lines += [
        f"warm rebuild, nothing changed:   {warm:7.2f} s   -> {cold / warm:.0f}x faster than "
        f"cold (target < 1 s)",
        f"{ours['rows']:,} rows (synthetic ACLED): load + validate + breakdowns "
        f"{ours['seconds']:.1f} s, peak {ours['peak_mb']:.0f} MB (targets < 10 s, < 2048 MB)",
        f"plain pandas.read_csv of the same file: {baseline['seconds']:.1f} s, peak "
        f"{baseline['peak_mb']:.0f} MB -> ours takes {ours['seconds'] / baseline['seconds']:.1f}x "
        "as long and also validates, maps and counts",
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
