"""A pasted page made plain: the posting without the job board around it."""

from __future__ import annotations

from jobwise.ai.offline.posting_text import clean_posting


def test_buttons_counters_and_the_cookie_banner_go() -> None:
    text = clean_posting(
        "Data Engineer\nLinkedIn respects your privacy\nSelect Accept to consent or Reject to decline.\n"
        "Accept\nReject\nSign in\nJoin now\n23 hours ago\n44 applicants\nApply\nSave\nReport this job\n"
        "We build data tools.\nShow more\nShow less"
    )
    assert text == "Data Engineer\nApply\nWe build data tools."


def test_nothing_after_a_list_of_similar_jobs_is_read() -> None:
    text = clean_posting(
        "Data Engineer\nAcme\nBerlin\nWe build data tools.\nSimilar jobs\nData Engineer\n€40,000.00"
    )
    assert text.endswith("We build data tools.")


def test_restructuredtext_headings_become_markdown_and_directives_go() -> None:
    text = clean_posting(
        ":orphan:\n\nJob Posting: Developer\n=====================\n\n.. include:: /hiring/intro.rst\n\n"
        "Who would be a good fit?\n------------------------\n\n* Someone who blogs\n\n..\n    .. raw:: html\n"
        "        <form>\n\nThanks."
    )
    assert text.split("\n") == [
        "# Job Posting: Developer",
        "",
        "# Who would be a good fit?",
        "",
        "* Someone who blogs",
        "",
        "Thanks.",
    ]


def test_single_star_emphasis_loses_its_stars_and_bullets_keep_theirs() -> None:
    text = clean_posting(
        "*Requirements and Skills*:\n\n- Expertise in *Javascript, **Ruby, or **PHP*.\n* HTML"
    )
    assert text == "Requirements and Skills:\n\n- Expertise in Javascript, Ruby, or PHP.\n* HTML"


def test_a_forwarded_email_loses_its_header_and_quote_marks() -> None:
    text = clean_posting(
        "---------- Forwarded message ---------\nFrom: Jobs <jobs@example.com>\n"
        "Subject: Fwd: Data Analyst\n\n"
        "> Data Analyst\n> Loopwise\n>\n> We build scheduling software."
    )
    assert text == "Data Analyst\nLoopwise\n\nWe build scheduling software."


def test_a_subject_label_without_a_message_header_stays() -> None:
    assert (
        clean_posting("Teacher of Mathematics\nSubject: Mathematics")
        == "Teacher of Mathematics\nSubject: Mathematics"
    )


def test_a_link_a_copied_page_put_on_its_own_line_goes_back_into_its_sentence() -> None:
    pasted = (
        "Jouw profiel\nSterke kennis van\nSQL\n.\nErvaring met\nMicrosoft Fabric\n"
        ", ETL-processen en datamodellering.\nKennis van\nPower BI\nen Azure is een mooie troef.\n"
    )
    assert clean_posting(pasted).split("\n") == [
        "Jouw profiel",
        "Sterke kennis van SQL.",
        "Ervaring met Microsoft Fabric, ETL-processen en datamodellering.",
        "Kennis van Power BI en Azure is een mooie troef.",
    ]


def test_a_list_of_short_lines_is_not_taken_for_links() -> None:
    pasted = "Skills\nPython\nSQL\nDocker\n"
    assert clean_posting(pasted).split("\n") == ["Skills", "Python", "SQL", "Docker"]


def test_a_heading_glued_to_its_first_list_item_goes_back_on_its_own_line() -> None:
    text = clean_posting(
        "Responsibilities* Design ETL processes.\n* Write SQL queries.\n\n"
        " **Required Skills:*** Strong Python fundamentals.\n* Basic PySpark."
    )
    assert text.split("\n") == [
        "Responsibilities",
        "* Design ETL processes.",
        "* Write SQL queries.",
        "",
        " **Required Skills:**",
        "* Strong Python fundamentals.",
        "* Basic PySpark.",
    ]


def test_a_star_inside_a_sentence_is_not_a_glued_heading() -> None:
    assert clean_posting("Salary is £40k* plus bonus.") == "Salary is £40k* plus bonus."


def test_a_glued_heading_in_a_quoted_email_keeps_its_quote_mark() -> None:
    text = clean_posting("> Responsibilities* Design ETL processes.\n> * Write SQL queries.\n> Thanks.")
    assert text.split("\n") == [
        "Responsibilities",
        "* Design ETL processes.",
        "* Write SQL queries.",
        "Thanks.",
    ]


def test_an_emoji_before_a_heading_or_a_field_goes() -> None:
    text = clean_posting(
        "📍 Düsseldorf / Hybrid\n\n🛠 Das bringst du mit\n\nSehr gute SQL-Kenntnisse\n👉 Interesse?"
    )
    assert text.split("\n") == [
        "Düsseldorf / Hybrid",
        "",
        "Das bringst du mit",
        "",
        "Sehr gute SQL-Kenntnisse",
        "Interesse?",
    ]


def test_an_emoji_opening_a_sentence_marks_a_list_item() -> None:
    text = clean_posting(
        "Requirements\n✅ Three years of experience with SQL and Python in production systems."
    )
    assert text.split("\n")[1] == "✅ Three years of experience with SQL and Python in production systems."
    text = clean_posting(
        "Requirements\n🔹 Three years of experience with SQL and Python in production systems."
    )
    assert text.split("\n")[1] == "- Three years of experience with SQL and Python in production systems."


def test_word_symbol_font_bullets_are_list_markers() -> None:
    assert clean_posting("Duties\n\uf0b7 Help lead a team of receptionists") == (
        "Duties\n• Help lead a team of receptionists"
    )
