"""The faults that make a letter one a person could not send: each is found, and a clean letter
has none."""

from __future__ import annotations

from jobwise.text.letter_faults import letter_faults

POSTING = [
    "We are looking for an engineer who enjoys building reliable payment systems at scale for our customers."
]
SENTENCES = [
    "At Acme, I reduced build time by 40% for the platform team.",
    "I led a team of five engineers through a migration to Kubernetes.",
    "I designed the billing service on Python and PostgreSQL.",
    "Beyond that, I wrote the onboarding guide for new engineers.",
    "Your posting puts weight on Python and PostgreSQL, and that is the work I know best.",
    "The role also involves AWS, and I would be keen to grow in that part of the work.",
    "I would welcome the chance to talk about how I could help Finly.",
    "I would be glad to walk you through any of this work in more detail.",
    "Thank you for your time.",
]


def _letter(*paragraphs: str) -> str:
    return "Dear Hiring Manager,\n\n" + "\n\n".join(paragraphs) + "\n\nKind regards,\nJane Doe"


def kinds(text: str) -> set[str]:
    return {fault.kind for fault in letter_faults(text, posting=POSTING, names=("Finly",))}


def test_a_clean_letter_has_no_fault() -> None:
    text = _letter(
        "I am writing to apply for the Senior Backend Engineer role at Finly. "
        "I currently work as a Backend Engineer at Acme, where I have worked since 2019. "
        "The tools I know best are Python, FastAPI and PostgreSQL.",
        " ".join(SENTENCES[:4]),
        " ".join(SENTENCES[4:6]),
        " ".join(SENTENCES[6:]),
    )
    assert letter_faults(text, posting=POSTING, names=("Finly",)) == []


def test_a_placeholder_or_parse_junk_is_a_fault() -> None:
    for junk in (
        "I would like to help Unknown company.",
        "I am applying for the Untitled position role.",
        "I would help {company} grow.",
        "My skills are None.",
        "I built the the service.",
        "I also worked on this: the service.",
        "I migrated the database to postgreSQL.",
    ):
        assert "junk" in kinds(_letter(*SENTENCES, junk)), junk


def test_a_sentence_starting_in_lower_case_is_junk() -> None:
    assert "junk" in kinds(_letter(*SENTENCES, "was involved in building the refunds service."))


def test_a_name_with_a_dot_is_one_word_not_two_sentences() -> None:
    # "Lexroom.ai" is a real employer's name: "ai." is not a sentence starting in lower case.
    assert "junk" not in kinds(_letter(*SENTENCES, "I would welcome the chance to help Lexroom.ai grow."))
    # Nor is a sentence ended inside an employer's name that ends in a full stop.
    text = _letter(*SENTENCES, "I can offer Oracuz InfoTech Pvt Ltd. a readiness to learn quickly.")
    found = letter_faults(text, posting=POSTING, names=("Oracuz InfoTech Pvt Ltd.",))
    assert [fault for fault in found if fault.kind == "junk"] == []


def test_nine_words_copied_from_the_posting_are_a_fault_eight_are_not() -> None:
    nine = "I enjoy building reliable payment systems at scale for our customers."
    eight = "I like building reliable payment systems at scale for clients."
    assert "copied" in kinds(_letter(*SENTENCES, nine))
    assert "copied" not in kinds(_letter(*SENTENCES, eight))


def test_a_sentence_over_forty_words_is_a_fault() -> None:
    long = "I " + " ".join(["built"] + ["services"] * 40) + "."
    assert "long_sentence" in kinds(_letter(*SENTENCES, long))


def test_the_same_two_word_opener_three_times_is_a_fault_twice_is_not() -> None:
    twice = ["I also built a tool.", "I also wrote a guide."]
    assert "repeated_opener" not in kinds(_letter(*SENTENCES, " ".join(twice)))
    assert "repeated_opener" in kinds(_letter(*SENTENCES, " ".join([*twice, "I also ran a team."])))


def test_a_letter_under_150_or_over_450_words_is_a_fault() -> None:
    assert "length" in kinds(_letter(SENTENCES[0]))
    assert "length" in kinds(_letter(*(f"Sentence number {n} is here and it is fine." for n in range(60))))
    assert "length" not in kinds(_letter(*SENTENCES, *SENTENCES[:3]))
