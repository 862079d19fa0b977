"""``citybridge demo``, the main job: a fresh store holding the example training."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


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
