"""Rendering: every format says the same thing, user text is never markup, files open."""

from __future__ import annotations

import io
import itertools
from dataclasses import replace

import docx
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from jobwise.rendering import count_pages, render, render_markdown, render_pages_svg, render_text
from jobwise.rendering.layout import short_url
from jobwise.rendering.model import (
    Contact,
    CoverLetterDocument,
    EducationEntry,
    ResumeDocument,
    ResumeEntry,
    format_date,
    format_date_range,
    parse_text,
)

TRICKY = r'Cut costs 30% with #read("/etc/passwd") $x^2$ *bold* _it_ @ref <lbl> [link](x) \ `code` = - + / ~'

RESUME = ResumeDocument(
    contact=Contact(
        name="Zoë Ångström",
        email="zoe@example.com",
        phone="+49 30 1234567",
        location="München, DE",
        links=("https://github.com/zoe",),
    ),
    summary="Backend engineer who builds reliable payment systems.",
    experiences=(
        ResumeEntry(
            item_id="e1",
            kind="experience",
            title="Senior Engineer",
            organization="Acme Payments GmbH",
            location="Berlin",
            start_date="2021-03",
            is_current=True,
            bullets=("Led the FastAPI migration of the payments API.", TRICKY),
            technologies=("Python", "C++", "C#"),
        ),
        ResumeEntry(
            item_id="e2",
            kind="experience",
            title="Engineer",
            organization="Parcel & Co.",
            start_date="2017-06",
            end_date="2021-02",
            bullets=("Ran 30 services on Kubernetes.",),
        ),
    ),
    projects=(
        ResumeEntry(
            item_id="p1",
            kind="project",
            title="ledgerlite",
            start_date="2022",
            bullets=("A double-entry ledger library.",),
            url="https://github.com/zoe/ledgerlite",
        ),
    ),
    skills=("Python", "FastAPI", "PostgreSQL"),
    education=(
        EducationEntry(
            item_id="ed1",
            institution="TU Berlin",
            degree="MSc",
            field_of_study="Computer Science",
            start_date="2014",
            end_date="2016",
            gpa=1.3,
        ),
    ),
)

LETTER = CoverLetterDocument(
    contact=Contact(name="Zoë Ångström", email="zoe@example.com"),
    body=f"Dear Hiring Team,\n\nI would like to apply. {TRICKY}\n\nKind regards,\nZoë Ångström",
    date="1 March 2025",
    recipient="Acme",
    job_title="Backend Engineer",
)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs)


def squash(text: str) -> str:
    # PDF text extraction may break lines anywhere; compare without whitespace.
    return "".join(text.split())


def expected_phrases(document: ResumeDocument) -> list[str]:
    # Addresses are shown as people read them: github.com/zoe.
    contact = [
        short_url(part) if part in document.contact.links else part for part in document.contact.parts()
    ]
    phrases = [document.contact.name, *contact, *document.skills]
    for entry in (*document.experiences, *document.projects):
        phrases += [entry.title, entry.period, *entry.bullets]
        if entry.organization:
            phrases.append(entry.organization)
    for education in document.education:
        phrases += [education.institution, education.period]
    return phrases


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2019-03", "Mar 2019"), ("2019", "2019"), ("2019-03-15", "Mar 2019"), ("soon", "soon"), (None, "")],
)
def test_dates_are_shown_as_month_and_year(value: str | None, expected: str) -> None:
    assert format_date(value) == expected


def test_a_current_role_runs_to_present() -> None:
    assert format_date_range("2021-03", None, is_current=True) == "Mar 2021 – Present"
    assert format_date_range("2017", "2017") == "2017"
    assert format_date_range(None, "2020-01") == "Jan 2020"


def test_pdf_has_real_text_with_every_fact_and_user_text_is_never_markup() -> None:
    data = render(RESUME, "pdf")
    assert data.startswith(b"%PDF")
    assert count_pages(data) == 1
    text = squash(pdf_text(data))
    for phrase in expected_phrases(RESUME):
        assert squash(phrase) in text, phrase
    # The Typst-looking bullet printed as written: no file was read, no maths, no emphasis.
    assert "root:" not in text


def test_pdf_text_has_no_ligature_glyphs_an_ats_would_misread() -> None:
    document = ResumeDocument(
        contact=Contact(name="Fiona Office"), summary="Efficient profiling of offline flows."
    )
    text = pdf_text(render(document, "pdf"))
    assert "Efficient profiling of offline flows." in text
    assert not any(char in text for char in "ﬀﬁﬂﬃﬄ")


def test_docx_opens_and_holds_the_same_content_with_real_headings() -> None:
    data = render(RESUME, "docx")
    opened = docx.Document(io.BytesIO(data))
    text = docx_text(data)
    for phrase in expected_phrases(RESUME):
        assert phrase in text, phrase
    headings = [p.text for p in opened.paragraphs if p.style is not None and p.style.name == "Heading 2"]
    assert headings == ["Summary", "Experience", "Projects", "Skills", "Education"]
    bullets = [p.text for p in opened.paragraphs if p.style is not None and p.style.name == "List Bullet"]
    assert TRICKY in bullets
    assert opened.core_properties.author == "Zoë Ångström"


def test_markdown_escapes_user_text_and_reads_back_the_same_words() -> None:
    markdown = render_markdown(RESUME)
    assert markdown.startswith("# Zoë Ångström\n")
    assert "## Experience" in markdown
    parsed = parse_text(markdown)
    texts = [block.text for block in parsed.blocks]
    assert TRICKY in texts  # the escaped bullet reads back exactly, no emphasis or links
    bullet = next(block for block in parsed.blocks if block.text == TRICKY)
    assert not any(span.bold or span.italic for span in bullet.spans)


def test_plain_text_lists_every_fact() -> None:
    text = render_text(RESUME)
    for phrase in expected_phrases(RESUME):
        assert phrase in text, phrase
    assert "EXPERIENCE" in text
    assert f"- {TRICKY}" in text


def test_every_format_renders_a_cover_letter_with_its_line_breaks() -> None:
    for fmt in ("pdf", "docx", "md", "txt"):
        data = render(LETTER, fmt)
        text = pdf_text(data) if fmt == "pdf" else docx_text(data) if fmt == "docx" else data.decode()
        assert "Dear Hiring Team," in text, fmt
        assert "Acme" in text, fmt
    text = render_text(LETTER)
    assert "Kind regards,\nZoë Ångström" in text
    assert parse_text(render_markdown(LETTER)).blocks[-1].text == "Kind regards,\nZoë Ångström"


def test_a_letters_paragraphs_stand_apart_in_the_pdf() -> None:
    """The gap between two paragraphs is clearly more than the gap between two lines of one."""
    long = "I wrote the onboarding guide and ran the team's code reviews for three years. " * 3
    letter = CoverLetterDocument(
        contact=Contact(name="Zoë"), body=f"Dear Team,\n\n{long}\n\n{long}\n\nThanks,\nZoë"
    )
    page = pdfium.PdfDocument(render(letter, "pdf"))[0]
    text = page.get_textpage()
    start = text.get_text_range().index("Dear")
    bottoms = {
        round(text.get_charbox(i)[1])
        for i in range(start, text.count_chars())
        if text.get_text_range(i, 1).isalpha()
    }
    lines: list[int] = []  # each line's lowest letter bottom, top to bottom
    for bottom in sorted(bottoms, reverse=True):
        if not lines or lines[-1] - bottom > 5:
            lines.append(bottom)
    gaps = [a - b for a, b in itertools.pairwise(lines)]
    line = min(gaps)
    # Greeting, two paragraphs and the closing: three breaks, each well over a line's pitch.
    assert sum(gap >= 1.4 * line for gap in gaps) == 3, gaps


def test_hand_edited_markdown_renders_headings_bullets_and_emphasis() -> None:
    edited = (
        "# Zoë\n\n## Experience\n\n### Lead, Acme\n*2020 – Present*\n\n"
        "- Shipped **fast** things\n- Wrote C\\*\\* docs\n"
    )
    document = parse_text(edited)
    kinds = [block.kind for block in document.blocks]
    assert kinds == ["title", "heading", "subheading", "paragraph", "bullet", "bullet"]
    assert document.blocks[4].spans[1].bold
    assert document.blocks[5].text == "Wrote C** docs"
    text = pdf_text(render(document, "pdf"))
    assert "Shipped fast things" in text
    assert "Wrote C** docs" in text


def test_characters_no_embedded_font_has_still_render() -> None:
    document = ResumeDocument(contact=Contact(name="李小龍 🚀"), summary="Ünïcødé everywhere")
    assert count_pages(render(document, "pdf")) == 1


# What input now refuses but documents stored before the rule may hold (text/safe.py).
UNSAFE = "\x00\x01\x08\x0b\x1f\ufffe\uffff\ud800"


def _dirty(text: str) -> str:
    return "".join(f"{char}{letter}" for char, letter in zip(UNSAFE * len(text), text, strict=False))


def test_docx_and_pdf_drop_characters_xml_cannot_hold_from_every_part() -> None:
    entry = RESUME.experiences[0]
    document = ResumeDocument(
        contact=Contact(
            name=_dirty("Zoe Doe"), email=_dirty("zoe@example.com"), links=(_dirty("https://z.dev"),)
        ),
        summary=_dirty("Builds payment systems."),
        experiences=(
            ResumeEntry(
                item_id="e1",
                kind="experience",
                title=_dirty("Senior Engineer"),
                organization=_dirty("Acme"),
                location=_dirty("Berlin"),
                start_date=entry.start_date,
                is_current=True,
                bullets=(_dirty("Led the migration."),),
                technologies=(_dirty("Python"),),
            ),
        ),
        skills=(_dirty("FastAPI"),),
    )
    words = ["Zoe Doe", "zoe@example.com", "https://z.dev", "Builds payment systems.", "Senior Engineer"]
    words += ["Acme", "Berlin", "Led the migration.", "Python", "FastAPI"]
    opened = docx.Document(io.BytesIO(render(document, "docx")))
    text = docx_text(render(document, "docx"))
    assert all(word in text for word in words), text
    assert opened.core_properties.title == "Resume: Zoe Doe" and opened.core_properties.author == "Zoe Doe"
    pdf = squash(pdf_text(render(document, "pdf")))
    assert all(squash(word) in pdf for word in words), pdf
    assert not any(char in text or char in pdf for char in UNSAFE)


def test_edited_text_with_control_characters_renders_in_every_format() -> None:
    edited = parse_text(f"# Zoë\n\n## Summary\n\nShips{UNSAFE} software\ttabbed.\n\n- One\x0bbullet\n")
    assert "Ships software" in docx_text(render(edited, "docx"))
    assert "Shipssoftware" in squash(pdf_text(render(edited, "pdf")))
    for fmt in ("md", "txt"):
        text = render(edited, fmt).decode()
        assert "Shipssoftwaretabbed." in squash(text) and not any(char in text for char in UNSAFE), fmt


def test_a_first_heading_over_255_characters_is_a_shortened_docx_title() -> None:
    name = "N" * 300
    opened = docx.Document(io.BytesIO(render(parse_text(f"# {name}\n\nBody text."), "docx")))
    assert opened.paragraphs[0].text == name  # the document itself keeps it whole
    title, author = opened.core_properties.title, opened.core_properties.author
    assert len(title) == len(author) == 255 and title.endswith("…") and author.startswith("NNN")
    assert count_pages(render(parse_text(f"# {name}\n\nBody text."), "pdf")) >= 1


def test_an_address_is_shown_short_and_never_broken_across_lines() -> None:
    assert short_url("https://www.github.com/ada/") == "github.com/ada"
    assert short_url("github.com/ada") == "github.com/ada"
    # The line is full before the last address: it moves to the next line whole.
    links = (
        "https://github.com/ada-lovelace-analytical-engine",
        "https://www.linkedin.com/in/ada-lovelace-1815",
    )
    contact = Contact(
        name="Ada", email="ada.lovelace@analytical-engine.example.com", phone="+44 20 7946 0958", links=links
    )
    for document in (
        ResumeDocument(contact=contact),
        CoverLetterDocument(contact=contact, body="Dear Team,"),
    ):
        lines = pdf_text(render(document, "pdf")).splitlines()
        for link in links:
            assert any(short_url(link) in line for line in lines), (type(document).__name__, lines)
        assert not any("https://" in line for line in lines), lines


def test_the_svg_preview_has_the_pdfs_pages_from_the_same_template() -> None:
    for document in (RESUME, LETTER, replace(LETTER, body="\n\n".join(["A long paragraph."] * 120))):
        pages = render_pages_svg(document)
        assert len(pages) == count_pages(render(document, "pdf"))
        assert all(page.startswith(b"<svg") and b"<script" not in page for page in pages)
    assert len(render_pages_svg(replace(LETTER, body="\n\n".join(["A long paragraph."] * 120)))) > 1
