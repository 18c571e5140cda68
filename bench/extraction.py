"""Sample extraction: time per page, and pypdf against pypdfium2 on the same PDFs.

1. The full path an upload takes (type detection, the reader, tidy-up) for one two-page resume
   as PDF (pypdf in the limited child process) and as DOCX (python-docx after the archive
   checks), in milliseconds per page.
2. pypdf and pypdfium2 in-process on the same PDFs, written three ways: fpdf2 with a core font
   (simple WinAnsi text), typst with embedded subset fonts (ligatures, kerning, ToUnicode maps),
   and typst in two columns. Speed is ms per page; quality is word recall (source words found,
   as a multiset) and precision (extracted words that are real), against the source text.

    .venv/bin/python bench/extraction.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import io
import itertools
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pypdfium2
import typst
from _result import emit, figure
from docx import Document
from fpdf import FPDF
from pypdf import PdfReader

from jobwise.samples.extraction import Extractor, identify

ROLES = [
    ("Staff Engineer", "Northwind Payments", "Jan 2021 – Present"),
    ("Senior Engineer", "Acme Corp", "Mar 2017 – Dec 2020"),
    ("Software Engineer", "Initech", "Jul 2014 – Feb 2017"),
    ("Junior Developer", "Globex", "Sep 2012 – Jun 2014"),
]
BULLETS = [
    "Led a team of {n} engineers through a rewrite of the settlement service, cutting p99 latency "
    "from 900 ms to 140 ms without a single customer-facing incident.",
    "Designed the idempotency layer that lets retries flow safely through {n} downstream ledgers, "
    "removing a whole class of double-charge bugs.",
    "Built a reconciliation pipeline in Go and PostgreSQL that checks {n} million transactions a "
    "night and flags mismatches before finance opens.",
    "Mentored {n} engineers to their first on-call rotation, writing the runbooks they still use and "
    "pairing on every incident review.",
    "Reduced cloud spend by ${n}0k a year by right-sizing clusters, moving batch jobs to spot "
    "capacity and deleting forgotten environments.",
    "Introduced contract tests between {n} services so that schema changes fail in review rather "
    "than in production.",
]


def resume_lines() -> list[str]:
    lines = [
        "JANE DOE",
        "jane.doe@example.com | +1 555 0100 | Portland, OR | github.com/janedoe",
        "",
        "SUMMARY",
        "Backend engineer with twelve years in payments: ships boring software that stays up, "
        "writes things down, and leaves systems simpler than she found them.",
        "",
        "EXPERIENCE",
    ]
    for index, (title, company, dates) in enumerate(ROLES):
        lines.append(f"{title}, {company}    {dates}")
        lines += [f"• {bullet.format(n=index + 3)}" for bullet in BULLETS]
        lines.append("")
    lines += [
        "EDUCATION",
        "BSc Computer Science, Oregon State University    Sep 2008 – Jun 2012",
        "",
        "SKILLS",
        "Python, Go, PostgreSQL, Kafka, Kubernetes, Terraform, AWS, observability, incident response",
        "",
        "PROJECTS",
        "• ledgerlint: an open-source linter for double-entry ledgers, used by three fintech teams.",
        "• pgdiff: schema drift detection for PostgreSQL, with a GitHub Action and 400 stars.",
    ]
    return lines


def fpdf_pdf(lines: list[str]) -> bytes:
    pdf = FPDF()
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_font("Helvetica", size=11)
    pdf.add_page()
    for line in lines:
        pdf.multi_cell(0, 6, text=line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _typst_string(text: str) -> str:
    return '#"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typst_pdf(lines: list[str], *, columns: int = 1) -> bytes:
    body: list[str] = []
    for line in lines:
        if not line:
            body.append("")
        elif line.isupper() and len(line) < 20:
            body.append(f"== {_typst_string(line)}")
        elif line.startswith("• "):
            body.append(f"- {_typst_string(line[2:])}")
        else:
            body.append(_typst_string(line) + " \\")
    content = "\n".join(body)
    if columns > 1:
        content = f"#columns({columns}, gutter: 1.2em)[\n{content}\n]"
    # Justified: word gaps become TJ spacing adjustments, where extractors split or merge words.
    source = '#set page(paper: "a4", margin: 2cm)\n#set text(size: 10.5pt)\n#set par(justify: true)\n'
    source += content + "\n"
    pdf: bytes = typst.compile(source.encode(), format="pdf")
    return pdf


def docx_file(lines: list[str]) -> bytes:
    document = Document()
    for line in lines:
        if line.startswith("• "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif line.isupper() and len(line) < 20:
            document.add_heading(line, level=2)
        else:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def pypdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def pdfium_text(pdf: bytes) -> str:
    document = pypdfium2.PdfDocument(pdf)
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(textpage.get_text_bounded())
            textpage.close()
            page.close()
        return "\n".join(texts)
    finally:
        document.close()


WIDTHS = (6, 15, 8, 16, 16, 16)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def word_scores(source: str, extracted: str) -> tuple[float, float, float]:
    """Against the source, case-folded, as multisets: word recall, word precision, and recall of
    adjacent word pairs (which drops when words are merged, split or read out of order)."""
    expected_words, found_words = _words(source), _words(extracted)
    expected, found = Counter(expected_words), Counter(found_words)
    overlap = sum((expected & found).values())
    expected_pairs = Counter(itertools.pairwise(expected_words))
    found_pairs = Counter(itertools.pairwise(found_words))
    pair_overlap = sum((expected_pairs & found_pairs).values())
    return (
        overlap / max(sum(expected.values()), 1),
        overlap / max(sum(found.values()), 1),
        pair_overlap / max(sum(expected_pairs.values()), 1),
    )


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


async def full_path_seconds(path: Path, extension: str, repeat: int) -> float:
    extractor = Extractor()
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        kind = identify(path, extension=extension, allowed_extensions=["pdf", "docx", "txt"])
        await extractor.extract(path, kind=kind)
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def child_startup_seconds(repeat: int) -> float:
    """What the child process costs before it reads a byte: start Python and import pypdf."""
    command = [sys.executable, "-I", "-c", "import pypdf"]
    return median_seconds(lambda: subprocess.run(command, check=True), repeat)  # noqa: S603


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement (the median is shown)")
    args = parser.parse_args()
    repeat: int = args.repeat

    lines = resume_lines()
    source = "\n".join(lines)
    pdfs = {
        "fpdf2, core font": fpdf_pdf(lines),
        "typst, embedded fonts": typst_pdf(lines),
        "typst, two columns": typst_pdf(lines, columns=2),
    }
    resume_pdf = pdfs["fpdf2, core font"]
    pages = page_count(resume_pdf)

    with tempfile.TemporaryDirectory() as directory:
        pdf_path = Path(directory) / "resume.pdf"
        pdf_path.write_bytes(resume_pdf)
        docx_path = Path(directory) / "resume.docx"
        docx_path.write_bytes(docx_file(lines))
        pdf_seconds = asyncio.run(full_path_seconds(pdf_path, "pdf", repeat))
        docx_seconds = asyncio.run(full_path_seconds(docx_path, "docx", repeat))
    startup = child_startup_seconds(repeat)

    words = len(source.split())
    print(f"Two-page resume ({words} words, {pages} PDF pages): full upload path, median of {repeat}")
    print(f"{'format':<44}{'total ms':>10}{'ms/page':>10}")
    for label, seconds in (
        ("PDF  (pypdf in a limited child process)", pdf_seconds),
        ("DOCX (archive checks + python-docx)", docx_seconds),
    ):
        print(f"{label:<44}{seconds * 1000:>10.0f}{seconds * 1000 / pages:>10.0f}")
    print(f"{'  PDF part: child start + import pypdf':<44}{startup * 1000:>10.0f}")
    print()
    print(f"pypdf vs pypdfium2, in-process, same files, median of {repeat} (quality: pypdf / pdfium)")
    columns = ("pages", "ms/page pypdf", "pdfium", "word recall", "precision", "pair recall")
    print(f"{'PDF':<24}" + "".join(f"{title:>{width}}" for title, width in zip(columns, WIDTHS, strict=True)))
    readers: dict[str, tuple[float, float, float]] = {}
    for name, pdf in pdfs.items():
        count = page_count(pdf)
        pypdf_ms = median_seconds(partial(pypdf_text, pdf), repeat) * 1000 / count
        pdfium_ms = median_seconds(partial(pdfium_text, pdf), repeat) * 1000 / count
        ours = word_scores(source, pypdf_text(pdf))
        theirs = word_scores(source, pdfium_text(pdf))
        quality = "".join(f"{a:>9.3f} /{b:.3f}" for a, b in zip(ours, theirs, strict=True))
        print(f"{name:<24}{count:>6}{pypdf_ms:>15.1f}{pdfium_ms:>8.1f}{quality}")
        readers[name] = (pypdf_ms, pdfium_ms, ours[0])
    typst_pypdf, typst_pdfium, typst_recall = readers["typst, embedded fonts"]
    emit(
        "files",
        [
            figure("PDF upload extraction per page", pdf_seconds * 1000 / pages, "ms"),
            figure("DOCX upload extraction per page", docx_seconds * 1000 / pages, "ms"),
            figure("pypdf per page (Typst PDF)", typst_pypdf, "ms"),
            figure("pypdf / pypdfium2 time (Typst PDF)", typst_pypdf / typst_pdfium, "x", ratio=True),
            figure("pypdf word recall (Typst PDF)", typst_recall * 100, "%"),
        ],
        repeat=repeat,
        pages=pages,
    )


if __name__ == "__main__":
    main()
