"""Title, company and location: what the posting says they are, or nothing."""

from __future__ import annotations

import pytest

from jobwise.ai.offline.job_parser import parse_job_text
from jobwise.ai.offline.posting_header import is_company_name, tidy_location, tidy_title


@pytest.mark.parametrize(
    "name",
    ["We", "Our", "About the job", "Location", "Location(s)", "LinkedIn", "Indeed", "Glassdoor", "London",
     "OXFORD/HYBRID", "Remote", "Full-time", "Engineering", "Data and Analytics", "Global Investment Bank",
     "This Role Matters", "you will build the future", "Compensation", "The Trust", "Incumbent",
     "Central Advertising - Other", "University", "Trust"],
)  # fmt: skip
def test_these_are_never_a_company(name: str) -> None:
    assert not is_company_name(name)


@pytest.mark.parametrize(
    "name",
    ["Spotify", "Bank of Montreal", "US Environmental Protection Agency", "padmasai finance pvt ltd",
     "The Field Museum", "Rotherham Doncaster and South Humber NHS Foundation Trust", "Lexroom.ai",
     "University Hospitals of Derby and Burton NHS Foundation Trust", "University of Leeds"],
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


def test_a_hiring_thread_names_its_company_first_even_when_a_town_has_that_name() -> None:
    parsed = parse_job_text(
        "Newton | Finance & Operations Coordinator | Toronto, Canada | Full-time | $50k - $60k\n\n"
        "Newton is Canada's first commission-free crypto trading platform."
    )
    assert (parsed.company, parsed.title, parsed.location) == (
        "Newton",
        "Finance & Operations Coordinator",
        "Toronto, Canada",
    )
    assert parsed.salary is not None and parsed.salary.currency == "CAD"


def test_a_work_mode_after_the_kind_of_employment_says_where_the_work_is() -> None:
    parsed = parse_job_text("BrokerBay | Toronto, Canada | Architect | Full-time onsite | Salary $90-120k\n")
    assert parsed.remote == "None"


def test_a_place_beside_a_work_mode_is_the_location() -> None:
    parsed = parse_job_text(
        "Lead Analytics Engineer\n\nHybrid, London\n\nAbout the company\n\nOur client is a bank."
    )
    assert (parsed.location, parsed.remote, parsed.company) == ("London", "Hybrid", None)


def test_title_place_employer_on_one_line_gives_all_three() -> None:
    parsed = parse_job_text(
        "Homecare Nurse Casual - Manchester - B Braun Medical\nCentral Advertising - Other\n\n"
        "Salary: £20 p/h\nLocation: Manchester, M6 8HD\n\nWe have vacancies for Registered Nurses."
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Homecare Nurse Casual",
        "B Braun Medical",
        "Manchester",
    )


def test_a_pdf_position_description_hard_wrapped_at_a_width() -> None:
    parsed = parse_job_text(
        "Become a founding member of the VA Digital Service\n"
        "On the heels of the launch of the United States Digital Service, the Department of \n"
        "Veterans Affairs is looking for highly experienced Digital Service Experts to join a \n"
        "similar Digital Service Team at VA.\n"
        "Official position description below:\n"
        "Digital Services Expert GS-0301-15\n"
        "MAJOR DUTIES:\n"
        "The incumbent uses their expertise to champion the use of modern technology \n"
        "development and management approaches.\n"
        "Expertise in building services driven by user needs. Expertise in user centered design and \n"
        "user testing. Ability to lead complex, government-wide technology initiatives.\n"
    )
    assert parsed.title == "Digital Services Expert"
    assert "Expertise in user centered design and user testing." in parsed.requirements
    assert not any(item.startswith("The incumbent uses") for item in parsed.requirements)
    assert parsed.company != "Incumbent"


def test_a_naukri_footer_files_the_job_under_a_category_and_does_not_title_it() -> None:
    parsed = parse_job_text(
        "Mega Walkin Drive- Service Desk Technical support(International Voice)\nTech Mahindra\n"
        "3.442369 Reviews\n0 - 5 years\n3-5.5 Lacs P.A.\nHyderabad\n\nJob description\n"
        "Remote Troubleshooting (Desktop, Laptop, Mobile, Printers)\nRequirements:\n\n"
        "Excellent communication skills in English.\nwork from office\n\n"
        "Role: Technical Support - Voice / Blended\nIndustry Type: IT Services & Consulting\n"
        "Role Category: Voice / Blended\n"
    )
    assert parsed.title == "Mega Walkin Drive- Service Desk Technical support(International Voice)"
    assert (parsed.company, parsed.location, parsed.remote) == ("Tech Mahindra", "Hyderabad", "None")
    assert parsed.salary is not None and (parsed.salary.min, parsed.salary.max) == (300_000, 550_000)


def test_a_title_qualifier_keeps_the_postings_own_dash() -> None:
    parsed = parse_job_text("Driver - Weekends\nDHU Health Care CIC\n\nSalary: £9.92 per hour\n")
    assert (parsed.title, parsed.company) == ("Driver - Weekends", "DHU Health Care CIC")


def test_a_name_alone_under_the_title_is_the_employer_before_a_part_of_the_title_line() -> None:
    parsed = parse_job_text(
        "Pharmacy Technician - HMP Oakwood\nPractice Plus Group\n\nSalary: Up to £26,520 per annum (DOE)\n"
        "Location: Wolverhampton, WV10 7QD\n\n"
        "HMP Oakwood is the largest prison in Europe. HMP Oakwood is modern."
    )
    assert parsed.company == "Practice Plus Group"
    assert parsed.salary is not None and (parsed.salary.min, parsed.salary.max) == (None, 26_520)


def test_a_header_and_lists_run_together_by_copying_are_read_apart() -> None:
    parsed = parse_job_text(
        "Analytics EngineerLondonUp to £60,000\n"
        "This is a great opportunity to become the key Analytics Engineer in an early-stage data team.\n"
        "The CompanyThey are investing heavily in their data capabilities and a modern data stack.\n"
        "Your Skills and Experience• Strong commercial experience with SQL.• Experience with Power BI, "
        "including semantic models or Tabular Editor.\n"
    )
    assert (parsed.title, parsed.location, parsed.company) == ("Analytics Engineer", "London", None)
    assert parsed.salary is not None and (parsed.salary.min, parsed.salary.max) == (None, 60_000)
    assert "Strong commercial experience with SQL." in parsed.requirements


def test_a_thread_header_followed_by_the_jobs_address_still_gives_the_title() -> None:
    parsed = parse_job_text(
        "DigiFi | Sales Development Representative | New York City | $50k-$100k + Equity | "
        "Full-Time, Onsite\n"
        "https://angel.co/digifi/jobs/513717-sales-development-representative\n"
        "DigiFi is a SaaS technology company located in New York City."
    )
    assert parsed.title == "Sales Development Representative"
    assert parsed.company == "DigiFi"


def test_a_french_about_heading_names_the_employer() -> None:
    parsed = parse_job_text(
        "Analytics Engineer H/F\n\nÀ propos d'Emeria\n\nEmeria est le leader mondial des services "
        "immobiliers.\n\nProfil\n\nTu maîtrises le SQL sur le bout des doigts.\n"
        "Tu es à l'aise avec Git et les bonnes pratiques de versionning.\n\n"
        "Localisation : La Défense (2 jours de télétravail par semaine)"
    )
    assert parsed.company == "Emeria"
    assert parsed.remote == "Hybrid"
    assert any("SQL" in item for item in parsed.requirements)
    assert parsed.location is not None and "La Défense" in parsed.location


def test_a_short_name_in_the_prose_becomes_the_full_name_the_posting_also_writes() -> None:
    parsed = parse_job_text(
        "Digitization Librarian\n\nThe library serves Duke owned collections. Duke University has grown "
        "into a research university. Duke's library holdings are large.\n\nQualifications\n\n"
        "- Experience with digital repository systems"
    )
    assert parsed.company == "Duke University"


def test_job_page_headers_name_the_employer_and_never_their_fields() -> None:
    body = "\n\nWe build scheduling software for clinics.\n\nRequirements\n- Three years of Python\n"
    greenhouse = parse_job_text("Job Application for Data Analyst at Loopwise\nBack to jobs" + body)
    lever = parse_job_text("Data Analyst\nBillund /\nFull-time" + body)
    card = parse_job_text("Loopwise 3.9 ★\nData Analyst\nMilan · Full time" + body)
    at = parse_job_text("Data Analyst\nat Loopwise\nLondon" + body)
    assert (greenhouse.title, greenhouse.company) == ("Data Analyst", "Loopwise")
    assert lever.company != "Billund"
    assert (card.title, card.company, card.location) == ("Data Analyst", "Loopwise", "Milan")
    assert (at.title, at.company) == ("Data Analyst", "Loopwise")


def test_a_hiring_thread_header_wrapped_by_an_email_client_is_read_whole() -> None:
    parsed = parse_job_text(
        "Balena (formerly Resin.io) | Technical Sales Lead / Sales Engineer (Europe)\n"
        "| REMOTE | FULL-TIME | https://balena.io\n\nBalena is solving the problems of devices."
    )
    assert (parsed.company, parsed.location, parsed.remote) == ("Balena", "Europe", "Full")
