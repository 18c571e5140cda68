"""Deterministic skill and keyword extraction, shared by every engine.

Keywords are canonical skill names from the vocabulary (text/vocabulary/), so "Postgres" in a job
posting and "PostgreSQL" in a profile meet as one keyword. An LLM may suggest more terms;
merge_keywords puts them behind the deterministic ones and canonicalises what it can.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from jobwise.text.vocabulary import Skill, SkillMatch, Vocabulary, get_vocabulary

DEFAULT_LIMIT = 40


@dataclass(frozen=True)
class RankedSkill:
    skill: Skill
    count: int
    first: int
    score: float


def rank_skills(
    text: str,
    *,
    emphasis: Iterable[str] = (),
    vocabulary: Vocabulary | None = None,
    keep: Callable[[str, SkillMatch], bool] | None = None,
) -> list[RankedSkill]:
    """Skills in `text`, most important first.

    A mention counts 1, a mention inside one of the `emphasis` texts (a posting's requirements)
    counts 2 more; soft skills go after everything else, ties keep the order of first mention.
    `keep(text, mention)`, when given, decides which mentions count at all.
    """
    vocab = vocabulary or get_vocabulary()
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    skills: dict[str, Skill] = {}
    for found in vocab.find(text):
        if keep is not None and not keep(text, found):
            continue
        name = found.skill.name
        skills[name] = found.skill
        counts[name] = counts.get(name, 0) + 1
        first.setdefault(name, found.start)
    boost: dict[str, int] = {}
    for part in emphasis:
        for found in vocab.find(part):
            if keep is not None and not keep(part, found):
                continue
            name = found.skill.name
            skills.setdefault(name, found.skill)
            counts.setdefault(name, 0)
            first.setdefault(name, len(text))
            boost[name] = boost.get(name, 0) + 2
    ranked = [
        RankedSkill(skills[name], counts[name], first[name], float(counts[name] + boost.get(name, 0)))
        for name in skills
    ]
    ranked.sort(key=lambda r: (r.skill.is_soft, -r.score, r.first))
    return ranked


def extract_keywords(
    text: str,
    *,
    emphasis: Iterable[str] = (),
    limit: int = DEFAULT_LIMIT,
    include_soft: bool = True,
    vocabulary: Vocabulary | None = None,
    keep: Callable[[str, SkillMatch], bool] | None = None,
) -> list[str]:
    """Canonical skill names found in the text, most important first (see rank_skills)."""
    ranked = rank_skills(text, emphasis=emphasis, vocabulary=vocabulary, keep=keep)
    names = [r.skill.name for r in ranked if include_soft or not r.skill.is_soft]
    return names[:limit]


def canonical_keyword(term: str, *, vocabulary: Vocabulary | None = None) -> str:
    """The vocabulary's name for a term ("k8s" -> "Kubernetes"), or the term itself, tidied."""
    vocab = vocabulary or get_vocabulary()
    tidy = " ".join(term.split()).strip(" .,;:")
    skill = vocab.canonical(tidy)
    return skill.name if skill is not None else tidy


def merge_keywords(
    deterministic: Sequence[str],
    extra: Iterable[str],
    *,
    limit: int = DEFAULT_LIMIT,
    vocabulary: Vocabulary | None = None,
) -> list[str]:
    """Deterministic keywords first, then extra terms (an LLM's) not already there, deduplicated
    case-insensitively after canonicalisation."""
    merged: list[str] = []
    seen: set[str] = set()
    for term in [*deterministic, *extra]:
        name = canonical_keyword(term, vocabulary=vocabulary)
        key = name.casefold()
        if name and key not in seen and len(name) <= 100:
            seen.add(key)
            merged.append(name)
    return merged[:limit]
