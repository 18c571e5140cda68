"""Field accuracy of the offline job-posting parser, on the crafted postings and on real ones.

1. Crafted (tests/data/job_postings/): reads every posting there (NN_name.txt with
NN_name.expected.json beside it) and, when present, JSON Resume's sample.job.json from the shared
data folder rendered as a plain-text posting. Prints one row per posting and the accuracy per field;
skills are scored by precision and recall against the expected canonical names (micro-averaged over
all postings; the soft skills these files list are left out, as the parser leaves them out).

Postings 01-15 were written together with the parser, so they flatter it; 16-20 were written after
its first version and measured before any change for them (first run: title 3/5, company 4/5,
location 2/5, remote 4/5, salary 5/5, level 5/5, requirements 2/5, responsibilities 2/5, benefits
4/5), then the general faults they showed were fixed. New postings should be added the same way.

2. Real postings (tests/data/postings/, issue 15): a development set and a held-out set, scored
apart by bench/_postings.py (its docstring states the matching rules); --verbose shows the dev
postings' misses, never the held-out ones.

    .venv/bin/python bench/job_parsing.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _postings import report as report_real_postings
from _result import emit, figure

from jobwise.ai.engine import ParsedJob
from jobwise.ai.offline.job_parser import parse_job_text
from jobwise.text.vocabulary import get_vocabulary

ROOT = Path(__file__).resolve().parents[1]
POSTINGS = ROOT / "tests" / "data" / "job_postings"
SAMPLE_JOB = ROOT / "tests" / "data" / "jsonresume" / "sample.job.json"

FIELDS = ["title", "company", "location", "remote", "salary", "level", "reqs", "resps", "benefits"]


@dataclass
class Case:
    name: str
    text: str
    expected: dict[str, Any]


def render_json_resume_job(job: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """A JSON Resume job as the plain text a person would paste, and the fields we expect back."""
    location = job.get("location") or {}
    place = ", ".join(p for p in (location.get("city"), location.get("countryCode")) if p)
    lines = [job.get("title", "")]
    for label, value in (
        ("Company", job.get("company")),
        ("Location", place),
        ("Type", job.get("type")),
        ("Remote", job.get("remote")),
        ("Salary", job.get("salary")),
        ("Experience", job.get("experience")),
    ):
        if value:
            lines.append(f"{label}: {value}")
    lines += ["", job.get("description", ""), "", "Responsibilities:"]
    lines += [f"- {item}" for item in job.get("responsibilities", [])]
    lines += ["", "Qualifications:"]
    lines += [f"- {item}" for item in job.get("qualifications", [])]
    keywords = [k for skill in job.get("skills", []) for k in skill.get("keywords", [])]
    lines += ["", "Tech stack: " + ", ".join(keywords)]
    vocabulary = get_vocabulary()
    skills = []
    for term in [*(s.get("name", "") for s in job.get("skills", [])), *keywords]:
        skill = vocabulary.canonical(term)
        if skill is not None and skill.name not in skills:
            skills.append(skill.name)
    salary = job.get("salary")
    expected = {
        "title": job.get("title"),
        "company": job.get("company"),
        "location": place or None,
        "remote": job.get("remote"),
        "salary": {"min": float(salary), "max": float(salary), "currency": None, "period": "year"}
        if salary and str(salary).isdigit()
        else None,
        "experience_level": job.get("experience"),
        "requirements": len(job.get("qualifications", [])),
        "responsibilities": len(job.get("responsibilities", [])),
        "benefits": 0,
        "skills": skills,
    }
    return "\n".join(lines), expected


def load_cases() -> tuple[list[Case], str | None]:
    cases = []
    for path in sorted(POSTINGS.glob("*.txt")):
        expected_path = path.with_name(path.stem + ".expected.json")
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        cases.append(Case(path.stem, path.read_text(encoding="utf-8"), expected))
    note = None
    if SAMPLE_JOB.exists():
        text, expected = render_json_resume_job(json.loads(SAMPLE_JOB.read_text(encoding="utf-8")))
        cases.append(Case("jsonresume_sample_job", text, expected))
    else:
        note = f"skipped JSON Resume sample job: {SAMPLE_JOB} not found"
    return cases, note


def _same(a: str | None, b: str | None) -> bool:
    def norm(value: str | None) -> str:
        return " ".join((value or "").casefold().split())

    return norm(a) == norm(b)


def _same_salary(parsed: ParsedJob, expected: dict[str, Any] | None) -> bool:
    if expected is None:
        return parsed.salary is None
    if parsed.salary is None:
        return False
    got = parsed.salary.model_dump()
    return all(
        (got[key] == expected[key]) if key in {"currency", "period"} else _close(got[key], expected[key])
        for key in ("min", "max", "currency", "period")
    )


def _close(a: float | None, b: float | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 0.01)


def score(parsed: ParsedJob, expected: dict[str, Any]) -> tuple[dict[str, bool], set[str], set[str]]:
    checks = {
        "title": _same(parsed.title, expected["title"]),
        "company": _same(parsed.company, expected["company"]),
        "location": _same(parsed.location, expected["location"]),
        "remote": parsed.remote == expected["remote"],
        "salary": _same_salary(parsed, expected["salary"]),
        "level": parsed.experience_level == expected["experience_level"],
        "reqs": len(parsed.requirements) == expected["requirements"],
        "resps": len(parsed.responsibilities) == expected["responsibilities"],
        "benefits": len(parsed.benefits) == expected["benefits"],
    }
    vocabulary = get_vocabulary()
    # Personal traits are not a posting's keywords (issue 15); these files were written before that.
    wanted = {
        skill
        for skill in expected["skills"]
        if (known := vocabulary.canonical(skill)) is None or not known.is_soft
    }
    return checks, set(parsed.keywords), wanted


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--verbose", action="store_true", help="show mismatches")
    args = parser.parse_args()
    get_vocabulary()  # load once, outside the timing
    cases, note = load_cases()
    totals = dict.fromkeys(FIELDS, 0)
    true_positives = found_total = expected_total = 0
    elapsed = 0.0
    name_width = max(len(c.name) for c in cases)
    print(f"{'crafted posting':<{name_width}}  " + " ".join(f"{f:>8}" for f in FIELDS) + "   skills P    R")
    for case in cases:
        started = time.perf_counter()
        parsed = parse_job_text(case.text)
        elapsed += time.perf_counter() - started
        checks, found, wanted = score(parsed, case.expected)
        hits = len(found & wanted)
        true_positives += hits
        found_total += len(found)
        expected_total += len(wanted)
        for key, ok in checks.items():
            totals[key] += ok
        precision = hits / len(found) if found else 1.0
        recall = hits / len(wanted) if wanted else 1.0
        marks = " ".join(f"{'ok' if checks[f] else 'MISS':>8}" for f in FIELDS)
        print(f"{case.name:<{name_width}}  {marks}   {precision:5.2f} {recall:5.2f}")
        if args.verbose:
            for key, ok in checks.items():
                if not ok:
                    print(f"    {key}: got {_shown(parsed, key)!r}")
            if found - wanted:
                print(f"    extra skills: {sorted(found - wanted)}")
            if wanted - found:
                print(f"    missed skills: {sorted(wanted - found)}")
    count = len(cases)
    print("-" * (name_width + 2 + 9 * len(FIELDS) + 16))
    accuracy = " ".join(f"{totals[f] / count:>8.0%}" for f in FIELDS)
    precision = true_positives / found_total if found_total else 1.0
    recall = true_positives / expected_total if expected_total else 1.0
    print(f"{'accuracy':<{name_width}}  {accuracy}   {precision:5.2f} {recall:5.2f}")
    print(f"\n{count} postings, {elapsed * 1000 / count:.1f} ms per posting (offline parser)")
    if note:
        print(note)
    fields = [figure(f"crafted {f} accuracy", totals[f] / count * 100, "%") for f in FIELDS]
    real, real_counts = report_real_postings(verbose=args.verbose)
    emit(
        "job_parsing",
        [
            *fields,
            figure("crafted skills precision", precision * 100, "%"),
            figure("crafted skills recall", recall * 100, "%"),
            figure("crafted ms per posting", elapsed * 1000 / count, "ms"),
            *real,
        ],
        crafted=count,
        **real_counts,
    )
    return 0


def _shown(parsed: ParsedJob, key: str) -> Any:
    return {
        "level": parsed.experience_level,
        "reqs": parsed.requirements,
        "resps": parsed.responsibilities,
        "benefits": parsed.benefits,
        "salary": parsed.salary,
    }.get(key, getattr(parsed, key, None))


if __name__ == "__main__":
    sys.exit(main())
