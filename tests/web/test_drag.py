"""Items and bullets of the profile are reordered by dragging, through the same reorder routes as
the Move up / Move down buttons; the new order is saved."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.web.conftest import create_account, create_profile, section, unique_email
from tests.web.test_accessibility import Audit

pytestmark = pytest.mark.slow


def _add(page: Page, title: str, company: str) -> None:
    add = page.get_by_role("form", name="Add experience")
    add.get_by_label("Title").fill(title)
    add.get_by_label("Company").fill(company)
    add.get_by_label("Start date").fill("2019-03")
    add.get_by_role("button", name="Add experience").click()
    added = page.get_by_role("article", name=f"{title} at {company}")
    expect(added).to_be_visible()
    # The new item's title takes the focus with the swap, not later: text typed next goes where the
    # person put it (test_accessibility.py checks that on its own).
    expect(added.get_by_label("Title")).to_be_focused()


def test_items_and_bullets_are_reordered_by_dragging(page: Page) -> None:
    # Tall enough that what is dragged and where it is dropped are both on screen, as a person
    # would scroll to have them: a drag the window scrolls under is cancelled by the browser.
    page.set_viewport_size({"width": 1280, "height": 4000})
    create_account(page, unique_email())
    create_profile(page)
    for title in ("Engineer", "Analyst", "Clerk"):
        _add(page, title, "Analytical Engines")
    experience = section(page, "Experience")
    articles = experience.get_by_role("article")
    expect(articles).to_have_count(3)

    # The last item dropped on the first takes its place.
    clerk = page.get_by_role("article", name="Clerk at Analytical Engines")
    clerk.locator(".drag-handle").drag_to(page.get_by_role("article", name="Engineer at Analytical Engines"))
    expect(articles.first).to_have_accessible_name("Clerk at Analytical Engines")
    expect(articles.nth(1)).to_have_accessible_name("Engineer at Analytical Engines")
    page.reload()
    expect(articles.first).to_have_accessible_name("Clerk at Analytical Engines")

    # Bullets: the third dragged onto the first.
    item = page.get_by_role("article", name="Engineer at Analytical Engines")
    for number, text in enumerate(("first", "second", "third"), start=1):
        item.get_by_role("button", name="Add bullet").click()
        expect(item.get_by_label(f"Bullet {number}", exact=True)).to_be_focused()
        item.get_by_label(f"Bullet {number}", exact=True).fill(text)
    bullets = item.locator("li")
    bullets.nth(2).locator(".drag-handle").drag_to(bullets.nth(0))
    expect(item.get_by_label("Bullet 1", exact=True)).to_have_value("third")
    expect(item.get_by_label("Bullet 2", exact=True)).to_have_value("first")
    expect(item.get_by_label("Bullet 3", exact=True)).to_have_value("second")
    page.reload()
    item = page.get_by_role("article", name="Engineer at Analytical Engines")
    expect(item.get_by_label("Bullet 1", exact=True)).to_have_value("third")

    audit = Audit(page)
    audit.check("profile, with drag handles")
    assert not audit.problems, "\n".join(audit.problems)
