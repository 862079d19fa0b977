"""Indicators: the document of ``citybridge analyze --json`` for a stored survey."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router
from pydantic import BaseModel, ConfigDict, Field

from citybridge.analysis.export import analysis_json
from citybridge.reports.i18n import LANGUAGES
from citybridge.web.api import scoping
from citybridge.web.api.errors import documented
from citybridge.web.api.fields import IsoDay
from citybridge.web.surveys.analysis import analyze_survey

router = Router(tags=["indicators"])
Language = Literal[LANGUAGES]
AS_OF = Query(None, description="Only submissions received up to this day (UTC), written YYYY-MM-DD.")
LANG = Query("en", description="Language of labels.")


class IndicatorsOut(BaseModel):
    """The main fields; the full schema is that of ``citybridge analyze --json`` (docs/analysis.md).
    A plain pydantic model: Ninja's Schema would drop the fields not listed here."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    schema_version: int = Field(alias="schema")
    form_id: str
    form_version: str
    language: str | None
    as_of: str | None
    respondents: int
    registered: int | None
    response_rate: float | None
    questions: dict[str, dict[str, Any]]
    notes: list[str]


@router.get(
    "/surveys/{survey_id}/indicators",
    response=documented({200: IndicatorsOut}),
    by_alias=True,
    summary="Every indicator of a survey",
)
def get_indicators(
    request: HttpRequest,
    survey_id: int,
    as_of: IsoDay | None = AS_OF,
    by: str | None = Query(None, description="Disaggregate by this select question, e.g. city."),
    lang: Language = LANG,
):
    """Per question its base, non-response, shares with 95% intervals, scales' positive shares,
    ranked multiple choices, number summaries and tagged free text; as of a day and by a select
    question. Exactly the document ``citybridge analyze --survey ID --json`` prints."""
    survey = scoping.survey(request, survey_id)
    return analysis_json(analyze_survey(survey, as_of=as_of, by=by or None, language=lang))
