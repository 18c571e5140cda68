"""Title, company and location: what the posting says they are, or nothing."""

from __future__ import annotations

import pytest

from jobwise.ai.offline.job_parser import _asked_among_tags, parse_job_text
from jobwise.ai.offline.posting_header import is_company_name, tidy_location, tidy_title


@pytest.mark.parametrize(
    "name",
    ["We", "Our", "About the job", "Location", "Location(s)", "LinkedIn", "Indeed", "Glassdoor", "London",
     "OXFORD/HYBRID", "Remote", "Full-time", "Engineering", "Data and Analytics", "Global Investment Bank",
     "This Role Matters", "you will build the future", "Compensation", "The Trust", "Incumbent",
     "Central Advertising - Other", "University", "Trust", "Link]", "(Acme"],
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


# Fourth batch of real postings (issue 15): conventions that hold beyond the postings that showed them.


@pytest.mark.parametrize(
    "name",
    ["SQL-based", "Data-driven", "Detail-oriented", "Library's", "Library", "The Library"],
)
def test_an_adjective_or_a_possessive_fragment_is_not_a_company(name: str) -> None:
    assert not is_company_name(name)


def test_a_possessive_brand_is_still_a_company() -> None:
    assert is_company_name("McDonald's")


def test_a_legal_name_doing_business_as_a_brand_is_the_employer() -> None:
    parsed = parse_job_text(
        "Shipping and Receiving Clerk\n\n"
        "The Shipping and Receiving Clerk manages incoming truck shipments.\n\n"
        "Natural Essentials, Inc. - DBA Bulk Apothecary, is located in Aurora, OH.\n\nSalary: $18.00 per hour"
    )
    assert parsed.company == "Natural Essentials, Inc."
    assert parsed.location == "Aurora, OH"


def test_an_employer_that_seeks_someone_names_itself() -> None:
    parsed = parse_job_text(
        "# Digital Curatorial Assistant\n\n## Responsibilities\n"
        "The New York Public Library seeks an organized person to serve as the Library's Digital Curatorial "
        "Assistant. The successful candidate will work with the Library's curators and the Library's "
        "permissions office.\n"
    )
    assert parsed.company == "New York Public Library"


def test_a_list_of_adjectives_before_the_role_in_a_hiring_sentence() -> None:
    parsed = parse_job_text(
        "Search Nurture is seeking an experienced, bright, and motivated Content Marketing Manager to join "
        "our team! This role requires knowledge of industry best practices.\n\nhttps://www.example.com/cmm/"
    )
    assert (parsed.title, parsed.company) == ("Content Marketing Manager", "Search Nurture")


def test_a_recruiter_writing_in_the_first_person_names_no_employer() -> None:
    parsed = parse_job_text(
        "I am looking for an experienced\nAnalytics Engineer\n to join a reporting migration project within\n"
        "IFS Cloud.\n You will analyze existing\nSQL-based\n logic, design new BI solutions and work with\n"
        "Power BI.\n\nSkills\n\n- very strong SQL skills\n- experience with BI model performance"
    )
    assert parsed.title == "Analytics Engineer"
    assert parsed.company is None


def test_an_agency_that_posts_on_linkedin_for_an_unnamed_client_is_not_the_employer() -> None:
    parsed = parse_job_text(
        "Maxicon hiring BI Analist/Data engineer in West Flanders, Flemish Region, Belgium | LinkedIn\n"
        "BI Analist/Data engineer\nMaxicon\nWest Flanders, Flemish Region, Belgium\nApply\n"
        "Voor een stabiele en technologisch vooruitstrevende onderneming in regio Zuid-West-Vlaanderen zijn "
        "we op zoek naar een BI Analist.\nJouw profiel\nSterke kennis van SQL."
    )
    assert parsed.title == "BI Analist/Data engineer"
    assert parsed.company is None


def test_the_poster_on_linkedin_is_the_employer_when_no_client_is_mentioned() -> None:
    parsed = parse_job_text(
        "Maxicon hiring BI Analist/Data engineer in West Flanders, Flemish Region, Belgium | LinkedIn\n"
        "BI Analist/Data engineer\nMaxicon\nWest Flanders, Flemish Region, Belgium\nApply\n"
        "Wij zijn op zoek naar een BI Analist.\nJouw profiel\nSterke kennis van SQL."
    )
    assert parsed.company == "Maxicon"


def test_a_banner_in_capitals_above_the_posting_is_not_the_employer() -> None:
    parsed = parse_job_text(
        "EMPLOYMENT OPPORTUNITIES\nPosition Opening:\nElection Specialist (Full Time)\n"
        "Applications are being accepted for the full-time position of Election Specialist with the Wayne "
        "County Board of Elections. The primary responsibilities are maintaining voter records.\n"
        "Starting pay rate: $17.32 per hour\nWayne County is an Equal Opportunity Employer\n"
    )
    assert parsed.company in {"Wayne County", "Wayne County Board of Elections"}


def test_a_title_label_alone_on_its_line_takes_the_role_on_the_next() -> None:
    parsed = parse_job_text(
        "EMPLOYMENT OPPORTUNITIES\nPosition Opening:\nElection Specialist (Full Time)\n"
        "Applications are being accepted for the full-time position of Election Specialist.\n"
    )
    assert parsed.title == "Election Specialist"


def test_the_position_of_a_role_named_in_a_sentence_is_the_title() -> None:
    parsed = parse_job_text(
        "Applications are being accepted for the full-time position of Election Specialist with the Wayne "
        "County Board of Elections. The primary responsibilities of this position are maintaining voter "
        "records.\n\nRequirements:\n- Possess a high school diploma or GED"
    )
    assert parsed.title == "Election Specialist"


def test_a_summary_whose_subject_is_the_role_gives_the_title() -> None:
    parsed = parse_job_text(
        "Position Overview\nDepartment: Production Administration\nSUMMARY:\n"
        "The Election Services Representative is an onsite position at our Albany, NY facility. It acts as "
        "a liaison between clients and internal teams.\nKey Requirements\n- Proficient with Office 365."
    )
    assert parsed.title == "Election Services Representative"


def test_the_hiring_manager_is_not_the_role() -> None:
    parsed = parse_job_text(
        "Summary\nThe Hiring Manager is responsible for your induction. You will help customers.\n"
        "Requirements\n- Good communication"
    )
    assert parsed.title != "Hiring Manager"


def test_a_field_of_work_after_a_dash_qualifies_the_title() -> None:
    parsed = parse_job_text(
        "Executive - Data Analytics\nSpare Care Solutions\nGurgaon\n\nYou'll be responsible for:\n\n"
        "a. Data Analytics & Dashboarding using PowerBI\n\nb. ETL using MS SQL\n"
    )
    assert parsed.title == "Executive - Data Analytics"
    assert (parsed.company, parsed.location) == ("Spare Care Solutions", "Gurgaon")


def test_our_site_in_a_town_is_the_location() -> None:
    parsed = parse_job_text(
        "SUMMARY:\nThe Election Services Representative is an onsite position at our Albany, NY facility. "
        "It acts as a liaison between clients and internal Fort Orange Press teams.\n"
        "Key Requirements\n- Proficient with Office 365."
    )
    assert (parsed.location, parsed.company) == ("Albany, NY", "Fort Orange Press")


@pytest.mark.parametrize(
    ("address", "town"),
    [
        ("200 Vanover St Suite 1, Wooster Oho 44691", "Wooster"),  # the state's name misspelt
        ("1200 Main Street, Springfield, IL 62701", "Springfield, IL"),
        ("45 Elm Ave., Albany, New York 12207", "Albany"),
    ],
)
def test_a_us_street_address_gives_the_town(address: str, town: str) -> None:
    parsed = parse_job_text(
        "Election Specialist\n\nApplications are being accepted for the position of Election Specialist.\n\n"
        f"Qualified candidates must submit a resume to the Board of Elections, {address} or by email."
    )
    assert parsed.location == town


def test_an_institution_before_the_role_is_the_employer_and_its_town_the_place() -> None:
    parsed = parse_job_text(
        "# King's College London Lecturer in Digital Culture and Society\n\n* Job Ref: A7/AAI/352/12-JM\n\n"
        "## Description\nWe are seeking to appoint one post at lecturer level to teach on our MA.\n"
        "This is a joint appointment between the Department of Culture, Media and Creative Industries and "
        "the Department of Digital Humanities."
    )
    assert parsed.title == "Lecturer in Digital Culture and Society"
    assert (parsed.company, parsed.location) == ("King's College London", "London")


def test_a_role_word_in_the_name_keeps_the_title_whole() -> None:
    parsed = parse_job_text("Software Systems Engineer\n\nYou will build payment systems.\n")
    assert parsed.title == "Software Systems Engineer"


def test_an_applicant_tracking_location_code_and_a_label_on_the_same_line() -> None:
    assert tidy_location("US-NY-Manhattan\tType: \tFull-Time Regular") == "Manhattan, NY"


def test_the_employers_initials_before_the_title_are_not_part_of_it() -> None:
    parsed = parse_job_text(
        "# NYPL Digital Curatorial Assistant (temporary)\n\n"
        "*  Location: \tUS-NY-Manhattan\tType: \tFull-Time\n\n"
        "## Position Description:\nThe New York Public Library seeks an organized person to serve as the "
        "Library's Digital Curatorial Assistant.\n"
    )
    assert parsed.title == "Digital Curatorial Assistant"
    assert (parsed.company, parsed.location) == ("New York Public Library", "Manhattan, NY")


def test_a_consultancy_placing_its_own_staff_with_a_client_is_still_the_employer() -> None:
    parsed = parse_job_text(
        "Acme Consulting hiring Data Engineer in London, England, United Kingdom | LinkedIn\n"
        "Data Engineer\nAcme Consulting\nLondon, England, United Kingdom\nApply\n"
        "You will work on site with our client's data team.\nRequirements\n- Strong SQL."
    )
    assert parsed.company == "Acme Consulting"


@pytest.mark.parametrize(
    ("line", "company", "title"),
    [
        ("University of Leeds Research Fellow in Digital Humanities", "University of Leeds",
         "Research Fellow in Digital Humanities"),
        ("Imperial College London Research Associate", "Imperial College London", "Research Associate"),
        ("Museum of London Collections Assistant", "Museum of London", "Collections Assistant"),
        ("St Mary's Primary School Class Teacher", "St Mary's Primary School", "Class Teacher"),
    ],
)  # fmt: skip
def test_an_institution_then_a_role_on_the_title_line(line: str, company: str, title: str) -> None:
    parsed = parse_job_text(f"{line}\n\nWe are seeking to appoint to this post.\n")
    assert (parsed.company, parsed.title) == (company, title)


def test_the_board_of_directors_is_not_the_role() -> None:
    parsed = parse_job_text(
        "Summary\nThe Board of Directors is responsible for the strategy. You will help customers.\n"
        "Requirements\n- Good communication"
    )
    assert parsed.title != "Board of Directors"


def test_a_hiring_sentence_names_the_role_at_the_employer_in_its_town() -> None:
    parsed = parse_job_text(
        "Join our team!\nWe are hiring a Teacher of Mathematics at Oakwood Academy, Leeds.\n"
        "Oakwood Academy is an equal opportunity employer."
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Teacher of Mathematics",
        "Oakwood Academy",
        "Leeds",
    )


def test_greenhouse_at_line_under_the_title_names_the_employer() -> None:
    parsed = parse_job_text(
        "Senior Backend Engineer\nat Acme Robotics\nSan Francisco, CA\n\nAbout the role\nYou will build APIs."
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Senior Backend Engineer",
        "Acme Robotics",
        "San Francisco, CA",
    )


def test_workday_labels_and_a_posting_date_are_not_the_employer() -> None:
    parsed = parse_job_text(
        "Senior Engineer\nlocations\nNew York, NY\ntime type\nFull time\nposted on\nPosted 2 Days Ago\n"
        "job requisition id\nR12345\n\nAcme Bank is a global bank. We build things."
    )
    assert (parsed.company, parsed.location) == ("Acme Bank", "New York, NY")


def test_a_kind_of_employment_between_title_and_place_is_not_the_employer() -> None:
    parsed = parse_job_text(
        "Acme Corp\nSenior Engineer\nFull-time\nAustin, TX, United States\n\n"
        "Company Description\nAcme Corp builds rockets."
    )
    assert (parsed.title, parsed.company) == ("Senior Engineer", "Acme Corp")


def test_an_announcement_before_the_title_and_premises_before_the_town() -> None:
    parsed = parse_job_text(
        "We're Hiring: Barista\nBean There Cafe, Portland, OR\n"
        "Bean There Cafe is a neighbourhood coffee shop."
    )
    assert (parsed.title, parsed.company, parsed.location) == ("Barista", "Bean There Cafe", "Portland, OR")


def test_a_title_in_capitals_keeps_its_qualifier() -> None:
    parsed = parse_job_text(
        "STAFF NURSE - PAEDIATRICS\nOrganisation: Leeds Teaching Hospitals NHS Trust\nLocation: Leeds\n"
    )
    assert (parsed.title, parsed.company) == (
        "Staff Nurse - Paediatrics",
        "Leeds Teaching Hospitals NHS Trust",
    )


def test_a_location_label_with_a_work_mode_before_the_place() -> None:
    parsed = parse_job_text(
        "Employer: Riverbend School District\nPosition: 5th Grade Teacher\nLocation: Hybrid - Riverbend, WI\n"
    )
    assert parsed.location == "Riverbend, WI"


def test_labels_among_a_header_lines_parts() -> None:
    parsed = parse_job_text(
        "Java Developer | Salary: £50k | Location: Leeds\n"
        "We build things at Quarry Labs. Quarry Labs is hiring."
    )
    assert (parsed.title, parsed.location) == ("Java Developer", "Leeds")


def test_a_dash_inside_brackets_does_not_split_the_title() -> None:
    parsed = parse_job_text(
        "Account Manager (Remote - US)\nBrightPath Software\n\nBrightPath Software makes tools."
    )
    assert (parsed.title, parsed.company) == ("Account Manager", "BrightPath Software")


def test_a_sentence_opening_the_posting_is_not_its_title() -> None:
    parsed = parse_job_text(
        "Our client, a leading retailer based in Birmingham, is looking for a Store Manager.\n"
        "The client offers great benefits."
    )
    assert (parsed.title, parsed.company, parsed.location) == ("Store Manager", None, "Birmingham")


def test_a_role_wanted_notice() -> None:
    parsed = parse_job_text(
        "Apply now: Forklift Driver wanted at Northway Foods in Leicester. "
        "Northway Foods is an equal opportunity employer."
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Forklift Driver",
        "Northway Foods",
        "Leicester",
    )


def test_a_templates_field_names_with_underscores_are_labels() -> None:
    parsed = parse_job_text("POSITION_NAME: Backend Engineer\nCOMPANY_NAME: OmiseGO\nLOCATION: Bangkok\n")
    assert (parsed.title, parsed.company, parsed.location) == ("Backend Engineer", "OmiseGO", "Bangkok")


def test_the_reader_addressed_in_the_role() -> None:
    parsed = parse_job_text(
        "About the job\nAs a Senior Data Engineer, you will build pipelines at Nimbus. "
        "Nimbus is a fintech.\n\n"
        "You Should Apply If\n- you know SQL"
    )
    assert (parsed.title, parsed.company) == ("Senior Data Engineer", "Nimbus")


def test_the_role_after_whom_it_reports_to() -> None:
    parsed = parse_job_text(
        "Job Summary\nReporting to the Head of Finance, the Financial Controller will lead the team.\n"
        "Harbor Foods is an equal opportunity employer."
    )
    assert (parsed.title, parsed.company) == ("Financial Controller", "Harbor Foods")


def test_an_opening_phrase_with_the_town_before_the_employers_name() -> None:
    parsed = parse_job_text(
        "Care Assistant\n\nLocated in the heart of Bristol, Sunrise Care Homes is a family business."
    )
    assert (parsed.company, parsed.location) == ("Sunrise Care Homes", "Bristol")


def test_an_agencys_slash_separated_header() -> None:
    parsed = parse_job_text("Data Engineer / Azure / Manchester / £70k\n\nOur client is a growing insurer.")
    assert (parsed.title, parsed.company, parsed.location) == ("Data Engineer", None, "Manchester")


def test_a_pay_band_under_the_title_is_not_the_employer() -> None:
    parsed = parse_job_text(
        "Staff Nurse\nBand 5\nSt Helens and Knowsley Teaching Hospitals NHS Trust\n"
        "Whiston Hospital, Prescot\n\n"
        "Job overview\nWe care."
    )
    assert parsed.company == "St Helens and Knowsley Teaching Hospitals NHS Trust"


@pytest.mark.parametrize(
    "name", ["Human Resources Department", "Engineering Team", "Band 5", "Posted 2 Days Ago"]
)
def test_a_unit_a_pay_grade_or_a_posting_date_is_not_a_company(name: str) -> None:
    assert not is_company_name(name)


def test_a_name_cut_short_is_not_a_company() -> None:
    assert not is_company_name("University of")
    parsed = parse_job_text("Lecturer in History\nUniversity of Exeter - History\nLocation: Exeter\n")
    assert (parsed.company, parsed.location) == ("University of Exeter", "Exeter")


def test_a_page_heading_above_the_header_lines() -> None:
    parsed = parse_job_text(
        "Job description\nSenior Accountant\nRiverside Dental Group - Cardiff\n\nWe are a dental group."
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Senior Accountant",
        "Riverside Dental Group",
        "Cardiff",
    )


def test_whom_the_post_reports_to_is_not_its_title() -> None:
    parsed = parse_job_text(
        "Position Overview\nReports to: Election Services Lead\nSUMMARY:\n"
        "The Election Services Representative is an onsite position at our Albany, NY facility.\n"
    )
    assert parsed.title == "Election Services Representative"


def test_the_end_of_a_longer_name_is_not_a_company() -> None:
    parsed = parse_job_text(
        "Warehouse Operative\n\nWe are looking for a Warehouse Operative. You will use RF scanners. "
        "Health and Safety training provided. Health and Safety matters."
    )
    assert parsed.company is None


@pytest.mark.parametrize(
    ("value", "place"),
    [("London or Remote", "London"), ("Leeds or Manchester", "Leeds"), ("Multiple Locations", None),
     ("TBC", None)],
)  # fmt: skip
def test_a_location_value_names_one_place_or_none(value: str, place: str | None) -> None:
    assert tidy_location(value) == place


def test_indeeds_commute_question_gives_the_place() -> None:
    parsed = parse_job_text(
        "Data Analyst\nAcme Ltd\n\nWork Location: In person\n\nAbility to commute/relocate:\n"
        "* Gurugram, Haryana: Reliably commute or planning to relocate before starting work (Required)"
    )
    assert parsed.location == "Gurugram, Haryana"


def test_the_employer_labelled_by_its_kind() -> None:
    parsed = parse_job_text("Title: Teacher of English\nSchool: Oakwood Academy\nLocation: Leeds\n")
    assert (parsed.title, parsed.company, parsed.location) == (
        "Teacher of English",
        "Oakwood Academy",
        "Leeds",
    )
    parsed = parse_job_text("Job Opening: Line Cook\nRestaurant: Luigi's Trattoria\nCity: Boston, MA")
    assert (parsed.title, parsed.company, parsed.location) == ("Line Cook", "Luigi's Trattoria", "Boston, MA")


def test_a_label_and_its_value_are_not_one_name() -> None:
    assert not is_company_name("Department: Production Administration")


def test_linkedins_place_and_date_line_is_not_the_employer() -> None:
    parsed = parse_job_text(
        "Northwind Traders\nSupply Chain Analyst\nSeattle, WA · 2 days ago · 48 applicants\n"
        "Hybrid Full-time\n\nAbout the job\nWe move goods."
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Supply Chain Analyst",
        "Northwind Traders",
        "Seattle, WA",
    )


def test_a_careers_page_line_names_the_employer() -> None:
    parsed = parse_job_text("Careers at Northwind Traders\nSupply Chain Analyst\nSeattle, WA\n")
    assert (parsed.title, parsed.company) == ("Supply Chain Analyst", "Northwind Traders")


@pytest.mark.parametrize(
    "title",
    [
        "Primary School Teacher",
        "High School Math Teacher",
        "Community College Instructor",
        "Public Library Assistant",
    ],
)
def test_a_kind_of_institution_in_the_title_is_part_of_it(title: str) -> None:
    parsed = parse_job_text(f"{title}\n\nWe teach and we lend books.\n")
    assert (parsed.title, parsed.company) == (title, None)


def test_a_name_in_capitals_in_a_threads_header_is_the_employer() -> None:
    parsed = parse_job_text("BLUE ORIGIN | Propulsion Engineer | Seattle, WA | Onsite\n\nBuild engines.")
    assert (parsed.title, parsed.company) == ("Propulsion Engineer", "BLUE ORIGIN")


def test_a_thread_company_with_a_comma_in_brackets_is_the_name_before_them() -> None:
    parsed = parse_job_text(
        "GTmetrix (Gossamer Threads, Inc.) | Web Application Developer | $65-75k | ONSITE Vancouver, "
        "Canada\n\n"
        "We are looking for a developer to join our small team."
    )
    assert parsed.company == "GTmetrix"
    assert parsed.title == "Web Application Developer"


def test_a_company_label_that_recruits_for_a_client_names_no_employer() -> None:
    parsed = parse_job_text(
        "# Senior Analytics Engineer\n\nCompany: Archer Recruitment (recruiting on behalf of a client)\n"
        "Location: Dublin, Ireland\n\n## Required Qualifications\n- Excellent SQL skills\n"
    )
    assert parsed.company is None


def test_a_government_department_label_names_the_public_body_that_hires() -> None:
    text = (
        "=== JOB DETAILS ===\n\nSALARY: $46,203.00 - $78,218.00 Annually\nLOCATION: Wake County, NC\n"
        "DEPARTMENT: {department}\n\n=== JOB DESCRIPTION ===\n\n"
        "The Voting Systems Team is a section of the agency's Election Administration Division.\n"
    )
    board = parse_job_text(text.format(department="State Board of Elections"))
    assert board.company == "State Board of Elections"
    # A unit of the employer is not the employer.
    assert parse_job_text(text.format(department="Clerk's Office")).company != "Clerk's Office"


def test_a_requirement_label_wrapped_onto_the_next_lines_is_read_whole() -> None:
    parsed = parse_job_text(
        "Humanities Computing Instructor\n\nDUTIES: To teach one summer section.\n\n"
        "QUALIFICATIONS: Required: Master's degree in a Humanities discipline\n"
        "from an appropriately accredited institution. Humanities Computing\nexpertise.\n"
    )
    joined = " ".join(parsed.requirements)
    assert "Master's degree in a Humanities discipline from an appropriately accredited institution" in joined
    assert "Humanities Computing expertise" in joined


def test_a_town_in_capitals_on_its_own_line_under_the_title_is_the_place() -> None:
    text = (
        "# Humanities Computing Instructor\n\nHumanities Computing Instructor (Competition No. 03-4006)\n\n"
        "{line}\n\nSubject to Funding and Enrollment\n\nDUTIES: To teach one summer section.\n"
    )
    assert parse_job_text(text.format(line="NANAIMO")).location == "Nanaimo"
    # Capitals that are not a town are not a place.
    assert parse_job_text(text.format(line="AFFILIATION")).location is None


def test_the_part_after_a_dash_that_the_posting_repeats_with_the_title_is_not_the_employer() -> None:
    parsed = parse_job_text(
        "Analytics Engineer — Document Intelligence Platform (CSC)\n\n"
        "ECAM is looking for talented individuals like you! Be the next Analytics Engineer — Document "
        "Intelligence Platform (CSC).\n\nQualifications:\n- SQL and Python\n- Experience with OCR\n"
    )
    assert parsed.company == "ECAM"
    # Without the repetition, the part after the dash is read as the employer, as before.
    parsed = parse_job_text(
        "Analytics Engineer — Document Intelligence Platform (CSC)\n\n"
        "Qualifications:\n- SQL\n- Python\n- OCR\n"
    )
    assert parsed.company == "Document Intelligence Platform"


def test_a_number_alone_from_a_tracking_page_field_is_never_a_requirement() -> None:
    parsed = parse_job_text(
        "Associate Data Scientist\n\nRequirements\n\n* Proficiency in Python and SQL.\n"
        "* Familiarity with cloud platforms (AWS, Azure).\n* 411001\n"
    )
    assert "411001" not in parsed.requirements
    assert any("Python and SQL" in item for item in parsed.requirements)


def test_a_markdown_sub_list_with_plus_markers_gives_one_requirement_an_item() -> None:
    parsed = parse_job_text(
        "IT Business Analyst\n\nRequirements:\n* Experience: 3-5 years in SAP implementation.\n"
        "\t+ Good SAP knowledge in modules of Finance & Controlling (FICO).\n"
        "\t+ Experience with agile methodology is a plus.\n"
    )
    assert "Good SAP knowledge in modules of Finance & Controlling (FICO)." in parsed.requirements


def test_a_list_after_a_to_be_considered_lead_in_is_the_requirements() -> None:
    parsed = parse_job_text(
        "Sales Advisor\nBenenden Hospital\n\nYou will book appointments for patients.\n\n"
        "To be considered for this opportunity, you should be able to demonstrate the following:\n\n"
        "Excellent communication skills both verbally and written\n\n"
        "Experience working in a Customer Service or sales role\n\n"
        "Good organisational skills and attention to detail\n\nBe computer literate\n"
    )
    assert "Be computer literate" in parsed.requirements
    assert "Good organisational skills and attention to detail" in parsed.requirements


def test_what_the_holder_must_have_in_the_role_prose_is_a_requirement() -> None:
    parsed = parse_job_text(
        "Corporate Accountant\n\nThe role\n\n"
        "The post holder will work to the Senior Financial Accountant.\n\n"
        "The successful applicant must have experience at a similar level in a healthcare environment.\n\n"
        "The role will involve regular liaison with budget holders.\n"
    )
    assert any("must have experience at a similar level" in item for item in parsed.requirements)
    assert not any("must have experience" in item for item in parsed.responsibilities)


def test_you_need_to_have_in_the_prose_states_a_requirement() -> None:
    parsed = parse_job_text(
        "Cook\n\nWe are looking for a motivated individual to join our kitchen team. You need to have recent "
        "experience of working in a catering environment.\n\nRequirements:\n\nFood Hygiene Certificate\n\n"
        "Knowledge of stock management\n\nKnowledge of allergies relating to food types\n"
    )
    assert any(
        "recent experience of working in a catering environment" in item for item in parsed.requirements
    )


def test_a_job_card_at_the_top_gives_its_first_line_as_the_title_without_a_role_noun() -> None:
    parsed = parse_job_text(
        "Data Science IC3\nMicrosoft\nHyderābād\n\n**Overview**\n\nWe are looking for a data scientist.\n"
    )
    assert (parsed.title, parsed.company) == ("Data Science IC3", "Microsoft")
    # Indeed's "Title | years | places" line: the title is its first part.
    parsed = parse_job_text(
        "IT Networking | 5 to 7 Years| Chennai&Pune\nCapgemini\nMH, IN\n\nJob Description\n"
    )
    assert (parsed.title, parsed.company) == ("IT Networking", "Capgemini")


def test_an_organisation_line_under_the_first_line_makes_that_line_the_title() -> None:
    parsed = parse_job_text(
        "Ward Tracker\nStockport NHS Foundation Trust\n\nSalary: £19,737 - £21,142 per annum\n"
        "Location: Stepping Hill Hospital, Stockport, SK2 7JE\n\nWard Tracker - 37.5 hours per week\n"
    )
    assert (parsed.title, parsed.company) == ("Ward Tracker", "Stockport NHS Foundation Trust")


def test_the_employer_line_under_the_title_outranks_a_team_card_further_down() -> None:
    parsed = parse_job_text(
        "Care Co-Ordinator\nWest London NHS Trust\n\nSalary: £31,365 - £37,890 pa plus HCAS\n\n"
        "BAND 6 Care Coordinator\n\nAdult Community Mental Health Rehabilitation\n\n"
        "West London NHS Trust, Hounslow Community Rehabilitation Team\n\n"
        "Are you a registered nurse looking for a new challenge in a community setting?\n"
    )
    assert (parsed.title, parsed.company) == ("Care Co-Ordinator", "West London NHS Trust")


def test_nhs_jobs_central_advertising_line_and_its_category_are_not_the_employer() -> None:
    parsed = parse_job_text(
        "IAPT High Intensity Therapist\nCentral Advertising - Other\n\nSalary: £38,890 - £44,503\n"
        "Location: Dover, CT17 0HD\n\nVita Health Group is looking for a therapist to join its Dover team.\n"
    )
    assert parsed.company != "Other"
    assert parsed.title == "IAPT High Intensity Therapist"


def test_a_long_title_is_not_joined_with_the_employer_line_under_it() -> None:
    parsed = parse_job_text(
        "Anaesthetics/Scrub/Recovery Senior ODP/Nurse (Adult or Children’s)\n"
        "Oxford University Hospitals NHS Foundation Trust\n\nSalary: £24,907 - £30,615 per annum\n"
        "Location: John Radcliffe Hospital & West Wing, Oxford, OX3 9DU\n\n"
        "JR Main & West Wing Operating Theatres\n"
    )
    assert parsed.title == "Anaesthetics/Scrub/Recovery Senior ODP/Nurse (Adult or Children’s)"
    assert parsed.company == "Oxford University Hospitals NHS Foundation Trust"


def test_what_the_job_pays_is_not_a_requirement() -> None:
    parsed = parse_job_text(
        "Analytics Engineer\n\nRequirements:\n- 3+ years with SQL and dbt\n- Experience with Snowflake\n"
        "- For this role, we have a salary bracket of €4,200 to €5,200 per month.\n"
        "- Rémunération : 51k€ /61k€\n"
    )
    assert parsed.requirements == ["3+ years with SQL and dbt", "Experience with Snowflake"]


def test_a_summary_note_that_nothing_is_listed_and_a_rule_line_are_not_items() -> None:
    parsed = parse_job_text(
        "# Analytics Engineer — justDice\n\n## Requirements\n- SQL and dbt\n- Experience with Looker\n\n"
        "## Nice to have\n- None explicitly listed.\n\n---\n\n## Benefits\n- Hybrid work\n"
    )
    assert parsed.requirements == ["SQL and dbt", "Experience with Looker"]


def test_closing_dates_and_job_references_are_not_requirements() -> None:
    parsed = parse_job_text(
        "Consultant Paediatrician\nUniversity Hospital Southampton NHS Foundation Trust\n\nRequirements:\n"
        "- GMC registration\n- Experience in general paediatrics\n"
        "- Job Reference: MT0362 - This vacancy closes on or before: 15th November 2020\n"
    )
    assert parsed.requirements == ["GMC registration", "Experience in general paediatrics"]


def test_an_opening_of_two_sentences_is_prose_and_its_hiring_sentence_gives_the_title() -> None:
    parsed = parse_job_text(
        "Tiqets is an award-winning tech scale-up headquartered in the Netherlands. We are hiring an "
        "Analytics Engineer to join our mission to bring the world more ways to culture!\n\n"
        "Who are we?\nWe sell tickets.\n"
    )
    assert (parsed.title, parsed.company) == ("Analytics Engineer", "Tiqets")


def test_an_acronym_in_brackets_stays_in_a_title_read_from_the_prose() -> None:
    parsed = parse_job_text(
        "Join Our Business Intelligence Team\nWe're looking for a talented Business Intelligence (BI) "
        "Analyst to join our growing BI team.\n\nResponsibilities\n- Build dashboards\n"
    )
    assert parsed.title == "Business Intelligence (BI) Analyst"


def test_join_us_as_around_the_title_is_dropped() -> None:
    assert (
        tidy_title("Join us as a Data Engineer, Analytics Engineering")
        == "Data Engineer, Analytics Engineering"
    )
    assert tidy_title("Join our team as our next Product Designer") == "Product Designer"


def test_a_call_to_get_in_touch_that_says_looking_for_does_not_open_the_requirements() -> None:
    parsed = parse_job_text(
        "Pharmacy Technician\nNorth of England Commissioning Support\n\n"
        "It is a requirement of the role to be registered with the General Pharmaceutical Society.\n\n"
        "You will need excellent communication skills.\n\n"
        "If this role appeals to you and you have the qualities we are looking for then please get in "
        "touch:\n\n"
        "For general enquiries please contact Margaret Ross\n"
    )
    assert any("General Pharmaceutical Society" in item for item in parsed.requirements)
    assert not any("Margaret Ross" in item for item in parsed.requirements)


def test_the_terms_of_the_post_are_not_requirements() -> None:
    parsed = parse_job_text(
        "Administrator\nBenenden Hospital\n\nRequirements:\n\nPrevious relevant experience\n\n"
        "Part Time 30 Hours per week\n\nFixed Term Contract to 30 September 2021\n\n"
        "Excellent IT skills\n\nFlexibility to work 12 hour shifts\n"
    )
    assert parsed.requirements == [
        "Previous relevant experience",
        "Excellent IT skills",
        "Flexibility to work 12 hour shifts",
    ]


def test_a_job_boards_card_names_the_employer_and_its_place_under_the_title() -> None:
    parsed = parse_job_text(
        "Clinic Manager\n"
        "Family Planning Associates Medical Group | Arizona\n"
        "August 22, 2024\n\n"
        "We are seeking a Clinic Manager to lead staff and manage operations.\n"
    )
    assert (parsed.title, parsed.company, parsed.location) == (
        "Clinic Manager",
        "Family Planning Associates Medical Group",
        "Arizona",
    )


def test_a_sentence_and_a_pages_fields_are_not_a_job_card() -> None:
    parsed = parse_job_text(
        "Field Organizer\n"
        "NextGen America | Nevada\n\n"
        "THE ROLE:\n\n"
        "You will organize young people on campuses and work independently and remotely at times.\n\n"
        "This role reports to the Regional Organizing Director.\n\n"
        "FLSA Classification: Exempt\n\n"
        "Remote Position: No\n"
    )
    assert (parsed.title, parsed.company, parsed.remote) == ("Field Organizer", "NextGen America", "None")


def test_letters_that_stand_for_the_role_are_not_the_employer() -> None:
    parsed = parse_job_text(
        "IEN - Registered Nurse\n"
        "Odessa, TX\n\n"
        "We are looking for an Internationally Educated Nurse (IEN) to work in a hospital in Texas.\n"
    )
    assert parsed.company is None


def test_a_name_in_capitals_under_the_title_is_the_employer() -> None:
    parsed = parse_job_text(
        "Travel Expert for Ticketing and tour Management\n"
        "THE HOLIDAYS INN\n\n"
        "Job Description:\n"
        "We need new candidates for air ticketing and tour management.\n"
    )
    assert parsed.company == "THE HOLIDAYS INN"


def test_the_jobs_terms_are_not_a_requirement() -> None:
    parsed = parse_job_text(
        "Clinic Manager\n"
        "Family Planning Associates Medical Group | Arizona\n\n"
        "Requirements\n"
        "- Valid nursing license\n"
        "- Full-time\n"
    )
    assert parsed.requirements == ["Valid nursing license"]


@pytest.mark.parametrize(
    ("tags", "asked"),
    [
        ("Full Time Health Insurance paid time off No degree required", ""),
        (
            "Full Time General Benefits Retirement Dental Vision High school degree required",
            "High school degree required",
        ),
        ("Full time availability including weekends", "Full time availability including weekends"),
    ],
)
def test_a_job_boards_line_of_tags_asks_only_for_the_schooling_it_names(tags: str, asked: str) -> None:
    assert _asked_among_tags(tags) == asked


def test_a_states_letters_after_a_town_are_not_the_employer() -> None:
    parsed = parse_job_text(
        "Registered Nurse\n"
        "Odessa, TX /\n"
        "Full-time\n\n"
        "Registered Nurse\n"
        "Odessa, TX\n\n"
        "Relocation to USA is required and included as part of this position. Flint offers fully sponsored "
        "licensing, immigration and relocation programs.\n"
    )
    assert parsed.company is None


def test_what_the_employer_will_provide_is_not_a_requirement() -> None:
    parsed = parse_job_text(
        "Registered Nurse\n\n"
        "Requirements\n"
        "Flint will provide training to the candidates that do not have the needed certifications.\n"
        "Valid nursing license in any country\n"
        "1 year of ICU experience\n"
    )
    assert parsed.requirements == ["Valid nursing license in any country", "1 year of ICU experience"]


@pytest.mark.parametrize(
    ("sentence", "asked"),
    [
        ("The Metadata Manager will have an approved postgraduate library qualification.", True),
        ("The successful candidate will have two years of cataloguing experience.", True),
        ("The team will have a new office in Dublin from May.", False),
        ("The Metadata Manager will have the opportunity to present at conferences.", False),
    ],
)
def test_what_the_post_holder_will_have_is_a_requirement(sentence: str, asked: bool) -> None:
    posting = f"Metadata Manager\n\n## Description\n\nThe DHO is a research portal.\n\n{sentence}\n"
    parsed = parse_job_text(posting)
    assert (sentence.rstrip(".") in [r.rstrip(".") for r in parsed.requirements]) is asked


def test_a_pages_long_title_names_the_role_over_a_projects_title_far_below() -> None:
    filler = "".join(
        f"The laboratory carries out research project number {n} with partners.\n\n" for n in range(12)
    )
    parsed = parse_job_text(
        "# Artificial Intelligence Laboratory of EPFL - Post-Doctoral Position in Natural Language "
        "Processing and Man-Machine Dialogue\n\n"
        "## Description\n\n"
        f"{filler}"
        "INSPIRE European Project\n\n"
        "Title:  INfotainment management with SPeech Interaction via Remote-microphones and "
        "tElephone interfaces\n"
    )
    assert parsed.title == "Post-Doctoral Position in Natural Language Processing and Man-Machine Dialogue"
    assert parsed.company == "Artificial Intelligence Laboratory of EPFL"


def test_a_recruiter_for_an_unnamed_firm_named_as_a_german_compound_names_no_employer() -> None:
    parsed = parse_job_text(
        "About the job\nData Intelligence Consultant (m/w/d)\n\nDüsseldorf / Hybrid\n\n"
        "Für ein innovatives Beratungsunternehmen suchen wir einen Data Intelligence Consultant (m/w/d), "
        "der Organisationen unterstützt.\n\nDas bringst du mit\n\n"
        "Erfahrung in Data-, BI- oder Analytics-Projekten\nSehr gute SQL-Kenntnisse\n"
        "Erfahrung mit Power BI (DAX, Datenmodell, Visualisierung)\nDeutsch C2, Englisch C1"
    )
    assert parsed.company is None
    assert "Sehr gute SQL-Kenntnisse" in parsed.requirements


def test_a_french_recruiters_card_names_neither_itself_nor_its_place_as_the_employer() -> None:
    parsed = parse_job_text(
        "YURI & NEIL\nAnalytics Engineer (H/F)\n\nCDI\nMontreuil\nTélétravail fréquent\n\n---\n\n"
        "Descriptif du poste\n\nYuri & Neil Recrutement accompagne aujourd'hui l'un de ses clients, "
        "une agence data à taille humaine.\n\nProfil recherché\n\nSQL et Python"
    )
    assert (parsed.title, parsed.company, parsed.location, parsed.remote) == (
        "Analytics Engineer (H/F)",
        None,
        "Montreuil",
        "Hybrid",
    )
    assert "Descriptif du poste" not in parsed.requirements


@pytest.mark.parametrize(
    ("card", "remote"),
    [
        ("Télétravail fréquent", "Hybrid"),
        ("Télétravail occasionnel", "Hybrid"),
        ("Télétravail total", "Full"),
    ],
)
def test_a_french_job_cards_remote_work_line(card: str, remote: str) -> None:
    assert parse_job_text(f"Data Analyst\nAcme\n\n{card}\n\nNous cherchons un analyste.").remote == remote


def test_an_nhs_card_under_an_advertising_account_takes_its_first_line_as_the_title() -> None:
    parsed = parse_job_text(
        "Medical Notes Summariser\nCentral Advertising - General Practitioners\n\n"
        "Salary: £ 9:00 /per hour plus NHS pension scheme\nLocation: Slough, SL2 1HD\n\n"
        "Farnham Road Medical Group (FRMG) is a large, progressive and innovative training practice looking "
        "after nearly 38,000 patients.\n\nWe are looking for a Medical Note Summariser."
    )
    assert (parsed.title, parsed.company) == ("Medical Notes Summariser", "Farnham Road Medical Group")


def test_a_name_is_the_employer_by_its_initials_only_when_they_are_its_own() -> None:
    parsed = parse_job_text(
        "Data Analyst\n\nNorth Star Analytics (XYZ) is a consultancy in Leeds.\n\nRequirements\n\n- SQL"
    )
    assert parsed.company != "North Star Analytics"


def test_a_groups_global_headquarters_is_not_where_the_job_is() -> None:
    parsed = parse_job_text(
        "Acme is the largest maker of dental products. Acme's global headquarters is located in Charlotte, "
        "North Carolina, USA.\n\nIn the role as Azure Data Engineer, you will join our data team.\n\n"
        "Requirements\n\n- SQL"
    )
    assert parsed.location is None
    assert parsed.title == "Azure Data Engineer"


@pytest.mark.parametrize("name", ["CIC", "Ltd", "Greater Milan Metropolitan Area", "Greater London Area"])
def test_a_legal_form_alone_or_a_linkedin_region_is_not_a_company_name(name: str) -> None:
    assert not is_company_name(name)


def test_a_card_line_of_place_and_terms_is_not_a_company_name() -> None:
    assert not is_company_name("Montabaur · Full time")


def test_the_title_repeated_is_not_the_employer() -> None:
    parsed = parse_job_text(
        "Gen AI Developr With AWS\nQuantum World Technologies Inc.\nToronto, ON · via BeBee\n\n"
        "Job Title: Gen AI Developr With AWS\n\nLocation: Toronto-Hybrid 2 days in office"
    )
    assert parsed.company == "Quantum World Technologies Inc."


def test_a_piece_of_a_places_name_is_not_the_employer() -> None:
    parsed = parse_job_text(
        "Deputy Reception Manager\nHigh Wycombe\n\nSalary: 15,600\nLocation: High Wycombe, HP14 4LG\n\n"
        "You will help lead a team of receptionists in a busy practice in High Wycombe."
    )
    assert parsed.company != "Wycombe"
