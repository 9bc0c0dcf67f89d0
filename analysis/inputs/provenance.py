"""When and from which commit a report was built: the citation line names both.

The date is the day of the build (UTC), or SOURCE_DATE_EPOCH's day for a reproducible
build; the commit is the checkout's, with "+modified" when the inputs differ from it.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from functools import lru_cache

from analysis.inputs import paths


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit() and int(epoch) < 253402300800:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


@lru_cache(maxsize=1)
def commit() -> str:
    """The short commit of the project checkout, '+modified' when analysis/, notebooks/,
    data/ or seeds/ differ from it; 'not a git checkout' otherwise."""
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(paths.PROJECT_ROOT), *args], check=True,
                              capture_output=True, text=True, timeout=20).stdout.strip()

    try:
        head = git("rev-parse", "--short=12", "HEAD")
        changed = git("status", "--porcelain", "--untracked-files=no", "--", "analysis",
                      "notebooks", "data", "seeds")
    except (OSError, subprocess.SubprocessError):
        return "not a git checkout"
    return head + ("+modified" if changed else "")
