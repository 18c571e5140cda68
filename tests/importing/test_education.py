"""Education entries (issue 17): how a degree and its school are told apart and kept together,
each rule shown on a few lines shaped like the real ones."""

from __future__ import annotations

from jobwise.importing.lines import Line, ReadDocument, number_lines
from jobwise.importing.parser import parse
from tests.importing.test_conventions import line, parse_docx_lines, parse_pdf, parse_text, schools


def test_a_distinction_on_its_own_line_is_no_degree_and_no_entry() -> None:
    document = parse_text(
        "Jane Doe\njane@example.com\n\nEDUCATION\n\n"
        "University of Oxford                      2012 - 2015\n"
        "First Class Honours\n"
        "BA in Mathematics\n"
    )
    assert schools(document) == [("University of Oxford", "BA", "Mathematics", "2012", "2015")]


def test_a_distinction_under_a_one_line_qualification_belongs_to_it() -> None:
    document = parse_text(
        "Jane Doe\njane@example.com\n\nEDUCATION\n\n"
        "BSc Computing - LJMU - 2008-2011\n"
        "First Class Honours\n"
        "MSc Data Science - University of Leeds - 2012\n"
    )
    assert schools(document) == [
        ("LJMU", "BSc Computing", None, "2008", "2011"),
        ("University of Leeds", "MSc Data Science", None, None, "2012"),
    ]


def test_praise_of_the_student_under_a_school_is_no_degree() -> None:
    # canva_sidebar_le: "Excellent student of the school" under the school's name.
    document = parse_pdf(
        line("EDUCATION", bold=True, size=16.0),
        line("Cao Thang High School", bold=True, size=13.8, gap_above=1.1),
        line("Excellent student of the school", bold=True, size=10.9, gap_above=0.8),
        line("- Member of the mobile application programming community.", size=8.1, gap_above=0.8),
        line("University of Greenwich", bold=True, size=13.8, gap_above=1.2),
        line("Student of information technology", bold=True, size=10.9, gap_above=0.6),
        line("-Member of IT Club", size=8.1, gap_above=0.8),
    )
    assert [(school, degree) for school, degree, *_ in schools(document)] == [
        ("Cao Thang High School", None),
        ("University of Greenwich", "Student of information technology"),
    ]


def test_a_degree_named_by_its_initials_before_its_school() -> None:
    document = parse_text(
        "Jane Doe\njane@example.com\n\nEDUCATION\n\nPGCE - Leeds Beckett University - 2014\n"
    )
    assert schools(document) == [("Leeds Beckett University", "PGCE", None, None, "2014")]


def test_a_school_s_web_address_beside_its_name_leaves_the_item_under_it_the_degree() -> None:
    # text_bowman: "Udemy - udemy.com" over a list item naming the courses and their years.
    document = parse_text(
        "Jane Doe\njane@example.com\n\nEDUCATION\n\n"
        "Udemy - udemy.com\n"
        "* Learn API Technical Writing: JSON and XML for Writers  2015 - 2016\n"
    )
    assert schools(document) == [
        ("Udemy", "Learn API Technical Writing: JSON and XML for Writers", None, "2015", "2016")
    ]


def test_a_dated_name_over_a_degree_naming_no_school_is_its_school_and_a_label_over_items_no_degree() -> None:
    # latex_sidebar_tanner: "Univeristy of Birmingham (2019-)" in bold over its degree in bold,
    # then "Key completed modules:" over the modules as items.
    document = parse_pdf(
        line("Education", bold=True, size=14.0),
        line("Univeristy of Birmingham (2019-)", bold=True, gap_above=0.7),
        line("B.Sc. Computer Science with an Industrial Year", bold=True, gap_above=0.3),
        line("Expected 1st Class with Honours", gap_above=0.3),
        line("Key completed modules:", gap_above=0.3),
        line("• Artificial Intelligence 2 : 77%", x0=65.0),
        line("• Team Project : 78%", x0=65.0),
        line("St Ambrose College (2012-2019)", bold=True, gap_above=0.7),
        line("A-Levels", bold=True, gap_above=0.3),
    )
    assert schools(document) == [
        ("Univeristy of Birmingham", "B.Sc. Computer Science with an Industrial Year", None, "2019", None),
        ("St Ambrose College", "A-Levels", None, "2012", "2019"),
    ]


def test_a_school_named_at_its_campus_keeps_its_at() -> None:
    document = parse_text(
        "Jane Doe\njane@example.com\n\nEDUCATION\n\n"
        "University of Illinois at Urbana-Champaign      2014 - 2018\n"
        "B.S. in Computer Engineering\n\n"
        "University of Texas at Austin\n"
        "Bachelor of Business Administration, 2012\n"
    )
    assert schools(document) == [
        ("University of Illinois at Urbana-Champaign", "B.S.", "Computer Engineering", "2014", "2018"),
        ("University of Texas at Austin", "Bachelor of Business Administration", None, None, "2012"),
    ]


def test_degrees_on_their_own_dated_lines_under_one_school_are_one_entry_each() -> None:
    document = parse_text(
        "Jane Doe\njane@example.com\n\nEDUCATION\n\n"
        "University of Cambridge\n"
        "PhD in Physics, 2015 - 2019\n"
        "MPhil in Physics, 2014 - 2015\n\n"
        "Imperial College London\n"
        "BSc Physics, 2011 - 2014\n"
    )
    assert schools(document) == [
        ("University of Cambridge", "PhD", "Physics", "2015", "2019"),
        ("University of Cambridge", "MPhil", "Physics", "2014", "2015"),
        ("Imperial College London", "BSc Physics", None, "2011", "2014"),
    ]


def test_a_period_written_with_both_ends_in_one_year_keeps_its_start() -> None:
    # word_sidebar_pt_reis: "2022 - 2022" under the school; "2014" alone is when it ended.
    document = parse_text(
        "Jane Doe\njane@example.com\n\nEDUCATION\n\n"
        "Universidade Tiradentes\n2022 - 2022\nCurso – Design Gráfico\n\n"
        "Colégio Estadual Atheneu Sergipense\n2014\nEnsino Médio\n"
    )
    assert [(school, start, end) for school, _, _, start, end in schools(document)] == [
        ("Universidade Tiradentes", "2022", "2022"),
        ("Colégio Estadual Atheneu Sergipense", None, "2014"),
    ]


def test_the_subject_is_on_the_degree_s_line_or_right_under_it_not_past_the_dates() -> None:
    # deedy_pearson: "MASTER OF SCIENCE" over "Computer Science"; gdocs_table_choudhury: the
    # degree on the school's line, then the dates, then a line naming the department.
    document = parse_docx_lines(
        ("Jane Doe", True),
        ("jane@example.com", False),
        ("EDUCATION", True),
        ("U. WASHINGTON", True),
        ("MASTER OF SCIENCE", False),
        ("Computer Science", False),
        ("GPA 3.72; 2015–2017", False),
        ("Rajshahi Government City College, Rajshahi— HSC", True),
        ("Jul 2017 - Jul 2019", False),
        ("Science", False),
        ("Grade: 5.00", False),
    )
    assert schools(document) == [
        ("U. WASHINGTON", "MASTER OF SCIENCE", "Computer Science", "2015", "2017"),
        ("Rajshahi Government City College", "HSC", None, "2017-07", "2019-07"),
    ]


def test_a_degree_at_its_school_in_the_words_of_other_languages() -> None:
    document = parse_text(
        "Jane Doe\njane@example.com\n\nEDUCATION\n\n"
        "2012 - 2016  Bachelor of Science Informatik an der Universität Wien\n\n"
        "2004 - 2012  Abitur am Goethe-Gymnasium Frankfurt\n\n"
        "Mestrado em Engenharia Civil pela Universidade de Lisboa, 2015 - 2017\n\n"
        "Grado en Ingeniería Informática en la Universidad de Granada (2010 - 2014)\n\n"
        "Kandidatexamen i nationalekonomi vid Lunds universitet, 2007 - 2010\n\n"
        "Bachelor of Arts at the University of Texas at Austin, 2006\n"
    )
    assert [(school, degree) for school, degree, *_ in schools(document)] == [
        ("Universität Wien", "Bachelor of Science Informatik"),
        ("Goethe-Gymnasium Frankfurt", "Abitur"),
        ("Universidade de Lisboa", "Mestrado em Engenharia Civil"),
        ("Universidad de Granada", "Grado en Ingeniería Informática"),
        ("Lunds universitet", "Kandidatexamen i nationalekonomi"),
        ("University of Texas at Austin", "Bachelor of Arts"),
    ]


def test_a_school_and_its_degree_one_in_parentheses_after_the_other() -> None:
    document = parse_text(
        "Jane Doe\njane@example.com\n\nEDUCATION\n\n"
        "Harvard University (B.A. Economics), 2011 - 2015\n\n"
        "MSc Physics (University of Ghana), 2017\n\n"
        "Hanoi University of Engineering and Technology (UET), 2008 - 2010\n"
        "Bachelor of Engineering (Computer Science)\n"
    )
    assert [(school, degree) for school, degree, *_ in schools(document)] == [
        ("Harvard University", "B.A. Economics"),
        ("University of Ghana", "MSc Physics"),
        (
            "Hanoi University of Engineering and Technology (UET)",
            "Bachelor of Engineering (Computer Science)",
        ),
    ]


def test_a_line_under_a_degree_that_names_its_subject_already_is_a_description() -> None:
    # word_sidebar_pt_reis: "Curso – Design Gráfico" over "Noção em Design e elementos gráficos".
    document = parse_docx_lines(
        ("Jane Doe", True),
        ("jane@example.com", False),
        ("EDUCAÇÃO", True),
        ("Universidade Tiradentes", True),
        ("2022 - 2022", False),
        ("Curso – Design Gráfico", False),
        ("Noção em Design e elementos gráficos", False),
    )
    assert schools(document) == [("Universidade Tiradentes", "Curso – Design Gráfico", None, "2022", "2022")]


def test_a_number_labelling_a_one_line_entry_is_no_part_of_its_degree() -> None:
    # word_ashtari: numbered one-liners "YEAR: degree from school" in a Word list, one year
    # mistyped.
    items = [
        "2014: MA of French Language Translation Studies from Tarbiat Modares University, Tehran",
        "1012: BA of English Language Translation Studies from Allameh University, Tehran",
        "2006: Diploma, Sciences from Bahonar high school, Tehran",
    ]
    lines = [
        Line(text="Jane Doe", page=1, size=11.0, bold=True),
        Line(text="jane@example.com", page=1, size=11.0),
        Line(text="Academic Studies", page=1, size=11.0, bold=True),
        *(Line(text=item, page=1, size=11.0, list_level=0) for item in items),
    ]
    document = parse(ReadDocument(kind="docx", lines=number_lines(lines), pages=1)).document
    assert [(school, degree) for school, degree, *_ in schools(document)] == [
        ("Tarbiat Modares University", "MA of French Language Translation Studies"),
        ("Allameh University", "BA of English Language Translation Studies"),
        ("Bahonar high school", "Diploma, Sciences"),
    ]


def test_an_entry_written_as_labelled_fields_one_a_line() -> None:
    document = parse_text(
        "Jane Doe\njane@example.com\n\nEDUCATION\n\n"
        "Título:\t\tLicenciatura en Psicología\n"
        "Centro:\t\tUniversidad de Salamanca\n"
        "Año:\t\t2015\n"
    )
    assert schools(document) == [
        ("Universidad de Salamanca", "Licenciatura en Psicología", None, None, "2015")
    ]


def test_a_labelled_degree_under_the_school_s_line_is_its_degree() -> None:
    document = parse_text(
        "Jane Doe\njane@example.com\n\nAUSBILDUNG\n\n"
        "09/2010 – 06/2018\tGymnasium am Stadtpark, Hamburg\n"
        "\tAbschluss: Abitur (Note 1,7)\n"
    )
    assert schools(document) == [("Gymnasium am Stadtpark", "Abitur", None, "2010-09", "2018-06")]
    assert document["education"][0]["score"] == "1,7"


def test_a_distinction_after_the_degree_on_its_line_stays_with_the_degree_as_written() -> None:
    document = parse_text(
        "Jane Doe\njane@example.com\n\nEDUCATION\n\n"
        "Technion – Israel Institute of Technology, Haifa\t2012 – 2016\n"
        "B.Sc. in Computer Science, Cum Laude\n"
    )
    assert schools(document) == [
        ("Technion – Israel Institute of Technology", "B.Sc.", "Computer Science, Cum Laude", "2012", "2016")
    ]


def test_a_degree_written_with_a_dot_is_no_web_address() -> None:
    # "B.Tech" shares its letters with a top-level domain; "udemy.com" is a site.
    document = parse_text(
        "Jane Doe\njane@example.com\n\nEDUCATION\n\n2018\tNational Institute of Technology, Trichy\tB.Tech\n"
    )
    assert [(school, degree) for school, degree, *_ in schools(document)] == [
        ("National Institute of Technology", "B.Tech")
    ]


def test_a_row_of_column_labels_over_several_rows_makes_each_row_an_entry() -> None:
    def row(*cells: str, bold: bool = False) -> Line:
        return Line(text="  ".join(cells), page=1, size=11.0, bold=bold, cells=cells)

    lines = [
        Line(text="Jane Doe", page=1, size=11.0, bold=True),
        Line(text="jane@example.com", page=1, size=11.0),
        Line(text="EDUCATION", page=1, size=11.0, bold=True),
        row("Degree", "Institute", "Year", "CGPA", bold=True),
        row("B.Tech (CSE)", "NIT Trichy", "2018", "8.5"),
        row("Class XII", "DPS Delhi", "2014", "92%"),
    ]
    document = parse(ReadDocument(kind="docx", lines=number_lines(lines), pages=1)).document
    assert schools(document) == [
        ("NIT Trichy", "B.Tech (CSE)", None, None, "2018"),
        ("DPS Delhi", "Class XII", None, None, "2014"),
    ]
    assert [item.get("score") for item in document["education"]] == ["8.5", "92%"]


def test_a_degree_over_its_items_ending_in_a_colon_is_still_the_degree() -> None:
    document = parse_pdf(
        line("Education", bold=True, size=14.0),
        line("University of Leeds (2015-2018)", bold=True, gap_above=0.7),
        line("BSc Computer Science:", bold=True, gap_above=0.3),
        line("• Algorithms", x0=65.0),
        line("• Databases", x0=65.0),
    )
    assert schools(document) == [("University of Leeds", "BSc Computer Science", None, "2015", "2018")]


def test_a_grade_under_the_school_s_line_and_a_thesis_before_the_dates_keep_entries_whole() -> None:
    # A Word résumé in plain paragraphs: school, degree, "Thesis: ..." then the dates; a grade
    # between a school and its degree.
    document = parse_docx_lines(
        ("Jane Doe", True),
        ("jane@example.com", False),
        ("EDUCATION", True),
        ("University of Helsinki", False),
        ("Master of Science in Computer Science", False),
        ("Thesis: Efficient graph partitioning", False),
        ("2016 – 2018", False),
        ("Aalto University", False),
        ("GPA: 4.8/5", False),
        ("Bachelor of Science in Technology", False),
        ("2013 – 2016", False),
    )
    assert schools(document) == [
        ("University of Helsinki", "Master of Science", "Computer Science", "2016", "2018"),
        ("Aalto University", "Bachelor of Science", "Technology", "2013", "2016"),
    ]
    assert document["education"][1]["score"] == "4.8/5"


def test_a_degree_run_on_into_university_of_its_school_is_parted_from_it() -> None:
    # No separator, the school opening with "University of"; "(continue)" is the status of a
    # degree under way, not part of the school's name.
    document = parse_text(
        "Jane Doe\njane@example.com\n\nACADEMIC QUALIFICATION, TRAININGS AND PROFESSIONAL CERTIFICATIONS\n\n"
        "BSCS UNIVERSITY OF LAHORE (continue)\n"
    )
    assert schools(document) == [("UNIVERSITY OF LAHORE", "BSCS", None, None, None)]


def test_a_degree_and_its_school_parted_by_a_comma_are_not_parted_again_at_university_of() -> None:
    document = parse_text(
        "Jane Doe\njane@example.com\n\nEDUCATION\n\n"
        "2010-2013. Doctor of Philosophy (PhD), Zoology, University of Otago, New Zealand.\n"
    )
    assert [school[0] for school in schools(document)] == ["University of Otago"]


def test_several_items_without_a_degree_word_under_a_school_are_subjects_not_a_degree() -> None:
    # One item under the school is its programme ("• Electrical"); several are the subjects taken.
    document = parse_text(
        "Jane Doe\njane@example.com\n\nEDUCATION\n\n"
        "CTS College | 2017\n"
        "• Electrical\n\n"
        "Five Rivers Secondary School | 2010 - 2015\n"
        "• Mathematics\n"
        "• English\n"
        "• Physics\n"
    )
    assert [(school[0], school[1]) for school in schools(document)] == [
        ("CTS College", "Electrical"),
        ("Five Rivers Secondary School", None),
    ]


def test_a_university_and_its_college_written_one_after_the_other_are_one_school() -> None:
    document = parse_text(
        "Jane Doe\njane@example.com\n\nEDUCATION\n\n"
        "Bachelor of Science in Nursing\n"
        "City University of New York, Lehman College • New York City, New York\n"
        "05/2008\n"
    )
    assert [school[0] for school in schools(document)] == ["City University of New York, Lehman College"]
