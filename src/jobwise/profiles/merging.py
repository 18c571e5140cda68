"""Merging a JSON Resume document into an existing profile: add what is new, overwrite nothing.

Used by PUT /profiles/me/json-resume?mode=merge, typically with an imported draft. The rule is
one sentence: a value the profile holds is never replaced. So:
- personal details and the summary: a key is filled only when the profile has none;
- links: added when their URL is new; skill groups: new groups added, new keywords appended;
- an experience, project or education entry the profile already has (same employer and title,
  same project name, same school and degree, compared without case) gains only what it lacks:
  an empty column is filled, bullets it does not have are appended after its own (its enhanced
  bullets stay, shown stale until the next enhancement, as after any edit). Other entries are
  added after the profile's own;
- sections JobWise keeps for JSON Resume (volunteer, awards...): items that are new are appended.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from jobwise.models import Education, Experience, Profile, Project
from jobwise.profiles.jsonresume import ImportedProfile
from jobwise.profiles.schemas import JSON_RESUME_KEY, MAX_BULLETS, MAX_ITEMS, MAX_LINKS, MAX_SKILLS
from jobwise.profiles.versions import join_bullets, split_bullets

# Columns a merge may fill when empty. Bullets (description) are handled apart; is_current,
# display order and the enhanced versions are never touched.
_FILLABLE = {
    "experiences": ("location", "end_date", "technologies"),
    "projects": ("url", "github_url", "start_date", "end_date", "technologies"),
    "education": (
        "field_of_study",
        "location",
        "start_date",
        "end_date",
        "gpa",
        "honors",
        "relevant_coursework",
    ),
}


@dataclass
class Additions:
    """New rows to insert, in the imported order, per section."""

    experiences: list[dict[str, Any]]
    projects: list[dict[str, Any]]
    education: list[dict[str, Any]]


def _key(*values: Any) -> tuple[str, ...]:
    return tuple(" ".join(str(value or "").casefold().split()) for value in values)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def merge_profile(profile: Profile, imported: ImportedProfile) -> Additions:
    """Fill the profile (loaded with its items) from `imported`; return the rows to add."""
    _merge_basics(profile, imported)
    _merge_skills(profile, imported.skills)
    _merge_kept(profile, imported.kept)
    return Additions(
        experiences=_merge_items(
            profile.experiences,
            imported.experiences,
            lambda row: _key(row["company"], row["title"]),
            "experiences",
        ),
        projects=_merge_items(profile.projects, imported.projects, lambda row: _key(row["name"]), "projects"),
        education=_merge_items(
            profile.education,
            imported.education,
            lambda row: _key(row["institution"], row["degree"]),
            "education",
        ),
    )


def _merge_basics(profile: Profile, imported: ImportedProfile) -> None:
    info = copy.deepcopy(profile.personal_info or {})
    for key, value in imported.personal_info.items():
        if key == "profiles" and isinstance(value, list) and isinstance(info.get(key), list):
            known = {
                _key(link.get("url"), link.get("network")) for link in info[key] if isinstance(link, dict)
            }
            for link in value:
                if isinstance(link, dict) and _key(link.get("url"), link.get("network")) not in known:
                    info[key].append(link)
            info[key] = info[key][:MAX_LINKS]
        elif _empty(info.get(key)) and not _empty(value):
            info[key] = copy.deepcopy(value)
    profile.personal_info = info
    if _empty(profile.professional_summary) and imported.professional_summary:
        profile.professional_summary = imported.professional_summary


def _merge_skills(profile: Profile, skills: list[dict[str, Any]]) -> None:
    groups = copy.deepcopy(profile.skills or [])
    by_name = {_key(group.get("name")): group for group in groups if isinstance(group, dict)}
    for skill in skills:
        if not isinstance(skill, dict):
            continue
        group = by_name.get(_key(skill.get("name")))
        if group is None:
            groups.append(copy.deepcopy(skill))
            by_name[_key(skill.get("name"))] = groups[-1]
            continue
        keywords = list(group.get("keywords") or [])
        known = {_key(word) for word in keywords}
        keywords += [word for word in skill.get("keywords") or [] if _key(word) not in known]
        group["keywords"] = keywords
    profile.skills = groups[:MAX_SKILLS]


def _merge_kept(profile: Profile, kept: dict[str, Any] | None) -> None:
    """Sections JobWise keeps as JSON Resume (volunteer, awards...): append the new items."""
    if not kept:
        return
    custom = copy.deepcopy(profile.custom_fields or {})
    current = custom.setdefault(JSON_RESUME_KEY, {})
    keys = current.setdefault("keys", {})
    for name, value in (kept.get("keys") or {}).items():
        if name not in keys or _empty(keys[name]):
            keys[name] = copy.deepcopy(value)
        elif isinstance(keys[name], list) and isinstance(value, list):
            keys[name] += [item for item in value if item not in keys[name]][
                : max(0, MAX_ITEMS - len(keys[name]))
            ]
    profile.custom_fields = custom


Row = Experience | Project | Education


def _merge_items(
    rows: Sequence[Row],
    imported: list[dict[str, Any]],
    key: Callable[[dict[str, Any]], tuple[str, ...]],
    section: str,
) -> list[dict[str, Any]]:
    existing = {key(_columns(row)): row for row in rows}
    added: list[dict[str, Any]] = []
    seen: set[tuple[str, ...]] = set()
    for columns in imported:
        row = existing.get(key(columns))
        if row is None:
            if key(columns) not in seen:  # the same entry twice in the document: added once
                seen.add(key(columns))
                added.append(columns)
            continue
        for name in _FILLABLE[section]:
            if name == "end_date" and getattr(row, "is_current", False):
                continue  # a current role has no end: filling one would end it
            if _empty(getattr(row, name)) and not _empty(columns.get(name)):
                setattr(row, name, columns[name])
        if isinstance(row, Experience | Project):
            mine = split_bullets(row.description)
            known = {_key(bullet) for bullet in mine}
            new = [
                bullet for bullet in split_bullets(columns.get("description")) if _key(bullet) not in known
            ]
            if new:
                row.description = join_bullets((mine + new)[:MAX_BULLETS])
    return added


def _columns(row: Row) -> dict[str, Any]:
    if isinstance(row, Experience):
        return {"company": row.company, "title": row.title}
    if isinstance(row, Project):
        return {"name": row.name}
    return {"institution": row.institution, "degree": row.degree}
