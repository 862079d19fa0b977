"""A repeat form's export is stored as submissions with child records, once, and the web form says
it cannot take repeats."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from citybridge.web.errors import ImportRejected
from citybridge.web.imports import import_file
from citybridge.web.repeats.models import RepeatInstance
from citybridge.web.surveys.models import Submission
from citybridge.web.surveys.store import add_survey
from tests.submissions.test_linked import KOBO, household_form, kobo_xlsx


@pytest.fixture
def household(training, tmp_path):
    household_form(tmp_path)  # writes form.xlsx
    survey, _, _ = add_survey(training, tmp_path / "form.xlsx")
    return survey


def test_a_kobo_xlsx_stores_submissions_and_their_nested_instances_once(household, tmp_path):
    export = kobo_xlsx(tmp_path, KOBO)
    report = import_file(household, export)
    assert report.new == 2
    members = RepeatInstance.objects.filter(repeat="member").order_by("key")
    assert [(m.key, m.submission.instance_id, m.answers) for m in members] == [
        ("aaa/member[1]", "aaa", {"name": "Aziz", "age": 34}),
        ("aaa/member[2]", "aaa", {"name": "Dilnoza", "age": 31}),
        ("bbb/member[1]", "bbb", {"name": "Olim", "age": 60}),
    ]
    visits = RepeatInstance.objects.filter(repeat="member/visit").order_by("key")
    assert [(v.parent.key, v.answers) for v in visits] == [
        ("aaa/member[2]", {"day": "2020-11-01"}),
        ("aaa/member[2]", {"day": "2020-11-03"}),
    ]
    again = import_file(household, export)
    assert (again.new, again.already_present, RepeatInstance.objects.count()) == (0, 2, 5)


def test_a_bad_instance_stores_nothing(household, tmp_path):
    sheets = {**KOBO, "member": [*KOBO["member"][:3], ["Olim", 160, 3, 2, "household", "bbb"]]}
    with pytest.raises(ImportRejected):
        import_file(household, kobo_xlsx(tmp_path, sheets))
    assert (Submission.objects.count(), RepeatInstance.objects.count()) == (0, 0)


def test_a_flat_csv_of_a_repeat_form_is_refused_saying_which_files_carry_repeats(household, tmp_path):
    from citybridge.submissions.sources import SourceError

    flat = tmp_path / "flat.csv"
    flat.write_text("village,_uuid\nChorsu,aaa\n")
    with pytest.raises(
        SourceError, match="repeats come as a CSV ZIP, an XLSX with one sheet per repeat or Kobo"
    ):
        import_file(household, flat)


def test_the_participant_page_asks_a_repeats_questions_once_per_instance(household):
    from citybridge.web.participate.links import open_link

    page = Client().get(f"/s/{open_link(household).token}/").content.decode()
    assert 'id="id-village"' in page
    assert 'name="repeat_instance" value="member[1]"' in page and 'name="member[1]/name"' in page
    assert 'name="name"' not in page and "this page cannot take them" not in page


def test_a_select_one_from_file_form_added_from_its_folder_keeps_the_files_choices(training, tmp_path):
    from tests.forms.xlsform_builder import build_xlsform

    (tmp_path / "cities.csv").write_text("name,label\ntashkent,Tashkent\nosh,Osh\n")
    path = build_xlsform(tmp_path, [{"type": "select_one_from_file cities.csv", "name": "city", "label": "City"}],
                         settings={"form_id": "cities", "version": "1"})  # fmt: skip
    survey, _, _ = add_survey(training, path)
    assert survey.current_version().form().question("city").choice_names() == ("tashkent", "osh")


@pytest.fixture
def example_household(example, tmp_path):
    """The household form in the example's training, which its organiser and analyst may see."""
    household_form(tmp_path)
    survey, _, _ = add_survey(example.training, tmp_path / "form.xlsx")
    return survey


@pytest.mark.parametrize("fmt", ["zip", "xlsx"])
def test_stored_repeats_export_as_linked_tables_that_import_again_as_nothing_new(
    example_household, tmp_path, client_as, fmt
):
    from citybridge.submissions.linked import read_linked_export, validate_linked

    import_file(example_household, kobo_xlsx(tmp_path, KOBO))
    url = f"/repeats/{example_household.slug}/linked.{fmt}"  # linked.zip, linked.xlsx
    assert client_as("outsider").get(url, follow=True).status_code == 404
    response = client_as("analyst").get(url, follow=True)
    assert response.status_code == 200
    path = tmp_path / f"again.{fmt}"
    path.write_bytes(response.content)
    form = example_household.current_version().form()
    result = validate_linked(form, read_linked_export(path, form))
    assert result.ok, [str(p) for p in result.problems]
    visits = result.children["member/visit"].frame
    assert visits.select("_instance_id", "_parent_key", "day").rows() == [
        ("aaa/member[2]/visit[1]", "aaa/member[2]", dt.date(2020, 11, 1)),
        ("aaa/member[2]/visit[2]", "aaa/member[2]", dt.date(2020, 11, 3)),
    ]
    again = import_file(example_household, path)
    assert (again.new, again.already_present, RepeatInstance.objects.count()) == (0, 2, 5)


KOBO_JSON = {"count": 2, "results": [
    {"village": "Chorsu", "_id": 1, "_uuid": "aaa", "_submission_time": "2020-11-10T04:00:00", "member_count": "2",
     "_attachments": [], "_geolocation": [None, None], "_tags": [], "_notes": [], "_validation_status": {},
     "member": [{"member/name": "Aziz", "member/age": "34"},
                {"member/name": "Dilnoza", "member/age": 31, "member/visit_count": "2",
                 "member/visit": [{"member/visit/day": "2020-11-01"}, {"member/visit/day": "2020-11-03"}]}]},
    {"village": "Yunusobod", "_id": 2, "_uuid": "bbb", "_submission_time": "2020-11-10T05:00:00",
     "member": [{"member/name": "Olim", "member/age": "60"}]},
]}  # fmt: skip


def test_kobos_api_json_with_nested_repeats_stores_the_same_instances_as_its_xlsx_once(household, tmp_path):
    # Kobo's API (and formpack) nests each repeat's objects in its parent's; pyxform's generated
    # REPEAT_count nodes are left aside, as the instances they count are kept.
    export = tmp_path / "kobo.json"
    export.write_text(json.dumps(KOBO_JSON))
    report = import_file(household, export)
    assert (report.new, report.problems) == (2, [])
    instances = RepeatInstance.objects.order_by("key")
    assert [(i.key, i.answers) for i in instances] == [
        ("aaa/member[1]", {"name": "Aziz", "age": 34}),
        ("aaa/member[2]", {"name": "Dilnoza", "age": 31}),
        ("aaa/member[2]/visit[1]", {"day": "2020-11-01"}),
        ("aaa/member[2]/visit[2]", {"day": "2020-11-03"}),
        ("bbb/member[1]", {"name": "Olim", "age": 60}),
    ]
    again = import_file(household, export)
    assert (again.new, again.already_present, RepeatInstance.objects.count()) == (0, 2, 5)


def test_a_kobo_json_key_no_question_names_inside_a_repeat_is_refused(household, tmp_path):
    export = tmp_path / "kobo.json"
    body = {
        "results": [{**KOBO_JSON["results"][1], "member": [{"member/name": "Olim", "member/shoe": "42"}]}]
    }
    export.write_text(json.dumps(body))
    with pytest.raises(ImportRejected):
        import_file(household, export)
    assert Submission.objects.count() == 0
