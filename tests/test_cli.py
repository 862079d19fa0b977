"""The ``citybridge`` command as a user meets it: help everywhere, ids printed, one-line errors."""

from __future__ import annotations

import pytest
import typer.main

from citybridge.cli import app, run
from tests.web.conftest import KOBO_HEADER, MINI_FORM


def invoke(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        run(list(args))
    captured = capsys.readouterr()
    return exit_info.value.code or 0, captured.out, captured.err


def _commands(group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))


COMMANDS = list(_commands(typer.main.get_command(app)))


@pytest.mark.parametrize("path", [p for p, _ in COMMANDS], ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help(capsys, path):
    code, out, _ = invoke(capsys, *path, "--help")
    assert code == 0
    assert "Usage: citybridge" in out and len(out.splitlines()) > 3


@pytest.mark.django_db
def test_training_and_survey_commands_print_the_new_ids(capsys):
    from citybridge.web.surveys.models import Survey
    from citybridge.web.trainings.models import Training

    code, out, _ = invoke(capsys, "training", "create", "Cities 2020", "--starts-on", "2020-11-03")
    assert code == 0 and f"Created training {Training.objects.get().pk} (cities-2020)" in out
    code, out, _ = invoke(capsys, "survey", "add", str(MINI_FORM), "--training", "cities-2020")
    assert code == 0 and f"Survey {Survey.objects.get().pk} (mini-evaluation)" in out


@pytest.mark.django_db
def test_import_reports_new_present_and_rejected_then_status_shows_the_rate(capsys, tmp_path):
    from citybridge.web.surveys.models import Survey

    invoke(capsys, "training", "create", "Cities 2020")
    invoke(capsys, "survey", "add", str(MINI_FORM), "--training", "cities-2020")
    export = tmp_path / "kobo.csv"
    export.write_text(f"{KOBO_HEADER}\nu1,2020-11-10T06:00:00,good,agree,40,no,,,1\n", encoding="utf-8")
    code, out, _ = invoke(capsys, "submissions", "import", str(export), "--survey", "mini-evaluation")
    assert code == 0 and "kobo.csv: 1 new, 0 already present, 0 rejected." in out
    survey_id = Survey.objects.get().pk
    code, out, _ = invoke(capsys, "submissions", "import", str(export), "--survey", str(survey_id))
    assert "kobo.csv: 0 new, 1 already present, 0 rejected." in out
    people = tmp_path / "people.csv"
    people.write_text("name,city,email,consent\nA,Namangan,a@example.uz,yes\nB,Khiva,b@example.uz,no\n")
    invoke(capsys, "participants", "import", str(people), "--training", "cities-2020")
    code, out, _ = invoke(capsys, "status")
    assert code == 0 and "50%" in out


@pytest.mark.django_db
def test_a_rejected_import_prints_each_problem_and_no_traceback(capsys, tmp_path):
    invoke(capsys, "training", "create", "Cities 2020")
    invoke(capsys, "survey", "add", str(MINI_FORM), "--training", "cities-2020")
    export = tmp_path / "bad.csv"
    export.write_text(f"{KOBO_HEADER}\nu1,2020-11-10T06:00:00,great,agree,40,no,,,1\n", encoding="utf-8")
    code, _, err = invoke(capsys, "submissions", "import", str(export), "--survey", "mini-evaluation")
    assert code == 1
    assert "bad.csv, row 2, column 'evaluation/materials': value 'great'" in err
    assert "nothing was stored" in err and "Traceback" not in err


@pytest.mark.django_db
def test_skip_invalid_writes_the_rejected_rows_with_reasons(capsys, tmp_path):
    invoke(capsys, "training", "create", "Cities 2020")
    invoke(capsys, "survey", "add", str(MINI_FORM), "--training", "cities-2020")
    export = tmp_path / "mixed.csv"
    rows = ["u1,2020-11-10T06:00:00,great,agree,40,no,,,1", "u2,2020-11-10T06:00:00,good,agree,40,no,,,2"]
    export.write_text("\n".join([KOBO_HEADER, *rows]) + "\n", encoding="utf-8")
    code, out, _ = invoke(
        capsys, "submissions", "import", str(export), "--survey", "mini-evaluation", "--skip-invalid"
    )
    assert code == 0 and "1 new, 0 already present, 1 rejected" in out
    rejected = (tmp_path / "mixed.rejected.csv").read_text(encoding="utf-8").splitlines()
    assert rejected[0].startswith("row,_uuid,_submission_time,evaluation/materials")
    assert rejected[1].startswith("2,u1,") and "not in the choice list 'rating'" in rejected[1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("survey", "add", "missing.xlsx", "--training", "cities-2020"), "missing.xlsx: no such file"),
        (("submissions", "import", "x.csv", "--survey", "nope"), "no survey 'nope'"),
        (("training", "create", "T", "--starts-on", "3 Nov"), "YYYY-MM-DD"),
    ],
)
def test_user_errors_are_one_clear_line(capsys, args, message):
    invoke(capsys, "training", "create", "Cities 2020")
    code, _, err = invoke(capsys, *args)
    assert code == 1 and message in err and "Traceback" not in err


def test_survey_check_reads_a_form_without_a_store(capsys, monkeypatch):
    import citybridge.commands.common

    monkeypatch.setattr(citybridge.commands.common.console, "width", 200)
    code, out, _ = invoke(capsys, "survey", "check", str(MINI_FORM))
    assert code == 0 and "evaluation/materials" in out and "mini_evaluation" in out


@pytest.mark.django_db
def test_a_report_without_the_fonts_is_one_clear_line_naming_the_packages(capsys, monkeypatch, tmp_path):
    from citybridge.reports import pdf

    def no_fonts(*_args, **_kwargs):
        raise pdf.MissingFontsError("PDF needs fonts: apt-get install fonts-noto-cjk", ("fonts-noto-cjk",))

    invoke(capsys, "training", "create", "Cities 2020")
    invoke(capsys, "survey", "add", str(MINI_FORM), "--training", "cities-2020")
    monkeypatch.setattr(pdf, "check_fonts", no_fonts)
    code, _, err = invoke(
        capsys, "report", "--training", "cities-2020", "--format", "pdf", "--out", str(tmp_path)
    )
    assert code == 1 and "fonts-noto-cjk" in err and "unexpected" not in err and "Traceback" not in err


@pytest.mark.django_db
def test_submissions_export_writes_a_repeat_forms_linked_tables_that_import_again_as_nothing_new(
    capsys, tmp_path
):
    import zipfile

    from tests.submissions.test_linked import KOBO, household_form, kobo_xlsx

    household_form(tmp_path)
    invoke(capsys, "training", "create", "Households 2020")
    invoke(capsys, "survey", "add", str(tmp_path / "form.xlsx"), "--training", "households-2020")
    invoke(capsys, "submissions", "import", str(kobo_xlsx(tmp_path, KOBO)), "--survey", "household")
    code, out, _ = invoke(
        capsys, "submissions", "export", "--survey", "household", "--out", str(tmp_path / "out")
    )
    path = tmp_path / "out" / "household-submissions.zip"
    assert code == 0 and f"{path}:" in out.replace("\n", "")
    assert zipfile.ZipFile(path).namelist() == [
        "household.csv",
        "household-member.csv",
        "household-visit.csv",
    ]
    code, out, _ = invoke(capsys, "submissions", "import", str(path), "--survey", "household")
    assert code == 0 and "household-submissions.zip: 0 new, 2 already present, 0 rejected." in out
