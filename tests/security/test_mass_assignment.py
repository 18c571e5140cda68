"""Mass assignment (OWASP API3:2023): a client cannot set what only the server may set."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from pydantic import BaseModel

from tests.conftest import assert_error


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in getattr(annotation, "__args__", ()) for model in _models_in(arg)]


def _nested_models(model: type[BaseModel], seen: set[type[BaseModel]]) -> None:
    if model in seen:
        return
    seen.add(model)
    for field in model.model_fields.values():
        for nested in _models_in(field.annotation):
            _nested_models(nested, seen)


def test_every_request_body_model_refuses_unknown_fields(app: FastAPI) -> None:
    models: set[type[BaseModel]] = set()
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute):
            for param in route.dependant.body_params:
                for model in _models_in(param.field_info.annotation):
                    _nested_models(model, models)
    assert models, "no JSON bodies found: the test would prove nothing"
    lenient = sorted(m.__name__ for m in models if m.model_config.get("extra") != "forbid")
    assert not lenient, f"request bodies that silently accept unknown fields: {lenient}"


async def test_registering_cannot_choose_an_id_or_a_token_key(client: httpx.AsyncClient) -> None:
    body = {"email": "a@example.com", "password": "correct horse battery", "full_name": "A"}
    for field, value in {"id": 1, "token_key": "0" * 32, "is_admin": True, "password_hash": "x"}.items():
        assert_error(await client.post("/auth/register", json={**body, field: value}), 422)
    assert (await client.post("/auth/register", json=body)).status_code == 201


async def test_a_job_cannot_be_moved_to_another_user(user_a: httpx.AsyncClient) -> None:
    job = (await user_a.post("/api/v1/jobs", json={"title": "Engineer", "company": "Acme"})).json()
    for field, value in {"user_id": 2, "id": "x", "created_at": "2020-01-01T00:00:00Z"}.items():
        assert_error(await user_a.patch(f"/api/v1/jobs/{job['id']}", json={field: value}), 422)
    assert (await user_a.get(f"/api/v1/jobs/{job['id']}")).json()["id"] == job["id"]
