"""The stored view of a profile (profiles/read_model.py): after every kind of change it is current
and equal to the profile built from its tables; a view left behind is never served; the ETag
gives 304 to a client that has the version and 412 to a write made from a stale copy."""

from __future__ import annotations

import json
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select, update

from jobwise.models import Profile, ProfileView, User
from jobwise.profiles import read_model, service
from tests.conftest import assert_error
from tests.profiles.conftest import EDUCATION, EXPERIENCE, ME, PROFILE, PROFILES, PROJECT


async def assert_view_is_the_tables(app: FastAPI, client: httpx.AsyncClient, after: str) -> str:
    """The stored view is current, equals the profile built afresh, and is what GET serves."""
    response = await client.get(ME)
    assert response.status_code == 200, (after, response.text)
    async with app.state.database.read_session() as session:
        owner_id = await session.scalar(select(Profile.user_id).where(Profile.id == response.json()["id"]))
        owner = await session.get(User, owner_id)
        assert owner is not None
        view = await read_model.stored_view(session, owner.id)
        fresh = read_model.render(await service.get_full_profile(session, owner=owner))
    assert view is not None and view.body is not None, f"no current view after {after}"
    assert json.loads(view.body) == json.loads(fresh), f"the view differs from the tables after {after}"
    assert response.json() == json.loads(fresh), after
    assert response.headers["etag"] == view.etag
    return view.etag


async def test_after_every_kind_of_change_the_view_is_current_and_equal_to_the_tables(
    app: FastAPI, user_a: httpx.AsyncClient
) -> None:
    seen: list[str] = []

    async def change(after: str, method: str, path: str, body: Any = None, status: int = 200) -> Any:
        response = await user_a.request(method, path, json=body)
        assert response.status_code == status, (after, response.text)
        seen.append(await assert_view_is_the_tables(app, user_a, after))
        return response.json() if response.content else None

    await change("create", "POST", PROFILES, {**PROFILE, "experiences": [EXPERIENCE]}, 201)
    await change("patch the profile", "PATCH", ME, {"professional_summary": "Changed."})
    await change("replace the profile", "PUT", ME, {"personal_info": {"name": "Ada"}})
    first = await change("add an experience", "POST", f"{ME}/experiences", EXPERIENCE, 201)
    await change("edit an experience", "PATCH", f"{ME}/experiences/{first['id']}", {"title": "Lead"})
    ids = [item["id"] for item in (await user_a.get(f"{ME}/experiences")).json()]
    await change("reorder experiences", "PUT", f"{ME}/experiences/order", {"ids": ids[::-1]})
    await change("delete an experience", "DELETE", f"{ME}/experiences/{first['id']}", status=204)
    project = await change("add a project", "POST", f"{ME}/projects", PROJECT, 201)
    await change("edit a project", "PATCH", f"{ME}/projects/{project['id']}", {"name": "renamed"})
    await change("delete a project", "DELETE", f"{ME}/projects/{project['id']}", status=204)
    school = await change("add education", "POST", f"{ME}/education", EDUCATION, 201)
    await change("edit education", "PATCH", f"{ME}/education/{school['id']}", {"degree": "PhD"})
    await change("delete education", "DELETE", f"{ME}/education/{school['id']}", status=204)
    cert = await change(
        "add a certificate", "POST", f"{ME}/certificates", {"name": "CKA", "issuer": "CNCF"}, 201
    )
    await change("edit a certificate", "PATCH", f"{ME}/certificates/{cert['id']}", {"date": "2024-02"})
    await change("add a language", "POST", f"{ME}/languages", {"language": "German"}, 201)
    other = await change("add a second certificate", "POST", f"{ME}/certificates", {"name": "CKAD"}, 201)
    await change(
        "reorder certificates", "PUT", f"{ME}/certificates/order", {"ids": [other["id"], cert["id"]]}
    )
    await change("delete a certificate", "DELETE", f"{ME}/certificates/{cert['id']}", status=204)
    await change(
        "import JSON Resume",
        "PUT",
        f"{ME}/json-resume",
        {"basics": {"name": "Ada L."}, "volunteer": [{"organization": "Code Club"}]},
    )
    # Every change is a new version.
    assert len(set(seen)) == len(seen), seen


async def test_a_view_left_behind_is_never_served(app: FastAPI, user_a: httpx.AsyncClient) -> None:
    created = (await user_a.post(PROFILES, json=PROFILE)).json()
    async with app.state.database.write_session() as session, session.begin():
        # As if an older JobWise had stored it, or a unit of work committed without db.commit.
        await session.execute(
            update(ProfileView).where(ProfileView.profile_id == created["id"]).values(body='{"stale": true}')
        )
        await session.execute(
            update(ProfileView).where(ProfileView.profile_id == created["id"]).values(revision=0)
        )
    response = await user_a.get(ME)
    assert response.json() == created


async def test_an_unchanged_profile_is_304_and_a_stale_write_is_412(user_a: httpx.AsyncClient) -> None:
    await user_a.post(PROFILES, json=PROFILE)
    first = await user_a.get(ME)
    tag = first.headers["etag"]
    unchanged = await user_a.get(ME, headers={"If-None-Match": tag})
    assert unchanged.status_code == 304 and unchanged.content == b"" and unchanged.headers["etag"] == tag

    # Tab 1 saves with the version it read: accepted, and told the new version.
    saved = await user_a.patch(ME, json={"professional_summary": "Tab one."}, headers={"If-Match": tag})
    assert saved.status_code == 200 and saved.headers["etag"] != tag
    # Tab 2 still holds the first version: refused, nothing overwritten.
    stale = await user_a.patch(ME, json={"professional_summary": "Tab two."}, headers={"If-Match": tag})
    assert_error(stale, 412, "precondition_failed")
    stale_item = await user_a.post(f"{ME}/experiences", json=EXPERIENCE, headers={"If-Match": tag})
    assert_error(stale_item, 412, "precondition_failed")
    assert (await user_a.get(ME)).json()["professional_summary"] == "Tab one."
    # A tab holding the old version asks whether it changed: it gets the whole new version.
    fresh = await user_a.get(ME, headers={"If-None-Match": tag})
    assert fresh.status_code == 200 and fresh.json()["professional_summary"] == "Tab one."
    assert fresh.headers["etag"] == saved.headers["etag"]
    # With the current version, or none at all, writes go through.
    current = saved.headers["etag"]
    assert (await user_a.get(ME, headers={"If-None-Match": current})).status_code == 304
    ok = await user_a.post(f"{ME}/experiences", json=EXPERIENCE, headers={"If-Match": current})
    assert ok.status_code == 201


async def test_another_users_version_tells_nothing(
    user_a: httpx.AsyncClient, user_b: httpx.AsyncClient
) -> None:
    await user_a.post(PROFILES, json=PROFILE)
    tag = (await user_a.get(ME)).headers["etag"]
    assert_error(await user_b.get(ME, headers={"If-None-Match": tag}), 404, "profile_not_found")
