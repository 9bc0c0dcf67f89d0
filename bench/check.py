"""How long a cold ``python -m analysis check`` takes (target: under 3 s).

    .venv/bin/python bench/check.py [--runs 3] [--out]

Each run is a new process (cold imports) checking a copy of a seed article made outside
seeds/, as a journalist's file would be. Two figures, median of ``--runs``:

1. **warm data cache**: the usual case once any command has read the data;
2. **empty data cache** (``.cache`` removed before each run, as on a fresh clone): the data
   is validated by the check itself.

``--out`` also times ``check --out FILE.html`` (the notebook run by a kernel), for scale; it
has no target. A benchmark, never a test: tests do not assert on time.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache"
ARTICLE = ROOT / "seeds" / "001_9aac6e5668df3366.txt"
PUBLISHED = "2024-01-29"


def _time(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(args, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", action="store_true", help="also time check --out")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-check-") as work:
        story = Path(work) / "story.txt"
        shutil.copyfile(ARTICLE, story)
        command = [sys.executable, "-m", "analysis", "check", str(story),
                   "--published", PUBLISHED]
        _time(command)  # fills the data cache once
        warm = [_time(command) for _ in range(args.runs)]
        cold = []
        for _ in range(args.runs):
            shutil.rmtree(CACHE, ignore_errors=True)
            cold.append(_time(command))
        print(f"check, cold process, warm data cache:  median {statistics.median(warm):.2f} s "
              f"of {args.runs} ({', '.join(f'{t:.2f}' for t in warm)}); target < 3 s")
        print(f"check, cold process, empty data cache: median {statistics.median(cold):.2f} s "
              f"of {args.runs} ({', '.join(f'{t:.2f}' for t in cold)}); target < 3 s")
        if args.out:
            report = [_time([*command, "--out", str(Path(work) / "story.html")])
                      for _ in range(args.runs)]
            print(f"check --out (with the HTML report): median "
                  f"{statistics.median(report):.2f} s of {args.runs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
