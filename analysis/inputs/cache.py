"""A Parquet cache of the validated dataset, keyed by the content hash of its inputs.

Validation (pandera) is the slow part of loading, and every report of a build reads the
same data: the build validates once, and each report's kernel reads three Parquet files.
A changed byte in a data file, or in this package, gives a new key; nothing is ever stale.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.inputs import digest, paths
from analysis.inputs.curated import Dataset

CACHE_DIR = paths.PROJECT_ROOT / ".cache" / "datasets"
_PARTS = ("events", "places", "tallies", "phases")


def cache_key(data: Path) -> str:
    """Hash of the data (folder or export file) and of the code that reads it."""
    return hashlib.sha256((digest.data_digest(data) + digest.code_digest())
                          .encode()).hexdigest()[:40]


def cached(data: Path, load: Callable[[], Dataset], cache_dir: Path = CACHE_DIR) -> Dataset:
    """The dataset from the cache when its key matches, else ``load()`` and store it."""
    folder = cache_dir / cache_key(data)
    if (folder / "complete").exists():
        try:
            meta = json.loads((folder / "meta.json").read_text())
            searched = meta.get("searched_through")
            return Dataset(*(pd.read_parquet(folder / f"{part}.parquet") for part in _PARTS),
                           searched_through=pd.Timestamp(searched) if searched else None)
        except Exception:  # a damaged cache entry is rebuilt, never trusted
            shutil.rmtree(folder, ignore_errors=True)
    dataset = load()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=cache_dir))
        for part in _PARTS:
            getattr(dataset, part).to_parquet(tmp / f"{part}.parquet", index=False)
        searched = dataset.searched_through
        (tmp / "meta.json").write_text(json.dumps(
            {"searched_through": None if searched is None else searched.date().isoformat()}))
        (tmp / "complete").touch()
        os.replace(tmp, folder)
    except OSError:  # read-only checkout or a concurrent writer: the cache is optional
        shutil.rmtree(tmp, ignore_errors=True)
    return dataset
