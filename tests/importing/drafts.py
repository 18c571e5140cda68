"""What the importer's tests compare in a draft: its work and education entries as tuples."""

from __future__ import annotations

from typing import Any


def roles(document: dict[str, Any]) -> list[tuple[Any, ...]]:
    """(employer, title, start, end, bullet count) per work entry."""
    return [
        (
            item.get("name"),
            item.get("position"),
            item.get("startDate"),
            item.get("endDate"),
            len(item.get("highlights") or []),
        )
        for item in document.get("work") or []
    ]
