"""What the pages say: errors, writing styles, statuses and changes, in a person's words.

Pure functions of data the services return; no HTTP and no database.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from jobwise.errors import JobWiseError

# What a page may announce after a redirect (?notice=...): fixed sentences, never the query's text.
NOTICES = {
    "signed-out": "You have signed out.",
    "account-deleted": "Your account and everything in it have been deleted.",
    "password-changed": "Your password was changed. Other sessions have been signed out.",
    "profile-imported": "Your profile was imported from the JSON Resume file.",
    "resume-applied": "Your profile now holds the draft read from your résumé.",
    "resume-merged": "What your résumé adds was merged into your profile; nothing it held was removed.",
}

# --- errors ----------------------------------------------------------------------------------

_MESSAGES = {
    "invalid_credentials": "Wrong email or password. Check both and try again.",
    "email_taken": "An account with this email already exists. Sign in instead, or use another email.",
    "wrong_password": "Your current password is not correct, so nothing was changed.",
}

_LABELS = {
    "email": "Email",
    "password": "Password",
    "new_password": "New password",
    "current_password": "Current password",
    "full_name": "Full name",
    "name": "Name",
    "label": "Headline",
    "url": "Website",
    "github_url": "Code repository",
    "start_date": "Start date",
    "end_date": "End date",
    "is_current": "I work here now",
    "raw_text": "Job posting",
    "field_of_study": "Field of study",
    "gpa": "Grade (GPA)",
    "relevant_coursework": "Courses",
    "professional_summary": "Summary",
    "content_text": "Text",
}


def error_message(exc: JobWiseError) -> str:
    if exc.code == "too_many_login_attempts":
        seconds = (exc.details or {}).get("retry_after_seconds") if isinstance(exc.details, dict) else None
        wait = f"wait {plural(int(seconds), 'second')}" if seconds else "wait a little"
        return f"Too many failed sign-in attempts: {wait} before trying again."
    if exc.code.startswith("llm_"):
        # The engine's own words say what failed and which setting to check; say what it means here.
        return f"The AI engine did not answer, so nothing was changed. {exc.message.rstrip('.')}."
    return _MESSAGES.get(exc.code, exc.message)


def label(field: str) -> str:
    return _LABELS.get(field, field.replace("_", " ").capitalize())


def field_error(location: Sequence[Any], message: str) -> str:
    names = [part for part in location if isinstance(part, str)]
    place = label(names[-1]) if names else ""
    positions = [part for part in location if isinstance(part, int)]
    if positions:
        place += f" (line {positions[-1] + 1})"
    message = message.removeprefix("Value error, ")
    return f"{place}: {message}" if place else message


def error_details(details: Any) -> list[str]:
    """Each field's problem, when the details name fields; nothing that only repeats the message."""
    if not isinstance(details, list):
        return []
    out = []
    for detail in details:
        if isinstance(detail, dict) and "message" in detail and detail.get("type") != "weak_password":
            field = str(detail.get("field") or "")
            out.append(field_error(field.split(".") if field else [], str(detail["message"])))
    return out


def location_text(location: Any) -> str:
    """A location as one line, whether it was typed as text or imported as a JSON Resume object."""
    if isinstance(location, str):
        return location
    if isinstance(location, dict):
        parts = [location.get(key) for key in ("address", "city", "region", "postalCode", "countryCode")]
        return ", ".join(str(part) for part in parts if part)
    return ""


# --- numbers and dates -----------------------------------------------------------------------


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)}%"


def when(moment: datetime | str | None) -> str:
    if moment is None:
        return "never"
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%d %b %Y, %H:%M UTC")


# --- samples: the extracted style ------------------------------------------------------------

_TENSE = {
    "past": "past tense",
    "present": "present tense",
    "mixed": "a mix of past and present tense",
    "unknown": "no clear tense",
}


def _share(share: float | None, what: str) -> str | None:
    if share is None:
        return None
    if share >= 0.8:
        return f"nearly every bullet {what}"
    if share >= 0.5:
        return f"most bullets {what}"
    if share >= 0.2:
        return f"some bullets {what}"
    return f"few bullets {what}"


def style_in_words(style: dict[str, Any] | None) -> list[str]:
    """The extracted style as short sentences ("Past tense, about 3 bullets a role")."""
    if not style:
        return ["No style could be read from this sample."]
    out = [f"{plural(int(style.get('word_count') or 0), 'word')} read."]
    resume = style.get("resume")
    if resume:
        role = []
        role.append(_TENSE.get(resume.get("tense") or "unknown", "no clear tense").capitalize())
        per_role = resume.get("bullets_per_role")
        if per_role:
            role.append(f"about {round(per_role)} bullets a role")
        per_bullet = resume.get("words_per_bullet")
        if per_bullet:
            role.append(f"about {round(per_bullet)} words a bullet")
        out.append(", ".join(role) + ".")
        habits = [
            _share(resume.get("action_verb_share"), "open with an action verb"),
            _share(resume.get("numbers_share"), "give a number"),
            _share(resume.get("period_share"), "end with a full stop"),
        ]
        sentence = "; ".join(h for h in habits if h)
        if sentence:
            out.append(sentence[0].upper() + sentence[1:] + ".")
        if resume.get("section_headings"):
            out.append("Sections: " + ", ".join(resume["section_headings"]) + ".")
        if resume.get("date_format"):
            out.append(f"Dates written as {resume['date_format']}.")
    letter = style.get("cover_letter")
    if letter:
        if letter.get("greeting"):
            out.append(f"Opens with “{letter['greeting']}”.")
        if letter.get("closing"):
            out.append(f"Closes with “{letter['closing']}”.")
        shape = [plural(int(letter.get("paragraph_count") or 0), "paragraph")]
        if letter.get("words_per_sentence"):
            shape.append(f"about {round(letter['words_per_sentence'])} words a sentence")
        out.append(", ".join(shape).capitalize() + ".")
        out.append("Uses contractions." if letter.get("uses_contractions") else "Uses no contractions.")
        if letter.get("recurring_phrases"):
            out.append("Recurring phrases: " + ", ".join(f"“{p}”" for p in letter["recurring_phrases"]) + ".")
    phrases = style.get("characteristic_phrases")
    if phrases:
        out.append("Your own phrases: " + ", ".join(f"“{p}”" for p in phrases) + ".")
    return out


# --- statuses --------------------------------------------------------------------------------

APPLICATION_STATUSES = {
    "not_applied": "Not applied",
    "applied": "Applied",
    "interviewing": "Interviewing",
    "offer": "Offer",
    "rejected": "Rejected",
    "withdrawn": "Withdrawn",
}

REQUIREMENT_STATUSES = {"evidenced": "Evidenced", "partial": "Partial", "missing": "Missing"}

DOCUMENT_TYPES = {"resume": "Résumé", "cover_letter": "Cover letter"}

SAMPLE_TYPES = {"resume_sample": "Résumé sample", "cover_letter_sample": "Cover-letter sample"}

RUN_STATUSES = {
    "queued": "Waiting to start",
    "processing": "Running",
    "completed": "Finished",
    "failed": "Failed",
}


def step_in_words(step: str | None) -> str:
    if not step:
        return ""
    return step.replace("_", " ").capitalize()


# --- changes: a word-level diff --------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    kind: Literal["same", "removed", "added"]
    text: str


_TOKEN = re.compile(r"\s+|[^\s]+")


def word_diff(original: str, enhanced: str) -> list[Piece]:
    """The enhanced text against the original, word by word (spaces kept as they are)."""
    before = _TOKEN.findall(original)
    after = _TOKEN.findall(enhanced)
    pieces: list[Piece] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(before[a1:a2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece("removed", "".join(before[a1:a2])))
        if op in ("insert", "replace"):
            pieces.append(Piece("added", "".join(after[b1:b2])))
    return pieces


# --- the applicant-tracking check ------------------------------------------------------------

_ATS_PARTS = {
    "experiences": "Experience",
    "projects": "Project",
    "education": "Education",
    "skills": "Skill",
    "links": "Link",
    "bullets": "bullet",
    "employer": "employer",
    "dates": "dates",
    "title": "title",
    "name": "name",
    "institution": "institution",
    "degree": "degree",
    "email": "Email",
    "phone": "Phone",
    "summary": "Summary",
}
_ATS_PART = re.compile(r"^(?P<name>[a-z_]+)(?:\[(?P<index>\d+)\])?$")


def ats_field(field: str) -> str:
    """ "experiences[0].bullets[2]" as a person says it: "Experience 1, bullet 3"."""
    words = []
    for part in field.split("."):
        match = _ATS_PART.match(part)
        if match is None:
            words.append(part)
            continue
        name = _ATS_PARTS.get(match["name"], match["name"].replace("_", " "))
        if not words:
            name = name[:1].upper() + name[1:]
        words.append(f"{name} {int(match['index']) + 1}" if match["index"] is not None else name)
    return ", ".join(words)
