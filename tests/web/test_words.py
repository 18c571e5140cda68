"""What the pages say, from what the services return."""

from __future__ import annotations

from jobwise.auth.throttle import TooManyLoginAttempts
from jobwise.web.words import Piece, error_message, field_error, style_in_words, word_diff


def test_a_word_diff_marks_only_the_words_that_changed() -> None:
    pieces = word_diff("responsible for the first published algorithm", "Wrote the first published algorithm")
    assert pieces == [
        Piece("removed", "responsible for"),
        Piece("added", "Wrote"),
        Piece("same", " the first published algorithm"),
    ]
    assert "".join(p.text for p in pieces if p.kind != "removed") == "Wrote the first published algorithm"


def test_an_unchanged_text_is_one_piece() -> None:
    assert word_diff("Same words.", "Same words.") == [Piece("same", "Same words.")]


def test_a_resume_style_reads_as_sentences() -> None:
    style = {
        "word_count": 120,
        "characteristic_phrases": ["boring software"],
        "resume": {
            "tense": "past",
            "bullets_per_role": 3.2,
            "words_per_bullet": 14.6,
            "action_verb_share": 0.9,
            "numbers_share": 0.4,
            "period_share": 0.0,
            "section_headings": ["EXPERIENCE", "EDUCATION"],
            "date_format": "Mon YYYY",
        },
    }
    assert style_in_words(style) == [
        "120 words read.",
        "Past tense, about 3 bullets a role, about 15 words a bullet.",
        "Nearly every bullet open with an action verb; some bullets give a number; "
        "few bullets end with a full stop.",
        "Sections: EXPERIENCE, EDUCATION.",
        "Dates written as Mon YYYY.",
        "Your own phrases: “boring software”.",
    ]


def test_a_throttled_sign_in_says_how_long_to_wait() -> None:
    error = TooManyLoginAttempts("Too many failed logins", details={"retry_after_seconds": 60})
    assert error_message(error) == "Too many failed sign-in attempts: wait 60 seconds before trying again."


def test_a_field_error_names_the_field_as_the_page_labels_it() -> None:
    assert field_error(["body", "start_date"], "Value error, 2019-13 is not a real date") == (
        "Start date: 2019-13 is not a real date"
    )
    assert field_error(["bullets", 2], "a bullet is one line") == "Bullets (line 3): a bullet is one line"
