"""Explainable relevance of a profile to a job: pure functions, no database, no AI.

Every score is in 0–1 and is stored with its parts, so a person can see why a bullet ranks where
it does instead of trusting one opaque number:

- **lexical**: BM25 (rank-bm25) of the bullet against each requirement of the job, divided by
  the score of an ideal bullet that holds every term of that requirement once. It reads as "the
  share of the requirement's (rarity-weighted) words this bullet uses"; a bullet's lexical part is
  its best requirement.
- **skills**: the job's keywords the text names, by any form the shared skills vocabulary knows
  (JS = JavaScript, k8s = Kubernetes); three keywords make a full match.
- **recency**: 1 for a current role, halving every five years since an item ended.
- **llm** (only when an LLM engine reranked the top bullets): the engine's judgement, stored as
  one more part with its own weight.

The requirement-coverage matrix says, for every requirement and keyword of the job, whether the
profile shows it (evidenced), only claims it or half-matches it (partial), or lacks it (missing),
and which bullets are the evidence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Literal, NamedTuple, Protocol

import snowballstemmer
from rank_bm25 import BM25Okapi

from jobwise.models.ranking_data import (
    ENTRY_KINDS,
    BulletRow,
    Coverage,
    Evidence,
    ItemKind,
    ItemRow,
    KeywordRow,
    RankingData,
    RequirementRow,
    SkillRow,
    Status,
)
from jobwise.text.vocabulary import Skill, get_vocabulary

# 2: volunteering, certificates, awards and publications ranked; a role's summary scored.
SCORING_VERSION = 2
# A role's summary is scored like a bullet (it can evidence a requirement) but is not one of the
# bullets a document shows: it has this index.
SUMMARY_INDEX = -1

WEIGHTS: dict[str, float] = {"lexical": 0.5, "skills": 0.35, "recency": 0.15}
# When the LLM reranks, its judgement takes this share and the deterministic score the rest.
LLM_WEIGHT = 0.3
# Keywords a bullet must name for a full skills part.
FULL_SKILL_MATCH = 3
RECENCY_HALF_LIFE_YEARS = 5.0
UNDATED_RECENCY = 0.5
# Requirement match thresholds (lexical and skills only: recency is no evidence).
EVIDENCED = 0.45
PARTIAL = 0.2
EVIDENCE_PER_ROW = 3

TextVersion = Literal["original", "enhanced"]

# Words that carry no evidence in a posting ("5+ years of strong experience with ...").
_STOPWORD_TEXT = """
    a about above after again all also am an and any are as at be been being both but by can could
    did do does doing done during each either etc few for from further had has have having he her here
    his how i if in into is it its just like may me might more most must my no nor not of off on once
    only or other our ours out over own per plus preferred same she should so some such than that the
    their them then there these they this those through to too under until up upon us very via was we
    were what when where which while who whom why will with within without would you your yours
    ability able excellent experience experienced familiarity familiar good great knowledge
    proficiency proficient required requirement requirements responsibilities skill skills solid
    strong understanding working work year years yrs nice bonus ideally including include etc
    candidate role team teams using use used"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#]*(?:[.\-/][a-z0-9+#]+)*")


# Past tenses a stemmer cannot reduce, common in resume bullets ("built", "ran", "led").
_IRREGULAR = {
    "built": "build",
    "ran": "run",
    "led": "lead",
    "wrote": "write",
    "written": "write",
    "made": "make",
    "grew": "grow",
    "grown": "grow",
    "drove": "drive",
    "driven": "drive",
    "taught": "teach",
    "brought": "bring",
    "began": "begin",
    "begun": "begin",
    "sold": "sell",
    "held": "hold",
    "won": "win",
    "chose": "choose",
    "chosen": "choose",
    "shipped": "ship",
    "spoke": "speak",
    "thought": "think",
    "understood": "understand",
    "kept": "keep",
    "met": "meet",
    "set": "set",
    "cut": "cut",
    "rewrote": "rewrite",
    "rebuilt": "rebuild",
    "oversaw": "oversee",
}
_STEMMER = snowballstemmer.stemmer("english")


@lru_cache(maxsize=65_536)
def _stem(token: str) -> str:
    # Snowball (Porter2) on plain words, so "APIs"/"API" and "operated"/"operate" meet; terms
    # with symbols ("c++", "node.js", "ci/cd") are kept whole.
    if not token.isalpha():
        return token
    return str(_STEMMER.stemWord(_IRREGULAR.get(token, token)))


def tokens(text: str) -> list[str]:
    return [_stem(token) for token in _TOKEN.findall(text.lower()) if token not in _STOPWORDS]


# --- keyword matching -----------------------------------------------------------------------


class SkillVocabulary(Protocol):
    """The shared skills vocabulary (jobwise.text.vocabulary): aliases, exact forms, context rules."""

    def canonical(self, term: str) -> Skill | None: ...

    def skills_in(self, text: str) -> list[Skill]: ...


def _normalise(term: str) -> str:
    return " ".join(term.casefold().split())


def _literal_pattern(form: str) -> str:
    # Boundaries that also work around symbols ("c++", ".net", "ci/cd"); a plural "s" on a word
    # form still matches ("APIs").
    body = r"[\s\-]+".join(re.escape(part) for part in form.split())
    plural = "s?" if form[-1].isalpha() else ""
    return rf"(?<![\w+#.]){body}{plural}(?![\w+#]|\.\w)"


class KeywordMatcher:
    """Finds which of a job's keywords a text names, by any surface form of the same skill.

    A keyword the vocabulary knows matches every form of its skill ("k8s" for "Kubernetes",
    "Postgres" for "PostgreSQL"), with the vocabulary's rules for ambiguous words ("Go", "Rust");
    any other keyword matches as written, case-insensitively.
    """

    def __init__(self, keywords: Iterable[str], vocabulary: SkillVocabulary | None = None) -> None:
        self.vocabulary = vocabulary if vocabulary is not None else get_vocabulary()
        self.keywords: list[str] = []
        self._by_skill: dict[str, str] = {}
        literal: list[str] = []
        self._literal_index: dict[str, str] = {}
        seen: set[str] = set()
        for raw in keywords:
            keyword = raw.strip()
            key = _normalise(keyword)
            if not key:
                continue
            skill = self.vocabulary.canonical(keyword)
            identity = f"skill:{skill.name}" if skill else key
            if identity in seen:
                continue
            seen.add(identity)
            self.keywords.append(keyword)
            if skill is not None:
                self._by_skill[skill.name] = keyword
            else:
                group = f"k{len(literal)}"
                literal.append(f"(?P<{group}>{_literal_pattern(key)})")
                self._literal_index[group] = keyword
        self._literal = re.compile("|".join(literal), re.IGNORECASE) if literal else None

    def scan(self, text: str | None) -> tuple[set[str], set[str]]:
        """The job's keywords the text names, and every vocabulary skill it names (one pass)."""
        if not text:
            return set(), set()
        skills = {skill.name for skill in self.vocabulary.skills_in(text)}
        found = {self._by_skill[name] for name in skills if name in self._by_skill}
        if self._literal is not None:
            found |= {self._literal_index[m.lastgroup] for m in self._literal.finditer(text) if m.lastgroup}
        return found, skills

    def find(self, text: str | None) -> set[str]:
        return self.scan(text)[0]

    def ordered(self, found: set[str]) -> list[str]:
        """Found keywords in the job's own order, so output is stable."""
        return [keyword for keyword in self.keywords if keyword in found]


# --- inputs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemInput:
    """An experience or project as it would appear in a document (the chosen text version)."""

    id: str
    kind: ItemKind
    title: str
    organization: str | None
    start_date: str | None
    end_date: str | None
    is_current: bool
    bullets: tuple[str, ...]
    technologies: tuple[str, ...] = ()
    version: TextVersion = "original"
    # A role's summary (JSON Resume work.summary): scored, shown by no bullet row.
    summary: str | None = None


@dataclass(frozen=True)
class JobInput:
    title: str
    requirements: tuple[str, ...]
    keywords: tuple[str, ...]
    description: str | None = None


@dataclass(frozen=True)
class ProfileInput:
    items: tuple[ItemInput, ...]
    skills: tuple[str, ...] = ()
    summary: str | None = None


@dataclass
class _Bullet:
    item: ItemInput
    index: int
    text: str
    tokens: list[str]
    keywords: set[str]
    # Every vocabulary skill the bullet names, asked for by the job or not.
    skills: set[str]
    lexical_by_requirement: list[float] = field(default_factory=list)


# --- parts ----------------------------------------------------------------------------------


def _with_keywords(words: list[str], found: set[str]) -> list[str]:
    # "k8s" in a bullet and "Kubernetes" in a requirement are the same word to BM25 too.
    present = set(words)
    return words + [word for keyword in sorted(found) for word in tokens(keyword) if word not in present]


def _parse_partial_date(value: str | None) -> date | None:
    if not value:
        return None
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if match is None:
        return None
    month = int(match.group(2) or 12)
    return date(int(match.group(1)), min(max(month, 1), 12), 1)


def recency(item: ItemInput, today: date) -> float:
    if item.is_current:
        return 1.0
    ended = _parse_partial_date(item.end_date) or _parse_partial_date(item.start_date)
    if ended is None:
        return UNDATED_RECENCY
    years = max(0.0, (today - ended).days / 365.25)
    return round(float(0.5 ** (years / RECENCY_HALF_LIFE_YEARS)), 4)


def skill_part(found: int) -> float:
    return min(1.0, found / FULL_SKILL_MATCH)


def _weighted(parts: dict[str, float], weights: dict[str, float]) -> float:
    total = sum(weights[name] for name in parts)
    return round(sum(parts[name] * weights[name] for name in parts) / total, 4) if total else 0.0


class _Lexical:
    """BM25 over the profile's bullets, normalised per query by an ideal bullet's score."""

    def __init__(self, documents: list[list[str]]) -> None:
        # rank-bm25 divides by the corpus size; an empty corpus has nothing to score.
        self._bm25 = BM25Okapi(documents) if documents and any(documents) else None
        self._size = len(documents)
        idf = self._bm25.idf if self._bm25 else {}
        self._idf: dict[str, float] = dict(idf)
        # A word no bullet uses is as rare as the rarest word the profile has.
        self._unseen_idf = max(self._idf.values(), default=1.0)

    def scores(self, query: Sequence[str]) -> list[float]:
        terms = list(dict.fromkeys(query))
        if self._bm25 is None or not terms:
            return [0.0] * self._size
        ideal = sum(self._idf.get(term, self._unseen_idf) for term in terms)
        raw = self._bm25.get_scores(terms)
        return [round(min(1.0, max(0.0, float(score) / ideal)), 4) if ideal > 0 else 0.0 for score in raw]


# --- the ranking ----------------------------------------------------------------------------


def _bullet_row(bullet: _Bullet, parts: dict[str, float], score: float, matcher: KeywordMatcher) -> BulletRow:
    return {
        "index": bullet.index,
        "text": bullet.text,
        "version": bullet.item.version,
        "score": score,
        "parts": parts,
        "matched_keywords": matcher.ordered(bullet.keywords),
    }


def _evidence(bullet: _Bullet, score: float) -> Evidence:
    return {
        "item_id": bullet.item.id,
        "kind": bullet.item.kind,
        "source": _source(bullet.item),
        "bullet_index": bullet.index,
        "text": bullet.text,
        "score": score,
    }


def _source(item: ItemInput) -> str:
    return f"{item.title} at {item.organization}" if item.organization else item.title


def _status(match: float) -> Status:
    return "evidenced" if match >= EVIDENCED else "partial" if match >= PARTIAL else "missing"


@dataclass
class _Scored:
    """The shared state of one ranking run."""

    job: JobInput
    profile: ProfileInput
    matcher: KeywordMatcher
    bullets: list[_Bullet]
    # (item id, bullet index) -> (score, parts)
    bullet_scores: dict[tuple[str, int], tuple[float, dict[str, float]]]

    def score_of(self, bullet: _Bullet) -> float:
        return self.bullet_scores[(bullet.item.id, bullet.index)][0]


def rank(
    job: JobInput, profile: ProfileInput, *, today: date, vocabulary: SkillVocabulary | None = None
) -> RankingData:
    """The whole ranking as JSON-ready data (stored as ranking_data)."""
    matcher = KeywordMatcher(job.keywords, vocabulary)
    requirements = [requirement for requirement in job.requirements if requirement.strip()]
    if requirements:
        queries = [_with_keywords(tokens(text), matcher.find(text)) for text in requirements]
    else:
        # Without listed requirements the posting's title and description are the one query.
        queries = [tokens(" ".join(filter(None, [job.title, job.description, *job.keywords])))]

    bullets = []
    for item in profile.items:
        texts = [*([(SUMMARY_INDEX, item.summary)] if item.summary else []), *enumerate(item.bullets)]
        for index, text in texts:
            if text.strip():
                found, skills = matcher.scan(text)
                bullets.append(_Bullet(item, index, text, _with_keywords(tokens(text), found), found, skills))
    lexical = _Lexical([bullet.tokens for bullet in bullets])
    for query in queries:
        for bullet, value in zip(bullets, lexical.scores(query), strict=True):
            bullet.lexical_by_requirement.append(value)

    # A bullet: its best requirement, the keywords it names, how recent its item is.
    bullet_scores: dict[tuple[str, int], tuple[float, dict[str, float]]] = {}
    for bullet in bullets:
        parts = {
            "lexical": max(bullet.lexical_by_requirement, default=0.0),
            "skills": round(skill_part(len(bullet.keywords)), 4),
            "recency": recency(bullet.item, today),
        }
        bullet_scores[(bullet.item.id, bullet.index)] = (_weighted(parts, WEIGHTS), parts)

    run = _Scored(job, profile, matcher, bullets, bullet_scores)
    items = _rank_items(run, today)
    keyword_rows = _keyword_rows(run)
    return {
        "version": SCORING_VERSION,
        "weights": {**WEIGHTS, "llm": LLM_WEIGHT},
        "thresholds": {"evidenced": EVIDENCED, "partial": PARTIAL},
        "experiences": items["experience"],
        "projects": items["project"],
        "entries": sorted(
            (row for kind in ENTRY_KINDS for row in items[kind]), key=lambda row: (-row["score"], row["id"])
        ),
        "skills": _rank_skills(run, items),
        "requirements": _requirement_rows(run, requirements),
        "keywords": keyword_rows,
        "keyword_coverage": coverage(keyword_rows),
        "llm_reranked": False,
    }


def _rank_items(run: _Scored, today: date) -> dict[ItemKind, list[ItemRow]]:
    """An item: its two best bullets (or its title against the job's), the keywords anywhere in
    it, its recency."""
    out: dict[ItemKind, list[ItemRow]] = {kind: [] for kind in ("experience", "project", *ENTRY_KINDS)}
    title_terms = set(tokens(run.job.title))
    wanted = len(run.matcher.keywords)
    for item in run.profile.items:
        own = [bullet for bullet in run.bullets if bullet.item.id == item.id]
        rows = []
        for bullet in own:
            if bullet.index == SUMMARY_INDEX:
                continue  # scored below and as evidence, but not a bullet a document shows
            score, parts = run.bullet_scores[(item.id, bullet.index)]
            rows.append(_bullet_row(bullet, parts, score, run.matcher))
        rows.sort(key=lambda row: (-row["score"], row["index"]))
        found = run.matcher.find(" ".join([item.title, *item.technologies]))
        found |= {keyword for bullet in own for keyword in bullet.keywords}
        best = sorted((run.bullet_scores[(item.id, b.index)][1]["lexical"] for b in own), reverse=True)[:2]
        title_match = len(title_terms & set(tokens(item.title))) / len(title_terms) if title_terms else 0.0
        parts = {
            "lexical": round(max(sum(best) / len(best) if best else 0.0, title_match), 4),
            # Five of the job's keywords make a full match for a whole item.
            "skills": round(min(1.0, len(found) / min(5, wanted)), 4) if wanted else 0.0,
            "recency": recency(item, today),
        }
        out[item.kind].append(
            {
                "id": item.id,
                "kind": item.kind,
                "title": item.title,
                "organization": item.organization,
                "version": item.version,
                "score": _weighted(parts, WEIGHTS),
                "parts": parts,
                "matched_keywords": run.matcher.ordered(found),
                "bullets": rows,
            }
        )
    for rows_of_kind in out.values():
        rows_of_kind.sort(key=lambda row: (-row["score"], row["id"]))
    return out


def _requirement_rows(run: _Scored, requirements: list[str]) -> list[RequirementRow]:
    """The requirement-coverage matrix: how well the best bullets show each requirement."""
    # Skills a person lists, or lists on an item, without a bullet showing them.
    claimed = run.matcher.find(
        " ".join([*run.profile.skills, *(t for item in run.profile.items for t in item.technologies)])
    )
    rows: list[RequirementRow] = []
    for position, requirement in enumerate(requirements):
        wanted = run.matcher.find(requirement)
        candidates: list[tuple[float, _Bullet]] = []
        for bullet in run.bullets:
            parts = {"lexical": bullet.lexical_by_requirement[position]}
            if wanted:
                parts["skills"] = round(len(wanted & bullet.keywords) / len(wanted), 4)
            match = _weighted(parts, WEIGHTS)
            if match > 0:
                candidates.append((match, bullet))
        candidates.sort(key=lambda pair: (-pair[0], -run.score_of(pair[1])))
        best = candidates[0][0] if candidates else 0.0
        status = _status(best)
        if status == "missing" and wanted & claimed:
            status = "partial"  # named in the skills or technologies, shown in no bullet
        rows.append(
            {
                "requirement": requirement,
                "status": status,
                "score": best,
                "keywords": run.matcher.ordered(wanted),
                "evidence": [
                    _evidence(bullet, match)
                    for match, bullet in candidates[:EVIDENCE_PER_ROW]
                    if match >= PARTIAL
                ],
            }
        )
    return rows


def _keyword_rows(run: _Scored) -> list[KeywordRow]:
    """Each keyword: shown in a bullet, only claimed (skills, technologies, summary, a title), or
    absent."""
    profile = run.profile
    claimed = run.matcher.find(
        " ".join(
            [
                *profile.skills,
                profile.summary or "",
                *(text for item in profile.items for text in (item.title, *item.technologies)),
            ]
        )
    )
    rows: list[KeywordRow] = []
    for keyword in run.matcher.keywords:
        shown_in = sorted((b for b in run.bullets if keyword in b.keywords), key=lambda b: -run.score_of(b))
        status: Status = "evidenced" if shown_in else "partial" if keyword in claimed else "missing"
        rows.append(
            {
                "keyword": keyword,
                "status": status,
                "evidence": [_evidence(b, run.score_of(b)) for b in shown_in[:EVIDENCE_PER_ROW]],
            }
        )
    return rows


def _rank_skills(run: _Scored, items: dict[ItemKind, list[ItemRow]]) -> list[SkillRow]:
    """The profile's skills: the ones the job asks for first, then by how relevant their use is."""
    item_scores: dict[str, float] = {row["id"]: row["score"] for rows in items.values() for row in rows}
    vocabulary = run.matcher.vocabulary
    # What each item uses: the skills its bullets name, and its technologies.
    uses: dict[str, set[str]] = {item.id: set() for item in run.profile.items}
    texts: dict[str, str] = {}
    for bullet in run.bullets:
        uses[bullet.item.id] |= bullet.skills
    for item in run.profile.items:
        for technology in item.technologies:
            known = vocabulary.canonical(technology)
            uses[item.id].add(known.name if known else _normalise(technology))
        texts[item.id] = " ".join([*item.bullets, *item.technologies])
    rows: list[SkillRow] = []
    seen: set[str] = set()
    for skill in run.profile.skills:
        key = _normalise(skill)
        if not key or key in seen:
            continue
        seen.add(key)
        asked = run.matcher.find(skill)
        known = vocabulary.canonical(skill)
        if known is not None:
            used_in = [item_id for item_id, names in uses.items() if known.name in names]
        else:  # not in the vocabulary: as written, case-insensitively
            pattern = re.compile(_literal_pattern(key), re.IGNORECASE)
            used_in = [
                item_id for item_id, text in texts.items() if key in uses[item_id] or pattern.search(text)
            ]
        usage = max((item_scores.get(item_id, 0.0) for item_id in used_in), default=0.0)
        parts = {"job_match": 1.0 if asked else 0.0, "usage": round(usage, 4)}
        rows.append(
            {
                "name": skill,
                "score": round(0.7 * parts["job_match"] + 0.3 * parts["usage"], 4),
                "parts": parts,
                "matched_keywords": run.matcher.ordered(asked),
                "used_in": used_in,
            }
        )
    rows.sort(key=lambda row: -float(row["score"]))  # stable: ties keep the person's own order
    return rows


def coverage(keyword_rows: Sequence[KeywordRow]) -> Coverage:
    total = len(keyword_rows)
    by_status: dict[str, list[str]] = {"evidenced": [], "partial": [], "missing": []}
    for row in keyword_rows:
        by_status[row["status"]].append(row["keyword"])
    return {
        "total": total,
        "share": round(len(by_status["evidenced"]) / total, 4) if total else None,
        "share_with_partial": (
            round((len(by_status["evidenced"]) + len(by_status["partial"])) / total, 4) if total else None
        ),
        "evidenced": by_status["evidenced"],
        "partial": by_status["partial"],
        "missing": by_status["missing"],
    }


def text_coverage(
    keywords: Sequence[str], text: str, vocabulary: SkillVocabulary | None = None
) -> dict[str, Any]:
    """The share of the job's keywords a finished document names (the tailored side of coverage)."""
    matcher = KeywordMatcher(keywords, vocabulary)
    found = matcher.find(text)
    total = len(matcher.keywords)
    return {
        "total": total,
        "share": round(len(found) / total, 4) if total else None,
        "present": matcher.ordered(found),
        "absent": [keyword for keyword in matcher.keywords if keyword not in found],
    }


class RankedBullet(NamedTuple):
    item_id: str
    source: str
    bullet: BulletRow


def top_bullets(ranking: RankingData, limit: int) -> list[RankedBullet]:
    """The strongest bullets across all items, with where they come from."""
    rows = []
    for item in (*ranking["experiences"], *ranking["projects"]):
        title, organization = item["title"], item["organization"]
        source = f"{title} at {organization}" if organization else title
        rows += [RankedBullet(item["id"], source, bullet) for bullet in item["bullets"]]
    rows.sort(key=lambda row: (-row.bullet["score"], row.item_id, row.bullet["index"]))
    return rows[:limit]


def apply_llm_scores(ranking: RankingData, judged: dict[tuple[str, int], float]) -> RankingData:
    """Blend the LLM's 0–1 judgement of some bullets into their scores, as one more stored part.

    The deterministic parts stay visible, so the final score remains explainable.
    """
    if not judged:
        return ranking
    for item in (*ranking["experiences"], *ranking["projects"]):
        for bullet in item["bullets"]:
            value = judged.get((item["id"], bullet["index"]))
            if value is None or not math.isfinite(value):
                continue
            llm = round(min(1.0, max(0.0, value)), 4)
            bullet["parts"]["llm"] = llm
            bullet["deterministic_score"] = bullet["score"]
            bullet["score"] = round((1 - LLM_WEIGHT) * bullet["score"] + LLM_WEIGHT * llm, 4)
        item["bullets"].sort(key=lambda row: (-row["score"], row["index"]))
    ranking["llm_reranked"] = True
    return ranking
