"""Adding reviewed rows to a curated events.csv: checked as the whole data folder would be
(validate's rules), then written in one atomic step, or not at all.

Rows are appended after the last row, in the file's own line ending and column order (the
loader sorts events by date; nothing else in the file changes).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from pathlib import Path

from analysis.inputs import paths
from analysis.inputs.csv_text import file_label
from analysis.inputs.curated import load_dataset
from analysis.inputs.problems import DataError, Problem


def next_event_ids(dates: list[str], places: list[str], taken: set[str]) -> list[str]:
    """``YYYY-MM-DD-<place>-<n>`` ids, n the first number no event (old or new) uses."""
    ids, used = [], set(taken)
    for date, place in zip(dates, places, strict=True):
        n = 1
        while f"{date}-{place}-{n}" in used:
            n += 1
        ids.append(f"{date}-{place}-{n}")
        used.add(ids[-1])
    return ids


def _appended(text: str, rows: list[dict]) -> str:
    header = next(csv.reader(io.StringIO(text)))
    newline = "\r\n" if "\r\n" in text[:5000] else "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator=newline, extrasaction="ignore",
                            restval="")
    writer.writerows(rows)
    body = text if text.endswith(("\n", "\r")) else text + newline
    return body + out.getvalue()


def append_events(data_dir: Path, rows: list[dict]) -> Path:
    """Append ``rows`` (curated columns) to ``data_dir``/events.csv once the folder with
    them passes every check ``validate`` makes; DataError (nothing written) otherwise."""
    events = data_dir / paths.EVENTS_FILE
    text = events.read_text(encoding="utf-8-sig")
    new_text = _appended(text, rows)
    with tempfile.TemporaryDirectory(prefix="since-oct7-add-") as scratch:
        trial = Path(scratch) / "data"
        shutil.copytree(data_dir, trial, ignore=shutil.ignore_patterns(".*"))
        (trial / paths.EVENTS_FILE).write_text(new_text, encoding="utf-8", newline="")
        try:
            load_dataset(trial)
        except DataError as err:
            shown = file_label(trial)
            raise DataError([Problem(p.file.replace(shown, file_label(data_dir), 1), p.line,
                                     p.column, p.value, p.expected)
                             for p in err.problems]) from None
    partial = events.with_name(f".{events.name}.{os.getpid()}.tmp")
    partial.write_text(new_text, encoding="utf-8", newline="")
    os.replace(partial, events)
    return events
