"""A PDF page's words into lines in reading order: columns, margins, letter spacing, footers."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from jobwise.importing.parser import parse
from jobwise.importing.reading import read_local

LEFT = ["EDUCATION", "MIT", "BSc Physics", "2010 - 2014", "SKILLS", "Python", "SQL", "Go"]
RIGHT = [
    "EXPERIENCE",
    "Acme Corp",
    "Backend Engineer",
    "Jan 2020 - Present",
    "Built the billing API",
    "Cut latency by 40%",
    "Globex",
    "Intern",
    "Summer 2019",
    "Wrote tests",
]


def _pdf(path: Path, draw: object) -> Path:
    pdf = FPDF(unit="pt", format="A4")
    pdf.set_font("Helvetica", size=10)
    draw(pdf)  # type: ignore[operator]
    pdf.output(str(path))
    return path


def _margin_pdf(path: Path, rows: list[tuple[str, str]], *, body_x: int) -> Path:
    """A page of rows, each a left margin's text (dates, labels) level with a body line."""

    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        for row, (margin, text) in enumerate(rows):
            if margin:
                pdf.text(40, 100 + row * 14, margin)
            if text:
                pdf.text(body_x, 100 + row * 14, text)

    return _pdf(path, draw)


def test_two_columns_are_read_one_after_the_other(tmp_path: Path) -> None:
    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        pdf.set_font("Helvetica", size=20)
        pdf.text(40, 50, "Jane Doe")
        pdf.set_font("Helvetica", size=10)
        for row, text in enumerate(LEFT):
            pdf.text(40, 100 + row * 14, text)
        for row, text in enumerate(RIGHT):
            pdf.text(300, 100 + row * 14, text)

    read = read_local(_pdf(tmp_path / "two.pdf", draw))
    assert [line.text for line in read.lines] == ["Jane Doe", *LEFT, *RIGHT]
    assert read.columns[1] in ("two", "sidebar")
    assert {line.column for line in read.lines if line.text in LEFT} == {1}


def test_a_margin_of_dates_is_read_row_by_row(tmp_path: Path) -> None:
    rows = [
        ("2020 - 2022", "Engineer, Acme"),
        ("", "Built things"),
        ("", "Fixed things"),
        ("2018 - 2020", "Intern, Globex"),
        ("", "Wrote tests"),
        ("", "Read code"),
        ("2016 - 2018", "Student, MIT"),
        ("", "Studied"),
        ("", "Graduated"),
    ]

    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        for row, (date, text) in enumerate(rows):
            if date:
                pdf.text(40, 100 + row * 14, date)
            pdf.text(150, 100 + row * 14, text)

    read = read_local(_pdf(tmp_path / "margin.pdf", draw))
    assert read.lines[0].cells == ("2020 - 2022", "Engineer, Acme")
    assert read.columns == {1: "margin"}


def test_section_headings_in_the_margin_beside_its_dates_are_the_margins(tmp_path: Path) -> None:
    # "Experience" alone in the left margin, each entry's dates under it level with the entry
    # (Europass and many one-column templates): still a margin, read row by row, not a sidebar.
    rows = [
        ("Experience", ""),
        ("2019 - now", "Infosys"),
        ("", "Technology Lead"),
        ("", "- Led a team of nine"),
        ("", "- Introduced contract testing"),
        ("2015 - 2019", "Wipro"),
        ("", "Senior Engineer"),
        ("", "- Built the claims portal"),
        ("Education", ""),
        ("2011 - 2015", "B.Tech in Computer Science"),
        ("", "National Institute of Technology, Calicut"),
        ("2009 - 2011", "Higher Secondary Certificate"),
        ("", "Kendriya Vidyalaya, Kochi"),
    ]

    read = read_local(_margin_pdf(tmp_path / "margin_headings.pdf", rows, body_x=140))
    assert read.columns == {1: "margin"}
    assert [line.cells for line in read.lines[:3]] == [
        ("Experience",),
        ("2019 - now", "Infosys"),
        ("Technology Lead",),
    ]


def test_columns_inside_each_section_are_each_read_one_after_the_other(tmp_path: Path) -> None:
    # A full-width heading over two posts side by side, another over two schools side by side:
    # both blocks share the gutter, and each is read left column first.
    left_posts = [
        "Research Scientist",
        "Broad Institute",
        "Jan 2020 - Present",
        "Built pipelines",
        "Led a team",
    ]
    right_posts = [
        "Postdoctoral Fellow",
        "Harvard Medical School",
        "Sep 2016 - Dec 2019",
        "Studied T cells",
        "Mentored",
    ]
    left_schools = ["PhD in Immunology", "Stanford University", "2011 - 2016"]
    right_schools = ["BSc in Biology", "McGill University", "2007 - 2011"]

    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        pdf.text(40, 60, "Dana Hallberg")
        pdf.text(40, 90, "EXPERIENCE, TEACHING AND RESEARCH POSITIONS HELD SINCE MY DOCTORATE IN IMMUNOLOGY")
        for row, (left, right) in enumerate(zip(left_posts, right_posts, strict=True)):
            pdf.text(40, 110 + row * 14, left)
            pdf.text(300, 110 + row * 14, right)
        pdf.text(40, 200, "EDUCATION, FROM THE UNDERGRADUATE DEGREE TO THE DOCTORATE, WITH THE THESIS")
        for row, (left, right) in enumerate(zip(left_schools, right_schools, strict=True)):
            pdf.text(40, 220 + row * 14, left)
            pdf.text(300, 220 + row * 14, right)

    read = read_local(_pdf(tmp_path / "sections.pdf", draw))
    texts = [line.text for line in read.lines]
    assert texts[-6:] == [*left_schools, *right_schools]
    assert texts[2:12] == [*left_posts, *right_posts]


def test_letter_spaced_words_are_put_back_together(tmp_path: Path) -> None:
    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        pdf.set_char_spacing(4)
        pdf.text(40, 100, "WORK EXPERIENCE")

    read = read_local(_pdf(tmp_path / "spaced.pdf", draw))
    assert read.lines[0].text == "WORK EXPERIENCE"
    assert read.lines[0].spaced


def test_a_letter_spaced_heading_beside_the_other_column_s_text_is_put_back_together(
    tmp_path: Path,
) -> None:
    # altacv_blanc: "F o r m a t i o n" on the baseline of a sentence of the right column.
    schools = [
        "Université de Lyon",
        "Master Informatique",
        "2018 - 2020",
        "Lycée Ampère",
        "Baccalauréat",
        "2015",
    ]

    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        pdf.set_font("Helvetica", size=20)
        pdf.text(40, 50, "Jane Doe")
        pdf.set_font("Helvetica", size=10)
        pdf.set_char_spacing(4)
        pdf.text(40, 100, "FORMATION")
        pdf.set_char_spacing(0)
        for row, text in enumerate(schools):
            pdf.text(40, 114 + row * 14, text)
        pdf.text(300, 100, "Led a summer camp of the Scouts et Guides de France")
        for row, text in enumerate(RIGHT):
            pdf.text(300, 114 + row * 14, text)

    read = read_local(_pdf(tmp_path / "spaced_beside.pdf", draw))
    assert [(line.text, line.spaced) for line in read.lines[1:3]] == [
        ("FORMATION", True),
        ("Université de Lyon", False),
    ]
    education = parse(read).document["education"]
    assert [(item["institution"], item["studyType"]) for item in education] == [
        ("Université de Lyon", "Master Informatique"),
        ("Lycée Ampère", "Baccalauréat"),
    ]


def test_a_footer_repeated_on_every_page_is_dropped(tmp_path: Path) -> None:
    def draw(pdf: FPDF) -> None:
        for page in (1, 2):
            pdf.add_page()
            pdf.text(40, 100, f"Content of page {page}")
            pdf.text(40, 800, f"Jane Doe - Resume - {page}/2")

    read = read_local(_pdf(tmp_path / "footer.pdf", draw))
    assert [line.text for line in read.lines] == ["Content of page 1", "Content of page 2"]
    assert [line.page for line in read.lines] == [1, 2]


def test_contact_details_only_in_a_running_footer_are_the_contact_details(tmp_path: Path) -> None:
    # moderncv prints the phone and email at the foot of every page, nowhere else.
    def draw(pdf: FPDF) -> None:
        for page in (1, 2):
            pdf.add_page()
            pdf.text(40, 100, "Jane Doe" if page == 1 else "Content of page 2")
            pdf.text(40, 130, "EXPERIENCE" if page == 1 else "More content")
            pdf.text(40, 810, "+43 699 1234567 - jane.doe@example.com")

    read = read_local(_pdf(tmp_path / "footer.pdf", draw))
    assert "jane.doe@example.com" not in read.text
    basics = parse(read).document["basics"]
    assert (basics["email"], basics["phone"]) == ("jane.doe@example.com", "+43 699 1234567")


def test_a_bold_run_then_an_italic_run_on_one_line_are_two_cells(tmp_path: Path) -> None:
    # "Skyscanner, Edinburgh Software Engineering Intern": employer in bold, title in italics,
    # one space apart; the font change is all that tells them apart.
    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        pdf.set_font("Helvetica", style="B", size=10)
        pdf.text(40, 100, "Skyscanner, Edinburgh")
        width = pdf.get_string_width("Skyscanner, Edinburgh ")
        pdf.set_font("Helvetica", style="I", size=10)
        pdf.text(40 + width, 100, "Software Engineering Intern")

    read = read_local(_pdf(tmp_path / "styles.pdf", draw))
    assert read.lines[0].cells == ("Skyscanner, Edinburgh", "Software Engineering Intern")


def test_a_justified_line_is_one_cell_and_a_row_of_tags_is_several(tmp_path: Path) -> None:
    def spread(pdf: FPDF, words: list[str], top: float) -> None:
        x = 40.0
        for word in words:  # the same wide gap after every word, as justification makes it
            pdf.text(x, top, word)
            x += pdf.get_string_width(word) + 12

    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        spread(pdf, ["in", "school", "and", "provincial", "computer"], 100)
        spread(pdf, ["Docker", "Kubernetes", "Git"], 130)

    read = read_local(_pdf(tmp_path / "justified.pdf", draw))
    assert read.lines[0].cells == ("in school and provincial computer",)
    assert read.lines[1].cells == ("Docker", "Kubernetes", "Git")


def test_a_larger_margin_heading_level_with_a_body_line_is_read_on_its_row(tmp_path: Path) -> None:
    # A 14 pt heading in a margin shares its top with a 10 pt line of the body, not its baseline.
    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        for block, (heading, body) in enumerate(
            [
                ("EDUCATION", ["MIT  2014", "BSc Physics"]),
                ("EXPERIENCE", ["Acme  2020", "Engineer", "Built it"]),
            ]
        ):
            top = 100 + block * 80
            pdf.set_font("Helvetica", size=14)
            pdf.text(40, top + 14 * 0.75, heading)
            pdf.set_font("Helvetica", size=10)
            for row, text in enumerate(body):
                pdf.text(160, top + 10 * 0.75 + row * 14, text)
        for row in range(6):
            pdf.text(160, 300 + row * 14, f"Line {row} of more text in the body")

    read = read_local(_pdf(tmp_path / "margin.pdf", draw))
    first = next(line for line in read.lines if "EDUCATION" in line.text)
    assert first.cells[:2] == ("EDUCATION", "MIT 2014") or first.text.startswith("EDUCATION MIT")


def test_a_margin_of_labels_and_dates_as_dense_as_the_body_is_still_a_margin(tmp_path: Path) -> None:
    # Europass: "NAME" beside the name, a date range beside each title, the employer and an item
    # below it in the body. The margin has nearly as many lines as the body, yet each of them is
    # level with a body line: read row by row, not as a sidebar.
    rows = [
        ("Personal details", ""),
        ("NAME", "Jane Doe"),
        ("ADDRESS", "1 Main Street, Hanover"),
        ("PHONE", "+49 151 000000"),
        ("EMAIL", "jane@example.org"),
        ("Experience", ""),
        ("2020 - 2022", "Engineer"),
        ("", "Acme GmbH"),
        ("", "- Built the billing service that invoices every customer of the company each month"),
        ("2018 - 2020", "Intern"),
        ("", "Globex AG"),
        ("", "- Wrote the test suite"),
        ("2016 - 2018", "Assistant"),
        ("", "Initech AG"),
        ("", "- Kept the lab running"),
    ]

    read = read_local(_margin_pdf(tmp_path / "labels.pdf", rows, body_x=160))
    assert read.columns == {1: "margin"}
    assert [line.cells for line in read.lines[1:3]] == [
        ("NAME", "Jane Doe"),
        ("ADDRESS", "1 Main Street, Hanover"),
    ]


def test_a_name_drawn_in_two_shades_with_no_space_between_is_two_words(tmp_path: Path) -> None:
    # moderncv's banking style: the first name in grey, the last name in black, touching.
    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        pdf.set_font("Helvetica", size=24)
        pdf.set_text_color(128, 128, 128)
        pdf.text(200, 100, "Arash")
        width = pdf.get_string_width("Arash")
        pdf.set_text_color(0, 0, 0)
        pdf.text(200 + width, 100, "Eslami")
        pdf.set_font("Helvetica", size=10)
        pdf.text(200, 130, "arash@example.com")

    read = read_local(_pdf(tmp_path / "shades.pdf", draw))
    assert read.lines[0].text == "Arash Eslami"
    # A word in one colour throughout stays one word.
    assert read.lines[1].text == "arash@example.com"


SIDEBAR = ["CONTACT", "jane@example.com", "Berlin", "SKILLS", "Python", "SQL", "Go", "LANGUAGES", "English"]
# A main column as wide as a page's main column is: its lines run most of the way across.
MAIN = [
    "EXPERIENCE",
    "Acme Corp, Backend Engineer, 2020 - Present",
    "Built the billing API that every team in the company now calls",
    "Cut the latency of the payment services by forty per cent",
    "Globex, Intern, 2019",
    "Wrote tests for the payment service and for its many clients",
    "EDUCATION",
    "MIT, BSc Physics, 2014 - 2018",
    "Thesis on the statistics of rare events in particle detectors",
]


def test_a_sidebar_of_centred_lines_is_a_column_of_its_own(tmp_path: Path) -> None:
    # A designed sidebar centres its lines: they share no left edge, only the blank strip beside them.
    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        for row, text in enumerate(MAIN):
            pdf.text(40, 100 + row * 14, text)
        for row, text in enumerate(SIDEBAR):
            pdf.text(480 - pdf.get_string_width(text) / 2, 100 + row * 14, text)

    read = read_local(_pdf(tmp_path / "centred.pdf", draw))
    assert [line.text for line in read.lines] == [*MAIN, *SIDEBAR]
    assert {line.region for line in read.lines if line.text in SIDEBAR} == {"side"}


def test_a_page_of_centred_lines_and_right_aligned_dates_has_no_columns(tmp_path: Path) -> None:
    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        top = 100
        for heading, entries in (("EXPERIENCE", ["Acme Corp", "Globex"]), ("EDUCATION", ["MIT", "Caltech"])):
            pdf.text(297 - pdf.get_string_width(heading) / 2, top, heading)
            top += 20
            for entry, dates in zip(entries, ["Jan 2020 - Present", "May 2018 - Dec 2019"], strict=True):
                pdf.text(40, top, entry)
                pdf.text(555 - pdf.get_string_width(dates), top, dates)
                pdf.text(40, top + 14, "Built the billing API and cut its latency by forty per cent")
                top += 34

    read = read_local(_pdf(tmp_path / "centred_one.pdf", draw))
    assert read.columns[1] in ("one", "margin")
    assert [line.cells for line in read.lines][1] == ("Acme Corp", "Jan 2020 - Present")


def test_a_short_main_column_beside_a_long_sidebar_is_not_a_margin(tmp_path: Path) -> None:
    # Each main line is level with a sidebar line, yet they follow one another: a column, read whole.
    side = [*SIDEBAR, "German", "INTERESTS", "Chess", "Running", "Cooking", "Travel", "Climbing", "Music"]
    main = MAIN[:6]

    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        for row, text in enumerate(side):
            pdf.text(40, 100 + row * 14, text)
        for row, text in enumerate(main):
            pdf.text(190, 100 + row * 14, text)

    read = read_local(_pdf(tmp_path / "long_side.pdf", draw))
    assert read.columns[1] == "sidebar"
    assert [line.text for line in read.lines] == [*side, *main]


def test_a_name_above_one_column_only_is_the_page_s_header_band(tmp_path: Path) -> None:
    # The name sits over the sidebar without crossing the gutter; it is above both columns' text.
    def draw(pdf: FPDF) -> None:
        pdf.add_page()
        pdf.set_font("Helvetica", size=20)
        pdf.text(40, 50, "Jane Doe")
        pdf.set_font("Helvetica", size=10)
        for row, text in enumerate(SIDEBAR):
            pdf.text(40, 100 + row * 14, text)
        for row, text in enumerate(MAIN):
            pdf.text(190, 100 + row * 14, text)

    read = read_local(_pdf(tmp_path / "band.pdf", draw))
    assert [(line.text, line.region) for line in read.lines[:2]] == [
        ("Jane Doe", "full"),
        ("CONTACT", "side"),
    ]
