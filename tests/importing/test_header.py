"""The header of a résumé: whose it is and how to reach them (name, email, phone, links).

A name is a short line of capitalised personal-name words near the top: never a section heading
and never the document naming itself ("CV", "Résumé", "Curriculum Vitae" in any language).
Contact details may sit in a header row cut into pieces, or in a right-aligned block beside the
name that a column layout reads after the first column.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from jobwise.importing.contact import header_pieces, is_document_title, links
from jobwise.importing.layout import read_pdf_pages
from jobwise.importing.lines import Line, ReadDocument, number_lines
from jobwise.importing.parser import parse
from jobwise.importing.reading import read_local

DEV = Path(__file__).resolve().parents[1] / "data" / "resumes" / "dev"


@cache
def basics(name: str) -> dict[str, Any]:
    return dict(parse(read_local(DEV / name)).document["basics"])


def parsed(*lines: Line, kind: str = "pdf") -> dict[str, Any]:
    document = ReadDocument(kind=kind, lines=number_lines(list(lines)), pages=1)  # type: ignore[arg-type]
    return dict(parse(document).document["basics"])


@pytest.mark.parametrize(
    "text",
    ["CV", "One-page CV", "Curriculum Vitae", "RÉSUMÉ", "Resume of Jane Doe", "Lebenslauf", "Currículo"],
)
def test_the_document_naming_itself_is_a_title_in_any_language(text: str) -> None:
    assert is_document_title(text)


@pytest.mark.parametrize("text", ["Anna Rowan", "Cvetana Resumović", "Bastien MATTHÄI"])
def test_names_are_not_document_titles(text: str) -> None:
    assert not is_document_title(text)


def test_a_header_row_is_cut_at_its_separators() -> None:
    assert header_pieces("Anna Rowan / anna@example.com / 07523 283011") == [
        "Anna Rowan",
        "anna@example.com",
        "07523 283011",
    ]


def test_a_document_title_above_the_name_is_not_the_name() -> None:
    found = parsed(
        Line(text="One-page CV", page=1, size=16, bold=True),
        Line(text="Anna Rowan / anna@example.com / 07523 283011", page=1, size=12),
        Line(text="Experience", page=1, size=12, bold=True),
        Line(text="Analyst, Example Ltd, 2019-2021", page=1, size=11),
        kind="docx",
    )
    assert (found["name"], found["email"], found["phone"]) == (
        "Anna Rowan",
        "anna@example.com",
        "07523 283011",
    )


def test_a_heading_the_word_lists_do_not_know_is_not_the_name() -> None:
    """Drawn like the known headings below the first of them, a bigger line is a heading."""
    heading = {"size": 16.0, "bold": True, "caps": True}
    found = parsed(
        Line(text="Bastien MATTHÄI", page=1, size=11),
        Line(text="bastien@example.com", page=1, size=11),
        Line(text="COMPÉTENCES", page=1, **heading),  # type: ignore[arg-type]
        Line(text="● Langages : Java, Swift", page=1, size=11),
        Line(text="EXPERIENCE PROFESSIONNELLE", page=1, **heading),  # type: ignore[arg-type]
        Line(text="Ingénieur, Exemple SA, 2019-2021", page=1, size=11),
    )
    assert found["name"] == "Bastien MATTHÄI"


def test_a_name_drawn_like_the_headings_above_them_is_still_the_name() -> None:
    heading = {"size": 10.0, "bold": True, "caps": True}
    found = parsed(
        Line(text="AWWAL SANI-ANGO", page=1, **heading),  # type: ignore[arg-type]
        Line(text="ango@example.com", page=1, size=10),
        Line(text="EDUCATION", page=1, **heading),  # type: ignore[arg-type]
        Line(text="FEDERAL UNIVERSITY OF TECHNOLOGY", page=1, size=10, bold=True),
    )
    assert found["name"] == "AWWAL SANI-ANGO"


def test_a_header_repeated_on_every_page_is_kept_on_the_first() -> None:
    """Deedy repeats its header (email and phone in the top margin) on each page: on page 1 it
    is the header, on later pages a running head."""

    def page(number: int) -> dict[str, Any]:
        return {
            "width": 612,
            "height": 792,
            "words": [
                ["jane@example.com", 450, 18, 590, 32, 13.9, 0, 30],
                ["David", 50, 37, 150, 76, 39.8, 0, 68],
                ["Perry", 160, 37, 300, 76, 39.8, 0, 68],
                [f"Body{number}", 50, 300, 150, 310, 10, 0, 308],
            ],
        }

    read = read_pdf_pages({"pages": [page(1), page(2)], "fonts": [["Lato", False, False]]})
    texts = [(line.page, line.text) for line in read.lines]
    assert (1, "jane@example.com") in texts
    assert (2, "jane@example.com") not in texts


def test_the_deedy_header_gives_its_right_aligned_email_phone_and_links() -> None:
    found = basics("deedy_perry.pdf")
    assert (found["name"], found["email"], found["phone"], found["url"]) == (
        "David M. Perry",
        "david.perry880@gmail.com",
        "270.543.9208",
        "davidmitchlperry.com",
    )
    assert [profile["url"] for profile in found["profiles"]] == ["github.com"]
    assert "username" not in found["profiles"][0]  # a bare "github.com" names no account


@pytest.mark.parametrize(
    ("file", "name"),
    [
        ("gdocs_fr_matthai.pdf", "Bastien MATTHÄI"),
        ("word_rowan.docx", "Anna Rowan"),
        ("word_saniango.pdf", "AWWAL SANI-ANGO"),
        ("html_kelly.pdf", "Oliver Kelly"),
        ("word_ashtari.docx", "ASHTARI, Babak"),  # the family name first, then a comma
        ("html_cn_zhou.pdf", "周润杰"),  # Chinese, no spaces; under an editor's empty ActualText
    ],
)
def test_names_of_real_resumes(file: str, name: str) -> None:
    assert basics(file)["name"] == name


def test_a_link_annotation_belongs_to_the_line_drawn_under_it() -> None:
    page = {
        "width": 612,
        "height": 792,
        "words": [
            ["\u0087", 141, 104, 150, 114, 10, 0, 112],
            ["12yuens2", 152, 104, 193, 114, 10, 0, 112],
            ["Experience", 72, 300, 140, 312, 12, 0, 310],
        ],
        "links": [["https://github.com/12yuens2", 140, 103, 193, 115]],
    }
    read = read_pdf_pages({"pages": [page], "fonts": [["Lato", False, False]]})
    assert [line.links for line in read.lines] == [("https://github.com/12yuens2",), ()]


def test_what_a_line_shows_comes_before_where_it_points() -> None:
    shown = links([Line(text="davidmitchlperry.com", page=1, links=("https://davidmitchelperry.com",))])
    assert [found.value for found in shown] == ["davidmitchlperry.com"]  # the same link, a typo
    hidden = links(
        [Line(text="\u0087 12yuens2  \u00af sizhe/", page=1, links=("https://github.com/12yuens2",))],
        shown_targets_only=True,
    )
    assert [found.value for found in hidden] == ["https://github.com/12yuens2"]


def test_a_pdf_link_over_text_that_does_not_show_it_is_not_a_profile() -> None:
    """A template's link left on the name, a download of the CV itself: not the person's links."""
    lines = [
        Line(text="Donghun Kang", page=1, links=("http://blog.naver.com/kisooofficial",)),
        Line(text="CV PDF", page=1, links=("https://github.com/0lzi/CV/raw/main/CV.pdf",)),
        Line(
            text="Sourabh Bajaj Email: sourabh@sourabhbajaj.com", page=1, links=("https://sourabhbajaj.com/",)
        ),
    ]
    assert links(lines, shown_targets_only=True) == []
    # A Markdown link's words were written for it: "[GitHub](https://github.com/ada)".
    assert [f.value for f in links([Line(text="GitHub", page=1, links=("https://github.com/ada",))])] == [
        "https://github.com/ada"
    ]


def test_a_linked_handle_already_written_is_found_once() -> None:
    line = Line(text="GitHub: @posquit0", page=1, links=("https://github.com/posquit0",))
    assert [found.value for found in links([line], shown_targets_only=True)] == ["GitHub: @posquit0"]


@pytest.mark.parametrize(
    ("file", "wanted"),
    [
        # Icons before the handles "12yuens2" and "sizhe/", each a link to the profile.
        ("latex_yuen.pdf", ["https://github.com/12yuens2", "https://www.linkedin.com/in/sizhe/"]),
        # The site as written; the GitHub icon and handle link to the profile.
        ("moderncv_schiele.pdf", ["simon.psaux.de", "http://www.github.com/simonschiele"]),
    ],
)
def test_header_icons_linked_to_profiles_give_their_links(file: str, wanted: list[str]) -> None:
    found = basics(file)
    shown = [found["url"]] if "url" in found else []
    assert [*shown, *(profile["url"] for profile in found.get("profiles") or [])] == wanted


def test_a_header_row_with_a_headline_gives_the_name() -> None:
    found = parsed(
        Line(text="Jane Doe | Data Scientist", page=1, size=20),
        Line(text="jane@example.com", page=1, size=10),
        Line(text="EXPERIENCE", page=1, size=12, bold=True, caps=True),
        Line(text="Google | Software Engineer", page=1, size=10),
    )
    assert found["name"] == "Jane Doe"


def test_the_document_title_beside_the_name_is_left_out() -> None:
    found = parsed(
        Line(text="Curriculum Vitae – Jane Doe", page=1, size=20),
        Line(text="jane@example.com", page=1, size=10),
        Line(text="EXPERIENCE", page=1, size=12, bold=True, caps=True),
    )
    assert found["name"] == "Jane Doe"


def test_a_postal_code_at_the_end_of_an_address_line_is_not_a_phone() -> None:
    # "Damavand ave, Tehran 1731783685" above "Phone numbers:  +98-21-77991579"
    assert basics("word_ashtari.docx")["phone"] == "+98-21-77991579"
    # A phone that opens an address line is still the phone ("08142760118 Paramount Street").
    assert basics("word_saniango.pdf")["phone"] == "08142760118"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jasmine Smith BSN, RN, OCN", "Jasmine Smith"),
        ("Jane Doe, PhD", "Jane Doe"),
        ("John Roe MBA", "John Roe"),
        ("Bastien MATTHÄI", "Bastien MATTHÄI"),  # a family name in capitals is no credential
    ],
)
def test_credentials_after_the_name_are_not_the_name(text: str, name: str) -> None:
    found = parsed(
        Line(text=text, page=1, size=14, bold=True),
        Line(text="jane@example.com", page=1, size=12),
        Line(text="EXPERIENCE", page=1, size=14, bold=True),
        kind="docx",
    )
    assert found["name"] == name


def test_a_heading_drawn_larger_than_the_name_below_it_is_not_the_name() -> None:
    heading = {"size": 14.0, "bold": True, "caps": True}
    found = parsed(
        Line(text="Steven D. Carver", page=1, size=12, bold=True),
        Line(text="(317) 555-0866 (cell)", page=1, size=12, bold=True),
        Line(text="SUMMARY STATEMENT", page=1, **heading),  # type: ignore[arg-type]
        Line(text="Twenty years of teaching.", page=1, size=12),
        Line(text="EDUCATION", page=1, **heading),  # type: ignore[arg-type]
        Line(text="Indiana University", page=1, size=12),
        kind="docx",
    )
    assert found["name"] == "Steven D. Carver"


def test_a_name_set_over_three_lines_is_read_whole() -> None:
    big = {"size": 48.0, "x0": 250.0}
    found = parsed(
        Line(text="JOÃO", page=1, top=95, bottom=147, **big),  # type: ignore[arg-type]
        Line(text="GUILHERME", page=1, top=160, bottom=206, **big),  # type: ignore[arg-type]
        Line(text="VIEIRA REIS", page=1, top=219, bottom=265, **big),  # type: ignore[arg-type]
        Line(text="Assistente Administrativo", page=1, top=270, bottom=285, size=16, x0=250),
        Line(text="EDUCAÇÃO", page=1, top=298, bottom=311, size=11, bold=True, x0=250),
    )
    assert found["name"] == "JOÃO GUILHERME VIEIRA REIS"


def test_a_headline_set_like_the_name_below_it_is_not_part_of_the_name() -> None:
    found = parsed(
        Line(text="ARTUR SAMUEL", page=1, top=36, bottom=49, size=11, bold=True),
        Line(text="Desenvolvedor Full Stack", page=1, top=58, bottom=72, size=11, bold=True),
        Line(text="arturr@example.com", page=1, top=115, bottom=128, size=11),
        Line(text="RESUMO PROFISSIONAL", page=1, top=215, bottom=228, size=11, bold=True),
    )
    assert found["name"] == "ARTUR SAMUEL"


def test_an_identity_number_above_the_phone_is_not_the_phone() -> None:
    basics = parsed(
        Line(text="Muhammad Saif", page=1, size=20),
        Line(text="CNIC: 36302-5018729-7", page=1),
        Line(text="Phone: +92 314 6168297", page=1),
        Line(text="EDUCATION", page=1, bold=True),
        Line(text="BZU, MSc Agricultural Engineering, 2022 - 2024", page=1),
    )
    assert basics["phone"] == "+92 314 6168297"


@pytest.mark.parametrize(
    ("given", "rest", "name"),
    [
        ("Abduqodir", "Ubaydullayev Xojimurod o’g’li", "Abduqodir Ubaydullayev Xojimurod o’g’li"),
        ("Dilnoza", "Karimova Rustam qizi", "Dilnoza Karimova Rustam qizi"),
        ("Ahmad", "Faizal bin Abdullah", "Ahmad Faizal bin Abdullah"),
        ("Pieter", "van der Berg", "Pieter van der Berg"),
        ("Anne-Marie", "O‘Neill", "Anne-Marie O‘Neill"),
    ],
)
def test_a_given_name_alone_on_the_first_line_is_joined_by_the_names_below_it(
    given: str, rest: str, name: str
) -> None:
    found = parsed(
        Line(text=given, page=1, size=16),
        Line(text=rest, page=1, size=9),
        Line(text="(JAVA developer)", page=1, size=12, bold=True),
        Line(text="About me", page=1, size=16),
        Line(text="Work Experience", page=1, size=16),
        Line(text="2018 – 2019  Intern as Java developer in Ace-craft company.", page=1, size=12),
        kind="docx",
    )
    assert found["name"] == name


def test_a_single_name_is_not_joined_by_a_headline_or_a_place_below_it() -> None:
    for below in ("Software Engineer", "Tashkent, Uzbekistan", "jane@example.com"):
        found = parsed(
            Line(text="Madonna", page=1, size=16),
            Line(text=below, page=1, size=9),
            Line(text="Work Experience", page=1, size=16),
            Line(text="2018 – 2019  Singer at Sire Records", page=1, size=12),
            kind="docx",
        )
        assert found["name"] == "Madonna", below


@pytest.mark.parametrize("name", ["周润杰", "王芳", "欧阳明月", "김민준", "山田太郎"])
def test_a_cjk_name_without_spaces_at_the_top_is_the_name(name: str) -> None:
    found = parsed(
        Line(text=name, page=1, size=18, top=21, bottom=45),
        Line(text="18072847916 | zhou@example.com", page=1, size=10.5, top=62, bottom=75),
        Line(text="教育经历", page=1, size=11.25, top=132, bottom=147),
        Line(text="山东大学 计算机科学与技术 2020.09 - 2024.06", page=1, size=9.75, top=158, bottom=171),
        Line(text="科研经历", page=1, size=11.25, top=284, bottom=298),
        Line(text="图联邦学习中数据的Non-IID分布", page=1, size=9.75, top=313, bottom=326),
    )
    assert found["name"] == name


def test_a_handle_written_after_its_network_gives_the_username_without_spaces() -> None:
    found = parsed(
        Line(text="Vinh Tuong Le", page=1, size=20),
        Line(text="Linker In: VinhTuong", page=1),
        Line(text="EDUCATION", page=1, bold=True),
        Line(text="Hanoi University, BSc Computer Science, 2018 - 2022", page=1),
    )
    assert found["profiles"] == [
        {"url": "Linker In: VinhTuong", "network": "LinkedIn", "username": "VinhTuong"}
    ]


@pytest.mark.parametrize(
    "name",
    [
        "Muhammad Ali bin Abdul Rahman Al-Khatib",
        "María José García de los Santos",
        "Nur Aisyah binti Mohd Yusof",
        "Jean-Luc O'Brien",
        "D’Angelo Russell",
        "Ngozi Okonjo-Iweala",
    ],
)
def test_long_names_with_particles_hyphens_and_apostrophes_are_names(name: str) -> None:
    found = parsed(
        Line(text=name, page=1, size=20, top=20, bottom=40),
        Line(text="jane@example.com | +1 555 123 4567", page=1, size=10, top=50, bottom=60),
        Line(text="EXPERIENCE", page=1, size=12, bold=True, top=80, bottom=92),
        Line(text="Acme Corp, Engineer, 2019 - 2022", page=1, size=10, top=100, bottom=110),
    )
    assert found["name"] == name


@pytest.mark.parametrize(
    ("labelled", "name"),
    [
        ("姓名：周润杰", "周润杰"),
        ("ФИО: Палатов Станислав Игоревич", "Палатов Станислав Игоревич"),
        ("Имя: Иван Петров", "Иван Петров"),
        ("Nombre completo: Ana María López", "Ana María López"),
    ],
)
def test_a_name_after_its_label_in_other_languages_is_the_name(labelled: str, name: str) -> None:
    found = parsed(
        Line(text="简历", page=1, size=20, top=10, bottom=30),
        Line(text=labelled, page=1, size=10, top=40, bottom=50),
        Line(text="jane@example.com", page=1, size=10, top=50, bottom=60),
        Line(text="EXPERIENCE", page=1, size=12, bold=True, top=80, bottom=92),
    )
    assert found["name"] == name


@pytest.mark.parametrize(
    "line", ["图联邦学习中数据的Non-IID分布", "清华智能互联网研究组", "计算机科学与技术"]
)
def test_a_long_run_of_ideographs_is_no_name(line: str) -> None:
    """Chinese and Japanese names are a few characters (2 to 6); a longer run is a title."""
    found = parsed(
        Line(text="18072847916 | zhou@example.com", page=1, size=10.5, top=62, bottom=75),
        Line(text=line, page=1, size=11.25, top=313, bottom=326),
        Line(
            text="• 在将联邦学习应用至图数据领域时，联邦模型的泛化性下降。",
            page=1,
            size=9.75,
            top=333,
            bottom=346,
        ),
    )
    assert "name" not in found


def test_a_chinese_heading_is_no_name() -> None:
    found = parsed(
        Line(text="18072847916 | zhou@example.com", page=1, size=10.5, top=62, bottom=75),
        Line(text="科研经历", page=1, size=11.25, top=284, bottom=298),
        Line(text="图联邦学习中数据的Non-IID分布", page=1, size=9.75, top=313, bottom=326),
    )
    assert "name" not in found
