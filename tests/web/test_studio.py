"""The document studio in a real browser: the cover letter streamed into the page as it is written
(and saved as the same letter), the pages as they will print (Typst's SVG) following the editor,
and the applicant-tracking check of the exported file."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import create_account, create_profile, unique_email
from tests.web.test_accessibility import POSTING, Audit

pytestmark = pytest.mark.slow


def _profile_and_job(page: Page) -> str:
    """A profile with one experience, and a job: the job's studio URL."""
    create_account(page, unique_email())
    create_profile(page)
    page.get_by_label("Professional summary").fill("Data engineer who writes careful Python and SQL.")
    page.get_by_label("Professional summary").press("Tab")
    page.get_by_role("textbox", name="Skills").fill("Python, SQL, Airflow")
    page.get_by_role("textbox", name="Skills").press("Tab")
    add = page.get_by_role("form", name="Add experience")
    add.get_by_label("Title").fill("Engineer")
    add.get_by_label("Company").fill("Analytical Engines")
    add.get_by_label("Start date").fill("2019-03")
    add.get_by_role("button", name="Add experience").click()
    item = page.get_by_role("article", name="Engineer at Analytical Engines")
    item.get_by_role("button", name="Add bullet").click()
    item.get_by_label("Bullet 1", exact=True).fill("Ran Airflow pipelines in production for 40 clinics")
    item.get_by_role("button", name="Save").click()
    expect(item.get_by_role("status")).to_contain_text("Saved")
    page.goto("/app/jobs")
    page.get_by_label("Paste job posting").fill(POSTING)
    page.get_by_role("button", name="Add job").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Riverbank")
    return page.url + "/studio"


def test_the_letter_is_streamed_as_written_then_previewed_and_checked(page: Page) -> None:
    audit = Audit(page)
    page.goto(_profile_and_job(page))

    # --- the letter arrives a paragraph at a time, then is saved ---
    page.evaluate(
        "window.streamed = [];"
        "document.body.addEventListener('htmx:sseMessage', e => window.streamed.push(e.detail.type))"
    )
    page.get_by_role("button", name="Generate cover letter").click()
    live = page.get_by_role("region", name="Your cover letter, as it is written")
    expect(live.get_by_role("status")).to_contain_text("Saved", timeout=60_000)
    streamed_text = live.locator("#letter-live-text").inner_text()
    events = page.evaluate("window.streamed")
    assert events.count("chunk") > 1 and events[-1] == "end", events
    assert "Riverbank" in streamed_text
    audit.check("studio, a letter written live")

    live.get_by_role("link", name="Open the letter").click()
    letter = page.get_by_label("Letter text")
    # The saved letter is the streamed one, word for word.
    assert letter.input_value().split() == streamed_text.split()

    # --- the pages as they will print, following the editor ---
    preview = page.get_by_role("region", name="Pages as they will print")
    first = preview.get_by_role("img", name="Page 1 of 1, as it will print")
    expect(first).to_be_visible()
    assert first.evaluate("img => img.complete && img.naturalWidth > 0")
    letter.fill(
        letter.input_value() + "\n\n" + "\n\n".join(["A paragraph that makes the letter longer."] * 60)
    )
    expect(preview.get_by_role("img", name=re.compile(r"Page 2 of \d, as it will print"))).to_be_visible()

    # --- the applicant-tracking check of the PDF ---
    ats = page.get_by_role("region", name="Applicant-tracking check")
    ats.get_by_role("button", name="Run the applicant-tracking check").click()
    expect(ats.get_by_role("heading", name="The PDF file, as a parser reads it")).to_be_visible()
    expect(ats.get_by_role("status")).to_contain_text(re.compile(r"\d+ of \d+ fields? read back in place"))
    expect(ats).to_contain_text("In the text a parser extracts:")
    audit.check("document, with its pages and the applicant-tracking check")
    assert not audit.problems, "\n".join(audit.problems)


def test_the_resume_check_lists_each_field_found_or_lost_in_the_word_file(page: Page) -> None:
    page.goto(_profile_and_job(page))
    page.get_by_role("button", name="Generate résumé").click()
    expect(page.get_by_label("Résumé text")).to_contain_text("Analytical Engines")
    ats = page.get_by_role("region", name="Applicant-tracking check")
    ats.get_by_label("File to check").select_option("docx")
    ats.get_by_role("button", name="Run the applicant-tracking check").click()
    expect(ats.get_by_role("heading", name="The Word (DOCX) file, as a parser reads it")).to_be_visible()
    fields = ats.get_by_role("table", name="Each field of your document, and whether a parser found it")
    expect(fields.get_by_role("row", name=re.compile(r"^Experience 1, title Engineer"))).to_contain_text(
        "Found"
    )
    expect(ats).to_contain_text("Warnings")
