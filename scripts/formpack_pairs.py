"""Measure docs/compatibility.md's "Real exports" counts from a checkout of kobotoolbox/formpack.

formpack is GPL: none of its files is kept here. Point this at its ``tests`` folder (git archive
of a formpack checkout); each fixture version with submissions becomes a pair, written to a
temporary folder: the Kobo content as an XLSForm, the submissions as Kobo's API JSON (``--kobo``
adds the ``_id``, ``_uuid`` and ``_submission_time`` every KoboToolbox export carries). Each pair
goes through the CLI into one fresh store, a survey per pair: ``survey add``, then ``submissions
import`` twice. One line per pair: its name, the two exit codes and the last line of each import.

Run: ``uv run python scripts/formpack_pairs.py /path/to/formpack [--kobo]``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import sys
import tempfile
import uuid
from pathlib import Path

import openpyxl
from typer.testing import CliRunner


def cells(row: dict, translated: list[str], translations: list[str | None]) -> dict:
    """One row of Kobo's content as XLSForm columns (``label::English (en)`` per translation)."""
    out: dict = {}
    for key, value in row.items():
        if key.startswith("$") or value is None:
            continue
        if isinstance(value, list) and key in translated:
            out |= {key if lang is None else f"{key}::{lang}": text
                    for lang, text in zip(translations, value, strict=False) if text is not None}  # fmt: skip
        elif isinstance(value, bool):
            out[key] = "true" if value else "false"
        else:
            out[key] = json.dumps(value) if isinstance(value, (list, dict)) else value
    if "select_from_list_name" in out:
        out["type"] = f"{out['type']} {out.pop('select_from_list_name')}"
    return out


def write_sheet(book, name: str, rows: list[dict]) -> None:
    sheet = book.create_sheet(name)
    headers = list(dict.fromkeys(key for row in rows for key in row))
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])


def write_pairs(formpack: Path, folder: Path, kobo: bool) -> list[str]:
    sys.path.insert(0, str(formpack))
    fixtures = importlib.import_module("tests.fixtures")
    names = []
    for module in sorted(
        m.name for m in pkgutil.iter_modules([str(formpack / "tests" / "fixtures")]) if m.ispkg
    ):
        try:
            built = fixtures.build_fixture(module)
        except KeyError:
            continue  # a fixture without versions
        if isinstance(built, dict):
            continue  # XML submissions only
        _, schemas, submissions = built
        for schema in schemas:
            key = schema.get("version_id_key", "__version__")
            mine = [s for s in submissions if s.get(key) == schema.get("version")]
            if mine:
                names.append(
                    write_pair(folder, f"{module}_{schema.get('version') or 'v1'}", schema, mine, kobo)
                )
    return names


def write_pair(folder: Path, name: str, schema: dict, submissions: list[dict], kobo: bool) -> str:
    content = schema["content"]
    translated, translations = content.get("translated", []), content.get("translations", [None])
    book = openpyxl.Workbook()
    book.remove(book.active)
    write_sheet(book, "survey", [cells(r, translated, translations) for r in content.get("survey", [])])
    if content.get("choices"):
        write_sheet(book, "choices", [cells(r, translated, translations) for r in content["choices"]])
    settings = content.get("settings") or {}
    settings = dict(settings[0] if isinstance(settings, list) else settings)
    write_sheet(
        book, "settings", [settings | {"form_id": name, "version": str(schema.get("version") or "v1")}]
    )
    book.save(folder / f"{name}.xlsx")
    if kobo:
        for n, submission in enumerate(submissions, start=1):
            submission.setdefault("_id", n)
            submission.setdefault("_uuid", str(uuid.uuid5(uuid.NAMESPACE_URL, f"{name}#{n}")))
            submission.setdefault("_submission_time", "2020-11-10T04:00:00")
    (folder / f"{name}.json").write_text(json.dumps({"results": submissions}, ensure_ascii=False))
    return name


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("formpack", type=Path, help="a formpack checkout (its tests/fixtures are read)")
    parser.add_argument("--kobo", action="store_true", help="add the bookkeeping keys every Kobo export has")
    options = parser.parse_args()
    from citybridge.cli import app

    with tempfile.TemporaryDirectory() as folder:
        pairs = write_pairs(options.formpack.resolve(), Path(folder), options.kobo)
        runner = CliRunner()

        def cli(*args: str) -> tuple[int, str]:
            result = runner.invoke(
                app, ["--data-dir", folder, *args], env={"COLUMNS": "1000"}
            )  # one line each
            said = result.output.strip() or repr(result.exception)
            return result.exit_code, said.splitlines()[-1] if said else ""

        cli("init")
        cli("training", "create", "Pairs", "--slug", "pairs")
        for number, name in enumerate(pairs):
            code, said = cli(
                "survey", "add", f"{folder}/{name}.xlsx", "--training", "pairs", "--slug", f"p{number}"
            )
            if code:
                print(f"{name}\tform refused\t{said}")
                continue
            first, again = (
                cli("submissions", "import", f"{folder}/{name}.json", "--survey", f"p{number}") for _ in "12"
            )
            print(f"{name}\t{first[0]}/{again[0]}\t{first[1]} | {again[1]}")


if __name__ == "__main__":
    main()
