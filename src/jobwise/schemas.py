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

UNSAFE_TEXT = UNSAFE_TEXT_CODE  # the error type, and the envelope code when it is the only one


def _unsafe(problem: str) -> PydanticCustomError:
    return PydanticCustomError(UNSAFE_TEXT, "{problem}", {"problem": problem})


def _one_line(value: str) -> str:
    problem = text_problem(value, single_line=True)
    if problem:
        raise _unsafe(problem)
    return value


# For names, titles and ids: line breaks are refused as well (`Annotated[str, ..., SingleLine]`).
SingleLine = AfterValidator(_one_line)


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
