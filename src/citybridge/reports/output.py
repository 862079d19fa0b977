"""Write a Document in the formats asked for, next to each other in one folder."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from citybridge.reports.document import Document

FORMATS = ("html", "pdf", "docx")


class PdfsLeftOut(list):
    """The PDFs a run left out because their fonts are missing: (path, MissingFontsError)."""

    def message(self) -> str:
        """One line: how many and which PDFs, and the Debian packages that would let them be written."""
        packages = dict.fromkeys(p for _, error in self for p in error.packages)
        names = ", ".join(path.name for path, _ in self)
        return (
            f"{len(self)} PDF file(s) left out, their fonts are not installed: {names}. "
            f"Install them with: apt-get install {' '.join(packages)}"
        )


_left_out: ContextVar[PdfsLeftOut | None] = ContextVar("pdfs_left_out", default=None)


@contextmanager
def pdfs_left_out_without_fonts() -> Iterator[PdfsLeftOut]:
    """Inside, a PDF whose fonts are missing is left out (and listed) rather than stopping the run:
    the demo then still writes every HTML and DOCX file and the PDFs the installed fonts cover."""
    left_out = PdfsLeftOut()
    token = _left_out.set(left_out)
    try:
        yield left_out
    finally:
        _left_out.reset(token)


def parse_formats(text: str) -> tuple[str, ...]:
    """"all", one format, or a comma-separated list; unknown names are refused."""
    wanted = FORMATS if text == "all" else tuple(f.strip().lower() for f in text.split(",") if f.strip())
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise ValueError(f"format '{text}': choose from {', '.join(FORMATS)} or all")
    return wanted


def write_document(doc: Document, folder: Path, stem: str, formats: Iterable[str]) -> list[Path]:
    """``folder/stem.html`` etc.; each file is written to a temporary name first, then renamed,
    so an interrupted run never leaves half a report behind."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in formats:
        target = folder / f"{stem}.{fmt}"
        partial = target.with_name(f".{target.name}.partial")
        try:
            _WRITERS[fmt](doc, partial)
        except Exception as error:
            if not _left_out_for_fonts(target, error):
                raise
            continue
        partial.replace(target)
        written.append(target)
    return written


def _left_out_for_fonts(target: Path, error: Exception) -> bool:
    from citybridge.reports.pdf import MissingFontsError  # WeasyPrint loads only when PDFs are made

    left_out = _left_out.get()
    if left_out is None or not isinstance(error, MissingFontsError):
        return False
    left_out.append((target, error))
    return True


def _write_html(doc: Document, path: Path) -> None:
    from citybridge.reports.html import render_html

    path.write_text(render_html(doc), encoding="utf-8")


def _write_pdf(doc: Document, path: Path) -> None:
    from citybridge.reports.pdf import write_pdf

    write_pdf(doc, path)


def _write_docx(doc: Document, path: Path) -> None:
    from citybridge.reports.docx import write_docx

    write_docx(doc, path)


_WRITERS: dict[str, Callable[[Document, Path], None]] = {"html": _write_html, "pdf": _write_pdf, "docx": _write_docx}
