"""The characters no text JobWise stores or writes may hold, found (to refuse) or removed.

One rule, for every database and every file format:
- NUL: PostgreSQL cannot store it in text or JSONB.
- Other C0 control characters (tab, line feed and carriage return excepted): XML 1.0 forbids them,
  so a DOCX holding one cannot be written; no person types them.
- Lone surrogates (U+D800-U+DFFF, which a JSON "\\ud800" escape decodes to): not Unicode text at
  all, so no UTF-8 encoder (the database drivers, Typst) can take them.
- The non-characters U+FFFE and U+FFFF: also outside XML 1.0.
What remains is exactly the text XML 1.0 can hold, so text that passes is storable and renderable.

Input is refused (the client can fix it and is told where); text we did not type ourselves (a
PDF's extracted text, data stored before this rule) has the characters removed instead.
"""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar

# Tab (U+0009), line feed (U+000A) and carriage return (U+000D) stay allowed in text.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# One-line text (names, titles, ids, path and query values) refuses line breaks too.
_UNSAFE_ONE_LINE = re.compile(r"[\x00-\x08\x0a-\x1f\ud800-\udfff\ufffe\uffff]")

# Nesting of free-form JSON (custom fields, JSON Resume documents): deeper is refused, so
# nothing that walks a stored value recursively meets an unbounded depth.
MAX_JSON_DEPTH = 32

T = TypeVar("T")
JsonPath = tuple[str | int, ...]


def _describe(char: str) -> str:
    code = ord(char)
    name = f"U+{code:04X}"
    if code == 0:
        return f"a NUL character ({name})"
    if char in "\n\r":
        return f"a line break ({name}): it is one line"
    if code < 0x20:
        return f"the control character {name}"
    if 0xD800 <= code <= 0xDFFF:
        return f"a lone surrogate ({name}), which is not a Unicode character"
    return f"the non-character {name}"


def text_problem(text: str, *, single_line: bool = False) -> str | None:
    """What is wrong with `text` ("must not contain ..."), or None when it may be stored."""
    found = (_UNSAFE_ONE_LINE if single_line else _UNSAFE).search(text)
    if found is None:
        return None
    return f"must not contain {_describe(found.group())} (at character {found.start() + 1})"


def json_problem(value: object, *, max_depth: int = MAX_JSON_DEPTH) -> tuple[JsonPath, str] | None:
    """The first string (or key) in a JSON-like value that breaks the rule, and where it is.

    Lists, tuples and dicts are walked; anything else (numbers, validated models) is left alone.
    """
    stack: list[tuple[JsonPath, object]] = [((), value)]
    while stack:
        path, item = stack.pop()
        if len(path) > max_depth:
            return path, f"must not be nested more than {max_depth} levels deep"
        if isinstance(item, str):
            problem = text_problem(item)
            if problem:
                return path, problem
        elif isinstance(item, dict | list | tuple):
            children = list(item.items() if isinstance(item, dict) else enumerate(item))
            for key, _child in children:
                if isinstance(key, str) and (problem := text_problem(key)):
                    return (*path, key), f"keys {problem}"
            # Reversed onto the stack, so the first problem in reading order is the one found.
            stack.extend(((*path, key), child) for key, child in reversed(children))
    return None


def strip_unsafe(text: str) -> str:
    """`text` without the characters the rule refuses (tab, line feed and carriage return kept)."""
    return _UNSAFE.sub("", text)


def strip_unsafe_in(value: T) -> T:
    """A copy of a value with every string in it stripped: strings, tuples, lists, dicts and
    (frozen) dataclasses, for text that was stored before the rule existed."""
    return _strip(value)  # type: ignore[no-any-return]


def _strip(value: Any) -> Any:
    if isinstance(value, str):
        return strip_unsafe(value)
    if isinstance(value, tuple | list):
        return type(value)(_strip(item) for item in value)
    if isinstance(value, dict):
        return {_strip(key): _strip(item) for key, item in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _strip(getattr(value, f.name)) for f in fields(value) if f.init})
    return value
