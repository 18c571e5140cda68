"""Ranking and resume generation: medians for a large profile.

A profile of 300 bullets (20 roles x 15 bullets, varied sentences from a fixed seed, plus skills)
is ranked against a job of 10 requirements and 15 keywords; then a one-page resume is compiled
from that ranking (choose the content, render with Typst and count pages, binary search on what
to leave out) and rendered to PDF and DOCX. Every step is pure CPU, run in this process with warm
caches (the skills vocabulary and a Typst compiler are loaded before timing).

Then the cover-letter matrix (bench/_letters.py): every profile (the JSON Resume sample, the demo
profile and bench/data/profiles) x every real posting in tests/data/postings/{dev,heldout}, on the
offline engine and then through the test LLM server (tests/fakes/llm_server.py, in this process,
answering as the scripted model of bench/_letter_writer.py through the real OpenAI-compatible
client and LLM engine). For each engine it reports letters produced (target 100%), unsupported
claims in produced letters (target 0) and letters with any fault of jobwise.text.letter_faults
(target <= 5%); for the LLM, also how many letters scripted to invent a fact in every draft were
refused, and whether the refusal named the invented phrase (target: all of them).

    .venv/bin/python bench/generation.py [--repeat 15] [--roles 20] [--bullets 15] [--letters-only]
        [--show PROFILE]   # print the letters whose "profile x posting" contains PROFILE
        [--engine offline|llm|both]   # which engines run the letter matrix (default both)
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from collections.abc import Callable, Coroutine
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.fakes.llm_server

from _letter_writer import LetterWriter
from _letters import PROFILE_FILES, MatrixResult, postings, run_matrix
from _result import emit, figure
from tests.fakes.llm_server import LLMServer

from jobwise.ai.engine import Engine
from jobwise.ai.llm.base import RetryPolicy
from jobwise.ai.llm.engine import LLMEngine, ModelChoice
from jobwise.ai.llm.openai_compatible import OpenAICompatibleClient
from jobwise.ai.offline.engine import OfflineEngine
from jobwise.ai.prompts import PACKAGED_DIR, load_prompts
from jobwise.generations.resume import ResumeOptions, compile_resume
from jobwise.models import Education, Experience, Job, Profile
from jobwise.rankings import scoring
from jobwise.rankings.service import job_input, profile_input
from jobwise.rendering import count_pages, render
from jobwise.text.vocabulary import get_vocabulary

VERBS = ["Built", "Designed", "Led", "Migrated", "Optimised", "Automated", "Shipped", "Maintained", "Owned"]
THINGS = [
    "the payments API",
    "a data pipeline for invoices",
    "the customer onboarding flow",
    "an internal reporting service",
    "the search backend",
    "a fraud scoring service",
    "the mobile release process",
    "a billing reconciliation job",
]
TECH = [
    "Python",
    "FastAPI",
    "PostgreSQL",
    "Kafka",
    "Kubernetes",
    "Terraform",
    "React",
    "Go",
    "AWS",
    "Redis",
    "Java",
]
RESULTS = [
    "cutting p95 latency from 420 ms to 90 ms",
    "saving 12 engineer-hours a week",
    "serving 3 million requests a day",
    "reducing failed payments by 18%",
    "with zero downtime",
    "used by 40 teams",
]

JOB = Job(
    title="Senior Backend Engineer",
    company="Finly",
    requirements=[
        "5+ years building REST APIs in Python",
        "Production experience with FastAPI or Django",
        "Strong PostgreSQL skills, including query tuning",
        "Event streaming with Kafka",
        "Running services on Kubernetes",
        "Infrastructure as code with Terraform",
        "Observability: metrics, tracing and alerting",
        "Experience with payment systems",
        "Mentoring engineers and reviewing code",
        "Experience with Rust",
    ],
    parsed_keywords=[
        "Python",
        "FastAPI",
        "Django",
        "PostgreSQL",
        "Kafka",
        "Kubernetes",
        "Terraform",
        "REST APIs",
        "Prometheus",
        "Grafana",
        "AWS",
        "Redis",
        "CI/CD",
        "Rust",
        "Docker",
    ],
)


def large_profile(roles: int, bullets: int, seed: int = 7) -> Profile:
    rng = random.Random(seed)  # noqa: S311 (sample text, not secrets)
    profile = Profile(
        id="bench",
        personal_info={"name": "Bench Person", "email": "bench@example.com", "location": "Berlin, DE"},
        professional_summary="Backend engineer who builds payment systems in Python.",
        skills=[{"name": name} for name in [*TECH, "Docker", "Django", "Prometheus"]],
        use_enhanced_summary=False,
    )
    profile.experiences = [
        Experience(
            id=f"e{role}",
            title=rng.choice(["Backend Engineer", "Software Engineer", "Senior Engineer", "Data Engineer"]),
            company=f"Company {role}",
            location="Berlin",
            start_date=f"{2024 - role}-01",
            end_date=None if role == 0 else f"{2025 - role}-01",
            is_current=role == 0,
            description="\n".join(
                f"{rng.choice(VERBS)} {rng.choice(THINGS)} in {rng.choice(TECH)} and {rng.choice(TECH)}, "
                f"{rng.choice(RESULTS)}."
                for _ in range(bullets)
            ),
            technologies=rng.sample(TECH, 3),
            use_enhanced=False,
        )
        for role in range(roles)
    ]
    profile.projects = []
    profile.education = [
        Education(
            id="ed", institution="TU Berlin", degree="MSc", field_of_study="Computer Science", end_date="2010"
        )
    ]
    return profile


def median_ms(action: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--roles", type=int, default=20)
    parser.add_argument("--bullets", type=int, default=15)
    parser.add_argument("--letters-only", action="store_true")
    parser.add_argument("--show", default=None)
    parser.add_argument("--engine", choices=["offline", "llm", "both"], default="both")
    args = parser.parse_args()
    letters = []
    if args.engine in {"offline", "both"}:
        letters += letter_matrix(OfflineEngine(), "offline", args.show)
    if args.engine in {"llm", "both"}:
        letters += llm_letter_matrix(args.show)
    if args.letters_only:
        emit("generation", letters)
        return

    profile = large_profile(args.roles, args.bullets)
    job_in, profile_in = job_input(JOB), profile_input(profile)
    bullets = sum(len(item.bullets) for item in profile_in.items)
    today = date(2025, 6, 1)

    get_vocabulary()  # loaded once per process; not part of a request's cost
    ranking = scoring.rank(job_in, profile_in, today=today)
    options = ResumeOptions(max_pages=1)
    compile_resume(profile, ranking, options)  # warms the Typst compiler

    rank_ms, ranking = median_ms(lambda: scoring.rank(job_in, profile_in, today=today), args.repeat)
    compile_ms, compiled = median_ms(lambda: compile_resume(profile, ranking, options), args.repeat)
    pdf_ms, pdf = median_ms(lambda: render(compiled.document, "pdf"), args.repeat)
    docx_ms, docx = median_ms(lambda: render(compiled.document, "docx"), args.repeat)
    md_ms, _ = median_ms(lambda: render(compiled.document, "md"), args.repeat)

    shown = sum(len(entry.bullets) for entry in compiled.document.experiences)
    print(
        f"profile: {len(profile_in.items)} roles, {bullets} bullets; job: {len(job_in.requirements)} "
        f"requirements, {len(job_in.keywords)} keywords; median of {args.repeat} runs\n"
    )
    print(f"{'step':<44} {'median ms':>10}")
    print(f"{'rank 300 bullets (BM25, skills, recency)':<44} {rank_ms:>10.1f}")
    print(f"{'compile a 1-page resume (fit: ' + str(compiled.renders) + ' renders)':<44} {compile_ms:>10.1f}")
    print(f"{'render PDF (Typst)':<44} {pdf_ms:>10.1f}")
    print(f"{'render DOCX (python-docx)':<44} {docx_ms:>10.1f}")
    print(f"{'render Markdown':<44} {md_ms:>10.2f}")
    print(
        f"\nresume: {count_pages(pdf)} page(s), {len(compiled.document.experiences)} of {args.roles} roles, "
        f"{shown} of {bullets} bullets; PDF {len(pdf) // 1024} KiB, DOCX {len(docx) // 1024} KiB"
    )
    coverage = ranking["keyword_coverage"]
    missing = ", ".join(coverage["missing"])
    print(f"keyword coverage of the profile: {coverage['share']:.0%} (missing: {missing})")
    emit(
        "generation",
        [
            figure(f"rank {bullets} bullets", rank_ms, "ms"),
            figure("compile a 1-page resume (fit)", compile_ms, "ms"),
            figure("resume PDF render (Typst)", pdf_ms, "ms"),
            figure("resume DOCX render", docx_ms, "ms"),
            *letters,
        ],
        repeat=args.repeat,
        renders=compiled.renders,
        pages=count_pages(pdf),
    )


def letter_matrix(
    engine: Engine, label: str, show: str | None, writer: LetterWriter | None = None
) -> list[dict[str, Any]]:
    started = time.perf_counter()
    result = asyncio.run(_closing(engine, run_matrix(engine, show=show, writer=writer)))
    seconds = time.perf_counter() - started
    report(result, label, seconds)
    total = max(result.letters, 1)
    produced = result.produced / total
    faulty = result.faulty / max(result.produced, 1)
    prefix = "" if label == "offline" else f"{label} "
    figures = [
        figure(f"{prefix}letters produced", produced * 100, "%", target=">= 100", ok=produced == 1),
        figure(
            f"{prefix}letters: unsupported claims",
            result.unsupported,
            "",
            target="0",
            ok=result.unsupported == 0,
        ),
        figure(f"{prefix}letters with any fault", faulty * 100, "%", target="<= 5", ok=faulty <= 0.05),
    ]
    if result.inventing:
        named = result.refusal_named / result.inventing
        figures.append(
            figure(
                f"{prefix}invented facts refused, phrase named",
                named * 100,
                "%",
                target=">= 100",
                ok=named == 1,
            )
        )
    return figures


def report(result: MatrixResult, label: str, seconds: float) -> None:
    total = max(result.letters, 1)
    print(
        f"cover-letter matrix ({label} engine): {len(PROFILE_FILES)} profiles x {len(postings())} postings "
        f"= {result.letters + result.inventing} letters in {seconds:.1f} s"
    )
    if result.inventing:
        print(
            f"  scripted: {result.invented_once} drafted first with an invented fact (the retry must drop "
            "it), "
            f"{result.inventing} inventing it in every draft (must be refused, the phrase named)"
        )
        print(
            f"  inventing letters refused: {result.inventing_refused} of {result.inventing}; "
            f"refusal names the invented phrase: {result.refusal_named} of {result.inventing}"
        )
    print(
        f"  produced: {result.produced} of {result.letters} ({result.produced / total:.1%}); "
        f"unsupported claims in produced letters or refusals: {result.unsupported}"
    )
    faulty = result.faulty / max(result.produced, 1)
    print(f"  letters with any fault: {result.faulty} ({faulty:.1%}); by kind: {dict(result.fault_kinds)}")
    if result.words:
        words = sorted(result.words)
        median = statistics.median(words)
        under = sum(1 for w in words if w < 250)
        print(
            f"  words: min {words[0]}, median {median:.0f}, max {words[-1]}; "
            f"{under} of {len(words)} under 250 (a thin profile's letter is short, never padded)"
        )
    for kind, example in result.examples.items():
        print(f"    e.g. {kind}: {example[:160]}")
    for refusal in result.refused[:5]:
        print(f"    refused: {refusal[:200]}")
    print()


def llm_letter_matrix(show: str | None) -> list[dict[str, Any]]:
    """The same matrix through the real LLM engine and client, against the test server."""
    server = LLMServer()
    writer = LetterWriter()
    server.handler = writer
    server.start()
    # Built here, closed by _closing inside the matrix's event loop (its connections belong to it).
    engine = LLMEngine(
        OpenAICompatibleClient(
            base_url=server.openai_base_url,
            api_key="sk-test-key",
            timeout=10,
            policy=RetryPolicy(max_retries=1, backoff=0.01),
        ),
        prompts=load_prompts(PACKAGED_DIR),
        models=ModelChoice("fast-model", "quality-model", "LLM_MODEL_FAST", "LLM_MODEL_QUALITY"),
        fallback=OfflineEngine(),
    )
    try:
        return letter_matrix(engine, "llm", show, writer)
    finally:
        server.stop()


async def _closing(engine: Engine, work: Coroutine[Any, Any, MatrixResult]) -> MatrixResult:
    try:
        return await work
    finally:
        if isinstance(engine, LLMEngine):
            await engine.aclose()


if __name__ == "__main__":
    main()
