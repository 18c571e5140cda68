"""What a paste does to a real posting: the transformations a browser copy, a job board's page or an
email client applies to the same text, and the check that the parser still reads what the posting
says (its labels in tests/data/postings/dev/NAME.expected.json, written by reading it).

Each transformation is one a person's paste really performs; none adds a fact about the job. The
wrappers (LinkedIn, Indeed, Greenhouse, Lever) restate only the posting's own labelled title, company
and place, the way those pages print them above the text, and put around it the page's buttons, a
list of other jobs with their own titles, employers and pay, and the application form's questions.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from jobwise.ai.engine import ParsedJob
from jobwise.ai.offline.job_parser import parse_job_text
from tests.conftest import TEST_DATA

DEV = TEST_DATA / "postings" / "dev"
FIELDS = ("title", "company", "location", "salary")
# The corpus's matching rules (bench/_postings.py states them).
REQUIREMENT_MATCH = 85
BOILERPLATE_MATCH = 90


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    expected: dict[str, Any]


@cache
def load_dev() -> tuple[Case, ...]:
    return tuple(
        Case(
            path.stem,
            path.read_text(encoding="utf-8"),
            json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8")),
        )
        for path in sorted(DEV.glob("*.txt"))
    )


# ---------------------------------------------------------------------------------------------------
# Transformations
# ---------------------------------------------------------------------------------------------------

_BULLET_MARK = re.compile(r"^(\s*)(?:[-*•·▪◦●]|\d{1,2}[.)])\s+(?=\S)")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+")


def crlf(case: Case) -> str:
    """A paste from a Windows program: every line ends in CR LF."""
    return case.text.replace("\r\n", "\n").replace("\n", "\r\n")


def rewrap_72(case: Case) -> str:
    """An email client re-wraps every line longer than 72 columns (format=flowed as plain text)."""
    out: list[str] = []
    for line in case.text.split("\n"):
        if len(line) <= 72:
            out.append(line)
            continue
        out.extend(textwrap.wrap(line, width=72, break_long_words=False, break_on_hyphens=False))
    return "\n".join(out)


def no_bullet_markers(case: Case) -> str:
    """A list copied from a browser: the items keep their lines but lose their markers."""
    return "\n".join(_BULLET_MARK.sub(r"\1", line) for line in case.text.split("\n"))


def rendered_markdown(case: Case) -> str:
    """Markdown copied from the rendered page: no "#", no "**", no bullet markers."""
    lines = []
    for line in case.text.split("\n"):
        line = _MD_HEADING.sub("", line)
        line = _BULLET_MARK.sub(r"\1", line)
        lines.append(line.replace("**", "").replace("__", ""))
    return "\n".join(lines)


def no_blank_lines(case: Case) -> str:
    """A page whose paragraphs are blocks, not blank lines: the copy has no empty line at all."""
    return "\n".join(line for line in case.text.split("\n") if line.strip())


_SIMILAR_JOBS = """\
Similar jobs
Senior Account Manager
Northwind Traders
Manchester, England, United Kingdom
£48,000 - £56,000
3 weeks ago
Registered Nurse - Night Shift
Contoso Health
Leeds, England, United Kingdom
$38 - $45 an hour
1 week ago
Warehouse Team Leader
Fabrikam Logistics
Birmingham, England, United Kingdom
5 days ago
People also viewed
Data Analyst
Tailspin Toys
Remote
€55,000 - €65,000
"""


def _place(case: Case) -> str:
    return case.expected["location"] or ""


def linkedin_guest(case: Case) -> str:
    """LinkedIn's public page: the "X hiring Y in Z" tab title, the job card, "About the job", "Show
    more", the criteria list and the similar-jobs list with other employers' titles and pay."""
    title, company, place = case.expected["title"], case.expected["company"], _place(case)
    head = []
    if title and company:
        head.append(f"{company} hiring {title}" + (f" in {place}" if place else "") + " | LinkedIn")
    head += ["Skip to main content", "Sign in", "Join now"]
    # The job card: title, employer, place (the employer line only when the posting names one).
    head += [part for part in (title, company, place) if part]
    head += ["1 week ago", "Over 200 applicants", "Apply", "Save", ""]
    tail = [
        "",
        "Show more",
        "Show less",
        "Seniority level",
        "Mid-Senior level",
        "Employment type",
        "Full-time",
        "Referrals increase your chances of interviewing at this company by 2x",
        "See who you know",
        "Get notified about new jobs in your area",
        "Sign in to create job alert",
        _SIMILAR_JOBS,
    ]
    return "\n".join([*head, "About the job", case.text, *tail])


def linkedin_signed_in(case: Case) -> str:
    """LinkedIn for a signed-in user: title, then "Company · Place · 2 weeks ago · Over 100
    applicants", the buttons, "About the job" and the text, then "Show more"."""
    title, company, place = case.expected["title"], case.expected["company"], _place(case)
    head = []
    if title:
        head.append(title)
    meta = [part for part in (company, place) if part]
    head += [" · ".join([*meta, "2 weeks ago", "Over 100 applicants"]), "Full-time", "Easy Apply", "Save", ""]
    return "\n".join([*head, "About the job", "", case.text, "", "Show more", "", _SIMILAR_JOBS])


def indeed(case: Case) -> str:
    """Indeed's job page: title, employer and place above "Full job description", "Report job" after."""
    title, company, place = case.expected["title"], case.expected["company"], _place(case)
    head = [part for part in (title, company, place) if part]
    return "\n".join(
        [
            *head,
            "Apply now",
            "",
            "Full job description",
            case.text,
            "",
            "Report job",
            "Report",
            "Powered by Workable",
            "Job description",
            "Hiring Insights",
            "Posted 30+ days ago",
        ]
    )


_GREENHOUSE_FORM = """\
Apply for this job
* indicates a required field
First Name *
Last Name *
Email *
Phone
Resume/CV *
Attach
Dropbox
Google Drive
Enter manually
Are you legally authorized to work in the country where this job is located? *
Will you now or in the future require sponsorship for employment visa status? *
How did you hear about this job? *
Submit application"""


def greenhouse(case: Case) -> str:
    """A Greenhouse board: title, "at Company", the place, the text, then the application form."""
    title, company, place = case.expected["title"], case.expected["company"], _place(case)
    head = [part for part in (title, f"at {company}" if company else None, place) if part]
    return "\n".join([*head, "Apply", "", case.text, "", _GREENHOUSE_FORM])


def lever(case: Case) -> str:
    """A Lever page: title, then "Place / Full-time", the text, then "Apply for this job"."""
    title, place = case.expected["title"], _place(case)
    head = [part for part in (title, f"{place} /" if place else None, "Full-time") if part]
    return "\n".join([*head, "", case.text, "", "Apply for this job", "Jobs powered by Lever"])


def glassdoor(case: Case) -> str:
    """Glassdoor's page: the employer with its rating, the title, the place, "Easy Apply"; the text
    under "Job description"; "Report" and a list of similar jobs after."""
    title, company, place = case.expected["title"], case.expected["company"], _place(case)
    head = [
        f"{company} 3.9 ★" if company else None,
        title,
        place,
        "Easy Apply",
        "Save",
        "",
        "Job description",
    ]
    return "\n".join(
        [*(part for part in head if part is not None), case.text, "", "Report", "", _SIMILAR_JOBS]
    )


def greenhouse_tab(case: Case) -> str:
    """Greenhouse's page with its tab title ("Job Application for X at Y") copied above the board."""
    title, company, place = case.expected["title"], case.expected["company"], _place(case)
    head = [f"Job Application for {title} at {company}" if title and company else None, "Back to jobs"]
    head += [title, place, "Apply"]
    return "\n".join([*(part for part in head if part), "", case.text, "", _GREENHOUSE_FORM])


def workable(case: Case) -> str:
    """A Workable careers page: the employer's name, the title, "Place · Full time", the text, then
    "Apply for this job" and "Powered by Workable"."""
    title, company, place = case.expected["title"], case.expected["company"], _place(case)
    meta = " · ".join(part for part in (place, "Full time") if part)
    head = [part for part in (company, title, meta) if part]
    return "\n".join([*head, "", case.text, "", "Apply for this job", "Powered by Workable"])


def email_quoted(case: Case) -> str:
    """A posting forwarded by email and pasted from the reply: the forwarded message's header, every
    line of the posting quoted with "> "."""
    title, company = case.expected["title"], case.expected["company"]
    subject = " at ".join(part for part in (title, company) if part) or "a job you may like"
    head = [
        "---------- Forwarded message ---------",
        "From: Jobs Alert <alerts@example.com>",
        "Date: Tue, 4 Mar 2025 at 09:12",
        f"Subject: {subject}",
        "To: <me@example.com>",
        "",
    ]
    return "\n".join([*head, *(f"> {line}" if line.strip() else ">" for line in case.text.split("\n"))])


_EEO = [
    "We are an equal opportunity employer and value diversity at our company. We do not discriminate "
    "on the basis of race, religion, color, national origin, gender, sexual orientation, age, marital "
    "status, veteran status, or disability status.",
    "We will ensure that individuals with disabilities are provided reasonable accommodation to "
    "participate in the job application or interview process, to perform essential job functions, and "
    "to receive other benefits and privileges of employment. Please contact us to request "
    "accommodation.",
    "To apply, please send your CV and a covering letter explaining your interest in the role.",
    "The closing date for applications is 31 March 2025. Applications received after this date will "
    "not be considered.",
    "Application questions:",
    "How many years of experience do you have in this field?",
    "Are you willing to relocate?",
    "What is your notice period?",
]


def eeo_tail(case: Case) -> str:
    """The paragraphs a careers page adds below every posting: equal opportunity, accommodation, how
    and when to apply, and the form's questions."""
    return "\n\n".join([case.text.rstrip(), *_EEO])


TRANSFORMS: dict[str, Callable[[Case], str]] = {
    "crlf": crlf,
    "rewrap_72": rewrap_72,
    "no_bullet_markers": no_bullet_markers,
    "rendered_markdown": rendered_markdown,
    "no_blank_lines": no_blank_lines,
    "linkedin_guest": linkedin_guest,
    "linkedin_signed_in": linkedin_signed_in,
    "indeed": indeed,
    "greenhouse": greenhouse,
    "lever": lever,
    "glassdoor": glassdoor,
    "greenhouse_tab": greenhouse_tab,
    "workable": workable,
    "email_quoted": email_quoted,
    "eeo_tail": eeo_tail,
}
# Text each transformation adds that is never a requirement.
ADDED_BOILERPLATE = [
    *_EEO,
    "Show more",
    "Show less",
    "Apply for this job",
    "Easy Apply",
    "Report job",
    "Report",
    "Powered by Workable",
    "Job description",
    "Full job description",
    "Referrals increase your chances of interviewing at this company by 2x",
    "Are you legally authorized to work in the country where this job is located?",
    "Will you now or in the future require sponsorship for employment visa status?",
    "How did you hear about this job?",
]


# ---------------------------------------------------------------------------------------------------
# The check
# ---------------------------------------------------------------------------------------------------


def _norm(value: str | None) -> str:
    return " ".join((value or "").casefold().split())


def _field_ok(parsed: ParsedJob, expected: dict[str, Any], name: str) -> bool:
    if name == "salary":
        want, got = expected["salary"], parsed.salary
        if want is None:
            return got is None
        return got is not None and (got.min, got.max, got.currency, got.period) == (
            want["min"],
            want["max"],
            want["currency"],
            want["period"],
        )
    if name == "location":
        place = _norm(parsed.location)
        if expected["location"] is None:
            return not place
        cities = [
            _norm(place.split(",")[0])
            for place in [expected["location"], *expected.get("location_alternatives", [])]
        ]
        return bool(place) and any(city and (city in place or place in city) for city in cities)
    answers = [expected[name], *expected.get(f"{name}_alternatives", [])]
    if expected[name] is None:
        return not _norm(getattr(parsed, name))
    return _norm(getattr(parsed, name)) in {_norm(a) for a in answers}


def _found(want: str, requirements: list[str]) -> bool:
    processed = default_process(want)
    return any(
        len(got := default_process(item)) * 2 >= len(processed)
        and fuzz.partial_ratio(processed, got) >= REQUIREMENT_MATCH
        for item in requirements
    )


def _boilerplate(items: list[str], requirements: list[str]) -> list[str]:
    hits = []
    for item in items:
        want = default_process(item)
        for got in map(default_process, requirements):
            if len(want) < 20:
                if got.startswith(want) and len(got) <= len(want) + 5:
                    hits.append(item)
            elif fuzz.partial_ratio(want, got) >= BOILERPLATE_MATCH:
                hits.append(item)
    return hits


@cache
def _original(name: str) -> ParsedJob:
    case = next(c for c in load_dev() if c.name == name)
    return parse_job_text(case.text)


def check(case: Case, transform: Callable[[Case], str]) -> list[str]:
    """What the parser gets wrong on the transformed posting that it gets right on the original."""
    before, after = _original(case.name), parse_job_text(transform(case))
    problems = []
    for name in FIELDS:
        if _field_ok(before, case.expected, name) and not _field_ok(after, case.expected, name):
            shown = after.salary.model_dump() if name == "salary" and after.salary else getattr(after, name)
            problems.append(f"{name}: {shown!r} (expected {case.expected[name]!r})")
    lost = [
        want
        for want in case.expected["requirements"]
        if _found(want, before.requirements) and not _found(want, after.requirements)
    ]
    if lost:
        problems.append(f"requirements lost: {lost}")
    if not _boilerplate(case.expected["not_requirements"], before.requirements):
        leaked = _boilerplate([*case.expected["not_requirements"], *ADDED_BOILERPLATE], after.requirements)
        if leaked:
            problems.append(f"boilerplate among requirements: {leaked}")
    return problems
