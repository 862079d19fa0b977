"""Reading a spreadsheet file (CSV, XLSX) into a frame of text cells with their row numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl

from citybridge.submissions.batch import ROW
from citybridge.uploads import limits as file_limits


class TableError(ValueError):
    """A file that cannot be read as a table; the message names the file and says what to do."""


@contextmanager
def _within_limits() -> Iterator[None]:
    """A file beyond a limit (citybridge.uploads.limits) is refused as a TableError naming it."""
    try:
        yield
    except file_limits.LimitError as exc:
        raise TableError(str(exc)) from exc


def _check_limits(path: Path) -> file_limits.Limits:
    """Size, inflated size and (for a CSV) the header's columns, before anything is read whole."""
    with _within_limits():
        try:
            limits = file_limits.check_file(path)
        except OSError as exc:
            raise TableError(f"{path.name}: cannot read the file ({exc.strerror}).") from exc
        if path.suffix.lower() in (".csv", ".txt", ".tsv"):
            file_limits.check_csv_header(path, _csv_separator(path), limits)
    return limits


def read_table(path: Path) -> pl.DataFrame:
    """All cells as text (empty cells as null), plus ``_row``: the 1-based row in the file."""
    suffix = path.suffix.lower()
    limits = _check_limits(path) if suffix in (".xlsx", ".xlsm", ".csv", ".txt", ".tsv") else None
    if suffix in (".xlsx", ".xlsm"):
        frame = _read_xlsx(path, limits)
    elif suffix in (".csv", ".txt", ".tsv"):
        frame = _read_csv(path)
    else:
        raise TableError(f"{path.name}: unknown file type '{suffix}'; use .csv, .xlsx or .json")
    with _within_limits():
        file_limits.check_rows(path.name, frame.height, limits)
    if ROW in frame.columns:
        raise TableError(
            f"{path.name}: the column name '{ROW}' is reserved by citybridge; rename that column."
        )
    # The header is row 1, so the first data row is row 2, as a spreadsheet shows it.
    return frame.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))


FIRST_BATCH_ROWS = 5_000


def read_table_batches(path: Path, rows_per_batch: int = 50_000) -> Iterator[pl.DataFrame]:
    """Like :func:`read_table`, in batches of rows, so a large CSV never has to fit in memory whole.

    The first batch holds at most FIRST_BATCH_ROWS rows when the others are much longer.
    """
    if path.suffix.lower() not in (".csv", ".txt", ".tsv"):
        yield read_table(path)
        return
    limits, rows = _check_limits(path), 0
    lazy = pl.scan_csv(path, separator=_csv_separator(path), infer_schema=False, encoding="utf8")
    try:
        names = lazy.collect_schema().names()
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
        raise TableError(f"{path.name}: not a readable CSV table ({_first_line(exc)}).") from exc
    if names and names[0].startswith("\ufeff"):
        lazy = lazy.rename({names[0]: names[0].lstrip("\ufeff")})
        names[0] = names[0].lstrip("\ufeff")
    _check_headers(path, pl.DataFrame(schema=dict.fromkeys(names, pl.Utf8)))
    if ROW in names:
        raise TableError(
            f"{path.name}: the column name '{ROW}' is reserved by citybridge; rename that column."
        )
    batches = lazy.with_row_index(ROW, offset=2).collect_batches(chunk_size=rows_per_batch)
    try:
        for number, batch in enumerate(batches):
            rows += batch.height
            with _within_limits():
                file_limits.check_rows(path.name, rows, limits)
            batch = batch.with_columns(pl.col(ROW).cast(pl.Int64))
            if number == 0 and batch.height > 2 * FIRST_BATCH_ROWS:
                # A small first batch: whoever consumes the batches can start on it sooner.
                yield batch.slice(0, FIRST_BATCH_ROWS)
                batch = batch.slice(FIRST_BATCH_ROWS)
            yield batch
    except pl.exceptions.ComputeError as exc:
        raise TableError(f"{path.name}: not a readable CSV table ({_first_line(exc)}).") from exc


def _csv_separator(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError as exc:
        raise TableError(f"{path.name}: cannot read the file ({exc.strerror}).") from exc
    try:
        sample = head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        cut_short = len(head) == 65536 and exc.start >= len(head) - 3  # a character split by the sample's end
        if not cut_short:
            raise TableError(
                f"{path.name}: not UTF-8 text; save the export as CSV UTF-8 and try again."
            ) from exc
        sample = head[: exc.start].decode("utf-8-sig")
    return _separator(sample)


def _read_csv(path: Path) -> pl.DataFrame:
    separator = _csv_separator(path)
    try:
        frame = pl.read_csv(
            path,
            separator=separator,
            infer_schema=False,
            encoding="utf8",
        )
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as exc:
        raise TableError(f"{path.name}: not a readable CSV table ({_first_line(exc)}).") from exc
    if frame.columns and frame.columns[0].startswith("\ufeff"):
        frame = frame.rename({frame.columns[0]: frame.columns[0].lstrip("\ufeff")})
    return _check_headers(path, frame)


def _separator(sample: str) -> str:
    # KoboToolbox writes ';' by default, most other tools ','. A header may hold a comma inside a
    # label, so the separator is the one that splits the first lines into the same number of cells.
    lines = [line for line in sample.splitlines()[:20] if line.strip()]
    if len(lines) > 1:
        lines = lines[:-1] if not sample.endswith("\n") else lines  # the last line may be cut short
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def _read_xlsx(path: Path, limits: file_limits.Limits) -> pl.DataFrame:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise TableError(f"{path.name}: not a readable XLSX workbook ({exc}).") from exc
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [("" if h is None else str(h)).strip() for h in next(rows, ())]
        while header and not header[-1]:
            header.pop()
        with _within_limits():  # counted while reading: the rows past the limit are never read
            file_limits.check_columns(path.name, len(header), limits)
            body = [
                [_cell_text(v) for v in row[: len(header)]]
                for row in itertools.islice(rows, limits.max_rows + 1)
            ]
            file_limits.check_rows(path.name, len(body), limits)
    finally:
        workbook.close()
    body = [row + [None] * (len(header) - len(row)) for row in body]
    while body and all(cell is None for cell in body[-1]):
        body.pop()
    frame = pl.DataFrame(body, schema={name: pl.Utf8 for name in _unique(header)}, orient="row")
    return _check_headers(path, frame)


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        # Excel keeps a date as a datetime at midnight; a date question expects YYYY-MM-DD.
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if text.strip() else None


def _unique(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in header:
        count = seen.get(name, 0)
        seen[name] = count + 1
        out.append(name if count == 0 else f"{name} ({count + 1})")
    return out


def _check_headers(path: Path, frame: pl.DataFrame) -> pl.DataFrame:
    if not frame.columns or all(not c.strip() for c in frame.columns):
        raise TableError(f"{path.name}: the first row holds no column names.")
    return frame


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def rows_as_csv(frame: pl.DataFrame) -> str:
    """A frame written as CSV text (for the rejected-rows file)."""
    buffer = io.StringIO()
    frame.write_csv(buffer)
    return buffer.getvalue()


def read_xlsx_sheets(path: Path) -> dict[str, pl.DataFrame]:
    """Every sheet of a workbook as :func:`read_table` reads its first one, by sheet name
    (KoboToolbox writes one sheet per repeat)."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise TableError(f"{path.name}: not a readable XLSX workbook ({exc}).") from exc
    try:
        names = workbook.sheetnames
        sheets = {name: list(workbook[name].iter_rows(values_only=True)) for name in names}
    finally:
        workbook.close()
    frames = {}
    for name, rows in sheets.items():
        header = [("" if h is None else str(h)).strip() for h in (rows[0] if rows else ())]
        while header and not header[-1]:
            header.pop()
        body = [[_cell_text(v) for v in row[: len(header)]] for row in rows[1:]]
        body = [row + [None] * (len(header) - len(row)) for row in body]
        frame = pl.DataFrame(body, schema={h: pl.Utf8 for h in _unique(header)}, orient="row")
        frame = frame.with_row_index(ROW, offset=2).with_columns(pl.col(ROW).cast(pl.Int64))
        cells = [c for c in frame.columns if c != ROW]
        frames[name] = (
            frame.filter(pl.any_horizontal(pl.col(c).is_not_null() for c in cells)) if cells else frame
        )
    return frames
