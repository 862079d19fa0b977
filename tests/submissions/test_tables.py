"""Reading a CSV in batches: every row once, in order, numbered as a spreadsheet shows it."""

from __future__ import annotations

from citybridge.submissions import tables


def _csv(tmp_path, rows: int):
    path = tmp_path / "export.csv"
    path.write_text("_uuid;q\n" + "".join(f"u{n};{n}\n" for n in range(rows)), encoding="utf-8")
    return path


def test_a_csv_read_in_batches_gives_every_row_once_with_a_small_first_batch(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "FIRST_BATCH_ROWS", 3)
    batches = list(tables.read_table_batches(_csv(tmp_path, 40), rows_per_batch=10))
    assert batches[0].height == 3  # writing can start on it while the rest is read and checked
    assert sum(b.height for b in batches) == 40 and max(b.height for b in batches) <= 10
    rows = [r for b in batches for r in b.get_column("_row").to_list()]
    assert rows == list(range(2, 42))  # the header is row 1
    assert [u for b in batches for u in b.get_column("_uuid").to_list()] == [f"u{n}" for n in range(40)]


def test_batches_not_much_longer_than_the_first_are_left_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "FIRST_BATCH_ROWS", 3)
    batches = list(tables.read_table_batches(_csv(tmp_path, 12), rows_per_batch=5))
    assert batches[0].height == 5
    assert sum(b.height for b in batches) == 12
