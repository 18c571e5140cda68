"""Bullets and the three versions of a text (original, enhanced, previous enhanced).

The seed stores an item's bullets as one newline-separated description; the API speaks in lists.
A bullet never contains a line break (the schemas refuse one), so the two forms convert both ways
without loss: None is no bullets, and every string is at least one bullet.
"""

from __future__ import annotations

from collections.abc import Sequence


def join_bullets(bullets: Sequence[str]) -> str | None:
    return "\n".join(bullets) if bullets else None


def split_bullets(text: str | None) -> list[str]:
    return [] if text is None else text.split("\n")


def optional_bullets(text: str | None) -> list[str] | None:
    """For enhanced versions, where None (never enhanced) differs from no bullets."""
    return None if text is None else text.split("\n")


def is_stale(enhanced: str | None, source: str | None, original: str | None) -> bool:
    """Enhanced text is stale when the original it was made from is no longer the current one."""
    return enhanced is not None and source != original


def uses_enhanced(original: str | None, enhanced: str | None, source: str | None, use_enhanced: bool) -> bool:
    """A document uses the enhanced text when it is chosen and was made from the current original;
    otherwise the original, so stale enhanced text is never used silently."""
    return bool(use_enhanced and enhanced and not is_stale(enhanced, source, original))
