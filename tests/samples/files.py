"""Real files for the sample tests, made with the libraries people's tools use (fpdf2, pypdf,
python-docx), plus the hostile ones built by hand."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Sequence

from docx import Document
from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader, PdfWriter

RESUME_LINES = [
    "JANE DOE",
    "jane@example.com | +1 555 0100 | Portland, OR",
    "",
    "SUMMARY",
    "Backend engineer who ships boring software that stays up.",
    "",
    "EXPERIENCE",
    "Senior Engineer, Acme Corp    Jan 2020 – Present",
    "• Led a team of five engineers to ship a payments platform, cutting p99 latency by 30%.",
    "• Built the event pipeline that ships boring software to 2M users every day.",
    "• Reduced cloud spend by $40k a year by right-sizing clusters.",
    "Engineer, Initech    Mar 2017 – Dec 2019",
    "• Designed a billing service in Go that ships boring software for invoices.",
    "• Mentored three junior engineers through their first on-call rotations.",
    "",
    "EDUCATION",
    "BSc Computer Science, State University    Sep 2013 – Jun 2017",
    "",
    "SKILLS",
    "Python, Go, PostgreSQL, Kubernetes, Terraform",
]
RESUME_TEXT = "\n".join(RESUME_LINES)

COVER_LETTER_TEXT = """Jane Doe
12 Main St, Portland

Dear Ms. Rivera,

I'm writing about the Backend Engineer role at Globex. I've spent six years building payment \
systems that stay up, and I'd like to bring quiet nights to your on-call rotation.

At Acme I led the rebuild of our payments platform. We shipped boring software on purpose: \
small releases, loud alarms, quiet nights. Latency dropped by 30%.

I care about quiet nights and boring software. I'd welcome a chance to talk.

Best regards,
Jane Doe
"""


def pdf_from_lines(lines: list[str], *, pages: int = 1) -> bytes:
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"  # "•" and "–" exist in WinAnsi; core fonts need no file
    pdf.set_font("Helvetica", size=11)
    per_page = -(-len(lines) // pages)
    for start in range(0, len(lines), per_page):
        pdf.add_page()
        for line in lines[start : start + per_page]:
            pdf.multi_cell(0, 6, text=line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def image_only_pdf() -> bytes:
    """What a scanner makes: a page that is one picture, no text objects."""
    image = Image.new("RGB", (400, 500), "white")
    for x in range(40, 360):
        for y in range(60, 70):
            image.putpixel((x, y), (0, 0, 0))
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=180)
    return bytes(pdf.output())


def encrypted_pdf(user_password: str = "secret") -> bytes:
    reader = PdfReader(io.BytesIO(pdf_from_lines(RESUME_LINES)))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="owner-pass", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def raw_pdf(content: bytes) -> bytes:
    """A one-page PDF around a hand-written content stream (Flate-compressed)."""
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def slow_pdf(operations: int = 150_000) -> bytes:
    """A few kilobytes that keep pypdf's text extraction busy for several CPU-seconds."""
    return raw_pdf(b"BT /F1 12 Tf 72 712 Td " + b"(ab) Tj 1 0 Td " * operations + b"ET")


def memory_hungry_pdf(size: int = 70 * 1024 * 1024) -> bytes:
    """~70 KB that inflate to a 70 MB content stream (under pypdf's own 75 MB cap)."""
    return raw_pdf(b"BT /F1 12 Tf 72 712 Td (hello world) Tj ET\n" + b" " * size)


def docx_document(
    paragraphs: list[str],
    *,
    bullets: Sequence[str] = (),
    table: list[list[str]] | None = None,
    closing: Sequence[str] = (),
) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for text in bullets:
        document.add_paragraph(text, style="List Bullet")
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    for text in closing:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rewrite_docx(
    data: bytes, *, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = (replace or {}).get(info.filename, source.read(info.filename))
            target.writestr(info.filename, body)
        for name, body in (add or {}).items():
            target.writestr(name, body)
    return out.getvalue()


def docx_zip_bomb() -> bytes:
    """A real .docx carrying an 8 MB member that deflates ~1000:1."""
    return _rewrite_docx(docx_document(["Resume"]), add={"word/media/filler.bin": b"\0" * (8 * 1024 * 1024)})


def docx_with_entity() -> bytes:
    """document.xml with an internal DTD: the start of every billion-laughs file."""
    data = docx_document(["Hello &lol; world, this is a resume with enough words."])
    document_xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    declaration_end = document_xml.index(b"?>") + 2
    doctype = b'\n<!DOCTYPE w:document [<!ENTITY lol "lollollollollollollol">]>'
    patched = document_xml[:declaration_end] + doctype + document_xml[declaration_end:]
    return _rewrite_docx(data, replace={"word/document.xml": patched})


def zip_without_word_document() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "just a zip")
    return out.getvalue()
