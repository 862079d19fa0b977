"""Compatibility: each of pyxform's own example forms loads with its complete question list
(compared with pyxform's JSON tree) or is refused in one line; the load rate is measured here."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pyxform.xls2xform import convert

from citybridge.forms import FormError, load_xlsform

EXAMPLES = Path(__file__).parent.parent / "fixtures" / "pyxform_examples"
FORMS = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".xls", ".xlsx", ".csv", ".md"))
# Refused on purpose, each for the reason named (pyxform itself refuses the last three).
REFUSED = {
    **{f"include{j}.{s}": "type 'include'" for j in ("", "_json") for s in ("csv", "md", "xls", "xlsx")},
    "fruits.csv": "no survey sheet could be read",
    "gps.csv": "has no label or hint",
    "unknown_question_type.xls": "Invalid headers",
}  # fmt: skip


def pyxform_questions(path: Path) -> list[str]:
    """The paths of every question in pyxform's own JSON tree (the meta group left to citybridge)."""
    tree = convert(xlsform=BytesIO(path.read_bytes()), file_type=path.suffix)._pyxform

    def walk(children, where):
        for child in children:
            if child.get("name") == "meta" and child.get("type") == "group":
                continue
            if child.get("type") == "loop":
                for column in child["columns"]:
                    yield from walk(child["children"], (*where, child["name"], column["name"]))
            elif child.get("type") in ("group", "repeat"):
                yield from walk(child.get("children", []), (*where, child["name"]))
            else:
                yield "/".join((*where, child["name"]))

    return list(walk(tree["children"], ()))


@pytest.mark.parametrize("path", FORMS, ids=lambda p: p.name)
def test_an_example_form_loads_whole_or_is_refused_in_one_line(path):
    if path.name in REFUSED:
        with pytest.raises(FormError) as caught:
            load_xlsform(path)
        message = str(caught.value)
        assert REFUSED[path.name] in message and "\n" not in message
        assert message.startswith(f"{path.name}: ")
        return
    form = load_xlsform(path)
    assert [q.path for q in form.questions] == pyxform_questions(path)


def test_every_example_pyxform_converts_loads():
    # pyxform's own convert() refuses the includes (their sections are other files) and the last three.
    by_pyxform = {"type 'include'", "no survey sheet could be read", "has no label or hint", "Invalid headers"}
    accepted = [p for p in FORMS if REFUSED.get(p.name) not in by_pyxform]
    loaded = [p for p in accepted if p.name not in REFUSED]
    assert (len(FORMS), len(accepted), len(loaded)) == (65, 54, 54)  # all that pyxform converts
