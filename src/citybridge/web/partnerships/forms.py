"""The forms of the partnership pages; the checking that matters is the core's, these only parse."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from citybridge.pipeline.stages import STAGES
from citybridge.places import PlaceError, country_code
from citybridge.web.partnerships.board import STAGE_NAMES


class AddPlaceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    other_names = forms.CharField(
        label=_("Other names"), required=False, help_text=_("Other spellings, any script, separated by commas.")
    )
    country = forms.CharField(label=_("Country"), max_length=60, initial="UZ", help_text=_("ISO code or name."))
    region = forms.CharField(label=_("Region"), max_length=200, required=False)
    population = forms.IntegerField(label=_("Population"), min_value=0, required=False)
    latitude = forms.FloatField(label=_("Latitude"), min_value=-90, max_value=90, help_text=_("Decimal degrees, north positive."))
    longitude = forms.FloatField(
        label=_("Longitude"), min_value=-180, max_value=180, help_text=_("Decimal degrees, east positive.")
    )

    def clean_country(self) -> str:
        try:
            return country_code(self.cleaned_data["country"])
        except (PlaceError, ValueError) as exc:
            raise forms.ValidationError(str(exc)) from None

    def other_name_list(self) -> list[str]:
        return [n.strip() for n in re.split(r"[,\n]", self.cleaned_data.get("other_names") or "") if n.strip()]


class ChoosePlaceForm(forms.Form):
    place_id = forms.CharField(max_length=60)


PARTNER_FIELDS = ("key", "name", "country", "region", "population", "latitude", "longitude", "geonameid")
NAME_FIELDS = {"name_ru": "ru", "name_zh": "zh", "name_uz_latn": "uz-Latn", "name_uz_cyrl": "uz-Cyrl"}


class PartnerForm(forms.Form):
    key = forms.CharField(label=_("Key"), max_length=60, help_text=_("Lower-case letters, digits, '_' or '-'."))
    name = forms.CharField(label=_("Name"), max_length=200)
    country = forms.CharField(label=_("Country"), max_length=60, help_text=_("Two-letter ISO code, e.g. CN."))
    region = forms.CharField(label=_("Region"), max_length=200, required=False)
    population = forms.IntegerField(label=_("Population"), min_value=0, required=False)
    latitude = forms.FloatField(label=_("Latitude"), required=False)
    longitude = forms.FloatField(label=_("Longitude"), required=False)
    geonameid = forms.IntegerField(label=_("GeoNames id"), min_value=0, required=False)
    name_ru = forms.CharField(label=_("Name in Russian"), required=False)
    name_zh = forms.CharField(label=_("Name in Chinese"), required=False)
    name_uz_latn = forms.CharField(label=_("Name in Uzbek (Latin)"), required=False)
    name_uz_cyrl = forms.CharField(label=_("Name in Uzbek (Cyrillic)"), required=False)
    strengths = forms.CharField(
        label=_("Strengths"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line: sector | what it offers | source (or 'general knowledge — verify')."),
    )

    def entry(self, strengths: list[dict]) -> dict:
        """The partner as a catalogue entry (the YAML file's shape)."""
        data = self.cleaned_data
        entry = {name: data.get(name) for name in PARTNER_FIELDS}
        entry["region"] = entry["region"] or ""
        entry["names"] = {language: data[f].strip() for f, language in NAME_FIELDS.items() if data.get(f, "").strip()}
        entry["strengths"] = strengths
        return entry

    def show_problems(self, problems: list[str]) -> None:
        """Put each of the catalogue's problems beside the field it names."""
        for problem in problems:
            self.add_error(_field_of(problem, self.fields), problem)


def _field_of(problem: str, fields) -> str | None:
    if re.search(r": strength \d+", problem):
        return "strengths"
    named = re.search(r"field '([a-z_]+)'", problem)
    if named and named.group(1) in fields:
        return named.group(1)
    return None


class CatalogueUploadForm(forms.Form):
    file = forms.FileField(label=_("Catalogue file"), help_text=_("YAML (as exported) or CSV, one row per strength."))


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Stage"), choices=[(s, STAGE_NAMES[s]) for s in STAGES])
    reason = forms.CharField(label=_("Reason (needed to drop)"), required=False, max_length=2000)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)


class OwnerForm(forms.Form):
    owner = forms.CharField(label=_("Owner"), max_length=200, required=False)


class DueForm(forms.Form):
    due_on = forms.DateField(label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class MatchLeadForm(forms.Form):
    requesting_key = forms.CharField(max_length=200)
    partner_key = forms.CharField(max_length=200)
    mode = forms.CharField(max_length=10, required=False)
    k = forms.IntegerField(min_value=1, max_value=20, required=False)
    capacity = forms.IntegerField(min_value=1, max_value=100, required=False)
