"""The knowledge hub's forms: the search, a practices file to import, the booklet to build."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from citybridge.reports.output import FORMATS
from citybridge.web.knowledge import booklet, hub

LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "uz-Latn": "Oʻzbekcha (lotin)", "uz-Cyrl": "Ўзбекча (кирилл)"}


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    sector = forms.ChoiceField(label=_("Sector"), required=False)
    training = forms.ChoiceField(label=_("Training"), required=False)

    def __init__(self, data, *, trainings, language: str):
        super().__init__(data)
        self.fields["sector"].choices = [("", _("All sectors")), *hub.sector_choices(language)]
        self.fields["training"].choices = [("", _("All trainings")), *((t.slug, t.title) for t in trainings)]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Practices file (JSON)"),
        help_text=_('A file like examples/uzbekistan-2020/practices.json: {"practices": [...]}.'),
    )


class BookletForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=[(code, LANGUAGE_NAMES[code]) for code in booklet.LANGUAGES],
        initial=["en", "ru"],
        widget=forms.CheckboxSelectMultiple,
    )
    formats = forms.MultipleChoiceField(
        label=_("Formats"),
        choices=[(fmt, fmt.upper()) for fmt in FORMATS],
        initial=["html"],
        widget=forms.CheckboxSelectMultiple,
    )
