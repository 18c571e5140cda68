"""Structured output: a strict JSON schema from a Pydantic model, lenient parsing, one repair.

The client picks the best mode the server accepts (ai/llm/base.py); whatever comes back is parsed
leniently (code fences, <think> blocks, prose around the object, raw newlines inside strings, as
llama.cpp produces), validated with Pydantic, and on failure the model is asked once to repair
its answer, quoting the error. An answer cut off at max_tokens is asked for again with twice the
room (reasoning models spend part of max_tokens thinking). Then it is a clear failure.

Parsed answers lose the characters no stored text may hold (text/safe.py): a model can write
"\\u0000" as easily as any word, and what it writes is stored and exported. (The clients already
drop such characters from the raw text, base.py; these are the ones JSON escapes decode to.)
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from jobwise.ai.errors import LLMInvalidOutput
from jobwise.ai.llm.client import ChatMessage, ChatRequest, ChatResult, JsonFormat, LLMClient
from jobwise.text.safe import strip_unsafe_in

M = TypeVar("M", bound=BaseModel)

# Keywords strict modes reject or ignore; Pydantic still enforces them on the answer.
_DROPPED_KEYWORDS = frozenset(
    {
        "title",
        "default",
        "examples",
        "maxLength",
        "minLength",
        "pattern",
        "format",
        "maxItems",
        "minItems",
        "uniqueItems",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
    }
)
MAX_REPAIR_TOKENS = 16_384
# How much of a bad answer is quoted back in the repair request.
_QUOTE_LIMIT = 4_000


class JsonParseError(ValueError):
    pass


@dataclass
class Tally:
    """Tokens and calls spent on one logical call, kept even when it fails (usage is recorded)."""

    model: str = ""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    calls: int = 0
    # Some of the counts are estimates: the server reported no usage.
    estimated: bool = False

    def add(self, result: ChatResult) -> None:
        self.model = result.model or self.model
        self.prompt_tokens += result.prompt_tokens
        self.completion_tokens += result.completion_tokens
        self.calls += 1
        self.estimated = self.estimated or result.usage_estimated


@dataclass(frozen=True)
class Structured(Generic[M]):
    value: M
    # The accepted answer's JSON text, kept for the cache.
    content: str


# -- the schema ---------------------------------------------------------------------------------


@cache
def strict_json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON schema in the form strict modes accept: every property required, no extra
    properties, references inlined (llama.cpp's grammar converter and Groq prefer them so),
    nullable types written as type lists and optional choices as enums that list null.

    Made once per model and shared by every request (so read only): pydantic builds a schema in
    about 5 ms, on the event loop, for each structured call."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})
    result = _strict(_inline(schema, defs))
    assert isinstance(result, dict)
    return result


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            target = copy.deepcopy(defs[ref.removeprefix("#/$defs/")])
            merged = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
            return _inline(merged, defs)
        return {key: _inline(value, defs) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(item, defs) for item in node]
    return node


def _strict(node: Any) -> Any:
    if isinstance(node, list):
        return [_strict(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            # Property names are data, not keywords: a property may well be called "title".
            out[key] = {name: _strict(schema) for name, schema in value.items()}
        elif key not in _DROPPED_KEYWORDS:
            out[key] = _strict(value)
    variants = out.get("anyOf")
    if isinstance(variants, list):
        merged = _merge_simple_variants(variants)
        if merged is not None:
            del out["anyOf"]
            out.update(merged)
    if out.get("type") == "object" and isinstance(out.get("properties"), dict):
        out["additionalProperties"] = False
        out["required"] = list(out["properties"])
    return out


def _merge_simple_variants(variants: list[Any]) -> dict[str, Any] | None:
    """anyOf of plain types as one schema, in the form grammar converters keep constrained.

    [{"type": "string"}, {"type": "null"}] -> {"type": ["string", "null"]}, and an optional choice
    [{"type": "string", "enum": [...]}, {"type": "null"}] -> {"enum": [..., null]} with no type:
    llama.cpp's JSON-schema-to-grammar conversion reads a type list before an enum and would
    allow any string (salary-period ::= string | null). None when the variants do not merge.
    """
    types: list[str] = []
    values: list[Any] = []
    constrained = 0
    for variant in variants:
        if not isinstance(variant, dict) or not isinstance(variant.get("type"), str):
            return None
        extra = set(variant) - {"type", "enum", "const", "description"}
        if extra:
            return None
        types.append(variant["type"])
        if "enum" in variant or "const" in variant:
            constrained += 1
            values.extend(variant["enum"] if "enum" in variant else [variant["const"]])
    if not constrained:
        return {"type": types}
    if constrained != sum(1 for kind in types if kind != "null"):
        # A choice beside an unconstrained type ("a" | "b" | int): keep the anyOf.
        return None
    if "null" in types and None not in values:
        values.append(None)
    return {"enum": values}


# -- parsing ------------------------------------------------------------------------------------

_THINK = re.compile(r"<think>.*?</think>", re.DOTALL | re.IGNORECASE)
_FENCE = re.compile(r"```[a-zA-Z]*\s*\n?(.*?)```", re.DOTALL)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def strip_wrapping(text: str) -> str:
    """The answer without reasoning blocks and code fences (also used for plain-text answers)."""
    text = _THINK.sub("", text)
    lowered = text.lower()
    if "<think>" in lowered and "</think>" not in lowered:
        # Cut off while still reasoning: the answer never started.
        return ""
    fenced = _FENCE.search(text)
    if fenced:
        return fenced.group(1).strip()
    return text.strip()


def parse_json_lenient(text: str) -> Any:
    body = strip_wrapping(text)
    starts = [i for i in (body.find("{"), body.find("[")) if i >= 0]
    if not starts:
        raise JsonParseError("the answer holds no JSON object")
    start = min(starts)
    end = _closing_index(body, start)
    if end is None:
        raise JsonParseError("the JSON object is not complete (it was cut off or a bracket is missing)")
    candidate = body[start : end + 1]
    try:
        # strict=False lets raw newlines and tabs inside strings through (llama.cpp writes them).
        return strip_unsafe_in(json.loads(candidate, strict=False))
    except json.JSONDecodeError as first:
        try:
            return strip_unsafe_in(json.loads(_without_trailing_commas(candidate), strict=False))
        except json.JSONDecodeError:
            pass
        raise JsonParseError(
            f"invalid JSON: {first.msg} at line {first.lineno} column {first.colno}"
        ) from None


def _closing_index(text: str, start: int) -> int | None:
    """Index of the bracket closing the one at `start`, reading strings correctly."""
    depth = 0
    in_string = False
    escaped = False
    for index in range(start, len(text)):
        char = text[index]
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
            continue
        if char == '"':
            in_string = True
        elif char in "{[":
            depth += 1
        elif char in "}]":
            depth -= 1
            if depth == 0:
                return index
    return None


def _without_trailing_commas(text: str) -> str:
    # Only outside strings: rebuild the text string by string.
    parts = re.split(r'("(?:[^"\\]|\\.)*")', text, flags=re.DOTALL)
    return "".join(part if i % 2 else _TRAILING_COMMA.sub(r"\1", part) for i, part in enumerate(parts))


def describe_validation_error(exc: ValidationError) -> str:
    problems = []
    for error in exc.errors()[:5]:
        where = ".".join(str(part) for part in error.get("loc", ())) or "(root)"
        problems.append(f"{where}: {error.get('msg', 'invalid')}")
    more = len(exc.errors()) - len(problems)
    return "; ".join(problems) + (f" (and {more} more)" if more > 0 else "")


# -- the call -----------------------------------------------------------------------------------


async def complete_structured(
    client: LLMClient,
    request: ChatRequest,
    output: type[M],
    *,
    tally: Tally,
    check: Callable[[M], str | None] | None = None,
    label: str = "",
) -> Structured[M]:
    """Ask for `output`; one repair attempt quoting the problem; LLMInvalidOutput after that.

    `check` adds rules the schema cannot say (for example "one score per candidate").
    """
    request = replace(
        request, json_format=JsonFormat(name=_schema_name(output), schema=strict_json_schema(output))
    )
    first = await client.complete(request)
    tally.add(first)
    problem, value = _accept(first, output, check)
    if value is not None:
        return Structured(value=value, content=first.content)
    second = await client.complete(_repair_request(request, first, problem))
    tally.add(second)
    second_problem, value = _accept(second, output, check)
    if value is not None:
        return Structured(value=value, content=second.content)
    what = label or output.__name__
    raise LLMInvalidOutput(
        f"The model {request.model!r} did not return a usable answer for {what} after one repair "
        f"attempt: {second_problem}",
        details={"model": request.model, "first_problem": problem, "problem": second_problem},
    )


def parse_structured(content: str, output: type[M]) -> M:
    """Parse an answer accepted before (from the cache)."""
    return output.model_validate(parse_json_lenient(content))


def _accept(
    result: ChatResult, output: type[M], check: Callable[[M], str | None] | None
) -> tuple[str, M | None]:
    try:
        data = parse_json_lenient(result.content)
    except JsonParseError as exc:
        if result.cut_off:
            return f"the answer was cut off at the token limit before the JSON was complete ({exc})", None
        return str(exc), None
    try:
        value = output.model_validate(data)
    except ValidationError as exc:
        return f"the JSON does not match the schema: {describe_validation_error(exc)}", None
    if check is not None:
        problem = check(value)
        if problem:
            return problem, None
    return "", value


def _repair_request(request: ChatRequest, answer: ChatResult, problem: str) -> ChatRequest:
    messages = list(request.messages)
    quoted = answer.content.strip()[:_QUOTE_LIMIT]
    if quoted:
        messages.append(ChatMessage("assistant", quoted))
    if answer.cut_off:
        instruction = (
            f"Your answer cannot be used: {problem}. Reply again with only the JSON object, "
            "more briefly, and without any reasoning before it."
        )
        max_tokens = min(request.max_tokens_ceiling, max(request.max_tokens, request.max_tokens * 2))
    else:
        instruction = (
            f"Your answer cannot be used: {problem}. Reply again with only the corrected JSON "
            "object, matching the schema exactly."
        )
        max_tokens = request.max_tokens
    messages.append(ChatMessage("user", instruction))
    return replace(request, messages=tuple(messages), max_tokens=max_tokens)


def _schema_name(output: type[BaseModel]) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", output.__name__).lower()[:64]
