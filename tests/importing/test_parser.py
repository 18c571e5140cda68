"""The offline parse of real résumés (dev set only): sections, entries, roles, dates, bullets."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jobwise.importing.lines import Line, ReadDocument, number_lines
from jobwise.importing.parser import parse
from jobwise.importing.reading import read_local
from tests.importing.drafts import roles as work_entries

DEV = Path(__file__).resolve().parents[1] / "data" / "resumes" / "dev"


@cache
def draft(name: str) -> dict[str, Any]:
    return parse(read_local(DEV / name)).document


def roles(name: str) -> list[tuple[Any, ...]]:
    return work_entries(draft(name))


def test_a_two_column_resume_reads_both_columns() -> None:
    assert roles("deedy_das.pdf")[:2] == [
        ("FACEBOOK", "SOFTWARE ENGINEER", "2015-01", None, 0),
        ("COURSERA", "KPCB FELLOW + SOFTWARE ENGINEERING INTERN", "2014-06", "2014-09", 3),
    ]
    schools = [item["institution"] for item in draft("deedy_das.pdf")["education"]]
    assert schools == ["CORNELL UNIVERSITY", "CORNELL UNIVERSITY", "LA MARTINIERE FOR BOYS"]


def test_a_margin_of_dates_heads_each_role() -> None:
    first = roles("moderncv_schiele.pdf")[0]
    assert first == ("Sony Interactive Entertainment LLC", "Software Engineer", "2022-07", None, 1)


def test_wrapped_bullets_are_one_bullet() -> None:
    google = draft("latex_bajaj.pdf")["work"][0]
    assert google["highlights"][0].endswith("Tensor Processing Units (TPU).")


def test_achievements_one_per_line_without_markers_are_bullets() -> None:
    assert [count for *_, count in roles("gdocs_oh.pdf")] == [3, 3, 3]


def test_an_employer_line_over_two_titles_heads_both() -> None:
    eapps = [role for role in roles("text_bowman.txt") if role[0] == "eApps Web Hosting"]
    assert [(title, start) for _, title, start, _, _ in eapps] == [
        ("Technical Writer and User Advocate", "2010-10"),
        ("Technical Support and System/Network Administrator", "2007-04"),
    ]


def test_headings_in_swedish_and_portuguese() -> None:
    tanu = draft("word_twocol_tanu.docx")
    assert [item["institution"] for item in tanu["education"]][:2] == [
        "Renato Cartesio",
        "Åsö Vuxengymnasium",
    ]
    filho = draft("word_sidebar_filho.pdf")
    assert filho["education"][1]["institution"] == "Centro Universitário União das Américas Descomplica"
    assert "Python" in filho["skills"][0]["keywords"]


def test_referees_details_are_not_the_applicants() -> None:
    academic = draft("word_academic_senior.docx")
    assert academic["basics"]["name"] == "Alistair M. Senior"
    assert "references" not in academic


def test_a_missing_month_is_not_invented_and_one_year_is_a_year() -> None:
    lucena = next(item for item in draft("latex_bajaj.pdf")["work"] if item["name"] == "Lucena Research")
    assert (lucena["startDate"], lucena["endDate"]) == ("2012", "2013")


def test_a_document_without_contact_details_gets_none() -> None:
    basics = draft("word_sidebar_fabre.docx")["basics"]
    assert "email" not in basics and "phone" not in basics


def test_a_gpa_is_kept_as_written() -> None:
    assert [item.get("score") for item in draft("latex_bajaj.pdf")["education"]] == [
        "4.00",
        "3.66 (9.15/10.0)",
    ]


def test_every_value_has_a_source_line() -> None:
    result = parse(read_local(DEV / "deedy_pearson.pdf"))
    assert result.sources["/work/0/name"].line.text.startswith("MATRICES.AI")
    assert all(source.line.number >= 1 for source in result.sources.values())


def test_a_heading_first_in_a_table_row_starts_its_section() -> None:
    lines = number_lines(
        [
            Line(text="Jane Doe", page=1, size=20),
            Line(text="jane@example.com", page=1, size=10),
            Line(text="EDUCATION MIT 2014", page=1, cells=("EDUCATION", "MIT", "2014"), size=10, caps=False),
            Line(text="BSc Physics", page=1, size=10),
        ]
    )
    document = parse(ReadDocument(kind="pdf", lines=lines, pages=1)).document
    assert document["education"][0]["institution"] == "MIT"


def test_a_title_line_above_its_employer_line() -> None:
    # "Malware Researcher   April, 2024 – Present" over "Ebryx (Pvt.) Ltd.   Lahore, Punjab, Pakistan"
    assert roles("latex_qadir.pdf")[:2] == [
        ("Ebryx (Pvt.) Ltd.", "Malware Researcher", "2024-04", None, 1),
        ("PUCIT - University of the Punjab", "Teaching Assistant (Operating System)", "2024-01", None, 2),
    ]


def test_employer_and_title_on_one_line_lose_the_town_between_them() -> None:
    assert roles("latex_yuen.pdf")[1:] == [
        ("Skyscanner", "Software Engineering Intern", "2018-06", "2019-09", 0),
        ("New Modern Technology Ltd.", "Programmer Trainee (Summer)", "2017-06", "2017-07", 0),
        ("KPMG China", "Trainee", "2016-05", "2016-08", 0),
    ]
    assert draft("latex_yuen.pdf")["work"][1]["location"] == "Edinburgh"


def test_a_printed_web_page_posts_under_an_employer_and_lists_without_glyphs() -> None:
    # h2 "THG - The Hut Group ~ 7 years (2015-Present)", h3 posts with their years, and list items
    # whose bullets are drawn as graphics (set in from the paragraph's edge, no glyph in the text).
    assert roles("html_kelly.pdf") == [
        ("THG - The Hut Group", "Junior Linux Engineer", "2022", None, 24),
        ("THG - The Hut Group", "DataCenter Engineer/IT Infrastructure project engineer", "2018", "2022", 17),
        ("THG - The Hut Group", "Warehouse IT", "2015", "2018", 9),
        ("CPW - Carphone Warehouse", None, "2012", "2015", 0),
    ]


def test_a_school_name_of_seven_words_is_still_the_school() -> None:
    schools = [(item["institution"], item.get("studyType")) for item in draft("latex_qadir.pdf")["education"]]
    assert schools[1:] == [
        ("Govt. Degree College for Boys Sharaqpur Sharif", "FSc Pre-Engineering"),
        ("Govt. Pilot Secondary School", "Matriculation"),
    ]


def test_a_degree_line_with_its_gpa_and_dates_in_a_word_table() -> None:
    (school,) = draft("word_nguyen.docx")["education"]
    assert school["institution"] == "University of Minnesota – Twin Cities"
    assert school["score"] == "3.259/4.0"


def test_an_employer_wrapped_over_two_lines_is_one_employer() -> None:
    assert roles("altacv_adelfio.pdf")[0][:2] == (
        "Italian Research Center on High Performance Computing, Big Data and Quantum Computing (ICSC)"
        " & National Institute of Nuclear Physics (INFN)",
        "Data Scientist & ML Engineer",
    )


def test_a_name_kept_in_the_word_page_header_is_the_name() -> None:
    basics = draft("word_hmydat.docx")["basics"]
    assert (basics["name"], basics["email"]) == ("Oday Hmydat", "odyhmydat@gmail.com")


def test_degrees_listed_as_items_each_over_its_school() -> None:
    schools = [
        (item["institution"], item.get("endDate"))
        for item in draft("word_academic_lienhart.docx")["education"]
    ]
    assert schools == [
        ("University of Central Florida", None),
        ("University of Central Florida", "2025"),
        ("University of South Florida", None),
        ("University of Central Florida", None),
    ]


def test_any_kind_of_experience_heading_holds_posts() -> None:
    # "Professional Teaching & Writing Experience": posts held, though teaching alone is not work.
    (post,) = draft("word_academic_lienhart.docx")["work"]
    assert (post["name"], post["startDate"]) == ("South college", "2025-07")


def test_a_place_set_apart_on_the_right_is_all_place() -> None:
    first = draft("latex_qadir.pdf")["work"][0]
    assert first["location"] == "Lahore, Punjab, Pakistan"
    assert draft("latex_qadir.pdf")["education"][1]["studyType"] == "FSc Pre-Engineering"


def test_a_sidebar_page_with_justified_text_and_dashes_against_their_items() -> None:
    # "- Member of the mobile application" / "programming community.": no hanging indent, and the
    # justified line is not cut into one cell per word; "-Member of IT Club" is an item too.
    schools = [
        (item["institution"], item.get("studyType")) for item in draft("canva_sidebar_le.pdf")["education"]
    ]
    assert schools[1] == ("University of greenwich", "Student of information technology")
    assert "skills" not in draft("canva_sidebar_le.pdf")  # "and work experience." heads nothing


def test_a_comma_inside_a_title_stays_when_the_employer_has_its_own_line() -> None:
    titles = [title for _, title, *_ in roles("word_nguyen.docx")]
    assert "Undergraduate Research Assistant, Software Engineering" in titles


def test_an_em_dash_against_a_word_still_separates_employer_and_title() -> None:
    # Google Docs template headings: "CognitoFlow, Remote— Quality Assurance".
    assert roles("gdocs_table_choudhury.docx") == [
        ("CognitoFlow", "Quality Assurance", "2024-02", None, 0),
        ("Codeforces", "Competitive Programmer", "2020-05", None, 0),
    ]
    schools = [item["institution"] for item in draft("gdocs_table_choudhury.docx")["education"]]
    assert schools[0] == "Khulna University of Engineering & Technology"


# --- round 3: rules that must hold on résumés the earlier rules never saw -----------------------


def test_a_font_set_at_one_point_and_scaled_by_the_matrix_has_its_drawn_size() -> None:
    # PDF24 sets every font at 1 pt and scales the text matrix: sizes are what the page shows.
    read = read_local(DEV / "design_sidebar_rodionova.pdf")
    sizes = {line.text: line.size for line in read.lines}
    assert sizes["Nataliya Rodionova"] > 18 > sizes["FREELANCE"]


def test_dates_in_a_margin_column_head_title_first_entries() -> None:
    first, second = roles("design_sidebar_rodionova.pdf")[:2]
    assert first == ("FREELANCE", "WEB DESIGNER", "2019", "2019", 2)  # two wrapped sentences
    assert second[:2] == ("PARIS MILAN SHOWROOM", "FASHION DESIGNER")


def test_the_school_line_is_the_one_with_a_place_when_no_word_tells() -> None:
    # "ILLUSTRATION" over "NABA, MILAN": the section puts the field first, the school under it.
    schools = {
        item["institution"]: item.get("studyType")
        for item in draft("design_sidebar_rodionova.pdf")["education"]
    }
    assert schools["NABA"] == "ILLUSTRATION"
    assert schools["DCI"] == "WEB DEVELOPMENT"


def test_smaller_known_headings_under_a_larger_one_are_sub_headings() -> None:
    # "LANGUAGES" and "TECHNOLOGIES" (12 pt) under "SKILLS" (14 pt); "CORNELL UNIVERSITY" drawn
    # like them is the school, not a section.
    (school,) = draft("deedy_ramirez.pdf")["education"]
    assert school["institution"] == "CORNELL UNIVERSITY"
    assert roles("deedy_ramirez.pdf")[0] == (
        "HARTREE PARTNERS, INC",
        "Sr. Software Engineer",
        "2022",
        "2024",
        2,
    )


def test_russian_headings_and_months_and_a_bold_label_between_two_lists() -> None:
    assert roles("latex_ru_palatov.pdf") == [("Sravni.ru L.L.C", "Data Scientist", "2024-06", "2024-08", 7)]


def test_an_organisation_before_its_country_is_the_employer() -> None:
    # "Back-end Engineering Intern • OOO EPAM Systems, Russia".
    assert roles("latex_tran.pdf")[0][:2] == ("OOO EPAM Systems", "Back-end Engineering Intern")


def test_a_name_whose_parenthesis_closes_on_the_next_line_is_one_employer() -> None:
    (post,) = roles("word_sidebar_saif.pdf")
    assert post[0] == "AMRI (AGRICULTURAL MECHANIZATION RESEARCH INSTITUTE)"
    assert post[2:4] == ("2021", "2021")


def test_faux_bold_is_bold_and_a_family_named_bold_makes_its_sibling_regular() -> None:
    read = read_local(DEV / "word_saniango.pdf")
    bold = {line.text: line.bold for line in read.lines}
    assert bold["EDUCATION"] and not bold["Awarded best Social Science student"]


def test_dates_glued_between_two_things_never_make_one_string_of_both() -> None:
    # "saisValéo07/16 – 12/16Cergy, Val d'Oise": no "saisValéo Cergy" the document does not hold.
    names = [post.get("name") or "" for post in draft("altacv_blanc.pdf").get("work") or []]
    assert not any("Cergy" in name for name in names)


def _docx(*lines: Line) -> dict[str, Any]:
    return parse(ReadDocument(kind="docx", lines=number_lines(list(lines)), pages=1)).document


def _item(text: str) -> Line:
    return Line(text=text, page=1, size=12, list_level=0)


def test_numbered_items_that_open_with_their_dates_are_one_post_each() -> None:
    # "2017 – 2019: French teacher at Odaba Zand Institute": one numbered item per post.
    document = _docx(
        Line(text="Jane Doe", page=1, size=14, bold=True),
        Line(text="Professional experience:", page=1, size=12),
        Line(
            text="2019 – 2021: full-time translator at Kowsar Baft Novin CO.", page=1, size=12, list_level=0
        ),
        Line(
            text="2017 – 2019: French language teacher at Odaba Zand Institute", page=1, size=12, list_level=0
        ),
        Line(
            text="2009 – 2011: in-charge of the department of languages at Saman Pardazesh.",
            page=1,
            size=12,
            list_level=0,
        ),
    )
    assert work_entries(document) == [
        ("Kowsar Baft Novin CO", "full-time translator", "2019", "2021", 0),
        ("Odaba Zand Institute", "French language teacher", "2017", "2019", 0),
        ("Saman Pardazesh", "in-charge of the department of languages", "2009", "2011", 0),
    ]


def test_dated_items_with_nested_items_keep_those_as_their_bullets() -> None:
    # "● Novembre 2017 - Novembre 2019 : Alternant développeur iOS chez Accengage (Airship)"
    assert roles("gdocs_fr_matthai.pdf")[1:3] == [
        ("Accengage (Airship)", "Alternant développeur iOS", "2017-11", "2019-11", 3),
        ("Dièse Telecom", "Stage Développeur mobile", "2017-04", "2017-06", 1),
    ]


def test_bullets_under_a_dated_post_stay_bullets() -> None:
    document = _docx(
        Line(text="Jane Doe", page=1, size=14, bold=True),
        Line(text="Experience", page=1, size=12, bold=True),
        Line(text="Java developer, Dataprizma LLC", page=1, size=12, bold=True),
        _item("2019 – 2021: built the ERP system"),
        _item("2021 – 2022: ran the support desk"),
    )
    assert work_entries(document) == [("Dataprizma LLC", "Java developer", None, None, 2)]


def test_a_title_in_an_organisation_parts_at_in_only_before_an_organisation() -> None:
    # "2019.02.05 – 2021.11.22   Java developer in Dataprizma LLC"
    assert [role[:2] for role in roles("word_ubaydullayev.docx")][1:] == [
        ("M-Bank company", "Intern as Java developer"),
        ("Dataprizma LLC", "Java developer"),
    ]
    # "(generally working in SAS and Excel)": an "in" inside a remark parts nothing.
    assert not any(role[0] == "SAS and Excel" for role in roles("word_rowan.docx"))


def test_a_marked_line_above_a_dated_header_heads_only_when_all_items_under_are_deeper() -> None:
    # "- Leraned android ..." above "2019.02.05 – ... Java developer in Dataprizma LLC": a bullet
    # of the job above, though two later items of the next job were indented by hand.
    assert roles("word_ubaydullayev.docx")[1][4] == 1


def _schools(name: str) -> list[tuple[Any, ...]]:
    return [
        (item.get("institution"), item.get("studyType"), item.get("area"), item.get("score"))
        for item in draft(name)["education"]
    ]


def test_a_sidebar_s_larger_headings_leave_the_main_column_s_headings_sections() -> None:
    # PROFILE, CONTACT, HOBBIES in 14 pt in the sidebar; EDUCATION in 11 pt in the main column.
    assert [item["institution"] for item in draft("word_sidebar_bodalkhande.pdf")["education"]] == [
        "Priyadarshini Institute of Engineering and Technology",
        "Sarvodaya Vidyalaya",
    ]


def test_a_school_and_its_degree_parted_by_a_slash_and_no_place_after_the_dates() -> None:
    # "Priyadarshini Institute .../Bachelor of Engineering" over "2015 – 2019, Nagpur, Maharashtra"
    assert _schools("word_sidebar_bodalkhande.pdf") == [
        ("Priyadarshini Institute of Engineering and Technology", "Bachelor of Engineering", None, None),
        ("Sarvodaya Vidyalaya", "Science", None, None),
    ]


def test_a_degree_from_its_school_and_a_gpa_written_before_its_label() -> None:
    # "2014: MA of French Language Translation Studies from Tarbiat Modares University, Tehran"
    assert _schools("word_ashtari.docx")[0] == (
        "Tarbiat Modares University",
        "MA of French Language Translation Studies",
        None,
        None,
    )
    # "Bachelor’s Degree in Software Engineering, 2.81/4.00 GPA"
    assert _schools("word_yilmazlar.pdf")[0] == (
        "Maltepe University",
        "Bachelor’s Degree",
        "Software Engineering",
        "2.81/4.00",
    )


def test_the_year_of_study_after_a_school_is_not_part_of_its_name() -> None:
    # "TEDU UNIVERSITY 4'TH YEAR STUDENT"
    assert _schools("deedy_zeren.pdf")[0][0] == "TEDU UNIVERSITY"


def test_a_title_line_alone_reads_title_in_organisation_when_the_section_does() -> None:
    # "Intern as Java developer in Ace-craft copmany": no organisation word, but the section's
    # other lines are "Title in Organisation".
    assert roles("word_ubaydullayev.docx")[0][:2] == ("Ace-craft copmany", "Intern as Java developer")


def test_a_school_under_its_heading_in_the_heading_style_is_not_a_section() -> None:
    # A Word table: "Education" | "BElarusian State University" (Heading 1, not bold), then
    # "The Faculty of Applied Mathematics ..." (a part of the school, no degree).
    assert _schools("word_table_ablameyko.docx") == [("BElarusian State University", None, None, None)]
    # "(faculty: Applied mathematics and computer science)" under the university: no degree.
    assert _schools("word_ubaydullayev.docx")[1][1] is None


def test_an_employer_line_under_its_own_title_line_is_all_employer_less_its_place() -> None:
    # "Department Assistant   May 2022 - Present" over "Data Analytics and Computational Social
    # Science, University of Massachusetts, Amherst, MA"
    assert roles("word_genovese.docx")[1][:2] == (
        "Data Analytics and Computational Social Science, University of Massachusetts",
        "Department Assistant",
    )
    # "South college, (Orlando Campus) ……… 07 / 2025- Present": a remark is no part of the name.
    assert roles("word_academic_lienhart.docx")[0][0] == "South college"


def test_a_dated_school_line_takes_the_undated_qualification_under_it() -> None:
    # "St Ambrose College (2012-2019)" over "A-Levels" over "Mathematics (A*), ...": one entry,
    # and subjects with their grades are not the qualification's subject.
    assert ("St Ambrose College", "A-Levels", None, None) in _schools("latex_sidebar_tanner.pdf")


def test_british_postgraduate_awards_and_a_school_named_by_its_initials() -> None:
    # "Sep 2019-present: Part-time PGDip in Health Data Analytics; UCL"
    assert _schools("word_rowan.docx")[1] == ("UCL", "Part-time PGDip", "Health Data Analytics", None)


def test_french_a_l_before_a_school_and_chez_before_an_employer() -> None:
    # "● 2011-2016 : Licence informatique à l’UPEC"; "● En cours : Ingénieur ... chez CDVI"
    assert [school[:2] for school in _schools("gdocs_fr_matthai.pdf")] == [
        ("ETNA", "Master développeur d’application et architecte logiciel"),
        ("UPEC", "Licence informatique"),
    ]
    assert roles("gdocs_fr_matthai.pdf")[0][:2] == ("CDVI", "Ingénieur Développeur embarqué")


def test_a_title_then_team_and_organisation_on_one_line_keeps_both_as_employer() -> None:
    # "Oct 2017-Feb 2019: Operational Research Manager, Central Analytical Unit, DfE (generally
    # working in SQL and R)": a remark in lower case is dropped, initials are no town.
    assert [role[0] for role in roles("word_rowan.docx")] == [
        "Medicines Analysis Team, NHSEI",
        "Central Analytical Unit, DfE",
        "Schools and Academies Revenue Funding Unit, DfE",
        "Pensions Modelling Team, DWP",
    ]
    assert roles("word_ashtari.docx")[2][0] == "Imam Ali Military University"


def test_the_hanging_indent_of_a_marked_item_is_its_own_words_not_new_items() -> None:
    # "• Admin Dashboard: created ..." wrapped over three lines set in under its text: one item.
    curtain_call = roles("deedy_perry.pdf")[0]
    assert curtain_call[:2] == ("Curtain Call LLC", "Founder and Software Engineer")
    assert curtain_call[4] == 6


def test_a_section_continued_on_the_next_page_under_a_running_head() -> None:
    # Page 2 opens with "David M. Perry  website.com" / "github.com" (a running head), then
    # "EXPERIENCE (CONTINUED)" whose first items finish the last post of page 1.
    posts = roles("deedy_perry.pdf")
    assert [post[0] for post in posts[:3]] == ["Curtain Call LLC", "InfoBeyond LLC", "Purdue University"]
    assert posts[1][4] == 8


def _degrees(document: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [
        (item.get("institution"), item.get("studyType"), item.get("startDate"), item.get("endDate"))
        for item in document.get("education") or []
    ]


def test_an_expected_end_on_a_line_under_a_dated_degree_ends_it() -> None:
    # "2022  Doctorate ..., Duquesne University" over "Expected Graduate: August 2025": begun in
    # 2022, to end when planned; the planned end is no entry of its own.
    document = _docx(
        Line(text="Jane Doe", page=1, size=14, bold=True),
        Line(text="Education", page=1, size=14, bold=True),
        Line(
            text="2022\tDoctorate of Nursing Practice, Duquesne University, Pittsburgh, PA",
            cells=("2022", "Doctorate of Nursing Practice, Duquesne University, Pittsburgh, PA"),
            page=1,
            size=12,
        ),
        Line(text="Expected Graduate: August 2025", page=1, size=12, bold=True),
        Line(text="GPA: 3.8", page=1, size=12),
        Line(
            text="2018\tBachelor of Science in Nursing, Duquesne University, Pittsburgh, PA",
            cells=("2018", "Bachelor of Science in Nursing, Duquesne University, Pittsburgh, PA"),
            page=1,
            size=12,
        ),
    )
    assert _degrees(document) == [
        ("Duquesne University", "Doctorate of Nursing Practice", "2022", "2025-08"),
        ("Duquesne University", "Bachelor of Science", None, "2018"),
    ]


def test_an_expected_date_over_a_degree_opens_that_degree() -> None:
    document = _docx(
        Line(text="Jane Doe", page=1, size=14, bold=True),
        Line(text="Education", page=1, size=14, bold=True),
        Line(text="Expected May 2026", page=1, size=12),
        Line(text="BSc Computer Science, University of Leeds", page=1, size=12),
    )
    assert _degrees(document) == [("University of Leeds", "BSc Computer Science", None, "2026-05")]


def _dated(title: str, dates: str) -> Line:
    return Line(text=f"{title}\t{dates}", cells=(title, dates), page=1, size=12, bold=True)


def test_posts_stacked_under_one_employer_each_with_its_dates_are_a_post_each() -> None:
    # The college, then one line per post held there with its own dates, then one list: the
    # list is the current post's (the first of the stack).
    document = _docx(
        Line(text="Jane Doe", page=1, size=14, bold=True),
        Line(text="EMPLOYMENT HISTORY", page=1, size=14, bold=True),
        Line(text="Ivy Tech Community College, Indianapolis, IN", page=1, size=12, bold=True),
        _dated("Professor", "2019 - Present"),
        _dated("Associate Professor", "2009 – 2019"),
        _dated("Assistant Professor", "2007 – 2009"),
        _dated("Instructor", "2003 – 2007"),
        _item("Teach courses in Java and Python."),
        _item("Advise students."),
    )
    assert work_entries(document) == [
        ("Ivy Tech Community College", "Professor", "2019", None, 2),
        ("Ivy Tech Community College", "Associate Professor", "2009", "2019", 0),
        ("Ivy Tech Community College", "Assistant Professor", "2007", "2009", 0),
        ("Ivy Tech Community College", "Instructor", "2003", "2007", 0),
    ]


def test_a_degree_alone_over_its_school_is_one_entry_and_under_way_is_no_part_of_it() -> None:
    # "Ensino Médio Técnico em andamento" over "CEFET/RJ – Centro Federal de Educação Tecnológica".
    document = _docx(
        Line(text="Jane Doe", page=1, size=14, bold=True),
        Line(text="FORMAÇÃO", page=1, size=12, bold=True),
        Line(text="Ensino Médio Técnico em andamento", page=1, size=12, bold=True),
        Line(text="CEFET/RJ – Centro Federal de Educação Tecnológica", page=1, size=12, bold=True),
        Line(text="Unidade Nova Iguaçu", page=1, size=12),
    )
    assert [(item["institution"], item["studyType"]) for item in document["education"]] == [
        ("CEFET/RJ – Centro Federal de Educação Tecnológica", "Ensino Médio Técnico")
    ]


def test_a_post_a_or_bei_a_named_organisation_parts_there() -> None:
    # French "Stage à l’ENSG", German "Werkstudent bei Siemens AG": "at" in other languages.
    document = _docx(
        Line(text="Jane Doe", page=1, size=14, bold=True),
        Line(text="Expérience", page=1, size=12, bold=True),
        Line(
            text="2016 – 2017\tStage à l’ENSG (IGN)",
            cells=("2016 – 2017", "Stage à l’ENSG (IGN)"),
            page=1,
            size=12,
        ),
        Line(
            text="2018 – 2019\tWerkstudent bei Siemens AG",
            cells=("2018 – 2019", "Werkstudent bei Siemens AG"),
            page=1,
            size=12,
        ),
    )
    assert [role[:2] for role in work_entries(document)] == [
        ("ENSG (IGN)", "Stage"),
        ("Siemens AG", "Werkstudent"),
    ]


def test_an_entry_whose_words_do_not_tell_follows_the_sections_order() -> None:
    # The section writes "degree, school, town"; "Meisterprüfung Elektrotechnik, WIFI Linz"
    # names neither by a word the lists know, and is read in the same order.
    document = _docx(
        Line(text="Jane Doe", page=1, size=14, bold=True),
        Line(text="Education", page=1, size=12, bold=True),
        Line(
            text="2016 – 2018\tMaster of Science, University of Vienna, Wien.",
            cells=("2016 – 2018", "Master of Science, University of Vienna, Wien."),
            page=1,
            size=12,
        ),
        Line(
            text="2013 – 2016\tBachelor of Science, University of Graz, Graz.",
            cells=("2013 – 2016", "Bachelor of Science, University of Graz, Graz."),
            page=1,
            size=12,
        ),
        Line(
            text="2010 – 2012\tMeisterprüfung Elektrotechnik, WIFI Oberösterreich, Linz.",
            cells=("2010 – 2012", "Meisterprüfung Elektrotechnik, WIFI Oberösterreich, Linz."),
            page=1,
            size=12,
        ),
    )
    assert [(item["institution"], item["studyType"]) for item in document["education"]][2] == (
        "WIFI Oberösterreich",
        "Meisterprüfung Elektrotechnik",
    )


def test_an_institute_under_a_larger_dated_title_is_the_employer_not_the_body() -> None:
    # Europass-like German Word export: "DD/MM/YYYY-DD/MM/YYYY  Title" in large type, the
    # institute below in body type, then the items.
    assert roles("word_de_kleimeier.pdf")[1:3] == [
        (
            "Institut für mechatronische Systeme (LUH)",
            "Wissenschaftliche Hilfskraft",
            "2020-10",
            "2021-01",
            1,
        ),
        (
            "Institut für Mess- und Regelungstechnik (LUH)",
            "Wissenschaftliche Hilfskraft",
            "2019-03",
            "2019-08",
            2,
        ),
    ]


def test_an_item_wrapped_level_with_its_marker_onto_a_capitalised_word_is_one_item() -> None:
    # "▪ ... von Bornitrid" / "Wendeschneidplatten und ...": the next line starts under the marker,
    # with a capital, but its first word would not have fitted on the line above.
    entries = draft("word_de_kleimeier.pdf")["work"]
    assert entries[3]["highlights"] == [
        "Durchführung von Versuchen des Schleifprozesses von Bornitrid Wendeschneidplatten und "
        "Auswertung der Versuche"
    ]
    # "... für das Fach „Grundlagen der" / "Thermodynamik“" goes on inside its quotation; the
    # employer line after it, with room to spare above, starts the next entry.
    assert entries[4]["name"] == "Institut für technische Verbrennung (LUH)"
    assert entries[4]["highlights"] == [
        "Arbeit im Bereich der Lehre für das Fach „Grundlagen der Thermodynamik“"
    ]


def test_a_lower_case_line_under_an_emphasised_item_goes_on_with_it() -> None:
    # "• Participated in 2018, 2019 Jr. Visual Arts Scholastic Event" is set partly in bold, the
    # lines under it are not: "through TAEA with ..." and "medals" still finish its sentence, as
    # does "a student win 2018 3D Artwork ..." for all the year in it.
    second = draft("design_sidebar_valenzuela.pdf")["work"][1]["highlights"]
    assert len(second) == 4
    assert second[1].endswith("through TAEA with students achieving 3 platinum state medals")
    assert second[2].endswith("having a student win 2018 3D Artwork Best of Show Ribbon")


def test_a_capitalised_line_set_in_under_an_item_that_ran_to_the_edge_goes_on_with_it() -> None:
    # "... Scholastic" / "Event through TAEA virtual event" and "... Foundation Grant:" /
    # "Pottery Wheels for Modern Artists ...": each line above had no room for the next word.
    first, second = (entry["highlights"] for entry in draft("design_sidebar_valenzuela.pdf")["work"][:2])
    assert len(first) == 5
    assert first[2].endswith("Scholastic Event through TAEA virtual event")
    assert second[3].endswith(
        "Grant: Pottery Wheels for Modern Artists $2,000, allowing our program to receive its first "
        "pottery wheels"
    )


def test_a_name_in_a_row_of_personal_details_after_its_label_is_the_name() -> None:
    # Europass-like forms: "NAME   Adrian Kleimeier" with the label in a cell of its own.
    assert draft("word_de_kleimeier.pdf")["basics"]["name"] == "Adrian Kleimeier"


def test_each_dated_line_of_a_run_opens_an_entry_though_only_some_are_drawn_alike() -> None:
    # "01/10/2019–29/02/2020  Auslandssemester" is set mostly in the small type of its dates,
    # its neighbours mostly in the large type of their longer degrees: still one entry each.
    schools = [
        (item["institution"], item["studyType"]) for item in draft("word_de_kleimeier.pdf")["education"]
    ]
    assert schools == [
        ("Leibniz Universität Hannover", "Masterstudium Mechatronik & Robotik"),
        ("Università di Roma „La Sapienza“", "Auslandssemester"),
        ("Leibniz Universität Hannover", "Bachelorstudium Wirtschaftsingenieurwesen"),
    ]


def test_a_name_over_two_lines_whose_first_shares_its_row_with_the_phone_is_one_name() -> None:
    # "Adijat   (347) 933-0260" over "Kinoshi": the first line is set mostly in the phone's small
    # type, yet its name cell is as large as the line below, which is close under it.
    basics = draft("html_nurse_kinoshi.pdf")["basics"]
    assert basics["name"] == "Adijat Kinoshi"
    # The address's last line right after the name ("New York") is no headline.
    assert "label" not in basics


def test_an_employer_alone_over_its_items_under_a_post_above_shares_that_post_and_its_dates() -> None:
    # "01/10/2017-31/01/2018  Wissenschaftliche Hilfskraft" over "Institut für technische
    # Verbrennung (LUH)" and its item, then "Institut für mechatronische Systeme (LUH)", drawn
    # like the first employer, and its own item: the same post at two institutes.
    assert roles("word_de_kleimeier.pdf")[-2:] == [
        (
            "Institut für technische Verbrennung (LUH)",
            "Wissenschaftliche Hilfskraft",
            "2017-10",
            "2018-01",
            1,
        ),
        (
            "Institut für mechatronische Systeme (LUH)",
            "Wissenschaftliche Hilfskraft",
            "2017-10",
            "2018-01",
            1,
        ),
    ]


def test_an_icon_font_glyph_before_each_item_is_its_marker_whatever_letter_it_reads_as() -> None:
    # moderncv's "○" is a Font Awesome glyph the text layer reads as "f".
    counts = [count for *_, count in roles("moderncv_eslami.pdf")]
    assert counts == [1, 5, 2, 5, 2, 1, 1, 1, 1, 3, 5]


def test_a_dotted_leader_after_the_employer_is_no_part_of_it() -> None:
    employers = [employer for employer, *_ in roles("moderncv_eslami.pdf")]
    assert employers[:3] == ["Mahsan Co.", "Graph-Inc", "Behin Samaneh Farda Co."]
    # One employer over several dated titles: each title is a post there.
    assert roles("moderncv_eslami.pdf")[8:] == [
        ("Amnpardaz Co.", "Incident Response Team", "2011-01", "2013-05", 1),
        ("Amnpardaz Co.", "Malware Analyst Team Supervisor", "2012-03", "2013-05", 3),
        ("Amnpardaz Co.", "Malware Analyst", "2010-09", "2012-02", 5),
    ]


def test_a_place_after_at_sign_is_where_the_employer_before_it_is() -> None:
    assert [(role[0], role[1]) for role in roles("latex_ozdemir.pdf")] == [
        ("Trendyol", "Data Engineer"),
        ("Deep Learning Türkiye", "Member"),
        ("Sociality.io", "Software Developer"),
    ]
    assert draft("latex_ozdemir.pdf")["work"][0]["location"] == "Istanbul, Turkey"


def test_a_dash_parts_an_organisation_from_a_title_each_named_by_its_own_evidence() -> None:
    # "Baraka Box — Project manager & ..." over "Algeria, Medea | January 2025 - June 2025": the
    # employer is set in its own font, "School Of AI Algerie" bears an organisation's word.
    assert roles("gdocs_teacher_assoul.pdf")[-3:] == [
        ("Baraka Box", "Project manager & Full Stack Software Engineer", "2025-01", "2025-06", 3),
        ("Sphinx International", "Team Lead & Backend Engineer", "2024-03", "2025-03", 3),
        ("OOREDOO", "Full Stack Developer Intern", "2023-01", "2023-06", 3),
    ]


def test_an_undated_sub_heading_inside_a_dated_post_heads_part_of_its_work_not_a_post() -> None:
    # "Data Analyst | LatentView Analytics   February 2024 – Present" over two project headings
    # ("Data Lineage Dashboard", "AIPenPal – ..."), each with a line of prose and numbered items.
    assert roles("word_saluja.docx") == [
        ("LatentView Analytics", "Data Analyst", "2024-02", None, 7),
        ("KocharTech", "Data Analyst Intern", "2022-06", "2023-05", 4),
    ]


def test_an_undated_heading_at_the_posts_own_markup_level_is_still_a_post() -> None:
    # "### Previous" after "### Engineering Manager, ... at CenturyLink Cloud (2015 - 2017)".
    previous = [role for role in roles("text_buchek.txt") if role[1] == "Previous" or role[0] == "Previous"]
    assert len(previous) == 1


def test_a_degree_right_under_its_school_s_dated_line_is_the_degree_though_drawn_smaller() -> None:
    schools = draft("latex_ozdemir.pdf")["education"]
    assert (schools[0]["institution"], schools[0]["studyType"]) == (
        "Istanbul Technical University (ITU)",
        "B.S.",
    )
    assert schools[0]["area"] == "Computer Engineering (CE)"


def test_a_school_s_town_and_country_after_its_long_name_are_its_place() -> None:
    school = draft("latex_ozdemir.pdf")["education"][1]
    assert school["institution"] == "Giresun High School of Science"
    assert "studyType" not in school


def test_a_post_whose_words_decide_nothing_is_read_by_the_section_s_typography_not_its_order() -> None:
    # The words decide two posts: the employer in bold, the title in italics. The third post
    # puts its italic line first; its words name neither a title nor an organisation.
    def post(first: Line, second: Line, dates: str) -> list[Line]:
        return [
            first,
            second,
            Line(text=dates, page=1, size=10),
            Line(text="• Did things well", page=1, size=10),
        ]

    def bold(text: str) -> Line:
        return Line(text=text, page=1, size=10, bold=True)

    def italic(text: str) -> Line:
        return Line(text=text, page=1, size=10, italic=True)

    lines = number_lines(
        [
            Line(text="Jane Doe", page=1, size=20),
            Line(text="jane@example.com", page=1, size=10),
            Line(text="EXPERIENCE", page=1, size=12, bold=True, caps=True),
            *post(bold("Acme Inc"), italic("Software Engineer"), "2020 – 2022"),
            *post(bold("Globex Corporation"), italic("Data Engineer"), "2018 – 2020"),
            *post(italic("Lorekeeper"), bold("Bramble & Thistle"), "2016 – 2018"),
        ]
    )
    document = parse(ReadDocument(kind="pdf", lines=lines, pages=1)).document
    assert [(item.get("name"), item.get("position")) for item in document["work"]] == [
        ("Acme Inc", "Software Engineer"),
        ("Globex Corporation", "Data Engineer"),
        ("Bramble & Thistle", "Lorekeeper"),
    ]


def test_a_heading_over_schools_and_posts_sends_each_entry_to_its_kind_by_its_words() -> None:
    # "Education & Teaching Experience": two posts ('... Tutor — Teacher and instructor',
    # 'School Of AI Algerie — Development Department Mentor'), though the heading names schools.
    teacher = draft("gdocs_teacher_assoul.pdf")
    assert roles("gdocs_teacher_assoul.pdf")[:2] == [
        ("Private Mathematics and Computer Science Tutor", "Teacher and instructor", "2023-01", None, 7),
        ("School Of AI Algerie", "Development Department Mentor", "2023-11", "2024-06", 3),
    ]
    assert not any("Tutor" in (item.get("institution") or "") for item in teacher["education"])


def test_two_paragraphs_of_description_none_opening_on_a_deed_are_no_achievements() -> None:
    # "Data oriented tasks and RD projects in Trendyol ..." and "Experiences with Scala, ...",
    # each wrapped over two lines: what the post was, not two items.
    assert [count for *_, count in roles("latex_ozdemir.pdf")] == [0, 0, 0]


def test_a_colon_label_set_smaller_than_its_section_s_heading_labels_items_inside_it() -> None:
    # "Relevant Coursework:" and "Key Projects:" (12 pt) under each degree of "Education" (14 pt):
    # no sections of their own, so the second degree stays in Education.
    schools = draft("gdocs_teacher_assoul.pdf")["education"]
    assert [(item["studyType"], item.get("endDate")) for item in schools] == [
        ("Master’s Degree", "2025-09"),
        ("Bachelor’s Degree", "2023"),
    ]


def test_a_heading_over_projects_and_posts_sends_each_entry_to_its_kind_by_its_words() -> None:
    lines = number_lines(
        [
            Line(text="Jane Doe", page=1, size=20),
            Line(text="jane@example.com", page=1, size=10),
            Line(text="PROJECTS & EXPERIENCE", page=1, size=12, bold=True, caps=True),
            Line(text="Acme Inc — Software Engineer", page=1, size=10, bold=True),
            Line(text="2020 – 2022", page=1, size=10),
            Line(text="• Built the billing service", page=1, size=10),
            Line(text="Weather Dashboard", page=1, size=10, bold=True),
            Line(text="2019 – 2020", page=1, size=10),
            Line(text="• Charted forecasts from open data", page=1, size=10),
        ]
    )
    document = parse(ReadDocument(kind="pdf", lines=lines, pages=1)).document
    assert [(item.get("name"), item.get("position")) for item in document["work"]] == [
        ("Acme Inc", "Software Engineer")
    ]
    assert [item["name"] for item in document["projects"]] == ["Weather Dashboard"]


def test_the_lines_between_a_post_s_dates_and_its_items_are_its_header_though_drawn_like_its_first() -> None:
    def bold(text: str) -> Line:
        return Line(text=text, page=1, size=10, bold=True)

    lines = number_lines(
        [
            Line(text="Jane Doe", page=1, size=20),
            Line(text="jane@example.com", page=1, size=10),
            Line(text="EXPERIENCE", page=1, size=12, bold=True, caps=True),
            bold("Software Engineer   2020 – 2022"),
            bold("Acme Inc"),
            Line(text="• Built the billing service", page=1, size=10),
            bold("Data Engineer   2018 – 2020"),
            bold("Globex Corporation"),
            Line(text="• Moved the warehouse to the cloud", page=1, size=10),
            Line(text="• Cut the nightly load to an hour", page=1, size=10),
        ]
    )
    document = parse(ReadDocument(kind="pdf", lines=lines, pages=1)).document
    assert [
        (item.get("name"), item.get("position"), len(item["highlights"])) for item in document["work"]
    ] == [
        ("Acme Inc", "Software Engineer", 1),
        ("Globex Corporation", "Data Engineer", 2),
    ]
