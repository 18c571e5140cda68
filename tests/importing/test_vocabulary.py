"""Section headings in six languages, and the words that tell a title from an organisation."""

from __future__ import annotations

import pytest

from jobwise.importing.vocabulary import (
    has_degree_word,
    has_edu_org_word,
    has_title_word,
    heading_kind,
    looks_like_location,
    org_strength,
)


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Work Experience:", "work"),
        ("PROFESSIONAL EXPERIENCE", "work"),
        ("E X P E R I E N C E", "work"),
        ("Arbetslivserfarenhet", "work"),
        ("Experiência Profissional", "work"),
        ("Expériences professionnelles", "work"),
        ("Berufserfahrung", "work"),
        ("Angaben zur Person", "contact"),
        ("Persönliche Daten", "contact"),
        ("Experiencia laboral", "work"),
        ("ACADEMIC APPOINTMENTS", "work"),
        ("II. Work Experience", "work"),
        ("1. Education", "education"),
        ("Professional Experience (Selected)", "work"),
        ("Academic Positions", "work"),
        ("Positions Held", "work"),
        ("Qualification", "education"),
        ("Educational Background", "education"),
        ("UTBILDNING", "education"),
        ("Formação Acadêmica", "education"),
        ("EDUCATION and CERTIFICATIONS", "education"),
        ("Compétences techniques", "skills"),
        ("Linguagens de programação", "skills"),
        ("SPRÅK", "languages"),
        ("○    DETAILS    ○", "contact"),
        ("Honors & Awards", "awards"),
        ("Research Experience", "research"),
        ("Volunteer Experience", "volunteer"),
    ],
)
def test_headings_are_known_in_several_languages(heading: str, kind: str) -> None:
    assert heading_kind(heading) == kind


@pytest.mark.parametrize("text", ["Georgia Institute of Technology", "Led research on robots", "Expert in"])
def test_a_line_that_only_holds_a_heading_word_is_not_a_heading(text: str) -> None:
    assert heading_kind(text) is None


def test_compound_words_are_read_by_their_ending() -> None:
    assert has_title_word("Butiksmedarbetare") and has_title_word("Softwareentwickler")
    assert has_edu_org_word("NTI-gymnasiet") and has_edu_org_word("Malmö universitet")
    assert has_degree_word("Naturvetenskapsprogrammet")
    assert not has_title_word("Google")


@pytest.mark.parametrize(
    "text",
    ["Paralegal", "Registered Pharmacist", "Electrician", "Staff Attorney", "Dental Hygienist", "Economist"],
)
def test_titles_outside_offices_and_labs_are_titles(text: str) -> None:
    assert has_title_word(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ayudante de Cocina y Limpieza",
        "Asistente de Reposición",
        "Cocinero",
        "Enfermeira",
        "Caissière",
        "Monteur im Sondermaschinenbau",
        "Berufspraktikum",
        "Aushilfe",
    ],
)
def test_service_and_care_titles_in_spanish_portuguese_french_and_german_are_titles(text: str) -> None:
    assert has_title_word(text)


@pytest.mark.parametrize(
    "heading", ["Praxiserfahrung", "Arbeitserfahrung", "Berufserfahrungen", "Lehrerfahrung"]
)
def test_a_german_compound_ending_in_experience_heads_posts_held(heading: str) -> None:
    assert heading_kind(heading) == "work"


def test_a_german_compound_whose_first_part_names_another_kind_is_not_posts_held() -> None:
    assert heading_kind("Forschungserfahrung") != "work"


def test_a_german_research_assistant_is_a_title_and_an_institut_an_organisation() -> None:
    assert has_title_word("Wissenschaftliche Hilfskraft") and has_title_word("Studentische Hilfskraft")
    assert org_strength("Institut für Mess- und Regelungstechnik") >= 1


@pytest.mark.parametrize(
    "text", ["Mountain View, CA", "Stockholm, Sweden", "Remote", "Palo Alto, CA & Ithaca, NY"]
)
def test_places_are_recognised(text: str) -> None:
    assert looks_like_location(text)


def test_an_organisation_is_not_a_place() -> None:
    assert not looks_like_location("Google")


@pytest.mark.parametrize("text", ["Algeria, Algiers", "Algeria, Medea", "Germany, Bad Homburg"])
def test_a_country_then_its_town_is_a_place(text: str) -> None:
    assert looks_like_location(text)


def test_a_country_then_an_organisation_s_long_name_is_no_place() -> None:
    assert not looks_like_location("Germany, Institute for Applied Research")


def test_a_heading_ending_in_experience_is_work_unless_it_names_another_kind() -> None:
    from jobwise.importing.vocabulary import heading_kind

    assert heading_kind("Professional Teaching & Writing Experience") == "work"
    assert heading_kind("Research Experience") == "research"
    assert heading_kind("Volunteer Experience") == "volunteer"
    assert heading_kind("Teaching") == "other"


def test_a_street_address_is_a_place_and_a_street_in_a_name_is_not() -> None:
    from jobwise.importing.vocabulary import looks_like_location

    assert looks_like_location("10 Country Club drive, Purchase, New York")
    assert looks_like_location("Belair rd")
    assert not looks_like_location("Wall Street Journal")
    assert not looks_like_location("Course Management")


def test_russian_headings_and_a_duration_after_a_heading() -> None:
    assert heading_kind("Опыт работы 3 месяца") == "work"
    assert heading_kind("Образование") == "education"
    assert heading_kind("Experience 5 years") == "work"


def test_a_heading_in_capitals_without_its_accents_is_still_known() -> None:
    assert heading_kind("EXPERIENCE PROFESSIONNELLE") == "work"
    assert heading_kind("Expérience professionnelle") == "work"


def test_british_qualifications_are_degrees() -> None:
    assert all(
        has_degree_word(text)
        for text in ("A-Levels", "GCSEs in Maths", "PGDip in Data", "PGCE", "MPhil in Physics", "DPhil")
    )


@pytest.mark.parametrize(
    "text",
    ["EXPERIÊNCIA DE TRABALHO", "Experiencia de trabajo", "Expérience de travail", "Esperienza lavorativa"],
)
def test_experience_first_then_its_kind_is_the_work_section(text: str) -> None:
    # Romance languages put the head word first: "... Experience" mirrored.
    assert heading_kind(text) == "work"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("COMPETÊNCIAS TÉCNICAS", "skills"),
        ("Conocimientos informáticos", "skills"),
        ("Formação acadêmica", "education"),
        ("Other Skills", "skills"),
        ("Outros Conhecimentos", "skills"),
        ("Weitere Kenntnisse", "skills"),
        ("Other", "other"),
    ],
)
def test_a_heading_word_with_adjectives_after_it_or_other_before_it_keeps_its_kind(
    text: str, kind: str
) -> None:
    assert heading_kind(text) == kind


@pytest.mark.parametrize("text", ["Lehre mit Matura", "Bachillerato en Ciencias", "Ingeniería Informática"])
def test_apprenticeships_and_school_leaving_certificates_are_degrees(text: str) -> None:
    assert has_degree_word(text) and not has_edu_org_word(text)


@pytest.mark.parametrize(
    "text",
    [
        "Maestría en Ciencia de Datos",
        "Ingeniero de Telecomunicación",
        "Licenciado en Derecho",
        "Mestre em Engenharia",
        "Diplôme d’ingénieur",
        "Laurea Magistrale in Ingegneria",
        "Dipl.-Ing. Maschinenbau",
        "Бакалавр экономики",
        "Специалист",
    ],
)
def test_degrees_named_in_other_languages_are_degrees(text: str) -> None:
    assert has_degree_word(text) and not has_edu_org_word(text)


@pytest.mark.parametrize(
    "text",
    [
        "Class XII (CBSE)",
        "Matriculation",
        "B.Com",
        "MBBS",
        "LL.M.",
        "M.Ed.",
        "BSN",
        "MPH",
        "J.D.",
        "Ed.D.",
        "MFA",
    ],
)
def test_degrees_written_as_initials_or_by_their_level_are_degrees(text: str) -> None:
    assert has_degree_word(text) and not has_edu_org_word(text)


@pytest.mark.parametrize("text", ["S.M. Rahman", "Intermediate", "JD Edwards"])
def test_initials_of_a_name_and_words_of_another_kind_are_no_degrees(text: str) -> None:
    assert not has_degree_word(text)


@pytest.mark.parametrize(
    "text", ["Centro Educativo Naciones Unidas", "Liceo Scientifico", "Berufsschule Wels"]
)
def test_schools_in_spanish_italian_and_german_are_schools(text: str) -> None:
    assert has_edu_org_word(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("LEADERSHIP SKILLS", "skills"),
        ("Transferable Skills", "skills"),
        ("Interpersonal Skills", "skills"),
        ("Communication Skills", None),  # as often a skill listed under the heading
    ],
)
def test_a_kind_of_abilities_before_skills_is_the_skills_section(text: str, kind: str | None) -> None:
    assert heading_kind(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Educational Qualifications",
        "Akademischer Werdegang",
        "Schulische Ausbildung",
        "Istruzione e formazione",
        "Diplômes",
        "Parcours académique",
        "Opleiding",
        "教育经历",
        "학력",
    ],
)
def test_education_headings_in_other_words_and_languages_head_the_education_section(text: str) -> None:
    assert heading_kind(text) == "education"


@pytest.mark.parametrize(
    "heading",
    [
        "Professional History",
        "Erfahrung",
        "Stages",
        "Emplois",
        "Werkervaring",
        "Doświadczenie zawodowe",
        "İş Deneyimi",
    ],
)
def test_more_headings_over_posts_held(heading: str) -> None:
    assert heading_kind(heading) == "work"


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("科研经历", "research"),
        ("工作经历", "work"),
        ("实习经历", "work"),
        ("職務経歴", "work"),
        ("专业技能", "skills"),
        ("项目经历", "projects"),
        ("获奖情况", "awards"),
        ("自我评价", "summary"),
    ],
)
def test_chinese_and_japanese_headings_name_their_kind(heading: str, kind: str) -> None:
    assert heading_kind(heading) == kind
