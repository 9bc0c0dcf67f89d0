"""Benchmarks, measured in one run and printed beside their plain baselines as ratios (never
asserted in tests).

    make bench            # or: .venv/bin/python bench/run.py [--rows 1000000] [--pairs 3]

1. one report (overview), cold (empty data cache, empty output folder): this build vs the
   plain `papermill` + `jupyter nbconvert --to html --no-input` command lines for the same
   notebook, run side by side in pairs (the median of each side is compared);
2. every report in notebooks/reports.yml, cold: this build vs the plain command lines one
   report after another (data cache emptied before each side);
3. warm rebuild with nothing changed vs the cold build and vs the plain loop (which has no
   way to skip anything);
4. the size of every report vs the plain nbconvert HTML of the same report (target 600 KB);
5. 1,000,000 SYNTHETIC ACLED-layout rows: load, validate and every overview breakdown, vs a
   plain `pandas.read_csv` of the same file, each in its own process (peak memory).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
BIN = Path(PY).parent
CACHE = ROOT / ".cache"
KB = 1024
TARGETS = {"single": 0.5, "full": 6.0, "warm": 1.0, "size_kb": 600, "rows_s": 3.0,
           "rows_mb": 1024}


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

    choices, *_ = load_choices(paths.DATA_DIR)
    return expand(read_registry(paths.REGISTRY_FILE), paths.NOTEBOOKS_DIR, choices)


def plain_command_lines(specs: list, work: Path) -> float:
    """What a user would type without this project's build: papermill, then nbconvert."""
    work.mkdir(parents=True, exist_ok=True)
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


def build(out: Path, *extra: str) -> float:
    return timed([PY, "-m", "analysis", "build", "--out", str(out), *extra])


def single_pairs(specs: list, work: Path, pairs: int) -> tuple[list[float], list[float]]:
    """The overview alone, cold, this build and the plain command lines side by side."""
    overview = [s for s in specs if s.name == "overview"]
    ours, plain = [], []
    for i in range(pairs):
        shutil.rmtree(CACHE, ignore_errors=True)
        ours.append(build(work / f"single-{i}", "--only", "overview", "--force"))
        shutil.rmtree(CACHE, ignore_errors=True)
        plain.append(plain_command_lines(overview, work / f"single-plain-{i}"))
    return ours, plain


def scale(rows: int, work: Path, pairs: int) -> tuple[dict, dict]:
    sys.path.insert(0, str(ROOT / "bench"))
    from synthetic import write_synthetic_acled

    path = write_synthetic_acled(work / "synthetic_acled.csv", rows)
    runs: dict[str, list[dict]] = {"ours": [], "plain": []}
    for _ in range(pairs):  # side by side, so both meet the same machine load
        for side, extra in (("ours", []), ("plain", ["--plain"])):
            runs[side].append(json.loads(subprocess.run(
                [PY, str(ROOT / "bench" / "scale_check.py"), str(path), *extra], check=True,
                capture_output=True, text=True, cwd=ROOT).stdout))

    def median_run(side: str) -> dict:
        ordered = sorted(runs[side], key=lambda r: r["seconds"])
        return {**ordered[len(ordered) // 2], "all": [r["seconds"] for r in runs[side]]}

    return median_run("ours"), median_run("plain")


def machine() -> str:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores {model}, "
            f"Python {platform.python_version()}; load average at start {load:.1f}")


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT MET"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--pairs", type=int, default=3,
                        help="single-report runs of each side (median compared)")
    args = parser.parse_args()
    lines = [f"machine: {machine()}"]
    specs = report_specs()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        ours1, plain1 = single_pairs(specs, work, args.pairs)
        shutil.rmtree(CACHE, ignore_errors=True)
        out = work / "reports"
        cold = build(out)
        warm = build(out)
        shutil.rmtree(CACHE, ignore_errors=True)
        plain = plain_command_lines(specs, work / "plain")
        sizes = {s.name: ((out / s.html_name).stat().st_size,
                          (work / "plain" / f"{s.name}.html").stat().st_size) for s in specs}
        rows, baseline = scale(args.rows, work, args.pairs)
    o1, p1 = statistics.median(ours1), statistics.median(plain1)
    lines += [
        f"reports: {len(specs)}",
        "",
        f"one report (overview), cold, median of {args.pairs} pairs side by side:",
        f"  this build {o1:6.1f} s  ({', '.join(f'{t:.1f}' for t in ours1)})",
        f"  plain      {p1:6.1f} s  ({', '.join(f'{t:.1f}' for t in plain1)})"
        f"  -> ratio {o1 / p1:.2f} (target <= {TARGETS['single']}: "
        f"{verdict(o1 / p1 <= TARGETS['single'])})",
        "",
        f"every report, cold: this build {cold:6.1f} s, plain {plain:6.1f} s -> "
        f"{plain / cold:.1f}x faster (target >= {TARGETS['full']:.0f}x: "
        f"{verdict(plain / cold >= TARGETS['full'])})",
        f"warm rebuild, nothing changed: {warm:.2f} s -> {cold / warm:.0f}x faster than cold, "
        f"{plain / warm:.0f}x faster than the plain loop (target < {TARGETS['warm']:.0f} s: "
        f"{verdict(warm < TARGETS['warm'])})",
        "",
        f"report sizes (KB; target <= {TARGETS['size_kb']} KB each):  this build / plain "
        "nbconvert = ratio",
    ]
    for name, (ours_size, plain_size) in sorted(sizes.items(), key=lambda kv: -kv[1][0]):
        lines.append(f"  {name:34s} {ours_size / KB:7.0f} / {plain_size / KB:7.0f} = "
                     f"{ours_size / plain_size:.2f}"
                     + ("" if ours_size <= TARGETS["size_kb"] * KB else "  OVER"))
    biggest = max(v[0] for v in sizes.values())
    lines += [
        f"  largest {biggest / KB:.0f} KB: {verdict(biggest <= TARGETS['size_kb'] * KB)}",
        "",
        f"{rows['rows']:,} rows (synthetic ACLED), median of {args.pairs} pairs side by side:",
        f"  load + validate + breakdowns {rows['seconds']:.1f} s "
        f"({', '.join(f'{t:.1f}' for t in rows['all'])}), peak {rows['peak_mb']:.0f} MB (targets < "
        f"{TARGETS['rows_s']:.0f} s: {verdict(rows['seconds'] < TARGETS['rows_s'])}, < "
        f"{TARGETS['rows_mb']} MB: {verdict(rows['peak_mb'] < TARGETS['rows_mb'])})",
        f"  plain pandas.read_csv of the same file: {baseline['seconds']:.1f} s "
        f"({', '.join(f'{t:.1f}' for t in baseline['all'])}), peak "
        f"{baseline['peak_mb']:.0f} MB -> ratio {rows['seconds'] / baseline['seconds']:.2f} "
        f"time, {rows['peak_mb'] / baseline['peak_mb']:.2f} memory (ours also validates, "
        "maps and counts)",
    ]
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
