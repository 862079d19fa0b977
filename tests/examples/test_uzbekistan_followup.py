"""The example's synthetic 3-month follow-up: regenerated identically, loaded, compared with its base."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020" / "followup-3m"


def _rows(name: str) -> list[dict]:
    return list(csv.DictReader((FOLDER / name).open(encoding="utf-8")))


def test_the_generator_writes_the_same_answers_and_links_again(tmp_path):
    before = {name: (FOLDER / name).read_bytes() for name in ("submissions.csv", "links.csv", "survey.xlsx")}
    try:
        subprocess.run([sys.executable, str(FOLDER / "generate.py")], check=True, capture_output=True)
        after = {name: (FOLDER / name).read_bytes() for name in ("submissions.csv", "links.csv")}
    finally:  # the workbook's zip entries carry the time they were written: put the committed one back
        (FOLDER / "survey.xlsx").write_bytes(before["survey.xlsx"])
    assert after == {name: before[name] for name in after}


def test_the_readme_says_the_follow_up_is_synthetic():
    assert "synthetic" in (FOLDER / "README.md").read_text(encoding="utf-8").lower()
