"""Scoring of the offline job parser on real postings (tests/data/postings/, issue 15); run by
bench/job_parsing.py, which reports it beside the crafted postings.

Each posting there is real, stored as a person would paste it, with the fields a reader takes from it in
NAME.expected.json (see that folder's README). The development set (dev/) may be looked at while
improving the parser; the held-out set (heldout/) is scored only: this script prints its figures and
nothing about its single postings, and --verbose shows misses for dev/ only.

How a parsed field is judged against the expected one (text compared case-insensitively, spaces collapsed):

- title, company: equal to the expected value or one of its *_alternatives; an expected null is right
  only when the parser gives none (an agency post that never names the employer).
- location: an expected null needs none; otherwise the parsed place and the expected city (the part
  before the first comma of the expected value or of an alternative) must contain one another, either way
  ("Toronto" and "Toronto, ON" match; "Greater Milan Metropolitan Area" matches "Milan").
- remote: equal ("Full", "Hybrid", "None" or null).
- salary: null when expected null; otherwise min, max (to a cent; null matches null), currency and
  period all equal.
- requirement recall: an expected requirement is found when some parsed requirement contains its words:
  rapidfuzz partial_ratio >= 85 (after rapidfuzz's default processing: lower case, punctuation removed),
  and the parsed requirement is at least half as long as the expected one, so that a fragment such as
  "SQL" does not count as finding "Strong SQL skills". Micro-averaged over the set.
- boilerplate: the share of postings with any not_requirements item among the parsed requirements (for
  an item of 20 characters or more, partial_ratio >= 90; a shorter one such as "Show more" must be the
  whole parsed requirement, give or take five characters).
- keywords: precision and recall of the parsed keywords against the expected ones, case-insensitive,
  micro-averaged, each side taken as the skill it names where the vocabulary has it (a label's "Pallet
  jack" is the vocabulary's "Pallet truck"; from round 6 on: it added 1.1-1.8 points to the figures
  before).

The held-out targets are the issue's. Baseline (first run, before any parser change for this corpus),
dev / held-out: title 60.0 / 66.7, company 40.0 / 16.7, location 53.3 / 61.1, remote 83.3 / 77.8,
salary 76.7 / 77.8, requirement recall 63.1 / 49.3, postings with boilerplate requirements 20.0 / 5.6,
keyword precision 61.1 / 60.3, keyword recall 68.4 / 63.7 (all %), 12 / 16 ms per posting.
After the issue 15 work (dev / held-out): title 100 / 94.4, company 100 / 66.7, location 100 / 88.9,
remote 96.7 / 88.9, salary 100 / 88.9, requirement recall 98.3 / 87.5, postings with boilerplate
requirements 3.3 / 11.1, keyword precision 86.0 / 83.4, keyword recall 87.2 / 67.6, about 10 ms of CPU
per posting.
Second batch (23 more real postings: PDF text, Naukri, agency, LinkedIn, Workable, hiring-thread, NHS hourly,
driver, receptionist, pharmacy; 46 dev, 25 held-out). The parser before that batch's work, on the enlarged
corpus (dev / held-out): title 89.1 / 80.0, company 89.1 / 64.0, location 93.5 / 92.0, remote 93.5 / 92.0,
salary 95.7 / 92.0, requirement recall 93.1 / 77.6, postings with boilerplate requirements 6.5 / 12.0,
keyword precision 85.0 / 83.3, keyword recall 80.0 / 71.6. After it: title 100 / 80.0, company 100 / 76.0,
location 97.8 / 96.0, remote 97.8 / 92.0, salary 100 / 92.0, requirement recall 99.2 / 77.6, boilerplate
2.2 / 12.0, keyword precision 85.5 / 82.4, keyword recall 86.9 / 71.6, 15-20 ms per posting: of the dev
gains, only company and location carried over to the held-out set.
Third batch (13 more real dev postings: Workable, SmartRecruiters, Lever, French Teamtailor, a LinkedIn page
without a title, a county careers page, a library, a museum, sales hiring-thread lines, NHS educator,
payroll and lecturer; 59 dev, 25 held-out). The parser before that batch's work scored on the 13 new
postings (as fresh to it as the held-out set): title 92.3, company 76.9, location 92.3, remote 84.6, salary
100, requirement recall 90.0, boilerplate 23.1, keyword precision 73.5, keyword recall 54.5. After general
rules (headers, institution names, French headings and labels, prose cues, boilerplate classes, vocabulary
2.2): 100, 100, 100, 100, 100, 100, 0, 83.0, 78.6 on them; dev 59 / held-out: title 100 / 80.0, company 100
/ 76.0, location 98.3 / 96.0, remote 98.3 / 92.0, salary 100 / 92.0, requirement recall 99.4 / 77.6,
boilerplate 1.7 / 12.0, keyword precision 84.3 / 81.3, keyword recall 85.3 / 72.0, 14-19 ms per posting:
again nothing carried over to the held-out set but a keyword trade (precision -1.1, recall +0.4 from the
vocabulary additions).

Fourth batch (24 more real postings, 16 dev and 8 held-out, marked "round": 4 in their labels; 75 dev, 33
held-out): the dev ones are also scored apart, as "dev round 4" (the "dev r4" column), fresh to the parser
when first run. First run, no parser change (dev round 4 / all 75 dev / 33 held-out): title 75.0 / 94.7 /
81.8, company 50.0 / 89.3 / 78.8, location 81.2 / 94.7 / 87.9, remote 100 / 98.7 / 93.9, salary 100 / 100 /
93.9, requirement recall 78.2 / 95.0 / 81.0, postings with boilerplate requirements 25.0 / 6.7 / 18.2,
keyword precision 77.2 / 83.7 / 80.6, keyword recall 40.7 / 78.4 / 67.0, 12-14 ms per posting. The 59
earlier dev postings are unchanged (100, 100, 98.3, 98.3, 100, 99.4, 1.7, 84.3, 85.3): the fresh batch
scores like the held-out set did, not like the dev set. After that batch's work (general rules for the
round-4 dev misses: companies never an adjective, a possessive or a banner, "<Org> seeks", "DBA" legal
names, agency posts; titles from "Position Opening:", "position of X", a field after a dash; addresses and
"at our X facility" for places; lists under unknown headings read by what their items are, Dutch
headings, links a copied page split off; and, written before round 4 on paste transformations of the
dev postings, page chrome, rewrapped text and vocabulary 2.3), dev round 4 / all 75 dev / 33 held-out:
title 100 / 100 / 81.8, company 100 / 100 / 84.8, location 100 / 98.7 / 87.9, remote 100 / 98.7 / 93.9,
salary 100 / 100 / 93.9, requirement recall 87.1 / 96.8 / 81.4, boilerplate 6.2 / 2.7 / 15.2, keyword
precision 78.6 / 83.7 / 80.9, keyword recall 50.9 / 81.7 / 67.0, 13-16 ms per posting. Of the dev
gains only company (+6.0) and requirement recall (+0.4) carried over to the held-out set.

Fifth batch (17 more, 11 dev and 6 held-out, "round": 5; 86 dev, 39 held-out): NHS Jobs administration,
therapy, analyst and care work, Greenhouse/Workable/Lever/LinkedIn agency texts, 2018 hiring-thread lines,
government JOB DETAILS pages, Glassdoor/Indeed India, Canadian LinkedIn, college teaching. The bench now
prints one "dev rN" column per batch from the fourth on. First run, no parser change (dev round 5 / all 86
dev / 39 held-out): title 100 / 100 / 84.6, company 72.7 / 96.5 / 84.6, location 90.9 / 97.7 / 89.7, remote
90.9 / 97.7 / 94.9, salary 100 / 100 / 92.3, requirement recall 80.3 / 95.3 / 84.0, postings with
boilerplate requirements 18.2 / 4.7 / 15.4, keyword precision 68.5 / 81.8 / 79.5, keyword recall 77.8 / 81.3
/ 67.4, 13-15 ms per posting. Again the fresh batch scores like the held-out set: company, requirements,
boilerplate and keyword precision are where new material breaks the parser.
After general rules for its dev misses (glued markdown headings, agency company labels, department labels,
bracketed thread names, occasional office visits, wrapped requirement labels, Word's "o" bullets, stated
needs under duties headings and after the last list, pre-employment checks after the offers, more
boilerplate classes, vocabulary 2.4; each with a specification test), dev round 5 / all 86 dev / 39
held-out: title 100 / 100 / 84.6, company 100 / 100 / 84.6, location 100 / 98.8 / 89.7, remote 100 / 98.8
/ 94.9, salary 100 / 100 / 92.3, requirement recall 100 / 97.3 / 84.0, boilerplate 0 / 2.3 / 17.9, keyword
precision 70.0 / 81.8 / 79.2, keyword recall 86.4 / 82.3 / 67.4, 13-16 ms per posting. Round-5 keyword
precision stays low mostly because the parser names know-how from the duties that the labels leave out
("Data engineering", "Version control", "SaaS"). Again no gain reached the held-out set; its boilerplate
share rose by one posting (15.4 -> 17.9), unexamined per posting.

Sixth batch (15 more, 11 dev and 4 held-out, "round": 6; 97 dev, 43 held-out), chosen for the boilerplate
around the job: NHS Jobs accounting, sales, reception, nursing, catering, cleaning and portering, LinkedIn /
Greenhouse / Ashby page text, Glassdoor/Indeed India, a Canadian careers page. First run, no parser change
(dev round 6 / all 97 dev / 43 held-out): title 100 / 100 / 86.0, company 90.9 / 99.0 / 86.0, location 100 /
99.0 / 90.7, remote 100 / 99.0 / 93.0, salary 90.9 / 99.0 / 93.0, requirement recall 86.4 / 95.6 / 82.7,
postings with boilerplate requirements 18.2 / 4.1 / 18.6, keyword precision 53.2 / 78.3 / 75.6, keyword
recall 69.0 / 81.0 / 68.2, 20-40 ms per posting (wall clock on a shared machine). After general rules for its
dev misses (ATS postcodes, inclusion statements, "+" sub-lists, "to be considered ... demonstrate the
following:" lead-ins, "must have" prose under a duties heading, "you need to have", a role name repeated after
a header dash) and for what further real postings outside the corpus showed (more NHS Jobs records, JobSpy
India rows and careers pages from the same collections: job cards without a role noun, organisation lines
under the title, NHS Jobs' "Central Advertising" line, pay and terms-of-post lines, bonus schemes among the
perks, closing dates, job references, get-in-touch lead-ins, more boilerplate classes), each with a
specification test, dev round 6 / all 97 dev / 43 held-out: title 100 / 100 / 86.0, company 100 / 100 / 86.0,
location 100 / 99.0 / 90.7, remote 100 / 99.0 / 93.0, salary 90.9 / 99.0 / 93.0, requirement recall 95.8 /
97.0 / 83.0, boilerplate 0 / 2.1 / 18.6, keyword precision 53.6 / 78.3 / 75.6, keyword recall 70.2 / 81.2 /
68.2, about 30 ms of CPU per posting. Five check sentences of the new dev labels left not_requirements after
the first run, to follow the earlier batches (a check the holder must pass counts as a requirement); no score
changed with it. Again only requirement recall moved on the held-out set (+0.3).
Seventh batch (18 more, 12 dev and 6 held-out, "round": 7; 109 dev, 49 held-out), chosen for what the corpus
lacked: pay in CHF, NOK and AUD, Indian digit grouping ("INR 4,00,000 - 6,00,000 P.A."), monthly, bare and
hourly figures on job-board cards, nursing placements, health education, clinic, campaign, travel and legal
work, requirements in hard-wrapped paragraphs. First run, no parser change, on its first fifteen (dev round 7
/ all 107 dev / 48 held-out): title 50.0 / 95.3 / 85.4, company 50.0 / 95.3 / 85.4, location 90.0 / 98.1 /
91.7, remote 90.0 / 98.1 / 91.7, salary 80.0 / 97.2 / 93.8, requirement recall 88.6 / 96.6 / 82.7, boilerplate
20.0 / 3.7 / 18.8, keyword precision 65.6 / 83.8 / 79.2, keyword recall 53.8 / 85.0 / 71.4 (the 43 held-out
before it: title 86.0, company 86.0, location 90.7, remote 93.0, salary 93.0, requirement recall 83.0,
boilerplate 18.6, keyword precision 80.4, keyword recall 71.9). With its three Naukri postings, found,
labelled and committed after that run and before the parser was run on them (dev round 7 / all 109 dev / 49
held-out): title 58.3 / 95.4 / 85.7, company 50.0 / 94.5 / 83.7, location 91.7 / 98.2 / 89.8, remote 91.7 /
98.2 / 91.8, salary 83.3 / 97.2 / 93.9, requirement recall 89.4 / 96.6 / 82.7, boilerplate 16.7 / 3.7 / 18.4,
keyword precision 65.6 / 83.8 / 79.2, keyword recall 50.0 / 84.7 / 70.8. Round-7 dev misses: a project name or
a "This role reports to" sentence taken for the title, an acronym or a field line taken for the company
("IEN", "RN", "FLSA Classification: Exempt"), a bare "62500" and "70'000 CHF a year" not read as pay, a
job-board tag line and a header repeated on one line among the requirements, requirements cut by hard wraps at
50 columns, "work independently and remotely" read as a remote job; the two Naukri descriptions' lakh-grouped
pay was read.

Keyword precision work on the dev set (branch kw-precision), no new postings: a capitalised discipline before
a name's head noun ("the Project Management Tool", "the Digital Humanities Observatory", "a Teaching/Assessing
Certificate") is a proper name; "B2B" before a discipline that ends its phrase is a market; Business
intelligence named through its tools is the tools; the field of past years in German, Dutch and French and for
science, intelligence and analytics disciplines; "your role will include:", "What will you do?", "What do you
need to succeed?" and "the primary responsibilities of this position are" announce duties and requirements;
vocabulary 2.7 (compliance with a rule is an aim, refactoring is not technical debt management, machine
learning algorithms are machine learning, statistical methods, accountant, budgetary control, mental health
concerns, "fluently", BSN). Dev / held-out keyword precision 83.5 / 78.8 -> 84.9 / 79.6, recall 86.2 / 71.2
-> 87.5 / 71.8; every other figure unchanged. Most dev false positives left are know-how the duties or
requirements name that one label lists and another leaves out (care plans, data pipelines, KPIs, performance
tuning, offer-stage background and DBS checks), not a pattern a rule can tell apart.

Eighth batch (12 more, 8 dev and 4 held-out, "round": 8; 117 dev, 53 held-out), chosen for social care for
councils, finance and payroll outside the NHS, fundraising and research on a jobs board, careers and
Teamtailor page text with euro pay per month. First run, no parser change (dev round 8 / all 117 dev / 53
held-out): title 87.5 / 97.4 / 86.8, company 87.5 / 98.3 / 81.1, location 100 / 98.3 / 90.6, remote 100 /
99.1 / 92.5, salary 100 / 98.3 / 92.5, requirement recall 86.0 / 96.2 / 83.3, boilerplate 25.0 / 3.4 / 15.1,
keyword precision 76.5 / 84.6 / 79.1, keyword recall 78.8 / 87.2 / 71.9 (the 49 held-out before it: title
85.7, company 83.7, location 89.8, remote 91.8, salary 93.9, requirement recall 82.7, boilerplate 16.3,
keyword precision 79.6, keyword recall 71.8). Round-8 dev misses: a paste that states neither title nor
employer given "About the team" and a product brand; a shift line ("required to work weekends, evenings,
nights") and a core-hours sentence among the requirements; "As a very experienced Payroll Technician" and
"Enhanced DBS check will be required." not taken as requirements; fundraising named only in the duties of
two jobs-board cards.

Keyword work on the dev set (branch keywords), no new postings: dev false positives and misses classified as
know-how that every duty list names (KPIs, patient care, business development: now aims), the employer's
statements (offer-stage DBS and background checks, "vacancies for Registered Nurses": licences and checks now
count only where the title, requirements or duties name them), colleagues' posts and functions ("report to
the Safeguarding Lead", "liaison with payroll and internal audit"), a nationality read as a language
("Norwegian citizenship"), social networking read as computer networking, a title's trade never written as a
skill ("Project Manager", "Sales Advisor": role nouns now name their work), and terms the vocabulary lacked
for nursing, social care, teaching, sales, accounting, logistics, government, museums and the data stack
(vocabulary 2.8-2.10, from ESCO and O*NET as its README records). Dev / held-out keyword precision 84.6 /
79.1 -> 85.8 / 80.2, recall 87.7 / 71.9 -> 89.7 / 73.1; every other figure unchanged. Held-out recall stays
far below dev. Its misses were not read; in aggregate, counting every concept wherever it is named (no
requirements-or-duties rule) raises held-out recall by only about 3 points at a cost of 10 in precision, so
most of the gap is likely terms the vocabulary lacks. Left as the dev labels have them: no semantic layer,
access control, master's degree or performance tuning; GDPR but not data protection.

Ninth batch (15 more, 10 dev and 5 held-out, "round": 9; 127 dev, 58 held-out), chosen for recruiter posts
that never name the employer (German, French, LinkedIn summary), careers-page and Workday text with long
boilerplate, care providers, councils and GP practices on NHS Jobs (a practice never named, prose only) and
short Canadian aggregator texts. First run, no parser change (dev round 9 / all 127 dev / 58 held-out): title
80.0 / 96.9 / 87.9, company 70.0 / 96.1 / 81.0, location 70.0 / 96.1 / 89.7, remote 90.0 / 98.4 / 93.1,
salary 70.0 / 96.1 / 93.1, requirement recall 75.3 / 95.9 / 84.8, boilerplate 30.0 / 3.1 / 15.5, keyword
precision 78.8 / 84.1 / 79.7, keyword recall 77.8 / 86.9 / 72.3. Round-9 dev misses: a German compound
("Beratungsunternehmen") and a French "l'un de ses clients" not read as an unnamed client, so a noun and the
recruiter's own name came back as the company; emoji-decorated headings ("🛠 Das bringst du mit") not read as
headings; a French card's contract type, place and "Télétravail fréquent"; a title only in "In the role as
..."; "Medical Notes Summariser" not a role noun; a group's headquarters as the place; a bare "Salary:
15,600" without a currency; "What we look for in your application", Indeed's "(Preferred)" lines under
"Benefits:"; the Rehabilitation of Offenders notice, a values list and "Descriptif du poste" among the
requirements. After the rules (each with a specification test; also a job card's place-and-terms line,
a legal form alone, a LinkedIn region, the title repeated and a piece of a place refused as the employer,
found through the dev postings' job-page pastes), dev round 9 / all 127 dev / 58 held-out: title 100 / 98.4 /
87.9, company 100 / 98.4 / 81.0, location 100 / 98.4 / 89.7, remote 100 / 99.2 / 93.1, salary 80.0 / 96.9 /
93.1, requirement recall 94.1 / 97.7 / 84.8, boilerplate 0.0 / 0.8 / 15.5, keyword precision 84.4 / 84.5 /
79.7, keyword recall 80.2 / 87.1 / 72.3: the held-out figures did not move. What round 9 fixed is what its
own dev postings showed; the held-out misses are of kinds the dev set does not show (they are not read).

    .venv/bin/python bench/job_parsing.py [--verbose]   (--verbose: each dev posting's misses)
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _result import figure
from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from jobwise.ai.engine import ParsedJob
from jobwise.ai.offline.job_parser import parse_job_text
from jobwise.text.vocabulary.skills import get_vocabulary

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "postings"
SETS = ("dev", "heldout")
FIELDS = ("title", "company", "location", "remote", "salary")
# Batches from the fourth on carry "round": N in their labels; each gets its own dev column.
FIRST_SCORED_ROUND = 4

TIMING_RUNS = 3
REQUIREMENT_MATCH = 85
BOILERPLATE_MATCH = 90
SHORT_BOILERPLATE = 20

# The targets for the held-out set: (figure, comparison, threshold).
TARGETS: dict[str, tuple[str, float]] = {
    "title accuracy": (">=", 90),
    "company accuracy": (">=", 90),
    "location accuracy": (">=", 85),
    "remote accuracy": (">=", 90),
    "salary accuracy": (">=", 90),
    "requirement recall": (">=", 85),
    "postings with boilerplate requirements": ("<=", 5),
    "keyword recall": (">=", 80),
    "keyword precision": (">=", 90),
    "ms per posting": ("<=", 50),
}


@dataclass
class Case:
    name: str
    text: str
    expected: dict[str, Any]


@dataclass
class Tally:
    postings: int = 0
    fields: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    requirements_found: int = 0
    requirements_expected: int = 0
    with_boilerplate: int = 0
    keywords_right: int = 0
    keywords_parsed: int = 0
    keywords_expected: int = 0
    seconds: float = 0.0

    def figures(self) -> dict[str, float | None]:
        def share(part: int, whole: int) -> float | None:
            return part / whole * 100 if whole else None

        values: dict[str, float | None] = {
            f"{name} accuracy": share(self.fields[name], self.postings) for name in FIELDS
        }
        values["requirement recall"] = share(self.requirements_found, self.requirements_expected)
        values["postings with boilerplate requirements"] = share(self.with_boilerplate, self.postings)
        values["keyword precision"] = share(self.keywords_right, self.keywords_parsed)
        values["keyword recall"] = share(self.keywords_right, self.keywords_expected)
        values["ms per posting"] = self.seconds * 1000 / self.postings if self.postings else None
        return values


def load(split: str) -> list[Case]:
    cases = []
    for path in sorted((CORPUS / split).glob("*.txt")):
        expected = json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))
        cases.append(Case(path.stem, path.read_text(encoding="utf-8"), expected))
    return cases


def _norm(value: str | None) -> str:
    return " ".join((value or "").casefold().split())


def _one_of(parsed: str | None, expected: dict[str, Any], key: str) -> bool:
    if expected[key] is None:
        return not _norm(parsed)
    answers = [expected[key], *expected.get(f"{key}_alternatives", [])]
    return _norm(parsed) in {_norm(answer) for answer in answers}


def _same_place(parsed: str | None, expected: dict[str, Any]) -> bool:
    got = _norm(parsed)
    if expected["location"] is None:
        return not got
    if not got:
        return False
    for place in [expected["location"], *expected.get("location_alternatives", [])]:
        city = _norm(place.split(",")[0])
        if city and (city in got or got in city):
            return True
    return False


def _close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 0.01)


def _same_salary(parsed: ParsedJob, expected: dict[str, Any] | None) -> bool:
    got = parsed.salary
    if expected is None:
        return got is None
    return (
        got is not None
        and _close(got.min, expected["min"])
        and _close(got.max, expected["max"])
        and got.currency == expected["currency"]
        and got.period == expected["period"]
    )


def _contains(expected: str, parsed: str) -> bool:
    want, got = default_process(expected), default_process(parsed)
    return len(got) * 2 >= len(want) and fuzz.partial_ratio(want, got) >= REQUIREMENT_MATCH


def _is_boilerplate(item: str, parsed: str) -> bool:
    want, got = default_process(item), default_process(parsed)
    if not want:
        return False
    if len(want) < SHORT_BOILERPLATE:
        return got.startswith(want) and len(got) <= len(want) + 5
    return fuzz.partial_ratio(want, got) >= BOILERPLATE_MATCH


@dataclass
class Result:
    fields: dict[str, bool]
    missed_requirements: list[str]
    boilerplate: list[str]
    extra_keywords: set[str]
    missed_keywords: set[str]


def score(parsed: ParsedJob, expected: dict[str, Any]) -> Result:
    fields = {
        "title": _one_of(parsed.title, expected, "title"),
        "company": _one_of(parsed.company, expected, "company"),
        "location": _same_place(parsed.location, expected),
        "remote": parsed.remote == expected["remote"],
        "salary": _same_salary(parsed, expected["salary"]),
    }
    missed = [
        want
        for want in expected["requirements"]
        if not any(_contains(want, got) for got in parsed.requirements)
    ]
    boilerplate = [
        item
        for item in expected["not_requirements"]
        if any(_is_boilerplate(item, got) for got in parsed.requirements)
    ]
    found = keyword_keys(parsed.keywords)
    wanted = keyword_keys(expected["keywords"])
    return Result(fields, missed, boilerplate, found - wanted, wanted - found)


def keyword_keys(keywords: list[str]) -> set[str]:
    """Each keyword as the skill it names: a label and the parser may spell one skill two ways
    ("Pallet jack" and the vocabulary's "Pallet truck"); a term the vocabulary lacks stays as is."""
    vocabulary = get_vocabulary()
    keys = set()
    for keyword in keywords:
        skill = vocabulary.canonical(keyword)
        keys.add((skill.name if skill is not None else keyword).casefold())
    return keys


def run(cases: list[Case], *, show: bool, verbose: bool) -> Tally:
    tally = Tally()
    for case in cases:
        # The parser's own CPU time, the least of three parses: on a shared machine wall time
        # measures the neighbours too.
        times = []
        for _ in range(TIMING_RUNS):
            started = time.process_time()
            parsed = parse_job_text(case.text)
            times.append(time.process_time() - started)
        tally.seconds += min(times)
        result = score(parsed, case.expected)
        tally.postings += 1
        for name, ok in result.fields.items():
            tally.fields[name] += ok
        tally.requirements_expected += len(case.expected["requirements"])
        tally.requirements_found += len(case.expected["requirements"]) - len(result.missed_requirements)
        tally.with_boilerplate += bool(result.boilerplate)
        wanted = keyword_keys(case.expected["keywords"])
        found = keyword_keys(parsed.keywords)
        tally.keywords_right += len(found & wanted)
        tally.keywords_parsed += len(found)
        tally.keywords_expected += len(wanted)
        if show:
            _print_case(case, parsed, result, verbose=verbose)
    return tally


def _print_case(case: Case, parsed: ParsedJob, result: Result, *, verbose: bool) -> None:
    marks = " ".join(f"{'ok' if result.fields[name] else 'MISS':>8}" for name in FIELDS)
    wanted = len(case.expected["requirements"])
    recall = f"{wanted - len(result.missed_requirements)}/{wanted}"
    print(f"{case.name:<52} {marks} {recall:>7} {'BOILER' if result.boilerplate else '':>6}")
    if not verbose:
        return
    for name, ok in result.fields.items():
        if not ok:
            got = parsed.salary.model_dump() if name == "salary" and parsed.salary else getattr(parsed, name)
            print(f"    {name}: got {got!r}, expected {case.expected[name]!r}")
    for want in result.missed_requirements:
        print(f"    requirement not found: {want!r}")
    for item in result.boilerplate:
        print(f"    boilerplate among requirements: {item!r}")
    if result.extra_keywords:
        print(f"    extra keywords: {sorted(result.extra_keywords)}")
    if result.missed_keywords:
        print(f"    missed keywords: {sorted(result.missed_keywords)}")


def _target(name: str, value: float | None) -> tuple[str | None, bool | None]:
    if name not in TARGETS or value is None:
        return None, None
    sign, threshold = TARGETS[name]
    return f"{sign} {threshold:g}", value >= threshold if sign == ">=" else value <= threshold


def report(*, verbose: bool) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Score both sets, print the dev postings and both sets' figures; the figures for emit()."""
    print(f"\n{'dev posting':<52} " + " ".join(f"{name:>8}" for name in FIELDS) + "    reqs")
    cases = {split: load(split) for split in SETS}
    tallies = {split: run(cases[split], show=split == "dev", verbose=verbose) for split in SETS}
    # Each batch's dev postings from the fourth on ("round": N) scored apart: measured before any rule was
    # written for them, a batch shows how the parser does on material it was never tuned on, and the
    # latest one is the freshest. Held-out stays aggregate only.
    numbers = sorted(
        {
            case.expected["round"]
            for case in cases["dev"]
            if case.expected.get("round", 0) >= FIRST_SCORED_ROUND
        }
    )
    rounds = {
        number: run(
            [case for case in cases["dev"] if case.expected.get("round") == number], show=False, verbose=False
        )
        for number in numbers
    }
    columns = {**tallies, **{f"dev round {number}": tally for number, tally in rounds.items()}}
    print()
    values = {column: tally.figures() for column, tally in columns.items()}
    names = list(values["dev"])
    headers = ["dev", "heldout", *(f"dev r{number}" for number in numbers)]
    print(f"{'real postings':<40} " + " ".join(f"{header:>8}" for header in headers) + "   target (held-out)")
    for name in names:
        cells = " ".join(
            f"{values[column][name]:>8.1f}" if values[column][name] is not None else f"{'-':>8}"
            for column in columns
        )
        target, ok = _target(name, values["heldout"][name])
        verdict = "" if target is None else f"   {target} {'ok' if ok else 'not met'}"
        print(f"{name:<40} {cells}{verdict}")
    print(
        f"\n{tallies['dev'].postings} dev (of which "
        + ", ".join(f"{tally.postings} of round {number}" for number, tally in rounds.items())
        + f") and {tallies['heldout'].postings} held-out postings"
    )
    figures = []
    for column in columns:
        for name, value in values[column].items():
            target, ok = _target(name, value) if column == "heldout" else (None, None)
            unit = "ms" if name == "ms per posting" else "%"
            figures.append(figure(f"{column} {name}", value, unit, target=target, ok=ok))
    counts = {split: tallies[split].postings for split in SETS}
    per_round = {f"dev_round_{number}": tally.postings for number, tally in rounds.items()}
    return figures, {**counts, **per_round}
