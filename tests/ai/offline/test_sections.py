"""Lines, blocks and list items."""

from __future__ import annotations

import pytest

from jobwise.ai.offline.job_parser import parse_job_text
from jobwise.ai.offline.sections import classify, classify_lines, heading_kind, is_unmarked_list


def test_headings_named_by_their_words() -> None:
    assert heading_kind("Technical Skills & Experience", by_words=True)[0] == "requirements"
    assert heading_kind("Pre-Employment Additional Requirements", by_words=True)[0] == "requirements"
    assert heading_kind("Preferred Skills and Qualifications", by_words=True)[0] == "nice_to_have"
    assert heading_kind("ROLES AND RESPONSIBILITIES")[0] == "responsibilities"
    assert heading_kind("Essential Requriements")[0] == "requirements"
    # A job title is not a heading, whatever its words.
    assert heading_kind("Education Specialist", by_words=True)[0] is None


def test_a_label_inside_a_bullet_is_a_label() -> None:
    line = classify("* Location: Oregon")
    assert (line.kind, line.key, line.value) == ("label", "location", "Oregon")


def test_a_label_alone_on_its_line_takes_the_next_line() -> None:
    lines = classify_lines("Location\nMilan\n\nLocation Type\nHybrid")
    labels = [(line.key, line.value) for line in lines if line.kind == "label"]
    assert labels == [("location", "Milan"), ("remote", "Hybrid")]


def test_a_line_ending_in_a_colon_that_introduces_a_list_is_a_lead_in() -> None:
    assert classify("The ideal candidate will have the following skills and experience:").kind == "leadin"
    assert classify("Schedule:").kind == "heading"


def test_lines_that_each_start_an_item_are_a_list_without_markers() -> None:
    assert is_unmarked_list(
        [
            "You have 2+ years of experience in analytics engineering",
            "You have strong SQL skills and experience with data modelling",
            "You care about data quality",
        ]
    )


def test_lines_wrapped_at_a_column_are_one_paragraph() -> None:
    assert not is_unmarked_list(
        [
            "The Department of English Literature and Writing at Marylhurst",
            "University announces a full-time faculty position in our new English and",
            "Digital Humanities online degree program. We invite applicants with",
            "expertise in digital humanities.",
        ]
    )


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("RESPONISIBILITIES:", "responsibilities"),
        ("Essential Requriements:", "requirements"),
        ("Benifits", "benefits"),
    ],
)
def test_a_heading_with_a_typing_slip_is_still_its_section(heading: str, kind: str) -> None:
    assert heading_kind(heading)[0] == kind


def test_a_list_copied_without_its_markers_keeps_its_short_items() -> None:
    parsed = parse_job_text(
        "Data Analyst\n\nEssential Requirements\nDegree in Statistics or a related discipline\n"
        "Advanced SQL skills, with the ability to model large datasets\nProficiency in Excel\n"
        "Bilingual and/or American Sign Language\n\nBenefits\nA pension\n"
    )
    assert "Proficiency in Excel" in parsed.requirements
    assert "Bilingual and/or American Sign Language" in parsed.requirements


def test_a_list_re_wrapped_at_72_columns_gives_whole_items() -> None:
    parsed = parse_job_text(
        "Analytics Engineer\n\nWho You Are\n"
        "You are experienced with dbt and a cloud data warehouse such as BigQuery,\n"
        "Snowflake or Redshift\n"
        "You are comfortable working with BI/visualisation tools such as Looker or\n"
        "Tableau\n"
        "You communicate clearly with both technical and non-technical partners\n"
    )
    assert "You are comfortable working with BI/visualisation tools such as Looker or Tableau" in (
        parsed.requirements
    )


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Jouw profiel", "requirements"),
        ("Wat breng je mee?", "requirements"),
        ("Jouw uitdaging", "responsibilities"),
        ("Wat ga je doen?", "responsibilities"),
        ("Wat mag je verwachten?", "benefits"),
        ("Ons aanbod", "benefits"),
    ],
)
def test_dutch_headings_name_their_sections(heading: str, kind: str) -> None:
    assert heading_kind(heading)[0] == kind


def test_a_bonus_scheme_among_the_perks_is_a_benefit_not_a_nice_to_have_heading() -> None:
    assert heading_kind("Discretionary Bonus Scheme", by_words=True)[0] is None
    assert heading_kind("Annual bonus", by_words=True)[0] is None
    assert heading_kind("Bonus points", by_words=True)[0] == "nice_to_have"
    parsed = parse_job_text(
        "Analytics Engineering Lead\n\nRequirements\n\nExperience with dbt\n\nExperience with SQL\n\n"
        "Experience with Looker\n\nOur Perks\n\nPension Scheme\n\nDiscretionary Bonus Scheme\n\n"
        "Private Medical Insurance\n\n26 days holiday\n"
    )
    assert not any("holiday" in item or "Medical" in item for item in parsed.requirements)


def test_headings_asked_as_questions_name_the_duties_and_the_requirements() -> None:
    assert heading_kind("What will you do?")[0] == "responsibilities"
    assert heading_kind("What will you be working on?")[0] == "responsibilities"
    assert heading_kind("What do you need to succeed?")[0] == "requirements"


def test_a_short_line_that_states_an_obligation_is_an_item_not_a_heading() -> None:
    assert heading_kind("Must have basic Math Knowledge", by_words=True)[0] is None
    assert heading_kind("Must Have Skills", by_words=True)[0] == "requirements"


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Das zeichnet dich aus", "requirements"),
        ("Deine Mission", "responsibilities"),
        ("Warum diese Rolle spannend ist", "benefits"),
        ("Interesse?", "apply"),
        ("Descriptif du poste", "about_role"),
        ("Tes missions", "responsibilities"),
        ("Compétences techniques", "requirements"),
        ("Expérience", "requirements"),
        ("Langues", "requirements"),
    ],
)
def test_german_and_french_headings_name_their_sections(heading: str, kind: str) -> None:
    assert heading_kind(heading)[0] == kind


@pytest.mark.parametrize(
    "line", ["Sehr gute SQL-Kenntnisse", "Excellent Communication Skills", "Strong SQL Skills"]
)
def test_a_short_line_that_grades_what_it_asks_for_is_an_item_not_a_heading(line: str) -> None:
    assert heading_kind(line, by_words=True)[0] is None


def test_a_heading_may_still_say_which_requirements_are_basic() -> None:
    assert heading_kind("Basic Qualifications", by_words=True)[0] == "requirements"


def test_indeed_qualification_lines_are_requirements_even_under_the_benefits() -> None:
    parsed = parse_job_text(
        "Deputy Reception Manager\nA practice\n\nDuties\n\n- Manage reception team rotas\n"
        "- Help monitor GP appointment capacity\n\nBenefits:\n\nOn-site parking\n\nNHS discounts\n\n"
        "customer service experience: 2 years (Preferred)\n\nEmis Web 1 year (Preferred)"
    )
    assert "customer service experience: 2 years (Preferred)" in parsed.requirements
    assert "Emis Web 1 year (Preferred)" in parsed.requirements
    assert parsed.benefits == ["On-site parking", "NHS discounts"]


def test_the_behaviours_every_employee_is_held_to_are_the_companys_not_the_jobs_requirements() -> None:
    assert heading_kind("How we Lead the DS Way")[0] == "about_company"
    assert heading_kind("Our values")[0] == "about_company"


def test_what_the_employer_looks_for_in_an_application_is_the_requirements_heading() -> None:
    assert heading_kind("What we look for in your application:")[0] == "requirements"


def test_an_advantage_declared_in_the_prose_is_asked_for() -> None:
    parsed = parse_job_text(
        "Administrator\nAcme Hospital\n\nRequirements\n\n- Excellent communication skills\n- Be computer "
        "literate\n\nAbout the role\n\nYou will greet patients at the desk. It would also be an advantage if "
        "you have Healthcare and APAS software experience."
    )
    assert any("APAS software experience" in item for item in parsed.requirements)
