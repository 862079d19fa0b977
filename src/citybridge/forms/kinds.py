"""Which citybridge question type a pyxform question is, read from pyxform's own type table.

pyxform's table (``QUESTION_TYPE_DICT``) holds every type name it accepts, aliases included
(``string``, ``int``, ``gps``, ``q picture``, ``get start time``...), with the XForm control and
bind type each becomes. Reading the kind from the control and bind, rather than from a list of
names written here, keeps every alias pyxform knows, now and in later versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pyxform.question_type_dictionary import QUESTION_TYPE_DICT

from citybridge.forms.model import (
    ACKNOWLEDGE,
    AUDIO,
    BARCODE,
    CALCULATE,
    DATE,
    DATETIME,
    DECIMAL,
    EXTERNAL,
    FILE,
    GEOPOINT,
    GEOSHAPE,
    GEOTRACE,
    HIDDEN,
    IMAGE,
    INTEGER,
    METADATA,
    NOTE,
    RANK,
    SELECT_MULTIPLE,
    SELECT_ONE,
    TEXT,
    TIME,
    VIDEO,
)


class Refused(ValueError):
    """A question type citybridge cannot store; the message says why."""


@dataclass(frozen=True)
class Kind:
    type: str
    hint: str | None = None  # pyxform's own hint for the type ("Enter numbers only.")
    constraint: str | None = None  # pyxform's own rule for the type (phone number: digits only)


# XForm bind types -> citybridge's answer types, for input controls.
_BIND_TYPES = {
    "int": INTEGER,
    "decimal": DECIMAL,
    "date": DATE,
    "dateTime": DATETIME,
    "time": TIME,
    "geopoint": GEOPOINT,
    "geotrace": GEOTRACE,
    "geoshape": GEOSHAPE,
    "barcode": BARCODE,
    "string": TEXT,
}
_MEDIA = {"image": IMAGE, "audio": AUDIO, "video": VIDEO, "application": FILE, "osm": FILE}
_SELECT_CONTROLS = {"select1": SELECT_ONE, "select": SELECT_MULTIPLE, "odk:rank": RANK}


def kind_of(child: dict[str, Any]) -> Kind:
    """The kind of one question of pyxform's JSON tree; raises :class:`Refused` for unknown types."""
    name = str(child.get("type", ""))
    if name in ("select one", "select all that apply", "rank"):  # pyxform's names after its aliases
        return Kind({"select one": SELECT_ONE, "select all that apply": SELECT_MULTIPLE}.get(name, RANK))
    entry = QUESTION_TYPE_DICT.get(name)
    if entry is None:
        raise Refused(f"type '{name}' is not one citybridge knows; use one of XLSForm's question types")
    control, bind = entry.get("control", {}), entry.get("bind", {})
    tag, bind_type = control.get("tag"), bind.get("type")
    if not entry:
        return Kind(EXTERNAL)  # csv-external, xml-external: a file the form reads
    background = tag == "action" or (tag == "trigger" and bind_type == "geopoint")
    if "jr:preload" in bind or background or name == "audit":
        return Kind(METADATA)  # start, end, today, deviceid, audit, start-geopoint...
    if tag in _SELECT_CONTROLS:
        return Kind(_SELECT_CONTROLS[tag])
    if tag == "trigger":
        return Kind(ACKNOWLEDGE)
    if tag == "upload":
        return Kind(_MEDIA.get(control.get("mediatype", "").split("/")[0], FILE))
    if tag == "range":
        return Kind(_range_type(child))
    if tag is None:
        if child.get("bind", {}).get("calculate") or "calculate" in name:
            return Kind(CALCULATE)
        return Kind(HIDDEN)
    if bind.get("readonly") == "true()":
        return Kind(NOTE)
    if bind_type in _BIND_TYPES:
        return Kind(_BIND_TYPES[bind_type], hint=entry.get("hint"), constraint=bind.get("constraint"))
    raise Refused(f"type '{name}' (an XForm '{bind_type}') is not one citybridge can store")


def _range_type(child: dict[str, Any]) -> str:
    parameters = child.get("parameters", {})
    numbers = (str(parameters.get(k, "")) for k in ("start", "end", "step"))
    return DECIMAL if any("." in n for n in numbers) else INTEGER
