"""Résumé conventions the offline parse follows, each shown on a few lines shaped like the real
ones (the dev files they were seen in are named), so that a rule reads as what it encodes."""

from __future__ import annotations

from typing import Any

from jobwise.importing.lines import Line, ReadDocument, number_lines
from jobwise.importing.parser import parse
from jobwise.importing.text_lines import read_text
from tests.importing.drafts import roles


def line(
    text: str, *, cells: tuple[str, ...] = (), size: float = 10.0, x0: float = 50.0, **style: Any
) -> Line:
    return Line(text=text, page=1, cells=cells, size=size, x0=x0, x1=x0 + 5 * len(text), **style)


def parse_pdf(*body: Line) -> dict[str, Any]:
    lines = [
        line("Jane Doe", size=20.0),
        line("jane@example.com"),
        *body,
    ]
    return parse(ReadDocument(kind="pdf", lines=number_lines(lines), pages=1)).document


def schools(document: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (
            item.get("institution"),
            item.get("studyType"),
            item.get("area"),
            item.get("startDate"),
            item.get("endDate"),
        )
        for item in document.get("education") or []
    ]


# --- education ----------------------------------------------------------------------------------


def test_the_degree_listed_under_a_school_named_after_its_subjects() -> None:
    # latex_tran: "Hanoi University of Engineering and Technology (UET), Hanoi, Vietnam  2015 - 2016"
    # over "• Bachelor in Computer Science": "Engineering" in a school's name makes it no degree.
    document = parse_pdf(
        line("EDUCATION", bold=True, size=12.0),
        line(
            "Hanoi University of Engineering and Technology (UET), Hanoi, Vietnam 2015 - 2016",
            cells=("Hanoi University of Engineering and Technology (UET),", "Hanoi, Vietnam", "2015 - 2016"),
            bold=True,
        ),
        line("• Bachelor in Computer Science"),
        line("• GPA: 3.76/4.0"),
    )
    assert schools(document) == [
        (
            "Hanoi University of Engineering and Technology (UET)",
            "Bachelor",
            "Computer Science",
            "2015",
            "2016",
        )
    ]


def test_one_qualification_a_line_under_a_qualification_heading() -> None:
    # html_kelly: a British "Qualification" section, one line each, degree first and the school
    # as an acronym ("Degree - School - Years"); licences beside it are no education.
    document = parse_pdf(
        line("Qualification", bold=True, size=14.0),
        line("DCCA - Data Center Certified Associate"),
        line("IOSH Managing safety"),
        line("Bsc Hons Computer Games Technology - LJMU - 2008-2011"),
        line("Microsoft Certified: Azure Administrator Associate (Oct 2023)"),
    )
    assert ("LJMU", "Bsc Hons Computer Games Technology", None, "2008", "2011") in schools(document)
    assert all(school != "IOSH Managing safety" for school, *_ in schools(document))


def test_a_school_table_row_of_labels_names_the_values_under_it() -> None:
    # word_sidebar_saif: "Department  University  CGPA" over "Department of Agri. Engg.  BZU  3.34/04",
    # and "F.sc. (Pre-Engineering)  College  Marks" over "2016-2018  Govt. Alamdar Hussain College
    # 735/1100": the label says what the value is, though "BZU" alone names nothing.
    document = parse_pdf(
        line("EDUCATION", bold=True, size=12.0),
        line("B.Sc. (Agricultural Engineering)", bold=True, italic=True, size=11.0),
        line("2018-2022", italic=True),
        line(
            "Department University CGPA", cells=("Department", "University", "CGPA"), bold=True, italic=True
        ),
        line(
            "Department of Agri. Engg. BZU 3.34/04",
            cells=("Department of Agri. Engg.", "BZU", "3.34/04"),
            italic=True,
        ),
        line(
            "F.sc. (Pre-Engineering) College Marks",
            cells=("F.sc. (Pre-Engineering)", "College", "Marks"),
            bold=True,
            italic=True,
            size=10.7,
        ),
        line(
            "2016-2018 Govt. Alamdar Hussain College 735/1100",
            cells=("2016-2018", "Govt. Alamdar Hussain College", "735/1100"),
            italic=True,
        ),
    )
    assert schools(document) == [
        ("BZU", "B.Sc. (Agricultural Engineering)", None, "2018", "2022"),
        ("Govt. Alamdar Hussain College", "F.sc. (Pre-Engineering)", None, "2016", "2018"),
    ]
    assert [item.get("score") for item in document["education"]] == ["3.34/04", "735/1100"]


def test_what_happened_at_a_school_and_its_town_are_no_degree() -> None:
    # word_saniango: "SCHOOL   Bida, Niger State" over "Graduated with Honours ...   June 2009".
    document = parse_pdf(
        line("EDUCATION", bold=True, size=12.0),
        line(
            "FEDERAL POLYTECHNIC STAFF PRIMARY SCHOOL Bida, Niger State",
            cells=("FEDERAL POLYTECHNIC STAFF PRIMARY SCHOOL", "Bida, Niger State"),
            bold=True,
        ),
        line("Elected as Head boy August 2003", cells=("Elected as Head boy", "August 2003")),
    )
    assert schools(document) == [("FEDERAL POLYTECHNIC STAFF PRIMARY SCHOOL", None, None, None, "2003-08")]


# --- work entries --------------------------------------------------------------------------------


def test_a_year_inside_a_name_is_no_second_entry() -> None:
    # design_sidebar_rodionova: dates in a margin column beside the title, and under it an
    # employer named after a season ("UKRAINIAN FASHION WEEK SPRING/SUMMER 2019").
    document = parse_pdf(
        line("EXPERIENCE", bold=True, size=14.0),
        line(
            "2017 - 2018 FASHION DESIGNER",
            cells=("2017 - 2018", "FASHION DESIGNER"),
            caps=True,
            size=12.0,
            x0=27.0,
        ),
        line("UKRAINIAN FASHION WEEK SPRING/SUMMER 2019", caps=True, size=9.0, x0=129.0),
        line("Conceptualizing clothing for characters and cast.", size=8.0, x0=129.0),
        line("Creating visual concepts, sketches, and samples for review.", size=8.0, x0=129.0),
    )
    assert roles(document) == [
        ("UKRAINIAN FASHION WEEK SPRING/SUMMER 2019", "FASHION DESIGNER", "2017", "2018", 2)
    ]


def test_one_sentence_a_line_wrapping_when_long_is_a_list() -> None:
    # design_sidebar_rodionova: each achievement starts a line and wraps when long; the longest
    # one reaches the right edge, which alone does not make the lines a paragraph.
    lines = [
        ("Conceptualizing clothing for characters and cast.", 328.0),
        ("Conducting research on fabrics, trims and various industry", 366.0),
        ("standard techniques.", 215.0),
        ("Creating visual concepts, sketches, and samples for review.", 366.0),
        ("Autonomous creation of patterns and prototypes.", 329.0),
    ]
    body = [Line(text=text, page=1, size=8.0, x0=129.0, x1=x1) for text, x1 in lines]
    document = parse_pdf(
        line("EXPERIENCE", bold=True, size=14.0),
        line(
            "2017 - 2018 FASHION DESIGNER",
            cells=("2017 - 2018", "FASHION DESIGNER"),
            caps=True,
            size=12.0,
            x0=27.0,
        ),
        line("PARIS MILAN SHOWROOM", caps=True, size=9.0, x0=129.0),
        *body,
    )
    assert document["work"][0]["highlights"][1] == (
        "Conducting research on fabrics, trims and various industry standard techniques."
    )
    assert len(document["work"][0]["highlights"]) == 4


def test_a_paragraph_with_a_sentence_ending_inside_a_line_stays_a_paragraph() -> None:
    body = [
        Line(text=text, page=1, size=8.0, x0=129.0, x1=x1)
        for text, x1 in (
            ("Responsible for the design of artwork for agency projects,", 360.0),
            ("displays, and illustrations. Design, layout, revise, edit, and", 359.0),
            ("various publications (print and digital versions).", 320.0),
        )
    ]
    document = parse_pdf(
        line("EXPERIENCE", bold=True, size=14.0),
        line(
            "2016 - 2017 GRAPHIC DESIGNER",
            cells=("2016 - 2017", "GRAPHIC DESIGNER"),
            caps=True,
            size=12.0,
            x0=27.0,
        ),
        line("CATTEL SPA", caps=True, size=9.0, x0=129.0),
        *body,
    )
    assert "highlights" not in document["work"][0]
    assert document["work"][0]["summary"].startswith("Responsible for the design")


def test_list_items_whose_markers_were_lost_are_still_items() -> None:
    # word_sidebar_saif: Word's list glyphs drawn outside the text layer; the items are set in
    # under their header line and smaller than it.
    document = parse_pdf(
        line("INTERNSHIP", bold=True, italic=True, size=12.0, x0=254.0),
        line(
            "AMRI (AGRICULTURAL MECHANIZATION RESEARCH INSTITUTE) 2021",
            bold=True,
            italic=True,
            caps=True,
            size=11.0,
            x0=254.0,
        ),
        line(
            "Learn how to draw the drawing of different machine on AutoCAD", italic=True, size=9.0, x0=290.0
        ),
        line("Study about tractor test and trials in the field.", italic=True, size=9.0, x0=290.0),
        line("Study about the working of fruit picker in the field.", italic=True, size=9.0, x0=290.0),
    )
    assert roles(document) == [
        ("AMRI (AGRICULTURAL MECHANIZATION RESEARCH INSTITUTE)", None, "2021", "2021", 3)
    ]


def parse_text(text: str) -> dict[str, Any]:
    return parse(read_text(text, markdown=False)).document


def test_one_line_degree_school_and_year_entries_one_under_the_other() -> None:
    # "Degree, Institution, Year" lines with no blank line between them: each is an entry.
    document = parse_text(
        "Maria Garcia\nmaria@example.com\n\nEDUCATION\n\n"
        "Master in Business Administration (MBA), IE Business School, 2016\n"
        "Bachelor of Economics, Universidad Complutense de Madrid, 2010 - 2014\n"
    )
    assert schools(document) == [
        ("IE Business School", "Master", "Business Administration (MBA)", None, "2016"),
        ("Universidad Complutense de Madrid", "Bachelor of Economics", None, "2010", "2014"),
    ]


def test_a_degree_opening_with_a_word_that_is_also_a_verb_is_a_degree() -> None:
    # "Master of Data Science" between a bold school and its dates in a sidebar: "Master" is a
    # verb too, but a line opening with a degree word is no achievement.
    document = parse_pdf(
        line("EDUCATION", bold=True, size=12.0),
        line("RMIT University", bold=True, size=9.0),
        line("Master of Data Science", size=9.0),
        line("2016 - 2018", italic=True, size=9.0),
    )
    assert schools(document) == [("RMIT University", "Master of Data Science", None, "2016", "2018")]


def test_an_employer_in_capitals_wrapped_to_a_second_line_is_one_employer() -> None:
    # design_sidebar_rodionova: the brands a shop sold, in capitals over two lines; the first runs
    # to the entry's right edge, so the second goes on with it.
    document = parse_pdf(
        line("EXPERIENCE", bold=True, size=14.0),
        line(
            "2016 - 2017 RETAIL SALES ASSISTANT",
            cells=("2016 - 2017", "RETAIL SALES ASSISTANT"),
            caps=True,
            size=12.0,
            x0=27.0,
        ),
        Line(text="DOLCE&GABBANA MICHAEL KORS CORSOCOMO10", page=1, size=9.0, caps=True, x0=129.0, x1=374.5),
        Line(text="MARNI PINKO ARMANI", page=1, size=9.0, caps=True, x0=129.0, x1=241.6),
        Line(
            text="Promoting and selling products to international customers.",
            page=1,
            size=8.0,
            x0=129.0,
            x1=368.4,
        ),
    )
    assert roles(document)[0][:2] == (
        "DOLCE&GABBANA MICHAEL KORS CORSOCOMO10 MARNI PINKO ARMANI",
        "RETAIL SALES ASSISTANT",
    )


def test_a_department_under_the_employer_is_no_title() -> None:
    # word_sidebar_saif: "D&D Section (DESIGN AND DEVELOPMENT SECTION)" under the institute.
    document = parse_pdf(
        line("INTERNSHIP", bold=True, size=12.0),
        line("AMRI (AGRICULTURAL MECHANIZATION RESEARCH INSTITUTE) 2021", bold=True, caps=True, size=11.0),
        line("D&D Section (DESIGN AND DEVELOPMENT SECTION)", bold=True, italic=True, size=11.0, x0=68.0),
        line("• Study about tractor test and trials in the field.", size=9.0, x0=86.0),
    )
    assert roles(document) == [
        ("AMRI (AGRICULTURAL MECHANIZATION RESEARCH INSTITUTE)", None, "2021", "2021", 1)
    ]


def test_a_qualification_named_by_its_last_word_is_the_degree_not_the_school() -> None:
    # "High School Diploma, Boston Latin School": both hold "school"; a name that ends in
    # "Diploma", "Certificate" or "Degree" is the qualification.
    document = parse_text(
        "Sam Adams\nsam@example.com\n\nEDUCATION\n\n"
        "B.S. Computer Science, MIT (2012 - 2016)\n"
        "High School Diploma, Boston Latin School (2008 - 2012)\n"
    )
    assert schools(document)[1] == ("Boston Latin School", "High School Diploma", None, "2008", "2012")


def parse_docx_lines(*texts: tuple[str, bool]) -> dict[str, Any]:
    lines = [Line(text=text, page=1, size=11.0, bold=bold) for text, bold in texts]
    return parse(ReadDocument(kind="docx", lines=number_lines(lines), pages=1)).document


def test_an_address_after_the_employer_and_a_labelled_period_after_the_prose() -> None:
    # word_storr: "Employer : street, town, state: Title" in bold, a paragraph, then "From: 2007-2010".
    document = parse_docx_lines(
        ("Jane Doe", True),
        ("jane@example.com", False),
        ("Work Experience", True),
        ("Golf Club of Purchase : 10 Country Club drive, Purchase, New York: Course Management", True),
        ("From: 2012 – Present", False),
        ("CUT for Kings and Urban boutique, Belair rd, Baltimore, Maryland", True),
        ("Co- Owner responsible for transformation of Store space to standardize business.", False),
        ("From: 2007-2010", False),
    )
    assert [(name, title, start, end) for name, title, start, end, _ in roles(document)] == [
        ("Golf Club of Purchase", "Course Management", "2012", None),
        ("CUT for Kings and Urban boutique", None, "2007", "2010"),
    ]
    assert document["work"][1]["location"] == "Belair rd, Baltimore, Maryland"


def test_a_minor_after_the_degree_keeps_the_degree_whole() -> None:
    document = parse_text(
        "Emily Chen\nemily@example.edu\n\nEDUCATION\n\n"
        "Stanford University                       Expected May 2025\n"
        "B.A. Economics, Minor in Data Science\n"
    )
    assert schools(document) == [
        ("Stanford University", "B.A. Economics, Minor in Data Science", None, None, "2025-05")
    ]


def test_paragraphs_indented_by_hand_under_a_bold_header_are_items() -> None:
    # A Word résumé whose achievements are plain paragraphs indented half an inch, no list style.
    lines = [
        Line(text="Lucas Martin", page=1, size=20.0, bold=True),
        Line(text="lucas@example.fr", page=1, size=11.0),
        Line(text="EXPERIENCE", page=1, size=11.0, bold=True),
        Line(
            text="Atos — Junior Consultant 2017 – 2019",
            page=1,
            size=11.0,
            bold=True,
            cells=("Atos — Junior Consultant", "2017 – 2019"),
        ),
        Line(text="Wrote migration scripts", page=1, size=11.0, x0=36.0),
        Line(text="Supported go-live weekends", page=1, size=11.0, x0=36.0),
        Line(text="Acme Corp", page=1, size=11.0, bold=True),
        Line(text="Software Engineer", page=1, size=11.0, x0=36.0),
        Line(text="London, UK", page=1, size=11.0, x0=36.0),
        Line(text="Jan 2015 – Dec 2016", page=1, size=11.0, x0=36.0),
    ]
    document = parse(ReadDocument(kind="docx", lines=number_lines(lines), pages=1)).document
    assert roles(document) == [
        ("Atos", "Junior Consultant", "2017", "2019", 2),
        ("Acme Corp", "Software Engineer", "2015-01", "2016-12", 0),
    ]


def test_a_project_description_is_one_paragraph_of_the_document() -> None:
    # word_storr: each project's paragraph, then its name and link as an item; the paragraphs
    # are not one text, so the description is the first alone, never a string made of both.
    document = parse_docx_lines(
        ("Jane Doe", True),
        ("jane@example.com", False),
        ("Projects", True),
        ("Team member of a live Covid-19 tracker web site.", False),
        ("● Covid-19 tracker : https://example.github.io/tracker/", False),
        ("A quiz application written in JavaScript.", False),
        ("● Code quiz: https://example.github.io/quiz/", False),
    )
    descriptions = [item.get("description") for item in document["projects"]]
    assert descriptions[0] == "Team member of a live Covid-19 tracker web site"


def test_a_degree_at_its_school_on_one_line() -> None:
    document = parse_text(
        "Tom Reed\ntom@example.com\n\nEDUCATION\n\n"
        "BSc Computer Science at University of Leeds (2015-2018)\n\n"
        "MSc Computer Science, University of Illinois at Chicago, 2020\n"
    )
    assert [(school, degree) for school, degree, *_ in schools(document)] == [
        ("University of Leeds", "BSc Computer Science"),
        ("University of Illinois at Chicago", "MSc Computer Science"),
    ]


def test_a_school_line_after_a_whole_one_line_entry_opens_the_next() -> None:
    document = parse_text(
        "Tom Reed\ntom@example.com\n\nEDUCATION\n\n"
        "Universidad de Buenos Aires | Licenciatura en Economía | 2010 – 2015\n\n"
        "Technische Universität München\n"
        "M.Sc. Informatik, 2018 – 2020\n"
    )
    assert schools(document) == [
        ("Universidad de Buenos Aires", "Licenciatura en Economía", None, "2010", "2015"),
        ("Technische Universität München", "M.Sc. Informatik", None, "2018", "2020"),
    ]


def test_a_freelance_post_after_posts_at_one_employer_is_no_post_there() -> None:
    document = parse_text(
        "Ravi Kumar\nravi@example.com\n\nEXPERIENCE\n\n"
        "Amazon                                   2016 - Present\n"
        "Senior Software Engineer                 2019 - Present\n"
        "- Led the fulfilment routing rewrite\n"
        "Software Engineer                        2016 - 2019\n"
        "- Built the inventory forecasting service\n\n"
        "Freelance Web Developer                  2014 - 2016\n"
        "- Built 20 websites for small businesses\n"
    )
    assert [(name, title) for name, title, *_ in roles(document)] == [
        ("Amazon", "Senior Software Engineer"),
        ("Amazon", "Software Engineer"),
        (None, "Freelance Web Developer"),
    ]


def test_school_and_degree_names_wrapped_by_a_narrow_sidebar_are_one_line_again() -> None:
    # A sidebar 110 points wide: "Bachelor of Science in" ends on a word no phrase ends with;
    # "Columbia" would not have fitted after "University of British". "College of Arts and
    # Sciences" under a long degree line names a school by itself: the next field, not a wrap.
    def side(text: str, x1: float, **style: Any) -> Line:
        return Line(text=text, page=1, size=9.0, x0=31.0, x1=x1, **style)

    document = parse_pdf(
        line("EDUCATION", bold=True, size=11.0, x0=31.0),
        side("Bachelor of Science in", 127.7, bold=True),
        side("Computer Science", 110.2, bold=True),
        side("University of British", 108.2),
        side("Columbia", 69.2),
        side("2014 - 2018", 74.3, italic=True),
        side("BA in Mathematical Physics", 139.0, bold=True),
        side("College of Arts and Sciences", 139.2),
        side("2010 - 2014", 74.3, italic=True),
    )
    assert schools(document) == [
        ("University of British Columbia", "Bachelor of Science", "Computer Science", "2014", "2018"),
        ("College of Arts and Sciences", "BA", "Mathematical Physics", "2010", "2014"),
    ]
