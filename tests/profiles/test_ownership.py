"""Another user's profile items are 404, exactly like missing ones, and stay unchanged."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import assert_error
from tests.profiles.conftest import ME, PROFILE, PROFILES

CHANGES = {
    "experiences": {"title": "Hijacked"},
    "projects": {"name": "Hijacked"},
    "education": {"degree": "Hijacked"},
}
CODES = {
    "experiences": "experience_not_found",
    "projects": "project_not_found",
    "education": "education_not_found",
}


async def _every_item_route_is_404(user_b: httpx.AsyncClient, profile_a: dict[str, Any]) -> None:
    for kind, code in CODES.items():
        item_id = profile_a[kind][0]["id"]
        base = f"{ME}/{kind}/{item_id}"
        routes: list[tuple[str, str, dict[str, Any] | None]] = [
            ("GET", base, None),
            ("PATCH", base, CHANGES[kind]),
            ("DELETE", base, None),
        ]
        if kind != "education":
            routes.append(("POST", f"{base}/revert", None))
        for method, path, body in routes:
            response = await user_b.request(method, path, json=body)
            mine = assert_error(response, 404, code)
            # The same answer as for an id that doesn't exist.
            missing = await user_b.request(method, path.replace(item_id, "0" * 36), json=body)
            assert missing.status_code == 404
            assert mine["message"].replace(item_id, "ID") == missing.json()["error"]["message"].replace(
                "0" * 36, "ID"
            )


async def test_other_users_items_are_404_on_every_route(
    user_a: httpx.AsyncClient, user_b: httpx.AsyncClient, profile_a: dict[str, Any]
) -> None:
    before = (await user_a.get(ME)).json()
    before_export = (await user_a.get(f"{ME}/json-resume")).json()
    # Without a profile of their own, and then with one.
    await _every_item_route_is_404(user_b, profile_a)
    assert (await user_b.post(PROFILES, json=PROFILE)).status_code == 201
    await _every_item_route_is_404(user_b, profile_a)
    for kind in CODES:
        ids = [profile_a[kind][0]["id"]]
        assert_error(await user_b.put(f"{ME}/{kind}/order", json={"ids": ids}), 422, "invalid_order")
        # Lists show only one's own rows.
        assert (await user_b.get(f"{ME}/{kind}")).json() == []
    assert (await user_b.get(ME)).json()["id"] != profile_a["id"]
    assert (await user_a.get(ME)).json() == before
    assert (await user_a.get(f"{ME}/json-resume")).json() == before_export


async def test_a_json_resume_import_never_touches_another_users_profile(
    user_a: httpx.AsyncClient, user_b: httpx.AsyncClient, profile_a: dict[str, Any]
) -> None:
    before = (await user_a.get(ME)).json()
    response = await user_b.put(f"{ME}/json-resume", json={"basics": {"name": "Bob"}})
    assert response.status_code == 201
    assert (await user_b.delete(ME)).status_code == 204
    assert (await user_a.get(ME)).json() == before
