"""Structured output: the strict schema, lenient parsing, one repair attempt, then a clear failure."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any, Literal

import pytest
from pydantic import BaseModel, Field

from jobwise.ai.engine import CallContext, EnhanceItem
from jobwise.ai.errors import LLMInvalidOutput
from jobwise.ai.llm.client import ChatMessage, ChatRequest, LLMClient
from jobwise.ai.llm.engine import LLMEngine
from jobwise.ai.llm.structured import (
    JsonParseError,
    Tally,
    complete_structured,
    parse_json_lenient,
    strict_json_schema,
)
from tests.ai.llm.conftest import ClientFactory
from tests.ai.llm.test_engine import HONEST, POSTING
from tests.fakes.llm_server import LLMServer, Recorded, Reply


class Inner(BaseModel):
    score: float


class Answer(BaseModel):
    title: str
    level: Literal["junior", "senior"] | None = None
    tags: list[str] = Field(default_factory=list, max_length=5)
    inner: Inner | None = None


REQUEST = ChatRequest(
    messages=(ChatMessage("system", "Extract."), ChatMessage("user", "Senior engineer wanted.")),
    model="fast-model",
    max_tokens=100,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"title": "x"}', {"title": "x"}),
        ('```json\n{"title": "x"}\n```', {"title": "x"}),
        ('Sure! Here is the JSON:\n{"title": "x"}\nHope this helps.', {"title": "x"}),
        ("<think>The user wants {json}.</think>\n" + '{"title": "x"}', {"title": "x"}),
        # llama.cpp writes raw newlines inside strings.
        ('{"title": "line one\nline two"}', {"title": "line one\nline two"}),
        ('{"title": "x", "tags": ["a", "b",],}', {"title": "x", "tags": ["a", "b"]}),
        ('{"title": "a } inside", "tags": []}', {"title": "a } inside", "tags": []}),
    ],
)
def test_lenient_parsing_accepts_what_models_really_write(text: str, expected: object) -> None:
    assert parse_json_lenient(text) == expected


def test_parsed_answers_lose_escaped_characters_no_stored_text_may_hold() -> None:
    escaped = '{"title": "Senior\\u0000 Engineer\\ud800", "tags": ["a\\u0001b", "\\uffff"]}'
    assert parse_json_lenient(escaped) == {"title": "Senior Engineer", "tags": ["ab", ""]}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"title": "cut off in the midd', "not complete"),
        ("I cannot help with that.", "no JSON object"),
        ("<think>still thinking when max_tokens ran out", "no JSON object"),
        ('{"title": x}', "invalid JSON"),
    ],
)
def test_lenient_parsing_still_refuses_what_is_not_json(text: str, problem: str) -> None:
    with pytest.raises(JsonParseError, match=problem):
        parse_json_lenient(text)


def test_strict_schema_requires_every_property_and_forbids_others() -> None:
    schema = strict_json_schema(Answer)
    text = json.dumps(schema)
    assert "$ref" not in text and "$defs" not in text
    assert schema["additionalProperties"] is False
    assert schema["required"] == ["title", "level", "tags", "inner"]
    assert schema["properties"]["level"] == {"enum": ["junior", "senior", None]}
    inner = schema["properties"]["inner"]
    assert inner["anyOf"][0]["additionalProperties"] is False
    assert inner["anyOf"][0]["required"] == ["score"]
    # Keywords strict modes refuse are left out (Pydantic still checks them).
    assert "maxItems" not in text and "default" not in text and "title" not in schema


class Choices(BaseModel):
    required: Literal["a", "b"]
    optional: Literal["a", "b"] | None = None
    one: Literal["only"] | None = None
    mixed: Literal["a"] | int | None = None
    nullable: str | None = None


def test_optional_choices_are_enums_that_list_null_with_no_type_list() -> None:
    """llama.cpp's grammar conversion reads a type list before an enum and would drop the values
    (salary-period ::= string | null): an optional choice is written as an enum alone."""
    properties = strict_json_schema(Choices)["properties"]
    assert properties["required"] == {"enum": ["a", "b"], "type": "string"}
    assert properties["optional"] == {"enum": ["a", "b", None]}
    assert properties["one"] == {"enum": ["only", None]}
    # A choice beside an unconstrained type cannot be one enum: the variants stay apart.
    assert [v.get("type") for v in properties["mixed"]["anyOf"]] == ["string", "integer", "null"]
    assert properties["nullable"] == {"type": ["string", "null"]}


# Every structured answer the engine asks for, by the schema name it sends.
ANSWERS: dict[str, dict[str, Any]] = {
    "job_extraction": HONEST,
    "rewritten_text": {"text": "Built things."},
    "rewritten_texts": {"texts": {"text_1": "Engineer.", "text_2": "Did."}},
    "evidence_scores": {"scores": {"candidate_1": 0.5}},
}


async def schemas_sent(llm_server: LLMServer, engine: LLMEngine) -> dict[str, dict[str, Any]]:
    """Runs every structured step of the engine against the test server; the schemas it sent."""

    def answer(request: Recorded) -> Reply:
        assert request.response_format is not None
        return Reply.json(ANSWERS[request.response_format["json_schema"]["name"]])

    llm_server.handler = answer
    ctx = CallContext()
    await engine.parse_job(POSTING, ctx=ctx)
    summary = EnhanceItem(id="1", kind="summary", text="Engineer.")
    await engine.enhance_texts([summary], {}, ctx=ctx)
    await engine.enhance_texts([summary, EnhanceItem(id="2", kind="bullet", text="Did.")], {}, ctx=ctx)
    await engine.rerank_evidence("Python", ["Wrote Python"], ctx=ctx)
    sent: dict[str, dict[str, Any]] = {}
    for request in llm_server.requests:
        assert request.response_format is not None and request.format_type == "json_schema"
        sent[request.response_format["json_schema"]["name"]] = request.response_format["json_schema"][
            "schema"
        ]
    assert set(sent) == set(ANSWERS)
    return sent


def nodes(schema: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(schema, dict):
        yield path or "(root)", schema
        for key, value in schema.items():
            yield from nodes(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for index, item in enumerate(schema):
            yield from nodes(item, f"{path}/{index}")


async def test_no_schema_sent_puts_an_enum_beside_a_type_list(
    llm_server: LLMServer, bare_engine: LLMEngine
) -> None:
    sent = await schemas_sent(llm_server, bare_engine)
    offending = [
        f"{name}{path}"
        for name, schema in sent.items()
        for path, node in nodes(schema)
        if ("enum" in node or "const" in node) and isinstance(node.get("type"), list)
    ]
    assert offending == []
    # The checks above are not vacuous: the job's optional choices are there, as enums.
    extraction = sent["job_extraction"]["properties"]
    assert extraction["salary_period"] == {"enum": ["year", "month", "week", "day", "hour", None]}
    assert extraction["remote"] == {"enum": ["Full", "Hybrid", "None", None]}


async def test_the_schemas_sent_keep_their_choices_in_llama_cpps_grammar(
    llm_server: LLMServer, bare_engine: LLMEngine
) -> None:
    """Through the conversion llama-cpp-python's server applies to a schema (where it is
    installed: it builds llama.cpp from source, so the suite does not depend on it)."""
    grammar = pytest.importorskip("llama_cpp.llama_grammar")
    for name, schema in (await schemas_sent(llm_server, bare_engine)).items():
        rules = dict(
            line.split(" ::= ", 1) for line in grammar.json_schema_to_gbnf(json.dumps(schema)).splitlines()
        )
        for prop, node in schema.get("properties", {}).items():
            if "enum" not in node:
                continue
            rule = rules[re.sub(r"[^a-zA-Z0-9-]+", "-", prop)]
            alternatives = {alternative.strip() for alternative in rule.split("|")}
            expected = {
                json.dumps(json.dumps(value)) if value is not None else '"null"' for value in node["enum"]
            }
            assert alternatives == expected, f"{name}.{prop}: {rule}"


async def test_invalid_json_then_valid_is_repaired_once_quoting_the_error(
    llm_server: LLMServer, llm_client: LLMClient
) -> None:
    llm_server.script(Reply('{"title": "Engineer", "tags": [1, 2'), Reply('{"title": "Engineer"}'))
    tally = Tally()
    result = await complete_structured(llm_client, REQUEST, Answer, tally=tally)
    assert result.value == Answer(title="Engineer")
    assert tally.calls == 2
    repair = llm_server.requests[1]
    # The bad answer is quoted back with what was wrong with it.
    assert repair.messages[-2] == {"role": "assistant", "content": '{"title": "Engineer", "tags": [1, 2'}
    assert "not complete" in repair.user
    assert "corrected JSON" in repair.user


async def test_a_schema_mismatch_is_repaired_naming_the_field(
    llm_server: LLMServer, llm_client: LLMClient
) -> None:
    llm_server.script(Reply('{"title": "Engineer", "level": "wizard"}'), Reply('{"title": "Engineer"}'))
    result = await complete_structured(llm_client, REQUEST, Answer, tally=Tally())
    assert result.value.title == "Engineer"
    assert "level" in llm_server.requests[1].user


async def test_invalid_twice_is_a_clear_503(llm_server: LLMServer, llm_client: LLMClient) -> None:
    llm_server.handler = lambda _: Reply("I'd rather write a poem.")
    tally = Tally()
    with pytest.raises(LLMInvalidOutput) as caught:
        await complete_structured(llm_client, REQUEST, Answer, tally=tally, label="job parsing")
    assert caught.value.status_code == 503
    assert "job parsing" in caught.value.message
    assert "after one repair attempt" in caught.value.message
    assert len(llm_server.requests) == 2
    # The tokens spent are still counted.
    assert tally.calls == 2 and tally.completion_tokens > 0


async def test_an_answer_cut_off_at_max_tokens_is_asked_again_with_more_room(
    llm_server: LLMServer, llm_client: LLMClient
) -> None:
    # A reasoning model may spend max_tokens thinking and return nothing at all.
    llm_server.script(Reply("", finish_reason="length"), Reply('{"title": "Engineer"}'))
    result = await complete_structured(llm_client, REQUEST, Answer, tally=Tally())
    assert result.value.title == "Engineer"
    first, second = llm_server.requests
    assert second.body["max_tokens"] == 2 * first.body["max_tokens"]
    assert "cut off" in second.user


async def test_an_extra_check_triggers_the_repair(llm_server: LLMServer, llm_client: LLMClient) -> None:
    llm_server.script(Reply('{"title": "x", "tags": ["a"]}'), Reply('{"title": "x", "tags": ["a", "b"]}'))

    def two_tags(answer: Answer) -> str | None:
        return None if len(answer.tags) == 2 else f"tags has {len(answer.tags)} items, expected 2"

    result = await complete_structured(llm_client, REQUEST, Answer, tally=Tally(), check=two_tags)
    assert result.value.tags == ["a", "b"]
    assert "tags has 1 items, expected 2" in llm_server.requests[1].user


async def test_the_schema_goes_in_the_prompt_when_the_server_does_not_enforce_it(
    llm_server: LLMServer, make_llm_client: ClientFactory
) -> None:
    llm_server.reject_json_schema = True
    llm_server.handler = lambda _: Reply('{"title": "Engineer"}')
    await complete_structured(make_llm_client(), REQUEST, Answer, tally=Tally())
    enforced, prompted = llm_server.requests
    assert "JSON schema" not in enforced.system
    assert "JSON schema" in prompted.system and '"title"' in prompted.system
