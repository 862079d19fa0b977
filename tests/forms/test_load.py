"""Loading XLSForms through pyxform into a typed Form, and refusing what cannot be used."""

from __future__ import annotations

import json

import pytest

from citybridge.forms import Choice, Form, FormError, Question, load_xlsform
from tests.forms.xlsform_builder import EN, UZ, build_xlsform, markdown_xlsform

# --- the city survey: every supported type --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "path"),
    [
        ("full_name", "text", "profile/full_name"),
        ("age", "integer", "profile/age"),
        ("city", "select_one", "profile/city"),
        ("intro", "note", "intro"),
        ("topics", "select_multiple", "training/topics"),
        ("topics_other", "text", "training/topics_other"),
        ("budget", "decimal", "training/budget"),
        ("visit", "date", "visit"),
        ("meeting", "datetime", "meeting"),
        ("age_months", "calculate", "age_months"),
        ("partner", "select_one", "partner"),
        ("partner_name", "text", "partner_name"),
    ],
)
def test_each_supported_type_loads_with_its_xlsform_type_and_group_path(city_form, name, kind, path):
    question = city_form.question(name)
    assert (question.type, question.path) == (kind, path)


def test_questions_keep_form_order_and_groups_are_not_questions(city_form):
    assert [q.name for q in city_form.questions] == [
        "full_name",
        "age",
        "city",
        "intro",
        "topics",
        "topics_other",
        "budget",
        "visit",
        "meeting",
        "age_months",
        "partner",
        "partner_name",
    ]
    assert not city_form.has_question("profile") and not city_form.has_question("training")


def test_notes_take_no_answer_but_calculations_do(city_form):
    answer_names = [q.name for q in city_form.answer_questions]
    assert "intro" not in answer_names
    assert "age_months" in answer_names
    assert city_form.question("age_months").calculation == "${age} * 12"


@pytest.mark.parametrize(
    ("name", "required", "constraint", "relevant"),
    [
        ("full_name", True, None, None),
        ("age", False, ". >= 18 and . <= 90", None),
        ("city", True, None, None),
        ("topics", False, "count-selected(.) <= 3", None),
        ("budget", False, ". > 0", None),
        ("partner_name", True, None, "${partner} = 'yes'"),
        ("topics_other", False, None, "selected(../topics, 'other')"),
    ],
)
def test_required_constraint_and_relevant_are_kept_as_written(
    city_form, name, required, constraint, relevant
):
    question = city_form.question(name)
    assert (question.required, question.constraint, question.relevant) == (required, constraint, relevant)


def test_constraint_message_is_kept_per_language(city_form):
    assert city_form.question("age").constraint_message == {"English (en)": "Age must be between 18 and 90"}


def test_choices_keep_the_order_of_the_choices_sheet_with_labels_in_every_language(city_form):
    city = city_form.question("city")
    assert city.list_name == "city"
    assert city.choices == (
        Choice("tashkent", {"English (en)": "Tashkent", "Uzbek (uz)": "Тошкент"}),
        Choice("samarkand", {"English (en)": "Samarkand", "Uzbek (uz)": "Самарқанд"}),
        Choice("bukhara", {"English (en)": "Bukhara", "Uzbek (uz)": "Бухоро"}),
    )


def test_select_multiple_or_other_gets_an_other_choice_and_a_companion_text(city_form):
    topics = city_form.question("topics")
    assert topics.or_other is True
    assert topics.choice_names() == ("transport", "water", "housing", "other")
    companion = city_form.question("topics_other")
    assert companion.type == "text" and companion.path == "training/topics_other"
    assert city_form.question("partner").or_other is False


@pytest.mark.parametrize(
    ("language", "label", "hint"),
    [
        ("English (en)", "Your age", "In whole years"),
        ("Uzbek (uz)", "Ёшингиз", "Тўлиқ йилларда"),
        ("uz", "Ёшингиз", "Тўлиқ йилларда"),
        ("Uzbek", "Ёшингиз", "Тўлиқ йилларда"),
    ],
)
def test_labels_and_hints_are_kept_per_language_and_found_by_name_or_code(city_form, language, label, hint):
    age = city_form.question("age")
    assert age.label(language) == label
    assert age.hints[_full(language)] == hint


def _full(language: str) -> str:
    return {"uz": "Uzbek (uz)", "Uzbek": "Uzbek (uz)"}.get(language, language)


def test_choice_labels_are_found_by_language_code(city_form):
    assert city_form.question("city").choices[0].label("uz") == "Тошкент"
    assert city_form.question("city").choices[0].label("en") == "Tashkent"


def test_settings_give_form_id_version_title_and_default_language(city_form):
    assert (city_form.form_id, city_form.version, city_form.title, city_form.default_language) == (
        "city_survey",
        "2020110301",
        "City survey",
        "English (en)",
    )
    assert city_form.languages == ("English (en)", "Uzbek (uz)")


def test_the_default_language_is_listed_first(tmp_path):
    path = build_xlsform(
        tmp_path,
        [{"type": "text", "name": "q", EN: "Question", UZ: "Савол"}],
        settings={"form_id": "f", "default_language": "Uzbek (uz)"},
    )
    form = load_xlsform(path)
    assert form.default_language == "Uzbek (uz)"
    assert form.languages == ("Uzbek (uz)", "English (en)")


def test_a_form_without_settings_or_languages_has_plain_labels(tmp_path):
    path = build_xlsform(tmp_path, [{"type": "integer", "name": "n", "label": "How many?"}])
    form = load_xlsform(path)
    assert form.version == "" and form.default_language is None and form.languages == ()
    assert form.question("n").labels == {"default": "How many?"}
    assert form.question("n").label("English (en)") == "How many?"


def test_to_dict_and_from_dict_round_trip_to_an_equal_form(city_form):
    assert Form.from_dict(city_form.to_dict()) == city_form
    assert Form.from_dict(json.loads(json.dumps(city_form.to_dict()))) == city_form


def test_loading_from_bytes_with_a_file_name_gives_the_same_form(city_form, city_form_path):
    assert load_xlsform(city_form_path.read_bytes(), filename="upload.xlsx") == city_form


# --- what is refused --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "survey",
    [
        [
            {"type": "begin repeat", "name": "members", "label": "Members"},
            {"type": "text", "name": "member", "label": "Name"},
            {"type": "end repeat"},
        ],
        [
            {"type": "begin group", "name": "household", "label": "Household"},
            {"type": "begin repeat", "name": "members", "label": "Members"},
            {"type": "text", "name": "member", "label": "Name"},
            {"type": "end repeat"},
            {"type": "end group"},
        ],
    ],
    ids=["top-level", "inside-a-group"],
)
def test_a_repeat_loads_and_a_flat_import_of_its_form_is_refused_in_one_line(tmp_path, survey):
    from citybridge.submissions.sources import SourceError, read_export

    path = build_xlsform(tmp_path, survey, name="household.xlsx")
    form = load_xlsform(path)
    assert form.question("member").repeat == form.repeats[0] and form.repeats[0].endswith("members")
    export = tmp_path / "export.csv"
    export.write_text("_uuid\nu1\n")
    with pytest.raises(SourceError) as error:
        read_export(export, form)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith("export.csv: repeat '") and "members' (1 question(s)" in message


YESNO = [
    {"list_name": "yesno", "name": "yes", "label": "Yes"},
    {"list_name": "yesno", "name": "no", "label": "No"},
]


@pytest.mark.parametrize(
    ("survey", "choices", "expected"),
    [
        pytest.param(
            [{"type": "select_one colours", "name": "colour", "label": "Colour"}],
            YESNO,
            ["survey sheet, row 2:", "List name not in choices sheet: colours"],
            id="missing-choice-list",
        ),
        pytest.param(
            [
                {"type": "text", "name": "city", "label": "City"},
                {"type": "integer", "name": "city", "label": "Population"},
            ],
            [],
            ["survey sheet, row 3:", "'city'", "must be unique"],
            id="duplicate-question-names",
        ),
        pytest.param(
            [{"type": "select_one yesno", "name": "ok", "label": "OK?"}],
            [*YESNO, {"list_name": "yesno", "name": "yes", "label": "Sure"}],
            ["choices sheet, row 4:", "Choice names must be unique"],
            id="duplicate-choice-names",
        ),
        pytest.param(
            [{"type": "text", "name": "why", "label": "Why?", "relevant": "${reason} = 'x'"}],
            [],
            ["survey sheet, row 2:", "'relevant'", "'reason'"],
            id="reference-to-no-question",
        ),
        pytest.param(
            [{"type": "begin group", "name": "g", "label": "G"}, {"type": "text", "name": "a", "label": "A"}],
            [],
            ["survey sheet, row 2:", "Unmatched 'begin_group'"],
            id="unclosed-group",
        ),
        # pyxform names no row for an unknown type; its message names the type.
        pytest.param(
            [{"type": "text", "name": "a", "label": "A"}, {"type": "texxt", "name": "b", "label": "B"}],
            [],
            ["Unknown question type 'texxt'"],
            id="unknown-type",
        ),
    ],
)
def test_a_form_pyxform_rejects_gives_a_one_line_form_error_with_file_and_row(
    tmp_path, survey, choices, expected
):
    path = build_xlsform(tmp_path, survey, choices, {"form_id": "bad"}, name="bad_form.xlsx")
    with pytest.raises(FormError) as error:
        load_xlsform(path)
    message = str(error.value)
    assert message.startswith("bad_form.xlsx: ") and "\n" not in message
    for fragment in expected:
        assert fragment in message


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("survey.xlsx", b"this is not a workbook"),
        ("survey.xlsx", b""),
        ("survey.xlsx", b"PK\x03\x04 truncated zip"),
        ("survey.csv", b"\x00\x01\xff\xfe binary"),
        ("survey.md", b"just some prose, no tables"),
        ("survey.docx", b"PK\x03\x04"),
        ("survey.pdf", b"%PDF-1.4"),
    ],
)
def test_a_file_that_is_not_a_form_gives_a_form_error_naming_it(tmp_path, filename, content):
    path = tmp_path / filename
    path.write_bytes(content)
    with pytest.raises(FormError, match=rf"^{filename}: "):
        load_xlsform(path)
    with pytest.raises(FormError, match=r"^upload\.xlsx: "):
        load_xlsform(content, filename="upload.xlsx")


def test_a_missing_file_gives_a_form_error_naming_it(tmp_path):
    with pytest.raises(FormError, match=r"^nowhere\.xlsx: cannot read the file"):
        load_xlsform(tmp_path / "nowhere.xlsx")


# --- forms from the ODK world ------------------------------------------------------------------------

TUTORIAL_SURVEY = [
    {"type": "start", "name": "start"},
    {"type": "end", "name": "end"},
    {"type": "today", "name": "today"},
    {"type": "deviceid", "name": "deviceid"},
    {
        "type": "text",
        "name": "name",
        "label::English": "What is your name?",
        "label::French": "Quel est votre nom ?",
    },
    {
        "type": "integer",
        "name": "age",
        "label::English": "How old are you?",
        "label::French": "Quel âge avez-vous ?",
        "constraint": ". >= 0 and . < 120",
        "constraint_message::English": "Ages go from 0 to 119",
        "required": "true",
    },
    {
        "type": "select_one yes_no",
        "name": "likes_pizza",
        "label::English": "Do you like pizza?",
        "label::French": "Aimez-vous la pizza ?",
    },
    {
        "type": "select_multiple pizza_toppings or_other",
        "name": "favorite_toppings",
        "label::English": "Favorite toppings",
        "label::French": "Garnitures préférées",
        "relevant": "${likes_pizza} = 'yes'",
    },
    {"type": "begin group", "name": "where", "label::English": "Where", "label::French": "Où"},
    {"type": "geopoint", "name": "location", "label::English": "Location", "label::French": "Lieu"},
    {"type": "image", "name": "photo", "label::English": "A photo", "label::French": "Une photo"},
    {"type": "text", "name": "city_name", "label::English": "City", "label::French": "Ville"},
    {"type": "end group"},
    {"type": "calculate", "name": "age_in_months", "calculation": "${age} * 12"},
    {"type": "note", "name": "thanks", "label::English": "Thank you, ${name}!", "label::French": "Merci !"},
]
TUTORIAL_CHOICES = [
    {"list_name": "yes_no", "name": "yes", "label::English": "Yes", "label::French": "Oui"},
    {"list_name": "yes_no", "name": "no", "label::English": "No", "label::French": "Non"},
    {"list_name": "pizza_toppings", "name": "cheese", "label::English": "Cheese", "label::French": "Fromage"},
    {
        "list_name": "pizza_toppings",
        "name": "pepperoni",
        "label::English": "Pepperoni",
        "label::French": "Pepperoni",
    },
    {
        "list_name": "pizza_toppings",
        "name": "sausage",
        "label::English": "Sausage",
        "label::French": "Saucisse",
    },
]


def test_a_tutorial_form_keeps_metadata_places_and_media_as_questions(tmp_path):
    path = build_xlsform(
        tmp_path,
        TUTORIAL_SURVEY,
        TUTORIAL_CHOICES,
        {"form_id": "tutorial", "version": "1"},
        name="tutorial.xlsx",
    )
    form = load_xlsform(path)
    assert [(q.name, q.type, q.path) for q in form.questions] == [
        ("start", "metadata", "start"),
        ("end", "metadata", "end"),
        ("today", "metadata", "today"),
        ("deviceid", "metadata", "deviceid"),
        ("name", "text", "name"),
        ("age", "integer", "age"),
        ("likes_pizza", "select_one", "likes_pizza"),
        ("favorite_toppings", "select_multiple", "favorite_toppings"),
        ("favorite_toppings_other", "text", "favorite_toppings_other"),
        ("location", "geopoint", "where/location"),
        ("photo", "image", "where/photo"),
        ("city_name", "text", "where/city_name"),
        ("age_in_months", "calculate", "age_in_months"),
        ("thanks", "note", "thanks"),
    ]
    assert form.languages == ("English", "French")
    assert form.default_language is None
    assert form.question("start").source_type == "start" and form.question("start").is_metadata
    age = form.question("age")
    assert age.required and age.constraint == ". >= 0 and . < 120"
    assert age.constraint_message == {"English": "Ages go from 0 to 119"}
    toppings = form.question("favorite_toppings")
    assert toppings.or_other and toppings.relevant == "${likes_pizza} = 'yes'"
    assert toppings.choice_names() == ("cheese", "pepperoni", "sausage", "other")
    assert form.question("likes_pizza").choices[0].labels == {"English": "Yes", "French": "Oui"}


def test_nested_groups_join_into_the_path(tmp_path):
    path = build_xlsform(
        tmp_path,
        [
            {"type": "begin group", "name": "household", "label": "Household"},
            {"type": "begin group", "name": "head", "label": "Head"},
            {"type": "integer", "name": "age", "label": "Age"},
            {"type": "end group"},
            {"type": "text", "name": "village", "label": "Village"},
            {"type": "end group"},
        ],
    )
    form = load_xlsform(path)
    assert [q.path for q in form.questions] == ["household/head/age", "household/village"]
    assert form.group_label("household/head") == "Head"
    assert form.group_label("household") == "Household"


def test_a_group_without_a_label_takes_the_label_of_the_group_around_it(tmp_path):
    path = build_xlsform(
        tmp_path,
        [
            {"type": "begin group", "name": "household", "label::English (en)": "Household",
             "label::Russian (ru)": "Домохозяйство"},
            {"type": "begin group", "name": "head"},
            {"type": "integer", "name": "age", "label::English (en)": "Age", "label::Russian (ru)": "Возраст"},
            {"type": "end group"},
            {"type": "end group"},
            {"type": "text", "name": "remarks", "label::English (en)": "Remarks", "label::Russian (ru)": "Замечания"},
        ],
    )  # fmt: skip
    form = load_xlsform(path)
    assert form.group_label("household/head", "ru") == "Домохозяйство"
    assert form.group_label("", "ru") is None  # questions outside every group


def test_a_form_stored_before_groups_had_labels_still_loads(city_form):
    stored = city_form.to_dict()
    del stored["group_labels"]
    assert Form.from_dict(stored).group_labels == {}


def test_numeric_choice_names_load_as_text(tmp_path):
    path = build_xlsform(
        tmp_path,
        [{"type": "select_one rating", "name": "rating", "label": "Rating"}],
        [
            {"list_name": "rating", "name": n, "label": label}
            for n, label in ((1, "Poor"), (2, "Fair"), (3, "Good"))
        ],
    )
    assert load_xlsform(path).question("rating").choice_names() == ("1", "2", "3")


MINI_EVALUATION = {
    "survey": [
        {"type": "begin group", "name": "evaluation", EN: "Evaluation", UZ: "Баҳолаш"},
        {
            "type": "select_one rating",
            "name": "materials",
            EN: "How do you rate the materials?",
            UZ: "Материаллар?",
        },
        {"type": "end group"},
        {"type": "select_multiple cn or_other", "name": "cities", EN: "Which cities?", UZ: "Қайси шаҳарлар?"},
        {
            "type": "integer",
            "name": "age",
            EN: "Your age",
            UZ: "Ёшингиз",
            "constraint": ". >= 18",
            "required": "yes",
        },
    ],
    "choices": [
        {"list_name": "rating", "name": "good", EN: "Good", UZ: "Яхши"},
        {"list_name": "rating", "name": "poor", EN: "Poor", UZ: "Ёмон"},
        {"list_name": "cn", "name": "shanghai", EN: "Shanghai", UZ: "Шанхай"},
        {"list_name": "cn", "name": "urumqi", EN: "Urumqi", UZ: "Урумчи"},
    ],
    "settings": [
        {
            "form_id": "mini_evaluation",
            "version": "2024010101",
            "form_title": "Mini",
            "default_language": "English (en)",
        }
    ],
}


def test_a_markdown_xlsform_loads_like_a_workbook(tmp_path):
    path = tmp_path / "form.md"
    path.write_text(markdown_xlsform(MINI_EVALUATION), encoding="utf-8")
    from_markdown = load_xlsform(path)
    from_workbook = load_xlsform(
        build_xlsform(
            tmp_path, MINI_EVALUATION["survey"], MINI_EVALUATION["choices"], MINI_EVALUATION["settings"][0]
        )
    )
    assert from_markdown == from_workbook
    assert from_markdown.form_id == "mini_evaluation" and from_markdown.version == "2024010101"
    assert [q.path for q in from_markdown.questions] == [
        "evaluation/materials",
        "cities",
        "cities_other",
        "age",
    ]
    assert from_markdown.question("cities").or_other
    assert from_markdown.question("materials").choices[1].label("uz") == "Ёмон"


def test_a_handwritten_markdown_form_with_an_or_other_select_one_loads(tmp_path):
    path = tmp_path / "form.md"
    path.write_text(
        """
        | survey   |                              |        |          |
        |          | type                         | name   | label    |
        |          | select_one colours or_other  | colour | Colour?  |
        |          | text                         | why    | Why?     |
        | choices  |                              |        |          |
        |          | list_name                    | name   | label    |
        |          | colours                      | red    | Red      |
        |          | colours                      | blue   | Blue     |
        """,
        encoding="utf-8",
    )
    form = load_xlsform(path)
    assert form.question("colour").choice_names() == ("red", "blue", "other")
    assert form.question("colour").or_other
    assert form.question("colour_other").relevant == "selected(../colour, 'other')"


def test_the_question_dataclass_answers_what_it_takes(city_form):
    assert isinstance(city_form.question("age"), Question)
    assert city_form.question("city").is_select and city_form.question("topics").is_select
    assert not city_form.question("intro").takes_answer
    with pytest.raises(KeyError):
        city_form.question("nope")
