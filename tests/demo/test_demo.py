"""`jobwise demo` end to end on the offline engine, through a real HTTP server it starts."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from jobwise.demo import journey
from jobwise.demo.journey import ProgressBar, demo_settings
from tests.conftest import make_settings

pytestmark = pytest.mark.slow


def test_the_demo_walks_the_journey_and_exports_pdf_and_docx(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    output = tmp_path / "demo-output"

    status = journey.main(make_settings(tmp_path / "unused"), output, out=out, err=err)

    assert status == 0, err.getvalue()
    text = out.getvalue()
    for step in (
        "register and log in",
        "import the profile",
        "upload a cover-letter sample",
        "parse the job posting",
        "enhance the profile",
        "use the rewritten texts",
        "rank the profile for the job",
        "generate the resume",
        "write the cover letter",
        "save them as documents",
        "export PDF and DOCX",
    ):
        assert f"  {step} " in text, text
    assert "keyword coverage before" in text and "keyword coverage after" in text
    assert "truth check              resume passed; cover letter passed" in text
    assert "  missing " in text  # the demo job asks for something the profile does not show
    assert "100%  saving" in text  # the progress bar reached the end
    files = sorted(path.name for path in output.iterdir())
    assert files == ["cover-letter.docx", "cover-letter.pdf", "resume.docx", "resume.pdf"]
    resume = "".join(page.extract_text() for page in PdfReader(output / "resume.pdf").pages)
    assert "Noor Haddad" in resume and "Kestrel Freight" in resume
    # The person chose the rewritten bullets: the weak originals are gone, achievements stay past.
    flat = " ".join(resume.split())
    assert "Worked on" not in flat and "Was involved in" not in flat, flat
    assert "Contributed to moving 12 services" in flat and "Own the shipment tracking API" in flat, flat
    assert "Led the migration of the booking database" in flat, flat
    assert zipfile.is_zipfile(output / "cover-letter.docx")


def test_a_failing_step_shows_the_api_error_envelope(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = journey.demo_file
    monkeypatch.setattr(
        journey, "demo_file", lambda name: '{"basics": {"name": 7}}' if name == "profile.json" else real(name)
    )
    out, err = io.StringIO(), io.StringIO()

    status = journey.main(make_settings(tmp_path / "unused"), tmp_path / "out", out=out, err=err)

    assert status == 1
    message = err.getvalue()
    assert "The step 'import the profile' failed" in message and "(HTTP 422)" in message
    assert '"error": {' in message and '"code":' in message
    assert not (tmp_path / "out").exists()


def test_the_demo_keeps_a_configured_llm_and_otherwise_runs_offline(tmp_path: Path) -> None:
    offline = demo_settings(tmp_path, make_settings(tmp_path, AI_ENGINE="", DATABASE_URL="postgresql://x/y"))
    assert offline.AI_ENGINE == "offline"
    assert offline.DATABASE_URL == "" and offline.is_sqlite and offline.TASK_WORKER_ENABLED
    llm = demo_settings(tmp_path, make_settings(tmp_path, AI_ENGINE="", LLM_BASE_URL="http://127.0.0.1:9/v1"))
    assert llm.AI_ENGINE == ""  # the factory picks the OpenAI-compatible server


def test_the_progress_bar_prints_one_line_per_step_when_not_on_a_terminal() -> None:
    out = io.StringIO()
    bar = ProgressBar(out)
    for percent, step in ((0, "queued"), (10, "loading_data"), (20, "loading_data"), (100, "saving")):
        bar.update(percent, step)
    bar.finish()
    assert [line.split()[-1] for line in out.getvalue().splitlines()] == ["queued", "loading_data", "saving"]
