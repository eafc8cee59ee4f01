"""Reading generated files back as a person would: python-docx for DOCX, pdftotext (poppler-utils) for PDF.

PDF text is read in drawing order (-raw), so a table cell that wraps stays one piece of text."""

from __future__ import annotations

import io
import subprocess

from docx import Document


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True).stdout
    # pdftotext breaks long lines where the page does; join them so a sentence can be searched whole.
    return "".join(out.decode().split())


def flat(text: str) -> str:
    return "".join(text.split())
