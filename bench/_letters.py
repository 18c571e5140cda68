"""The cover-letter matrix of bench/generation.py: profiles x real postings, on the offline engine
and through the test LLM server (tests/fakes/llm_server.py) answering as bench/_letter_writer.py.

Profiles: the JSON Resume sample (tests/data/jsonresume), the demo profile
(src/jobwise/demo/data) and bench/data/profiles (a thin graduate, a career changer, a nurse, a
staff engineer). Postings: tests/data/postings/dev and heldout, parsed by the offline parser and
stored as the jobs service would store them. Each letter goes through the real path
(generations.cover_letter.plan_letter and write_letter, the truth check included) and is then
judged by jobwise.text.letter_faults.

Through the LLM server one letter in eight is first drafted with an invented fact (the retry,
told what the truth check found, drops it: the letter is produced) and one in eight invents it in
every draft: that letter must be refused, and the refusal must name the invented phrase. Those
are counted apart; "produced" is over the letters that should be.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from _letter_writer import INVENTED_PHRASES, LetterWriter, Mode

from jobwise.ai.engine import CallContext, Engine
from jobwise.ai.offline.job_parser import parse_job_text
from jobwise.generations import cover_letter
from jobwise.generations.resume import contact
from jobwise.generations.schemas import GenerationOptions
from jobwise.jobs.jsonresume import join_description
from jobwise.models import Education, Experience, Job, Profile, Project
from jobwise.profiles import jsonresume
from jobwise.rankings import scoring
from jobwise.rankings.service import job_input, profile_input
from jobwise.text.letter_faults import letter_faults

ROOT = Path(__file__).resolve().parents[1]
PROFILE_FILES = [
    ROOT / "tests/data/jsonresume/sample.resume.json",
    ROOT / "src/jobwise/demo/data/profile.json",
    *sorted((ROOT / "bench/data/profiles").glob("*.json")),
]
POSTING_DIRS = [ROOT / "tests/data/postings/dev", ROOT / "tests/data/postings/heldout"]
TODAY = date(2026, 6, 1)
DEFAULTS = GenerationOptions()


def load_profile(path: Path) -> Profile:
    imported = jsonresume.parse(json.loads(path.read_text(encoding="utf-8")))
    profile = Profile(
        id=path.stem,
        personal_info=imported.personal_info,
        professional_summary=imported.professional_summary,
        skills=imported.skills,
        use_enhanced_summary=False,
    )
    profile.experiences = [
        Experience(id=f"{path.stem}-e{n}", use_enhanced=False, **columns)
        for n, columns in enumerate(imported.experiences)
    ]
    profile.projects = [
        Project(id=f"{path.stem}-p{n}", use_enhanced=False, **columns)
        for n, columns in enumerate(imported.projects)
    ]
    profile.education = [
        Education(id=f"{path.stem}-d{n}", **columns) for n, columns in enumerate(imported.education)
    ]
    return profile


def load_job(path: Path) -> Job:
    raw = path.read_text(encoding="utf-8")
    parsed = parse_job_text(raw)
    return Job(
        id=path.stem,
        title=parsed.title or "Untitled position",
        company=parsed.company or "Unknown company",
        location=parsed.location,
        description=join_description(parsed.description, list(parsed.responsibilities)),
        raw_text=raw,
        requirements=list(parsed.requirements),
        benefits=list(parsed.benefits),
        parsed_keywords=list(parsed.keywords),
    )


def postings() -> list[Path]:
    return [path for folder in POSTING_DIRS for path in sorted(folder.glob("*.txt"))]


@dataclass
class MatrixResult:
    letters: int = 0
    produced: int = 0
    unsupported: int = 0
    refused: list[str] = field(default_factory=list)
    faulty: int = 0
    fault_kinds: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)
    words: list[int] = field(default_factory=list)
    # Letters scripted to invent a fact in every draft, how many were refused, and how many of
    # those refusals named the invented phrase.
    inventing: int = 0
    inventing_refused: int = 0
    refusal_named: int = 0
    # Letters scripted to invent a fact in the first draft only.
    invented_once: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "letters": self.letters,
            "produced": self.produced,
            "unsupported": self.unsupported,
            "faulty": self.faulty,
            "fault_kinds": dict(self.fault_kinds),
            "inventing": self.inventing,
            "inventing_refused": self.inventing_refused,
            "refusal_named": self.refusal_named,
        }


async def _one(
    engine: Engine, profile: Profile, job: Job, result: MatrixResult, mode: Mode = "honest"
) -> str | None:
    ranking = scoring.rank(job_input(job), profile_input(profile), today=TODAY)
    plan = cover_letter.plan_letter(
        job,
        profile,
        ranking,
        style=None,
        # The API's defaults, as a person who sets no option gets them.
        evidence_count=DEFAULTS.evidence,
        min_words=DEFAULTS.min_words,
        max_words=DEFAULTS.max_words,
        candidate_name=contact(profile, None).name or None,
    )
    if mode == "invents_always":
        result.inventing += 1
        try:
            await cover_letter.write_letter(engine, plan, CallContext(user_id=None))
        except cover_letter.CoverLetterRefused as refused:
            result.inventing_refused += 1
            result.refusal_named += any(phrase in refused.message for phrase in INVENTED_PHRASES)
        return None
    result.letters += 1
    result.invented_once += mode == "invents_once"
    try:
        letter = await cover_letter.write_letter(engine, plan, CallContext(user_id=None))
    except cover_letter.CoverLetterRefused as refused:
        result.refused.append(f"{profile.id} x {job.id}: {refused.code} {refused.details}")
        details = refused.details if isinstance(refused.details, dict) else {}
        result.unsupported += len(details.get("unsupported") or [])
        return None
    result.produced += 1
    result.unsupported += len(letter.final.unsupported)
    faults = letter_faults(
        letter.text,
        posting=plan.facts.posting,
        own=plan.facts.own,
        names=(job.title, job.company),
    )
    result.words.append(cover_letter.word_count(letter.text))
    if faults:
        result.faulty += 1
        for fault in faults:
            result.fault_kinds[fault.kind] += 1
            result.examples.setdefault(fault.kind, f"{profile.id} x {job.id}: {fault.detail}")
    return letter.text


def scripted_mode(n: int) -> Mode:
    """The n-th letter's script through the LLM server: one in eight invents once, one always."""
    return "invents_once" if n % 8 == 3 else "invents_always" if n % 8 == 7 else "honest"


async def run_matrix(
    engine: Engine, *, show: str | None = None, writer: LetterWriter | None = None
) -> MatrixResult:
    profiles = [load_profile(path) for path in PROFILE_FILES]
    jobs = [load_job(path) for path in postings()]
    result = MatrixResult()
    n = 0
    for profile in profiles:
        for job in jobs:
            mode: Mode = "honest"
            if writer is not None:
                mode = writer.mode = scripted_mode(n)
            n += 1
            text = await _one(engine, profile, job, result, mode)
            if show and text and show in f"{profile.id} x {job.id}":
                print(f"--- {profile.id} x {job.id} ({mode})\n{text}\n")
    return result
