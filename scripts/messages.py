"""Keep the report's translation catalogues in step with the code.

Extracts every ``gettext``/``ngettext`` message from src/citybridge with Babel and merges them into
each ``src/citybridge/reports/locale/<lang>/LC_MESSAGES/citybridge.po``: new messages are added
untranslated (a test then fails until a translator fills them), messages no longer used are
dropped. Run: ``uv run python scripts/messages.py``; ``--check`` only lists what is missing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "citybridge"
LOCALE = SOURCE / "reports" / "locale"
CATALOGUES = ("ru", "uz_Latn", "uz_Cyrl", "zh_Hans")
KEYWORDS = {"gettext": None, "ngettext": (1, 2)}
# The web application's words live in Django's own catalogues (src/citybridge/web/**/locale).
METHODS = [("web/**.py", "ignore"), ("**.py", "python")]


def extracted() -> Catalog:
    template = Catalog(project="citybridge", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        SOURCE, method_map=METHODS, keywords=KEYWORDS
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return template


def missing(catalogue: Catalog, template: Catalog) -> list[str]:
    gaps = []
    for message in template:
        if not message.id:
            continue
        found = catalogue.get(message.id)
        strings = found.string if found else None
        if not found or not strings or (isinstance(strings, tuple) and not all(strings)):
            gaps.append(message.id if isinstance(message.id, str) else message.id[0])
    return gaps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="list untranslated messages; change nothing")
    args = parser.parse_args()
    template = extracted()
    status = 0
    for name in CATALOGUES:
        path = LOCALE / name / "LC_MESSAGES" / "citybridge.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        catalogue = read_po(path.open("rb"), locale=name) if path.exists() else Catalog(locale=name)
        if not args.check:
            catalogue.update(template, no_fuzzy_matching=True)
            catalogue.obsolete.clear()
            with path.open("wb") as handle:
                write_po(handle, catalogue, width=100, omit_header=False, sort_output=False, include_lineno=False)
        gaps = missing(catalogue, template)
        for gap in gaps:
            print(f"{path.relative_to(ROOT)}: untranslated: {gap}")
        status |= bool(gaps)
    return status


if __name__ == "__main__":
    sys.exit(main())
