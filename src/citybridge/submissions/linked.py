"""Submissions with repeats as linked tables: one table of submissions, one per repeat.

Read from an ODK Central CSV ZIP (``FORM.csv`` + ``FORM-REPEAT.csv`` with ``KEY`` and
``PARENT_KEY``), a KoboToolbox XLSX (one sheet per repeat, linked by ``_index`` and
``_parent_index``) or KoboToolbox's API JSON (repeats as nested arrays), validated instance by
instance, and put back into Central's tables (``linked_tables``; ``citybridge.exports.linked``
writes them as a CSV ZIP, an XLSX or Parquet). Each repeat instance's key is Central's:
``PARENT/REPEAT[n]`` (``abc/member[2]``, ``abc/member[2]/visit[1]``).
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from citybridge.exports.linked import as_text
from citybridge.forms.model import Form
from citybridge.submissions.batch import INSTANCE_ID, ROW, SUBMITTED_AT, Problem, RawBatch
from citybridge.submissions.kobo_json_tables import KoboJsonError, kobo_json_tables
from citybridge.submissions.sources import SourceError, table_batch
from citybridge.submissions.tables import TableError, read_table, read_xlsx_sheets
from citybridge.submissions.validate import Validated, validate

PARENT_KEY = "_parent_key"
_KOBO_LINKS = ("_index", "_parent_index", "_parent_table_name")


@dataclass
class LinkedBatch:
    """The submissions of one export and the instances of each repeat, by repeat path."""

    main: RawBatch
    children: dict[str, RawBatch] = field(default_factory=dict)  # frames also hold PARENT_KEY


@dataclass
class LinkedValidated:
    main: Validated
    children: dict[str, Validated]  # valid instances, PARENT_KEY kept, under valid parents only
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems


def table_name(path: str) -> str:
    """A repeat's table: the last step of its path, as Central names its file and Kobo its sheet."""
    return path.rsplit("/", 1)[-1]


def read_linked_export(path: Path, form: Form, *, timezone: str = "UTC") -> LinkedBatch:
    """Read a CSV ZIP (ODK Central) or an XLSX with a sheet per repeat (KoboToolbox, citybridge)."""
    try:
        if path.suffix.lower() == ".zip":
            tables = _zip_tables(path)
        elif path.suffix.lower() in (".xlsx", ".xlsm"):
            tables = read_xlsx_sheets(path)
        elif path.suffix.lower() == ".json":
            tables = kobo_json_tables(path, form, form.form_id, table_name)
        else:
            raise SourceError(
                f"{path.name}: repeats come as a CSV ZIP, an XLSX with one sheet per repeat or Kobo's JSON."
            )
    except (TableError, KoboJsonError) as exc:
        raise SourceError(str(exc)) from exc
    main_name, by_repeat = _assign(tables, form, path.name)
    main_table = tables[main_name]
    kind = "odk-central" if "KEY" in main_table.columns else "kobotoolbox"
    main = table_batch(
        main_table.drop(_KOBO_LINKS, strict=False), form, f"{path.name} ({main_name})", kind, timezone
    )
    keys = {main_name: _keys_by_index(main_table, main.frame)}
    children = {}
    for repeat in form.repeats:
        name = by_repeat.get(repeat)
        if name is None:
            continue  # no instance of this repeat in the export
        table = tables[name]
        source = f"{path.name} ({name})"
        links = [c for c in (*_KOBO_LINKS, "PARENT_KEY") if c in table.columns]
        links += [c for c in table.columns if c.lower() in _nested_counts(form, repeat)]  # pyxform's own
        batch = table_batch(table.drop(links), form.repeat_form(repeat), source, kind, timezone)
        frame = _with_keys(batch.frame, table, repeat, form, keys, by_repeat, main_name)
        keys[name] = _keys_by_index(table, frame)
        children[repeat] = RawBatch(
            source, kind, frame, batch.headers | {PARENT_KEY: "PARENT_KEY"}, batch.problems
        )
    return LinkedBatch(main, children)


def _nested_counts(form: Form, repeat: str) -> set[str]:
    """``CHILD_count`` columns of the repeats nested in ``repeat``: pyxform's generated count of
    their instances (a ``repeat_count`` expression), which are kept themselves."""
    children = [r for r in form.repeats if form.parent_repeat(r) == repeat]
    return {f"{name}_count".lower() for r in children for name in (r, table_name(r))}


def _zip_tables(path: Path) -> dict[str, pl.DataFrame]:
    tables = {}
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise SourceError(f"{path.name}: not a readable ZIP file ({exc}).") from exc
    with archive, tempfile.TemporaryDirectory() as folder:
        for member in archive.namelist():
            if "/" in member.strip("/"):
                continue  # media/ and other folders: not tables
            if member.lower().endswith(".csv"):
                target = Path(folder) / member
                target.write_bytes(archive.read(member))
                tables[Path(member).stem] = read_table(target)
            elif member.lower().endswith(".parquet"):
                # Read as the CSV it would be, so a Parquet table meets the same limits and checks.
                target = Path(folder) / f"{Path(member).stem}.csv"
                target.write_text(
                    _parquet_as_csv(archive.read(member), f"{path.name} ({member})"), encoding="utf-8"
                )
                tables[Path(member).stem] = read_table(target)
    return tables


def _parquet_as_csv(content: bytes, source: str) -> str:
    """A Parquet table of citybridge's linked export, written as the CSV ZIP writes its table."""
    try:
        return as_text(pl.read_parquet(io.BytesIO(content))).write_csv()
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise SourceError(f"{source}: not a readable Parquet file ({str(exc).splitlines()[0]}).") from exc


def _assign(tables: dict[str, pl.DataFrame], form: Form, source: str) -> tuple[str, dict[str, str]]:
    """Which table holds the submissions and which each repeat's instances."""
    by_repeat: dict[str, str] = {}
    for repeat in form.repeats:
        short = table_name(repeat).lower()
        for name in tables:
            lowered = name.lower()
            if lowered == short[:31] or lowered.endswith(f"-{short}") or lowered == short:
                by_repeat[repeat] = name
    rest = [n for n in tables if n not in by_repeat.values()]
    if not rest:
        raise SourceError(f"{source}: no table of submissions besides the repeats' tables.")
    main = next((n for n in rest if n == form.form_id), rest[0])
    unknown = [n for n in rest if n != main]
    if unknown:
        raise SourceError(
            f"{source}: table '{unknown[0]}' is neither the submissions nor a repeat of form "
            f"'{form.form_id}' (repeats: {', '.join(map(table_name, form.repeats))}); remove it or check the form."
        )
    return main, by_repeat


def _keys_by_index(table: pl.DataFrame, frame: pl.DataFrame) -> dict[str, str]:
    """Kobo's ``_index`` of each row -> the row's key, for the rows below it to link to."""
    if "_index" not in table.columns:
        return {}
    joined = table.select(ROW, "_index").join(frame.select(ROW, INSTANCE_ID), on=ROW)
    return dict(zip(joined["_index"].to_list(), joined[INSTANCE_ID].to_list(), strict=True))


def _with_keys(frame, table, repeat, form, keys, by_repeat, main_name) -> pl.DataFrame:
    """Each instance's own key and its parent's, from Central's KEY/PARENT_KEY or Kobo's indexes."""
    if "PARENT_KEY" in table.columns and "KEY" in table.columns:
        linked = table.select(
            ROW,
            pl.col("KEY").str.replace(r"^uuid:", "").alias(INSTANCE_ID),
            pl.col("PARENT_KEY").str.replace(r"^uuid:", "").alias(PARENT_KEY),
        )
        return frame.drop(INSTANCE_ID).join(linked, on=ROW, how="left")
    parent = form.parent_repeat(repeat)
    parent_keys = keys.get(by_repeat.get(parent, "") if parent else main_name, {})
    parents = table.select(
        ROW, pl.col("_parent_index").replace_strict(parent_keys, default=None).alias(PARENT_KEY)
    )
    numbered = parents.with_columns(pl.int_range(1, pl.len() + 1).over(PARENT_KEY).alias("_n"))
    own = pl.concat_str(
        pl.col(PARENT_KEY), pl.lit(f"/{table_name(repeat)}["), pl.col("_n").cast(pl.Utf8), pl.lit("]")
    )
    # An instance whose parent is not in the export keeps a key of its own: validation names it.
    own = (
        pl.when(pl.col(PARENT_KEY).is_not_null())
        .then(own)
        .otherwise(pl.format("unlinked row {}", pl.col(ROW)))
    )
    linked = numbered.select(ROW, own.alias(INSTANCE_ID), PARENT_KEY)
    return frame.drop(INSTANCE_ID).join(linked, on=ROW, how="left")


def validate_linked(form: Form, linked: LinkedBatch) -> LinkedValidated:
    """Each table validated against its questions; an instance whose parent is unknown or was
    rejected is not kept, the first reported by name."""
    main = validate(form, linked.main)
    problems = list(main.problems)
    valid_keys = {None: set(main.frame.get_column(INSTANCE_ID).to_list())}
    raw_keys = {None: set(linked.main.frame.get_column(INSTANCE_ID).to_list())}
    children = {}
    for repeat, batch in linked.children.items():
        parent = form.parent_repeat(repeat)
        result = validate(form.repeat_form(repeat), batch)
        frame = result.frame.join(batch.frame.select(ROW, PARENT_KEY), on=ROW, how="left")
        orphans = batch.frame.filter(~pl.col(PARENT_KEY).fill_null("").is_in(list(raw_keys[parent] - {None})))
        problems += [*result.problems, *(_orphan(batch, row) for row in orphans.iter_rows(named=True))]
        kept = frame.filter(pl.col(PARENT_KEY).is_in(list(valid_keys[parent] - {None})))
        children[repeat] = Validated(
            result.form, result.source, kept, result.rejected, result.problems, result.unchecked
        )
        valid_keys[repeat] = set(kept.get_column(INSTANCE_ID).to_list())
        raw_keys[repeat] = set(batch.frame.get_column(INSTANCE_ID).to_list())
    return LinkedValidated(main, children, problems)


def _orphan(batch: RawBatch, row: dict) -> Problem:
    return Problem(batch.source, row[ROW], "PARENT_KEY", row[PARENT_KEY],
                   "links to no submission or instance of this export; export the whole form again")  # fmt: skip


def linked_tables(
    form: Form, submissions: pl.DataFrame, instances: dict[str, pl.DataFrame]
) -> dict[str, pl.DataFrame]:
    """Central's tables: the submissions with ``KEY``, each repeat with ``PARENT_KEY`` and ``KEY``.

    ``submissions`` is a typed frame of the form's answers (as validation gives it),
    ``instances[path]`` one of each repeat's, with ``PARENT_KEY``, in the form's order of repeats
    (an outer repeat before the repeats nested in it). The tables keep their types; the writers of
    ``citybridge.exports.linked`` turn them into text for CSV and XLSX.
    """
    tables = {form.form_id: _central_columns(form, submissions).rename({INSTANCE_ID: "KEY"})}
    for repeat, frame in instances.items():
        table = _central_columns(form.repeat_form(repeat), frame).drop("SubmissionDate", strict=False)
        tables[f"{form.form_id}-{table_name(repeat)}"] = table.rename(
            {PARENT_KEY: "PARENT_KEY", INSTANCE_ID: "KEY"}
        )
    return tables


def _central_columns(form: Form, frame: pl.DataFrame) -> pl.DataFrame:
    """Central's column names: ``SubmissionDate`` (UTC), each question by its path with ``-``."""
    columns = [
        *(
            [pl.col(SUBMITTED_AT).dt.convert_time_zone("UTC").alias("SubmissionDate")]
            if SUBMITTED_AT in frame.columns
            else []
        ),
        *(
            pl.col(q.name).alias(q.path.replace("/", "-"))
            for q in form.answer_questions
            if q.name in frame.columns
        ),
    ]
    links = [c for c in (PARENT_KEY,) if c in frame.columns]
    return frame.select(*columns, *links, INSTANCE_ID)
