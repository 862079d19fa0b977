"""Figures for a repeat's questions, with the right base.

A question inside a repeat is answered once per instance, so its indicators count instances
(``base`` = instances that answered); the repeat itself is summarised by how many instances there
are and how many respondents gave at least one, which is the base to quote for "how many
households have a member who...".
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from citybridge.analysis.compute import indicators
from citybridge.analysis.indicators import Indicator
from citybridge.analysis.spec import IndicatorSpec
from citybridge.forms.model import Form
from citybridge.submissions.batch import INSTANCE_ID


@dataclass(frozen=True)
class RepeatFigures:
    """One repeat: its instances, the respondents with at least one, and its questions' indicators."""

    path: str
    instances: int
    respondents_with_any: int
    respondents: int
    indicators: dict[str, Indicator]

    @property
    def mean_per_respondent(self) -> float | None:
        return self.instances / self.respondents if self.respondents else None


def repeat_figures(
    form: Form,
    respondents: pl.DataFrame,
    instances: dict[str, pl.DataFrame],
    parent_key: str,
    *,
    spec: IndicatorSpec | None = None,
    language: str | None = None,
) -> list[RepeatFigures]:
    """Per repeat of ``form``: ``instances[path]`` holds its typed instances, each with the key of
    the submission (or outer instance) it belongs to in ``parent_key``."""
    figures = []
    for path in form.repeats:
        frame = instances.get(path)
        if frame is None:
            continue
        top = _submission_keys(frame, path, form, instances, parent_key)
        with_any = respondents.get_column(INSTANCE_ID).is_in(top.unique().to_list()).sum()
        figures.append(
            RepeatFigures(
                path=path,
                instances=frame.height,
                respondents_with_any=int(with_any),
                respondents=respondents.height,
                indicators=indicators(form.repeat_form(path), frame, spec or IndicatorSpec(), language),
            )
        )
    return figures


def _submission_keys(frame, path, form, instances, parent_key) -> pl.Series:
    """The submission each instance belongs to, through its outer instances for a nested repeat."""
    keys = frame.get_column(parent_key)
    parent = form.parent_repeat(path)
    while parent is not None:
        outer = instances[parent]
        lookup = dict(zip(outer.get_column(INSTANCE_ID), outer.get_column(parent_key), strict=True))
        keys = keys.replace_strict(lookup, default=None)
        parent = form.parent_repeat(parent)
    return keys
