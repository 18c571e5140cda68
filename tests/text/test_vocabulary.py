"""The skills vocabulary: aliases, symbols, multi-word skills and no false positives on ordinary words."""

from __future__ import annotations

import json

import pytest

from jobwise.text.vocabulary import Vocabulary, get_vocabulary
from jobwise.text.vocabulary.skills import DATA_FILE


def names(text: str) -> list[str]:
    return [skill.name for skill in get_vocabulary().skills_in(text)]


def test_vocabulary_ships_several_hundred_skills_with_source_and_licence() -> None:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    assert len(data["skills"]) >= 400
    assert "CC BY 4.0" in data["meta"]["licence"]
    assert any("O*NET" in source for source in data["meta"]["sources"])
    assert any("ESCO" in source for source in data["meta"]["sources"])
    categories = {entry["category"] for entry in data["skills"]}
    assert {
        "language",
        "framework",
        "database",
        "cloud",
        "devops",
        "data",
        "ml",
        "tool",
        "practice",
        "soft",
    } <= categories
    assert (DATA_FILE.parent / "README.md").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Strong JS and TypeScript", ["JavaScript", "TypeScript"]),
        ("We run Postgres on k8s", ["PostgreSQL", "Kubernetes"]),
        ("Services in Golang", ["Go"]),
        ("C++ and C# on .NET, plus Node.js", ["C++", "C#", ".NET", "Node.js"]),
        ("CI/CD with GitHub Actions", ["CI/CD", "GitHub Actions"]),
        ("Spring Boot microservices", ["Spring Boot", "Microservices"]),
        ("ASP.NET Core and Entity Framework", ["ASP.NET", "Entity Framework"]),
        ("machine learning with scikit-learn", ["Machine learning", "scikit-learn"]),
        ("end to end testing and end-to-end tests", ["End-to-end testing"]),
        ("T-SQL and TSQL", ["T-SQL"]),
        ("Amazon Web Services (AWS) and GCP", ["AWS", "Google Cloud Platform"]),
    ],
)
def test_aliases_symbols_and_multi_word_skills_map_to_one_canonical_name(
    text: str, expected: list[str]
) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Experience with Python, Go and Rust", ["Python", "Go", "Rust"]),
        ("Go developers wanted", ["Go"]),
        ("Backend services written in Go", ["Go"]),
        ("Go beyond the obvious and go the extra mile.", []),
        ("A go-to person for the team", []),
        ("Statistical modelling in R and Python", ["Statistics", "R", "Python"]),
        ("Our R&D team", []),
        ("C-level stakeholders and a Series C company", []),
        ("Embedded work in C and C++", ["C", "C++"]),
        ("Salary C$95,000", []),
    ],
)
def test_ambiguous_forms_match_only_in_a_technical_context(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "You will excel at building trust",
        "The rest of the team",
        "React quickly to incidents",
        "Take a swift decision",
        "Spark curiosity in others",
        "Keep our images lean",
        "Our sales team and pricing page",
        "We are recruiting now",
        "une visio RH de 30min avec Mathieu",
        "the mods and rockers",
    ],
)
def test_ordinary_words_are_not_skills(text: str) -> None:
    assert [s.name for s in get_vocabulary().skills_in(text) if not s.is_soft] == []


def test_capitalised_product_names_still_match() -> None:
    assert names("Excel, Slack, Swift and React") == ["Microsoft Excel", "Slack", "Swift", "React"]


def test_spoken_languages_need_a_language_cue() -> None:
    assert names("Tulpio is a Dutch scale-up") == []
    assert names("Fluent German and good English") == ["German", "English"]
    assert names("French is an asset") == ["French"]


def test_canonical_looks_up_a_single_term() -> None:
    vocabulary = get_vocabulary()
    assert vocabulary.canonical("postgres").name == "PostgreSQL"  # type: ignore[union-attr]
    assert vocabulary.canonical("Go").name == "Go"  # type: ignore[union-attr]
    assert vocabulary.canonical("REST APIs").name == "REST APIs"  # type: ignore[union-attr]
    assert vocabulary.canonical("kubernetes").name == "Kubernetes"  # type: ignore[union-attr]
    assert vocabulary.canonical("not a skill at all") is None


def test_matches_carry_positions_and_surface_text() -> None:
    text = "We use k8s daily"
    [match] = get_vocabulary().find(text)
    assert text[match.start : match.end] == "k8s" == match.text
    assert match.skill.name == "Kubernetes"


def test_duplicate_names_are_refused() -> None:
    with pytest.raises(ValueError, match="duplicate"):
        Vocabulary([{"name": "Go", "category": "language"}, {"name": "go", "category": "language"}])


@pytest.mark.parametrize(
    "second",
    [
        {"name": "Shell scripting", "category": "language", "aliases": ["shell scripting"]},
        {"name": "Bourne shell", "category": "language", "exact": ["Bash"]},
    ],
)
def test_a_form_two_skills_claim_is_refused(second: dict[str, object]) -> None:
    first = {"name": "Bash", "category": "language", "aliases": ["Shell scripting"], "exact": ["Bash"]}
    with pytest.raises(ValueError, match="already names 'Bash'"):
        Vocabulary([first, second])


@pytest.mark.parametrize(
    ("term", "skill"),
    [
        ("Shell scripting", "Shell scripting"),
        ("Bash", "Bash"),
        ("digitisation", "Digitization"),
        ("statistical analyses", "Statistics"),
        ("proofreading", "Proofreading"),
        ("electronic health records", "Electronic health records"),
        ("troubleshooting", "Troubleshooting"),
    ],
)
def test_each_form_names_one_skill(term: str, skill: str) -> None:
    assert get_vocabulary().canonical(term).name == skill  # type: ignore[union-attr]


def test_ordinary_words_that_name_a_skill_count_only_in_the_skills_own_phrases() -> None:
    found = [
        match.skill.name for match in get_vocabulary().find("driving architectural decisions; office windows")
    ]
    assert found == []
    found = [
        match.skill.name for match in get_vocabulary().find("commercial driving experience on Windows 10")
    ]
    assert found == ["Driving", "Windows"]


def test_compliance_archive_and_sales_terms_match_in_their_own_sense() -> None:
    assert names("Regulatory knowledge: KYC, AML and MiFID II") == ["KYC", "AML", "MiFID II"]
    assert names("Metadata cataloging schema including Dublin Core, METS and MODS; EAD and TEI") == [
        "Metadata",
        "Dublin Core",
        "METS",
        "MODS",
        "EAD",
        "TEI",
    ]
    assert names("Draw process diagrams in Visio") == ["Microsoft Visio"]
    assert "Sales" in names("previous sales experience is welcome")


def test_the_fifth_batch_terms_and_the_british_unity_catalogue() -> None:
    assert names("Familiarity with Delta Lake or Unity Catalogue") == ["Delta Lake", "Unity Catalog"]
    assert names("minute taking, diary management and data entry") == [
        "Minute taking",
        "Diary management",
        "Data entry",
    ]
    assert names("testing frameworks (Jest, Playwright, PHPUnit)") == ["Jest", "Playwright", "PHPUnit"]
    assert names("a suitably experienced Occupational Therapist") == ["Occupational therapy"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a Carpenter for reactive maintenance", ["Carpentry", "Reactive maintenance"]),
        ("preventative maintenance and plumbing", ["Planned maintenance", "Plumbing"]),
        ("an electrician with the 18th Edition", ["Electrical installation", "18th Edition"]),
        ("welding, with a CSCS card", ["Welding", "CSCS card"]),
        ("a valid SIA licence and CCTV monitoring", ["SIA licence", "CCTV"]),
        ("plan menus, HACCP and allergen awareness", ["Menu planning", "HACCP", "Allergen management"]),
        ("cash handling on the EPOS system", ["Cash handling", "Point of sale"]),
        ("NVQ Level 2 in Catering or City & Guilds", ["NVQ", "City & Guilds"]),
        ("knowledge of basic hazmat guidelines and typing skills", ["Hazmat", "Typing"]),
        ("personal care and pressure area care", ["Personal care", "Pressure area care"]),
        ("you will complete the Care Certificate", ["Care Certificate"]),
        ("a delivery driver who assists decontamination staff", ["Driving", "Decontamination"]),
        ("ACA or CIPFA qualified", ["ACA", "CIPFA"]),
        ("volunteer management and fundraising", ["Volunteer management", "Fundraising"]),
        ("develop your own research profile", ["Research"]),
        ("maintain voter records and the electoral register", ["Voter registration"]),
        ("archival processing of manuscript collections", ["Archival processing"]),
        ("Proficient in Excel, Word and Access", ["Microsoft Excel", "Microsoft Word", "Microsoft Access"]),
    ],
)  # fmt: skip
def test_version_2_5_names_the_trades_hospitality_security_care_and_office_work(
    text: str, expected: list[str]
) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Research has shown that women apply only when they meet every requirement",
        "Immediate joiner preferred",
        "a teaching hospital",
        "Word of mouth brings us most customers",
        "Access to a car is essential",
        "our mental health NHS trust",
        "static typing with mypy",
        "ACA reporting for US employees",
    ],
)
def test_version_2_5_forms_that_are_ordinary_words_elsewhere_do_not_match(text: str) -> None:
    assert [s.name for s in get_vocabulary().skills_in(text) if not s.is_soft] == []


def test_a_practice_knows_the_tools_that_do_it() -> None:
    vocabulary = get_vocabulary()
    practice = vocabulary.get("Version control")
    assert practice is not None and "Git" in vocabulary.implied_by(practice)
    python = vocabulary.get("Python")
    assert python is not None and vocabulary.implied_by(python) == frozenset()


def test_every_tool_a_practice_names_is_a_skill_of_the_vocabulary() -> None:
    vocabulary = get_vocabulary()
    for skill in vocabulary:
        for tool in vocabulary.implied_by(skill):
            assert vocabulary.get(tool) is not None, (skill.name, tool)


def test_data_skills_in_german_dutch_and_french_postings() -> None:
    assert names("Erfahrung im Aufbau von Datenpipelines und Datenmodellierung") == [
        "Data pipelines",
        "Data modeling",
    ]
    assert names("Je ontwikkelt datamodellen en werkt aan projectmanagement") == [
        "Data modeling",
        "Project management",
    ]
    assert names("maîtrise de l'analyse et de la modélisation de données") == ["Data modeling"]
    assert names("Aufbau eines DataGovernance-Frameworks") == ["Data governance"]


def test_cleaning_security_and_tutoring_terms() -> None:
    assert names("deep cleaning to agreed cleaning schedules") == ["Cleaning"]
    assert names("security patrols and de-escalation techniques") == ["Security guarding", "De-escalation"]
    assert names("SAT prep and facilities management") == ["Test preparation", "Facilities management"]
    assert names("lecturing experience in higher education") == ["Teaching"]


def test_qualities_of_the_work_are_marked_apart_from_methods() -> None:
    vocabulary = get_vocabulary()
    aims = {skill.name for skill in vocabulary if vocabulary.is_aim(skill)}
    assert {"Scalability", "Code review", "Data engineering"} <= aims
    assert not {"CI/CD", "Data modeling", "Python"} & aims


def test_nursing_stores_and_audit_terms() -> None:
    assert names("blood transfusion, symptom control and continence care") == [
        "Blood transfusion",
        "Pain management",
        "Continence care",
    ]
    assert names("accurate record keeping and report writing") == ["Record keeping", "Report writing"]
    assert names("an RNLD nurse; syringe drivers; use of hoists") == [
        "Learning disability nursing",
        "Palliative care",
        "Manual handling",
    ]
    assert names("internal and external audit") == ["Auditing"]
    assert names("picking, packing, and shipping; inputting data") == ["Picking and packing", "Data entry"]


def test_microsoft_data_and_automation_products_and_other_tools() -> None:
    assert names("SSIS, SSRS and SSAS; Power Automate and Power Apps") == [
        "SSIS",
        "SSRS",
        "SSAS",
        "Power Automate",
        "Power Apps",
    ]
    assert names("Infrastructure in Bicep or ARM templates, devices in Intune") == [
        "Bicep",
        "ARM templates",
        "Microsoft Intune",
    ]
    assert names("Kimball methodology or Data Vault 2.0") == ["Data modeling", "Data Vault"]
    assert names("incidents logged on Datix; shifts on HealthRoster") == ["Datix", "HealthRoster"]
    # "GTM" is a go-to-market plan more often than Google Tag Manager.
    assert names("Improve GTM and business insight") == []


def test_a_lower_case_list_of_technologies_names_the_ordinary_words_in_it() -> None:
    assert names(
        "php, mysql, react js, angular, bootstrap, laravel, ruby, django, asp.net, c, sql server, oracle"
    ) == [
        "PHP",
        "MySQL",
        "React",
        "Angular",
        "Bootstrap",
        "Laravel",
        "Ruby",
        "Django",
        "ASP.NET",
        "C",
        "Microsoft SQL Server",
        "Oracle Database",
    ]
    # Not an ordinary word between ordinary words, nor outside a list.
    assert names("Unity Catalog governance (schemas, access, metadata tagging)") == [
        "Unity Catalog",
        "Metadata",
    ]
    assert names("We go beyond Python and SQL to excel at rust removal") == ["Python", "SQL"]


def test_managing_people_is_team_management() -> None:
    for text in ("5 years of supervisory/management experience", "you will line manage two officers"):
        assert names(text) == ["Team management"]


def test_two_modifiers_sharing_a_noun_name_two_skills() -> None:
    assert names("effective planned and reactive maintenance support") == [
        "Planned maintenance",
        "Reactive maintenance",
    ]
    assert names("unit and integration testing") == ["Unit testing", "Integration testing"]
    assert names("Python and SQL scripting") == ["Python", "SQL"]


def test_a_worker_names_the_work() -> None:
    assert names("Receptionist") == ["Reception"]
    assert names("Bank Porter") == ["Portering"]
    assert names("Senior Lecturer in Digital Humanities") == ["Teaching", "Digital humanities"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Proficiency in MARC, OAI-PMH and Dublin Core", ["MARC", "OAI-PMH", "Dublin Core"]),
        ("Marc will show you around", []),
        ("using text mining and Bayesian statistics", ["Text mining", "Bayesian statistics"]),
        ("experience in air ticketing and tour management", ["Air ticketing", "Tour management"]),
        ("a record in advertising sales or health education", ["Advertising sales", "Health education"]),
        ("a clinic in Phoenix, AZ, offering patient care", ["Patient care"]),
        ("Elixir, Phoenix and Ecto", ["Elixir", "Phoenix"]),
        ("OCR pipelines and chatbots", ["Optical character recognition", "Conversational AI"]),
        ("a registered nurse (RN) with TNCC", ["RN licence", "RN licence", "Trauma Nursing Core Course"]),
        ("database design and geospatial analysis", ["Database design", "Geospatial analysis"]),
        ("Tableau, Domo or Looker", ["Tableau", "Domo", "Looker"]),
        ("Domo arigato", []),
    ],
)
def test_version_2_6_names_library_data_travel_and_media_sales_terms(text: str, expected: list[str]) -> None:
    assert [m.skill.name for m in get_vocabulary().find(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ensuring compliance with statutory requirements", []),
        ("follows compliance standards and security controls", []),
        ("experience in regulatory compliance", ["Compliance"]),
        ("ensures statutory compliance of election services", ["Compliance"]),
        ("strong knowledge of machine learning algorithms", ["Machine learning"]),
        ("a grasp of algorithms and data structures", ["Algorithms and data structures"]),
        ("refactoring complex SQL queries", ["SQL"]),
        ("paying down technical debt", ["Technical debt management"]),
        ("knowledge of statistical methodologies", ["Statistics"]),
        ("Corporate Accountant", ["Accounting"]),
        ("experience of budgetary control", ["Budgeting"]),
        ("patients experiencing functional mental health concerns", ["Mental health"]),
        ("a leading provider of mental health services", []),
        ("ability to fluently read, write and communicate in English", ["English"]),
        ("a 4-year Bachelor of Nursing Science or equivalent", ["Bachelor of Science in Nursing"]),
        ("BSN required", ["Bachelor of Science in Nursing"]),
    ],
)
def test_version_2_7_compliance_with_a_rule_is_an_aim_and_algorithms_of_a_field_are_the_field(
    text: str, expected: list[str]
) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NVQ3/QCF Level 3 Diploma in Care or a commitment to achieving this", ["NVQ Level 3"]),
        ("QCF Level 3 in Health and Social Care", ["NVQ Level 3"]),
        ("personal care and administration of medication", ["Personal care", "Medication administration"]),
    ],
)  # fmt: skip
def test_version_2_7_1_a_level_3_qualification_by_any_name_and_medication_given(
    text: str, expected: list[str]
) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # nursing and social care
        ("experience of telephone triage and holistic assessments", ["Triage", "Clinical assessment"]),
        (
            "confident with drug rounds and aseptic technique",
            ["Medication administration", "Aseptic technique"],
        ),
        (
            "supporting adults with autism and epilepsy in supported living",
            ["Autism support", "Epilepsy care", "Supported living"],
        ),
        (
            "domiciliary care experience and knowledge of the Care Act 2014",
            ["Domiciliary care", "Care Act 2014"],
        ),
        (
            "band 5 theatre nursing or district nursing experience",
            ["Perioperative care", "Community nursing"],
        ),
        # teaching
        ("write schemes of work and provide pastoral support", ["Lesson planning", "Pastoral care"]),
        ("experience with EHCPs and exam invigilation", ["Special educational needs", "Exam invigilation"]),
        # sales
        (
            "a track record of hitting sales targets and managing key accounts",
            ["Sales", "Account management"],
        ),
        ("trained in SPIN selling", ["Sales methodology"]),
        # accounting and finance
        (
            "accruals and prepayments, reconciliations and year-end accounts",
            ["Accruals and prepayments", "Account reconciliation", "Year-end accounts"],
        ),
        ("cash flow forecasting, pivot tables and VLOOKUPs", ["Cash management", "Microsoft Excel"]),
        ("credit risk and regulatory reporting (COREP)", ["Risk management", "Regulatory reporting"]),
        ("FRS 102 and PAYE", ["GAAP", "Payroll"]),
        # warehouse and logistics
        ("operate a forklift truck and put away stock", ["Forklift", "Goods receiving"]),
        ("a valid forklift licence", ["Forklift licence"]),
        ("Class 2 HGV licence and ADR certificate", ["HGV licence", "Hazmat"]),
        # government and museums
        (
            "committee administration and public consultations",
            ["Committee administration", "Public consultation"],
        ),
        (
            "accessioning, object conservation and exhibition planning",
            ["Collections management", "Conservation", "Exhibition curation"],
        ),
        # data
        ("Spark on Amazon EMR writing Parquet", ["Apache Spark", "Amazon EMR", "Apache Parquet"]),
        (
            "dbt, SQLMesh or Dataform; data mesh and change data capture",
            ["dbt", "SQLMesh", "Dataform", "Data mesh", "Change data capture"],
        ),
    ],
)
def test_version_2_8_names_the_skills_of_care_teaching_sales_finance_logistics_and_museum_work(
    text: str, expected: list[str]
) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the Center for Conservation Innovation",  # conservation of collections, not of nature
        "triage incoming bugs",  # a patient's triage, not a ticket's
        "our Treasury department",
        "a leading logistics company",
        "polling center logistics",
        "an EMR system",  # still an electronic health record, not Amazon EMR
    ],
)
def test_version_2_8_forms_that_are_ordinary_words_elsewhere_do_not_match(text: str) -> None:
    assert "Conservation" not in names(text)
    assert "Triage" not in names(text)
    assert "Treasury" not in names(text)
    assert "Logistics" not in names(text)
    assert "Amazon EMR" not in names(text)


def test_version_2_8_1_the_aims_every_duty_list_names_are_aims() -> None:
    # "Track KPIs", "provide high quality patient care", "take part in business development activities":
    # duties of every analyst, nurse and consultant, asked for as a skill only by the requirements.
    vocabulary = get_vocabulary()
    aims = {skill.name for skill in vocabulary if vocabulary.is_aim(skill)}
    assert {"KPIs", "Patient care", "Business development"} <= aims
    assert "Incident response" not in aims  # on-call duties name a method with tools of its own


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ICU or ITU experience and telemetry nursing", ["Critical care nursing", "Cardiac monitoring"]),
        ("a trauma-informed approach and group work", ["Trauma-informed practice", "Group work"]),
        ("carry out functional assessments", ["Functional assessment"]),
        (
            "population health, epidemiology and health economics",
            ["Population health", "Epidemiology", "Health economics"],
        ),
        ("PhD supervision and a strong publication record", ["Research supervision", "Research"]),
        ("Yocto, MQTT and Bluetooth Low Energy", ["Yocto", "MQTT", "Bluetooth"]),
        ("WebRTC and Copilot Studio on Azure AI Foundry", ["WebRTC", "Copilot Studio", "Azure AI Foundry"]),
        ("an Electron desktop app in TypeScript", ["Electron", "TypeScript"]),
        ("election preparation under state election law", ["Elections administration"]),
        ("a quota-carrying account executive", ["Sales"]),
        ("security patrols and alarm response", ["Security guarding"]),
        ("produce MI reports for the board", ["Management information"]),
        ("humanities computing", ["Digital humanities"]),
    ],
)
def test_version_2_9_names_what_nursing_research_embedded_election_and_sales_posts_ask(
    text: str, expected: list[str]
) -> None:
    assert names(text) == expected


def test_version_2_9_an_element_is_not_electron() -> None:
    assert "Electron" not in names("the Electron Microscopy Unit")


def test_a_nationality_is_not_a_spoken_language() -> None:
    assert names("Due to the nature of our work, a Norwegian citizenship is required.") == []
    assert names("Open to UK and Irish nationals; a German work permit is needed") == []
    assert names("Fluent Norwegian required") == ["Norwegian"]


def test_version_2_9_1_social_and_professional_networking_is_not_computer_networking() -> None:
    assert names("an interest in gaming, social networking and digital art") == ["Social networking"]
    assert names("regular networking events and networking opportunities") == []
    assert names("knowledge of networking and TCP/IP") == ["Networking"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Azure Repos and Azure Boards", ["Azure DevOps"]),
        ("Azure Monitor, Application Insights and Key Vault", ["Azure Monitor", "Azure Key Vault"]),
        ("a medallion architecture on Fabric Lakehouse", ["Data warehousing", "Microsoft Fabric"]),
        ("JFrog Artifactory", ["Artifactory"]),
        ("home automation over Zigbee and Z-Wave", ["Home automation"]),
        ("docs in reStructuredText and Markdown", ["reStructuredText", "Markdown"]),
        ("Gong and Pipedrive for cold outreach", ["Gong", "Pipedrive", "Sales prospecting"]),
        (
            "K-12 student engagement in a virtual classroom",
            ["K-12 education", "Student engagement", "Online teaching"],
        ),
        ("recruit and train poll workers", ["Elections administration"]),
    ],
)
def test_version_2_10_names_cloud_devops_embedded_docs_sales_tools_and_school_terms(
    text: str, expected: list[str]
) -> None:
    assert names(text) == expected


def test_version_2_10_a_markdown_in_retail_is_a_price_cut() -> None:
    assert names("apply the seasonal markdown to stock") == []
