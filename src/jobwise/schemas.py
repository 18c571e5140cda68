"""What every schema a client sends has in common: `InputModel`, and `SingleLine` for one-line text.

Input schemas derive from InputModel: unknown fields are a 422, and so is any text that breaks
the rule in text/safe.py, wherever it sits (a field, a list item, a key or value deep in free-form
JSON), with the error naming that exact place ("custom_fields.a.b", "requirements[2]").
"""

from __future__ import annotations

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from jobwise.errors import UNSAFE_TEXT_CODE
from jobwise.text.safe import json_problem, text_problem


def _unsafe(problem: str) -> PydanticCustomError:
    return PydanticCustomError(UNSAFE_TEXT_CODE, "{problem}", {"problem": problem})


def _one_line(value: str) -> str:
    problem = text_problem(value, single_line=True)
    if problem:
        raise _unsafe(problem)
    return value


# The longest id a client may send (ids are UUIDs): a longer one is a 422, not a lookup.
ID_MAX = 36

# For names, titles and ids: line breaks are refused as well (`Annotated[str, ..., SingleLine]`).
SingleLine = AfterValidator(_one_line)

# Whitespace spelled out: `\s` is Unicode whitespace to pydantic and Python but ASCII to some JSON
# Schema tools, which would then call a no-break space "not blank". SPACE is what pydantic's `\s`
# matches; BLANK adds what Python's str.strip() also removes (the separators \x1c-\x1f).
SPACE = r"\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
BLANK = SPACE + r"\x1c-\x1f"
# The documented pattern for what not_blank checks (its message says more than a mismatch would).
NOT_BLANK = {"pattern": f"[^{BLANK}]"}


def not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be blank")
    return value


class InputModel(BaseModel):
    # Strict: false is not 0 and "5" is not 5; what the schema documents is what is accepted.
    model_config = ConfigDict(extra="forbid", strict=True)

    @field_validator("*")
    @classmethod
    def _refuse_unsafe_text(cls, value: object) -> object:
        # After each field's own validation, so nested InputModels have checked their fields and
        # only plain strings, lists and free-form JSON are walked here.
        found = json_problem(value)
        if found is None:
            return value
        where, problem = found
        # A ValidationError raised here keeps its locations under the field's, so the error
        # names the list item or JSON key, not just the field.
        raise ValidationError.from_exception_data(
            cls.__name__, [InitErrorDetails(type=_unsafe(problem), loc=where, input=value)]
        )
