"""Write real XLSForms for tests: an .xlsx with survey/choices/settings sheets, or a markdown form."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl

Rows = Sequence[Mapping[str, object]]


def _sheet_rows(rows: Rows) -> tuple[list[str], list[list[object]]]:
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    return columns, [[row.get(c) for c in columns] for row in rows]


def build_xlsform(
    tmp_path: Path,
    survey_rows: Rows,
    choices_rows: Rows = (),
    settings: Mapping[str, object] | None = None,
    *,
    name: str = "form.xlsx",
) -> Path:
    """An .xlsx XLSForm whose sheets hold ``survey_rows``, ``choices_rows`` and one settings row.

    Each row is a mapping of column header (``type``, ``name``, ``label::English (en)``...) to cell;
    the header row is the union of the rows' keys in first-seen order.
    """
    workbook = openpyxl.Workbook()
    sheets = [("survey", survey_rows)]
    if choices_rows:
        sheets.append(("choices", choices_rows))
    if settings:
        sheets.append(("settings", [settings]))
    first = True
    for title, rows in sheets:
        sheet = workbook.active if first else workbook.create_sheet()
        first = False
        sheet.title = title
        columns, body = _sheet_rows(rows)
        sheet.append(columns)
        for line in body:
            sheet.append(line)
    path = Path(tmp_path) / name
    workbook.save(path)
    return path


def markdown_xlsform(sheets: Mapping[str, Rows]) -> str:
    """The same sheets as pyxform's markdown XLSForm: ``| survey | type | name | label |`` tables."""
    lines: list[str] = []
    for title, rows in sheets.items():
        columns, body = _sheet_rows(rows)
        lines.append(f"| {title} | " + " | ".join(" " for _ in columns) + " |")
        lines.append("|  | " + " | ".join(columns) + " |")
        for line in body:
            lines.append("|  | " + " | ".join("" if v is None else str(v) for v in line) + " |")
    return "\n".join(lines) + "\n"


EN = "label::English (en)"
UZ = "label::Uzbek (uz)"
HINT_EN = "hint::English (en)"
HINT_UZ = "hint::Uzbek (uz)"

# The form most submissions tests use: every answer type, a group, or_other, rules and two languages.
SURVEY: list[dict[str, object]] = [
    {"type": "begin group", "name": "profile", EN: "About you", UZ: "Сиз ҳақингизда"},
    {"type": "text", "name": "full_name", EN: "Your name", UZ: "Исмингиз", "required": "yes"},
    {
        "type": "integer",
        "name": "age",
        EN: "Your age",
        UZ: "Ёшингиз",
        "constraint": ". >= 18 and . <= 90",
        "constraint_message::English (en)": "Age must be between 18 and 90",
        HINT_EN: "In whole years",
        HINT_UZ: "Тўлиқ йилларда",
    },
    {"type": "select_one city", "name": "city", EN: "Your city", UZ: "Шаҳрингиз", "required": "yes"},
    {"type": "end group"},
    {"type": "note", "name": "intro", EN: "Now about the training", UZ: "Энди семинар ҳақида"},
    {"type": "begin group", "name": "training", EN: "The training", UZ: "Семинар"},
    {
        "type": "select_multiple topic or_other",
        "name": "topics",
        EN: "Topics of interest",
        UZ: "Қизиқарли мавзулар",
        "constraint": "count-selected(.) <= 3",
    },
    {"type": "decimal", "name": "budget", EN: "Budget in million UZS", UZ: "Бюджет", "constraint": ". > 0"},
    {"type": "end group"},
    {"type": "date", "name": "visit", EN: "Date of the visit", UZ: "Ташриф санаси"},
    {"type": "datetime", "name": "meeting", EN: "Meeting time", UZ: "Учрашув вақти"},
    {"type": "calculate", "name": "age_months", "calculation": "${age} * 12"},
    {
        "type": "select_one yesno",
        "name": "partner",
        EN: "Do you have a partner city?",
        UZ: "Шерик шаҳар борми?",
    },
    {
        "type": "text",
        "name": "partner_name",
        EN: "Which partner city?",
        UZ: "Қайси шерик шаҳар?",
        "required": "yes",
        "relevant": "${partner} = 'yes'",
    },
]
CHOICES: list[dict[str, object]] = [
    {"list_name": "city", "name": "tashkent", EN: "Tashkent", UZ: "Тошкент"},
    {"list_name": "city", "name": "samarkand", EN: "Samarkand", UZ: "Самарқанд"},
    {"list_name": "city", "name": "bukhara", EN: "Bukhara", UZ: "Бухоро"},
    {"list_name": "topic", "name": "transport", EN: "Transport", UZ: "Транспорт"},
    {"list_name": "topic", "name": "water", EN: "Water and sanitation", UZ: "Сув ва санитария"},
    {"list_name": "topic", "name": "housing", EN: "Land use, housing", UZ: "Ер, уй-жой"},
    {"list_name": "yesno", "name": "yes", EN: "Yes", UZ: "Ҳа"},
    {"list_name": "yesno", "name": "no", EN: "No", UZ: "Йўқ"},
]
SETTINGS: dict[str, object] = {
    "form_id": "city_survey",
    "version": "2020110301",
    "form_title": "City survey",
    "default_language": "English (en)",
}


def build_city_form(directory: Path) -> Path:
    """The shared city survey as an .xlsx in ``directory``."""
    return build_xlsform(directory, SURVEY, CHOICES, SETTINGS, name="city_survey.xlsx")
