"""Skills lists as résumés write them: the skills are kept, never their labels or descriptions.

- "Category: a, b, c" (or the category in its own font, "Computing  R, Git"): the items, grouped
  under the category.
- "Skill : what it means" and "Skill - what it means": the skill, when what follows is a sentence.
- "R and Python": two skills when each side is a technology; "Git and continuous integration
  environments" is one item as written.
- "Word, Excel e PowerPoint": a list of names closed by the document's "and" ("e", "y", "und",
  "et") ends in two items; a phrase in last place ("data analysis and visualization") stays one.
- An item wrapped over several lines is one item.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from jobwise.importing.layout import read_pdf_pages
from jobwise.importing.lines import Line, ReadDocument, number_lines
from jobwise.importing.parser import parse
from jobwise.importing.reading import read_local
from jobwise.importing.vocabulary import heading_kind

DEV = Path(__file__).resolve().parents[1] / "data" / "resumes" / "dev"


def skills(*rows: Line, kind: str = "pdf") -> dict[str, list[str]]:
    heading = Line(text="SKILLS", page=1, size=14, bold=True, caps=True, x0=40)
    lines = number_lines([Line(text="Jane Doe", page=1, size=24), heading, *rows])
    document = parse(ReadDocument(kind=kind, lines=lines, pages=1)).document  # type: ignore[arg-type]
    return {group["name"]: group["keywords"] for group in document.get("skills") or []}


def row(text: str, x0: float = 46.0, **kwargs: Any) -> Line:
    return Line(text=text, page=1, size=10, x0=x0, **kwargs)


@cache
def keywords(name: str) -> list[str]:
    document = parse(read_local(DEV / name)).document
    return [keyword for group in document.get("skills") or [] for keyword in group["keywords"]]


def test_a_category_row_keeps_its_items() -> None:
    assert skills(row("Languages: Java, Swift, C")) == {"Languages": ["Java", "Swift", "C"]}


def test_a_skill_with_a_description_after_a_colon_is_the_skill() -> None:
    found = skills(
        row("• Teamwork : working with a number of", x0=43),
        row("people on large scale projects.", x0=53),
        row("• Communication : leading technical", x0=43),
        row("discussions on resolving roadblocks", x0=53),
        row("within a project.", x0=53),
    )
    assert found == {"SKILLS": ["Teamwork", "Communication"]}


def test_a_skill_with_a_description_after_a_dash_is_the_skill() -> None:
    found = skills(
        row(
            "Erlang - developing applications, troubleshooting and correction existing code. "
            "Most of my code is written in Erlang.",
            list_level=0,
        ),
        row("C++ with Qt - small project in start of my carrer.", list_level=0),
        kind="text",
    )
    assert found == {"SKILLS": ["Erlang", "C++ with Qt"]}


def test_a_dash_before_a_list_is_not_a_description() -> None:
    assert skills(row("• English - Read docs, basic communication")) == {
        "SKILLS": ["English - Read docs", "basic communication"]
    }


def test_a_list_ending_in_a_full_stop_is_still_a_list() -> None:
    assert skills(row("Operating System: Windows 10/ 8/ 7/ Vista/ XP.")) == {
        "Operating System": ["Windows 10/ 8/ 7/ Vista/ XP"]
    }


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("Programming languages: R and Python", ["R", "Python"]),
        (
            "Tools: Git and continuous integration environments",
            ["Git and continuous integration environments"],
        ),
        ("Business: Sales and Marketing", ["Sales and Marketing"]),
    ],
)
def test_and_splits_two_technologies_only(text: str, items: list[str]) -> None:
    assert list(skills(row(text)).values()) == [items]


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("Word, Excel e PowerPoint", ["Word", "Excel", "PowerPoint"]),
        ("Python, R y SQL", ["Python", "R", "SQL"]),
        ("Tools: C, C++ und Java", ["C", "C++", "Java"]),
        ("Excel, data analysis and visualization", ["Excel", "data analysis and visualization"]),
    ],
)
def test_a_list_closed_by_its_languages_and_ends_in_two_names(text: str, items: list[str]) -> None:
    assert list(skills(row(text)).values()) == [items]


def test_an_oxford_comma_before_the_last_item_leaves_the_and_out() -> None:
    assert list(skills(row("Languages: Java, C#, VB.Net, and Python")).values()) == [
        ["Java", "C#", "VB.Net", "Python"]
    ]


def test_cells_apart_are_items_each_whatever_their_and() -> None:
    line = row(
        "Good Communicator\tDelegation and Empowerment",
        cells=("Good Communicator", "Delegation and Empowerment"),
    )
    assert list(skills(line).values()) == [["Good Communicator", "Delegation and Empowerment"]]


def test_a_plain_label_with_a_colon_in_a_row_is_no_heading() -> None:
    # "LANGUAGES:  OS/390  Java" in the TECHNICAL SKILLS section: a label run into its items.
    found = skills(
        row("HARDWARE:\tIBM Mainframe", cells=("HARDWARE:", "IBM Mainframe")),
        row("LANGUAGES:\tOS/390\tJava, Python", cells=("LANGUAGES:", "OS/390", "Java, Python")),
        kind="docx",
    )
    assert [keyword for keywords in found.values() for keyword in keywords] == [
        "IBM Mainframe",
        "OS/390",
        "Java",
        "Python",
    ]


def test_an_item_wrapped_over_two_lines_is_one_item() -> None:
    found = skills(
        row("● Divers : informatique théorique (cryptographie, logique), traitement d’image", x0=46),
        row("(APIs OpenCV, ImageJ), Google Cloud Platform", x0=64),
    )
    assert found == {
        "Divers": [
            "informatique théorique (cryptographie, logique)",
            "traitement d’image (APIs OpenCV, ImageJ)",
            "Google Cloud Platform",
        ]
    }


def _pdf(words: list[list[Any]], fonts: list[list[Any]]) -> ReadDocument:
    page = {"width": 612, "height": 792, "words": words}
    return read_pdf_pages({"pages": [page], "fonts": fonts})


def test_a_label_in_its_own_font_before_a_list_is_the_category() -> None:
    fonts = [["Raleway-Medium", False, False], ["Lato-Light", False, False]]
    read = _pdf(
        [
            ["Computing", 35, 207, 87, 218, 10, 0, 216],
            ["R,", 92, 208, 100, 218, 10, 1, 216],
            ["Git,", 102, 208, 117, 218, 10, 1, 216],
            ["Unix", 119, 208, 140, 218, 10, 1, 216],
        ],
        fonts,
    )
    line = read.lines[0]
    assert (line.text, line.lead) == ("Computing R, Git, Unix", "Computing")
    assert skills(line) == {"Computing": ["R", "Git", "Unix"]}


def test_the_latex_logo_is_one_word() -> None:
    """TeX sets "A" raised and smaller and "E" lowered, each kerned into the letter before."""
    fonts = [["Lato-Light", False, False]]
    read = _pdf(
        [
            ["RMarkdown,", 95, 220, 149, 230, 10, 0, 228.1],
            ["L", 150.9, 220, 156.0, 230, 10, 0, 228.1],
            ["AT", 152.4, 220, 161.3, 230, 7, 0, 226.0],
            ["EX", 159.6, 220, 170.2, 232.5, 10, 0, 230.6],
        ],
        fonts,
    )
    assert [line.text for line in read.lines] == ["RMarkdown, LATEX"]


def test_a_name_over_two_right_aligned_lines_is_not_a_logo() -> None:
    fonts = [["Lato", True, False]]
    read = _pdf(
        [["CHRIS", 75.8, 84.7, 137.9, 114.7, 22, 0, 110], ["OH", 103.5, 111, 137.6, 141, 22, 0, 136]], fonts
    )
    assert [line.text for line in read.lines] == ["CHRIS", "OH"]


@pytest.mark.parametrize(
    ("file", "wanted"),
    [
        # SOFTWARE SKILLS rows "Computing R, Git, Unix, MATLAB, SAS", labels in the heading font.
        ("latex_margin_malcolm_white.pdf", ["R", "Git", "SAS", "RMarkdown", "LATEX", "Qualtrics"]),
        (
            "latex_sidebar_tanner.pdf",
            ["Teamwork", "Analytical thinking", "Git and continuous integration environments"],
        ),
        ("markdown_golovinsky.md", ["Erlang", "JavaScript", "SQL", "Shell", "C++ with Qt"]),
        ("word_meng.pdf", ["R", "Python"]),
        ("gdocs_fr_matthai.pdf", ["traitement d’image (APIs OpenCV, ImageJ)"]),
    ],
)
def test_skills_of_real_resumes(file: str, wanted: list[str]) -> None:
    assert set(wanted) <= set(keywords(file))


def test_descriptions_are_not_skills() -> None:
    found = keywords("latex_sidebar_tanner.pdf")
    assert not any("working with" in keyword or "daily and" in keyword for keyword in found)


@pytest.mark.parametrize(
    "heading",
    ["Languages and Frameworks", "Languages & Tools", "Languages and Technologies", "Software Skills"],
)
def test_languages_beside_tools_head_a_skills_section(heading: str) -> None:
    assert heading_kind(heading) == "skills"


def test_languages_alone_are_spoken_languages() -> None:
    assert heading_kind("Languages") == "languages"


def test_skills_rated_by_drawn_stars_are_skills_not_categories() -> None:
    """'Java:' followed by a row of stars (a drawing, no text): each bare label is a skill."""
    found = skills(row("HTML/CSS:", bold=True), row("Java:", bold=True), row("PHP:", bold=True), kind="docx")
    assert [keyword for group in found.values() for keyword in group] == ["HTML/CSS", "Java", "PHP"]


def test_a_bare_label_above_its_items_is_a_category() -> None:
    found = skills(row("Frontend:", bold=True), row("• React"), row("• Vue"))
    assert found == {"Frontend": ["React", "Vue"]}


def test_centred_rows_of_tags_are_items_not_labels() -> None:
    found = skills(
        row("JavaScript HTML CSS", x0=228, cells=("JavaScript", "HTML", "CSS")),
        row("React.js Node.js", x0=256, cells=("React.js", "Node.js")),
        row("Mongoose", x0=282),
    )
    assert [keyword for group in found.values() for keyword in group] == [
        "JavaScript",
        "HTML",
        "CSS",
        "React.js",
        "Node.js",
        "Mongoose",
    ]


def test_a_word_drawn_twice_a_hair_apart_is_not_doubled() -> None:
    read = _pdf(
        [["CV", 100, 100, 115, 110, 10, 0, 108], ["CV", 100.3, 100, 115.3, 110, 10, 0, 108]],
        [["Arial", False, False]],
    )
    assert "CVCV" not in read.lines[0].text
