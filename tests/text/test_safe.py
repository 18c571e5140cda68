"""The text rule: which characters no stored text may hold, where they are, and removing them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from jobwise.text.safe import MAX_JSON_DEPTH, json_problem, strip_unsafe, strip_unsafe_in, text_problem

REFUSED = [
    ("\x00", "a NUL character (U+0000)"),
    ("\x01", "the control character U+0001"),
    ("\x08", "the control character U+0008"),
    ("\x0b", "the control character U+000B"),
    ("\x0c", "the control character U+000C"),
    ("\x1f", "the control character U+001F"),
    ("\ud800", "a lone surrogate (U+D800)"),
    ("\udfff", "a lone surrogate (U+DFFF)"),
    ("\ufffe", "the non-character U+FFFE"),
    ("\uffff", "the non-character U+FFFF"),
]


@pytest.mark.parametrize(("char", "named"), REFUSED)
def test_each_refused_character_is_named_with_its_position(char: str, named: str) -> None:
    problem = text_problem(f"ab{char}c")
    assert problem is not None and named in problem and "at character 3" in problem
    assert text_problem(f"ab{char}c", single_line=True) == problem


def test_tab_line_feed_and_carriage_return_are_text() -> None:
    assert text_problem("one\ttwo\nthree\r\nfour") is None


@pytest.mark.parametrize("char", ["\n", "\r"])
def test_one_line_text_refuses_line_breaks_but_not_tabs(char: str) -> None:
    problem = text_problem(f"a{char}b", single_line=True)
    assert problem is not None and "line break" in problem
    assert text_problem("a\tb", single_line=True) is None


def test_unicode_text_beyond_the_basic_plane_is_text() -> None:
    text = "Zoë Ødegård — 履歴書 😀 \u00a0\u200b\u007f\u0085"  # DEL and C1 controls are valid XML
    assert text_problem(text) is None and strip_unsafe(text) == text


def test_a_json_problem_names_the_path_in_lists_dicts_and_keys() -> None:
    assert json_problem({"a": [1, "ok", {"b": "x\x00"}]}) == (
        ("a", 2, "b"),
        "must not contain a NUL character (U+0000) (at character 2)",
    )
    where, problem = json_problem({"ok": 1, "bad\x01": "fine"}) or ((), "")
    assert where == ("bad\x01",) and problem.startswith("keys must not contain the control character U+0001")
    assert json_problem({"a": ["x", "y"], "b": {"c": None, "d": 2.5}}) is None


def test_the_first_problem_in_reading_order_is_reported() -> None:
    found = json_problem(["fine", "first\x00", "second\x00"])
    assert found is not None and found[0] == (1,)


def test_json_nested_too_deeply_is_a_problem() -> None:
    value: object = "leaf"
    for _ in range(MAX_JSON_DEPTH + 5):
        value = [value]
    found = json_problem(value)
    assert found is not None
    assert found[0] == (0,) * (MAX_JSON_DEPTH + 1) and "nested more than" in found[1]


def test_stripping_removes_exactly_the_refused_characters() -> None:
    text = "".join(f"{char}x" for char, _ in REFUSED) + "\tkept\nand\r\n"
    assert strip_unsafe(text) == "x" * len(REFUSED) + "\tkept\nand\r\n"


@dataclass(frozen=True)
class _Leaf:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class _Tree:
    title: str
    leaves: tuple[_Leaf, ...]
    extra: dict[str, list[str]]


def test_stripping_a_structure_copies_every_string_in_it() -> None:
    tree = _Tree("T\x00", (_Leaf("a\ud800", bold=True), _Leaf("b")), {"k\x01": ["v\ufffe"]})
    assert strip_unsafe_in(tree) == _Tree("T", (_Leaf("a", bold=True), _Leaf("b")), {"k": ["v"]})
