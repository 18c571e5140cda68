"""Rule-based rewriting of a bullet or a summary: clearer wording, no new facts.

The rules, in order:
1. Weak openers become a plain action verb: "Responsible for managing X" -> "Managed X",
   "Responsible for the X" -> "Owned the X", "Worked on X" -> "Contributed to X", "Helped with
   migrating X" -> "Helped migrate X", "Was involved in X" -> "Contributed to X", "Worked with the
   design team" -> "Collaborated with the design team". The replacements claim no more than the
   original did (no "Led" for "Worked on").
2. Filler goes: "successfully", "various", "very", "really", "basically", "actually", "quite";
   "in order to" -> "to"; "utilized" -> "used".
3. Tense: achievements stay in the past tense, also in a current role ("Led the migration" stays
   "Led"); only an ongoing duty of a current role, written as one ("Manage the on-call rotation",
   "Responsible for the billing service"), is in the present, as the person wrote it. An ended
   role's bullets are in the past. A bullet never mixes tenses: the verbs joined to its first one
   follow it. A leading "I" goes when the style writes bullets without the first person.
4. Punctuation: the first letter is capitalised, spaces tidied, and the trailing full stop follows
   the style (a resume sample's period_share); without a style the original's is kept. Summaries
   are prose and always end with a full stop.
Length follows from the above; nothing is cut, since cutting would drop facts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from jobwise.text.verbs import VerbForms, verb_forms

_FILLER = re.compile(
    r"\b(?:successfully|various|very|really|basically|actually|quite|extremely|highly)\s+(?=\w)",
    re.IGNORECASE,
)
_REPLACEMENTS = [
    (re.compile(r"\bin order to\b", re.IGNORECASE), "to"),
    (re.compile(r"\butili[sz](?P<end>e|es|ed|ing)\b", re.IGNORECASE), None),
    (re.compile(r"\ba (?:wide )?variety of\b", re.IGNORECASE), "many"),
]
_USE = {"e": "use", "es": "uses", "ed": "used", "ing": "using"}

_PEOPLE = (
    r"(?:the\s+|our\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,3}?(?:team|teams|stakeholders|engineers|designers|customers|"
    r"clients|colleagues|partners|managers|developers|analysts|leadership|departments?)\b"
)

# (pattern, what replaces the opener when a noun phrase follows, or None to use the gerund's verb)
_OPENERS: list[tuple[re.Pattern[str], str | None]] = [
    (
        re.compile(
            r"^(?:i\s+)?(?:was\s+|am\s+|were\s+)?(?:solely\s+|primarily\s+|mainly\s+)?responsible\s+for\s+",
            re.I,
        ),
        "own",
    ),
    (re.compile(r"^(?:i\s+)?(?:was\s+|am\s+)?in\s+charge\s+of\s+", re.I), "own"),
    (re.compile(r"^(?:i\s+)?(?:was\s+|am\s+)?tasked\s+with\s+", re.I), "own"),
    (
        re.compile(
            r"^(?:my\s+)?(?:duties|responsibilities|tasks)\s+(?:included|include|were|are)\s*:?\s+", re.I
        ),
        "own",
    ),
    (
        re.compile(rf"^(?:i\s+)?(?:worked|work|working)\s+(?:closely\s+)?with\s+(?={_PEOPLE})", re.I),
        "collaborate with",
    ),
    (re.compile(r"^(?:i\s+)?(?:worked|work|working)\s+on\s+", re.I), "contribute to"),
    (
        re.compile(r"^(?:i\s+)?(?:was\s+|am\s+|were\s+)?(?:actively\s+)?involved\s+(?:in|with)\s+", re.I),
        "contribute to",
    ),
    (re.compile(r"^(?:i\s+)?(?:participated|participate|took\s+part)\s+in\s+", re.I), "contribute to"),
    (re.compile(r"^(?:i\s+)?(?:helped|help|assisted|assist)\s+(?:with|in)\s+", re.I), "support"),
]
_GERUND_FIRST = re.compile(r"^(?P<word>[A-Za-z]+ing)\b(?P<rest>.*)$", re.DOTALL)
# Words after an opening verb that show it is a noun ("Lead engineer on...", "Design system for...").
_NOUN_FOLLOWERS = {
    "engineer",
    "developer",
    "team",
    "role",
    "position",
    "of",
    "for",
    "and",
    "&",
    "system",
    "systems",
    "review",
    "reviews",
    "document",
    "documents",
    "plan",
    "lead",
    "manager",
    "-",
    "–",
    ":",
}


def _with_tense(forms: VerbForms, *, current: bool) -> str:
    return forms.base if current else forms.past


def _phrase_with_tense(phrase: str, *, current: bool) -> str:
    """ "contribute to" -> "contributed to" for an ended role."""
    head, _, rest = phrase.partition(" ")
    forms = verb_forms(head)
    verb = _with_tense(forms, current=current) if forms else head
    return f"{verb} {rest}".strip()


def _rewrite_opener(text: str, *, current: bool) -> str:
    for pattern, noun_phrase_verb in _OPENERS:
        match = pattern.match(text)
        if match is None:
            continue
        rest = text[match.end() :].lstrip()
        gerund = _GERUND_FIRST.match(rest)
        forms = verb_forms(gerund.group("word")) if gerund else None
        if gerund is not None and forms is not None:
            verb = _with_tense(forms, current=current)
            if noun_phrase_verb == "support":
                # "Helped with migrating X" -> "Helped migrate X": the help stays a help.
                return f"{_phrase_with_tense('help', current=current)} {forms.base}{gerund.group('rest')}"
            if noun_phrase_verb == "contribute to":
                return f"{_phrase_with_tense('contribute to', current=current)} {rest}"
            return f"{verb}{gerund.group('rest')}"
        if noun_phrase_verb is None:
            return text
        return f"{_phrase_with_tense(noun_phrase_verb, current=current)} {rest}"
    return text


def _fix_tense(text: str, *, current: bool) -> str:
    match = re.match(r"^(?P<word>[A-Za-z]+)(?P<rest>.*)$", text, re.DOTALL)
    if match is None:
        return text
    word = match.group("word")
    forms = verb_forms(word)
    if forms is None:
        return text
    following = match.group("rest").strip().split(" ", 1)[0].lower().strip(",.;")
    if following in _NOUN_FOLLOWERS and word.lower() == forms.base:
        return text
    wanted = _with_tense(forms, current=current)
    rest = match.group("rest")
    # "Designed and built": the second verb of a pair follows the first.
    pair = re.match(r"^(?P<join>\s+and\s+|,\s+|\s*&\s*|\s*/\s*)(?P<second>[a-z]+)\b", rest)
    if pair is not None:
        second = verb_forms(pair.group("second"))
        if second is not None and pair.group("second") in {
            second.base,
            second.past,
            second.gerund,
            second.third,
        }:
            rest = pair.group("join") + _with_tense(second, current=current) + rest[pair.end() :]
    return wanted + rest


_PAST_OPENER = re.compile(
    r"^(?:i\s+)?(?:was|were|worked|helped|assisted|participated|took\s+part)\b", re.IGNORECASE
)


def _is_ongoing(text: str) -> bool:
    """Is the bullet written as an ongoing duty ("Manage X", "Responsible for X", "Working on
    X") rather than as something done ("Led X", "Was involved in X")?"""
    if _PAST_OPENER.match(text):
        return False
    word = re.sub(r"^i\s+", "", text, flags=re.IGNORECASE).split(" ", 1)[0]
    forms = verb_forms(word)
    if forms is None:
        return True
    return word.lower() != forms.past or forms.past == forms.base


def _one_tense(text: str, *, current: bool) -> str:
    """ "Mentor four engineers and wrote the guide" -> "... and write the guide": verbs joined
    to the first one by "and" take its tense."""

    def follow(match: re.Match[str]) -> str:
        forms = verb_forms(match.group("verb"))
        if forms is None or match.group("verb") not in {forms.past, forms.base, forms.third}:
            return match.group(0)
        return match.group("join") + _with_tense(forms, current=current)

    return re.sub(
        r"(?P<join>(?:,\s*|\s+)and\s+)(?P<verb>[a-z]+)\b(?=\s+(?:the|a|an|our|their|its|[a-z]+s)\b)",
        follow,
        text,
    )


def _remove_filler(text: str) -> str:
    text = _FILLER.sub("", text)
    for pattern, replacement in _REPLACEMENTS:
        if replacement is None:
            text = pattern.sub(lambda m: _USE[m.group("end").lower()], text)
        else:
            text = pattern.sub(replacement, text)
    return text


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"([,;:])(?=[A-Za-z])", r"\1 ", text)
    text = re.sub(r"\.{2,}$", ".", text)
    return text


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _bullet_style(style: Mapping[str, Any]) -> tuple[bool | None, bool]:
    """(trailing period wanted, or None to keep the original's; drop a leading "I")."""
    resume = style.get("resume") if isinstance(style.get("resume"), Mapping) else None
    if not resume:
        return None, True
    period_share = resume.get("period_share")
    period = None if period_share is None else float(period_share) >= 0.5
    first_person = resume.get("first_person_share")
    drop_i = first_person is None or float(first_person) < 0.5
    return period, drop_i


def enhance_bullet(text: str, *, is_current: bool, style: Mapping[str, Any]) -> str:
    original = text.strip()
    body = re.sub(r"^[-*•·▪◦‣●]\s+", "", original)
    had_period = body.endswith(".")
    body = body.rstrip(" .;")
    period, drop_i = _bullet_style(style)
    if drop_i:
        body = re.sub(r"^I\s+(?=[a-z])", "", body)
    body = _remove_filler(body)
    current = is_current and _is_ongoing(body)
    body = _rewrite_opener(body, current=current)
    starts_with_verb = verb_forms(body.split(" ", 1)[0]) is not None
    body = _fix_tense(_capitalise(body), current=current)
    if starts_with_verb:
        body = _one_tense(body, current=current)
    body = _tidy(_capitalise(body))
    if not body:
        return original
    end_with_period = had_period if period is None else period
    return body + "." if end_with_period else body


def enhance_summary(text: str) -> str:
    original = text.strip()
    if not original:
        return original
    body = _tidy(_remove_filler(original))
    body = _capitalise(body)
    if body and body[-1] not in ".!?":
        body += "."
    return body
