"""The offline job-posting parser: headings, bullets, header lines and patterns; no model.

How a posting is read:
1. Lines are cleaned of markdown and classified: blank, heading (a known section name such as
   "Requirements" or "What you'll do", with or without "#", "**" or a colon), bullet (•, -, *, ·,
   numbered), label ("Location: Berlin") or text.
2. Items under a section heading become that section's list; a paragraph after a list ends the
   section. A section without bullets takes its lines (or sentences) as items.
3. Kinds that no heading announces are filled from the remaining prose, sentence by sentence,
   by cue words ("you will" → responsibility, "experience with" → requirement, "we offer" →
   benefits, split into items).
4. Title, company and location come from labels, from header lines ("Senior Engineer at Acme",
   "Data Engineer - Fintrail - London", "Acme is hiring a ..."), from an "About Acme" heading or
   from prose ("headquarters in Austin, TX"); salary, remote and experience level from patterns.
5. Keywords are the vocabulary's skills in everything but the benefits, with the requirements
   counted double.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from jobwise.ai.engine import ParsedJob, Remote
from jobwise.ai.offline.places import is_place
from jobwise.ai.offline.salary import find_salary
from jobwise.text.keywords import extract_keywords

MAX_ITEMS = 50
MAX_ITEM_CHARS = 500
MAX_DESCRIPTION_CHARS = 2000
NICE_TO_HAVE_PREFIX = "Nice to have: "

SectionKind = Literal[
    "requirements",
    "nice_to_have",
    "responsibilities",
    "benefits",
    "about_company",
    "about_role",
    "apply",
    "other",
]
LIST_SECTIONS: frozenset[str] = frozenset({"requirements", "nice_to_have", "responsibilities", "benefits"})

_YOU_LL = r"you(?:'ll|’ll| will)"
_SECTION_PATTERNS: list[tuple[SectionKind, str]] = [
    (
        "nice_to_have",
        r"nice[- ]to[- ]haves?|(?:it'?s\s+a\s+)?bonus(?: points)?(?: if you have)?|(?:the\s+)?pluses|"
        r"preferred(?: qualifications| skills| experience| requirements)?|desirable(?: criteria| skills)?|"
        r"good to have|extra credit|would be (?:great|nice|a plus)|additional qualifications|"
        r"(?:it'?s\s+)?a plus(?: if you have)?|even better if(?: you have)?|assets?|"
        r"(?:what would )?set you apart",
    ),
    (
        "requirements",
        r"(?:job |key |minimum |basic |required |essential |technical |core )?(?:requirements|qualifications)"
        r"(?: and (?:qualifications|skills|experience))?|requirements? profile|"
        r"(?:required |key |technical |core |essential )?skills(?: and (?:experience|qualifications))?|"
        r"(?:your |required )?experience|essential criteria|"
        r"what you(?:'ll|’ll| will)? (?:need|bring)|what (?:you )?(?:should|must) have|"
        r"what we(?:'re|’re| are) looking for|we(?:'re|’re| are) looking for|who (?:you are|we(?:'re|"
        r" are) looking for)|"
        r"about you|you(?:'ll| will)? have|you(?:'re|’re| are)|your (?:profile|skills|expertise|background|"
        r"qualifications)|"
        r"profile|must[- ]haves?|(?:the )?ideal candidate|is this you|do you have what it takes|"
        r"what it takes|what makes you a (?:great|good) fit|you might be a (?:great|good) fit if|"
        r"what we (?:expect|need)(?: from you)?|what we(?:'d|’d| would) love(?: to see)?|who you are",
    ),
    (
        "responsibilities",
        r"(?:key |main |your |core |primary )?(?:responsibilities|duties|accountabilities|tasks)|"
        rf"what {_YOU_LL}(?: be)? (?:do|doing|work on|working on|own|achieve)|"
        rf"{_YOU_LL}|in this role(?:,)? {_YOU_LL}|(?:your|the) role|role|the job|"
        r"your (?:mission|impact|day[- ]to[- ]day|challenges?)|(?:the )?mission|day[- ]to[- ]day|"
        r"what the (?:job|role) involves|job duties|a day in the life|how you(?:'ll| will) make an impact",
    ),
    (
        "benefits",
        r"(?:our |the )?benefits(?: and perks)?|perks(?: and benefits| & benefits)?|(?:what )?we offer|"
        r"our offer|what(?:'s|’s| is) in it for you|why (?:join|work (?:with|for)) us|why you(?:'ll|"
        r" will) love (?:it here|working here|us)|"
        r"compensation(?: and| &) benefits|total rewards|what you(?:'ll| will)? get|rewards|"
        r"salary and benefits|what we(?:'ll| will)? give you|what(?:'s| is) on offer",
    ),
    (
        "about_role",
        r"about (?:the|this) (?:role|job|position|opportunity|team)|the (?:opportunity|position)|"
        r"(?:job |role |position )?(?:overview|description|summary)|(?:full )?job description|job details|"
        r"(?:the )?team|your team",
    ),
    (
        "about_company",
        r"about us|about the company|who we are|our company|the company|company (?:description|overview)|"
        r"our story|our mission|life at .{1,40}",
    ),
    (
        "apply",
        r"how to apply|to apply|application process|apply now|next steps|(?:our )?(?:interview|hiring|"
        r"recruitment) process|"
        r"equal (?:employment )?opportunit(?:y|ies)(?: employer)?|diversity(?: and inclusion| & inclusion)?|"
        r"eeo|"
        r"(?:our )?commitment to diversity|interested\??",
    ),
]
# "What you need to succeed", "What you'll bring to the team": a "what/who/why/how" heading may
# run on for a few words; "Duties include:" ends in a verb.
_HEADING_TAIL = r"(?:\s+(?:include|includes|will include|are|is))?"
_QUESTION_TAIL = r"(?:\s+[\w'’-]+){0,4}"
_SECTION_RES = [
    (
        kind,
        re.compile(
            rf"^(?:{pattern}){_HEADING_TAIL}$|^(?=(?:what|who|why|how)\b)(?:{pattern}){_QUESTION_TAIL}$", re.I
        ),
    )
    for kind, pattern in _SECTION_PATTERNS
]
_ABOUT_NAME = re.compile(
    r"^(?i:about|why(?: join)?|life at|working at)\s+(?P<name>[A-Z0-9][\w&.'’ -]{1,60}?)\??$"
)

_BULLET = re.compile(
    r"^\s*(?:[-*•·▪◦‣●○■□–—✓✔➢➤►→]|[\U0001F300-\U0001FAFF\u2600-\u27BF]\ufe0f?|\d{1,2}[.)]|\(\d{1,2}\)|"
    r"[a-h][.)])"
    r"\s+(?P<item>\S.*)$"
)
_LABEL = re.compile(r"^(?P<key>[A-Za-z][A-Za-z /&'’-]{0,30}?)\s*:\s*(?P<value>\S.*)$")

_LABEL_KEYS: dict[str, str] = {}
for _field, _keys in {
    "title": "title|job title|position|position title|role|job|vacancy|opening|job role",
    "company": "company|employer|organisation|organization|company name|hiring company|client|team",
    "location": "location|locations|workplace|work location|job location|based in|office|office location|"
    "city|where|place of work|duty station|location(s)",
    "salary": "salary|salary range|compensation|pay|pay range|rate|hourly rate|day rate|base salary|"
    "base pay|wage|remuneration|ote|package|gehalt",
    "remote": "remote|work model|working model|workplace type|work arrangement|work setup|remote policy|"
    "work mode|working mode|remote work|work style|flexibility",
    "type": "type|employment type|job type|contract|contract type|schedule|hours|employment|pensum",
    "level": "experience level|seniority|level|seniority level|career level|experience|grade",
}.items():
    for _key in _keys.split("|"):
        _LABEL_KEYS[_key] = _field

_ROLE_WORDS = (
    r"engineer|developer|manager|analyst|scientist|designer|architect|consultant|specialist|"
    r"administrator|admin|coordinator|intern|internship|director|lead|executive|officer|representative|"
    r"associate|assistant|technician|advisor|adviser|programmer|tester|writer|researcher|recruiter|"
    r"accountant|controller|head|vp|president|marketer|strategist|owner|master|operator|agent|"
    r"clerk|editor|producer|sre|expert|trainee|apprentice|werkstudent|working student|nurse|teacher|"
    r"counsel|auditor|economist|statistician|planner|buyer|cto|ceo|cfo|coo|cmo|ciso|devops|"
    r"generalist|partner|principal|fellow|instructor|tutor|translator|copywriter|paralegal|"
    r"bookkeeper|cashier|driver|mechanic|electrician|chef|cook|receptionist|secretary|steward"
)
_ROLE_NOUN = re.compile(rf"\b(?:{_ROLE_WORDS})s?\b", re.IGNORECASE)
_GENDER_MARK = re.compile(
    r"\s*\((?:[mwfdx]\s*/\s*){1,3}[mwfdx]\*?\)|\s*\((?:all genders|gn\*?|any gender)\)|"
    r"\s*\b[mwfd]/[mwfd]/[mwfdx]\b",
    re.IGNORECASE,
)
_WORK_MODE = re.compile(
    r"^(?:100%\s+)?(?:fully\s+)?(?:remote(?:[- ]first|[- ]friendly)?|hybrid|on[- ]?site|in[- ]office|"
    r"office[- ]based|in[- ]person|onsite)\b",
    re.IGNORECASE,
)
_HEADER_SPLIT = re.compile(r"\s+(?:\||·|•|—|–|-|/{2})\s+")
_AT_SPLIT = re.compile(r"^(?P<title>.+?)\s+(?:at|@|chez|bei)\s+(?P<company>[A-Z0-9].+)$")
_HIRING = re.compile(
    r"^(?P<company>[A-Z0-9][\w&.'’ -]{0,60}?)\s+(?:is|are)\s+(?:hiring|seeking|looking\s+for|searching\s+for|"
    r"recruiting)\s+(?:an?\s+|one\s+|two\s+|several\s+)?(?:new\s+|experienced\s+|talented\s+)?"
    r"(?P<title>[^.!,;]{3,80}?)(?:\s+to\s+(?:join|help|lead|build|work)\b.*|[.!,;]|$)"
)
_LOOKING = re.compile(
    r"^(?:we(?:'re|’re| are)\s+)?(?:looking\s+for|seeking|hiring)\s+(?:an?\s+)?(?:freelance\s+|"
    r"experienced\s+|"
    r"talented\s+|new\s+)?(?P<title>[^.,;!()]{2,60}?\b(?:" + _ROLE_WORDS + r")s?)\b",
    re.IGNORECASE,
)
_JOIN = re.compile(
    r"\b(?:join|at)\s+(?P<company>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})(?:,|\s+(?:as|and|we|in)\b)"
)
_PROSE_LOCATION = re.compile(
    r"\b(?:based|located|headquarters|headquartered|hq|office|offices|studio|position is|role is)\s+"
    r"(?:is\s+|are\s+)?in\s+(?:the\s+heart\s+of\s+|central\s+|downtown\s+)?"
    r"(?P<place>[A-ZÀ-Ý][\wÀ-ÿ'’-]+(?:\s[A-ZÀ-Ý][\wÀ-ÿ'’-]+){0,3}(?:,\s*[A-ZÀ-Ý][\wÀ-ÿ'’-]+(?:\s[A-ZÀ-Ý][\wÀ-ÿ'’-]+){0,2})?)"
)
_ACRONYMS = {
    "ai",
    "api",
    "aws",
    "bi",
    "ceo",
    "cfo",
    "ciso",
    "cto",
    "crm",
    "devops",
    "erp",
    "gcp",
    "hr",
    "ii",
    "iii",
    "iv",
    "it",
    "ml",
    "qa",
    "sap",
    "seo",
    "sre",
    "ui",
    "ux",
    "vp",
    "ios",
    "b2b",
    "saas",
    "fi/co",
    "emea",
}

_EXPERIENCE_LEVELS: list[tuple[str, re.Pattern[str]]] = [
    (
        "Internship",
        re.compile(
            r"\b(?:intern|internship|werkstudent|working student|trainee|apprentice(?:ship)?)\b", re.I
        ),
    ),
    ("Entry-level", re.compile(r"\b(?:entry[- ]level|graduate|new grad|junior[- ]level)\b", re.I)),
    ("Junior", re.compile(r"\b(?:junior|jr\.?)\b", re.I)),
    ("Mid-level", re.compile(r"\b(?:mid[- ]level|mid[- ]senior|intermediate|medior)\b", re.I)),
    ("Principal", re.compile(r"\bprincipal\b", re.I)),
    (
        "Staff",
        re.compile(r"\bstaff\s+(?:\w+\s+)?(?:engineer|developer|scientist|designer|architect)\b", re.I),
    ),
    ("Senior", re.compile(r"\b(?:senior|sr\.?)\b", re.I)),
    ("Lead", re.compile(r"\b(?:lead|team lead|tech lead)\b", re.I)),
    ("Director", re.compile(r"\b(?:director|head of|vp|vice president)\b", re.I)),
    ("Executive", re.compile(r"\b(?:chief \w+ officer|cto|ceo|cfo|coo|cmo|ciso)\b", re.I)),
]
_PROSE_LEVEL = re.compile(
    r"\b(?P<level>entry|junior|mid|senior|executive)[- ]level\s+(?:role|position|candidates?|engineer|"
    r"developer)\b",
    re.IGNORECASE,
)

# Remote: hybrid beats full remote beats on-site; a negation ("no remote") means on-site.
_OFFICE = re.compile(
    r"(?<!home )(?<!home-)\b(?:office|offices|on[- ]?site|in person|in-person|hq|headquarters)\b", re.I
)
_AWAY = re.compile(
    r"\b(?:remote(?:ly)?|home office|from home|home-office|work from anywhere|mobile work|mobiles arbeiten|"
    r"wfh|homeoffice)\b",
    re.I,
)
_HYBRID = re.compile(
    r"\bhybrid\b|\bpartly remote\b|\bpartially remote\b|\bremote[- ]friendly\b|\bflexible (?:remote|"
    r"hybrid)\b|"
    r"\b(?:[1-4]|one|two|three|four)\s+days?\s+(?:a|per|each)\s+week\s+(?:in|at)\s+(?:the\s+|"
    r"our\s+)?(?:office|hq)\b|"
    r"\b(?:in|at)\s+(?:the\s+|our\s+)?office\s+(?:[1-4]|one|two|three|four)\s+days\b|"
    r"\b(?:in[- ]office|on[- ]?site|in[- ]person|office)\b[^.;]{0,30}\b(?:[1-4]|one|two|three|"
    r"four)\s+days?\s*(?:/|a|per|each)\s*(?:week|wk)\b|"
    r"\b(?:[1-4]|one|two|three|four)\s+days?\s*(?:/|a|per|each)\s*(?:week|wk)\b[^.;]{0,30}\b(?:in[- ]office|"
    r"on[- ]?site|in[- ]person|office)\b",
    re.I,
)
_FULL_REMOTE = re.compile(
    r"\b(?:fully|100\s?%|completely|entirely|full[- ]time|full)\s+remote\b|\bremote[- ]first\b|"
    r"\bwork from anywhere\b|\bremote[- ]only\b|\bdistributed (?:team|company)\b|"
    r"\bthis (?:is a |role is |position is )?remote\b|\bremote (?:role|position|job|opportunity|contract)\b|"
    r"^\s*remote\b|\blocation\s*:\s*remote\b",
    re.I | re.M,
)
_NOT_REMOTE = re.compile(
    r"\b(?:no|not a|not)\s+remote\b|\bremote work is not\b|\bnot (?:available|open) (?:for|to) remote\b|"
    r"\bon[- ]?site\b|\bin[- ]office\b|\boffice[- ]based\b|\bin[- ]person\b|\bonsite\b|"
    r"\b(?:5|five)\s+days\s+(?:a|per)\s+week\s+(?:in|at)\s+(?:the\s+|our\s+)?office\b",
    re.I,
)

_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9\"“(])")
_ABBREVIATION_END = re.compile(
    r"\b(?:e\.g|i\.e|etc|incl|approx|vs|Inc|Ltd|Corp|Co|S\.L|S\.A|U\.S|Dr|Mr|Ms|Mrs|St|No)\.$"
)

_BENEFIT_CUES = re.compile(
    r"\b(?:we offer|offers|offering|benefits? include|perks include|you(?:'ll| will) (?:get|receive|enjoy|"
    r"have access)|"
    r"plus (?:meaningful |generous |competitive )?(?:equity|stock|bonus)|paid (?:vacation|holiday|time off|"
    r"leave)|"
    r"health (?:insurance|coverage|care)|dental|401\(k\)|pension|vacation|holidays?|annual leave|equity|"
    r"stock options|"
    r"tuition|parental leave|stipend|allowance|gym|wellness|home[- ]office budget|learning budget)\b",
    re.I,
)
_REQUIREMENT_CUES = re.compile(
    r"\b(?:ideal candidate|you have|you(?:'ve| have) (?:shipped|built|worked|led|managed)|you know|you bring|"
    r"experience (?:with|in|of|as|building|working)|years of (?:\w+\s+)?experience|\d+\+?\s+years|degree|"
    r"bachelor|"
    r"master'?s|phd|familiarity|familiar with|knowledge of|proficien\w+|required|requirements?|must have|"
    r"you must|must be|should have|you should|comfortable (?:with|writing|working)|strong (?:background|"
    r"understanding|knowledge)|"
    r"is a plus|nice to have|not required|fluent|certification|certified|understanding of|ability to|"
    r"track record)\b",
    re.I,
)
_RESPONSIBILITY_CUES = re.compile(
    rf"\b(?:{_YOU_LL}|in this role|your (?:day|work|job|role) (?:will|is|includes)|responsible for|"
    r"you(?:'ll| will) be|your responsibilities|the role (?:involves|includes)|you are going to)\b",
    re.I,
)
_OFFER_LEAD = re.compile(
    r"^.*?\b(?:we offer|offers|offering|benefits? include|perks include|you(?:'ll| will) (?:get|receive|"
    r"enjoy)|"
    r"plus|including|includes)\b\s*:?\s*",
    re.I,
)

LineKind = Literal["blank", "heading", "bullet", "label", "text"]


@dataclass
class _Line:
    raw: str
    text: str
    kind: LineKind
    section: SectionKind | None = None
    value: str = ""
    key: str = ""
    about_name: str | None = None
    markdown_heading: bool = False


@dataclass
class _Reading:
    items: dict[str, list[str]] = field(default_factory=dict)
    headed: set[str] = field(default_factory=set)
    # (section or "intro"/"trailing", paragraph text, bullets seen in that section before it)
    paragraphs: list[tuple[str, str, bool]] = field(default_factory=list)
    loose_bullets: list[str] = field(default_factory=list)
    # Line indexes per section, for excluding benefits from keywords.
    section_of_line: list[str] = field(default_factory=list)
    first_heading_line: int | None = None
    about_names: list[str] = field(default_factory=list)


def _normalize(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    text = re.sub(r"[\u200b\u200c\u200d\ufeff]", "", text)
    text = text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _clean(line: str) -> tuple[str, bool]:
    """The line without markdown emphasis, heading marks and links; and whether it had a "#"."""
    stripped = line.strip()
    markdown_heading = stripped.startswith("#")
    stripped = re.sub(r"^#{1,6}\s*", "", stripped)
    stripped = re.sub(r"^>\s?", "", stripped)
    stripped = stripped.replace("**", "").replace("__", "").replace("`", "")
    stripped = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", stripped)
    return stripped.strip(), markdown_heading


def _heading_kind(text: str) -> tuple[SectionKind | None, str, str | None]:
    """(kind, inline content, company name from "About Acme") for a heading line, else (None, "", None)."""
    candidate = text.strip()
    inline = ""
    if ":" in candidate:
        head, _, rest = candidate.partition(":")
        candidate, inline = head.strip(), rest.strip()
    candidate = re.sub(r"[\s:!?.]+$", "", candidate)
    candidate = re.sub(r"^[^\w(]+", "", candidate).strip()
    if not candidate or len(candidate) > 70:
        return None, "", None
    lowered = candidate.replace("’", "'")
    for kind, pattern in _SECTION_RES:
        if pattern.match(lowered):
            return kind, inline, None
    about = _ABOUT_NAME.match(candidate)
    if about is not None and not inline:
        name = about.group("name").strip()
        return "about_company", "", name
    return None, "", None


def _classify(raw: str) -> _Line:
    if not raw.strip():
        return _Line(raw, "", "blank")
    text, markdown_heading = _clean(raw)
    if not text:
        return _Line(raw, "", "blank")
    bullet = _BULLET.match(text) or _BULLET.match(raw)
    if bullet is not None and not raw.strip().startswith("**"):
        item = _clean(bullet.group("item"))[0]
        # "🚀 What you'll do": a decorated heading, not a bullet.
        kind, inline, about_name = _heading_kind(item)
        if kind is not None and not inline and len(item.split()) <= 8 and not item.endswith("."):
            return _Line(raw, item, "heading", section=kind, about_name=about_name)
        return _Line(raw, text, "bullet", value=item)
    kind, inline, about_name = _heading_kind(text)
    words = len(text.split())
    looks_like_heading = (
        markdown_heading
        or text.endswith(":")
        or raw.strip().startswith(("**", "__"))
        or text.isupper()
        or words <= 6
    )
    if (
        kind is not None
        and (looks_like_heading or inline)
        and not (inline and _LABEL_KEYS.get(text.split(":")[0].strip().lower()))
    ):
        return _Line(
            raw,
            text,
            "heading",
            section=kind,
            value=inline,
            about_name=about_name,
            markdown_heading=markdown_heading,
        )
    label = _LABEL.match(text)
    if label is not None:
        key = label.group("key").strip().lower()
        if key in _LABEL_KEYS:
            return _Line(raw, text, "label", key=_LABEL_KEYS[key], value=label.group("value").strip())
    if markdown_heading or (text.endswith(":") and words <= 8):
        return _Line(
            raw,
            text,
            "heading",
            section="other" if text.endswith(":") else None,
            markdown_heading=markdown_heading,
        )
    return _Line(raw, text, "text")


def _read(lines: Sequence[_Line]) -> _Reading:
    reading = _Reading()
    current = "intro"
    bullets_in_section = False
    blank_since_bullet = False
    paragraph: list[str] = []
    last_was_bullet = False

    def flush() -> None:
        if paragraph:
            reading.paragraphs.append((current, " ".join(paragraph), bullets_in_section))
            paragraph.clear()

    for index, line in enumerate(lines):
        if line.kind == "heading" and line.section is not None:
            flush()
            current = line.section
            reading.headed.add(current)
            if reading.first_heading_line is None:
                reading.first_heading_line = index
            if line.about_name:
                reading.about_names.append(line.about_name)
            bullets_in_section = False
            last_was_bullet = False
            if line.value:
                if current in LIST_SECTIONS:
                    reading.items.setdefault(current, []).append(line.value)
                    bullets_in_section = True
                else:
                    paragraph.append(line.value)
            reading.section_of_line.append(current)
            continue
        if line.kind == "blank":
            flush()
            if last_was_bullet:
                blank_since_bullet = True
            reading.section_of_line.append(current)
            continue
        if line.kind == "bullet":
            flush()
            if current in LIST_SECTIONS:
                reading.items.setdefault(current, []).append(line.value)
            else:
                reading.loose_bullets.append(line.value)
            bullets_in_section = True
            blank_since_bullet = False
            last_was_bullet = True
            reading.section_of_line.append(current)
            continue
        # A wrapped bullet: the next line, indented or starting in lower case, no blank between.
        if last_was_bullet and not blank_since_bullet and (line.raw[:1].isspace() or line.text[:1].islower()):
            target = reading.items.get(current) if current in LIST_SECTIONS else reading.loose_bullets
            if target:
                target[-1] = f"{target[-1]} {line.text}"
            reading.section_of_line.append(current)
            continue
        last_was_bullet = False
        # Prose after a list, past a blank line, is no longer part of that list.
        if current in LIST_SECTIONS and bullets_in_section and blank_since_bullet:
            flush()
            current = "trailing"
            bullets_in_section = False
        blank_since_bullet = False
        if line.kind == "label" or (line.kind == "heading" and line.section is None):
            flush()
            reading.section_of_line.append(current)
            continue
        paragraph.append(line.text)
        reading.section_of_line.append(current)
    flush()
    return reading


def _sentences(paragraph: str) -> list[str]:
    parts: list[str] = []
    buffer = ""
    for piece in _SENTENCE_SPLIT.split(paragraph):
        buffer = f"{buffer} {piece}".strip() if buffer else piece.strip()
        if _ABBREVIATION_END.search(buffer):
            continue
        if buffer:
            parts.append(buffer)
        buffer = ""
    if buffer:
        parts.append(buffer)
    return parts


def _split_offer_list(sentence: str) -> list[str]:
    """ "We offer a salary, an annual bonus and tuition reimbursement." -> its three items."""
    lead = _OFFER_LEAD.match(sentence)
    body = sentence[lead.end() :] if lead else sentence
    body = body.strip().rstrip(".!")
    pieces = [p.strip() for p in re.split(r",\s+(?![^()]*\))|;\s+", body) if p.strip()]
    if len(pieces) >= 2 and not re.match(r"^(?:and|or|plus)\s", pieces[-1]) and " and " in pieces[-1]:
        head, _, tail = pieces[-1].rpartition(" and ")
        pieces[-1:] = [head, tail]
    items = [re.sub(r"^(?:and|or|plus|as well as)\s+", "", p).strip() for p in pieces]
    return [item for item in items if len(item) > 2] or [sentence]


def _items_from_prose(kind: str, paragraph: str) -> list[str]:
    if kind == "benefits":
        out: list[str] = []
        for sentence in _sentences(paragraph):
            out.extend(_split_offer_list(sentence) if "," in sentence else [sentence.rstrip(".")])
        return out
    return [s for s in _sentences(paragraph)]


def _classify_sentence(sentence: str) -> str | None:
    if _REQUIREMENT_CUES.search(sentence) and not re.match(r"^(?:we|our)\b", sentence, re.I):
        return "requirements"
    if _RESPONSIBILITY_CUES.search(sentence):
        return "responsibilities"
    if _BENEFIT_CUES.search(sentence):
        return "benefits"
    return None


def _bounded(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        tidy = " ".join(item.split()).strip(" ;")
        if not tidy or tidy.casefold() in seen:
            continue
        seen.add(tidy.casefold())
        out.append(tidy[:MAX_ITEM_CHARS])
        if len(out) == MAX_ITEMS:
            break
    return out


def _lists(reading: _Reading) -> tuple[list[str], list[str], list[str]]:
    items: dict[str, list[str]] = {kind: list(values) for kind, values in reading.items.items()}
    # A list section without bullets: its prose is the list.
    for section, paragraph, had_bullets in reading.paragraphs:
        if section in LIST_SECTIONS and not had_bullets and not reading.items.get(section):
            lines = [paragraph]
            items.setdefault(section, []).extend(
                item for line in lines for item in _items_from_prose(section, line)
            )
    # Kinds no heading announced come from the free prose and loose bullets, by cue words.
    wanted = {"requirements", "responsibilities", "benefits"} - {k for k in items if items[k]}
    if items.get("nice_to_have"):
        wanted.discard("requirements")
    if wanted:
        free = [p for s, p, _ in reading.paragraphs if s in {"intro", "trailing", "about_role", "other"}]
        for bullet in reading.loose_bullets:
            kind = _classify_sentence(bullet)
            if kind in wanted:
                items.setdefault(kind, []).append(bullet)
        for paragraph in free:
            for sentence in _sentences(paragraph):
                kind = _classify_sentence(sentence)
                if kind is None or kind not in wanted:
                    continue
                if kind == "benefits":
                    items.setdefault(kind, []).extend(
                        _split_offer_list(sentence) if "," in sentence else [sentence]
                    )
                else:
                    items.setdefault(kind, []).append(sentence)
    requirements = _bounded(
        [*items.get("requirements", []), *(NICE_TO_HAVE_PREFIX + x for x in items.get("nice_to_have", []))]
    )
    return requirements, _bounded(items.get("responsibilities", [])), _bounded(items.get("benefits", []))


@dataclass
class _Header:
    title: str | None = None
    company: str | None = None
    location: str | None = None
    level: str | None = None
    remote_hints: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    text: str = ""


_POSTCODE = re.compile(r"\s+\d{4,5}(?:-\d{4})?$|\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d$")


def _tidy_title(title: str) -> str:
    title = _GENDER_MARK.sub("", title)
    title = re.sub(r"\s*[!]+$", "", title)
    title = re.sub(r"\s*\((?:remote|hybrid|on[- ]?site|in[- ]office)\)\s*$", "", title, flags=re.I)
    title = title.strip(" -–—|:,.")
    letters = [c for c in title if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 4:
        words = []
        for word in title.split():
            words.append(word if word.lower() in _ACRONYMS else word.capitalize())
        title = " ".join(words)
    return title


def _split_paren(text: str) -> tuple[str, str | None]:
    match = re.match(r"^(?P<main>.*?)\s*\((?P<inner>[^()]*)\)\s*$", text)
    if match is None:
        return text.strip(), None
    return match.group("main").strip(), match.group("inner").strip()


def _tidy_location(text: str) -> str:
    text = _POSTCODE.sub("", text.strip())
    main, inner = _split_paren(text)
    if inner is not None and _WORK_MODE.match(inner) and not _WORK_MODE.match(main):
        return main
    return text.strip().strip(" -–—|")


_COMPANY_ABBREVIATION_END = re.compile(r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Inc|Ltd|Co|Corp|Bros|Pty|GmbH|AG)\.)$")


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 6
        and text[:1].isupper()
        and (not text.endswith((".", ":", "!", "?")) or _COMPANY_ABBREVIATION_END.search(text) is not None)
        and not re.search(r"\d{2,}|[$€£]", text)
        and _ROLE_NOUN.search(text) is None
    )


def _read_header(lines: Sequence[_Line], reading: _Reading) -> _Header:
    header = _Header(text="\n".join(line.text for line in lines))
    for line in lines:
        if line.kind != "label":
            continue
        value = line.value.strip()
        if line.key == "title" and header.title is None and len(value) <= 150:
            header.title = _tidy_title(value)
        elif line.key == "company" and header.company is None and len(value) <= 150:
            header.company = _split_paren(value)[0] or value
        elif line.key == "location" and len(value) <= 150:
            header.remote_hints.append(value)
            # "Work Location: In person" says how, not where; "Remote (US)" says both.
            if header.location is None and not (
                _WORK_MODE.match(value) and not value.lower().startswith("remote")
            ):
                header.location = _tidy_location(value)
        elif line.key == "remote":
            header.remote_hints.append(
                f"{value} {'remote' if value.lower() in {'yes', 'full', 'fully'} else ''}"
            )
        elif line.key == "level" and header.level is None and len(value) <= 40:
            header.level = _experience_from_text(value)
    # Header lines: the short lines before the first section heading and the first long paragraph.
    stop = reading.first_heading_line if reading.first_heading_line is not None else len(lines)
    seen = 0
    for line in lines[:stop]:
        if line.kind == "blank":
            continue
        if line.kind in {"label", "bullet"}:
            seen += 1
            continue
        if len(line.text) > 120 or seen >= 8:
            break
        seen += 1
        _read_header_line(line.text, header, first=seen == 1)
    if header.company is None:
        header.company = next(iter(header.companies), None) or next(iter(reading.about_names), None)
    if header.company is None:
        header.company = _company_from_intro(reading)
    if header.location is None and header.locations:
        # "Paris" then "Paris, France": the more specific one.
        header.location = max(header.locations, key=lambda loc: ("," in loc, -header.locations.index(loc)))
    return header


def _read_header_line(text: str, header: _Header, *, first: bool) -> None:
    if find_salary(text) is not None:
        header.remote_hints.append(text)
        return
    hiring = _HIRING.match(text)
    if hiring is not None:
        header.companies.insert(0, hiring.group("company").strip())
        if header.title is None:
            header.title = _tidy_title(hiring.group("title"))
        return
    looking = _LOOKING.match(text)
    if looking is not None and header.title is None:
        header.title = _tidy_title(looking.group("title"))
        return
    title_parts: list[str] = []
    for part in _HEADER_SPLIT.split(text):
        part = part.strip()
        if not part:
            continue
        at = _AT_SPLIT.match(part)
        if at is not None and _ROLE_NOUN.search(at.group("title")) and header.title is None:
            header.title = _tidy_title(at.group("title"))
            company, inner = _split_paren(at.group("company"))
            header.companies.insert(0, company)
            if inner:
                _read_header_part(inner, header)
            continue
        if header.title is None and _ROLE_NOUN.search(part) and (first or not _looks_like_name(part)):
            main, inner = _split_paren(part)
            if inner is not None and (is_place(inner) or _WORK_MODE.match(inner)):
                _read_header_part(inner, header)
                part = main
            header.title = _tidy_title(part)
            title_parts = [part]
            continue
        # "Senior Developer – Payments": a part that is neither a place nor a name used anywhere
        # else in the posting qualifies the title rather than naming the company.
        if (
            first
            and header.title is not None
            and title_parts
            and not is_place(_split_paren(part)[0])
            and not _WORK_MODE.match(part)
            and _looks_like_name(part)
            and len(re.findall(rf"(?<!\w){re.escape(part)}(?!\w)", header.text)) < 2
        ):
            title_parts.append(part)
            header.title = _tidy_title(" – ".join(title_parts))
            continue
        _read_header_part(part, header)


def _read_header_part(part: str, header: _Header) -> None:
    main, inner = _split_paren(part)
    if is_place(part):
        header.locations.append(_tidy_location(part))
        if _WORK_MODE.match(part):
            header.remote_hints.append(part)
        return
    if _WORK_MODE.match(part):
        header.remote_hints.append(part)
        rest = re.sub(r"^\W*(?:remote|hybrid|on[- ]?site)\W*", "", main, flags=re.I)
        if inner and is_place(inner):
            header.locations.append(part if main.lower() == "remote" else inner)
        elif rest and is_place(rest):
            header.locations.append(_tidy_location(rest))
        return
    if is_place(main):
        header.locations.append(_tidy_location(main))
        if inner:
            header.remote_hints.append(inner)
        return
    if _looks_like_name(main):
        header.companies.append(main)


def _experience_from_text(text: str) -> str | None:
    for level, pattern in _EXPERIENCE_LEVELS:
        if pattern.search(text):
            return level
    return None


def _experience_level(header: _Header, text: str) -> str | None:
    if header.level:
        return header.level
    if header.title:
        level = _experience_from_text(header.title)
        if level:
            return level
    prose = _PROSE_LEVEL.search(text)
    if prose is not None:
        return {"entry": "Entry-level", "mid": "Mid-level"}.get(
            prose.group("level").lower(), prose.group("level").capitalize()
        )
    return None


def detect_remote(text: str, hints: Sequence[str] = ()) -> Remote | None:
    """Full, Hybrid or None (on-site) when the posting says so; Python None when it does not."""
    for hint in hints:
        lowered = hint.lower()
        if _HYBRID.search(lowered):
            return "Hybrid"
        if re.search(r"\bremote\b", lowered) and not _NOT_REMOTE.search(lowered):
            candidate: Remote = "Full"
            break
        if _NOT_REMOTE.search(lowered):
            candidate = "None"
            break
    else:
        candidate = None  # type: ignore[assignment]
    sentences = [s for line in text.split("\n") for s in _sentences(line)]
    if any(_HYBRID.search(s) for s in sentences):
        return "Hybrid"
    # "Two days a week we meet at the office; the rest you work remotely."
    for sentence in sentences:
        mixed = _OFFICE.search(sentence) and _AWAY.search(sentence) and not _FULL_REMOTE.search(sentence)
        if mixed and not re.search(r"\b(?:no|not)\b[^.]{0,20}\bremote", sentence, re.I):
            return "Hybrid"
    if candidate is not None:
        return candidate
    if any(re.search(r"\b(?:no|not a|not)\s+remote\b|\bremote work is not\b", s, re.I) for s in sentences):
        return "None"
    if any(_FULL_REMOTE.search(s) for s in sentences):
        return "Full"
    if any(_NOT_REMOTE.search(s) for s in sentences):
        return "None"
    return None


def _description(reading: _Reading, header_texts: set[str]) -> str | None:
    def pick(sections: set[str]) -> list[str]:
        return [p for s, p, _ in reading.paragraphs if s in sections and p not in header_texts]

    chosen = pick({"about_role"}) or pick({"intro"}) or pick({"about_company"}) or pick({"responsibilities"})
    if not chosen:
        return None
    text = "\n\n".join(chosen)
    if len(text) > MAX_DESCRIPTION_CHARS:
        cut = text[:MAX_DESCRIPTION_CHARS]
        end = max(cut.rfind(". "), cut.rfind(".\n"))
        text = cut[: end + 1] if end > MAX_DESCRIPTION_CHARS // 2 else cut.rstrip() + "…"
    return text


_INTRO_SUBJECT = re.compile(
    r"^(?P<name>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})\s+(?:is|are|was|builds|helps|makes|connects|"
    r"sells|lets|"
    r"provides|develops|offers|creates|has|operates|runs|powers|enables|designs|serves|brings)\b"
)
_NOT_A_NAME = {
    "we",
    "our",
    "the",
    "this",
    "you",
    "as",
    "in",
    "at",
    "it",
    "they",
    "here",
    "there",
    "join",
    "about",
}


def _company_from_intro(reading: _Reading) -> str | None:
    """ "Kontora is Berlin's favourite accounting app": the subject of the first intro sentence."""
    for section, paragraph, _ in reading.paragraphs:
        if section not in {"intro", "about_company", "about_role"}:
            continue
        subject = _INTRO_SUBJECT.match(paragraph)
        if subject is not None and subject.group("name").split()[0].lower() not in _NOT_A_NAME:
            name = subject.group("name")
            if _ROLE_NOUN.search(name) is None:
                return name
    return None


def _title_from_prose(reading: _Reading) -> str | None:
    """ "Looking for a freelance Python developer for ...": a title from the opening sentences."""
    for _, paragraph, _ in reading.paragraphs[:3]:
        for sentence in _sentences(paragraph)[:2]:
            for pattern in (_LOOKING, _HIRING):
                found = pattern.match(sentence)
                if found is not None and _ROLE_NOUN.search(found.group("title")):
                    return _tidy_title(found.group("title"))
    return None


def _company_from_prose(text: str) -> str | None:
    for line in text.split("\n")[:40]:
        hiring = _HIRING.match(_clean(line)[0])
        if hiring is not None:
            return hiring.group("company").strip()
    join = _JOIN.search(text)
    if join is not None and _ROLE_NOUN.search(join.group("company")) is None:
        return join.group("company").strip()
    return None


def parse_job_text(raw_text: str) -> ParsedJob:
    text = _normalize(raw_text)
    lines = [_classify(line) for line in text.split("\n")]
    reading = _read(lines)
    header = _read_header(lines, reading)
    requirements, responsibilities, benefits = _lists(reading)

    if header.title is None:
        header.title = _title_from_prose(reading)
    if header.company is None:
        header.company = _company_from_prose(text)
    if header.location is None:
        prose_place = _PROSE_LOCATION.search(text)
        if prose_place is not None and is_place(prose_place.group("place")):
            header.location = prose_place.group("place")

    salary = find_salary(text)
    remote = detect_remote(text, header.remote_hints)

    keyword_text = "\n".join(
        line.text
        for line, section in zip(lines, reading.section_of_line, strict=False)
        if section not in {"benefits", "apply"}
    )
    keywords = extract_keywords(keyword_text, emphasis=requirements)

    header_texts = {line.text for line in lines if line.kind == "text" and len(line.text) <= 120}
    return ParsedJob(
        title=header.title[:300] if header.title else None,
        company=header.company[:300] if header.company else None,
        location=header.location[:300] if header.location else None,
        description=_description(reading, header_texts),
        requirements=requirements,
        benefits=benefits,
        responsibilities=responsibilities,
        keywords=keywords,
        salary_range=salary.text[:200] if salary else None,
        salary=salary.salary if salary else None,
        remote=remote,
        experience_level=_experience_level(header, text),
    )
