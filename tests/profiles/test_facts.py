"""The profile as every feature sees it (profiles/facts.py): one choice of text, one set of
details kept from a model, one set of facts a written text may use."""

from __future__ import annotations

from jobwise.models import Education, Experience, Profile, ProfileEntry, Project, User
from jobwise.profiles import facts

INFO = {
    "name": "Ada Lovelace",
    "email": "ada@example.com",
    "phone": "+44 20 7946 0000",
    "label": "Backend Engineer",
    "location": {"address": "12 St James's Square", "city": "London", "countryCode": "GB"},
    "url": "https://ada.dev",
    "linkedin": "https://linkedin.com/in/ada",
    "github": "https://github.com/ada",
    "profiles": [{"network": "Mastodon", "url": "https://hachyderm.io/@ada"}],
}


def experience(**changes: object) -> Experience:
    values: dict[str, object] = {
        "title": "Backend Engineer",
        "company": "Acme Payments",
        "start_date": "2021-03",
        "end_date": None,
        "is_current": True,
        "description": "- Built the ledger in Python\nCut p99 latency by 40%",
        "enhanced_description": "Built the payments ledger in Python\nCut p99 latency by 40%",
        "enhanced_source": "- Built the ledger in Python\nCut p99 latency by 40%",
        "use_enhanced": True,
        "technologies": ["Python", "PostgreSQL"],
    }
    values.update(changes)
    return Experience(**values)


def profile(*experiences: Experience) -> Profile:
    return Profile(
        personal_info=INFO,
        professional_summary="Engineer who builds payment systems.",
        skills=[{"name": "Backend", "keywords": ["Python", "FastAPI"]}],
        custom_fields={"clearance": "SC cleared"},
        experiences=list(experiences),
        projects=[
            Project(
                name="ledgerkit",
                description="An open-source double-entry ledger",
                url="https://ledgerkit.dev",
                github_url="https://github.com/ada/ledgerkit",
                technologies=["Rust"],
            )
        ],
        education=[Education(institution="University of London", degree="BSc Mathematics", gpa=3.8)],
    )


def test_a_document_uses_the_chosen_enhanced_text_only_while_it_is_current() -> None:
    current = experience()
    assert facts.chosen_description(current) == (
        ["Built the payments ledger in Python", "Cut p99 latency by 40%"],
        "enhanced",
    )
    edited = experience(description="Built the ledger in Go")
    assert facts.chosen_description(edited) == (["Built the ledger in Go"], "original")
    not_chosen = experience(use_enhanced=False)
    assert facts.chosen_description(not_chosen)[1] == "original"


def test_a_bullet_is_given_to_a_model_without_its_typed_marker() -> None:
    assert [facts.bullet_text(line) for line in ("- Built it", "• Ran it", "2) Sold it", "Plain")] == [
        "Built it",
        "Ran it",
        "Sold it",
        "Plain",
    ]


def test_every_address_of_the_person_is_kept_from_a_model() -> None:
    user = User(email="login@example.com", full_name="Ada L.")
    personal = facts.call_context(user, profile()).personal
    assert personal.name == "Ada Lovelace" and personal.email == "ada@example.com"
    assert personal.address is not None and "12 St James's Square" in personal.address
    assert set(personal.urls) == {
        "https://ada.dev",
        "https://linkedin.com/in/ada",
        "https://github.com/ada",
        "https://hachyderm.io/@ada",
    }
    # A document shows the same links, and the place without the street.
    assert facts.profile_links(INFO) == list(personal.urls)
    assert facts.profile_location(INFO) == "London, GB"


def test_the_stated_facts_hold_everything_the_person_wrote_and_nothing_they_replaced() -> None:
    stale = experience(
        company="Globex",
        description="Cut costs by 10%",
        enhanced_description="Cut costs by 25%",
        enhanced_source="Cut costs by 20%",
    )
    said = "\n".join(facts.stated(profile(experience(), stale)))
    for fact in (
        "https://github.com/ada/ledgerkit",  # a project's address
        "GPA 3.8",
        "SC cleared",  # a custom field
        "Built the payments ledger in Python",  # current enhanced text
        "London, GB",
        "FastAPI",
    ):
        assert fact in said, fact
    # Enhanced text made from an older original may state what the person has since corrected.
    assert "25%" not in said


def test_entries_and_a_jobs_imported_summary_are_stated_facts() -> None:
    job = experience(extra={"keys": {"summary": "Payments start-up of 40 people"}})
    person = profile(job)
    person.entries = [
        ProfileEntry(section="certificates", data={"name": "Google Data Analytics", "issuer": "Google"}),
        ProfileEntry(
            section="volunteer", data={"organization": "DataKind", "highlights": ["Built a dashboard"]}
        ),
        ProfileEntry(section="languages", data={"language": "Spanish", "fluency": "Fluent"}),
    ]
    said = "\n".join(facts.stated(person))
    for fact in (
        "Payments start-up of 40 people",
        "Google Data Analytics",
        "DataKind",
        "Built a dashboard",
        "Spanish",
    ):
        assert fact in said, fact
