"""Repeated measures and level 3/4 indicators read from a form's settings sheet."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citybridge.analysis.declared import Measure, declaration_from_settings, read_declaration
from citybridge.analysis.indicators import AnalysisError
from citybridge.forms import load_xlsform

FORM = """\
| survey |
| | type | name | label |
| | select_one yn | partner | Partner city found? |
| | select_one yn | applied | Applied something learned? |
| choices |
| | list_name | name | label |
| | yn | yes | Yes |
| | yn | no | No |
| settings |
| | form_id | repeated_measures | level3 | level4 |
| | follow_3m | partner, applied=expected_info | applied | partner |
"""


def test_a_form_settings_sheet_declares_measures_and_levels_and_still_loads_through_pyxform():
    declaration = read_declaration(FORM.encode(), "follow_3m.md")
    assert declaration.measures == (Measure("partner", "partner"), Measure("applied", "expected_info"))
    assert declaration.levels == {"applied": 3, "partner": 4}
    assert load_xlsform(FORM.encode(), filename="follow_3m.md").form_id == "follow_3m"


def test_a_form_declaring_nothing_gives_an_empty_declaration():
    assert (
        read_declaration(FORM.replace("partner, applied=expected_info", "").encode(), "f.md").measures == ()
    )


@pytest.mark.parametrize("cell", ["a=b=c", "9lives", "a=", "x y=${z}"])
def test_a_malformed_name_is_refused_naming_the_file_and_column(cell):
    with pytest.raises(
        AnalysisError, match=r"f\.xlsx, settings sheet, repeated_measures: '.*' is not a question"
    ):
        declaration_from_settings({"repeated_measures": cell}, source="f.xlsx")


def test_a_measure_listed_twice_is_refused():
    with pytest.raises(AnalysisError, match="partner listed more than once"):
        declaration_from_settings({"repeated_measures": "partner partner=before"})


names = st.from_regex(r"[a-z_][a-z0-9_]{0,12}", fullmatch=True)


@settings(deadline=None)  # the shared test machine is slow at times: no per-example deadline
@given(
    st.lists(st.tuples(names, st.none() | names), unique_by=lambda t: t[0], max_size=8),
    st.sampled_from([" ", ", ", ";"]),
)
def test_every_listed_name_becomes_one_measure_in_order(entries, separator):
    cell = separator.join(f"{a}={b}" if b else a for a, b in entries)
    measures = declaration_from_settings({"repeated_measures": cell}).measures
    assert measures == tuple(Measure(a, b or a) for a, b in entries)
