"""A small HTTP client for the demo: each call names its step, and a failure shows the API's error."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import httpx


class StepFailed(Exception):
    """A step of the demo got an answer it cannot go on with."""

    def __init__(self, step: str, message: str, *, status: int | None = None, error: Any = None) -> None:
        super().__init__(message)
        self.step = step
        self.message = message
        self.status = status
        self.error = error

    def describe(self) -> str:
        lines = [f"The step '{self.step}' failed: {self.message}"]
        if self.status is not None:
            lines[0] += f" (HTTP {self.status})"
        if self.error is not None:
            lines.append(json.dumps(self.error, indent=2, ensure_ascii=False))
        return "\n".join(lines)


class ApiClient:
    def __init__(self, base_url: str, *, timeout: float) -> None:
        self._http = httpx.Client(base_url=base_url, timeout=timeout)

    def close(self) -> None:
        self._http.close()

    def authenticate(self, token: str) -> None:
        self._http.headers["Authorization"] = f"Bearer {token}"

    def call(
        self, step: str, method: str, path: str, *, expect: Iterable[int] = (200, 201), **kwargs: Any
    ) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise StepFailed(step, f"{method} {path}: {exc!r}") from exc
        if response.status_code not in set(expect):
            raise StepFailed(
                step,
                f"{method} {path} answered {response.reason_phrase}",
                status=response.status_code,
                error=_error_body(response),
            )
        return response

    def json(self, step: str, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        response = self.call(step, method, path, **kwargs)
        body = response.json()
        if not isinstance(body, dict):
            raise StepFailed(
                step, f"{method} {path} did not answer a JSON object", status=response.status_code
            )
        return body


def _error_body(response: httpx.Response) -> Any:
    """The error envelope ({"error": {code, message, details}}) when there is one, else the text."""
    try:
        return response.json()
    except ValueError:
        return response.text[:2_000] or None
