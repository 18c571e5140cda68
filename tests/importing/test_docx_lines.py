"""Word documents into lines: text boxes once, layout tables column by column, lists, pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jobwise.importing.docx_lines import read_docx
from jobwise.importing.parser import parse

DEV = Path(__file__).resolve().parents[1] / "data" / "resumes" / "dev"


def test_a_text_box_is_read_once_not_with_its_fallback_copy() -> None:
    texts = [line.text for line in read_docx(DEV / "word_sidebar_biswas.docx").lines]
    assert sum("DETAILS" in text for text in texts) == 1
    assert sum(text == "Compiler Design" for text in texts) == 1


def test_a_table_laying_out_the_page_is_read_column_by_column() -> None:
    read = read_docx(DEV / "word_sidebar_fabre.docx")
    texts = [line.text for line in read.lines]
    assert texts.index("Interests") < texts.index("Work experience")  # the left column first
    assert {line.region for line in read.lines if line.text == "Skills"} == {"side"}


def test_list_paragraphs_and_heading_styles_are_kept() -> None:
    lines = read_docx(DEV / "word_sidebar_fabre.docx").lines
    networks = next(line for line in lines if line.text == "Networks")
    assert networks.list_level == 0
    assert next(line for line in lines if line.text == "Work experience").heading_level == 1


def test_the_page_count_is_the_one_word_stored() -> None:
    assert read_docx(DEV / "word_twocol_tanu.docx").pages == 1
    assert read_docx(DEV / "word_academic_senior.docx").pages == 13


def test_a_rule_of_underscores_typed_before_a_bold_heading_is_no_part_of_it(tmp_path: Path) -> None:
    # "______ Professional Work Experience": the rule in plain type, the heading in bold, one
    # paragraph. The heading's letters decide how the line looks, and the rule is no text.
    import docx

    document = docx.Document()
    document.add_paragraph("Jane Smith BSN, RN")
    document.add_paragraph("jane@example.com")
    paragraph = document.add_paragraph()
    paragraph.add_run("_" * 60 + " ")
    paragraph.add_run("Professional Work Experience").bold = True
    document.add_paragraph(
        "2020 - Present\tAdvance Nurse Scholar, Winship Cancer Institute, Atlanta, Georgia"
    )
    path = tmp_path / "rule.docx"
    document.save(str(path))
    read = read_docx(path)
    assert next(line for line in read.lines if "Work Experience" in line.text).bold
    work = parse(read).document["work"]
    assert [(job["name"], job["position"], job["startDate"]) for job in work] == [
        ("Winship Cancer Institute", "Advance Nurse Scholar", "2020")
    ]


def test_a_hyperlinked_word_carries_its_target() -> None:
    # "anjalisaluja305@gmail.com | +91 7470848106 | LinkedIn | GitHub": the two words link.
    read = read_docx(DEV / "word_saluja.docx")
    contact = next(line for line in read.lines if "LinkedIn" in line.text)
    web = {"https://www.linkedin.com/in/anjali305/", "https://github.com/anjalisaluja305"}
    assert set(contact.links) == web | {"mailto:anjalisaluja305@gmail.com"}
    profiles = parse(read).document["basics"]["profiles"]
    assert {profile["url"] for profile in profiles} == web


def test_a_table_inside_a_layout_column_stays_in_that_column(tmp_path: Path) -> None:
    # A sidebar table whose main cell holds a table of dates beside roles: the dates are the
    # main column's, not the sidebar's.
    import docx

    document = docx.Document()
    side, main = document.add_table(rows=1, cols=2).rows[0].cells
    side.paragraphs[0].text = "CONTACT"
    for text in ["jane@example.com", "SKILLS", "Python", "SQL"]:
        side.add_paragraph(text)
    main.paragraphs[0].text = "EXPERIENCE"
    roles = main.add_table(rows=2, cols=2)
    for row, (dates, role) in enumerate(
        [("2020 - Present", "Engineer, Acme"), ("2018 - 2020", "Intern, Globex")]
    ):
        roles.rows[row].cells[0].text = dates
        roles.rows[row].cells[1].text = role
    for text in ["EDUCATION", "MIT, BSc Physics, 2014 - 2018", "Thesis on rare events", "Dean's list"]:
        main.add_paragraph(text)
    path = tmp_path / "nested.docx"
    document.save(str(path))
    lines = read_docx(path).lines
    assert {
        (line.column, line.region) for line in lines if line.text in ("2020 - Present", "2018 - 2020")
    } == {(2, "main")}
    assert {line.region for line in lines if line.text == "SKILLS"} == {"side"}


# A main column and a sidebar, as two text boxes hold them.
MAIN_COLUMN = ["EXPERIENCE", "Acme Corp", "Backend Engineer", "2020 - Present"]
SIDEBAR = ["CONTACT", "jane@example.com", "SKILLS", "Python"]


def _paragraphs(texts: list[str]) -> str:
    return "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in texts)


def _text_box(paragraph: Any, texts: list[str], horizontal: str, width: int) -> None:
    """A floating text box anchored in the paragraph, placed across the page by `horizontal`."""
    from docx.oxml import parse_xml

    body = _paragraphs(texts)
    paragraph._p.append(
        parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
            ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
            ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<w:drawing><wp:anchor><wp:positionH relativeFrom="page">{horizontal}</wp:positionH>'
            f'<wp:extent cx="{width}" cy="9000000"/><a:graphic><a:graphicData><wps:wsp><wps:txbx>'
            f"<w:txbxContent>{body}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic>"
            "</wp:anchor></w:drawing></w:r>"
        )
    )


def test_a_text_box_aligned_to_the_right_is_read_after_the_body_box(tmp_path: Path) -> None:
    # The sidebar box has no offset, only an alignment: it stands right of the main box.
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph()
    main, side = MAIN_COLUMN, SIDEBAR
    _text_box(paragraph, side, "<wp:align>right</wp:align>", 2_000_000)
    _text_box(paragraph, main, "<wp:posOffset>300000</wp:posOffset>", 4_500_000)
    path = tmp_path / "boxes.docx"
    document.save(str(path))
    lines = read_docx(path).lines
    assert [line.text for line in lines] == [*main, *side]
    assert {line.region for line in lines if line.text in side} == {"side"}


def test_a_main_column_merged_down_beside_the_sidebar_s_rows_is_read_whole(tmp_path: Path) -> None:
    # One row per sidebar section, the main column one cell merged down through them all.
    import docx

    document = docx.Document()
    table = document.add_table(rows=4, cols=2)
    sections = [
        ["CONTACT", "jane@example.com"],
        ["SKILLS", "Python"],
        ["LANGUAGES", "German"],
        ["INTERESTS", "Chess"],
    ]
    for row, (heading, item) in enumerate(sections):
        cell = table.rows[row].cells[0]
        cell.paragraphs[0].text = heading
        cell.add_paragraph(item)
    main = table.cell(0, 1).merge(table.cell(3, 1))
    main.paragraphs[0].text = "EXPERIENCE"
    body = ["Acme Corp", "Backend Engineer", "2020 - Present", "EDUCATION", "MIT", "BSc Physics"]
    for text in body:
        main.add_paragraph(text)
    path = tmp_path / "merged.docx"
    document.save(str(path))
    texts = [line.text for line in read_docx(path).lines]
    assert texts == [text for section in sections for text in section] + ["EXPERIENCE", *body]


def test_text_boxes_in_one_group_are_read_left_to_right(tmp_path: Path) -> None:
    # A template's grouped shapes share one anchor; each box stands where the group places it.
    import docx
    from docx.oxml import parse_xml

    def shape(texts: list[str], x: int, cx: int) -> str:
        body = _paragraphs(texts)
        return (
            f'<wps:wsp><wps:spPr><a:xfrm><a:off x="{x}" y="0"/><a:ext cx="{cx}" cy="9000"/></a:xfrm>'
            f"</wps:spPr><wps:txbx><w:txbxContent>{body}</w:txbxContent></wps:txbx></wps:wsp>"
        )

    main, side = MAIN_COLUMN, SIDEBAR
    document = docx.Document()
    # The group's own coordinates run from 0 to 10000 across its 7 000 000 EMU.
    document.add_paragraph()._p.append(
        parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
            ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
            ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
            ' xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup">'
            '<w:drawing><wp:anchor><wp:positionH relativeFrom="page"><wp:posOffset>300000</wp:posOffset>'
            '</wp:positionH><wp:extent cx="7000000" cy="9000000"/><a:graphic><a:graphicData><wpg:wgp>'
            '<wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="7000000" cy="9000000"/>'
            '<a:chOff x="0" y="0"/><a:chExt cx="10000" cy="9000"/></a:xfrm></wpg:grpSpPr>'
            f"{shape(side, 7000, 3000)}{shape(main, 0, 6500)}"
            "</wpg:wgp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
        )
    )
    path = tmp_path / "group.docx"
    document.save(str(path))
    lines = read_docx(path).lines
    assert [line.text for line in lines] == [*main, *side]
    assert {line.region for line in lines if line.text in side} == {"side"}


def test_old_text_boxes_are_placed_by_their_shape_s_style(tmp_path: Path) -> None:
    # VML text boxes (no DrawingML anchor): "margin-left" in the shape's style places them.
    import docx
    from docx.oxml import parse_xml

    def box(texts: list[str], left: str, width: str) -> str:
        body = _paragraphs(texts)
        return (
            f'<w:pict><v:shape style="position:absolute;margin-left:{left};margin-top:0;width:{width};'
            f'height:600pt"><v:textbox><w:txbxContent>{body}</w:txbxContent></v:textbox></v:shape></w:pict>'
        )

    main, side = MAIN_COLUMN, SIDEBAR
    document = docx.Document()
    document.add_paragraph()._p.append(
        parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
            ' xmlns:v="urn:schemas-microsoft-com:vml">'
            f"{box(side, '400pt', '150pt')}{box(main, '20pt', '350pt')}</w:r>"
        )
    )
    path = tmp_path / "vml.docx"
    document.save(str(path))
    lines = read_docx(path).lines
    assert [line.text for line in lines] == [*main, *side]
    assert {line.region for line in lines if line.text in side} == {"side"}
