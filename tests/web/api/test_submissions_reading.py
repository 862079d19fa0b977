"""GET /surveys/{id}/submissions (cursor paging) and /submissions/export (CSV, Parquet)."""

from __future__ import annotations

import io

import polars as pl


def test_paging_returns_every_submission_exactly_once_newest_last(call, example, read_token):
    path = f"/surveys/{example.survey.pk}/submissions"
    seen, after, pages = [], 0, 0
    while True:
        body = call("get", path, read_token, after=after, limit=7).json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        if body["next_after"] is None:
            break
        after = body["next_after"]
    stored = list(example.survey.submissions.order_by("pk").values_list("pk", flat=True))
    assert seen == stored
    assert pages == -(-len(stored) // 7)


def test_submissions_carry_their_answers_as_stored(call, example, read_token):
    body = call("get", f"/surveys/{example.survey.pk}/submissions", read_token, limit=1).json()
    (item,) = body["items"]
    stored = example.survey.submissions.order_by("pk").first()
    assert item["instance_id"] == stored.instance_id
    assert item["answers"] == stored.answers
    assert item["source"] == "import"
    assert body["next_after"] == stored.pk


def test_a_page_after_the_last_submission_is_empty_and_final(call, example, read_token):
    last = example.survey.submissions.order_by("pk").last().pk
    body = call("get", f"/surveys/{example.survey.pk}/submissions", read_token, after=last).json()
    assert body == {"items": [], "next_after": None}


def test_the_csv_export_has_one_row_per_submission(call, example, read_token):
    response = call("get", f"/surveys/{example.survey.pk}/submissions/export", read_token, format="csv")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv"
    assert "attachment" in response["Content-Disposition"]
    frame = pl.read_csv(io.BytesIO(response.content))
    assert frame.height == example.survey.submissions.count()
    assert set(frame.get_column("_instance_id")) == set(
        example.survey.submissions.values_list("instance_id", flat=True)
    )
    # Multiple choices are joined by spaces, as KoboToolbox writes them.
    assert any(" " in value for value in frame.get_column("priorities").drop_nulls())


def test_the_parquet_export_keeps_multiple_choices_as_lists(call, example, read_token):
    response = call("get", f"/surveys/{example.survey.pk}/submissions/export", read_token, format="parquet")
    assert response.status_code == 200
    frame = pl.read_parquet(io.BytesIO(response.content))
    assert frame.height == example.survey.submissions.count()
    assert frame.schema["priorities"] == pl.List(pl.String)


def test_an_unknown_export_format_answers_422(call, example, read_token):
    response = call("get", f"/surveys/{example.survey.pk}/submissions/export", read_token, format="xls")
    assert response.status_code == 422
    assert response.json()["problems"][0]["column"] == "query.format"
