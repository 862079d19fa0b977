"""``citybridge demo``, the main job: a fresh store holding the example training."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from citybridge.reports.i18n import LANGUAGES


def test_demo_loads_the_example_training_into_a_fresh_store(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CITYBRIDGE_DATA_DIR")}
    command = [sys.executable, "-c", "from citybridge.cli import run; run()", "demo", "--out", str(tmp_path)]
    for _ in range(2):  # a second run starts again from an empty store
        result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
        assert result.returncode == 0, result.stderr
        assert "Registrations: 76 participants." in result.stdout
        assert "Submissions: 52 new, 0 already present, 0 rejected." in result.stdout
        assert "68%" in result.stdout  # 52 respondents of 76 registered
    assert Path(tmp_path / "store" / "citybridge.sqlite3").exists()


def test_demo_without_the_fonts_writes_everything_else_and_names_the_packages(tmp_path):
    """A machine without the Noto fonts, simulated by a fontconfig that knows no font folder."""
    config = tmp_path / "fonts.conf"
    config.write_text(f"<?xml version='1.0'?><fontconfig><cachedir>{tmp_path}/fc-cache</cachedir></fontconfig>")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CITYBRIDGE_DATA_DIR")}
    env |= {"FONTCONFIG_FILE": str(config), "COLUMNS": "1000"}
    assert subprocess.run(["fc-list"], env=env, capture_output=True, text=True, check=True).stdout == ""
    command = [sys.executable, "-c", "from citybridge.cli import run; run()", "demo", "--out", str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr
    html, docx = sorted(tmp_path.glob("*.html")), sorted(tmp_path.glob("*.docx"))
    expected = 2 * len(LANGUAGES)  # every language × report, booklet
    assert len(html) == len(docx) == expected and not list(tmp_path.glob("*.pdf"))
    line = next(line for line in result.stderr.splitlines() if "left out" in line)
    assert line.startswith(f"{expected} PDF file(s) left out") and "apt-get install fonts-noto-core" in line
    assert all(path.with_suffix(".pdf").name in line for path in html)
