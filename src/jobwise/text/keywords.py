"""Deterministic skill and keyword extraction, shared by every engine.

Keywords are canonical skill names from the vocabulary (text/vocabulary/), so "Postgres" in a job
posting and "PostgreSQL" in a profile meet as one keyword. An LLM may suggest more terms;
merge_keywords puts them behind the deterministic ones and canonicalises what it can.
"""

from __future__ import annotations

import re
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


# A job title names its trade by its role noun: a "Project Manager" does project management, a "Payroll
# Officer" payroll, an "Accounts Payable Clerk" accounts payable. The noun of the doer becomes the noun of
# the work, and the words before it are looked up as they stand.
_ROLE_ACTIVITY = {
    "manager": "management",
    "developer": "development",
    "administrator": "administration",
    "designer": "design",
    "engineer": "engineering",
    "coordinator": "coordination",
    "planner": "planning",
    "consultant": "consulting",
    "researcher": "research",
    "writer": "writing",
    "editor": "editing",
    "tester": "testing",
    "trainer": "training",
    "auditor": "auditing",
    "recruiter": "recruitment",
}
_ROLE_NOUNS = (
    *_ROLE_ACTIVITY,
    "officer",
    "clerk",
    "advisor",
    "adviser",
    "representative",
    "executive",
    "assistant",
    "associate",
    "specialist",
    "technician",
    "operative",
    "supervisor",
    "lead",
    "agent",
    "instructor",
    "worker",
)
_ROLE = re.compile(r"\b(" + "|".join(_ROLE_NOUNS) + r")s?\b", re.IGNORECASE)
# The words a role noun takes as its trade: those before it in the same part of the title ("Senior Payroll
# Officer (Maternity Cover) - Leeds": "Senior Payroll").
_TITLE_PART = re.compile(r"[^,;:|/()\[\]–—-]+")
_MODIFIER_WORDS = 4


def title_skills(title: str, *, vocabulary: Vocabulary | None = None) -> list[Skill]:
    """The skills a job title names through its role noun, beyond those its words name as they stand:
    "Project Manager" is Project management, "Sales Advisor" Sales (a skill whose name is too common a
    word to be found in prose). A discipline of the work (the vocabulary's `aim`: "Data Engineer" is not
    asked to know data engineering as a skill) and personal traits are left out."""
    vocab = vocabulary or get_vocabulary()
    already = {found.skill.name for found in vocab.find(title)}
    named: list[Skill] = []

    def add(skill: Skill | None) -> None:
        if (
            skill is not None
            and skill.name not in already
            and not skill.is_soft
            and not vocab.is_aim(skill)
            and skill not in named
        ):
            named.append(skill)

    for part in _TITLE_PART.finditer(title):
        text = part.group()
        for role in _ROLE.finditer(text):
            words = text[: role.start()].split()[-_MODIFIER_WORDS:]
            if not words:
                continue
            activity = _ROLE_ACTIVITY.get(role.group(1).casefold())
            for first in range(len(words)):
                span = " ".join(words[first:])
                if activity is not None:
                    for found in vocab.find(f"{span} {activity}"):
                        if found.start == 0 and found.end == len(span) + 1 + len(activity):
                            add(found.skill)
                for last in range(first + 1, len(words) + 1):
                    # Only a name that is no form of its own ("Sales"): a name that is one was found, or
                    # rejected in its context ("Teaching Assistant"), by the title's own words.
                    words_span = " ".join(words[first:last])
                    skill = vocab.get(words_span)
                    if skill is not None and not any(f.skill == skill for f in vocab.find(words_span)):
                        add(skill)
    return named


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
