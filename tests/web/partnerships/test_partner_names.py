"""Partner cities are named in the script of the report's language (Шанхай, not Shanghai + a Cyrillic suffix)."""

from __future__ import annotations

import pytest

from citybridge.matching import load_catalogue
from citybridge.web.partnerships.matching import partner_name


@pytest.mark.parametrize(
    ("language", "expected"),
    [("ru", "Шанхай"), ("uz-Cyrl", "Шанхай"), ("uz-Latn", "Shanghai"), ("zh", "上海"), ("en", "Shanghai")],
)
def test_shanghai_is_written_in_each_languages_script(language, expected):
    shanghai = next(p for p in load_catalogue().partners if p.key == "shanghai")
    assert partner_name(shanghai, language) == expected
