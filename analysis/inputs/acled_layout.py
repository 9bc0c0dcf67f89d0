"""How an input file is written, found from its bytes and its header, never from its name.

ACLED has shipped its data in several layouts: the current column set (``disorder_type``,
``civilian_targeting``, ``iso``, ``tags``, ``timestamp``), older exports (``data_id``,
``event_id_no_cnty``), upper-case headers (``EVENT_DATE``), HDX copies with a second header
row of HXL hashtags, files re-saved from a spreadsheet with tabs or semicolons, a BOM or
CRLF line ends, and compressed downloads. This module reads the header of any of them
(``.gz``, or a ``.zip`` holding one CSV, are read), and refuses by name what it cannot
read: an Excel workbook, UTF-16 text, a binary file.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from analysis.inputs.csv_text import file_label, utf8_problem
from analysis.inputs.problems import DataError, Problem

DELIMITERS = (",", "\t", ";")
# A decompressed export larger than this is refused (ACLED's whole world is about 2 GB).
MAX_DECOMPRESSED = 3 * 1024**3
EXCEL = ("a CSV file; this is an Excel workbook: open it in Excel or LibreOffice and save "
         "it as 'CSV UTF-8 (comma delimited)', or export CSV from ACLED")


@dataclass(frozen=True)
class Source:
    """Where a file's text is: the file itself, a .gz, or one CSV inside a .zip."""

    path: Path
    compression: str | None = None  # None, "gzip" or "zip"
    member: str | None = None  # the CSV inside a zip

    def head(self, size: int = 1 << 16) -> bytes:
        """The first ``size`` bytes of the text (decompressing only those)."""
        if self.compression == "gzip":
            with gzip.open(self.path, "rb") as handle:
                return handle.read(size)
        if self.compression == "zip":
            member = cast(str, self.member)  # a zip Source always names its CSV
            with zipfile.ZipFile(self.path) as archive, archive.open(member) as handle:
                return handle.read(size)
        with self.path.open("rb") as handle:
            return handle.read(size)

    def data(self) -> Path | bytes:
        """What a reader reads: the file's path, or the decompressed bytes."""
        if self.compression is None:
            return self.path
        label = file_label(self.path)
        try:
            if self.compression == "gzip":
                with gzip.open(self.path, "rb") as handle:
                    raw = handle.read(MAX_DECOMPRESSED + 1)
            else:
                with zipfile.ZipFile(self.path) as archive:
                    raw = archive.read(cast(str, self.member))  # a zip names its CSV
        except (gzip.BadGzipFile, zipfile.BadZipFile, OSError, EOFError) as err:
            raise _refuse(label, self.path.name, f"a readable {self.compression} file "
                          f"({err})") from None
        if len(raw) > MAX_DECOMPRESSED:
            raise _refuse(label, self.path.name, "a CSV of at most "
                          f"{MAX_DECOMPRESSED // 1024**3} GB once unpacked")
        return raw


@dataclass(frozen=True)
class Layout:
    """What reading a file's rows needs: where its text is, its separator and header."""

    label: str
    source: Source
    delimiter: str
    names: dict[str, str]  # lower-case column name -> the name as written
    hxl_row: bool  # a second header row of HXL hashtags (HDX copies): not a data row

    @property
    def first_line(self) -> int:
        """The line number of the first data row."""
        return 3 if self.hxl_row else 2


def _refuse(label: str, value: str, expected: str, line: int | None = None) -> DataError:
    return DataError([Problem(label, line, "(file)", value, expected)])


def _zip_source(path: Path, label: str) -> Source:
    """The one CSV inside a zip archive (an .xlsx is a zip too: refused as Excel)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = [i for i in archive.infolist() if not i.is_dir()
                     and not i.filename.startswith("__MACOSX/")]
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        raise _refuse(label, path.name, f"a readable .zip archive ({err})") from None
    if any(i.filename.startswith("xl/") or i.filename == "[Content_Types].xml" for i in names):
        raise _refuse(label, path.name, EXCEL)
    csvs = [i for i in names if i.filename.lower().endswith((".csv", ".txt", ".tsv"))]
    if len(csvs) != 1:
        found = ", ".join(i.filename for i in names[:5]) or "nothing"
        raise _refuse(label, path.name, f"a .zip holding one ACLED .csv export (it holds "
                      f"{found})")
    if csvs[0].file_size > MAX_DECOMPRESSED:
        raise _refuse(label, csvs[0].filename, "a CSV of at most "
                      f"{MAX_DECOMPRESSED // 1024**3} GB once unpacked")
    return Source(path, "zip", csvs[0].filename)


def file_source(path: Path) -> Source:
    """Where the file's text is. Excel workbooks are refused by what they are."""
    label = file_label(path)
    if not path.is_file():
        raise _refuse(label, str(path), "an existing file")
    with path.open("rb") as handle:
        magic = handle.read(4)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):  # the OLE container of an .xls workbook
        raise _refuse(label, path.name, EXCEL)
    if magic.startswith(b"PK\x03\x04"):
        return _zip_source(path, label)
    if magic.startswith(b"\x1f\x8b"):
        return Source(path, "gzip")
    return Source(path)


def _first_lines(source: Source, label: str) -> tuple[str, str]:
    """The header line and the line after it, as text."""
    try:
        head = source.head()
    except (gzip.BadGzipFile, zipfile.BadZipFile, OSError, EOFError) as err:
        raise _refuse(label, source.path.name, f"a readable {source.compression} file "
                      f"({err})") from None
    if not head.strip():
        raise _refuse(label, "", "a header line and at least one row", 1)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _refuse(label, "UTF-16", "UTF-8 text; this file is UTF-16 (a spreadsheet's "
                      "'Unicode text'): save it as 'CSV UTF-8'", 1)
    if b"\x00" in head[:4096]:
        raise _refuse(label, "binary data", "a CSV text file", 1)
    lines = head.split(b"\n", 2)
    header, second = lines[0], (lines[1] if len(lines) > 1 else b"")
    try:
        return header.decode("utf-8-sig").rstrip("\r"), \
            second.decode("utf-8", errors="replace").rstrip("\r")
    except UnicodeDecodeError:
        raise DataError([utf8_problem(source.data(), label)]) from None


def delimiter_of(header: str) -> str:
    """Comma, tab or semicolon: whichever splits the header into the most columns."""
    widths = {d: len(next(csv.reader([header], delimiter=d), [])) for d in DELIMITERS}
    return max(widths, key=lambda d: widths[d])  # a tie keeps the comma (listed first)


def read_layout(path: Path) -> Layout:
    """The file's layout, from its first two lines."""
    label = file_label(path)
    source = file_source(path)
    header, second = _first_lines(source, label)
    delimiter = delimiter_of(header)
    written = next(csv.reader([header], delimiter=delimiter), [])
    names: dict[str, str] = {}
    for name in written:
        names.setdefault(name.strip().lstrip("\ufeff").lower(), name)
    hxl = second.lstrip('"').startswith("#")
    return Layout(label, source, delimiter, names, hxl)


def text_of(content: Path | bytes) -> str:
    """The whole file as text (for the rare slow paths: quoted line breaks, BOM-less)."""
    raw = content if isinstance(content, bytes) else content.read_bytes()
    return raw.decode("utf-8-sig")


def record_starts(content: Path | bytes, delimiter: str, skip: int) -> list[int]:
    """The line on which each data record starts, when quoted fields hold line breaks."""
    reader = csv.reader(io.StringIO(text_of(content), newline=""), delimiter=delimiter)
    for _ in range(1 + skip):
        next(reader, None)
    starts = []
    line = reader.line_num + 1
    for _ in reader:
        starts.append(line)
        line = reader.line_num + 1
    return starts


def read_rows(layout: Layout, wanted: list[str], plain: tuple[str, ...] = ()) -> tuple:
    """The ``wanted`` columns (lower-case names) of every data row, dictionary-encoded
    (categorical; ``plain`` ones as Arrow strings), and the line each row starts on.

    Exports repeat dates, places, actors and notes, so a million rows cost little more than
    their distinct values. Read by pyarrow's parallel CSV reader; a file whose quoted fields
    hold line breaks is read again by its slower mode, and its line numbers counted."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.csv as pacsv

    encoded = pa.dictionary(pa.int32(), pa.string())
    written = [layout.names[c] for c in wanted]
    types = {layout.names[c]: (pa.string() if c in plain else encoded) for c in wanted}
    data = layout.source.data()
    skip = 1 if layout.hxl_row else 0

    def read(newlines_in_values: bool):
        source = pa.BufferReader(data) if isinstance(data, bytes) else str(data)
        return pacsv.read_csv(
            source, read_options=pacsv.ReadOptions(skip_rows_after_names=skip),
            parse_options=pacsv.ParseOptions(delimiter=layout.delimiter,
                                             newlines_in_values=newlines_in_values),
            convert_options=pacsv.ConvertOptions(
                include_columns=written, column_types=types,
                strings_can_be_null=False, quoted_strings_can_be_null=False))

    multiline = False
    try:
        try:
            table = read(False)  # the fast, fully parallel reader
        except pa.ArrowInvalid as err:
            if "UTF8" in str(err):
                raise
            table, multiline = read(True), True  # quoted line breaks in a field
    except pa.ArrowInvalid as err:
        if "UTF8" in str(err):
            raise DataError([utf8_problem(data, layout.label)]) from None
        raise DataError([Problem(layout.label, _line_in(str(err)), "(row)", "",
                                 f"well-formed CSV ({str(err).splitlines()[0]})")]) from None
    frame = table.to_pandas()
    frame.columns = wanted
    lines = np.asarray(record_starts(data, layout.delimiter, skip), dtype=np.int64) \
        if multiline else np.arange(len(frame), dtype=np.int64) + layout.first_line
    return frame, lines


def _line_in(message: str) -> int | None:
    import re

    match = re.search(r"[Rr]ow #(\d+)", message)
    return int(match.group(1)) if match else None
