"""Regenerates the README's pictures: the first page of a résumé and of a cover letter, made by
the current code from the demo's profile and posting (src/jobwise/demo/data), as `make demo`
makes them: the offline engine enhances the texts and the enhanced ones are chosen, the profile
is ranked against the posting, the résumé is compiled to one page and the letter written and
truth-checked, both rendered to PDF with Typst; pypdfium2 draws each first page as a PNG.

    PYTHONPATH=src .venv/bin/python docs/examples.py     # writes docs/resume-example.png and
                                                          # docs/cover-letter-example.png
"""

from __future__ import annotations

import asyncio
import sys
from datetime import date
from pathlib import Path

import pypdfium2

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/_letters uses tests.fakes

from _letters import load_job, load_profile  # the matrix's loaders: JSON Resume and a pasted posting

from jobwise.ai.engine import CallContext, EnhanceItem
from jobwise.ai.offline.engine import OfflineEngine
from jobwise.generations import cover_letter
from jobwise.generations.resume import ResumeOptions, compile_resume, contact
from jobwise.generations.schemas import GenerationOptions
from jobwise.models import Profile
from jobwise.rankings import scoring
from jobwise.rankings.service import job_input, profile_input
from jobwise.rendering import render

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src/jobwise/demo/data"
TODAY = date(2026, 6, 1)
SCALE = 1.5  # 108 dpi: readable on a README page, about 150 KiB each


async def enhanced(profile: Profile) -> Profile:
    """The offline engine's rewrite of every bullet, chosen as the demo chooses it."""
    engine = OfflineEngine()
    for item in profile.experiences:
        bullets = [line for line in (item.description or "").splitlines() if line.strip()]
        results = await engine.enhance_texts(
            [
                EnhanceItem(
                    id=str(n),
                    kind="bullet",
                    text=text,
                    context=item.company or "",
                    is_current=item.is_current,
                )
                for n, text in enumerate(bullets)
            ],
            {},
            ctx=CallContext(user_id=None),
        )
        item.enhanced_description = "\n".join(result.text for result in results)
        item.enhanced_source = item.description
        item.use_enhanced = True
    return profile


def first_page_png(pdf: bytes, path: Path) -> None:
    document = pypdfium2.PdfDocument(pdf)
    try:
        document[0].render(scale=SCALE).to_pil().save(path, optimize=True)
    finally:
        document.close()


async def main() -> None:
    profile = await enhanced(load_profile(DEMO / "profile.json"))
    job = load_job(DEMO / "job_posting.txt")
    ranking = scoring.rank(job_input(job), profile_input(profile), today=TODAY)

    resume = compile_resume(profile, ranking, ResumeOptions(max_pages=1))
    first_page_png(render(resume.document, "pdf"), ROOT / "docs/resume-example.png")

    options = GenerationOptions()
    person = contact(profile, None)
    plan = cover_letter.plan_letter(
        job,
        profile,
        ranking,
        style=None,
        evidence_count=options.evidence,
        min_words=options.min_words,
        max_words=options.max_words,
        candidate_name=person.name or None,
    )
    letter = await cover_letter.write_letter(OfflineEngine(), plan, CallContext(user_id=None))
    document = cover_letter.letter_document(person, job, letter.text, today=TODAY)
    first_page_png(render(document, "pdf"), ROOT / "docs/cover-letter-example.png")
    print(
        f"résumé: {resume.pages} page(s), {len(resume.document.experiences)} roles; "
        f"letter: {letter.final.words} words, truth check passed: {letter.final.passed}"
    )


if __name__ == "__main__":
    asyncio.run(main())
