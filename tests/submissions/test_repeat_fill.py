"""Filling repeats on a page (real pyxform example forms): instances posted, numbered, checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from citybridge.forms import load_xlsform
from citybridge.submissions.batch import INSTANCE_ID
from citybridge.submissions.fill import offered_choices
from citybridge.submissions.linked import PARENT_KEY
from citybridge.submissions.repeat_fill import (
    Instance,
    added,
    instances_from_fields,
    linked_answers,
    linked_problems,
    removed,
    started,
    validate_instances,
    with_counts,
)
from citybridge.submissions.sources import from_payloads
from citybridge.submissions.validate import validate

EXAMPLES = Path(__file__).parent.parent / "fixtures" / "pyxform_examples"
HOUSEHOLDS = Path(__file__).parents[1] / "web" / "participate" / "data" / "households.md"
CITIES_BY_PICK = Path(__file__).parent / "data" / "cities_by_pick.md"


@pytest.fixture(scope="module")
def tutorial():
    """pyxform's tutorial: a household 'member' repeat whose questions depend on each other."""
    return load_xlsform(EXAMPLES / "tutorial.xls")


@pytest.fixture(scope="module")
def households():
    return load_xlsform(HOUSEHOLDS)


def _check(form, instances, answers=None):
    payload = {"instance_id": "sub1", "answers": answers or {}}
    linked, keys = linked_answers(form, payload, instances, source="web form")
    result = validate_instances(form, linked)
    return result, [(p.question, p.kind) for p in linked_problems(form, result, keys)]


def test_posted_instances_are_numbered_again_in_page_order_and_orphans_dropped(households):
    fields = {
        "repeat_instance": ["member[4]", "member[4]/trip[1007]", "member[9]", "member[2]/trip[1]", "room[1]"],
        "member[4]/name": ["Aziz"],
        "member[4]/trip[1007]/place": ["Khiva"],
        "member[9]/name": ["Dilnoza"],
        "member[2]/trip[1]/place": ["Nowhere"],
    }
    found = instances_from_fields(households, fields)
    assert [(i.key, i.answers) for i in found] == [
        ("member[1]", {"name": "Aziz"}),
        ("member[2]", {"name": "Dilnoza"}),
        ("room[1]", {}),
        ("member[1]/trip[1]", {"place": "Khiva"}),
    ]


def test_a_key_the_form_has_no_repeat_for_is_ignored(households):
    assert instances_from_fields(households, {"repeat_instance": ["visit[1]", "member[x]", "trip[1]"]}) == []


def test_adding_and_removing_keep_the_other_instances_and_their_nested_ones(households):
    shown = added(households, started(households, {}), "|member")
    assert [i.key for i in shown] == ["member[1]", "member[2]", "member[1]/trip[1]", "member[2]/trip[1]"]
    shown = added(households, shown, "member[2]|member/trip")
    shown = removed(households, shown, "member[1]")
    assert [i.key for i in shown] == ["member[1]", "member[1]/trip[1]", "member[1]/trip[2]"]


def test_a_counted_repeat_cannot_be_added_to_and_follows_its_count(households):
    assert added(households, [], "|room") == []
    assert [i.key for i in with_counts(households, {"rooms": "2"}, [])] == ["room[1]", "room[2]"]
    three = [Instance("room", f"room[{n}]") for n in (1, 2, 3)]
    assert [i.key for i in with_counts(households, {"rooms": "1"}, three)] == ["room[1]"]
    assert with_counts(households, {}, three) == []  # no answer: no room


def test_a_count_from_a_calculation_is_honoured():
    form = load_xlsform(EXAMPLES / "repeat_date_test.xls")  # repeat_count is a calculate of 1
    assert [i.key for i in started(form, {})] == ["repeat_test[1]"]


def test_each_instance_is_checked_with_its_own_relevance_and_constraints(tutorial):
    adult = {
        "name": "Malika",
        "sex": "female",
        "older_than_five": "yes",
        "age_in_years": "30",
        "literate": "yes",
    }
    baby = {"name": "Timur", "sex": "male", "older_than_five": "no", "age_in_months": "80", "literate": "no"}
    result, problems = _check(
        tutorial, [Instance("member", "member[1]", adult), Instance("member", "member[2]", baby)]
    )
    # the baby's literacy does not apply and is left out (as for any question), his age breaks `. <= 72`
    assert problems == [("member[2]/age_in_months", "constraint")]
    assert result.children["member"].frame.height == 1


def test_valid_instances_become_linked_rows_under_their_submission(tutorial):
    adult = {"name": "Malika", "sex": "female", "older_than_five": "yes", "age_in_years": "30"}
    result, problems = _check(
        tutorial, [Instance("member", "member[1]", adult), Instance("member", "member[2]", adult)]
    )
    assert problems == []
    rows = result.children["member"].frame.select(INSTANCE_ID, PARENT_KEY, "age_in_years").rows()
    assert rows == [("sub1/member[1]", "sub1", 30), ("sub1/member[2]", "sub1", 30)]


def test_a_nested_instance_links_to_its_member_and_a_missing_answer_is_named_by_its_field(households):
    instances = [
        Instance("member", "member[1]", {"name": "Aziz", "age": "40"}),
        Instance("member/trip", "member[1]/trip[1]", {"place": "Khiva"}),
        Instance("member/trip", "member[1]/trip[2]", {}),
    ]
    _, problems = _check(households, instances, {"country": "uz", "city": "tashkent"})
    assert problems == [("member[1]/trip[2]/place", "required")]
    trips = _check(households, instances[:2], {"country": "uz", "city": "tashkent"})[0].children[
        "member/trip"
    ]
    assert trips.frame.select(INSTANCE_ID, PARENT_KEY).rows() == [
        ("sub1/member[1]/trip[1]", "sub1/member[1]")
    ]


def test_a_cascade_offers_the_cities_of_the_country_picked():
    form = load_xlsform(EXAMPLES / "choice_filter_test.xlsx")
    county = form.question("county")
    assert offered_choices(form, county, {}) is None  # nothing picked yet: every choice listed
    assert offered_choices(form, county, {"state": "texas"}) == {"king", "cameron"}
    assert offered_choices(form, form.question("city"), {"state": "texas", "county": "cameron"}) == {
        "brownsville",
        "harlingen",
    }


def test_a_selected_filter_offers_the_cities_of_every_country_ticked():
    form = load_xlsform(CITIES_BY_PICK)
    assert offered_choices(form, form.question("city"), {"countries": "uz kz"}) == {"tashkent", "almaty"}
    assert offered_choices(form, form.question("city"), {"countries": "kz"}) == {"almaty"}


def test_the_validator_refuses_a_choice_a_selected_filter_leaves_out():
    form = load_xlsform(CITIES_BY_PICK)
    rows = [
        (1, {"instance_id": "a", "answers": {"countries": "uz", "city": "tashkent"}}),
        (2, {"instance_id": "b", "answers": {"countries": "uz", "city": "almaty"}}),
        (3, {"instance_id": "c", "answers": {"countries": "uz kz", "city": "osh"}}),
    ]
    result = validate(form, from_payloads(form, rows))
    assert [(p.row, p.column) for p in result.problems] == [(2, "answers.city"), (3, "answers.city")]
    assert result.unchecked == []


def test_a_rule_inside_an_instance_reads_the_answers_outside_it(households):
    """`abroad` (in each member) is asked only when the country is not Uzbekistan."""
    member = [Instance("member", "member[1]", {"name": "Aziz", "age": "40", "abroad": "yes"})]
    result, problems = _check(households, member, {"country": "uz", "city": "tashkent"})
    assert problems == []
    assert [answers for _, _, answers in result.children["member"].records()] == [{"name": "Aziz", "age": 40}]
    _, problems = _check(
        households, [Instance("member", "member[1]", {"name": "Aziz", "age": "40"})], {"country": "kz"}
    )
    assert ("member[1]/abroad", "required") in problems


def test_pyxform_spec_form_asks_nothing_in_its_repeat_once_the_form_is_skipped():
    """xlsform_spec_test wraps its repeat in a group whose relevance reads ${skip_to_end}."""
    form = load_xlsform(EXAMPLES / "xlsform_spec_test.xlsx")
    instance = Instance("everything/repeat_test", "repeat_test[1]", {})
    _, problems = _check(form, [instance], {"skip_to_end": "yes"})
    assert problems == []
    _, problems = _check(form, [instance], {"skip_to_end": "no"})
    assert ("repeat_test[1]/required_text", "required") in problems


def test_the_page_field_bound_counts_each_choice_of_a_select_multiple_and_other_in_the_largest_repeat(
    tmp_path,
):
    from citybridge.submissions.repeat_fill import MAX_PAGE_INSTANCES, PAGE_OWN_FIELDS, page_field_bound

    form = tmp_path / "form.md"
    form.write_text(
        """| survey |                                |        |            |
|        | type                           | name   | label      |
|        | text                           | city   | City       |
|        | begin repeat                   | member | Member     |
|        | text                           | name   | Name       |
|        | select_multiple lang or_other  | speaks | Speaks     |
|        | end repeat                     |        |            |
|        | begin repeat                   | room   | Room       |
|        | integer                        | area   | Area       |
|        | end repeat                     |        |            |
| choices |                               |        |            |
|        | list_name                      | name   | label      |
|        | lang                           | uz     | Uzbek      |
|        | lang                           | ru     | Russian    |
|        | lang                           | en     | English    |
""",
        encoding="utf-8",
    )
    # a member posts its key, its name, four choices (the three and "other") and the other's text:
    # seven fields; a room two.
    assert page_field_bound(load_xlsform(form)) == PAGE_OWN_FIELDS + 1 + MAX_PAGE_INSTANCES * 7
