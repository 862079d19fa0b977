"""A form with a geopoint gets a map of points in the report (HTML, PDF, DOCX): each answer at its
nearest gazetteer city, labelled, with its base (points answered of respondents)."""

from __future__ import annotations

import json
import math
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from citybridge.reports import charts
from tests.test_cli import invoke

pytestmark = pytest.mark.django_db
GPS_FORM = Path(__file__).parents[1] / "fixtures" / "pyxform_examples" / "gps.xls"
# Two points in Tashkent, one in Samarkand, one respondent who gave none.
ANSWERS = ["41.2995 69.2401 455 5", "41.2995 69.2401", "39.6542 66.9597", None]


@pytest.fixture
def gps_report(db, tmp_path, capsys):
    from citybridge.web.example import load_training_folder
    from citybridge.web.imports import import_file
    from citybridge.web.surveys.store import add_survey
    from tests.reports.test_fidelity import EXAMPLE

    training = load_training_folder(EXAMPLE).training
    survey, _, _ = add_survey(training, GPS_FORM, slug="gps")
    export = tmp_path / "gps.json"
    rows = [{"instance_id": f"p{n}", "submitted_at": "2020-11-10T09:00:00Z", "answers": {"location": a} if a else {}}
            for n, a in enumerate(ANSWERS)]  # fmt: skip
    export.write_text(json.dumps(rows))
    assert import_file(survey, export).new == 4
    out = tmp_path / "out"
    code, _, err = invoke(capsys, "report", "--training", training.slug, "--survey", "gps", "--out", str(out))
    assert code == 0, err
    return out


def test_the_report_maps_the_points_by_nearest_city_with_their_base(gps_report):
    html = next(gps_report.glob("*.html")).read_text(encoding="utf-8")
    assert "Longitude" in html and "Latitude" in html  # the map's axes, drawn inline as SVG
    assert "Tashkent (UZ): 2" in html and "Samarkand (UZ): 1" in html  # the labels and the alt text
    assert "Base: 3 of 4 respondents" in html
    pdf = "".join(page.extract_text() for page in PdfReader(next(gps_report.glob("*.pdf"))).pages)
    assert "Nearest city" in pdf and "Tashkent (UZ)" in pdf
    with zipfile.ZipFile(next(gps_report.glob("*.docx"))) as docx:
        assert any(name.startswith("word/media/") for name in docx.namelist())  # the map as a picture
        assert "Tashkent (UZ)" in docx.read("word/document.xml").decode()


def test_a_form_without_a_geopoint_gets_no_map(capsys, tmp_path, db):
    from citybridge.web.example import load_training_folder
    from tests.reports.test_fidelity import EXAMPLE

    training = load_training_folder(EXAMPLE).training
    code, _, err = invoke(
        capsys, "report", "--training", training.slug, "--format", "html", "--out", str(tmp_path)
    )
    assert code == 0, err
    assert "Nearest city" not in next(tmp_path.glob("*.html")).read_text(encoding="utf-8")


def test_the_map_keeps_a_degree_of_longitude_shorter_away_from_the_equator():
    points = [{"lon": 60.0, "lat": 40.0, "label": "a", "count": 1, "text": "a"},
              {"lon": 70.0, "lat": 42.0, "label": "b", "count": 3, "text": "b"}]  # fmt: skip
    chart = charts.points_map(points, ("Longitude", "Latitude"))
    spec = chart.spec
    x = spec["layer"][0]["encoding"]["x"]["scale"]["domain"]
    y = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert x[0] < 60 and x[1] > 70 and y[0] < 40 and y[1] > 42
    # At 41°N a degree of longitude is 0.75 of a degree of latitude: the map is a third taller
    # than plain degrees would draw it.
    plain = charts.WIDTH * (y[1] - y[0]) / (x[1] - x[0])
    assert spec["height"] == pytest.approx(plain / math.cos(math.radians(41)), abs=1)
    assert "https://" not in json.dumps({k: v for k, v in spec.items() if k != "$schema"})  # no tiles, no URL
