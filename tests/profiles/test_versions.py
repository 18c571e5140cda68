"""Bullets <-> description, staleness, and which version a document uses."""

from __future__ import annotations

import pytest

from jobwise.profiles.versions import is_stale, join_bullets, optional_bullets, split_bullets, uses_enhanced


@pytest.mark.parametrize("bullets", [[], [""], ["one"], ["one", "two"], ["", "after an empty one"]])
def test_bullets_and_description_convert_without_loss(bullets: list[str]) -> None:
    assert split_bullets(join_bullets(bullets)) == bullets


def test_no_description_is_no_bullets_but_no_enhanced_text_is_none() -> None:
    assert join_bullets([]) is None
    assert split_bullets(None) == []
    assert optional_bullets(None) is None


def test_enhanced_text_is_stale_when_its_source_is_not_the_current_original() -> None:
    assert not is_stale(None, None, "original")
    assert not is_stale("better", "original", "original")
    assert is_stale("better", "original", "edited")
    assert is_stale("better", None, "original")  # made before sources were recorded: unknown


def test_documents_use_enhanced_text_only_when_chosen_and_fresh() -> None:
    assert uses_enhanced("orig", "better", "orig", use_enhanced=True)
    assert not uses_enhanced("orig", "better", "orig", use_enhanced=False)
    assert not uses_enhanced("edited", "better", "orig", use_enhanced=True)
    assert not uses_enhanced("orig", None, None, use_enhanced=True)
