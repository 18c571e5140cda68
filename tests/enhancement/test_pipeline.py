"""The enhancement run: what it writes, what it refuses, and what it leaves alone."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
from fastapi import FastAPI

from jobwise.ai.engine import EnhanceItem
from jobwise.ai.errors import LLMUnavailable
from jobwise.enhancement.pipeline import (
    TEXTS_PER_CALL,
    ItemKey,
    Work,
    answers_another,
    moved_facts,
    pack,
)
from jobwise.models import Profile, SampleDocument
from tests.enhancement.conftest import (
    PROFILE,
    FakeEngine,
    create_profile,
    read_profile,
    trigger,
    wait_for_run,
)
from tests.rankings.crafted import JOB


def with_period(item: EnhanceItem) -> str:
    return item.text if item.text.endswith(".") else f"{item.text}."


async def test_every_text_is_enhanced_and_versions_rotate(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    fake_engine.rewrite = with_period
    await create_profile(user_a)
    first = await wait_for_run(user_a, await trigger(user_a))
    assert first["status"] == "completed", first
    profile = await read_profile(user_a)
    assert profile["enhanced_summary"] == "Backend engineer who builds billing systems in Python."
    acme, initech = profile["experiences"]
    assert acme["enhanced_bullets"] == [
        "Responsible for the billing API.",
        "Worked on reducing invoice errors by 30%.",
    ]
    assert initech["enhanced_bullets"] == ["Helped with the migration to PostgreSQL."]
    assert profile["projects"][0]["enhanced_bullets"] == ["Wrote a small double-entry ledger library."]
    assert not acme["enhanced_stale"] and not profile["enhanced_summary_stale"]
    assert (profile["enhancement_version"], profile["enhancement_status"]) == (1, "completed")
    assert profile["last_enhanced_at"] is not None
    assert acme["previous_enhanced_bullets"] is None

    fake_engine.rewrite = lambda item: item.text.rstrip(".") + ";"
    second = await wait_for_run(user_a, await trigger(user_a))
    assert second["status"] == "completed", second
    profile = await read_profile(user_a)
    acme = profile["experiences"][0]
    assert acme["previous_enhanced_bullets"] == [
        "Responsible for the billing API.",
        "Worked on reducing invoice errors by 30%.",
    ]
    assert acme["enhanced_bullets"] == [
        "Responsible for the billing API;",
        "Worked on reducing invoice errors by 30%;",
    ]
    assert profile["previous_enhanced_summary"] == "Backend engineer who builds billing systems in Python."
    assert profile["enhancement_version"] == 2
    counts = second["result"]["counts"]
    assert counts == {
        "texts": 5,
        "enhanced": 5,
        "unchanged": 0,
        "flagged": 0,
        "retried": 0,
        "items_written": 4,
        "items_skipped": 0,
    }
    usage = second["result"]["usage"]
    assert (usage["engine"], usage["model"], usage["calls"], usage["prompt_tokens"]) == (
        "offline",
        "fake-1",
        5,
        50,
    )


async def test_a_revert_brings_back_the_older_version_stale_when_made_from_another_original(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    me = "/api/v1/profiles/me"
    acme = (await create_profile(user_a))["experiences"][0]
    acme_path = f"{me}/experiences/{acme['id']}"
    assert (await wait_for_run(user_a, await trigger(user_a)))["status"] == "completed"
    # The originals change, and the second run enhances the new ones.
    summary = "Backend engineer who builds payment systems in Python."
    chosen = await user_a.patch(me, json={"professional_summary": summary, "use_enhanced_summary": True})
    assert chosen.status_code == 200, chosen.text
    bullets = ["Owned the billing API", "Worked on reducing invoice errors by 30%"]
    chosen = await user_a.patch(acme_path, json={"bullets": bullets, "use_enhanced": True})
    assert chosen.status_code == 200, chosen.text
    assert (await wait_for_run(user_a, await trigger(user_a)))["status"] == "completed"
    job_id = (await user_a.post("/api/v1/jobs", json=JOB)).json()["id"]

    async def resume_versions() -> tuple[str, str]:
        response = await user_a.post(
            "/api/v1/generations", json={"job_id": job_id, "document_type": "resume"}
        )
        assert response.status_code == 201, response.text
        meta = response.json()["metadata"]
        used = {item["id"]: item["version"] for item in meta["items_used"]}
        return meta["summary_version"], used[acme["id"]]

    assert await resume_versions() == ("enhanced", "enhanced")

    # The older versions were made from the first originals: stale, and documents use the originals.
    profile = (await user_a.post(f"{me}/summary/revert")).json()
    assert profile["enhanced_summary"] == f"{PROFILE['professional_summary']} (polished)"
    assert profile["enhanced_summary_stale"] is True
    reverted = (await user_a.post(f"{acme_path}/revert")).json()
    assert reverted["enhanced_bullets"][0] == "Responsible for the billing API (polished)"
    assert reverted["enhanced_stale"] is True
    assert await resume_versions() == ("original", "original")

    # A second revert brings back the versions made from the current originals.
    profile = (await user_a.post(f"{me}/summary/revert")).json()
    assert profile["enhanced_summary"] == f"{summary} (polished)"
    assert profile["enhanced_summary_stale"] is False
    reverted = (await user_a.post(f"{acme_path}/revert")).json()
    assert reverted["enhanced_bullets"][0] == "Owned the billing API (polished)"
    assert reverted["enhanced_stale"] is False
    assert await resume_versions() == ("enhanced", "enhanced")

    # Back on the older versions, restoring the first originals makes them current again.
    for path in (f"{me}/summary/revert", f"{acme_path}/revert"):
        assert (await user_a.post(path)).status_code == 200
    profile = (await user_a.patch(me, json={"professional_summary": PROFILE["professional_summary"]})).json()
    assert profile["enhanced_summary_stale"] is False
    restored = (await user_a.patch(acme_path, json={"bullets": acme["bullets"]})).json()
    assert restored["enhanced_stale"] is False


async def test_each_bullet_is_sent_with_its_role_tense_and_the_persons_details(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    await create_profile(user_a)
    await wait_for_run(user_a, await trigger(user_a))
    by_text = {item.text: item for item in fake_engine.calls}
    assert by_text["Responsible for the billing API"].context == "Senior Engineer at Acme"
    assert by_text["Responsible for the billing API"].is_current is True
    assert by_text["Helped with the migration to PostgreSQL"].is_current is False
    assert by_text["Wrote a small double-entry ledger library"].context == "ledgerlite"
    summary = by_text["Backend engineer who builds billing systems in Python."]
    assert summary.kind == "summary"
    personal = fake_engine.contexts[0].personal
    assert (personal.name, personal.email) == ("Ada Lovelace", "ada@example.com")


def invent(addition: str) -> Any:
    def rewrite(item: EnhanceItem) -> str:
        return f"{item.text.rstrip('.')} {addition}"

    return rewrite


async def test_a_rewrite_that_invents_a_number_is_rejected_and_the_item_flagged(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    fake_engine.rewrite = invent("saving $2M a year for 40 clients")
    await create_profile(user_a)
    job = await wait_for_run(user_a, await trigger(user_a))
    assert job["status"] == "completed", job
    profile = await read_profile(user_a)
    # The originals stay, as the enhanced version.
    assert profile["experiences"][1]["enhanced_bullets"] == ["Helped with the migration to PostgreSQL"]
    assert profile["enhanced_summary"] == "Backend engineer who builds billing systems in Python."
    flagged = job["result"]["flagged"]
    assert job["result"]["counts"]["flagged"] == 5 == len(flagged)
    initech = next(item for item in flagged if item["original"] == "Helped with the migration to PostgreSQL")
    assert initech["item_type"] == "experience" and initech["index"] == 0
    assert {"kind": "number", "text": "40"} in initech["added"], initech
    assert initech["rejected"].endswith("40 clients")
    # One retry each, told what it added.
    retries = [item for item in fake_engine.calls if item.feedback]
    assert len(fake_engine.calls) == 10 and len(retries) == 5
    assert all("40" in (item.feedback or "") for item in retries)


async def test_a_rewrite_that_takes_a_fact_from_another_text_of_its_call_is_retried_alone(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    # Acme's two bullets go in one call; the first comes back with the second's 30%.
    def rewrite(item: EnhanceItem) -> str:
        if item.text == "Responsible for the billing API" and not item.feedback:
            return "Built the billing API, cutting invoice errors by 30%"
        return with_period(item)

    fake_engine.rewrite = rewrite
    await create_profile(user_a)
    job = await wait_for_run(user_a, await trigger(user_a))
    assert job["result"]["counts"]["retried"] == 1 and job["result"]["counts"]["flagged"] == 0
    (retry,) = [item for item in fake_engine.calls if item.feedback]
    assert retry.text == "Responsible for the billing API" and '"30%"' in (retry.feedback or "")
    acme = (await read_profile(user_a))["experiences"][0]
    assert acme["enhanced_bullets"][0] == "Responsible for the billing API."


async def test_a_retry_that_keeps_the_fact_taken_from_a_neighbour_is_refused_too(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    # The retry goes alone, but its feedback names the 30%: it is checked against its call's texts.
    def rewrite(item: EnhanceItem) -> str:
        if item.text == "Responsible for the billing API":
            return "Built the billing API, cutting invoice errors by 30%"
        return with_period(item)

    fake_engine.rewrite = rewrite
    await create_profile(user_a)
    job = await wait_for_run(user_a, await trigger(user_a))
    (flagged,) = job["result"]["flagged"]
    assert flagged["original"] == "Responsible for the billing API"
    assert flagged["added"] == [{"kind": "number", "text": "30%"}]
    acme = (await read_profile(user_a))["experiences"][0]
    assert acme["enhanced_bullets"][0] == "Responsible for the billing API"


async def test_one_answer_given_for_every_text_of_a_call_is_kept_only_for_its_own(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    # A model that swaps answers, or repeats one, would put a text under the wrong bullet.
    def rewrite(item: EnhanceItem) -> str:
        return item.text if item.feedback else "Owned the billing API end to end"

    fake_engine.rewrite = rewrite
    await create_profile(user_a)
    job = await wait_for_run(user_a, await trigger(user_a))
    acme = (await read_profile(user_a))["experiences"][0]
    assert acme["enhanced_bullets"] == [
        "Owned the billing API end to end",
        "Worked on reducing invoice errors by 30%",
    ]
    retried = [item.text for item in fake_engine.calls if item.feedback]
    assert "Worked on reducing invoice errors by 30%" in retried
    assert "Responsible for the billing API" not in retried
    assert job["result"]["counts"]["flagged"] == 0


async def test_a_failed_retry_stops_the_other_retries_of_its_call(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    stopped = asyncio.Event()

    async def rewrite(item: EnhanceItem) -> str:
        if not item.feedback:
            return f"{item.text} for 40 clients"  # every text invents a number: each is retried
        if item.text == "Responsible for the billing API":
            raise LLMUnavailable("the model server went away")
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            stopped.set()
            raise
        return item.text

    fake_engine.rewrite = rewrite
    await create_profile(user_a)
    job = await wait_for_run(user_a, await trigger(user_a), statuses=("failed", "completed", "queued"))
    await asyncio.wait_for(stopped.wait(), 10)
    assert job["status"] != "completed"
    assert (await read_profile(user_a))["experiences"][0]["enhanced_bullets"] is None


async def test_a_rewrite_that_invents_an_employer_is_rejected(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    fake_engine.rewrite = invent("while consulting for Google")
    await create_profile(user_a)
    job = await wait_for_run(user_a, await trigger(user_a))
    flagged = job["result"]["flagged"]
    assert len(flagged) == 5
    assert all(any("Google" in fact["text"] for fact in item["added"]) for item in flagged), flagged
    profile = await read_profile(user_a)
    assert profile["projects"][0]["enhanced_bullets"] == ["Wrote a small double-entry ledger library"]


async def test_a_retry_that_drops_the_invented_fact_is_kept(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    def rewrite(item: EnhanceItem) -> str:
        return with_period(item) if item.feedback else f"{item.text.rstrip('.')} for 12 teams"

    fake_engine.rewrite = rewrite
    await create_profile(user_a)
    job = await wait_for_run(user_a, await trigger(user_a))
    counts = job["result"]["counts"]
    # The summary already ends with a full stop: its honest retry changes nothing.
    assert (counts["enhanced"], counts["unchanged"], counts["retried"], counts["flagged"]) == (4, 1, 5, 0)
    profile = await read_profile(user_a)
    assert profile["projects"][0]["enhanced_bullets"] == ["Wrote a small double-entry ledger library."]


async def test_a_failure_midway_leaves_the_profile_unchanged(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    fake_engine.rewrite = with_period
    await create_profile(user_a)
    await wait_for_run(user_a, await trigger(user_a))
    before = await read_profile(user_a)

    calls = 0

    def flaky(item: EnhanceItem) -> str:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise LLMUnavailable("The AI service did not answer in time")
        return f"{item.text} again"

    fake_engine.rewrite = flaky
    job = await wait_for_run(user_a, await trigger(user_a))
    assert job["status"] == "failed"
    assert job["error"].startswith("The AI service did not answer in time")
    assert "Nothing in the profile was changed" in job["error"]
    assert job["result"] is None
    assert await read_profile(user_a) == before


async def test_items_edited_or_deleted_during_the_run_are_left_alone(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    fake_engine.rewrite = with_period
    fake_engine.hold()
    created = await create_profile(user_a)
    acme = created["experiences"][0]
    project = created["projects"][0]
    job_id = await trigger(user_a)
    await wait_for_run(user_a, job_id, ("processing",), step="enhancing_summary")
    edited = await user_a.patch(
        f"/api/v1/profiles/me/experiences/{acme['id']}", json={"bullets": ["Owned the billing API"]}
    )
    assert edited.status_code == 200, edited.text
    deleted = await user_a.delete(f"/api/v1/profiles/me/projects/{project['id']}")
    assert deleted.status_code == 204, deleted.text
    fake_engine.release()

    job = await wait_for_run(user_a, job_id)
    assert job["status"] == "completed", job
    skipped = {(item["item_id"], item["reason"]) for item in job["result"]["skipped"]}
    assert skipped == {(acme["id"], "edited"), (project["id"], "deleted")}
    profile = await read_profile(user_a)
    acme_now, initech_now = profile["experiences"]
    assert acme_now["bullets"] == ["Owned the billing API"]
    assert acme_now["enhanced_bullets"] is None
    assert initech_now["enhanced_bullets"] == ["Helped with the migration to PostgreSQL."]
    assert profile["projects"] == []


async def test_without_samples_the_style_is_neutral(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine
) -> None:
    await create_profile(user_a)
    job = await wait_for_run(user_a, await trigger(user_a))
    assert job["sample_version_used"] is None
    assert job["result"]["style"] == "neutral"
    assert all(style == {} for style in fake_engine.styles)


async def add_sample(
    app: FastAPI,
    profile_id: str,
    document_type: str,
    *,
    style: dict[str, Any] | None,
    version: int,
    text: str = "...",
) -> None:
    async with app.state.database.write_session() as session:
        owner = await session.get(Profile, profile_id)
        assert owner is not None
        session.add(
            SampleDocument(
                user_id=owner.user_id,
                document_type=document_type,
                file_name="sample.txt",
                full_text=text,
                extracted_style=style,
                version=version,
            )
        )
        await session.commit()


async def test_the_samples_styles_are_used_and_the_resume_samples_version_recorded(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine, app: FastAPI
) -> None:
    profile = await create_profile(user_a)
    resume = {"document_type": "resume_sample", "resume": {"period_share": 0.0}}
    cover = {"document_type": "cover_letter_sample", "cover_letter": {"greeting": "Dear Sam,"}}
    await add_sample(app, profile["id"], "cover_letter_sample", style=cover, version=1)
    await add_sample(app, profile["id"], "resume_sample", style=resume, version=3)
    job = await wait_for_run(user_a, await trigger(user_a))
    assert job["sample_version_used"] == 3
    assert job["result"]["style"] == "samples"
    assert job["result"]["samples"] == {"cover_letter_sample": 1, "resume_sample": 3}
    combined = {**resume, "cover_letter": cover["cover_letter"]}
    assert all(seen == combined for seen in fake_engine.styles)


async def test_a_sample_not_analysed_yet_is_analysed_for_the_run(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine, app: FastAPI
) -> None:
    profile = await create_profile(user_a)
    text = "EXPERIENCE\nAcme, Engineer, 2019 - 2021\n- Built the billing API\n- Cut invoice errors\n"
    await add_sample(app, profile["id"], "resume_sample", style=None, version=2, text=text)
    job = await wait_for_run(user_a, await trigger(user_a))
    assert job["sample_version_used"] == 2
    style = fake_engine.styles[0]
    assert style["document_type"] == "resume_sample"
    assert style["resume"]["bullet_count"] == 2 and style["resume"]["period_share"] == 0


async def test_texts_go_in_as_many_calls_as_may_be_in_flight_at_once(
    user_a: httpx.AsyncClient, fake_engine: FakeEngine, app: FastAPI
) -> None:
    settings = app.state.settings
    calls = min(settings.ENHANCEMENT_CONCURRENCY, settings.LLM_CONCURRENCY)
    fake_engine.hold()
    acme = [f"Shipped feature number {n}" for n in range(2 * TEXTS_PER_CALL)]
    await create_profile(
        user_a,
        experiences=[
            {"title": "Engineer", "company": "Acme", "start_date": "2020", "bullets": acme},
            {
                "title": "Intern",
                "company": "Initech",
                "start_date": "2018",
                "bullets": ["Wrote tests", "Fixed bugs"],
            },
        ],
        projects=[],
    )
    job_id = await trigger(user_a)
    deadline = time.monotonic() + 10
    while fake_engine.waiting < calls:
        assert time.monotonic() < deadline, f"only {fake_engine.waiting} calls in flight"
        await asyncio.sleep(0.01)
    fake_engine.release()
    assert (await wait_for_run(user_a, job_id))["status"] == "completed"
    # The summary, Initech's two bullets, and Acme's twelve in two calls of TEXTS_PER_CALL.
    assert sorted(len(batch) for batch in fake_engine.batches) == [1, 2, TEXTS_PER_CALL, TEXTS_PER_CALL]
    assert [item.text for item in fake_engine.batches[0]] == acme[:TEXTS_PER_CALL]


def test_facts_of_a_neighbour_in_the_call_are_moved_whatever_their_wording() -> None:
    own = EnhanceItem(id="1", kind="bullet", text="Built the billing API", context="Engineer at Initech")
    other = EnhanceItem(
        id="2", kind="bullet", text="Saved $2M a year and cut errors by 30%", context="Engineer at Globex"
    )
    for rewrite, fact in [
        ("Built the billing API, saving $2 million", "$2 million"),
        ("Built the billing API, cutting errors by 30 percent", "30 percent"),
        ("Built the billing API for Globex", "Globex"),
    ]:
        assert [moved.text for moved in moved_facts(rewrite, own, [other])] == [fact]
    # What no neighbour says is for the whole-profile check, not a move.
    assert moved_facts("Built the billing API in Rust", own, [other]) == ()


def test_a_rewrite_closer_to_a_neighbours_original_answers_another_text() -> None:
    own = EnhanceItem(id="1", kind="bullet", text="Built the billing API")
    other = EnhanceItem(id="2", kind="bullet", text="Saved $2M a year in fees")
    assert answers_another("Saved $2M in fees every year", own, [other])
    assert not answers_another("Designed and built the billing API", own, [other])


def texts(*sizes: int) -> list[list[Work]]:
    """Entries of the given sizes, their texts named entry.index."""
    return [
        [
            (
                ItemKey("experience", str(entry), index),
                EnhanceItem(id=f"{entry}.{index}", kind="bullet", text="t"),
            )
            for index in range(size)
        ]
        for entry, size in enumerate(sizes)
    ]


def shapes(groups: list[list[Work]]) -> list[list[str]]:
    return [[item.id for _, item in group] for group in groups]


def test_with_calls_to_spare_each_entry_has_its_own_call() -> None:
    assert shapes(pack(texts(1, 2, 3), calls=4, most=6)) == [["2.0", "2.1", "2.2"], ["1.0", "1.1"], ["0.0"]]


def test_with_fewer_calls_than_entries_entries_share_calls_up_to_the_most_a_call_holds() -> None:
    groups = pack(texts(1, 4, 4, 3, 1, 1), calls=4, most=6)
    assert sorted(len(group) for group in groups) == [3, 3, 4, 4]
    # Whole entries, in the profile's order within a call.
    assert ["1.0", "1.1", "1.2", "1.3"] in shapes(groups)
    assert ["0.0", "3.0", "3.1", "3.2"] not in shapes(groups)
    assert all(shape == sorted(shape) for shape in shapes(groups))


def test_an_entry_longer_than_a_call_holds_is_split_and_more_calls_are_made_when_needed() -> None:
    groups = pack(texts(14, 6), calls=2, most=6)
    assert sorted(len(group) for group in groups) == [2, 6, 6, 6]
    assert sum(len(group) for group in groups) == 20


async def test_the_offline_engine_rewrites_weak_openers_and_adds_no_facts(user_a: httpx.AsyncClient) -> None:
    await create_profile(user_a)
    job = await wait_for_run(user_a, await trigger(user_a))
    assert job["status"] == "completed", job
    assert job["result"]["usage"]["engine"] == "offline"
    assert job["result"]["counts"]["flagged"] == 0
    profile = await read_profile(user_a)
    acme, initech = profile["experiences"]
    assert not any(bullet.startswith(("Responsible for", "Worked on")) for bullet in acme["enhanced_bullets"])
    assert "30%" in acme["enhanced_bullets"][1]
    assert not initech["enhanced_bullets"][0].startswith("Helped with")
    assert profile["enhancement_version"] == 1
