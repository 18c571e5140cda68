"""Structured output: the strict schema, lenient parsing, one repair attempt, then a clear failure."""

from __future__ import annotations

import json
from typing import Literal

import pytest
from pydantic import BaseModel, Field

from jobwise.ai.errors import LLMInvalidOutput
from jobwise.ai.llm.client import ChatMessage, ChatRequest, LLMClient
from jobwise.ai.llm.structured import (
    JsonParseError,
    Tally,
    complete_structured,
    parse_json_lenient,
    strict_json_schema,
)
from tests.ai.llm.conftest import ClientFactory
from tests.fakes.llm_server import LLMServer, Reply


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
    assert schema["properties"]["level"] == {"type": ["string", "null"], "enum": ["junior", "senior", None]}
    inner = schema["properties"]["inner"]
    assert inner["anyOf"][0]["additionalProperties"] is False
    assert inner["anyOf"][0]["required"] == ["score"]
    # Keywords strict modes refuse are left out (Pydantic still checks them).
    assert "maxItems" not in text and "default" not in text and "title" not in schema


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
