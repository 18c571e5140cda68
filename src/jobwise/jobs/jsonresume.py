"""A job posting in JSON Resume's job schema (https://jsonresume.org/job-description-schema).

What maps: title, company, date (the day the job was saved), description, location (the text
as `address`, and `city`/`region` when it reads as "City, Region"), remote (Full, Hybrid, None),
salary (the posting's own wording, else the structured figures), experience, responsibilities,
qualifications (the requirements), skills (the keywords, grouped by the vocabulary's category)
and meta. Benefits have no place in the schema; they travel as an extra top-level `benefits`
key, which the schema allows.

The jobs table has no column for responsibilities: a parsed posting keeps them at the end of the
description under RESPONSIBILITIES_HEADING, and the export reads them back from there.
"""

from __future__ import annotations

import re
from typing import Any

from jobwise.ai.offline.places import is_place
from jobwise.models import Job
from jobwise.text.vocabulary import get_vocabulary

RESPONSIBILITIES_HEADING = "Responsibilities:"

_CATEGORY_NAMES = {
    "language": "Programming languages",
    "framework": "Frameworks and libraries",
    "database": "Databases",
    "cloud": "Cloud",
    "devops": "DevOps",
    "data": "Data",
    "ml": "Machine learning",
    "testing": "Testing",
    "tool": "Tools",
    "security": "Security",
    "platform": "Platforms",
    "practice": "Practices",
    "design": "Design",
    "business": "Business",
    "soft": "Soft skills",
    "spoken_language": "Languages",
    "care": "Health and care",
    "education": "Teaching and learning",
    "culture": "Museums and culture",
    "finance": "Finance and accounting",
    "logistics": "Warehouse and logistics",
    "public_sector": "Public sector",
    "licence": "Licences and certifications",
    "trades": "Trades and maintenance",
    "hospitality": "Hospitality and catering",
}
_PERIOD_WORDS = {
    "year": "per year",
    "month": "per month",
    "week": "per week",
    "day": "per day",
    "hour": "per hour",
}


def split_description(description: str | None) -> tuple[str | None, list[str]]:
    """(the prose, the responsibilities) of a description written by the parse endpoint."""
    if not description:
        return description, []
    marker = f"\n\n{RESPONSIBILITIES_HEADING}\n"
    text = description if not description.startswith(marker[2:]) else "\n\n" + description
    prose, found, tail = text.partition(marker)
    if not found:
        return description, []
    items = [line[2:].strip() for line in tail.split("\n") if line.startswith("- ") and line[2:].strip()]
    return prose.strip() or None, items


def join_description(prose: str | None, responsibilities: list[str]) -> str | None:
    if not responsibilities:
        return prose
    listed = "\n".join(f"- {item}" for item in responsibilities)
    return (
        f"{prose.strip()}\n\n{RESPONSIBILITIES_HEADING}\n{listed}"
        if prose
        else f"{RESPONSIBILITIES_HEADING}\n{listed}"
    )


def _location(text: str) -> dict[str, str]:
    location = {"address": text}
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if is_place(text) and parts and parts[0].lower() != "remote":
        location["city"] = parts[0]
        if len(parts) > 1:
            location["region"] = ", ".join(parts[1:])
    return location


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def _salary(job: Job) -> str | None:
    if job.salary_range:
        return job.salary_range
    salary = job.salary or {}
    low, high = salary.get("min"), salary.get("max")
    if low is None and high is None:
        return None
    figures = (
        _number(float(str(low)))
        if low == high or high is None
        else (
            f"{_number(float(str(low)))}-{_number(float(str(high)))}"
            if low is not None
            else _number(float(str(high)))
        )
    )
    currency = f" {salary['currency']}" if salary.get("currency") else ""
    period = f" {_PERIOD_WORDS[str(salary['period'])]}" if salary.get("period") in _PERIOD_WORDS else ""
    return f"{figures}{currency}{period}"


def _skills(keywords: list[str]) -> list[dict[str, Any]]:
    vocabulary = get_vocabulary()
    groups: dict[str, list[str]] = {}
    for keyword in keywords:
        skill = vocabulary.canonical(keyword)
        name = _CATEGORY_NAMES.get(skill.category, "Other") if skill else "Other"
        groups.setdefault(name, []).append(keyword)
    return [{"name": name, "keywords": words} for name, words in groups.items()]


def job_to_json_resume(job: Job) -> dict[str, Any]:
    prose, responsibilities = split_description(job.description)
    document: dict[str, Any] = {"title": job.title, "company": job.company}
    if job.created_at is not None:
        document["date"] = job.created_at.date().isoformat()
    if prose:
        document["description"] = prose
    if job.location:
        document["location"] = _location(job.location)
    if job.remote in {"Full", "Hybrid", "None"}:
        document["remote"] = job.remote
    salary = _salary(job)
    if salary:
        document["salary"] = salary
    if job.experience_level:
        document["experience"] = job.experience_level
    if responsibilities:
        document["responsibilities"] = responsibilities
    if job.requirements:
        document["qualifications"] = list(job.requirements)
    if job.parsed_keywords:
        document["skills"] = _skills(list(job.parsed_keywords))
    if job.benefits:
        document["benefits"] = list(job.benefits)
    modified = job.updated_at or job.created_at
    document["meta"] = {"version": "v1.0.0"}
    if modified is not None:
        document["meta"]["lastModified"] = re.sub(r"\.\d+", "", modified.replace(tzinfo=None).isoformat())
    return document
