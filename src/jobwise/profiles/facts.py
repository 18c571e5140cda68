"""The profile as the other features see it, built in one place so that every feature uses the
same text, hides the same details from a model and accepts the same facts:

- the text a document uses: the enhanced version when the person chose it and it was made from
  the current original, otherwise the original (stale enhanced text is never used silently);
- the person's identifying details (PersonalFacts), which the LLM engine keeps out of prompts;
- everything the person has stated about themselves (`stated`), the facts the truth check
  accepts in what an engine writes.

Rankings, generations and the enhancement run all read these; none keeps its own copy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from jobwise.ai.engine import CallContext, PersonalFacts
from jobwise.models import Education, Experience, Profile, Project, User
from jobwise.profiles.versions import split_bullets, uses_enhanced

Version = Literal["original", "enhanced"]

# Bullet markers people type at the start of a line; a model is given the bullet without them.
_MARKER = re.compile(r"^\s*(?:[-*•●▪◦‣–—]|\d{1,2}[.)])\s+")
# personal_info keys (the seed's and JSON Resume's) that hold one of the person's addresses.
_URL_KEYS = ("url", "website", "linkedin", "github", "portfolio")


# --- the text a document uses -----------------------------------------------------------------


def bullet_text(line: str) -> str:
    """A bullet as written, without the marker typed before it ("- ", "• ", "1. ")."""
    return _MARKER.sub("", line).strip()


def chosen_description(item: Experience | Project) -> tuple[list[str], Version]:
    """The bullets a document uses, and which version they are."""
    if uses_enhanced(item.description, item.enhanced_description, item.enhanced_source, item.use_enhanced):
        return split_bullets(item.enhanced_description), "enhanced"
    return split_bullets(item.description), "original"


def chosen_summary(profile: Profile) -> tuple[str | None, Literal["original", "enhanced", "none"]]:
    if uses_enhanced(
        profile.professional_summary,
        profile.enhanced_summary,
        profile.enhanced_summary_source,
        profile.use_enhanced_summary,
    ):
        return profile.enhanced_summary, "enhanced"
    if profile.professional_summary:
        return profile.professional_summary, "original"
    return None, "none"


def skill_names(profile: Profile) -> list[str]:
    """Skill names and their keywords (JSON Resume's shape), in the person's order; else the
    technologies of their items."""
    names: list[str] = []
    for skill in profile.skills or []:
        if isinstance(skill, dict):
            if skill.get("name"):
                names.append(str(skill["name"]))
            names += [str(keyword) for keyword in skill.get("keywords") or [] if keyword]
        elif isinstance(skill, str):
            names.append(skill)
    if not names:
        for experience in profile.experiences:
            names += experience.technologies or []
        for project in profile.projects:
            names += project.technologies or []
    seen: set[str] = set()
    unique = []
    for name in names:
        key = name.strip().lower()
        if key and key not in seen:
            seen.add(key)
            unique.append(name.strip())
    return unique


# --- who the person is ------------------------------------------------------------------------


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def profile_links(info: Mapping[str, Any]) -> list[str]:
    """The person's addresses: url, website, linkedin, github, portfolio, links[], profiles[].url."""
    urls = [_text(info.get(key)) for key in _URL_KEYS]
    urls += [_text(link) for link in info.get("links") or []]
    urls += [_text(entry.get("url")) for entry in info.get("profiles") or [] if isinstance(entry, Mapping)]
    return list(dict.fromkeys(url for url in urls if url))


def profile_location(info: Mapping[str, Any], *, street: bool = False) -> str | None:
    """A place as text; a document shows the city, region and country, never the street."""
    location = info.get("location")
    if isinstance(location, str):
        return location.strip() or None
    if isinstance(location, Mapping):
        keys: tuple[str, ...] = ("city", "region", "countryCode")
        if street:
            keys = ("address", "postalCode", *keys)
        parts = [str(location[key]) for key in keys if location.get(key)]
        return ", ".join(parts) or None
    return None


def personal_facts(info: Mapping[str, Any], user: User | None) -> PersonalFacts:
    """What identifies the person: the LLM engine replaces it with placeholders in every prompt."""
    address = _text(info.get("address")) or profile_location(info, street=True)
    return PersonalFacts(
        name=_text(info.get("name")) or _text(info.get("full_name")) or (user.full_name if user else None),
        email=_text(info.get("email")) or (user.email if user else None),
        phone=_text(info.get("phone")),
        address=address,
        urls=tuple(profile_links(info)),
    )


def call_context(user: User, profile: Profile) -> CallContext:
    """Who an AI call is for, and the personal facts the LLM engine must keep at home."""
    return CallContext(user_id=user.id, personal=personal_facts(profile.personal_info or {}, user))


# --- what the person has stated ---------------------------------------------------------------


def _text_values(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for inner in value.values():
            yield from _text_values(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _text_values(inner)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield str(value)


def _current_enhanced(enhanced: str | None, source: str | None, original: str | None) -> str | None:
    # Enhanced text made from an older original may hold what the person has since corrected.
    return enhanced if enhanced is not None and source == original else None


def stated(profile: Profile, *, user: User | None = None) -> list[str]:
    """Everything the person has stated about themselves: the facts a written text may use.

    Enhanced texts count only while they were made from the current original (they passed the
    truth check against it); stale ones may hold what the person has since corrected.
    """
    info = profile.personal_info or {}
    parts: list[str | None] = [*_text_values(info), profile_location(info)]
    if user is not None:
        parts += [user.full_name]
    parts += [
        profile.professional_summary,
        _current_enhanced(
            profile.enhanced_summary, profile.enhanced_summary_source, profile.professional_summary
        ),
        *skill_names(profile),
        *_text_values(profile.skills or []),
        *_text_values(profile.custom_fields or {}),
    ]
    for experience in profile.experiences:
        parts += [
            experience.title,
            experience.company,
            experience.location,
            experience.start_date,
            experience.end_date,
            experience.description,
            _current_enhanced(
                experience.enhanced_description, experience.enhanced_source, experience.description
            ),
            *(experience.technologies or ()),
        ]
    for project in profile.projects:
        parts += [
            project.name,
            project.description,
            _current_enhanced(project.enhanced_description, project.enhanced_source, project.description),
            project.url,
            project.github_url,
            project.start_date,
            project.end_date,
            *(project.technologies or ()),
        ]
    for education in profile.education:
        parts += [
            education.institution,
            education.degree,
            education.field_of_study,
            education.location,
            education.start_date,
            education.end_date,
            education.honors,
            *(education.relevant_coursework or ()),
        ]
        if education.gpa is not None:
            parts += [f"GPA {education.gpa:g}", str(education.gpa)]
    # What an import kept beside the columns: a job's summary, a score given as text.
    items: list[Experience | Project | Education] = [
        *profile.experiences,
        *profile.projects,
        *profile.education,
    ]
    for item in items:
        extra = item.extra or {}
        parts += _text_values(extra.get("keys") or {})
        parts += _text_values([kept.get("value") for kept in (extra.get("raw") or {}).values()])
    # Volunteering, awards, certificates, publications, languages and interests.
    for entry in profile.entries:
        parts += _text_values(entry.data)
    return [str(part) for part in dict.fromkeys(parts) if part]
