"""Importing a résumé file on the profile page: the draft is shown with the line of the file each
value came from, nothing is saved until the person applies or merges it, and a file that cannot be
read is refused in words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import FilePayload, Page, expect

from tests.samples import files
from tests.web.conftest import create_account, create_profile, section, unique_email
from tests.web.test_accessibility import Audit

pytestmark = pytest.mark.slow

RELIAM = "Contract Technical Writer at Reliam Managed Services"
RESUMES = Path(__file__).resolve().parents[1] / "data" / "resumes" / "dev"


def _choose(page: Page, name: str, content: bytes, mime: str = "text/plain") -> None:
    page.get_by_label("Résumé file", exact=True).set_input_files(
        files=[FilePayload(name=name, mimeType=mime, buffer=content)]
    )
    page.get_by_role("button", name="Import résumé").click()


def test_a_resume_file_is_previewed_with_its_source_lines_then_applied(page: Page) -> None:
    audit = Audit(page)
    create_account(page, unique_email())
    _choose(page, "bowman.txt", (RESUMES / "text_bowman.txt").read_bytes())

    draft = page.get_by_role("region", name="Draft from bowman.txt")
    expect(draft).to_be_visible()
    details = draft.get_by_role("table", name="Personal details")
    name = details.get_by_role("row", name=re.compile(r"^Name "))
    expect(name).to_contain_text("ROBERT ALAN BOWMAN")
    expect(name).to_contain_text("Page 1, line 1:")
    job = draft.get_by_role(
        "table", name="Experience 1: Contract Technical Writer at Reliam Managed Services"
    )
    expect(job.get_by_role("row", name=re.compile(r"^Title "))).to_contain_text("Page 1, line 6:")
    expect(job.get_by_role("row", name=re.compile(r"^Company "))).to_contain_text(
        "Reliam Managed Services - Los Angles, California November 2016 to March 2017"
    )
    audit.check("profile, a résumé draft shown")

    # Nothing is saved by the preview: the profile does not exist yet.
    page.reload()
    expect(page.get_by_role("button", name="Create profile")).to_be_visible()

    _choose(page, "bowman.txt", (RESUMES / "text_bowman.txt").read_bytes())
    page.get_by_role("region", name="Draft from bowman.txt").get_by_role("button", name="Apply").click()
    expect(page.get_by_text("Your profile now holds the draft read from your résumé.")).to_be_visible()
    expect(page.get_by_role("article", name=RELIAM)).to_be_visible()
    expect(page.get_by_label("Name", exact=True)).to_have_value("ROBERT ALAN BOWMAN")
    assert not audit.problems, "\n".join(audit.problems)


def test_merging_a_draft_keeps_what_the_profile_holds(page: Page) -> None:
    create_account(page, unique_email())
    create_profile(page)
    add = page.get_by_role("form", name="Add experience")
    add.get_by_label("Title").fill("Engineer")
    add.get_by_label("Company").fill("Analytical Engines")
    add.get_by_label("Start date").fill("2019-03")
    add.get_by_role("button", name="Add experience").click()
    expect(page.get_by_role("article", name="Engineer at Analytical Engines")).to_be_visible()

    _choose(page, "keshri.md", (RESUMES / "markdown_keshri.md").read_bytes(), "text/markdown")
    draft = page.get_by_role("region", name="Draft from keshri.md")
    draft.get_by_role("button", name="Merge").click()
    expect(page.get_by_text("was merged into your profile")).to_be_visible()
    experience = section(page, "Experience")
    expect(experience.get_by_role("article", name="Engineer at Analytical Engines")).to_be_visible()
    expect(experience.get_by_role("article")).not_to_have_count(1)


def test_a_file_that_cannot_be_read_is_refused_in_words(page: Page) -> None:
    audit = Audit(page)
    create_account(page, unique_email())
    form = page.locator("#resume-import")

    _choose(page, "resume.exe", b"MZ\x90\x00", "application/octet-stream")
    expect(form.get_by_role("alert")).to_contain_text(
        "are not accepted; upload one of: .docx, .md, .pdf, .txt"
    )
    audit.check("profile, a résumé of the wrong type refused")

    # The test server allows 1 MB.
    _choose(page, "resume.txt", b"Ada Lovelace\n" * 100_000)
    expect(form.get_by_role("alert")).to_contain_text("MB")

    _choose(page, "scan.pdf", files.image_only_pdf(), "application/pdf")
    expect(form.get_by_role("alert")).to_contain_text("scan")
    expect(page.get_by_role("region", name="Draft from scan.pdf")).to_have_count(0)
    assert not audit.problems, "\n".join(audit.problems)
