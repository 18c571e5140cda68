"""Deterministic keywords: canonical, ranked, and mergeable with an LLM's."""

from __future__ import annotations

from jobwise.text.keywords import canonical_keyword, extract_keywords, merge_keywords, title_skills


def test_keywords_are_canonical_and_deduplicated() -> None:
    assert extract_keywords("Postgres, PostgreSQL and postgres; k8s and Kubernetes") == [
        "PostgreSQL",
        "Kubernetes",
    ]


def test_requirements_count_more_and_soft_skills_come_last() -> None:
    text = "Great communication skills. We use Docker. Python is a must. Python again."
    keywords = extract_keywords(text, emphasis=["Docker required"])
    assert keywords[:2] == ["Docker", "Python"]
    assert keywords[-1] == "Communication"
    assert "Communication" not in extract_keywords(text, include_soft=False)


def test_limit_is_respected() -> None:
    assert len(extract_keywords("Python Java Go Rust Ruby PHP Kotlin Scala", limit=3)) == 3


def test_merge_puts_deterministic_first_and_canonicalises_extra_terms() -> None:
    merged = merge_keywords(["Python", "PostgreSQL"], ["postgres", "k8s", "Domain knowledge in logistics"])
    assert merged == ["Python", "PostgreSQL", "Kubernetes", "Domain knowledge in logistics"]


def test_canonical_keyword_tidies_unknown_terms() -> None:
    assert canonical_keyword("  JS ") == "JavaScript"
    assert canonical_keyword("  event  storming. ") == "event storming"


def test_the_caller_can_leave_mentions_out() -> None:
    text = "Python and Rust; Rust again"
    assert extract_keywords(text, keep=lambda _text, found: found.skill.name != "Rust") == ["Python"]


def test_a_title_names_its_trade_through_its_role_noun() -> None:
    assert [s.name for s in title_skills("Senior Project Manager")] == ["Project management"]
    assert [s.name for s in title_skills("Payroll Officer (maternity cover)")] == []  # "Payroll" names itself
    # "Sales" is too common a word to be a form in prose, but a sales advisor's trade is sales.
    assert [s.name for s in title_skills("Private Patients Sales Advisor")] == ["Sales"]


def test_a_title_names_no_discipline_or_trait_through_its_role_noun() -> None:
    # A data engineer is not asked for "data engineering" as a skill (an aim), nor a leader for leadership.
    assert title_skills("Data Engineer") == []
    assert title_skills("Team Lead") == []
    assert title_skills("Registered Nurse") == []
    # A teaching assistant is not asked for teaching: the vocabulary rejects that phrase.
    assert title_skills("Teaching Assistant") == []
