"""``citybridge waves ...`` and ``citybridge analyze --waves`` as an organiser types them."""

from __future__ import annotations

import csv
import json

from tests.examples.test_uzbekistan_followup import FOLDER
from tests.test_cli import invoke
from tests.web.waves.conftest import DATA, PEOPLE


def test_an_organiser_adds_a_wave_sends_its_invitations_and_reads_the_table(
    capsys, training, registrants, smtp
):
    code, out, err = invoke(capsys, "waves", "add", training.slug, str(DATA / "follow_3m.md"), "--name", "3 months",
                            "--opens", "2021-06-04", "--remind", "7,14")  # fmt: skip
    assert code == 0, err
    assert "opens 2021-06-04" in " ".join(out.split())  # Rich wraps at the terminal width
    code, out, err = invoke(capsys, "waves", "send", "follow-3m", "--on", "2021-06-04")
    assert code == 0, err
    assert f"{len(PEOPLE)} sent, 0 refused" in " ".join(out.split()) and len(smtp.messages) == len(PEOPLE)
    code, out, _ = invoke(capsys, "waves", "status", "follow-3m", "--json")
    table = json.loads(out)
    assert table["steps"][0] == {"step": "invite", "sent": len(PEOPLE), "failed": 0, "unconfirmed": 0}


def test_a_wave_of_an_unknown_kind_is_refused_in_one_line(capsys, training):
    code, _, err = invoke(
        capsys, "waves", "add", training.slug, str(DATA / "post.md"), "--name", "x", "--kind", "monthly"
    )
    assert code == 1 and err.strip() == "error: wave kind 'monthly': choose from baseline, post, follow-up"


def test_analyze_waves_json_gives_the_example_follow_ups_base_from_its_links(capsys, example):
    from citybridge.web.waves.example import load_follow_up

    load_follow_up(example.training, FOLDER.parent)
    code, out, err = invoke(capsys, "analyze", "--waves", example.training.slug, "--json")
    assert code == 0, err
    (comparison,) = json.loads(out)["comparisons"]
    links = list(csv.DictReader((FOLDER / "links.csv").open(encoding="utf-8")))
    assert comparison["attrition"]["both"] == sum(row["wave"] == "3 months" for row in links)
    assert comparison["unlinked_answers"] == 0
    assert all("base" in m["sentence"] and m["test"] in m["sentence"] for m in comparison["measures"])
