"""Reading a curated CSV as text, with every failure pinned to a file, line and column."""

from __future__ import annotations

import csv
import io
import os
import warnings
from pathlib import Path

import pandas as pd

from analysis.inputs.problems import DataError, DataWarning, Problem


def read_text(path: Path, empty: str = "a header line and at least one row") -> str:
    """The file's text, decoded as UTF-8 (a BOM is accepted, other encodings are refused);
    a blank file is refused with ``empty`` as what was expected."""
    name = str(path)
    if not path.is_file():
        raise DataError([Problem(name, None, "(file)", name, "an existing file")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataError([_utf8_problem(raw, err, name)]) from None
    if not text.strip():
        raise DataError([Problem(name, 1, "(file)", "", empty)])
    return text


def _utf8_problem(raw: bytes, err: UnicodeDecodeError, name: str) -> Problem:
    start = err.start + len(raw) - len(err.object)  # utf-8-sig reports after its BOM
    line = raw[:start].count(b"\n") + 1
    column = start - (raw.rfind(b"\n", 0, start) + 1) + 1
    bad = raw[start : start + 4]
    return Problem(name, line, f"(byte {column})", repr(bad)[2:-1],
                   "UTF-8 text (save the file as UTF-8)")


def utf8_problem(path: Path | bytes, name: str) -> Problem:
    """Where a file (or its decompressed bytes) that is not UTF-8 first breaks, as a
    Problem (line and byte)."""
    raw = path if isinstance(path, bytes) else path.read_bytes()
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return _utf8_problem(raw, err, name)
    return Problem(name, None, "(file)", "", "UTF-8 text (save the file as UTF-8)")


def read_table(path: Path, columns: tuple[str, ...], *, allow_empty: bool = False) -> pd.DataFrame:
    """Read a CSV as strings (blank stays ''), checking the header against ``columns``.

    Missing columns are errors; extra columns are kept and reported as warnings.
    The frame's index is the 1-based line number where each record starts.
    """
    name = str(path)
    text = read_text(path)
    _check_header(text, name)
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False,
                            skipinitialspace=False, on_bad_lines="error")
    except (pd.errors.ParserError, csv.Error) as err:
        raise DataError([Problem(name, _line_of(err), "(row)", "", f"well-formed CSV ({err})")]) \
            from None
    header = [str(c).strip() for c in frame.columns]
    frame.columns = header
    missing = [c for c in columns if c not in header]
    if missing:
        raise DataError([
            Problem(name, 1, c, "", f"a column named {c!r} (missing from the header)")
            for c in missing
        ])
    for extra in (c for c in header if c not in columns):
        warnings.warn(str(Problem(name, 1, extra, "", "a known column (this one is ignored)",
                                  "warning")), DataWarning, stacklevel=2)
    if frame.empty and not allow_empty:
        raise DataError([Problem(name, 2, "(file)", "", "at least one row after the header")])
    # One spelling per value: composed Unicode (NFC), no padding. "Erbil" typed with a
    # trailing space, or "Ḥarīr" with a combining dot, is the same key as the plain one.
    frame = frame.apply(lambda s: s.str.normalize("NFC").str.strip())
    frame.index = record_lines(text) if _has_multiline_records(text, len(frame)) \
        else pd.RangeIndex(2, len(frame) + 2)
    return frame


def _check_header(text: str, name: str) -> None:
    """Each column named once (after stripping spaces): pandas would silently rename a
    second 'place' to 'place.1' and read the wrong one."""
    header = [h.strip() for h in next(csv.reader(io.StringIO(text)), [])]
    seen: dict[str, list[int]] = {}
    for i, column in enumerate(header, 1):
        seen.setdefault(column, []).append(i)
    problems = [Problem(name, 1, column, column, "each column named once (it is columns "
                        + " and ".join(map(str, where)) + ")")
                for column, where in seen.items() if len(where) > 1]
    if "" in seen:
        problems.append(Problem(name, 1, f"(column {seen[''][0]})", "",
                                "a name for every column of the header"))
    if problems:
        raise DataError(problems)


def _has_multiline_records(text: str, n_records: int) -> bool:
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    return lines - 1 > n_records


def record_lines(text: str) -> pd.Index:
    """Line number on which each record starts (quoted fields may span lines)."""
    reader = csv.reader(io.StringIO(text))
    starts = []
    next(reader, None)
    line = reader.line_num + 1
    for _ in reader:
        starts.append(line)
        line = reader.line_num + 1
    return pd.Index(starts)


def _line_of(err: Exception) -> int | None:
    digits = [int(w.rstrip(",.")) for w in str(err).split() if w.rstrip(",.").isdigit()]
    return digits[-1] if digits else None


def file_label(path: Path) -> str:
    """A short name for messages: relative to the working directory when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)
