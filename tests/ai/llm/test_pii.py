"""PII stays home: the server never receives the person's details; the answers get them back."""

from __future__ import annotations

import re

import pytest

from jobwise.ai.engine import CallContext, EnhanceItem, Evidence, PersonalFacts
from jobwise.ai.llm.engine import LLMEngine
from jobwise.ai.pii import PLACEHOLDER_NOTE, Redactor
from tests.ai.llm.test_engine import letter_request
from tests.fakes.llm_server import LLMServer, Recorded, Reply, texts_to_rewrite

ANN = PersonalFacts(
    name="Ann Example",
    email="ann.example@mail.example",
    phone="+44 20 7946 0958",
    address="221B Baker Street, London NW1 6XE",
    urls=("https://www.linkedin.com/in/ann-example/", "https://github.com/annexample"),
)
CTX = CallContext(user_id=None, personal=ANN)

# Every form of Ann's details that must never leave the machine.
SECRETS_ANY_CASE = [
    "ann.example@mail.example",
    "linkedin.com/in/ann-example",
    "github.com/annexample",
    "baker street",
]
SECRETS_AS_WORDS = re.compile(r"\b(Ann|Example|EXAMPLE|7946|0958|221B)\b")


def assert_nothing_personal_was_sent(requests: list[Recorded]) -> None:
    assert requests
    for request in requests:
        for secret in SECRETS_ANY_CASE:
            assert secret not in request.raw.lower(), (secret, request.raw)
        found = SECRETS_AS_WORDS.search(request.raw)
        assert found is None, (found, request.raw)


def test_redaction_round_trips_the_usual_variants() -> None:
    redactor = Redactor(ANN)
    text = (
        "Ann Example, ANN.EXAMPLE@mail.example, +44 (20) 7946-0958 or 020 7946 0958, "
        "221B Baker Street, London NW1 6XE; linkedin.com/in/ann-example and "
        "http://github.com/annexample/. Ann wrote it. Example Ltd."
    )
    redacted = redactor.redact(text)
    assert not re.search(r"ann|example|7946|baker|github", redacted, re.IGNORECASE), redacted
    restored = redactor.restore(redacted)
    assert "Ann Example" in restored
    assert "ann.example@mail.example" in restored
    assert "+44 20 7946 0958" in restored
    assert "https://github.com/annexample" in restored


def test_ordinary_words_are_not_taken_for_a_name() -> None:
    redactor = Redactor(PersonalFacts(name="Will Mark"))
    assert redactor.redact("I will mark the tests. Will Mark signed.") == (
        "I will mark the tests. [[CANDIDATE_NAME]] signed."
    )


def test_a_model_that_changes_a_placeholders_case_still_gets_it_restored() -> None:
    redactor = Redactor(ANN)
    assert redactor.restore("Best, [[ candidate_name ]]") == "Best, Ann Example"
    assert redactor.restore("[[UNKNOWN_THING]] stays") == "[[UNKNOWN_THING]] stays"


def test_a_placeholder_a_small_model_misbracketed_is_restored_all_the_same() -> None:
    # SmolLM2 behind llama.cpp wrote "[CANDIDATE_NAME" at the end of a letter.
    redactor = Redactor(ANN)
    assert redactor.restore("Sincerely,\n[CANDIDATE_NAME") == "Sincerely,\nAnn Example"
    assert redactor.restore("Mail [EMAIL] or [[PHONE]") == "Mail ann.example@mail.example or +44 20 7946 0958"
    # Only the names handed out: other bracketed capitals are the model's own words.
    assert redactor.restore("[TODO] and [CANDIDATE_NAMES]") == "[TODO] and [CANDIDATE_NAMES]"


@pytest.mark.parametrize("size", [1, 2, 3, 5, 40])
def test_streamed_placeholders_are_restored_across_chunk_boundaries(size: int) -> None:
    redactor = Redactor(ANN)
    text = "Yours, [[CANDIDATE_NAME]] ([[EMAIL]]) [not a placeholder] [[ and a bracket [ [CANDIDATE_NAME"
    restorer = redactor.stream_restorer()
    out = "".join(restorer.feed(text[i : i + size]) for i in range(0, len(text), size)) + restorer.flush()
    assert out == redactor.restore(text)
    assert "Ann Example (ann.example@mail.example)" in out


async def test_a_cover_letter_never_sends_pii_and_gets_it_back(
    llm_server: LLMServer, bare_engine: LLMEngine
) -> None:
    llm_server.handler = lambda request: Reply(
        "Dear hiring team,\n\nI am [[CANDIDATE_NAME]]; reach me at [[EMAIL]] or [[PHONE]]. "
        "My work is at [[URL_2]].\n\n[[CANDIDATE_NAME]]"
    )
    request = letter_request(
        candidate_name="Ann Example",
        summary="Ann Example, based at 221B Baker Street, London NW1 6XE (+44 20 7946 0958).",
        evidence=[
            Evidence(
                text="Maintains github.com/annexample (email ann.example@mail.example)", source="Example Ltd"
            ),
            Evidence(text="Profile: https://www.linkedin.com/in/ann-example/", source="LinkedIn"),
        ],
    )
    draft = await bare_engine.write_cover_letter(request, ctx=CTX)
    assert_nothing_personal_was_sent(llm_server.requests)
    sent = llm_server.requests[0]
    assert "Candidate: [[CANDIDATE_NAME]]" in sent.user
    assert PLACEHOLDER_NOTE in sent.system
    assert draft.text == (
        "Dear hiring team,\n\nI am Ann Example; reach me at ann.example@mail.example or +44 20 7946 0958. "
        "My work is at https://github.com/annexample.\n\nAnn Example"
    )


async def test_a_streamed_letter_never_sends_pii_and_gets_it_back(
    llm_server: LLMServer, bare_engine: LLMEngine
) -> None:
    llm_server.script(Reply("Kind regards,\n[[CANDIDATE_NAME]] - [[EMAIL]]", chunk_size=3))
    chunks = [chunk async for chunk in bare_engine.stream_cover_letter(letter_request(), ctx=CTX)]
    assert_nothing_personal_was_sent(llm_server.requests)
    assert "".join(chunks) == "Kind regards,\nAnn Example - ann.example@mail.example"


async def test_details_at_the_start_of_a_line_stay_home_when_texts_go_together(
    llm_server: LLMServer, bare_engine: LLMEngine
) -> None:
    # In the JSON list a line break is the two characters \n: the details are replaced before.
    summary = EnhanceItem(
        id="1",
        kind="summary",
        text="Builds APIs.\nAnn Example leads the team.\n221B Baker Street, London NW1 6XE\n"
        "https://github.com/annexample",
    )
    bullet = EnhanceItem(id="2", kind="bullet", text="Example of a bullet.\nAnn wrote the guide.")
    llm_server.handler = lambda request: Reply.rewrites(request, lambda text: text)
    results = await bare_engine.enhance_texts([summary, bullet], {}, ctx=CTX)
    (sent,) = llm_server.requests
    assert not re.search(r"Ann|Example|Baker|annexample", sent.user), sent.user
    assert [result.text for result in results] == [summary.text, bullet.text]


async def test_enhancement_and_parsing_never_send_pii(llm_server: LLMServer, bare_engine: LLMEngine) -> None:
    def echo(request: Recorded) -> Reply:
        if texts_to_rewrite(request):
            return Reply.rewrites(request, lambda text: "Improved: " + text)
        return Reply.json({"title": "Engineer", "company": None})

    llm_server.handler = echo
    summary = EnhanceItem(id="1", kind="summary", text="Ann Example (ann.example@mail.example) builds APIs.")
    bullet = EnhanceItem(id="2", kind="bullet", text="Wrote the guide Ann Example signs off.")
    (alone,) = await bare_engine.enhance_texts([summary], {"signature": "Ann Example"}, ctx=CTX)
    together = await bare_engine.enhance_texts([summary, bullet], {}, ctx=CTX)
    await bare_engine.parse_job("Engineer wanted. Contact Ann Example at +44 20 7946 0958.", ctx=CTX)
    assert_nothing_personal_was_sent(llm_server.requests)
    assert alone.text == "Improved: Ann Example (ann.example@mail.example) builds APIs."
    assert [result.text for result in together] == [
        "Improved: Ann Example (ann.example@mail.example) builds APIs.",
        "Improved: Wrote the guide Ann Example signs off.",
    ]
