"""The whole journey of a job seeker, in a real browser against a real server: from a new account
to a downloaded PDF of an edited cover letter, and signing out."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import FilePayload, Page, expect
from pypdf import PdfReader

from tests.web.conftest import create_account, section, unique_email

pytestmark = pytest.mark.slow

COVER_LETTER_SAMPLE = """Dear Hiring Manager,

I'm writing about the engineer role. I've spent six years building careful software, and I'd
bring that care to your team.

At Analytical Engines I wrote the first published algorithm. I'm proud of the careful work we did there.

I'd welcome the chance to talk.

Best regards,
Ada Lovelace
"""

# The résumé the person brings, as a text file.
RESUME = """Ada Lovelace
ada@example.com | +44 20 7946 0958

SUMMARY
I have been responsible for writing careful Python software for engines.

EXPERIENCE
Engineer, Analytical Engines                               2019 – Present
- responsible for Python APIs on PostgreSQL used by 2,000 clinics
- worked on a compiler with a team of 4

Analyst, Babbage & Co                                       2015 – 2019
- responsible for the weekly reports of the difference engine

SKILLS
Python, PostgreSQL, FastAPI
"""

# No company line: the company is left empty, which the person then fills in.
POSTING = """Backend Engineer

We build scheduling software for clinics, and we ship every day.

Requirements
- 3+ years of experience with Python and PostgreSQL
- Experience with Kubernetes in production
- Clear written communication

Benefits
- Remote-first team
"""


def _add_experience(page: Page, title: str, company: str, bullets: list[str]) -> None:
    experience = page.get_by_role("form", name="Add experience")
    experience.get_by_label("Title").fill(title)
    experience.get_by_label("Company").fill(company)
    experience.get_by_label("Start date").fill("2019-03")
    experience.get_by_role("button", name="Add experience").click()
    item = page.get_by_role("article", name=f"{title} at {company}")
    for number, bullet in enumerate(bullets, start=1):
        item.get_by_role("button", name="Add bullet").click()
        # The new bullet has the keyboard focus, ready to type into.
        expect(item.get_by_label(f"Bullet {number}", exact=True)).to_be_focused()
        item.get_by_label(f"Bullet {number}", exact=True).fill(bullet)
    item.get_by_label(f"Bullet {len(bullets)}", exact=True).press("Tab")
    expect(item.get_by_role("status")).to_contain_text("Saved")


def test_a_job_seeker_goes_from_a_new_account_to_a_downloaded_cover_letter(page: Page) -> None:
    # --- an account, and the résumé the person already has, imported ---
    create_account(page, unique_email())
    page.get_by_label("Résumé file", exact=True).set_input_files(
        files=[FilePayload(name="ada.txt", mimeType="text/plain", buffer=RESUME.encode())]
    )
    page.get_by_role("button", name="Import résumé").click()
    draft = page.get_by_role("region", name="Draft from ada.txt")
    expect(draft.get_by_role("table", name="Experience 1: Engineer at Analytical Engines")).to_be_visible()
    draft.get_by_role("button", name="Apply").click()
    expect(page.get_by_role("article", name="Engineer at Analytical Engines")).to_be_visible()
    expect(page.get_by_label("Professional summary")).to_have_value(
        "I have been responsible for writing careful Python software for engines."
    )
    # --- then edited: each field saves itself ---
    page.get_by_label("Headline").fill("Backend engineer")
    page.get_by_label("Headline").press("Tab")
    expect(section(page, "Personal details").get_by_role("status")).to_contain_text("Saved")
    page.get_by_role("textbox", name="Skills").fill("Python, PostgreSQL, FastAPI")
    page.get_by_role("textbox", name="Skills").press("Tab")
    expect(section(page, "Skills").get_by_role("status")).to_contain_text("Saved")
    _add_experience(page, "Volunteer tutor", "Maths Circle", ["taught algebra to 12 students"])
    # The newest experience goes first: Move up, and the order survives a reload.
    page.get_by_role("button", name="Move up (Analyst at Babbage & Co)").click()
    expect(page.get_by_role("article").first).to_have_accessible_name("Analyst at Babbage & Co")
    page.reload()
    expect(page.get_by_role("article").first).to_have_accessible_name("Analyst at Babbage & Co")

    # --- a cover-letter sample, and the style read from it ---
    page.get_by_role("link", name="Samples").click()
    page.get_by_label("Cover-letter sample file").set_input_files(
        files=[FilePayload(name="letter.txt", mimeType="text/plain", buffer=COVER_LETTER_SAMPLE.encode())]
    )
    page.get_by_role("button", name="Upload cover-letter sample").click()
    letter_sample = section(page, "Cover-letter sample")
    expect(letter_sample.get_by_text("Opens with “Dear Hiring Manager,”.")).to_be_visible()
    expect(letter_sample.get_by_text("Uses contractions.")).to_be_visible()

    # --- enhance, watching the steps arrive ---
    page.get_by_role("link", name="Enhance", exact=True).click()
    # Every fragment the live view receives, by event: progress steps, then done.
    page.evaluate(
        "window.streamed = [];"
        "document.body.addEventListener('htmx:sseMessage', e => window.streamed.push(e.detail.type))"
    )
    page.get_by_role("button", name="Start enhancement").click()
    run = page.get_by_role("region", name="Enhancement run")
    expect(run.get_by_role("progressbar", name="Progress")).to_be_visible()
    expect(run.get_by_text(re.compile(r"Finished: \d+ of \d+ texts enhanced"))).to_be_visible()
    expect(run.get_by_role("progressbar", name="Progress")).to_have_attribute("value", "100")
    streamed = page.evaluate("window.streamed")
    assert "progress" in streamed and streamed[-1] == "done", streamed

    # --- accept some changes, reject others ---
    run.get_by_role("link", name="Review the changes").click()
    engineer = page.get_by_role("article", name="Engineer at Analytical Engines")
    expect(engineer.locator("ins").first).to_be_visible()  # a word-level diff
    engineer.get_by_role("button", name="Accept").click()
    expect(engineer.get_by_text("Documents use: the enhanced text")).to_be_visible()
    analyst = page.get_by_role("article", name="Analyst at Babbage & Co")
    analyst.get_by_role("button", name="Accept").click()
    expect(analyst.get_by_text("Documents use: the enhanced text")).to_be_visible()
    analyst.get_by_role("button", name="Reject").click()
    expect(analyst.get_by_text("Documents use: your original text")).to_be_visible()
    page.reload()
    expect(page.get_by_role("article", name="Engineer at Analytical Engines")).to_contain_text(
        "the enhanced text"
    )
    expect(page.get_by_role("article", name="Analyst at Babbage & Co")).to_contain_text("your original text")

    # --- a posting, pasted, then its company corrected ---
    page.get_by_role("link", name="Jobs", exact=True).click()
    page.get_by_label("Paste job posting").fill(POSTING)
    page.get_by_role("button", name="Add job").click()
    expect(page.get_by_text("The posting did not say its company")).to_be_visible()
    company = page.get_by_role("textbox", name="Company", exact=True)
    expect(company).to_have_value("")  # no company named: empty, never a placeholder
    company.fill("Clinicly")
    company.press("Tab")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Backend Engineer at Clinicly")
    page.get_by_role("combobox", name="Application status").select_option("applied")
    expect(section(page, "Application").get_by_role("status")).to_contain_text("Saved")

    # --- the match, and a gap answered in the person's own words ---
    page.get_by_role("link", name="Check the match").click()
    requirements = page.get_by_role("table", name=re.compile("Each requirement"))
    kubernetes = requirements.get_by_role("row", name=re.compile("Kubernetes"))
    expect(kubernetes).to_contain_text("Missing")
    page.get_by_role("textbox", name="Your answer").first.wait_for()
    gap = page.locator("form", has=page.get_by_text("Where have you used Kubernetes?"))
    gap.get_by_label("Experience or project").select_option(label="Engineer at Analytical Engines")
    gap.get_by_label("Your answer").fill("Ran the clinic APIs on Kubernetes in production")
    gap.get_by_role("button", name="Add to profile").click()
    expect(kubernetes).not_to_contain_text("Missing")
    expect(kubernetes).to_contain_text("Ran the clinic APIs on Kubernetes in production")

    # --- both documents ---
    page.get_by_role("link", name="Write documents").click()
    page.get_by_role("button", name="Generate résumé").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resume: Backend Engineer at Clinicly")
    expect(page.get_by_label("Résumé text")).to_contain_text("Analytical Engines")
    # How an applicant-tracking system reads the PDF that would be sent.
    ats = page.get_by_role("region", name="Applicant-tracking check")
    ats.get_by_role("button", name="Run the applicant-tracking check").click()
    fields = ats.get_by_role("table", name="Each field of your document, and whether a parser found it")
    expect(
        fields.get_by_role("row", name=re.compile(r"^Experience \d, employer Analytical Engines"))
    ).to_contain_text("Found")
    page.get_by_role("link", name="All documents for this job").click()
    page.get_by_role("button", name="Generate cover letter").click()
    # The letter is shown as it is written, then saved.
    live = page.get_by_role("region", name="Your cover letter, as it is written")
    expect(live.get_by_role("status")).to_contain_text("Saved", timeout=60_000)
    expect(live).to_contain_text("Clinicly")
    live.get_by_role("link", name="Open the letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cover letter: Backend Engineer at Clinicly")

    # --- the letter, edited into a second version with a note ---
    letter = page.get_by_label("Letter text")
    text = letter.input_value()
    assert "Clinicly" in text
    letter.fill(text + "\n\nI can start in March.")
    page.get_by_label("Version notes").fill("availability added")
    page.get_by_role("button", name="Save new version").click()
    expect(page.get_by_text("Version 2: availability added")).to_be_visible()

    # --- the PDF, as downloaded, says what the letter says ---
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    assert download.value.suggested_filename.endswith("-v2.pdf")
    pdf = download.value.path().read_bytes()
    words = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "I can start in March." in words
    assert "Clinicly" in words

    # --- the studio keeps both documents ---
    page.get_by_role("link", name="All documents for this job").click()
    saved = section(page, "Saved documents")
    expect(saved.get_by_role("link", name="Resume: Backend Engineer at Clinicly")).to_be_visible()
    expect(saved).to_contain_text("version 2: availability added")

    # --- the dashboard sums it up; then sign out ---
    page.get_by_role("link", name="Dashboard").click()
    expect(section(page, "Jobs").get_by_role("row", name=re.compile("Clinicly"))).to_contain_text("Applied")
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    page.goto("/app/")
    expect(page).to_have_url(re.compile(r"/app/sign-in"))
