"""Load a large ACLED-layout file and compute every overview breakdown; print JSON figures.

Run in its own process so peak memory belongs to this work alone:
    python bench/scale_check.py FILE [--plain]

Peak memory is the process's high-water mark after exec (VmHWM in /proc/self/status).
Not ru_maxrss: a process started by fork/vfork + exec inherits its parent's maxrss, so a
parent that had just built the synthetic file (a million-row DataFrame) made this work
look 700 MB heavier than it was.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def peak_mb() -> float:
    """This process's peak resident memory since exec, in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    path = Path(sys.argv[1])
    started = time.perf_counter()
    if "--plain" in sys.argv:
        import pandas as pd

        frame = pd.read_csv(path)
        result = {"rows": len(frame)}
    else:
        from analysis.inputs.data_source import load_any
        from analysis.inputs.vocabulary import COUNTRIES
        from analysis.measures import counting, periods

        data = load_any(path, use_cache=False)
        attacks = counting.attacks(data.events)
        bins = periods.bins(data.phases, attacks["event_date"].min(),
                            attacks["event_date"].max())
        weekly = periods.counts(attacks, bins, "country", list(COUNTRIES))
        result = {
            "rows": len(data.events),
            "attacks": len(attacks),
            "by_country": counting.counts_by(attacks, "country")["events"].tolist(),
            "by_site": len(counting.counts_by(attacks, ["country", "admin1", "place_name"])),
            "weekly_total": int(weekly["total"].sum()),
            "cumulative_last": int(weekly["total"].cumsum().iloc[-1]),
            "weapons": len(counting.counts_by(attacks, "weapon")),
            "killed": counting.casualties(counting.strikes(data.events), "killed")["low"],
            "rounds": len(counting.strike_rounds(data.events)),
        }
    result["seconds"] = time.perf_counter() - started
    result["peak_mb"] = peak_mb()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
