"""A Parquet cache of the validated dataset, keyed by the content hash of its inputs.

Validation (pandera) is the slow part of loading, and every report of a build reads the
same data: the build validates once, and each report's kernel reads three Parquet files.
A changed byte in a data file, or in this package, gives a new key; nothing is ever stale.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from analysis.inputs import curated, digest, paths
from analysis.inputs.csv_text import file_label
from analysis.inputs.curated import Dataset
from analysis.inputs.package import Package
from analysis.inputs.problems import DataWarning

CACHE_DIR = paths.PROJECT_ROOT / ".cache" / "datasets"
_PHASES = paths.DATA_DIR / paths.PHASES_FILE  # the project's; every export is split by them
_PARTS = ("events", "places", "tallies", "phases", "tolls")
_WARNINGS = "warnings.json"


def _stored(message: str, data: Path) -> str:
    """A warning as stored: the data's path (the key does not depend on it) as a marker."""
    for marker, name in (("\0L", file_label(data)), ("\0S", str(data))):
        if message.startswith(name):
            return marker + message[len(name):]
    return message


def _warn(messages: list[str], data: Path) -> None:
    for message in messages:
        message = message.replace("\0L", file_label(data), 1).replace("\0S", str(data), 1)
        warnings.warn(message, DataWarning, stacklevel=3)


def cache_key(data: Path) -> str:
    """Hash of the data (folder or export file) and of the code that reads it. An export is
    split by the project's phases, so its key covers phases.csv too."""
    phases = digest.file_digest(_PHASES) if data.is_file() and _PHASES.exists() else ""
    return hashlib.sha256((digest.data_digest(data) + digest.code_digest() + phases)
                          .encode()).hexdigest()[:40]


def _phases_entry(cache_dir: Path) -> Path:
    key = hashlib.sha256((digest.file_digest(_PHASES) + digest.code_digest())
                         .encode()).hexdigest()[:40]
    return cache_dir / f"phases-{key}.json"


def project_phases(cache_dir: Path = CACHE_DIR) -> pd.DataFrame:
    """The project's phases (data/phases.csv), validated once per content of the file and
    of this code (a build that checks the project's data stores them too).

    Every ACLED export is split by them, and checking four rows costs pandera's import and
    the report font's glyph table: 0.5-1 s, a fifth of loading a million rows. Today's date
    is not in the key: the only rule that depends on it refuses dates after today, so what
    passed once passes on every later day."""
    try:
        text = _phases_entry(cache_dir).read_text(encoding="utf-8")
        frame = pd.read_json(io.StringIO(text), orient="table")
        return frame.astype({"start": "datetime64[us]", "end": "datetime64[us]"})
    except (OSError, ValueError, KeyError):  # absent or damaged: check the file again
        pass
    frame = curated.project_phases()
    _store_phases(frame, cache_dir)
    return frame


def _store_phases(frame: pd.DataFrame, cache_dir: Path) -> None:
    entry = _phases_entry(cache_dir)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cache_dir / f".tmp-{os.getpid()}-{entry.name}"
        tmp.write_text(frame.to_json(orient="table", index=False), encoding="utf-8")
        os.replace(tmp, entry)
    except OSError:  # read-only checkout: the cache is optional
        pass


def cached(data: Path, load: Callable[[], Dataset], cache_dir: Path = CACHE_DIR) -> Dataset:
    """The dataset from the cache when its key matches, else ``load()`` and store it.

    The loader's :class:`DataWarning` messages (e.g. skipped ACLED rows) are stored with the
    entry and given again on every hit, so a cached load warns exactly as a fresh one."""
    folder = cache_dir / cache_key(data)
    if (folder / "complete").exists():
        try:
            meta = json.loads((folder / "meta.json").read_text())
            dataset = Dataset(**{part: pd.read_parquet(folder / f"{part}.parquet")
                                 for part in _PARTS},
                              package=Package.from_json(meta["package"])
                              if meta.get("package") else None)
            _warn(json.loads((folder / _WARNINGS).read_text(encoding="utf-8")), data)
            return dataset
        except Exception:  # a damaged cache entry is rebuilt, never trusted
            shutil.rmtree(folder, ignore_errors=True)
    caught: list = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            dataset = load()
    finally:  # given again also when the data is refused: they may say why
        for w in caught:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if data.resolve() == paths.DATA_DIR.resolve():  # the project's phases, just checked
        _store_phases(dataset.phases, cache_dir)
    messages = [_stored(str(w.message), data) for w in caught
                if issubclass(w.category, DataWarning)]
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=cache_dir))
        for part in _PARTS:
            getattr(dataset, part).to_parquet(tmp / f"{part}.parquet", index=False)
        (tmp / "meta.json").write_text(json.dumps(
            {"package": dataset.package.to_json() if dataset.package else None}))
        (tmp / _WARNINGS).write_text(json.dumps(messages), encoding="utf-8")
        (tmp / "complete").touch()
        os.replace(tmp, folder)
    except OSError:  # read-only checkout or a concurrent writer: the cache is optional
        shutil.rmtree(tmp, ignore_errors=True)
    return dataset
