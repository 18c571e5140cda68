"""Omittable[T]: a PATCH field that may be left out, but not sent as null.

A PATCH body changes only the fields sent, so every field defaults to None meaning "not sent".
For a field that cannot be empty (a title, a flag, a list that is [] when empty), null is not a
value: it is refused, and the OpenAPI document shows the plain type, without null (jobwise.openapi
also drops the null default), so that what is documented is what is accepted. Fields that can be cleared keep
`T | None`, where null means "clear it".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, TypeVar

from pydantic import BeforeValidator

T = TypeVar("T")


def refuse_null(value: object) -> object:
    if value is None:
        raise ValueError("may be left out but not null")
    return value


if TYPE_CHECKING:
    # Type checkers see the None default; pydantic never validates it, so at run time the type
    # stays T and null gets one clear error instead of one per branch of `T | None`.
    Omittable = Annotated[T | None, ...]
else:
    Omittable = Annotated[T, BeforeValidator(refuse_null)]
