"""pyxform's English words for an or_other select are put into the form's own languages."""

from __future__ import annotations

from pathlib import Path

from citybridge.analysis.labels import choice_label, question_label
from citybridge.forms import load_xlsform

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "uzbekistan-2020" / "survey.xlsx"


def test_specify_other_and_other_are_in_each_language_of_the_example_form():
    form = load_xlsform(EXAMPLE)
    specify, select = form.question("industries_other"), form.question("industries")
    assert question_label(form, specify, "ru") == "Уточните, что именно."
    assert question_label(form, specify, "zh") == "请具体说明。"
    assert question_label(form, specify, "uz-Cyrl") == "Бошқасини аниқлаштиринг."  # the form's Uzbek is Cyrillic
    assert question_label(form, specify, "uz-Latn") == "Boshqasini aniqlashtiring."
    assert question_label(form, specify, "en") == "Specify other."
    assert choice_label(form, select, "other", "ru") == "Другое"
    assert choice_label(form, select, "other", "en") == "Other"


def test_an_or_other_select_of_any_form_gets_the_words_in_its_languages(tmp_path):
    from tests.forms.xlsform_builder import build_xlsform

    path = build_xlsform(
        tmp_path,
        [{"type": "select_one yn or_other", "name": "pick", "label::English (en)": "Pick",
          "label::Russian (ru)": "Выберите"}],
        [{"list_name": "yn", "name": "yes", "label::English (en)": "Yes", "label::Russian (ru)": "Да"}],
        settings={"form_id": "f"},
    )  # fmt: skip
    form = load_xlsform(path)
    assert question_label(form, form.question("pick_other"), "ru") == "Уточните, что именно."
    assert choice_label(form, form.question("pick"), "other", "ru") == "Другое"
