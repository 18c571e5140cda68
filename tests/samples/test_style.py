"""The style profile: what it measures on resumes and cover letters, and that it is stable."""

from __future__ import annotations

from jobwise.samples.style import StyleProfile, build_style_profile
from tests.samples import files


def test_resume_metrics() -> None:
    resume = build_style_profile(files.RESUME_TEXT, "resume_sample").resume
    assert resume is not None
    assert resume.section_headings == ["SUMMARY", "EXPERIENCE", "EDUCATION", "SKILLS"]
    assert resume.heading_case == "upper"
    assert resume.bullet_marker == "•"
    assert (resume.bullet_count, resume.role_count, resume.bullets_per_role) == (5, 2, 2.5)
    assert resume.words_per_bullet is not None and 10 < resume.words_per_bullet < 16
    assert resume.action_verb_share == 1.0
    assert resume.numbers_share == 0.6  # 30%, 2M, $40k; not the two without numbers
    assert resume.period_share == 1.0
    assert resume.tense == "past"
    assert resume.first_person_share == 0.0
    assert (resume.date_format, resume.date_range_separator, resume.ongoing_word) == (
        "Mon YYYY",
        " – ",
        "Present",
    )


def test_present_tense_first_person_resume_with_dashes_and_numeric_dates() -> None:
    text = "\n".join(
        [
            "Work experience",
            "Platform Lead, Globex 03/2021 - now",
            "- Lead the platform group and own our deploy tooling",
            "- Manages my team's hiring",
            "- Writing the on-call handbook",
            "Technical skills",
            "Go, Rust",
        ]
    )
    resume = build_style_profile(text, "resume_sample").resume
    assert resume is not None
    assert resume.section_headings == ["Work experience", "Technical skills"]
    assert resume.heading_case == "sentence"
    assert resume.bullet_marker == "-"
    assert resume.tense == "present"
    assert resume.first_person_share == 0.67
    assert resume.period_share == 0.0
    assert (resume.date_format, resume.date_range_separator, resume.ongoing_word) == ("MM/YYYY", " - ", "now")


def test_a_bullet_wrapped_by_a_pdf_is_one_bullet() -> None:
    text = (
        "Experience\n• Led a team of five engineers to ship a payments platform, cutting\nlatency by 30%.\n"
    )
    resume = build_style_profile(text, "resume_sample").resume
    assert resume is not None
    assert (resume.bullet_count, resume.role_count, resume.words_per_bullet) == (1, 1, 15)


def test_mixed_tense_and_no_bullets() -> None:
    mixed = build_style_profile(
        "• Led a team\n• Build tools\n• Own the roadmap\n• Shipped v2", "resume_sample"
    )
    assert mixed.resume is not None and mixed.resume.tense == "mixed"
    plain = build_style_profile("Jane Doe\nI write software.\nEducation\nBSc 2015", "resume_sample").resume
    assert plain is not None
    assert plain.bullet_marker is None and plain.bullets_per_role is None and plain.tense == "unknown"
    assert plain.first_person_share == 0.25
    assert plain.date_format == "YYYY"


def test_cover_letter_metrics() -> None:
    profile = build_style_profile(files.COVER_LETTER_TEXT, "cover_letter_sample")
    letter = profile.cover_letter
    assert letter is not None and profile.resume is None
    assert letter.greeting == "Dear Ms. Rivera,"
    assert letter.greeting_template == "Dear {name},"
    assert letter.closing == "Best regards,"
    assert letter.paragraph_count == 3
    assert letter.words_per_paragraph is not None and 20 < letter.words_per_paragraph < 35
    assert letter.words_per_sentence is not None and 7 < letter.words_per_sentence < 14
    assert letter.uses_contractions and letter.contractions_per_100_words > 4
    assert letter.first_person_per_100_words > 7  # I, I'm, I've, I'd count; "we" and "our" do not
    assert letter.recurring_phrases[:2] == ["quiet nights", "boring software"]
    assert "quiet" in letter.favoured_words and "boring" in letter.favoured_words
    # Names (only ever capitalised) are not the writer's favourite words.
    assert "globex" not in letter.favoured_words and "rivera" not in letter.favoured_words
    assert set(profile.characteristic_phrases) == {"quiet nights", "boring software"}


def test_pdf_lines_are_reflowed_into_paragraphs() -> None:
    lines = [
        "Dear Hiring Manager,",
        "I have built payment systems for six years and would like to bring that",
        "experience to Globex, where reliability is the product.",
        "At Acme I led the rebuild of our payments platform and cut latency by",
        "thirty percent, with no outage.",
        "Thank you for reading.",
        "Sincerely,",
        "Jane Doe",
    ]
    letter = build_style_profile("\n".join(lines), "cover_letter_sample").cover_letter
    assert letter is not None
    assert letter.greeting_template == "Dear Hiring Manager,"  # a template already: no name to replace
    assert letter.closing == "Sincerely,"
    assert letter.paragraph_count == 3
    assert not letter.uses_contractions


def test_stock_phrases_are_never_characteristic() -> None:
    text = (
        "I have years of experience in a fast-paced environment. I am a team player.\n"
        "My years of experience make me a team player in any fast-paced environment.\n"
    )
    phrases = build_style_profile(text, "cover_letter_sample").characteristic_phrases
    assert "years of experience" not in phrases
    assert "fast-paced environment" in phrases  # repeated, and not everyday English


def test_the_profile_is_deterministic_and_round_trips() -> None:
    first = build_style_profile(files.COVER_LETTER_TEXT, "cover_letter_sample").model_dump(mode="json")
    second = build_style_profile(files.COVER_LETTER_TEXT, "cover_letter_sample").model_dump(mode="json")
    assert first == second
    assert first["schema_version"] == 1
    assert StyleProfile.model_validate(first).model_dump(mode="json") == first
    schema = StyleProfile.model_json_schema()
    assert schema["properties"]["schema_version"]["const"] == 1
    assert "characteristic_phrases" in schema["required"]
