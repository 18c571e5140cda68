"""The demo journey: from an empty data directory to a tailored resume and cover letter on disk.

Every step goes through the HTTP API of a server the demo starts, exactly as a client would use it:
register, import a JSON Resume profile, upload a cover-letter sample, parse a job posting, enhance
(with a progress bar), rank, generate a resume and a cover letter, save them as documents and
export them as PDF and DOCX. The demo data in data/ is fictional.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from jobwise.config import Settings
from jobwise.demo.client import ApiClient, StepFailed
from jobwise.demo.server import ServerFailed, ServerThread

ACCOUNT = {"email": "noor.haddad@example.com", "password": "demo password, never reused"}
POLL_SECONDS = 0.2
EXPORTS = (("resume", "pdf"), ("resume", "docx"), ("cover_letter", "pdf"), ("cover_letter", "docx"))


def demo_file(name: str) -> str:
    return resources.files("jobwise.demo").joinpath("data", name).read_text(encoding="utf-8")


def demo_settings(data_dir: Path, base: Settings) -> Settings:
    """A fresh embedded setup in data_dir: SQLite, the embedded worker, a generated secret.

    The engine stays the one configured when an LLM is (GROQ_API_KEY or LLM_BASE_URL); otherwise
    it is the offline engine, whatever AI_ENGINE says, so the demo never needs a network.
    """
    uses_llm = bool(base.GROQ_API_KEY or base.LLM_BASE_URL)
    return base.model_copy(
        update={
            "JOBWISE_DATA_DIR": data_dir,
            "DATABASE_URL": "",
            "UPLOAD_DIR": "",
            "JWT_SECRET_KEY": "",
            "MIGRATE_ON_START": True,
            "TASK_WORKER_ENABLED": True,
            "AI_ENGINE": base.AI_ENGINE if uses_llm else "offline",
            # The demo prints its own account of each step; the server only speaks up on problems.
            "LOG_LEVEL": "WARNING",
        }
    )


@dataclass
class Report:
    engine: dict[str, Any] = field(default_factory=dict)
    steps: list[tuple[str, float, str]] = field(default_factory=list)
    enhancement: dict[str, Any] = field(default_factory=dict)
    ranking: dict[str, Any] = field(default_factory=dict)
    resume: dict[str, Any] = field(default_factory=dict)
    letter: dict[str, Any] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)


class ProgressBar:
    """One line redrawn in place on a terminal; one line per step change otherwise (logs, CI)."""

    WIDTH = 30

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._tty = out.isatty()
        self._last: tuple[int, str] | None = None

    def update(self, percent: int, label: str) -> None:
        percent = max(0, min(100, percent))
        if (percent, label) == self._last:
            return
        filled = round(self.WIDTH * percent / 100)
        line = f"     [{'#' * filled}{'.' * (self.WIDTH - filled)}] {percent:3d}%  {label}"
        if self._tty:
            self._out.write("\r" + line.ljust(78))
        elif self._last is None or self._last[1] != label:
            self._out.write(line + "\n")
        self._out.flush()
        self._last = (percent, label)

    def finish(self) -> None:
        if self._tty and self._last is not None:
            self._out.write("\n")
            self._out.flush()


class Journey:
    def __init__(self, client: ApiClient, out: TextIO, output_dir: Path, *, deadline: float) -> None:
        self.client = client
        self.out = out
        self.output_dir = output_dir
        self.deadline = deadline
        self.report = Report()

    @contextmanager
    def step(self, name: str) -> Iterator[list[str]]:
        """Time a step and print it with the detail the body fills in."""
        detail: list[str] = []
        started = time.perf_counter()
        yield detail
        seconds = time.perf_counter() - started
        text = "; ".join(detail)
        self.report.steps.append((name, seconds, text))
        self.out.write(f"  {name:<30} {seconds:7.2f} s   {text}\n")
        self.out.flush()

    def run(self) -> Report:
        client = self.client
        health = client.json("check the server", "GET", "/health")
        self.report.engine = health.get("ai") or {}

        with self.step("register and log in") as detail:
            client.call("register", "POST", "/auth/register", json={**ACCOUNT, "full_name": "Noor Haddad"})
            token = client.json("log in", "POST", "/auth/login", json=ACCOUNT)["access_token"]
            client.authenticate(token)
            detail.append(ACCOUNT["email"])

        with self.step("import the profile") as detail:
            profile = client.json(
                "import the profile",
                "PUT",
                "/api/v1/profiles/me/json-resume",
                json=json.loads(demo_file("profile.json")),
            )
            detail.append(
                f"JSON Resume: {len(profile.get('experiences', []))} roles, "
                f"{len(profile.get('projects', []))} project, {len(profile.get('education', []))} degree"
            )

        with self.step("upload a cover-letter sample") as detail:
            sample = client.json(
                "upload a cover-letter sample",
                "POST",
                "/api/v1/samples",
                data={"document_type": "cover_letter_sample"},
                files={
                    "file": ("cover-letter-sample.txt", demo_file("cover_letter_sample.txt"), "text/plain")
                },
            )
            detail.append(f"{sample.get('text_length', '?')} characters of text, writing style extracted")

        with self.step("parse the job posting") as detail:
            job = client.json(
                "parse the job posting",
                "POST",
                "/api/v1/jobs/parse",
                json={"raw_text": demo_file("job_posting.txt")},
            )
            detail.append(
                f"{job['title']} at {job['company']}: {len(job.get('requirements') or [])} requirements, "
                f"{len(job.get('parsed_keywords') or [])} keywords"
            )

        with self.step("enhance the profile") as detail:
            finished = self.enhance()
            counts = (finished.get("result") or {}).get("counts") or {}
            self.report.enhancement = finished.get("result") or {}
            detail.append(
                f"{counts.get('enhanced', 0)} of {counts.get('texts', 0)} texts rewritten, "
                f"{counts.get('flagged', 0)} rejected by the truth check"
            )

        with self.step("use the rewritten texts") as detail:
            chosen = self.use_enhanced()
            detail.append(f"{chosen} text(s) switched to the rewritten version")

        with self.step("rank the profile for the job") as detail:
            ranking = client.json("rank", "POST", "/api/v1/rankings", json={"job_id": job["id"]})
            self.report.ranking = ranking.get("ranking_data") or {}
            rows = self.report.ranking.get("requirements") or []
            evidenced = sum(1 for row in rows if row.get("status") == "evidenced")
            detail.append(f"{evidenced} of {len(rows)} requirements evidenced")

        generations: dict[str, dict[str, Any]] = {}
        for document_type, label in (
            ("resume", "generate the resume"),
            ("cover_letter", "write the cover letter"),
        ):
            with self.step(label) as detail:
                generation = client.json(
                    label,
                    "POST",
                    "/api/v1/generations",
                    json={"job_id": job["id"], "document_type": document_type},
                )
                generations[document_type] = generation
                meta = generation.get("metadata") or {}
                truth = meta.get("truth_check") or {}
                if document_type == "resume":
                    self.report.resume = meta
                    detail.append(f"{meta.get('pages', '?')} page(s)")
                else:
                    self.report.letter = meta
                    detail.append(f"{meta.get('words', '?')} words")
                detail.append("truth check " + ("passed" if truth.get("passed") else "FAILED"))

        documents: dict[str, str] = {}
        with self.step("save them as documents") as detail:
            for document_type, generation in generations.items():
                document = client.json(
                    "save a document", "POST", "/api/v1/documents", json={"generation_id": generation["id"]}
                )
                documents[document_type] = document["id"]
            detail.append(f"{len(documents)} documents, version 1")

        with self.step("export PDF and DOCX") as detail:
            self.output_dir.mkdir(parents=True, exist_ok=True)
            for document_type, fmt in EXPORTS:
                response = client.call(
                    f"export the {document_type.replace('_', ' ')} as {fmt.upper()}",
                    "GET",
                    f"/api/v1/documents/{documents[document_type]}/export",
                    params={"format": fmt},
                )
                path = self.output_dir / f"{document_type.replace('_', '-')}.{fmt}"
                path.write_bytes(response.content)
                self.report.files.append(path)
            detail.append(f"{len(self.report.files)} files")
        return self.report

    def use_enhanced(self) -> int:
        """Choose the rewritten summary and bullets, as a person would after reading them: one
        PATCH per item that has an enhanced version (documents use only what is chosen)."""
        step = "use the rewritten texts"
        profile = self.client.json(step, "GET", "/api/v1/profiles/me")
        chosen = 0
        if profile.get("enhanced_summary") and not profile.get("use_enhanced_summary"):
            self.client.json(step, "PATCH", "/api/v1/profiles/me", json={"use_enhanced_summary": True})
            chosen += 1
        for section in ("experiences", "projects"):
            for item in profile.get(section) or []:
                if item.get("enhanced_bullets") and not item.get("use_enhanced"):
                    self.client.json(
                        step,
                        "PATCH",
                        f"/api/v1/profiles/me/{section}/{item['id']}",
                        json={"use_enhanced": True},
                    )
                    chosen += 1
        return chosen

    def enhance(self) -> dict[str, Any]:
        step = "enhance the profile"
        trigger = self.client.json(step, "POST", "/api/v1/enhancement/trigger", expect=(202,))
        job_id = trigger["job_id"]
        bar = ProgressBar(self.out)
        try:
            while True:
                job = self.client.json(step, "GET", f"/api/v1/enhancement/jobs/{job_id}")
                bar.update(int(job.get("progress") or 0), job.get("current_step") or job["status"])
                if job["status"] == "completed":
                    return job
                if job["status"] == "failed":
                    raise StepFailed(step, f"the enhancement failed: {job.get('error')}", error=job)
                if time.monotonic() > self.deadline:
                    raise StepFailed(step, f"the enhancement is still {job['status']}; giving up", error=job)
                time.sleep(POLL_SECONDS)
        finally:
            bar.finish()


def run_journey(settings: Settings, output_dir: Path, out: TextIO) -> Report:
    """Start the API on a free local port and walk the journey against it."""
    from jobwise.main import create_app  # here, so `jobwise --help` stays quick

    is_llm = bool((settings.AI_ENGINE or "") != "offline")
    # An LLM answers in seconds, and a cover letter may be written twice.
    timeout, budget = (300.0, 1800.0) if is_llm else (60.0, 300.0)
    app = create_app(settings)
    with ServerThread(app) as server:
        client = ApiClient(server.url, timeout=timeout)
        try:
            return Journey(client, out, output_dir, deadline=time.monotonic() + budget).run()
        finally:
            client.close()


# --- the closing table ---------------------------------------------------------------------


def _share(part: int, whole: int) -> str:
    return f"{part} of {whole} ({part / whole:.0%})" if whole else "none asked"


def _coverage(report: Report) -> list[tuple[str, str]]:
    profile = report.ranking.get("keyword_coverage") or {}
    total = int(profile.get("total") or 0)
    shown = len(profile.get("evidenced") or [])
    named = shown + len(profile.get("partial") or [])
    resume = (report.resume.get("keyword_coverage") or {}).get("document") or {}
    letter = (report.letter.get("keyword_coverage") or {}).get("document") or {}
    rows = [
        (
            "keyword coverage before",
            f"master profile: {_share(shown, total)} shown in bullets, {named} named",
        ),
        ("keyword coverage after", f"tailored resume: {_share(len(resume.get('present') or []), total)}"),
        ("", f"cover letter: {_share(len(letter.get('present') or []), total)}"),
    ]
    absent = resume.get("absent") or []
    if absent:
        rows.append(("", "not in the resume: " + ", ".join(absent[:8]) + (" ..." if len(absent) > 8 else "")))
    return rows


def _requirements(report: Report) -> list[tuple[str, str]]:
    rows = report.ranking.get("requirements") or []
    by_status: dict[str, list[str]] = {"evidenced": [], "partial": [], "missing": []}
    for row in rows:
        by_status.setdefault(str(row.get("status")), []).append(str(row.get("requirement")))
    lines = [
        (
            f"requirements ({len(rows)})",
            f"{len(by_status['evidenced'])} evidenced, {len(by_status['partial'])} partly, "
            f"{len(by_status['missing'])} missing",
        )
    ]
    lines += [("  partly shown", text) for text in by_status["partial"]]
    lines += [("  missing", text) for text in by_status["missing"]]
    return lines


def _truth(report: Report) -> list[tuple[str, str]]:
    def verdict(meta: dict[str, Any]) -> str:
        check = meta.get("truth_check") or {}
        if check.get("passed"):
            attempts = check.get("attempts")
            return "passed" + (f" ({attempts} drafts)" if attempts and attempts > 1 else "")
        unsupported = ", ".join(str(u.get("text")) for u in check.get("unsupported") or [])
        return f"FAILED ({unsupported})"

    flagged = ((report.enhancement.get("counts") or {}).get("flagged")) or 0
    return [
        ("truth check", f"resume {verdict(report.resume)}; cover letter {verdict(report.letter)}"),
        ("", f"enhancement: {flagged} rewrite(s) rejected and the original kept"),
    ]


def render_report(report: Report, out: TextIO) -> None:
    engine = report.engine
    name = str(engine.get("engine") or "?")
    model = (engine.get("models") or {}).get("quality")
    rows: list[tuple[str, str]] = [("engine", name + (f" ({model})" if model else ""))]
    rows += _coverage(report) + _requirements(report) + _truth(report)
    total = sum(seconds for _, seconds, _ in report.steps)
    rows.append(("time", f"{total:.1f} s for {len(report.steps)} steps (each timed above)"))
    for index, path in enumerate(report.files):
        rows.append(
            ("files" if index == 0 else "", f"{_shown_path(path)}  ({path.stat().st_size / 1024:.0f} KB)")
        )
    width = max(len(label) for label, _ in rows) + 2
    rule = "-" * 78
    out.write(f"\n{rule}\n")
    for label, value in rows:
        out.write(f"  {label:<{width}}{value}\n")
    out.write(f"{rule}\n")
    out.flush()


def _shown_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def main(base: Settings, output_dir: Path, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    with tempfile.TemporaryDirectory(prefix="jobwise-demo-") as tmp:
        settings = demo_settings(Path(tmp), base)
        engine = settings.AI_ENGINE or ("groq" if settings.GROQ_API_KEY else "openai")
        out.write(f"JobWise demo: a fresh data directory, SQLite, the {engine} engine\n\n")
        try:
            report = run_journey(settings, output_dir, out)
        except StepFailed as exc:
            err.write("\n" + exc.describe() + "\n")
            return 1
        except ServerFailed as exc:
            err.write(f"\nThe demo could not start the API: {exc}\n")
            return 1
        render_report(report, out)
    return 0
