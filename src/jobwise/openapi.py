"""The OpenAPI document as a client must read it: every error a route answers, and no null where
none is accepted.

FastAPI documents what it can see (the success response, and a 422 in its own {"detail": [...]}
shape for any route with parameters). The rest is added here, once for every route:

- each error status a route or one of its dependencies declares with errors.raises, in the error
  envelope, with the codes it can carry under `x-error-codes`;
- 413, 415 and 422 for every route that reads a JSON body (hardening.py refuses large bodies and
  other media types before the route runs);
- no 422 on a route that has nothing to validate (only unconstrained path ids);
- query, header and cookie parameters without FastAPI's `null` choice: an absent parameter is
  None, but a client cannot send null in a query string;
- no `default: null` on a body field that refuses null (omittable.Omittable): the default only
  means "not sent".
"""

from __future__ import annotations

from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, RouteContext, iter_route_contexts

from jobwise.errors import ERROR_ENVELOPE_SCHEMA, UNSAFE_TEXT_CODE, declared_errors
from jobwise.hardening import reads_json_body

ENVELOPE_NAME = "ErrorEnvelope"
_ENVELOPE_REF = {"$ref": f"#/components/schemas/{ENVELOPE_NAME}"}
# FastAPI's own validation error components, which JobWise never sends.
_FASTAPI_ERROR_SCHEMAS = ("HTTPValidationError", "ValidationError")
_FASTAPI_422 = "Validation Error"

# What hardening.py and the validation handler answer for any route with a JSON body.
_JSON_BODY_ERRORS: dict[int, tuple[str, str]] = {
    413: ("payload_too_large", "The body is over MAX_JSON_BODY_MB"),
    415: ("unsupported_media_type", "The body is not sent as JSON (Content-Type: application/json)"),
    422: ("validation_error", "The request does not match its schema; `details` names each field"),
}


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def _can_fail_validation(route: RouteContext) -> bool:
    for dependant in _dependants(route.dependant):
        if dependant.query_params or dependant.header_params or dependant.cookie_params:
            return True
        if dependant.body_params:
            return True
        # A path id typed as plain str is never refused: an unknown one is a 404.
        if any(
            field.field_info.annotation is not str or field.field_info.metadata
            for field in dependant.path_params
        ):
            return True
    return False


_RETRY_AFTER = {"description": "Seconds to wait before trying again", "schema": {"type": "integer"}}


def route_errors(route: RouteContext) -> dict[int, dict[str, str]]:
    """Status -> {code: description} for every error this route can answer."""
    found: dict[int, dict[str, str]] = {}
    # Routes that read their body themselves (login, uploads) declare their own errors.
    if reads_json_body(route):
        for status, (code, description) in _JSON_BODY_ERRORS.items():
            found.setdefault(status, {})[code] = description
    elif _can_fail_validation(route):
        code, description = _JSON_BODY_ERRORS[422]
        found.setdefault(422, {})[code] = description
    # Any path or query value, even one the route does not read, meets the text rule.
    found.setdefault(422, {})[UNSAFE_TEXT_CODE] = (
        "Text holds a character that cannot be stored: NUL, another control character "
        "(tab and line breaks aside, where text may span lines), a lone surrogate or U+FFFE/U+FFFF"
    )
    for dependant in _dependants(route.dependant):
        if dependant.call is None:
            continue
        for error in declared_errors(dependant.call):
            codes = found.setdefault(error.status_code, {})
            codes.setdefault(error.code, (error.__doc__ or "").strip().split("\n")[0])
    return found


def _error_response(status: int, codes: dict[str, str], declared: dict[str, Any] | None) -> dict[str, Any]:
    description = (declared or {}).get("description")
    if not description or description == _FASTAPI_422:
        described = [text for text in codes.values() if text]
        description = "; ".join(dict.fromkeys(described)) or HTTPStatus(status).phrase
        undescribed = sorted(code for code, text in codes.items() if not text)
        if undescribed and described:
            description += f"; also {', '.join(undescribed)}"
        elif undescribed:
            description += f": {', '.join(undescribed)}"
    response: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": _ENVELOPE_REF}},
        "x-error-codes": sorted(codes),
    }
    headers = dict((declared or {}).get("headers", {}))
    if status == 429:  # every 429 of ours says when to come back
        headers.setdefault("Retry-After", _RETRY_AFTER)
    if headers:
        response["headers"] = headers
    return response


def _document_route(route: RouteContext, operation: dict[str, Any]) -> None:
    responses: dict[str, Any] = operation.setdefault("responses", {})
    errors = route_errors(route)
    for key in list(responses):
        status = int(key) if key.isdigit() else 0
        if status >= 400 and status not in errors:
            if key == "422" and responses[key].get("description") == _FASTAPI_422:
                del responses[key]  # FastAPI's guess for a route that has nothing to validate
            else:
                errors[status] = {}
    for status, codes in errors.items():
        responses[str(status)] = _error_response(status, codes, responses.get(str(status)))
    operation["responses"] = dict(sorted(responses.items()))
    for parameter in operation.get("parameters", []):
        _drop_null(parameter.get("schema", {}))


def _drop_null(schema: dict[str, Any]) -> None:
    choices = schema.get("anyOf")
    if not isinstance(choices, list) or {"type": "null"} not in choices:
        return
    kept = [choice for choice in choices if choice != {"type": "null"}]
    del schema["anyOf"]
    if schema.get("default", "") is None:
        del schema["default"]
    if len(kept) == 1:
        schema.update(kept[0])
    else:
        schema["anyOf"] = kept


def _takes_null(schema: dict[str, Any]) -> bool:
    if schema.get("type") == "null" or ("$ref" in schema and schema.get("nullable")):
        return True
    return any(_takes_null(choice) for choice in schema.get("anyOf", []) + schema.get("oneOf", []))


def document(app: FastAPI, schema: dict[str, Any]) -> dict[str, Any]:
    paths = schema.get("paths", {})
    # Route contexts: included routers' routes with their prefixes and dependencies applied.
    for route in iter_route_contexts(app.routes):
        if not isinstance(route.original_route, APIRoute) or not route.include_in_schema:
            continue
        for method in route.methods or ():
            operation = paths.get(route.path_format, {}).get(method.lower())
            if operation is not None:
                _document_route(route, operation)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for component in components.values():
        for field in component.get("properties", {}).values():
            if field.get("default", "") is None and not _takes_null(field):
                del field["default"]
    for name in _FASTAPI_ERROR_SCHEMAS:
        components.pop(name, None)
    components[ENVELOPE_NAME] = ERROR_ENVELOPE_SCHEMA
    schema["components"]["schemas"] = dict(sorted(components.items()))
    return schema


def install_openapi(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document(app, generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
