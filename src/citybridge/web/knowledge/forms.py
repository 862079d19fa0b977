"""The knowledge hub's forms: the search, a practices file to import, a practice typed in, the booklet."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from citybridge.reports.i18n import LANGUAGE_NAMES, LANGUAGES
from citybridge.reports.output import FORMATS
from citybridge.web.knowledge import hub


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


class PracticeForm(forms.Form):
    """A good practice typed in the page; the fields and rules of a practices file."""

    title = forms.CharField(label=_("Title"), max_length=500)
    lecture = forms.ChoiceField(label=_("Lecture"), required=False)
    speaker = forms.CharField(label=_("Speaker"), max_length=200, required=False)
    place = forms.CharField(
        label=_("Place"), max_length=300, required=False, help_text=_("Where it was practised.")
    )
    sectors = forms.MultipleChoiceField(label=_("Sectors"), widget=forms.CheckboxSelectMultiple)
    key_points = forms.CharField(
        label=_("Key points"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line."),
        required=False,
    )  # checked in clean_key_points, with its own message
    source = forms.CharField(label=_("Source"), max_length=500, help_text=_("The document it comes from."))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, data=None, *, training, language: str, **kwargs):
        super().__init__(data, **kwargs)
        lectures = training.lectures.order_by("number")
        self.fields["lecture"].choices = [
            ("", _("A city's own practice")),
            *((str(lc.pk), f"{lc.number}. {lc.title}") for lc in lectures),
        ]
        self.fields["sectors"].choices = hub.sector_choices(language)

    def clean_key_points(self) -> list[str]:
        points = [line.strip() for line in self.cleaned_data["key_points"].splitlines() if line.strip()]
        if not points:
            raise forms.ValidationError(_("Write at least one key point."))
        return points


class BookletForm(forms.Form):
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=[(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        initial=["en", "ru"],
        widget=forms.CheckboxSelectMultiple,
    )
    formats = forms.MultipleChoiceField(
        label=_("Formats"),
        choices=[(fmt, fmt.upper()) for fmt in FORMATS],
        initial=["html"],
        widget=forms.CheckboxSelectMultiple,
    )
