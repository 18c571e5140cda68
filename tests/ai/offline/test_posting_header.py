"""Title, company and location: what the posting says they are, or nothing."""

from __future__ import annotations

import pytest

from jobwise.ai.offline.job_parser import parse_job_text
from jobwise.ai.offline.posting_header import is_company_name, tidy_location, tidy_title


@pytest.mark.parametrize(
    "name",
    ["We", "Our", "About the job", "Location", "Location(s)", "LinkedIn", "Indeed", "Glassdoor", "London",
     "OXFORD/HYBRID", "Remote", "Full-time", "Engineering", "Data and Analytics", "Global Investment Bank",
     "This Role Matters", "you will build the future", "Compensation", "The Trust"],
)  # fmt: skip
def test_these_are_never_a_company(name: str) -> None:
    assert not is_company_name(name)


@pytest.mark.parametrize(
    "name",
    ["Spotify", "Bank of Montreal", "US Environmental Protection Agency", "padmasai finance pvt ltd",
     "The Field Museum", "Rotherham Doncaster and South Humber NHS Foundation Trust", "Lexroom.ai"],
)  # fmt: skip
def test_these_are_companies(name: str) -> None:
    assert is_company_name(name)


def test_a_hiring_thread_header_gives_company_title_place_remote_and_salary() -> None:
    parsed = parse_job_text(
        "Follow Up Boss | Senior Android Developer | Remote | $150K - $162K | Full-time | "
        "https://careers.example.com/android\n\nWe are a simple, sales-focused CRM for real estate teams."
    )
    assert (parsed.title, parsed.company, parsed.remote) == (
        "Senior Android Developer",
        "Follow Up Boss",
        "Full",
    )
    assert parsed.salary is not None and (parsed.salary.min, parsed.salary.max) == (150_000, 162_000)


def test_a_thread_header_whose_first_part_holds_the_places() -> None:
    parsed = parse_job_text(
        "US Environmental Protection Agency, Office of Research (https://example.gov), Duluth, MN or "
        "Durham, NC ONSITE (telework for now) | Software Engineer | Full-time | $91k-$123k\n\nProtect health."
    )
    assert parsed.company == "US Environmental Protection Agency"
    assert (parsed.title, parsed.location, parsed.remote) == ("Software Engineer", "Duluth, MN", "None")


def test_the_linkedin_page_title_names_company_title_and_place() -> None:
    parsed = parse_job_text(
        "Luca Faloni hiring Analytics Engineer in Greater Milan Metropolitan Area | LinkedIn\n"
        "LinkedIn respects your privacy\nSkip to main content\nLinkedIn\nSign in\nJoin now\n"
        "Analytics Engineer\nLuca Faloni\nGreater Milan Metropolitan Area\n\nAbout the job\nWe build things."
    )
    assert (parsed.title, parsed.company) == ("Analytics Engineer", "Luca Faloni")
    assert parsed.location == "Greater Milan Metropolitan Area"


def test_title_company_and_place_lines_of_a_job_board() -> None:
    parsed = parse_job_text(
        "Online Math Tutor\nVarsity Tutors\nVancouver, BC · via Indeed\n\nEarn up to $40/hour teaching."
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Online Math Tutor",
        "Varsity Tutors",
        "Vancouver, BC",
    )
    assert parsed.salary is not None and (parsed.salary.max, parsed.salary.currency) == (40, "CAD")


def test_an_agency_post_that_never_names_the_employer_has_no_company() -> None:
    parsed = parse_job_text(
        "SENIOR ANALYTICS ENGINEER\n\nOXFORD/HYBRID\n\nUP TO £65,000\n\n"
        "Our client, a leading organisation, is undergoing digital transformation. Harnham is proud to help."
    )
    assert parsed.company is None
    assert (parsed.title, parsed.location, parsed.remote) == ("Senior Analytics Engineer", "Oxford", "Hybrid")


def test_a_pronoun_or_a_site_name_is_never_taken_from_prose() -> None:
    parsed = parse_job_text(
        "Data Scientist\n\nWe are looking for an experienced data scientist. Apply on LinkedIn or Indeed."
    )
    assert parsed.company is None


def test_the_employer_named_in_an_equal_opportunity_statement() -> None:
    parsed = parse_job_text(
        "Analytics Engineer II\n\nWho You Are\n- You have strong SQL skills\n\n"
        "Spotify is an equal opportunity employer. You are welcome at Spotify for who you are."
    )
    assert parsed.company == "Spotify"


def test_the_name_the_postings_web_address_spells_is_the_employer() -> None:
    parsed = parse_job_text(
        "Senior Android Developer\n\nWe are a simple CRM for real estate teams. Customers love Follow Up "
        "Boss and so does the team. Apply at https://careers.followupboss.example/android"
    )
    assert parsed.company == "Follow Up Boss"


def test_lever_glues_team_and_commitment_to_the_places() -> None:
    parsed = parse_job_text(
        "Analytics Engineer II\nStockholm / LondonData and Analytics – Platform /Permanent /Hybrid\n"
        "The Platform team creates the technology that enables Spotify to learn quickly."
    )
    assert (parsed.location, parsed.remote) == ("Stockholm", "Hybrid")
    assert parsed.company != "Data and Analytics"


def test_the_employer_before_the_title_is_not_part_of_it() -> None:
    parsed = parse_job_text(
        "# Marylhurst University, Assistant or Associate Professor of English\n\n"
        "* Institution: Marylhurst University\n* Location: Oregon\n\nThe Department announces a position."
    )
    assert parsed.title == "Assistant or Associate Professor of English"
    assert (parsed.company, parsed.location) == ("Marylhurst University", "Oregon")


def test_a_one_paragraph_posting_opens_with_title_and_place() -> None:
    parsed = parse_job_text(
        "Elections Division Manager, Washington County, Minnesota– Washington County is seeking a steady "
        "leader to serve as our Elections Division Manager. Salary: $43.32 – $59.19 Hourly."
    )
    assert (parsed.title, parsed.company) == ("Elections Division Manager", "Washington County")
    assert parsed.location == "Washington County, Minnesota"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Data Engineer (Full Time)", "Data Engineer"),
        ("BI & Data Engineer (m/w/d)", "BI & Data Engineer"),
        ("Job Posting: Product-focused Application Developer", "Product-focused Application Developer"),
        ("QA Engineer (Contract, 6 months)", "QA Engineer (Contract, 6 months)"),
        ("SENIOR ANALYTICS ENGINEER", "Senior Analytics Engineer"),
    ],
)
def test_titles_lose_labels_gender_marks_and_kinds_of_employment(title: str, expected: str) -> None:
    assert tidy_title(title) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5334 S. Prince St., Littleton, CO, 80120", "Littleton, CO"),
        ("Milan/Remote", "Milan"),
        ("Fully remote", None),
        ("Fareham, PO15 5AP", "Fareham"),
        ("India(Remote)", "India"),
        ("1 vacancy(s) in the following locations: Washington, DC, USView * Map", "Washington, DC"),
        ("Remote (US)", "Remote (US)"),
        ("Toronto, ON · via BMO Career", "Toronto, ON"),
    ],
)
def test_a_location_is_a_place_not_an_address_or_a_sentence(value: str, expected: str | None) -> None:
    assert tidy_location(value) == expected
