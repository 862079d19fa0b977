"""Read a participants list and check every row, naming the file, row, column and value of each problem."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from citybridge.submissions.batch import ROW, Problem
from citybridge.submissions.headers import normalise
from citybridge.submissions.tables import read_table

# Headers organisers actually use for each field, in English, Russian and Uzbek.
_ALIASES = {
    "name": ("name", "full name", "participant", "фио", "имя", "ism", "f.i.sh.", "исм"),
    "position": ("position", "title", "job title", "role", "должность", "lavozim", "лавозим"),
    "organisation": ("organisation", "organization", "agency", "организация", "tashkilot", "ташкилот"),
    "city": ("city", "town", "город", "shahar", "шаҳар"),
    "email": ("email", "e-mail", "email address", "электронная почта", "эл. почта"),
    "phone": ("phone", "telephone", "mobile", "телефон", "tel"),
    "consent": ("consent", "consent to data use", "согласие", "rozilik", "розилик"),
}
_YES = {"yes", "y", "true", "1", "да", "ha", "ҳа", "x"}
_NO = {"no", "n", "false", "0", "нет", "yo'q", "yoʻq", "йўқ", ""}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s().-]{7,20}$")


@dataclass(frozen=True)
class Registration:
    row: int
    name: str
    position: str
    organisation: str
    city: str
    email: str
    phone: str
    consent: bool

    @property
    def key(self) -> str:
        """What identifies the person across re-imports: e-mail, else phone, else name and city."""
        if self.email:
            return f"email:{self.email.lower()}"
        if self.phone:
            return "phone:" + re.sub(r"\D", "", self.phone)
        return f"name:{normalise(self.name)}|{normalise(self.city)}"


@dataclass
class RegistrationList:
    source: str
    registrations: list[Registration] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def read_registrations(path: Path) -> RegistrationList:
    """Every row of a participants list, checked; rows with problems are left out and named."""
    table = read_table(Path(path))
    result = RegistrationList(source=Path(path).name)
    columns = _map_headers(table.columns, result)
    if "name" not in columns:
        result.problems.append(
            Problem(result.source, 1, None, None, "no 'name' column; add one with each person's name")
        )
        return result
    for row in table.iter_rows(named=True):
        _read_row(row, columns, result)
    return result


def _map_headers(headers: list[str], result: RegistrationList) -> dict[str, str]:
    lookup = {alias: field_name for field_name, aliases in _ALIASES.items() for alias in aliases}
    columns: dict[str, str] = {}
    for header in headers:
        if header == ROW:
            continue
        field_name = lookup.get(normalise(header))
        if field_name is None:
            known = ", ".join(_ALIASES)
            result.problems.append(
                Problem(result.source, 1, header, None, f"unknown column; expected {known}")
            )
        else:
            columns[field_name] = header
    return columns


def _read_row(row: dict, columns: dict[str, str], result: RegistrationList) -> None:
    line = row[ROW]

    def cell(field_name: str) -> str:
        header = columns.get(field_name)
        return (row.get(header) or "").strip() if header else ""

    problems = []

    def bad(field_name: str, reason: str) -> None:
        problems.append(
            Problem(result.source, line, columns.get(field_name, field_name), cell(field_name), reason)
        )

    values = {f: cell(f) for f in _ALIASES}
    if not any(values.values()):
        return  # an empty line in the sheet
    if not values["name"]:
        bad("name", "every participant needs a name")
    if values["email"] and not _EMAIL.match(values["email"]):
        bad("email", "is not an e-mail address")
    if values["phone"] and not _PHONE.match(values["phone"]):
        bad("phone", "is not a phone number (digits, spaces, +, -, parentheses)")
    if not values["email"] and not values["phone"]:
        bad("email", "give an e-mail address or a phone number")
    consent = values["consent"].lower()
    if consent not in _YES | _NO:
        bad("consent", "write yes or no")
    if problems:
        result.problems.extend(problems)
        return
    result.registrations.append(
        Registration(
            row=line,
            name=values["name"],
            position=values["position"],
            organisation=values["organisation"],
            city=values["city"],
            email=values["email"],
            phone=values["phone"],
            consent=consent in _YES,
        )
    )
