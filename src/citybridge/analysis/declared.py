"""What a wave's XLSForm declares in its settings sheet about following up.

Two optional columns of the ``settings`` sheet, next to ``form_id``::

    repeated_measures          level3            level4
    applied expected=expected_info   applied_learning  partnership_started

``repeated_measures`` lists the questions asked again in this wave: a name alone is the same
question in the earlier wave, ``later=earlier`` maps this wave's question to the earlier wave's.
``level3`` and ``level4`` name the questions that measure behaviour (level 3, "applied something
learned") and results (level 4, "a partnership activity started") in Kirkpatrick's terms.
pyxform keeps settings it does not know, so the form loads everywhere as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import PurePath

from pyxform.xls2json_backends import get_xlsform

from citybridge.analysis.indicators import AnalysisError

REPEATED = "repeated_measures"
LEVELS = {"level3": 3, "level4": 4}
_NAME = re.compile(r"^[A-Za-z_][\w.-]*$")


@dataclass(frozen=True)
class Measure:
    """A question asked in two waves: its name in the later wave and in the earlier one."""

    name: str
    earlier_name: str


@dataclass(frozen=True)
class Declaration:
    measures: tuple[Measure, ...] = ()
    levels: dict[str, int] = field(default_factory=dict)  # question name -> Kirkpatrick level 3 or 4


def declaration_from_settings(settings: Mapping[str, object], source: str = "form") -> Declaration:
    """The declaration in a settings row (column -> cell); cells may separate names by spaces or commas."""
    measures = []
    for entry in _names(settings.get(REPEATED), source, REPEATED, allow_mapping=True):
        later, _, earlier = entry.partition("=")
        measures.append(Measure(later, earlier or later))
    seen = [m.name for m in measures]
    twice = sorted({n for n in seen if seen.count(n) > 1})
    if twice:
        raise AnalysisError(f"{source}, settings sheet, {REPEATED}: {', '.join(twice)} listed more than once")
    levels = {}
    for column, level in LEVELS.items():
        for name in _names(settings.get(column), source, column, allow_mapping=False):
            levels[name] = level
    return Declaration(tuple(measures), levels)


def read_declaration(data: bytes, filename: str) -> Declaration:
    """The declaration of an XLSForm file's settings sheet (empty when it declares nothing)."""
    suffix = PurePath(filename).suffix.lower() or ".xlsx"
    source = data.decode("utf-8") if suffix in (".md", ".csv") else BytesIO(data)
    rows = get_xlsform(xlsform=source, file_type=suffix).settings or [{}]
    return declaration_from_settings(rows[0], source=filename)


def _names(cell: object, source: str, column: str, *, allow_mapping: bool) -> list[str]:
    if cell is None or str(cell).strip() == "":
        return []
    names = [n for n in re.split(r"[\s,;]+", str(cell).strip()) if n]
    for name in names:
        parts = name.split("=") if allow_mapping else [name]
        if len(parts) > 2 or not all(_NAME.match(p) for p in parts):
            example = "'applied' or 'applied=applied_before'" if allow_mapping else "'applied'"
            raise AnalysisError(
                f"{source}, settings sheet, {column}: '{name}' is not a question name; write names such as "
                f"{example}, separated by spaces"
            )
    return names
