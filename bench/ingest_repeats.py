"""The repeat-heavy case of bench/ingest.py: an ODK Central CSV ZIP whose repeat table holds
N child rows (10 members per household), imported with `citybridge submissions import`.

Target: the child rows stored at >= 50,000 rows/s (the whole command's wall time, start-up,
reading, validating and storing the submissions included).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MEMBERS_PER_HOUSEHOLD = 10
REPEAT_FORM_ID = "benchhh"
GENERATOR_VERSION = 1


def write_repeat_form(path: Path) -> Path:
    """A household form: a village, and a repeat of members (name, age with a constraint, sex, a date)."""
    import openpyxl

    book = openpyxl.Workbook()
    survey = book.active
    survey.title = "survey"
    for row in (
        ["type", "name", "label", "required", "constraint"],
        ["text", "village", "Village", "yes", ""],
        ["integer", "size", "Household size", "", ". >= 0"],
        ["begin repeat", "member", "Member", "", ""],
        ["text", "name", "Name", "yes", ""],
        ["integer", "age", "Age", "", ". >= 0 and . < 120"],
        ["select_one sex", "sex", "Sex", "", ""],
        ["date", "born", "Born", "", ""],
        ["end repeat", "", "", "", ""],
    ):
        survey.append(row)
    choices = book.create_sheet("choices")
    for row in (["list_name", "name", "label"], ["sex", "female", "Female"], ["sex", "male", "Male"]):
        choices.append(row)
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version"])
    settings.append(["Bench: households", REPEAT_FORM_ID, "1"])
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def repeat_export(out: Path, children: int, seed: int) -> tuple[Path, Path]:
    """The cached ZIP (FORM.csv + FORM-member.csv) and the members' CSV alone (for the baseline)."""
    path = out / f"households-{children}-seed{seed}-v{GENERATOR_VERSION}.zip"
    members_csv = path.with_suffix(".members.csv")
    if path.exists() and members_csv.exists():
        return path, members_csv
    households, members = _tables(children, seed)
    members.write_csv(members_csv)
    partial = path.with_suffix(".zip.partial")  # renamed once complete
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{REPEAT_FORM_ID}.csv", households.write_csv())
        archive.writestr(f"{REPEAT_FORM_ID}-member.csv", members_csv.read_bytes())
    partial.rename(path)
    return path, members_csv


def _tables(children: int, seed: int):
    import polars as pl

    count = -(-children // MEMBERS_PER_HOUSEHOLD)
    households = pl.select(
        pl.format(
            "2020-11-{}T09:00:00.000Z", (pl.int_range(count) % 28 + 1).cast(pl.Utf8).str.zfill(2)
        ).alias("SubmissionDate"),
        pl.format("Village {}", pl.int_range(count) % 500).alias("village"),
        pl.lit(str(MEMBERS_PER_HOUSEHOLD)).alias("size"),
        pl.format("uuid:{}-{}", pl.lit(seed), pl.int_range(count)).alias("KEY"),
    )
    row = pl.int_range(children)
    parent = pl.format("uuid:{}-{}", pl.lit(seed), row // MEMBERS_PER_HOUSEHOLD)
    members = pl.select(
        pl.format("Member {}", row % 997).alias("member-name"),
        ((row * 7919 + seed) % 100).cast(pl.Utf8).alias("member-age"),
        pl.when(row % 2 == 0).then(pl.lit("female")).otherwise(pl.lit("male")).alias("member-sex"),
        (pl.date(1930, 1, 1) + pl.duration(days=(row * 37) % 30000)).cast(pl.Utf8).alias("member-born"),
        parent.alias("PARENT_KEY"),
        pl.format("{}/member[{}]", parent, row % MEMBERS_PER_HOUSEHOLD + 1).alias("KEY"),
    )
    return households, members
