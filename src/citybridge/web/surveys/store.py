"""Keeping surveys and submissions in the store, once each and never half-written.

The core reads and validates; this module decides what is new, writes it in one transaction, and
reports how many submissions were new, already present or rejected.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from citybridge.forms import Form, load_xlsform
from citybridge.submissions import Problem, RawBatch, Validated, validate
from citybridge.submissions.batch import INSTANCE_ID, ROW
from citybridge.submissions.validate import answers_as_json
from citybridge.web.errors import FormVersionConflict, ImportRejected, NotFound
from citybridge.web.surveys import bulk
from citybridge.web.surveys.models import FormVersion, Submission, Survey
from citybridge.web.surveys.storable import refuse_unstorable_cells
from citybridge.web.trainings.models import Training

Progress = Callable[[int], None]
CREATED, PRESENT = "created", "already present"


@dataclass
class ImportReport:
    """What an import did, in the words the user is told."""

    source: str
    new: int = 0
    already_present: int = 0
    rejected: int = 0
    problems: list[Problem] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)
    problem_count: int = 0  # all problems found; ``problems`` keeps the first MAX_PROBLEMS_KEPT
    rejected_rows: object | None = None  # polars frame of the rejected raw rows
    outcomes: dict[int, str] = field(default_factory=dict)  # row -> CREATED or PRESENT (one_by_one)
    headers: dict[str, str] = field(default_factory=dict)  # column -> header as in the source file

    @property
    def total(self) -> int:
        return self.new + self.already_present + self.rejected


def add_survey(
    training: Training, path: Path, *, slug: str | None = None
) -> tuple[Survey, FormVersion, bool]:
    """Register an XLSForm for ``training``: a new survey, or a new version of one with the same form_id.

    Returns the survey, its version, and whether that version is new.
    """
    data = Path(path).read_bytes()
    form = load_xlsform(Path(path))  # from its path: a select_one_from_file's CSV beside it is read too
    with transaction.atomic():
        survey = Survey.objects.filter(training=training, form_id=form.form_id).first()
        if survey is None:
            survey = Survey.objects.create(
                training=training,
                form_id=form.form_id,
                title=form.title or form.form_id,
                slug=_unique_slug(slug or form.form_id),
            )
        existing = survey.versions.filter(version=form.version).first()
        if existing is not None:
            if existing.definition != _as_stored(form):
                raise FormVersionConflict(
                    f"{Path(path).name}: survey '{survey.slug}' (form_id '{form.form_id}') already has "
                    f"version '{form.version or 'unversioned'}' with different questions; if this is another "
                    "form, give it its own form_id in the settings sheet (or a file name of its own when it "
                    "has none); if it is a new version of the same form, raise 'version' and add it again."
                )
            return survey, existing, False
        version = FormVersion.objects.create(
            survey=survey,
            version=form.version,
            definition=_as_stored(form),
            xlsform=data,
            filename=Path(path).name,
        )
    return survey, version, True


def _as_stored(form: Form) -> dict:
    """The form definition as the JSON column gives it back (tuples become lists)."""
    return json.loads(json.dumps(form.to_dict()))


def _unique_slug(text: str) -> str:
    base = slugify(text.replace("_", "-"))[:70] or "survey"
    slug, n = base, 2
    while Survey.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def is_large(path: Path) -> bool:
    try:
        return path.stat().st_size >= LARGE_FILE_BYTES
    except OSError:
        return False


def store_batches(
    survey: Survey,
    version: FormVersion,
    batches: Iterable[RawBatch],
    *,
    source: str,
    skip_invalid: bool = False,
    progress: Progress | None = None,
    large: bool = False,
    one_by_one: bool = False,
) -> ImportReport:
    """Validate batch after batch and store the valid, new submissions, all in one transaction.

    The one way in for every source: imports (many rows per batch), the web form and the API
    intake (``one_by_one``: a few submissions from different senders, each INSERTed alone so that
    ``report.outcomes`` tells each row's fate). A file whose columns do not fit the form is refused
    as a whole. Without ``skip_invalid``, the first problem stops the writing but not the checking,
    so the user learns of every bad cell; the transaction is then rolled back and nothing is
    stored. A submission without a submitted-at time is stored as submitted when it was received,
    so no analysis meets a missing time. ``large`` lets the store write faster in ways that keep
    other connections out meanwhile (see ``bulk.import_session``).
    """
    report = ImportReport(source="")
    destination = _Destination(survey, version, source, timezone.now(), one_by_one)
    rejected, rows_read, failed = [], 0, False
    columns = bulk.row_columns(destination.received_at)
    checked = _prepared(version.form(), batches, columns, in_this_thread=one_by_one)
    if one_by_one:
        # A few submissions: checked before the transaction, which on SQLite (IMMEDIATE) takes the
        # store's only write lock at once; every process's writer waits for it, so it covers the
        # INSERTs alone (checking inside it cut the API from about 550 to 270 POSTs/s, bench/web.py).
        checked = list(checked)
    with bulk.import_session(large=large, skip=one_by_one), transaction.atomic():
        destination.known = None if one_by_one else _known_ids(survey)
        for prepared in checked:
            batch, validated = prepared.batch, prepared.validated
            if not report.source:
                report.source, report.headers = batch.source, batch.headers
                report.unchecked = validated.unchecked
            rows_read += len(batch)
            _refuse_file_level(validated.problems, batch, rows_read)
            _keep(report, validated.problems)
            if validated.rejected.height:
                report.rejected += validated.rejected.height
                rejected.append(validated.rejected)
            failed = failed or (bool(validated.problems) and not skip_invalid)
            if not failed:
                destination.write(report, prepared)
            _report(progress, len(batch))
        if failed:
            raise ImportRejected(report.problems, rows_read, report.problem_count)
    report.rejected_rows = pl.concat(rejected, how="diagonal") if rejected else None
    return report


def _refuse_file_level(problems: list[Problem], batch: RawBatch, rows_read: int) -> None:
    """An unknown column in a file: the file as a whole is wrong (a JSON payload's unknown answer
    key is that submission's problem only)."""
    file_level = [p for p in problems if p.row in (None, 1) and batch.kind != "json"]
    if file_level:
        raise ImportRejected(file_level, rows_read)


@dataclass
class _Destination:
    """Where one store_batches call writes its rows, and how."""

    survey: Survey
    version: FormVersion
    source: str
    received_at: dt.datetime
    one_by_one: bool
    known: _KnownIds | None = None

    def write(self, report: ImportReport, prepared: Prepared) -> None:
        """Write one batch's valid rows; count them, and one by one note each row's outcome."""
        rows = prepared.rows
        written = dict(source=self.source, source_name=prepared.batch.source, received_at=self.received_at)
        if self.one_by_one:
            new = bulk.insert_each(self.survey, self.version, rows, **written)
            for row, is_new in zip(prepared.validated.frame[ROW], new, strict=True):
                report.outcomes[row] = CREATED if is_new else PRESENT
            report.new += sum(new)
            report.already_present += len(new) - sum(new)
            return
        new_rows = rows if self.known is None else self.known.new(rows)
        new_count = bulk.insert_submissions(self.survey, self.version, new_rows, **written)
        report.new += new_count
        report.already_present += rows.height - new_count


@dataclass
class Prepared:
    """A batch checked against its form, and its valid rows ready to insert."""

    batch: RawBatch
    validated: Validated
    rows: pl.DataFrame  # the valid rows as bulk.insert_submissions and bulk.insert_each take them


def prepare(form: Form, batch: RawBatch, columns: list[pl.Expr]) -> Prepared:
    """Validate ``batch`` and shape its valid rows for the INSERT (``columns``: bulk.row_columns(),
    built in the thread whose database will take them). Every way in goes through here: imports,
    the web form and the API. A row the store cannot keep (storable) is rejected."""
    validated = validate(form, refuse_unstorable_cells(form, batch))
    return Prepared(batch, validated, answers_as_json(validated).select(columns))


def _prepared(
    form: Form, batches: Iterable[RawBatch], columns: list[pl.Expr], *, in_this_thread: bool = False
) -> Iterator[Prepared]:
    """Read and validate the next batch in a worker thread while the caller writes the current one.

    Polars and SQLite both release the interpreter lock while they work, so on two cores the
    checking of one batch and the writing of the previous one overlap. The caller's thread only
    writes: even the valid rows are shaped (``columns``) here. A single small batch
    (``in_this_thread``) is not worth a thread.
    """
    if in_this_thread:
        yield from (prepare(form, batch, columns) for batch in batches)
        return
    source = iter(batches)

    def prepare_next() -> Prepared | None:
        batch = next(source, None)
        return None if batch is None else prepare(form, batch, columns)

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="citybridge-validate") as worker:
        pending = worker.submit(prepare_next)
        while (prepared := pending.result()) is not None:
            pending = worker.submit(prepare_next)
            yield prepared


def _keep(report: ImportReport, problems: list[Problem]) -> None:
    """Keep the first problems for the user (a file of bad rows must not fill the memory); count all."""
    report.problem_count += len(problems)
    room = MAX_PROBLEMS_KEPT - len(report.problems)
    report.problems.extend(problems[: max(room, 0)])


def _known_ids(survey: Survey) -> _KnownIds | None:
    """What filters out the stored instance ids, if the INSERT does not do it on its own.

    Where the INSERT leaves known ids out itself (SQLite), filtering first still pays when the
    survey holds submissions already: skipping a row in the database costs a probe of the index
    per row, more than comparing ids in Polars. So only an empty survey goes without.
    """
    if bulk.skips_known_ids() and not survey.submissions.exists():
        return None
    return _KnownIds(survey)


class _KnownIds:
    """Which instance ids the survey already holds, asked of the store once per import or per batch."""

    def __init__(self, survey: Survey) -> None:
        self.survey = survey
        self.stored: pl.DataFrame | None = None  # every stored id, loaded once for a large import
        self.added = pl.DataFrame(schema={INSTANCE_ID: pl.Utf8})  # the ids this import stored so far

    def new(self, rows: pl.DataFrame) -> pl.DataFrame:
        # A file may repeat an instance id: its first row counts, the others are already present.
        unique = rows.filter(pl.col(INSTANCE_ID).is_first_distinct())
        if self.stored is None and rows.height > _LOAD_ALL_IDS_ABOVE:
            self.stored = self._query(None)
        stored = self.stored if self.stored is not None else self._query(unique[INSTANCE_ID].to_list())
        # An anti-join took a fifth of the time of is_in against a million stored ids.
        fresh = unique
        for known in (stored, self.added):
            fresh = fresh.join(known, on=INSTANCE_ID, how="anti", maintain_order="left")
        self.added = pl.concat([self.added, fresh.select(INSTANCE_ID)], rechunk=False)
        return fresh

    def _query(self, ids: list[str] | None) -> pl.DataFrame:
        known = Submission.objects.filter(survey=self.survey)
        if ids is None:
            found = list(known.values_list("instance_id", flat=True).iterator(chunk_size=50_000))
        else:
            found = []
            for start in range(0, len(ids), 500):
                found += known.filter(instance_id__in=ids[start : start + 500]).values_list(
                    "instance_id", flat=True
                )
        return pl.DataFrame({INSTANCE_ID: found}, schema={INSTANCE_ID: pl.Utf8})


_LOAD_ALL_IDS_ABOVE = 5_000
MAX_PROBLEMS_KEPT = 10_000
LARGE_FILE_BYTES = 64 * 2**20  # about 100,000 rows of a 30-question form


def _report(progress: Progress | None, count: int) -> None:
    if progress is not None and count:
        progress(count)


def find_survey(ref: str) -> Survey:
    """A survey by numeric id or slug."""
    return _find(Survey, ref, "survey")


def find_training(ref: str) -> Training:
    """A training by numeric id or slug."""
    return _find(Training, ref, "training")


def _find(model, ref: str, noun: str):
    ref = str(ref).strip()
    found = (
        model.objects.filter(pk=int(ref)).first() if ref.isdigit() else model.objects.filter(slug=ref).first()
    )
    if found is None:
        known = ", ".join(f"{o.pk} ({o.slug})" for o in model.objects.order_by("pk")[:10]) or "none yet"
        raise NotFound(f"no {noun} '{ref}'; known {noun}s: {known}")
    return found


def form_of(survey: Survey) -> Form:
    return survey.current_version().form()


def count_by_survey(surveys: Iterable[Survey]) -> dict[int, int]:
    return {s.pk: s.submissions.count() for s in surveys}
