"""A tailored resume, compiled deterministically from the profile and its ranking for one job.

What it may change: which items and bullets appear, the order of bullets within an item (most
relevant first), the order of projects and skills (most relevant first). What it never changes:
a word of any text, a date, a title, or the reverse-chronological order of roles.

Fitting the page: when the full resume renders to more than `max_pages`, the least relevant
content is left out, never shrunk: weak bullets and whole projects and roles, in one ascending
order of value for the space they take (see _Plan._removal_order). The resume is rendered with Typst
and its pages counted; a binary search over "how much of that order to leave out" finds the
most content that fits in a handful of renders.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from jobwise.models import Education, Experience, Profile, ProfileEntry, Project
from jobwise.models.ranking_data import BulletRow, ItemRow, RankingData
from jobwise.profiles.facts import chosen_summary, profile_links, profile_location
from jobwise.rendering import Paper, count_pages, render
from jobwise.rendering.model import Contact, EducationEntry, ResumeDocument, ResumeEntry, ResumeSection

# How much less a bullet is worth for each stronger bullet of the same item before it.
DEPTH_DISCOUNT = 0.85
# Rough page geometry for ordering what to leave out (single column, 10.5 pt on A4 or Letter).
CHARS_PER_LINE = 95
HEADING_LINES = 2.5
# Experiences sort newest first: current roles, then by end date, then by start date.
_OPEN_END = "9999-99"


# Sections of entries a resume may show, in the order it shows them, with their headings.
ENTRY_SECTIONS: dict[str, str] = {
    "volunteer": "Volunteering",
    "certificates": "Certifications",
    "awards": "Awards",
    "publications": "Publications",
}
# Countries whose paper is Letter: the United States and Canada.
_LETTER_COUNTRIES = {"US", "USA", "CA", "CAN", "UNITED STATES", "UNITED STATES OF AMERICA", "CANADA"}
# US states and Canadian provinces, as a place written "Austin, TX" or "Toronto, ON" ends.
_US_STATES = frozenset(
    """AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM
    NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AB BC MB NB NL NS NT NU ON PE QC SK YT""".split()  # noqa: SIM905
)


def paper_for(profile: Profile) -> Paper:
    """Letter for an address in the United States or Canada, A4 everywhere else."""
    location = (profile.personal_info or {}).get("location")
    if isinstance(location, dict):
        country = str(location.get("countryCode") or "").strip().upper()
        if country:
            return "us-letter" if country in _LETTER_COUNTRIES else "a4"
        region = str(location.get("region") or "").strip().upper()
        return "us-letter" if region in _US_STATES else "a4"
    if isinstance(location, str) and location.strip():
        last = location.rsplit(",", 1)[-1].strip().upper().rstrip(".")
        # "Palo Alto, CA", "Toronto, ON", "Austin, TX, USA", "Vancouver, Canada"
        return "us-letter" if last in _LETTER_COUNTRIES or last in _US_STATES else "a4"
    return "a4"


@dataclass(frozen=True)
class ResumeOptions:
    max_pages: int = 1
    # None: chosen from the person's address (paper_for).
    paper: Paper | None = None
    include_summary: bool = True
    include_projects: bool = True
    max_skills: int = 24


@dataclass(frozen=True)
class _Unit:
    """One piece of content that may be left out: a bullet, or a whole item."""

    score: float
    kind: Literal["bullet", "item"]
    item_id: str
    index: int = -1


@dataclass
class CompiledResume:
    document: ResumeDocument
    pages: int
    fits: bool
    renders: int
    # What the document holds, for the generation's metadata.
    items_used: list[dict[str, Any]] = field(default_factory=list)
    left_out: dict[str, Any] = field(default_factory=dict)
    summary_version: str = "none"
    skills_used: list[str] = field(default_factory=list)
    paper: Paper = "a4"


def _lines(text: str) -> float:
    return max(1, -(-len(text) // CHARS_PER_LINE)) + 0.3  # + the space between bullets


def contact(profile: Profile, fallback_name: str | None) -> Contact:
    info = profile.personal_info or {}
    label = info.get("label")
    return Contact(
        name=str(info.get("name") or fallback_name or ""),
        headline=label.strip() if isinstance(label, str) and label.strip() else None,
        email=info.get("email"),
        phone=info.get("phone"),
        location=profile_location(info),
        links=tuple(profile_links(info)),
    )


def _chronological_key(experience: Experience) -> tuple[int, str, str]:
    end = _OPEN_END if experience.is_current else (experience.end_date or experience.start_date or "")
    # Negated by sorting in reverse; a current role always comes first.
    return (1 if experience.is_current else 0, end, experience.start_date or "")


def _entry(item: Experience | Project, bullets: Sequence[BulletRow]) -> ResumeEntry:
    texts = tuple(bullet["text"] for bullet in bullets)
    if isinstance(item, Experience):
        return ResumeEntry(
            item_id=item.id,
            kind="experience",
            title=item.title,
            organization=item.company,
            location=item.location,
            start_date=item.start_date,
            end_date=item.end_date,
            # A role with no end date is under way, whatever the flag says.
            is_current=item.is_current or bool(item.start_date and not item.end_date),
            bullets=texts,
            technologies=tuple(item.technologies or ()),
        )
    return ResumeEntry(
        item_id=item.id,
        kind="project",
        title=item.name,
        start_date=item.start_date,
        end_date=item.end_date,
        is_current=bool(item.start_date and not item.end_date),
        bullets=texts,
        technologies=tuple(item.technologies or ()),
        url=item.url or item.github_url,
    )


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _entry_of(entry: ProfileEntry, row: ItemRow, bullets: Sequence[BulletRow]) -> ResumeEntry:
    data = entry.data or {}
    start = _text(data.get("startDate") or data.get("date") or data.get("releaseDate"))
    end = _text(data.get("endDate")) if entry.section == "volunteer" else start
    return ResumeEntry(
        item_id=entry.id,
        kind=entry.section,
        title=row["title"],
        organization=row["organization"],
        start_date=start,
        end_date=end,
        is_current=entry.section == "volunteer" and bool(start and not end),
        bullets=tuple(bullet["text"] for bullet in bullets),
        url=_text(data.get("url")),
    )


def _language(entry: ProfileEntry) -> str:
    """ "Spanish (Fluent)"."""
    fluency = _text(entry.data.get("fluency"))
    return (
        f"{_text(entry.data.get('language'))} ({fluency})"
        if fluency
        else str(_text(entry.data.get("language")))
    )


def _score_text(education: Education) -> str | None:
    """A score the gpa column could not hold (kept by the import), e.g. "First-class honours"."""
    kept = ((education.extra or {}).get("raw") or {}).get("score") or {}
    value = kept.get("value") if kept.get("as") == education.gpa else None
    return _text(value)


def skill_groups(profile: Profile, order: Sequence[str]) -> list[tuple[str, tuple[str, ...]]]:
    """The person's skill groups as "Group: skill, skill", most relevant first; the group's name is
    its label, never a skill. Skills without a group share one line at the end."""
    rank = {name.strip().lower(): position for position, name in enumerate(order)}
    groups: list[tuple[str, list[str]]] = []
    loose: list[str] = []
    for skill in profile.skills or []:
        if not isinstance(skill, dict) or not _text(skill.get("name")):
            continue
        keywords = [str(k).strip() for k in skill.get("keywords") or [] if _text(k)]
        if keywords:
            groups.append((str(skill["name"]).strip(), keywords))
        else:
            loose.append(str(skill["name"]).strip())
    if not groups:
        return []
    if loose:
        groups.append(("Other", loose))

    def position(name: str) -> int:
        return rank.get(name.lower(), len(rank))

    ordered = [(name, tuple(sorted(skills, key=position))) for name, skills in groups]
    ordered.sort(key=lambda group: min(position(skill) for skill in group[1]))
    return ordered


class _Plan:
    """The full resume as ranked, and how to build it with some units left out."""

    def __init__(self, profile: Profile, ranking: RankingData, options: ResumeOptions, name: str | None):
        self.profile = profile
        self.options = options
        self.contact = contact(profile, name)
        summary, version = chosen_summary(profile)
        self.summary = summary if options.include_summary else None
        self.summary_version = version if self.summary else "none"
        self.ranked_items = {
            row["id"]: row for row in [*ranking.get("experiences", []), *ranking.get("projects", [])]
        }
        # Roles in reverse-chronological order (stable: equal dates keep the person's order).
        self.experiences = sorted(
            (e for e in profile.experiences if e.id in self.ranked_items),
            key=_chronological_key,
            reverse=True,
        )
        by_id = {p.id: p for p in profile.projects}
        self.projects = (
            [by_id[row["id"]] for row in ranking.get("projects", []) if row["id"] in by_id]
            if options.include_projects
            else []
        )
        ranked_skills = [row["name"] for row in ranking.get("skills", [])]
        self.skill_groups = skill_groups(profile, ranked_skills)
        group_names = {name.lower() for name, _ in self.skill_groups}
        self.skills = [name for name in ranked_skills if name.lower() not in group_names][
            : options.max_skills
        ]
        if self.skill_groups:
            kept = {name.lower() for name in self.skills}
            self.skill_groups = [
                (name, tuple(s for s in skills if s.lower() in kept)) for name, skills in self.skill_groups
            ]
            self.skill_groups = [(name, skills) for name, skills in self.skill_groups if skills]
        # Volunteering, certificates, awards and publications that evidence something the job
        # asks for: the page budget is filled with them, most relevant first, before space is left.
        entries = {entry.id: entry for entry in profile.entries}
        self.entries = [
            (entries[row["id"]], row)
            for row in ranking.get("entries", [])
            if row["id"] in entries and (row["matched_keywords"] or row["parts"].get("lexical", 0) > 0)
        ]
        self.ranked_items.update({row["id"]: row for _, row in self.entries})
        self.languages = [
            " ".join(
                filter(
                    None,
                    [
                        _text(e.data.get("language")),
                        f"({e.data['fluency']})" if _text(e.data.get("fluency")) else None,
                    ],
                )
            )
            for e in profile.entries_of("languages")
            if _text(e.data.get("language"))
        ]
        self.education = [
            EducationEntry(
                item_id=e.id,
                institution=e.institution,
                degree=e.degree,
                field_of_study=e.field_of_study,
                location=e.location,
                start_date=e.start_date,
                end_date=e.end_date,
                gpa=e.gpa,
                honors=e.honors,
                score=_score_text(e),
            )
            for e in profile.education
        ]
        self.units = self._removal_order()

    def _removal_order(self) -> list[_Unit]:
        """Everything that may be left out, least valuable for its space first.

        Bullets and items are compared on one scale, relevance per line of the page: a bullet is
        worth its score, discounted for how deep in its item it sits (a third point about one
        role adds less than a first point about another), for the lines it takes; an item is
        worth its best bullet, which leaves with it, for the lines of its heading and that
        bullet. So an item's weaker bullets go before the item itself, and a resume keeps a few
        relevant roles told well rather than many roles with one line each. Line counts are
        estimates used only for this order; the rendered page count decides what fits.
        """
        units: list[_Unit] = []
        items: list[Experience | Project | ProfileEntry] = [
            *self.experiences,
            *self.projects,
            *(entry for entry, _ in self.entries),
        ]
        # The most relevant role always stays: a resume without experience is no resume.
        keep = max(self.experiences, key=lambda e: self.ranked_items[e.id]["score"], default=None)
        for item in items:
            row = self.ranked_items[item.id]
            bullets = row["bullets"]
            for depth, bullet in enumerate(bullets[1:], start=1):
                value = bullet["score"] * DEPTH_DISCOUNT**depth / _lines(bullet["text"])
                units.append(_Unit(value, "bullet", item.id, bullet["index"]))
            if item is not keep:
                lead = bullets[0] if bullets else None
                value = (lead["score"] if lead else row["score"]) / (
                    HEADING_LINES + (_lines(lead["text"]) if lead else 0)
                )
                units.append(_Unit(value, "item", item.id))
        # Ascending value; on a tie a bullet goes before a whole item, then a stable order.
        units.sort(key=lambda unit: (unit.score, unit.kind != "bullet", unit.item_id, unit.index))
        return units

    def build(self, left_out: int) -> tuple[ResumeDocument, list[dict[str, Any]]]:
        """The resume without the first `left_out` units, and the items and bullets it shows."""
        return self.build_without(self.units[:left_out])

    def build_without(self, removed: Sequence[_Unit]) -> tuple[ResumeDocument, list[dict[str, Any]]]:
        dropped_items = {u.item_id for u in removed if u.kind == "item"}
        dropped_bullets = {(u.item_id, u.index) for u in removed if u.kind == "bullet"}
        used: list[dict[str, Any]] = []

        def entry(item: Experience | Project | ProfileEntry) -> ResumeEntry:
            row = self.ranked_items[item.id]
            bullets = [b for b in row["bullets"] if (item.id, b["index"]) not in dropped_bullets]
            used.append(
                {
                    "id": item.id,
                    "kind": row["kind"],
                    "version": row["version"],
                    "score": row["score"],
                    "bullets": [
                        {"index": b["index"], "score": b["score"], "text": b["text"]} for b in bullets
                    ],
                }
            )
            return _entry_of(item, row, bullets) if isinstance(item, ProfileEntry) else _entry(item, bullets)

        sections = [
            ResumeSection(
                title,
                tuple(
                    entry(e) for e, _ in self.entries if e.section == section and e.id not in dropped_items
                ),
            )
            for section, title in ENTRY_SECTIONS.items()
        ]
        document = ResumeDocument(
            contact=self.contact,
            summary=self.summary,
            experiences=tuple(entry(e) for e in self.experiences if e.id not in dropped_items),
            projects=tuple(entry(p) for p in self.projects if p.id not in dropped_items),
            skills=() if self.skill_groups else tuple(self.skills),
            education=tuple(self.education),
            sections=tuple(section for section in sections if section.entries),
            skill_groups=tuple(self.skill_groups),
            languages=tuple(self.languages),
        )
        return document, used


def compile_resume(
    profile: Profile,
    ranking: RankingData,
    options: ResumeOptions,
    *,
    fallback_name: str | None = None,
    page_counter: Callable[[ResumeDocument, Paper], int] | None = None,
) -> CompiledResume:
    """Build the resume and fit it to `options.max_pages`. CPU-bound: call it in a thread."""
    if options.paper is None:
        options = replace(options, paper=paper_for(profile))
    paper: Paper = options.paper or "a4"
    plan = _Plan(profile, ranking, options, fallback_name)
    measure = page_counter or _rendered_pages
    renders = 0
    cache: dict[int, int] = {}

    def pages(left_out: int) -> int:
        nonlocal renders
        if left_out not in cache:
            renders += 1
            cache[left_out] = measure(plan.build(left_out)[0], paper)
        return cache[left_out]

    chosen = 0
    if pages(0) > options.max_pages:
        low, high = 1, len(plan.units)
        if pages(high) > options.max_pages:
            chosen = high  # even the leanest version is too long: say so, never shrink
        else:
            while low < high:  # the least left out that still fits
                middle = (low + high) // 2
                if pages(middle) <= options.max_pages:
                    high = middle
                else:
                    low = middle + 1
            chosen = low
    removed = list(plan.units[:chosen])
    final_pages = pages(chosen)
    if 0 < chosen < len(plan.units):

        def pages_of(units: list[_Unit]) -> int:
            return measure(plan.build_without(units)[0], paper)

        removed, final_pages, tried = _refill(plan, removed, final_pages, pages_of)
        renders += tried
    document, used = plan.build_without(removed)
    return CompiledResume(
        document=document,
        pages=final_pages,
        fits=final_pages <= options.max_pages,
        renders=renders,
        items_used=used,
        left_out=_left_out(plan, document),
        summary_version=plan.summary_version,
        skills_used=list(document.skills) or [s for _, skills in document.skill_groups for s in skills],
        paper=paper,
    )


# How many left-out units a fitted resume tries to take back (a render each, a few ms warm).
REFILL_TRIES = 8


def _refill(
    plan: _Plan, removed: list[_Unit], pages: int, pages_of: Callable[[list[_Unit]], int]
) -> tuple[list[_Unit], int, int]:
    """Fill the space the cut left: the search leaves out a prefix of the removal order, so a whole
    role may go where only its weak bullets needed to. Each left-out unit, most valuable first, comes
    back when the resume still fits with it, so the page holds the next most relevant content
    rather than blank space. Returns what stays out, the pages, and the renders made."""
    tries = 0
    for unit in sorted(removed, key=lambda u: (-u.score, u.kind != "item", u.item_id, u.index)):
        if tries >= REFILL_TRIES:
            break
        if unit.kind == "bullet" and any(u.kind == "item" and u.item_id == unit.item_id for u in removed):
            continue  # its item is out: the bullet would not show
        candidate = [u for u in removed if u is not unit]
        tries += 1
        candidate_pages = pages_of(candidate)
        if candidate_pages <= plan.options.max_pages:
            removed, pages = candidate, candidate_pages
    return removed, pages, tries


def _rendered_pages(document: ResumeDocument, paper: Paper) -> int:
    return count_pages(render(document, "pdf", paper=paper))


def _left_out(plan: _Plan, document: ResumeDocument) -> dict[str, Any]:
    shown = [*document.experiences, *document.projects, *(e for s in document.sections for e in s.entries)]
    kept_items = {entry.item_id for entry in shown}
    kept_bullets = sum(len(entry.bullets) for entry in shown)
    ids = [item.id for item in plan.experiences] + [item.id for item in plan.projects]
    ids += [entry.id for entry, _ in plan.entries]
    all_bullets = sum(len(plan.ranked_items[item_id]["bullets"]) for item_id in ids)
    return {
        "items": [item_id for item_id in ids if item_id not in kept_items],
        "bullets": all_bullets - kept_bullets,
        "projects_excluded_by_option": not plan.options.include_projects,
    }
