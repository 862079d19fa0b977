"""Exports of other survey tools, read into a :class:`RawBatch`.

One function per source, all ending in the same frame: KoboToolbox (CSV or XLSX, value or label
headers, select_multiple as one column or split into 0/1 columns), ODK Central (CSV), Google Forms
and SurveyMonkey style sheets (headers are question labels), and citybridge's own JSON.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import polars as pl

from citybridge.forms.load import FormError
from citybridge.forms.memo import per_form
from citybridge.forms.model import DATE, MEDIA_TYPES, NOTE, SELECT_MULTIPLE, Form, Question
from citybridge.forms.repeats import refuse_unstored_repeats
from citybridge.submissions.batch import (
    INSTANCE_ID,
    ROW,
    SUBMITTED_AT,
    Problem,
    RawBatch,
)
from citybridge.submissions.geo_columns import geo_part, join_geo_parts
from citybridge.submissions.headers import HeaderIndex, Match, normalise
from citybridge.submissions.tables import TableError, read_table, read_table_batches
from citybridge.submissions.tool_json import (
    central_payload,
    is_central_odata,
    is_kobo_submission,
    kobo_payload,
)
from citybridge.uploads.limits import LimitError, check_file

FORMATS = ("auto", "kobotoolbox", "odk-central", "google-forms", "surveymonkey", "json")

# Columns each tool adds that carry no answer; they are read for metadata or left aside.
_INSTANCE_HEADERS = (
    "meta/instanceid",
    "meta-instanceid",
    "instanceid",
    "key",
    "_uuid",
    "instance_id",
    "respondent id",
    "response id",
)
_TIME_HEADERS = (
    "_submission_time",
    "submissiondate",
    "submitted_at",
    "timestamp",
    "end date",
    "submission time",
    "отметка времени",
)
_IGNORED = {
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "audit",
    "submitterid",
    "submittername",
    "attachmentspresent",
    "attachmentsexpected",
    "status",
    "reviewstate",
    "edits",
    "formversion",
    "__version__",
    "formhub/uuid",
    "meta/instancename",
    "meta-instancename",
    "meta/deprecatedid",
    "email address",
    "start date",
    "collector id",
    "ip address",
    "first name",
    "last name",
    "custom data 1",
    "meta/rootuuid",
    "meta-rootuuid",
}
# KoboToolbox's own columns and keys (exports, the API, formpack): its bookkeeping, never answers.
KOBO_METADATA = {
    "$edited",
    "_id",
    "_index",
    "_parent_index",
    "_parent_table_name",
    "_status",
    "__version__",
    "_version_",
    "_notes",
    "_tags",
    "_submitted_by",
    "_validation_status",
    "_attachments",
    "_geolocation",
    "_xform_id_string",
    "_media_all_received",
    "_total_media",
    "_media_count",
    "formhub/uuid",
}


class SourceError(ValueError):
    """An export that cannot be read at all (not a table, no header)."""


def read_export(path: Path, form: Form, *, source_format: str = "auto", timezone: str = "UTC") -> RawBatch:
    """Read an export file of ``form``'s answers, whatever tool wrote it."""
    _refuse_repeats(form, path)
    if path.suffix.lower() in (".json", ".jsonl", ".ndjson"):
        try:
            if path.is_file():  # a missing file is named by read_json_file
                check_file(path)
        except LimitError as exc:
            raise SourceError(str(exc)) from exc
        return read_json_file(path, form)
    try:
        table = read_table(path)
    except TableError as exc:
        raise SourceError(str(exc)) from exc
    kind = detect_format(table.columns) if source_format == "auto" else source_format
    if kind == "surveymonkey" and table.height and _is_second_header(table.row(0)):
        table = _merge_surveymonkey_header(table)
    return _from_table(table, form, path.name, kind, timezone)


def read_export_batches(
    path: Path,
    form: Form,
    *,
    source_format: str = "auto",
    timezone: str = "UTC",
    rows_per_batch: int = 50_000,
) -> Iterator[RawBatch]:
    """:func:`read_export` in batches of rows: a CSV export is streamed, other files come whole."""
    _refuse_repeats(form, path)
    if (
        path.suffix.lower() in (".json", ".jsonl", ".ndjson", ".xlsx", ".xlsm")
        or source_format == "surveymonkey"
    ):
        yield read_export(path, form, source_format=source_format, timezone=timezone)
        return
    try:
        tables = read_table_batches(path, rows_per_batch)
        first = next(tables, None)
    except TableError as exc:
        raise SourceError(str(exc)) from exc
    if first is None:  # a header and no rows
        yield read_export(path, form, source_format=source_format, timezone=timezone)
        return
    kind = detect_format(first.columns) if source_format == "auto" else source_format
    if kind == "surveymonkey":  # its second header row needs the whole sheet
        yield read_export(path, form, source_format=kind, timezone=timezone)
        return
    yield _from_table(first, form, path.name, kind, timezone)
    try:
        for table in tables:
            yield _from_table(table, form, path.name, kind, timezone)
    except TableError as exc:
        raise SourceError(str(exc)) from exc


def _refuse_repeats(form: Form, path: Path) -> None:
    """A flat export of a form with repeats would lose its instances: refused until they are read."""
    try:
        refuse_unstored_repeats(form, path.name)
    except FormError as exc:
        raise SourceError(str(exc)) from exc


def detect_format(headers: Iterable[str]) -> str:
    keys = {normalise(h) for h in headers}
    if keys & {"_uuid", "_submission_time", "_id", "_index", "$edited", "_validation_status"}:
        return "kobotoolbox"
    if keys & {"submissiondate", "meta-instanceid", "key"}:
        return "odk-central"
    if keys & {"respondent id", "collector id"}:
        return "surveymonkey"
    if keys & {"timestamp", "отметка времени"}:
        return "google-forms"
    return "kobotoolbox" if keys & {"meta/instanceid"} else "csv"


def table_batch(table: pl.DataFrame, form: Form, source: str, kind: str, timezone: str = "UTC") -> RawBatch:
    """One table already read (a sheet, a CSV of a ZIP) as a batch of ``form``'s answers."""
    return _from_table(table, form, source, kind, timezone)


def _from_table(table: pl.DataFrame, form: Form, source: str, kind: str, timezone: str) -> RawBatch:
    index = HeaderIndex(form)
    columns: dict[str, str] = {}
    option_columns: dict[str, list[tuple[str, str]]] = {}
    instance_header = time_header = None
    geo_parts: dict[str, dict[int, str]] = {}
    problems: list[Problem] = []
    for header in table.columns:
        if header == ROW:
            continue
        key = normalise(header)
        match = index.match(header)
        if match is not None and match.choice is None and match.question.name not in columns.values():
            columns[header] = match.question.name
        elif match is not None and match.choice is not None:
            option_columns.setdefault(match.question.name, []).append((header, match.choice))
        elif key in _INSTANCE_HEADERS:
            instance_header = _prefer(instance_header, header, _INSTANCE_HEADERS)
        elif key in _TIME_HEADERS:
            time_header = _prefer(time_header, header, _TIME_HEADERS)
        elif (part := geo_part(header, index)) is not None:
            geo_parts.setdefault(part[0], {})[part[1]] = header
        elif not _is_metadata(key, kind, index):
            problems.append(Problem(source, 1, header, None, _unknown_header(form, header)))
    frame = table.select(
        pl.col(ROW),
        _instance_id(table, instance_header, kind),
        (pl.col(time_header) if time_header else pl.lit(None, pl.Utf8)).alias(SUBMITTED_AT),
        *(pl.col(h).alias(name) for h, name in columns.items()),
    )
    frame = _join_option_columns(frame, table, option_columns)
    frame = join_geo_parts(frame, table, geo_parts)
    if kind in ("google-forms", "surveymonkey"):
        frame = _sheet_dates(_labels_to_names(frame, form), form)
    if time_header and kind in _LOCAL_TIME_KINDS:
        frame = _localise(frame, timezone)
    headers = {name: header for header, name in columns.items()}
    headers |= {
        INSTANCE_ID: instance_header or "(instance id)",
        SUBMITTED_AT: time_header or "(submitted at)",
    }
    for name, options in option_columns.items():
        headers.setdefault(name, options[0][0].rsplit("/", 1)[0])
    for name, parts in geo_parts.items():
        headers.setdefault(name, " + ".join(parts[i] for i in sorted(parts)))
    return RawBatch(source=source, kind=kind, frame=frame, headers=headers, problems=problems)


def _prefer(current: str | None, header: str, order: tuple[str, ...]) -> str:
    if current is None:
        return header
    return header if order.index(normalise(header)) < order.index(normalise(current)) else current


def _is_metadata(key: str, kind: str, index: HeaderIndex | None = None) -> bool:
    if key in _IGNORED or key in KOBO_METADATA or key.startswith(("meta/", "meta-", "_submission_")):
        return True
    if index is not None and _media_url_of(key, index):
        return True  # KoboToolbox's link to a media answer's file, beside the file name's column
    if index is not None and _repeat_count_of(key, index.form):
        return True  # pyxform's generated count of a repeat's instances: the instances themselves are kept
    return kind == "kobotoolbox" and key.startswith("_")


def _media_url_of(key: str, index: HeaderIndex) -> bool:
    if not key.endswith("_url"):
        return False
    match = index.match(key.removesuffix("_url"))
    return match is not None and match.question.type in MEDIA_TYPES


def _repeat_count_of(key: str, form: Form) -> bool:
    """``REPEAT_count``, the node pyxform adds for a repeat whose ``repeat_count`` is an expression."""
    if not key.endswith("_count"):
        return False
    repeat = key.removesuffix("_count")
    return any(normalise(r) == repeat or normalise(_last_step(r)) == repeat for r in form.repeats)


def _unknown_header(form: Form, header: str) -> str:
    key = normalise(header)
    if any(q.type == NOTE and key in (normalise(q.name), normalise(q.path)) for q in form.questions):
        return (
            f"'{header}' is a note of form '{form.form_id}': a note shows text and takes no answer; remove it"
        )
    return (
        f"no question of form '{form.form_id}' (version {form.version or 'unversioned'}) has this name, "
        "path or label; rename the column to a question name or remove it"
    )


def _instance_id(table: pl.DataFrame, header: str | None, kind: str) -> pl.Expr:
    if header is not None:
        return pl.col(header).str.strip_chars().str.replace(r"^uuid:", "").alias(INSTANCE_ID)
    # Google Forms exports carry no id: a hash of the row makes re-imports idempotent all the same.
    answers = [c for c in table.columns if c != ROW]
    if not answers:  # a repeat holding only other repeats: its instances are keyed by their place
        return pl.lit(None, pl.Utf8).alias(INSTANCE_ID)
    digest = pl.concat_str([pl.col(c).fill_null("") for c in answers], separator="\x1f").map_batches(
        lambda s: pl.Series([f"row-sha1:{hashlib.sha1(v.encode()).hexdigest()[:24]}" for v in s]),
        return_dtype=pl.Utf8,
    )
    return digest.alias(INSTANCE_ID)


_TRUE = {"1", "1.0", "true", "yes", "x"}


def _join_option_columns(frame: pl.DataFrame, table: pl.DataFrame, options: dict[str, list[tuple[str, str]]]):
    """Rebuild a select_multiple's value from its 0/1 columns wherever they are filled in."""
    for name, columns in options.items():
        chosen = pl.concat_str(
            [
                pl.when(pl.col(h).str.strip_chars().str.to_lowercase().is_in(_TRUE)).then(pl.lit(choice))
                for h, choice in columns
            ],
            separator=" ",
            ignore_nulls=True,
        )
        rebuilt = table.select(chosen.replace("", None).alias(name)).to_series()
        if name in frame.columns:
            # The summary column of a label export joins multi-word labels with spaces: the 0/1 columns win.
            any_option = table.select(
                pl.any_horizontal(pl.col(h).is_not_null() for h, _ in columns)
            ).to_series()
            summary = frame.get_column(name).replace("", None)
            frame = frame.with_columns(pl.when(any_option).then(rebuilt).otherwise(summary).alias(name))
        else:
            frame = frame.with_columns(rebuilt)
    return frame


def _labels_to_names(frame: pl.DataFrame, form: Form) -> pl.DataFrame:
    """Google Forms writes the chosen labels, several joined by ', '; turn them into choice names."""
    updates = []
    for question in form.answer_questions:
        if question.type != SELECT_MULTIPLE or question.name not in frame.columns:
            continue
        values = frame.get_column(question.name).drop_nulls().unique().to_list()
        mapping = {v: _split_labels(v, question) for v in values}
        updates.append(pl.col(question.name).replace_strict(mapping, default=pl.col(question.name)))
    return frame.with_columns(updates) if updates else frame


def _sheet_dates(frame: pl.DataFrame, form: Form) -> pl.DataFrame:
    """Date answers written as the sheet shows them (11/5/2020, 05.11.2020), rewritten as ISO dates."""
    dates = [q.name for q in form.answer_questions if q.type == DATE and q.name in frame.columns]
    return frame.with_columns(
        pl.coalesce(
            *(pl.col(name).str.strip_chars().str.to_date(f, strict=False) for f in _SHEET_DATES),
        )
        .dt.strftime("%Y-%m-%d")
        .fill_null(pl.col(name))
        .alias(name)
        for name in dates
    )


_SHEET_DATES = ("%Y-%m-%d", "%m/%d/%Y", "%Y/%m/%d", "%d.%m.%Y")


def _split_labels(value: str, question: Question) -> str:
    lookup = {normalise(label): c.name for c in question.choices for label in (c.name, *c.labels.values())}
    if normalise(value) in lookup:
        return lookup[normalise(value)]
    names = _labels_from(value.split(","), lookup)
    # Left as written when no split works: validation then names the option it cannot find.
    return value if names is None else " ".join(names)


def _labels_from(parts: list[str], lookup: dict[str, str]) -> list[str] | None:
    """Split comma-joined labels, trying the longest label first (labels may hold commas)."""
    if not parts:
        return []
    for end in range(len(parts), 0, -1):
        candidate = normalise(",".join(parts[:end]))
        if candidate in lookup:
            rest = _labels_from(parts[end:], lookup)
            if rest is not None:
                return [lookup[candidate], *rest]
    return None


def _localise(frame: pl.DataFrame, timezone: str) -> pl.DataFrame:
    """Timestamps without an offset are in ``timezone``: write the offset in so they stay exact."""
    from citybridge.submissions.timestamps import parse_instant

    instant = parse_instant(pl.col(SUBMITTED_AT), assume=timezone, extra_naive=_SHEET_FORMATS)
    return frame.with_columns(
        pl.coalesce(instant.dt.strftime("%Y-%m-%dT%H:%M:%S%.f%:z"), pl.col(SUBMITTED_AT)).alias(SUBMITTED_AT)
    )


# Tools whose time stamps are local times (KoboToolbox and ODK Central write UTC or an offset).
_LOCAL_TIME_KINDS = ("google-forms", "surveymonkey", "csv")
# How Google Sheets and SurveyMonkey write a time stamp.
_SHEET_FORMATS = (
    "%m/%d/%Y %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%d.%m.%Y %H:%M:%S",
    "%m/%d/%Y %I:%M:%S %p",
)


def _is_second_header(row: tuple[Any, ...]) -> bool:
    return any(isinstance(v, str) and v.strip().lower() in ("response", "open-ended response") for v in row)


def _merge_surveymonkey_header(table: pl.DataFrame) -> pl.DataFrame:
    """SurveyMonkey's second header row names each option of a multiple-choice question."""
    second = table.row(0)
    names, question = [], ""
    for header, sub in zip(table.columns, second, strict=True):
        if header == ROW:
            names.append(ROW)
            continue
        if not header.startswith("Unnamed") and not header.startswith("_duplicated"):
            question = header
        if sub and sub.strip().lower() not in ("response", "open-ended response", ""):
            names.append(f"{question} - {sub}")
        else:
            names.append(header)
    renamed = table.slice(1)
    renamed.columns = names
    # SurveyMonkey writes the option's label as the cell value rather than 1.
    option_cols = [n for n in names if " - " in n]
    return renamed.with_columns(
        pl.when(pl.col(c).is_not_null()).then(pl.lit("1")).alias(c) for c in option_cols
    )


def read_json_file(path: Path, form: Form) -> RawBatch:
    """A JSON array, or JSON lines, of submissions shaped as the API takes them."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(f"{path.name}: cannot read the file as UTF-8 text ({exc}).") from exc
    try:
        if text.lstrip().startswith(("[", "{")) and not _is_json_lines(text):
            payloads = json.loads(text)
            if isinstance(payloads, dict):  # Kobo's API {"results": [...]}, Central's OData {"value": [...]}
                payloads = payloads.get("results", payloads.get("value", [payloads]))
            rows = list(enumerate(payloads, start=1))
        else:
            rows = [
                (n, json.loads(line)) for n, line in enumerate(text.splitlines(), start=1) if line.strip()
            ]
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"{path.name}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}."
        ) from exc
    return from_payloads(form, rows, source=path.name)


def _is_json_lines(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip()]
    return len(lines) > 1 and lines[0].lstrip().startswith("{") and lines[0].rstrip().endswith("}")


def from_payloads(form: Form, payloads: list[tuple[int, Any]], *, source: str = "API") -> RawBatch:
    """Submissions as JSON objects: ``{"instance_id", "submitted_at", "answers": {name: value}}``."""
    index = per_form(form, HeaderIndex, lambda: HeaderIndex(form))  # built once, not per submission
    records, problems = [], []
    names = [q.name for q in form.answer_questions]
    for row, payload in payloads:
        record, row_problems = _payload_record(payload, index, source, row)
        problems += row_problems
        if record is not None:
            records.append({ROW: row, **record})
    schema = {ROW: pl.Int64, INSTANCE_ID: pl.Utf8, SUBMITTED_AT: pl.Utf8} | {n: pl.Utf8 for n in names}
    frame = pl.DataFrame(records, schema=schema) if records else pl.DataFrame(schema=schema)
    headers = {INSTANCE_ID: "instance_id", SUBMITTED_AT: "submitted_at"} | {n: f"answers.{n}" for n in names}
    return RawBatch(source=source, kind="json", frame=frame, headers=headers, problems=problems)


def _payload_record(payload: Any, index: HeaderIndex, source: str, row: int):
    if not isinstance(payload, dict):
        return None, [Problem(source, row, None, None, "a submission must be a JSON object")]
    if "answers" not in payload and is_central_odata(payload):
        payload = central_payload(payload)
    elif "answers" not in payload and (is_kobo_submission(payload) or not _OWN_KEYS & payload.keys()):
        # Kobo's shape, answers at the top level; formpack writes it without any bookkeeping key.
        payload = kobo_payload(payload)
    stray = sorted(str(key) for key in payload if key not in _OWN_KEYS)
    if stray:  # beside 'answers', a key would be dropped unread: refused instead
        return None, [Problem(source, row, key, None, _STRAY_KEY) for key in stray]
    answers = payload.get("answers", {})
    if not isinstance(answers, dict):
        return None, [
            Problem(
                source,
                row,
                "answers",
                None,
                "'answers' must be an object of question: value",
            )
        ]
    meta = payload.get("meta") if isinstance(payload.get("meta"), dict) else {}
    record: dict[str, Any] = {
        INSTANCE_ID: _text(payload.get("instance_id") or meta.get("instanceID")),
        SUBMITTED_AT: _text(payload.get("submitted_at")),
    }
    problems = []
    for key, value in answers.items():
        match: Match | None = index.match(str(key))
        if match is None and _is_metadata(normalise(str(key)), "json", index):
            continue  # a tool's own bookkeeping (start, end, deviceid, formhub/uuid...), not an answer
        if match is None and str(key) in {*index.form.repeats, *map(_last_step, index.form.repeats)}:
            problems.append(Problem(source, row, f"answers.{key}", None, _REPEAT_IN_JSON))
            continue
        if match is None or match.choice is not None:
            problems.append(
                Problem(
                    source,
                    row,
                    f"answers.{key}",
                    _text(value),
                    _unknown_header(index.form, str(key)),
                )
            )
            continue
        record[match.question.name] = _answer_text(value, match.question)
    if record[INSTANCE_ID]:
        record[INSTANCE_ID] = record[INSTANCE_ID].removeprefix("uuid:")
    return record, problems


_OWN_KEYS = {"instance_id", "submitted_at", "answers", "meta"}
_STRAY_KEY = "not a key of a submission: put answers under 'answers', beside 'instance_id' and 'submitted_at'"
_REPEAT_IN_JSON = (
    "answers of a repeat: one submission here takes one row, so its instances are imported from an "
    "ODK Central CSV ZIP, a KoboToolbox XLSX with one sheet per repeat or KoboToolbox's JSON file"
)


def _last_step(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _answer_text(value: Any, question: Question) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        # Each item is one option, so a multi-word label stays whole: turn labels into names first.
        lookup = {
            normalise(label): c.name for c in question.choices for label in (c.name, *c.labels.values())
        }
        return " ".join(lookup.get(normalise(str(v)), str(v)) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
