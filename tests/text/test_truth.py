"""The truth check: paraphrase passes, fabrication is caught, and job facts may be named, not claimed."""

from __future__ import annotations

import pytest

from jobwise.text.truth import Sources, check, check_truth

PROFILE = """Jane Doe
Senior Software Engineer, Acme Analytics GmbH, 2019-03 – Present
- Responsible for the billing service written in Python and PostgreSQL
- Reduced report generation time by 40 percent for 12 enterprise customers
- Led a team of five engineers through a migration to Kubernetes
- Cut cloud costs by $10k a month
Software Engineer, Globex, 2016 – 2019
- Built internal tools with Django and React used by 2,500 employees
Education: BSc in Computer Science, Technical University of Munich, 2016
Skills: Python, Postgres, k8s, Docker, AWS
"""


@pytest.mark.parametrize(
    "rewrite",
    [
        "Own the billing service built with Python and Postgres.",
        "Cut report generation time by 40% for twelve enterprise customers.",
        "Lead a five-person engineering team through the k8s migration.",
        "Reduced cloud spend by $10,000 per month.",
        "Reduced cloud costs by 10k dollars a month.",
        "Built internal tools in Django and React for 2500 employees at Globex.",
        "Senior Software Engineer at Acme Analytics since March 2019.",
        "Over four years at Acme Analytics after three years at Globex.",
        "Holds a Bachelor's degree in Computer Science from the Technical University of Munich.",
        "Designed and shipped the billing service on PostgreSQL.",
        "Led the Billing Team's migration to Kubernetes with strong communication and leadership.",
        "Senior Engineer with a background in Python services.",
    ],
)
def test_realistic_rewrites_pass(rewrite: str) -> None:
    report = check_truth(rewrite, PROFILE)
    assert report.passed, report.summary


@pytest.mark.parametrize(
    ("rewrite", "kind", "text"),
    [
        ("Reduced report generation time by 60% for 12 enterprise customers.", "number", "60%"),
        ("Reduced report generation time by 40% for 50 enterprise customers.", "number", "50"),
        ("Led a team of eight engineers through a migration to Kubernetes.", "number", "eight"),
        ("Saved $2M a year in cloud costs.", "number", "$2M"),
        ("Built internal tools at Google with Django and React.", "organization", "Google"),
        ("Built internal tools for Initech with Django.", "organization", "Initech"),
        ("Promoted to Principal Engineer at Acme Analytics.", "title", "Principal Engineer"),
        ("Worked as Engineering Manager for the billing team.", "title", "Engineering Manager"),
        ("Holds an MSc in Computer Science.", "degree", "MSc in Computer Science"),
        ("BSc in Physics from the Technical University of Munich.", "degree", "BSc in Physics"),
        ("Completed a PhD in distributed systems.", "degree", "PhD in distributed systems"),
        ("Migrated the billing service to Kafka.", "technology", "Kafka"),
        ("Rewrote the internal tools in Go and Rust.", "technology", "Go"),
        ("Joined Acme Analytics in January 2018.", "date", "January 2018"),
        ("Built internal tools with Django in 2014.", "date", "2014"),
        ("Spent 10 years building billing systems.", "duration", "10 years"),
    ],
)
def test_fabrications_are_caught(rewrite: str, kind: str, text: str) -> None:
    report = check_truth(rewrite, PROFILE)
    assert not report.passed
    assert (kind, text) in {(a.kind, a.text) for a in report.added}, report.added


def test_the_summary_names_what_was_added_and_reads_as_feedback() -> None:
    report = check_truth("Saved $2M at Google using Kafka.", PROFILE)
    assert '"$2M"' in report.summary and '"Google"' in report.summary and '"Kafka"' in report.summary
    assert report.as_dict()["passed"] is False
    assert {"kind", "text", "from_job"} <= set(report.as_dict()["added"][0])
    assert check_truth("Own the billing service.", PROFILE).summary.startswith("Adds no facts")


def test_soft_skills_and_sentence_initial_verbs_are_not_facts() -> None:
    assert check_truth("Collaborated closely with stakeholders. Mentored colleagues.", PROFILE).passed


def test_contact_details_are_not_claims() -> None:
    text = "Jane Doe · jane@example.com · +1 (555) 123-4567 · github.com/jane"
    assert check_truth(text, PROFILE).passed


JOB = """Senior Backend Engineer at Loopwise
You will build event pipelines with Kafka on AWS.
Requirements: 6+ years with Python; Bachelor's degree in Computer Science.
Loopwise serves 3,000 home-care agencies."""
NAMES = ["Loopwise", "Senior Backend Engineer"]


@pytest.mark.parametrize(
    "letter",
    [
        "I am writing to apply for the Senior Backend Engineer position at Loopwise.",
        "Your team builds event pipelines with Kafka, and I would bring my Python and PostgreSQL experience.",
        "The posting asks for experience with Kafka on AWS.",
        "I would welcome the chance to discuss how my experience could help Loopwise.",
        "Loopwise serves 3,000 home-care agencies, which is why the role appeals to me.",
        "Dear Hiring Manager,\n\nThank you for considering my application.\n\nKind regards,\nJane Doe",
    ],
)
def test_a_letter_may_name_what_the_job_names(letter: str) -> None:
    report = check_truth(letter, PROFILE, job_text=JOB, job_names=NAMES)
    assert report.passed, report.summary


@pytest.mark.parametrize(
    ("letter", "text"),
    [
        ("I have built Kafka pipelines at Acme Analytics.", "Kafka"),
        ("My time at Loopwise taught me a lot.", "Loopwise"),
        ("As a Senior Backend Engineer, I built the billing service.", "Senior Backend Engineer"),
        ("I served 3,000 agencies with my tools.", "3,000"),
    ],
)
def test_a_letter_may_not_claim_what_only_the_job_names(letter: str, text: str) -> None:
    report = check_truth(letter, PROFILE, job_text=JOB, job_names=NAMES)
    assert not report.passed
    added = {(a.text, a.from_job) for a in report.added}
    assert (text, True) in added, report.added
    assert "job posting" in report.summary


@pytest.mark.parametrize(
    ("company", "letter"),
    [
        ("Acme Logistics", "I would welcome the chance to discuss how my experience could help Acme."),
        ("Google Inc.", "I would be glad to bring my experience to Google."),
        ("Stripe, Inc.", "I would welcome the chance to discuss how my work could help Stripe."),
        ("Brauhaus Digital GmbH", "My experience would help Brauhaus Digital grow."),
        ("Ashmolean Museum, Oxford University", "I would be glad to help Ashmolean Museum, Oxford."),
    ],
)
def test_any_part_of_the_employers_name_is_the_job_s(company: str, letter: str) -> None:
    job = f"Project Manager at {company}\nYou will run projects."
    report = check_truth(letter, PROFILE, job_text=job, job_names=[company, "Project Manager"])
    assert report.passed, report.summary


def test_part_of_the_employers_name_is_still_a_claim_in_the_shape_of_employment() -> None:
    job = "Project Manager at Fintrail Logistics\nYou will run projects."
    report = check_truth("I worked at Fintrail.", PROFILE, job_text=job, job_names=["Fintrail Logistics"])
    assert [(a.text, a.from_job) for a in report.added] == [("Fintrail", True)]


def test_a_fact_in_neither_source_is_flagged_as_the_persons() -> None:
    report = check_truth("Your team uses Snowflake.", PROFILE, job_text=JOB, job_names=NAMES)
    assert [(a.text, a.from_job) for a in report.added] == [("Snowflake", False)]


def test_sources_bundle_matches_check_truth() -> None:
    sources = Sources(own=[PROFILE], nameable=["Senior Backend Engineer", "Loopwise", JOB])
    assert check("I have built Kafka pipelines.", sources).unsupported[0].text == "Kafka"
    assert check(
        "I am writing to apply for the Senior Backend Engineer position at Loopwise.", sources
    ).passed


def test_an_employer_named_in_many_words_is_still_the_job_s() -> None:
    # A real NHS posting: the trust's name is eight words long, more than a short nameable text.
    trust = "Rotherham Doncaster and South Humber NHS Foundation Trust"
    sources = Sources(
        own=[PROFILE], nameable=["Staff Nurse (Band 5)", trust, JOB], names=["Staff Nurse (Band 5)", trust]
    )
    assert check(f"I would welcome the chance to talk about how I could help {trust}.", sources).passed
    assert not check(f"I worked at {trust} for two years.", sources).passed
