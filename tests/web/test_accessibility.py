"""Every screen, in the states a person meets it (empty, filled, with an error shown), passes axe-core
with no WCAG 2 A or AA violation (2.0, 2.1 and 2.2 rules), every control on it is reached with the
Tab key, and the controls that change things work from the keyboard."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import FilePayload, Page, expect

from tests.web.conftest import create_account, create_profile, section, unique_email

pytestmark = pytest.mark.slow

AXE = (Path(__file__).resolve().parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " | " + n.failureSummary),
  }));
}"""

# Everything a person can operate, as the page is laid out now (visible, enabled).
MARK_CONTROLS = """() => {
  const selector = "a[href], button, input, select, textarea, summary, [tabindex]";
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
  const operable = el => !el.disabled && el.tabIndex >= 0 && el.type !== "hidden" && shown(el);
  const controls = [...document.querySelectorAll(selector)].filter(operable);
  controls.forEach((el, i) => el.setAttribute("data-kbd", String(i)));
  const name = el => (el.labels && el.labels[0] ? el.labels[0].innerText : el.innerText || el.name || "");
  return controls.map(el => `${el.tagName.toLowerCase()} ${name(el).trim().slice(0, 50)}`);
}"""


def _axe(page: Page) -> list[dict[str, Any]]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol: the page's CSP (script-src 'self') stays as it is.
        page.evaluate(AXE)
    violations: list[dict[str, Any]] = page.evaluate(RUN_AXE, WCAG_TAGS)
    return violations


def _unreachable_by_tab(page: Page) -> list[str]:
    controls: list[str] = page.evaluate(MARK_CONTROLS)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    reached: set[int] = set()
    for _ in range(len(controls) + 3):
        page.keyboard.press("Tab")
        index = page.evaluate("document.activeElement && document.activeElement.getAttribute('data-kbd')")
        if index is not None:
            reached.add(int(index))
    return [name for i, name in enumerate(controls) if i not in reached]


class Audit:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.problems: list[str] = []
        self.screens: list[str] = []

    def check(self, screen: str) -> None:
        self.screens.append(screen)
        for violation in _axe(self.page):
            self.problems.append(
                f"{screen}: axe {violation['rule']} ({violation['help']}): {violation['nodes']}"
            )
        missing = _unreachable_by_tab(self.page)
        if missing:
            self.problems.append(f"{screen}: not reached with Tab: {missing}")


POSTING = """Data Engineer
Company: Riverbank Analytics

Requirements
- Python and SQL every day
- Airflow in production
"""


def test_every_screen_passes_axe_and_every_control_is_reached_with_tab(page: Page) -> None:
    audit = Audit(page)

    page.goto("/app/sign-in")
    page.get_by_label("Email").fill("nobody@example.com")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check("sign in, with an error")

    page.goto("/app/create-account")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check("create account, with errors")

    create_account(page, unique_email())
    audit.check("profile, before there is one")
    create_profile(page)
    experience = page.get_by_role("form", name="Add experience")
    experience.get_by_label("Title").fill("Engineer")
    experience.get_by_label("Company").fill("Analytical Engines")
    experience.get_by_label("Start date").fill("2019-03")
    experience.get_by_role("button", name="Add experience").click()
    item = page.get_by_role("article", name="Engineer at Analytical Engines")
    for number, bullet in enumerate(["responsible for Python pipelines", "worked on SQL reports"], start=1):
        item.get_by_role("button", name="Add bullet").click()
        item.get_by_label(f"Bullet {number}", exact=True).fill(bullet)
    item.get_by_role("button", name="Save").click()
    expect(item.get_by_role("status")).to_contain_text("Saved")
    item.get_by_label("Start date").fill("not a date")
    item.get_by_label("Start date").press("Tab")
    expect(item.get_by_role("alert")).to_contain_text("Start date")
    audit.check("profile, filled, with an error")
    item.get_by_label("Start date").fill("2019-03")
    item.get_by_role("button", name="Save").click()
    expect(item.get_by_role("status")).to_contain_text("Saved")

    page.goto("/app/samples")
    page.get_by_label("Résumé sample file").set_input_files(
        files=[FilePayload(name="x.exe", mimeType="application/octet-stream", buffer=b"MZ")]
    )
    page.get_by_role("button", name="Upload résumé sample").click()
    expect(section(page, "Résumé sample").get_by_role("alert")).to_be_visible()
    audit.check("samples, with an error")

    page.goto("/app/enhance")
    audit.check("enhance, before a run")
    page.get_by_role("button", name="Start enhancement").click()
    expect(page.get_by_text(re.compile("Finished: "))).to_be_visible()
    audit.check("enhance, after a run")
    page.goto("/app/enhance/review")
    audit.check("review")

    page.goto("/app/jobs")
    audit.check("jobs, none yet")
    page.get_by_label("Paste job posting").fill(POSTING)
    page.get_by_role("button", name="Add job").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Riverbank")
    audit.check("job")
    job_url = page.url
    page.goto("/app/jobs")
    audit.check("jobs")
    page.goto(job_url + "/match")
    expect(page.get_by_role("heading", name="Requirements")).to_be_visible()
    audit.check("match")
    page.goto(job_url + "/studio")
    audit.check("studio")
    page.get_by_role("button", name="Generate cover letter").click()
    page.get_by_role("link", name="Open the letter").click()
    expect(page.get_by_label("Letter text")).to_be_visible()
    audit.check("document")
    page.goto("/app/documents")
    audit.check("documents")
    page.goto("/app/settings")
    audit.check("settings")
    page.goto("/app/")
    audit.check("dashboard")
    page.goto("/app/jobs/no-such-job")
    audit.check("not found")

    assert len(audit.screens) >= 18
    assert not audit.problems, "\n".join(audit.problems)


# Which element has the focus when the first experience is put on the page (a mutation observer's
# callback runs right after the script that changed the page, before any timer).
FOCUS_WHEN_ITEM_APPEARS = """() => {
  window.focusWhenItemAppeared = null;
  new MutationObserver((records, observer) => {
    if (!document.querySelector("#experiences-body article")) return;
    window.focusWhenItemAppeared = document.activeElement ? document.activeElement.id : null;
    observer.disconnect();
  }).observe(document.body, {childList: true, subtree: true});
}"""


def test_the_controls_that_change_things_work_from_the_keyboard(page: Page) -> None:
    # Signing up with the keyboard only: type, Tab, Enter.
    page.goto("/app/create-account")
    page.get_by_label("Full name").focus()
    page.keyboard.type("Ada Lovelace")
    page.keyboard.press("Tab")
    page.keyboard.type(unique_email())
    page.keyboard.press("Tab")
    page.keyboard.type("analytical engine notes")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()

    page.get_by_role("button", name="Create profile").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Summary")).to_be_visible()

    add = page.get_by_role("form", name="Add experience")
    add.get_by_label("Title").focus()
    page.keyboard.type("Engineer")
    page.keyboard.press("Tab")
    page.keyboard.type("Analytical Engines")
    page.keyboard.press("Tab")
    page.keyboard.type("2019-03")
    page.evaluate(FOCUS_WHEN_ITEM_APPEARS)
    page.keyboard.press("Enter")
    item = page.get_by_role("article", name="Engineer at Analytical Engines")
    expect(item).to_be_visible()
    # The new item's title has the focus from the moment the item is on the page, and the item's
    # controls work from then: nothing moves the focus later, under keys already pressed.
    assert page.evaluate("window.focusWhenItemAppeared") == item.get_by_label("Title").get_attribute("id")

    # Add bullet with Enter: the focus lands in the new bullet, ready to type.
    for number, text in enumerate(("first bullet", "second bullet"), start=1):
        add_bullet = item.get_by_role("button", name="Add bullet")
        add_bullet.focus()
        page.keyboard.press("Enter")
        expect(item.get_by_label(f"Bullet {number}", exact=True)).to_be_focused()
        page.keyboard.type(text)
    # Move up with Space: the bullet moves, and the focus follows it.
    item.get_by_role("button", name="Move up (bullet 2)").focus()
    page.keyboard.press("Space")
    expect(item.get_by_label("Bullet 1", exact=True)).to_have_value("second bullet")
    expect(item.get_by_label("Bullet 1", exact=True)).to_be_focused()

    # A select that saves itself, changed with the arrow keys.
    page.goto("/app/jobs")
    page.get_by_label("Paste job posting").focus()
    page.keyboard.type(POSTING)
    page.get_by_role("button", name="Add job").focus()
    page.keyboard.press("Enter")
    status = page.get_by_role("combobox", name="Application status")
    expect(status).to_be_visible()
    status.focus()
    page.keyboard.press("ArrowDown")
    expect(section(page, "Application").get_by_role("status")).to_contain_text("Saved")
    page.reload()
    expect(page.get_by_role("combobox", name="Application status")).to_have_value("applied")
