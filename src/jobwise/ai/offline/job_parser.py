"""The offline job-posting parser: headings, bullets, header lines and patterns; no model.

How a posting is read:
1. The pasted text is made plain (posting_text.py): job-board chrome, cookie banners and lists of
   other jobs go, reStructuredText becomes markdown.
2. Lines are classified and fall into blocks, one per section heading (sections.py).
3. A list block (requirements, nice to have, responsibilities, benefits) gives its bullets, or its
   lines when the list has no markers, or its sentences. Kinds that no heading announces are filled
   from the remaining prose, sentence by sentence, by cue words ("you will" → responsibility,
   "experience with", "you have", "must" → requirement, "we offer" → benefits, split into items).
   Text about applying (equal opportunity, accommodation, how and when to apply, form questions) is
   never an item (boilerplate.py).
4. Title, company and location come from labels, the page header, headings and prose
   (posting_header.py); salary from its patterns, in the currency of the posting's country when it
   writes a bare "$" or none (salary.py); remote and experience level from patterns.
5. Keywords are the vocabulary's skills in everything but the benefits and the application text, with
   the requirements counted double; personal traits (communication, teamwork) are not keywords, and
   know-how named as a concept, a licence or a check counts only where the title, the requirements or the
   duties ask for it
   (not as a team's name or part of a product's, a body's or a certificate's name, the employer's market,
   the field of past years, or beside the tool that does it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from jobwise.ai.engine import ParsedJob, Remote
from jobwise.ai.offline.boilerplate import is_boilerplate, without_boilerplate
from jobwise.ai.offline.posting_header import Header, posting_country, read_header, title_from_prose, unglue
from jobwise.ai.offline.posting_text import clean_posting
from jobwise.ai.offline.posting_words import ROLE_NOUN
from jobwise.ai.offline.salary import find_salary
from jobwise.ai.offline.sections import (
    LIST_SECTIONS,
    Block,
    Reading,
    classify_lines,
    heading_kind,
    is_unmarked_list,
    read_blocks,
    rejoin_wrapped,
    sentences,
)
from jobwise.text.keywords import extract_keywords, title_skills
from jobwise.text.verbs import is_verb
from jobwise.text.vocabulary import Skill, SkillMatch, get_vocabulary
from jobwise.text.vocabulary.skills import SKILL_CATEGORIES

MAX_ITEMS = 50
MAX_ITEM_CHARS = 500
MAX_DESCRIPTION_CHARS = 2000
NICE_TO_HAVE_PREFIX = "Nice to have: "

_YOU_LL = r"you(?:'ll|’ll| will)"

_EXPERIENCE_LEVELS: list[tuple[str, re.Pattern[str]]] = [
    (
        "Internship",
        re.compile(
            r"\b(?:intern|internship|werkstudent|working student|trainee|apprentice(?:ship)?)\b", re.I
        ),
    ),
    ("Entry-level", re.compile(r"\b(?:entry[- ]level|graduate|new grad|junior[- ]level)\b", re.I)),
    ("Junior", re.compile(r"\b(?:junior|jr\.?)(?=\s|$|\W)", re.I)),
    ("Mid-level", re.compile(r"\b(?:mid[- ]level|mid[- ]senior|intermediate|medior)\b", re.I)),
    ("Principal", re.compile(r"\bprincipal\b", re.I)),
    (
        "Staff",
        re.compile(r"\bstaff\s+(?:\w+\s+)?(?:engineer|developer|scientist|designer|architect)\b", re.I),
    ),
    ("Senior", re.compile(r"\b(?:senior|sr\.?)(?=\s|$|\W)", re.I)),
    ("Lead", re.compile(r"\b(?:lead|team lead|tech lead)\b", re.I)),
    ("Director", re.compile(r"\b(?:director|head of|vp|vice president)\b", re.I)),
    ("Executive", re.compile(r"\b(?:chief \w+ officer|cto|ceo|cfo|coo|cmo|ciso)\b", re.I)),
]
_PROSE_LEVEL = re.compile(
    r"\b(?P<level>entry|junior|mid|senior|executive)[- ]level\s+(?:role|position|candidates?|engineer|"
    r"developer)\b",
    re.IGNORECASE,
)

# Remote: hybrid beats full remote beats on-site; a negation ("no remote") means on-site. "Hybrid"
# and "on-site" count only for the work ("on-site experiences" and "hybrid environments" do not).
_NOT_WORK_AFTER = (
    r"(?!\s+(?:experiences?|psychologists?|teams?|staff|gym|canteen|parking|cafeteria|restaurants?|bookings|"
    r"office|support|facilities|childcare|services?|training|amenities|clinics?|health|fitness|events?|"
    r"visits?|meetings?|interviews?|programs?|programmes?|activities|learning|doctors?|nurses?|laundry|"
    r"environments?|approach|cloud|apps?|applications?|teaching|instruction|courses?|classes|vehicles?|"
    r"cars?|search|systems?|infrastructure|solutions?|degree|format|collaboration|presence\s+of)\b)"
)
# "Hybride" (French), "2 jours de télétravail par semaine", a French job card's "Télétravail fréquent" /
# "occasionnel" / "partiel": the same mix in other languages.
_HYBRID_WORD = (
    rf"\bhybrid\b{_NOT_WORK_AFTER}|\bhybride\b|\bjours?\s+de\s+t[ée]l[ée]travail\b|"
    r"\bt[ée]l[ée]travail\s+(?:fr[ée]quent|occasionnel|partiel|r[ée]gulier|ponctuel|possible)\b"
)
_ONSITE = r"(?:on[- ]?site|onsite|in[- ]person|in[- ]office)"
# On-site said of the work: "an on-site role", "work on site", "(On-site)"; not "parking on site".
_ONSITE_WORD = (
    rf"\b(?:work|working|works|based|be|is|are|fully|100%|entirely|completely|required\s+to\s+be)\s+{_ONSITE}\b|"
    rf"\b{_ONSITE}\s+(?:role|position|job|work|working|only|basis|at\s+(?:our|the)|in\s+(?:our|the)|from|"
    r"\d|five|four|three|presence|attendance|requirement|daily|every|full[- ]time|contract|opportunity)\b|"
    rf"(?:^|[(:|,/–-]\s*){_ONSITE}\s*(?:$|[),|/–-])|\boffice[- ]based\b|\bwork\s+from\s+(?:the\s+)?office\b|"
    # "expected to report to the office in-person", "report to our Garner facility"; not "report to the
    # Office Manager", a person.
    r"\breport(?:ing)?\s+(?:in[- ]person\s+)?to\s+(?:the|our)\s+(?:[A-Z][a-z]+\s+)?"
    r"(?:office|facility|workplace|site)\b(?!\s+(?:manager|director|administrator|lead|head|supervisor|coordinator|of))"
)
_OFFICE = re.compile(
    r"(?<!home )(?<!home-)\b(?:office|offices|on[- ]?site|in person|in-person|hq|headquarters)\b", re.I
)
_AWAY = re.compile(
    r"\b(?:remote(?:ly)?|home office|from home|home-office|work from anywhere|mobile work|mobiles arbeiten|"
    r"wfh|homeoffice)\b",
    re.I,
)
_HYBRID = re.compile(
    rf"{_HYBRID_WORD}|\bpartly remote\b|\bpartially remote\b|\bremote[- ]friendly\b|\bflexible (?:remote|"
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
    r"\bthis (?:is a |role is |position is )?remote\b|"
    r"\bremote (?:role|position|job|opportunity|contract|company)\b|"
    # "Remote", "Remote - US", "Remote (EU)", "Remote work"; not a skill such as "Remote Troubleshooting".
    r"^\s*remote(?:\s*$|\s*[-–—,:(|/]|\s+(?:work|job|role|position|first|only|ok|friendly|in|from|within|"
    r"across|anywhere|eligible|possible|option)\b)|\blocation\s*:\s*remote\b|"
    r"\bwork from home (?:job|role|position)\b|"
    r"\bwork location\s*:\s*remote\b|\btelecommut\w*|\bhome[- ]based (?:role|position|job|work)\b|"
    r"\bvirtual (?:role|position|job)\b|^\s*work from home\b|"
    # "Télétravail total" (French): the whole job from home.
    r"\bt[ée]l[ée]travail\s+(?:total|complet|int[ée]gral)\b|\b100\s?%\s+t[ée]l[ée]travail\b",
    re.I | re.M,
)
_NOT_REMOTE = re.compile(
    r"\b(?:no|not a|not)\s+remote\b|\bremote work is not\b|\bnot (?:available|open) (?:for|to) remote\b|"
    r"\bt[ée]l[ée]travail\s+non\s+autoris[ée]\b|"
    rf"{_ONSITE_WORD}|"
    r"\b(?:5|five)\s+days\s+(?:a|per)\s+week\s+(?:in|at)\s+(?:the\s+|our\s+)?office\b|"
    r"\b(?:work|working)\s+(?:at|from|in)\s+(?:the\s+)?office\s+only\b|\boffice only\b",
    re.I,
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
    r"experience (?:with|in|of|as|building|working|teaching)|years of (?:\w+\s+)?experience|\d+\+?\s+years|"
    r"degree|bachelor|"
    # "... and all input of data as required": a duty done when needed, not a requirement.
    r"master'?s|phd|ph\.d|familiarity|familiar with|knowledge of|proficien\w+|(?<!as )required|requirements?|"
    r"must have|you must|must be|must possess|should have|you should|comfortable (?:with|writing|working)|"
    r"strong (?:background|understanding|knowledge)|"
    r"is a plus|nice to have|not required|fluent|certification|certified|understanding of|ability to|"
    r"track record|expertise in|working knowledge|is a must|mandatory|essential|"
    r"(?:is|are) (?:also )?(?:desired|desirable)|we (?:also )?require (?!you to\b)|"
    r"applicants? (?:with|who)|candidates? (?:with|who)|successful (?:applicant|candidate) will|"
    r"if you are|looking for (?:someone|people|candidates|applicants)|looking for [^.]{0,60}\b(?:who|with)\b|"
    r"qualified|"
    r"citizen|security clearance|right to work|work permit|valid (?:visa|licen[cs]e)|driving licen[cs]e|"
    r"someone who|(?:a|an) (?:(?:very|highly)\s+)?(?:experienced|proven)\b|ideally you|you(?:'d| would) have|"
    r"you are|you're|"
    # "You will be reliable, flexible, have good ...": what the holder is, not what they will do.
    r"you(?:'ll|’ll| will)(?: also)? be (?:(?:very|highly|extremely)\s+)?(?:reliable|flexible|organi[sz]ed|"
    r"(?:self-)?motivated|enthusiastic|confident|compassionate|caring|punctual|adaptable|resilient|proactive|"
    r"passionate|dedicated|patient|honest|trustworthy|dependable|approachable|energetic|numerate|literate)\b|"
    r"we value|able to|(?:is|are|will be) preferred|background in|possess|you(?:'ll| will) hold|"
    # "you will also have completed a training programme", "to be eligible", "previous sales experience
    # is also welcome", "it is vital that you are reliable".
    r"you(?:'ll| will)(?: also)? (?:have|need|hold|bring)|to be eligible|"
    # "They will have the OT skills and knowledge to ...": the holder, in the third person; not what they
    # will be given ("they will have the opportunity to", "access to").
    # "The Metadata Manager will have an approved postgraduate library qualification": the post, named.
    r"(?:they|the (?:post-?holder|(?:ideal |successful )?(?:candidate|applicant|person))|"
    r"the (?!(?i:company|team|organi[sz]ation|department|employer|firm|school|trust|university)\b)"
    r"(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}))"
    r"(?:'ll| will)(?: also)? (?:have|need|hold|bring)"
    r"(?! (?:the |an? )?(?:opportunity|chance|access|support|use|time|freedom)\b)|"
    r"(?:previous|prior|relevant|proven|some|hands-on)\s+(?:[\w-]+\s+){0,2}experience|"
    r"experience (?:is|would be) (?:also )?(?:welcome|a plus|an advantage|advantageous|beneficial|helpful)|"
    r"it is (?:vital|essential|important|crucial) that you|"
    # "... by bringing a breadth of economic, statistical, and analytical skills".
    r"bring(?:s|ing)? (?:a |an )?(?:breadth|range|wealth|mix|depth|blend) of\b)\b",
    re.I,
)
# A sentence about the company ("We are a remote company") is not a requirement, unless it says
# what the company looks for.
_WE_LOOK = re.compile(
    r"^(?:we|our)\b(?=.*\b(?:looking for|seeking|invite|value|want|need|require|expect|welcome applicants|"
    r"interested in candidates)\b)",
    re.I,
)
_RESPONSIBILITY_CUES = re.compile(
    rf"\b(?:{_YOU_LL}|in this role|your (?:day|work|job|role) (?:will|is|includes)|responsible for|"
    r"you(?:'ll| will) be|your responsibilities|"
    r"(?:the|this|your) (?:role|post|position|job) (?:involves|includes)|"
    # "The primary responsibilities of this position are maintaining voter records, ...": duties in prose.
    r"(?:primary|main|key|principal|core) (?:responsibilities|duties)|you are going to)\b",
    re.I,
)
_OFFER_LEAD = re.compile(
    r"^.*?\b(?:we offer|offers|offering|benefits? include|perks include|you(?:'ll| will) (?:get|receive|"
    r"enjoy)|"
    r"plus|including|includes)\b\s*:?\s*",
    re.I,
)


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


def _lists_offers(sentence: str) -> bool:
    """ "We offer a salary, a bonus and a pension": a list of offers, split at its commas; "Our team is a
    strong, diverse, hard-working team" is one item, not fragments."""
    if "," not in sentence:
        return False
    if _OFFER_LEAD.match(sentence):
        return True
    return all(len(piece.split()) <= 4 for piece in re.split(r",\s+", sentence.rstrip(".")))


# Longer than any width text is hard-wrapped at (72-80 columns): a whole paragraph of its own.
_UNWRAPPED_LINE = 100


def _unwrapped_segments(lines: Sequence[str]) -> list[str]:
    """A paragraph's lines joined, except after a line too long to have been wrapped that ends without a
    stop above a capital: "... a worry free payroll service" then "As a very experienced ...", where a
    page that set its paragraphs apart by spacing, not blank lines, lost the stop between them."""
    segments: list[str] = []
    for line in lines:
        if (
            segments
            and len(segments[-1].rsplit("\n", 1)[-1]) > _UNWRAPPED_LINE
            and not re.search(r"[.!?:;,\-–—(]\W*$", segments[-1])
            and line[:1].isupper()
        ):
            segments.append(line)
        elif segments:
            segments[-1] = f"{segments[-1]}\n{line}"
        else:
            segments.append(line)
    return [" ".join(segment.split("\n")) for segment in segments]


def _paragraph_items(kind: str, lines: Sequence[str]) -> list[str]:
    """A paragraph's items: one per line of a list without markers, else its sentences (benefits split
    into their items)."""
    if is_unmarked_list(lines):
        return list(lines)
    rejoined = rejoin_wrapped(lines)
    if len(rejoined) >= 3 and is_unmarked_list(rejoined):
        # A list without markers that an email client re-wrapped at 72 columns.
        return rejoined
    parts = [part for segment in _unwrapped_segments(lines) for part in sentences(segment)]
    if kind != "benefits":
        return parts
    out: list[str] = []
    for sentence in parts:
        out.extend(_split_offer_list(sentence) if _lists_offers(sentence) else [sentence.rstrip(".")])
    return out


# "The Director of Development will plan and implement ...", "The post holder will also provide ...": the
# holder, named by the role, and what they will do (what they will have is a requirement, above).
_HOLDER_WILL = re.compile(
    r"(?:^|[.;]\s+)(?i:the)\s+(?P<holder>(?:[A-Za-z][\w-]*\s+){0,4}?[A-Za-z][\w-]*)\s+will\s+(?:also\s+)?"
    r"(?P<verb>[a-z]+)\b"
)


def _holder_will_do(sentence: str) -> bool:
    for found in _HOLDER_WILL.finditer(sentence):
        holder = found.group("holder")
        if (ROLE_NOUN.search(holder) or re.search(r"\bpost[- ]?holder\b", holder, re.I)) and is_verb(
            found.group("verb")
        ):
            return True
    return False


def _classify_sentence(sentence: str) -> str | None:
    if is_boilerplate(sentence):
        return None
    if _REQUIREMENT_CUES.search(sentence) and (
        not re.match(r"^(?:we|our)\b", sentence, re.I) or _WE_LOOK.match(sentence)
    ):
        return "requirements"
    if _RESPONSIBILITY_CUES.search(sentence) or _holder_will_do(sentence):
        return "responsibilities"
    if _BENEFIT_CUES.search(sentence):
        return "benefits"
    return None


# Any letter, in any script (a number or a postcode alone has none).
_HAS_LETTER = re.compile(r"[^\W\d_]")


def _bounded(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for item in items:
        kept = without_boilerplate(item)
        if kept is None:
            continue
        tidy = " ".join(kept.split()).strip(" ;")
        # A heading that slipped in as a line of its own ("Other Requirements") is not an item.
        heading = heading_kind(tidy) if len(tidy.split()) <= 3 else (None, "", None)
        if not tidy or tidy.casefold() in seen or (heading[0] is not None and not heading[1]):
            continue
        if not _HAS_LETTER.search(tidy):
            # "411001", "36666": a postcode or reference number left by an applicant-tracking page's
            # fields, with no letter at all ("401(k)" has one), is never an item.
            continue
        if tidy.endswith("!") and len(tidy.split()) <= 5 and _classify_sentence(tidy) is None:
            # "GROW WITH US!", "Join our team!": a slogan between the sections, not an item.
            continue
        seen.add(tidy.casefold())
        out.append(tidy[:MAX_ITEM_CHARS])
        if len(out) == MAX_ITEMS:
            break
    return out


def _block_items(block: Block) -> list[str]:
    if block.bullets:
        # Prose before the first bullet introduces the list, unless it is a list itself (lines without
        # markers, then bullets under a sub-heading); prose after it is a wrapped item.
        return (
            [
                item
                for lines, after in block.paragraphs
                if not after and len(lines) >= 3 and is_unmarked_list(lines)
                for item in lines
            ]
            + list(block.bullets)
            + [
                item
                for lines, after in block.paragraphs
                if after
                for item in _paragraph_items(block.kind, lines)
            ]
        )
    if (
        block.kind != "benefits"
        and len(block.paragraphs) >= 3
        and all(len(lines) == 1 and len(lines[0]) <= MAX_ITEM_CHARS for lines, _ in block.paragraphs)
    ):
        # A list copied from a page without its markers, one item a paragraph: "Clear communication.
        # You can explain technical work in plain terms" is one item, not two sentences.
        return [lines[0] for lines, _ in block.paragraphs]
    return [item for lines, _ in block.paragraphs for item in _paragraph_items(block.kind, lines)]


_STRONG_REQUIREMENT = re.compile(
    r"\b(?:must|should have|required|essential|mandatory|is a must)\b", re.IGNORECASE
)
_KNOW_HOW = re.compile(
    r"^(?:(?:expert|highest|high|level|strong|advanced|good|sound|working|thorough|demonstrated|proven|"
    r"excellent|analytical|technical|deep|solid|broad|in-depth|comprehensive|considerable|extensive|"
    r"detailed|practical|general|basic|specialist)\s+){0,3}"
    r"(?:expertise|knowledge|mastery|ability|abilities|familiarity|proficiency|understanding|skills|"
    r"capability|expert\s+in)\b|"
    # "Management Requirement: At least 2 years experience ...", "Bachelor's degree ... and six years of
    # administrative experience": a stated requirement, a degree or years of experience.
    r"^[A-Za-z ]{0,30}\b(?:requirements?|qualifications?)\s*:\s*\S|"
    r"^(?:at\s+least\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\+?\s+"
    r"(?:\(\d+\)\s+)?years?\s+(?:of\s+)?(?:[\w-]+\s+){0,3}experience\b|"
    r"^(?:an?\s+)?(?:bachelor|master|doctorate|doctoral|associate)(?:['’]?s|\s+s)?\s+degree\b",
    re.IGNORECASE,
)
_CHECK = re.compile(
    r"\b(?:subject\s+to|(?:is|are|will\s+be)\s+required\s+to\s+(?:undergo|pass)|must\s+(?:undergo|pass))\s+"
    r"(?:an?\s+|the\s+)?(?:satisfactory\s+|enhanced\s+|basic\s+|standard\s+)?(?:dbs|pvg|criminal\s+records?|"
    r"background|disclosure|security|pre-employment)\b[^.]{0,20}?\b(?:checks?|clearance|screening|vetting|"
    r"disclosure)\b|"
    # "Enhanced DBS check will be required.", "DBS disclosures are mandatory before commencement".
    r"\b(?:dbs|pvg|criminal\s+records?|background|security)\s+(?:checks?|clearance|screening|vetting|"
    r"disclosures?)\s+(?:will\s+be|is|are)\s+(?:required|mandatory|necessary|needed|essential)\b",
    re.IGNORECASE,
)
# "You need to have recent experience of working in a catering environment" states a requirement as
# plainly as "must have".
_MUST = re.compile(
    r"\b(?:is a must|must (?:be|have|hold|possess)|are required to (?:be|have|hold)|"
    r"you(?:'ll| will)? need to (?:have|hold|be|possess)|"
    # "To apply we require a minimum of 4 GCSEs, be aged 18 or over and ...": the employer's demand, plainly.
    r"we (?:also )?require (?!you to\b)|"
    # "The successful candidate will have experience in ...": the holder, named, and what they bring.
    r"the (?:successful|ideal) (?:candidate|applicant|post-?holder|person) (?:will|must|should) "
    r"(?:have|hold|be|possess|bring))\b",
    re.I,
)
# "Experience of budget control is also essential", "... skills are desirable": a requirement declared as
# such in the prose; "We are looking for someone with relevant experience": the one sought, described.
# "Knowledge of SAP is desirable", "It would also be an advantage if you have APAS experience": a
# requirement (or a nice-to-have) declared in the prose.
_DECLARED = re.compile(
    r"\b(?:is|are)\s+(?:also\s+)?(?:essential|desirable|mandatory|a\s+must)\b|"
    r"\bwould\s+(?:also\s+)?be\s+(?:an?\s+)?(?:advantage|advantageous|plus|bonus)\s+if\s+you\b",
    re.I,
)
_LOOKING_FOR_SOMEONE = re.compile(
    r"^we(?:'re|’re| are)\s+looking\s+for\s+(?:someone|a\s+person|an\s+individual|people|candidates)\s+"
    r"(?:with|who)\b",
    re.I,
)
_FREE_BLOCKS = frozenset({"intro", "trailing", "about_role", "other"})


# "None explicitly listed.", "N/A": a summary's note that the posting lists nothing there.
_NONE_STATED = re.compile(r"^\W*(?:none|n/?a|not\s+(?:specified|listed|stated|mentioned))\b", re.IGNORECASE)
# "Part Time 30 Hours per week", "This role is 37.5 hours per week", "Hours of Work: 40 hours per week",
# "Fixed Term Contract to 30 September 2021": the terms of the post, which the employer sets.
_QUALIFICATION_LINE = re.compile(
    r"^\W*[^:\n]{2,80}?:?\s+\d+\+?\s+years?\s*\((?:preferred|required)\)\s*$", re.IGNORECASE
)
_JOB_TERMS = re.compile(
    r"^\W*(?:(?:this\s+(?:role|post|position|job)\s+is\s+)?(?:(?:full|part)[- ]time\s+)?"
    r"\d+(?:\.\d+)?\s+hours?\s+(?:per|a|each)\s+week\b|hours(?:\s+of\s+work)?\s*:|"
    r"(?:full|part)[- ]time\b[^.]{0,40}\bhours\b|"
    r"(?:permanent|fixed[- ]term|temporary)(?:\s+(?:contract|post|position|role))?"
    r"(?:\s+(?:to|until|for)\b[^.]*)?[.!]?$|"
    # "The core hours of the department are 9am to 5pm", "You will be required to work weekends, evenings,
    # nights": the hours the post sets, not an ability asked of the applicant ("Must be able to work
    # weekends" is one).
    r"(?:the\s+)?(?:core|normal|usual|working|office|contracted)\s+hours\b[^.]{0,40}?\b(?:are|is|will\s+be)\b|"
    r"(?:you\s+will\s+be|you\s+are|you(?:'ll|’ll)\s+be)\s+(?:also\s+)?required\s+to\s+work\s+(?:a\s+)?"
    r"(?:weekends?|evenings?|nights?|bank\s+holidays?|shifts?|rota|unsocial|early|late|days)\b|"
    r"(?:this|the)\s+(?:post|role|position|job)\s+(?:will\s+)?requires?\s+you\s+to\s+work\b|"
    # "There is a requirement to work across all sites": where the post is worked.
    r"there\s+(?:is|will\s+be)\s+(?:a\s+)?(?:requirement|need|expectation)\s+to\s+work\b|"
    # "Full-time" alone in a list of requirements: the job's terms.
    r"(?:full|part)[- ]time(?:\s+(?:job|post|position|role|work))?[.!]?$)",
    re.IGNORECASE,
)
# A job board's line of tags under the pay, without a stop: "Full Time Health Insurance Paid Vacation Dental
# High school degree required". Only the schooling it asks for is a requirement ("No degree required": none).
_TAG_LINE = re.compile(
    r"^(?:Full|Part)[- ][Tt]ime(?=(?:\s+[\w-]+)*?\s+[A-Z][\w-]*(?:\s+[\w-]+)*?\s+[A-Z])(?:\s+[\w'’-]+){3,}$"
)
_TAGGED_DEGREE = re.compile(r"\b(?!No\b)[A-Z][\w'’-]*(?:\s+[a-z][\w'’-]*)?\s+(?:degree|diploma)\s+required$")


# "Flint will provide training to the candidates that do not have the needed certifications": what the
# employer gives, even where it opens a list of requirements.
_EMPLOYER_OFFERS = re.compile(
    r"^(?!(?i:you|candidates?|applicants?|the\s+(?:successful\s+)?(?:candidate|applicant|post-?holder|person))\b)"
    r"(?:We|[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})\s+(?:will|shall|can)\s+(?:also\s+)?"
    r"(?:provide|offer|give|pay|fund|train|cover|sponsor|reimburse)\b"
)


def _asked_among_tags(item: str) -> str:
    if _TAG_LINE.match(item) is None:
        return item
    degree = _TAGGED_DEGREE.search(item)
    return degree.group(0) if degree is not None else ""


_PAY_WORDS = re.compile(
    r"\b(?:salary|salaries|pay|paid|compensation|remuneration|rémunération|range|bracket|rate|"
    r"per\s+(?:annum|hour|year|month|week))\b",
    re.IGNORECASE,
)


def _states_pay(item: str) -> bool:
    """ "For this role, we have a salary bracket of €4,200 to €5,200 per month.", "Rémunération : 51k€
    /61k€": what the job pays, which a list's last lines often add; never asked of the applicant."""
    return (
        re.search(r"\d", item) is not None
        and _PAY_WORDS.search(item) is not None
        and find_salary(item) is not None
    )


def _holder_must(item: str) -> bool:
    if _KNOW_HOW.match(item):
        return True
    return (
        _MUST.search(item) is not None
        and not re.match(r"^(?:we|our)\b", item, re.I)
        and _classify_sentence(item) == "requirements"
    )


def _starts_with_action(item: str) -> bool:
    first = re.match(r"[A-Za-z]+", item)
    return first is not None and first.group(0)[0].isupper() and is_verb(first.group(0))


def _list_kind(bullets: Sequence[str]) -> str | None:
    if len(bullets) < 3:
        return None
    actions = sum(1 for item in bullets if _starts_with_action(item))
    if actions * 10 >= len(bullets) * 6:
        return "responsibilities"
    stated = sum(1 for item in bullets if _classify_sentence(item) == "requirements")
    if actions * 10 <= len(bullets) * 2 and stated * 10 >= len(bullets) * 3:
        return "requirements"
    return None


def _lists(reading: Reading, header: Header) -> tuple[list[str], list[str], list[str]]:
    items: dict[str, list[str]] = {}
    for block in reading.blocks:
        if block.kind in LIST_SECTIONS:
            items.setdefault(block.kind, []).extend(_block_items(block))
    # A list without a heading or markers whose lines read as requirements ("Experience with ...",
    # "Able to ...", "6 years of ...") is the requirements list, whatever the headings say.
    for block in reading.blocks:
        if block.kind not in _FREE_BLOCKS:
            continue
        for lines, _ in block.paragraphs:
            if len(lines) >= 3 and is_unmarked_list(lines):
                kinds = [_classify_sentence(line) for line in lines]
                if kinds.count("requirements") * 2 >= len(lines):
                    items.setdefault("requirements", []).extend(lines)
    # "Kindly note: employees should have their own laptop.": prose right after a requirements list
    # that states one more requirement.
    for before, block in zip(reading.blocks, reading.blocks[1:], strict=False):
        if block.kind == "trailing" and before.kind in {"requirements", "nice_to_have"}:
            for lines, _ in block.paragraphs:
                for part in _paragraph_items("other", lines):
                    kept = without_boilerplate(part)
                    if (
                        kept
                        and _STRONG_REQUIREMENT.search(kept)
                        and _classify_sentence(kept) == "requirements"
                    ):
                        items.setdefault(before.kind, []).append(kept)
    # "The post is subject to an Enhanced DBS check the cost of which is covered by the Hospice.": a check
    # the holder must pass, even where it follows the list of what the employer offers.
    offers = items.get("benefits", [])
    if offers:
        items["benefits"] = [item for item in offers if not _CHECK.search(item)]
        items.setdefault("requirements", []).extend(item for item in offers if _CHECK.search(item))
    # "Bachelor's degree ... and six years of administrative experience ...": a paragraph after the last
    # list that opens with what the holder must know, be able to do or hold is a requirement.
    for block in reading.blocks:
        if block.kind == "trailing" and items:
            for lines, _ in block.paragraphs:
                for part in _paragraph_items("other", lines):
                    kept = without_boilerplate(part)
                    if kept and _KNOW_HOW.match(kept):
                        items.setdefault("requirements", []).append(kept)
    # "customer service experience: 2 years (Preferred)", "Emis Web 1 year (Required)": an Indeed
    # qualification line is a requirement wherever a paste left it (under "Benefits:" once the
    # "Experience:" heading above it was lost).
    for section in ("benefits", "responsibilities"):
        found = [item for item in items.get(section, []) if _QUALIFICATION_LINE.match(item)]
        if found:
            items[section] = [item for item in items[section] if item not in found]
            items.setdefault("requirements", []).extend(found)
    # "Expert knowledge of ...", "Ability to ...": what a holder must know or be able to do is a
    # requirement even under a duties heading (a position description that runs on past its headings).
    # So is a sentence in the role's prose that says what the holder must have or be ("The successful
    # applicant must have experience at a similar level ..."), where a "The role" heading ran on over
    # the whole advert.
    duties = items.get("responsibilities", [])
    if duties:
        items["responsibilities"] = [item for item in duties if not _holder_must(item)]
        items.setdefault("requirements", []).extend(item for item in duties if _holder_must(item))
    # A list under a heading no pattern knows ("YOU'LL HAVE THE OPPORTUNITY TO:") holds one kind of
    # item: duties when most items begin with an action verb ("Act as", "Gathers", "Managing"),
    # requirements when none do and some state one outright. Its other items follow the majority.
    # The same for a list after the last heading ("o Review ...", "o Assist ..." under sub-headings
    # that name no section): a run of duties is still duties.
    voted_blocks: set[int] = set()
    for index, block in enumerate(reading.blocks):
        voted = _list_kind(block.bullets) if block.kind in {"other", "trailing"} else None
        if voted is not None:
            items.setdefault(voted, []).extend(block.bullets)
            voted_blocks.add(index)
    announced = {kind for kind in LIST_SECTIONS if items.get(kind)}
    if "requirements" in announced or "nice_to_have" in announced:
        # "AI Architectural experience is a must.", "applicants must be legally authorized to work in the
        # United States": a requirement stated in the prose outside the lists.
        for block in reading.blocks:
            if block.kind not in _FREE_BLOCKS:
                continue
            parts = [
                *block.bullets,
                *(p for lines, _ in block.paragraphs for p in _paragraph_items("other", lines)),
            ]
            for part in parts:
                for clause in re.split(r"(?<=[;.])\s+", part):
                    kept = without_boilerplate(clause)
                    if (
                        kept
                        and _classify_sentence(kept) == "requirements"
                        and (
                            _LOOKING_FOR_SOMEONE.search(kept)
                            or (
                                (_MUST.search(kept) or _CHECK.search(kept) or _DECLARED.search(kept))
                                and not re.match(r"^(?:we|our)\b", kept, re.I)
                            )
                        )
                    ):
                        items.setdefault("requirements", []).append(kept)
    # Kinds no heading announced come from the free prose and loose bullets, by cue words.
    wanted = {"requirements", "responsibilities", "benefits"} - announced
    if "nice_to_have" in announced:
        wanted.discard("requirements")
    if wanted:
        for index, block in enumerate(reading.blocks):
            if block.kind not in _FREE_BLOCKS or index in voted_blocks:
                continue
            for bullet in block.bullets:
                kind = _classify_sentence(bullet)
                if kind in wanted:
                    items.setdefault(kind, []).append(bullet)
            for lines, _ in block.paragraphs:
                for item in _paragraph_items("other", lines):
                    sentence = without_boilerplate(item)
                    if sentence is None:
                        continue
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
        item
        for item in [
            *header.label_requirements,
            *(_asked_among_tags(item) for item in items.get("requirements", [])),
            *(
                NICE_TO_HAVE_PREFIX + x
                for x in items.get("nice_to_have", [])
                if without_boilerplate(x) and _HAS_LETTER.search(x)
            ),
        ]
        if item
        and not _states_pay(item)
        and not _NONE_STATED.match(item.removeprefix(NICE_TO_HAVE_PREFIX))
        and not _JOB_TERMS.match(item)
        and not _EMPLOYER_OFFERS.match(item)
    )
    return requirements, _bounded(items.get("responsibilities", [])), _bounded(items.get("benefits", []))


# Know-how named as a concept ("data engineering", "risk assessment", "budgeting") is a keyword when the
# requirements or duties ask for it, not when the company's story or a team's name mentions it; products and
# languages count wherever the posting names them. Licences and checks are asked for the same way: "any offer
# is subject to an Enhanced DBS check", "we have vacancies for Registered Nurses" or "we conduct background
# checks at the offer stage" say what the employer does, a requirement or a duty says what the holder needs.
_CONCEPT_CATEGORIES = SKILL_CATEGORIES - {"spoken_language"}
_CONCEPT_WORDS = frozenset(
    {"Accessibility", "Statistics", "Cybersecurity", "Encryption", "Prototyping", "Wireframing"}
)
# "A degree in Computer Science, Data Science or Statistics": the subject of a degree, not a skill.
_DEGREE_SUBJECT = re.compile(
    r"\b(?:degree|bachelor'?s?|master'?s?|bsc|msc|ba|ma|phd|studium|diploma)\b[^.;:\n]{0,30}\bin\s+[^.;:\n]*$",
    re.I,
)


def _is_concept(skill: Skill) -> bool:
    if skill.category in _CONCEPT_CATEGORIES:
        return True
    words = skill.name.split()
    return skill.name in _CONCEPT_WORDS or (
        len(words) >= 2 and skill.category in {"data", "ml", "design", "security"} and words[1][:1].islower()
    )


# A discipline or a market followed by one of these names an employer or its market, not know-how: "a B2B
# SaaS company", "SaaS and AI companies", "SaaS product docs"; the words may close a short list ("a fintech,
# RegTech or SaaS business").
_MARKET_AFTER = re.compile(
    r"^(?:(?:\s*,\s*(?:and/or|and|or)?|\s+(?:and/or|and|or|&)|\s*/)\s*(?:an?\s+)?[A-Za-z][\w&-]*"
    r"(?:\s+[A-Za-z][\w&-]*)??){0,2}"
    r"(?:\s+|-)(?:companies|company|businesses|business|start-?ups?|scale-?ups?|firms?|organi[sz]ations?|"
    r"industry|sector|market|space)\b",
    re.IGNORECASE,
)
# A capitalised discipline before one of these is a unit's name ("our Clinical Education Team", "the Data
# Engineering team"), as is one after "Head of"; a lower-case one is the work ("oversees the cash
# management team" asks for cash management).
_UNIT_AFTER = re.compile(r"^\s+(?:teams?|department|directorate|division|function|squad|unit)\b", re.I)
_UNIT_BEFORE = re.compile(
    r"\b(?:head|director|directors|vp|vice\s+president|manager|lead)\s+(?:of|for)\s+(?:the\s+)?$", re.I
)


# A capitalised discipline before one of these capitalised nouns is part of a proper name: a product ("the AI
# Agent Platform"), a body ("the Digital Humanities Observatory"), a tool ("the Project Management Tool"), a
# standard ("Global Business Intelligence Framework") or an award ("a Teaching/Assessing Certificate"). The
# noun must be capitalised too (case-sensitive), so "Project Management tools" is still the know-how.
_NAME_HEAD_AFTER = re.compile(
    r"^(?:\s*/\s*[A-Z][\w-]*)?\s+(?:Platform|Observatory|Tool|Framework|Certificate|Institute|Centre|Center|"
    r"Programme|Program|Initiative|Office|Hub|Lab|Laboratory|Foundation|Council|Society|Association|Network|"
    r"Award|Conference|Summit|Portal|Suite|System|Service)s?\b"
)
# "experience in RegTech or B2B SaaS": a discipline after a market's prefix that ends the phrase is a market;
# "B2B SaaS metrics" is know-how of it.
_MARKET_BEFORE = re.compile(r"\b(?:B2B|B2C|B2B2C|D2C|DTC)\s+$")
_PHRASE_END = re.compile(r"^\s*(?:[.,;:)]|\n|$)")


# Know-how before a role noun names a colleague's post, not what the applicant must know: "work with the
# Compliance Officer", "report to the Safeguarding Lead", "support Polling Location Technicians". Said of the
# applicant ("as a Procurement Lead", "you will be the metadata coordinator") it is their own trade.
_POST_AFTER = re.compile(
    r"[-\s]+(?:masters?|managers?|engineers?|coordinators?|officers?|specialists?|technicians?|analysts?|"
    r"architects?|leads?|directors?|consultants?|advisors?|advisers?|administrators?|assistants?|"
    r"representatives?|owners?|champions?)\b",
    re.IGNORECASE,
)
_SELF_BEFORE = re.compile(r"\b(?:as|be|become|are|is)\s+(?:an?|the|our)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)


# "Partner with members of the finance and procurement teams", "regular liaison with budget holders, payroll,
# internal audit": the people a holder works with, named by their function, not the holder's own know-how.
# Once the clause goes on to what is done with them ("collaborate with nurses to devise care plans",
# "work closely with the team on data modeling") the skill is the work again.
_COLLABORATORS_BEFORE = re.compile(
    r"\b(?:liais(?:e|es|ing|on)|collaborat(?:e|es|ing|ion)|partner(?:s|ing)?|work(?:s|ing)?\s+closely|"
    r"alongside)\s+(?:with\s+)?(?P<rest>[^.;:\n]*)$",
    re.IGNORECASE,
)
_WORK_IN_CLAUSE = re.compile(r"\b(?:to|on|in|for|by|through|using|via|across)\b", re.IGNORECASE)


def _names_collaborators(text: str, found: SkillMatch) -> bool:
    """Whether a skill mention names the people the holder works with ("liaison with payroll")."""
    before = _COLLABORATORS_BEFORE.search(text, max(0, found.start - 100), found.start)
    return before is not None and not _WORK_IN_CLAUSE.search(before.group("rest"))


def _names_a_post(text: str, found: SkillMatch) -> bool:
    """Whether a skill mention is part of someone else's job title ("the Scrum Master")."""
    before = text[max(0, found.start - 40) : found.start]
    return bool(_POST_AFTER.match(text, found.end)) and not _SELF_BEFORE.search(before)


def _names_a_unit(text: str, found: SkillMatch) -> bool:
    """Whether a skill mention is part of the name of a team, a post ("Head of"), an employer, a market or of
    a product, a body or a certificate."""
    after = text[found.end : found.end + 60]
    before = text[max(0, found.start - 30) : found.start]
    capitalised = all(word[:1].isupper() for word in found.text.split())
    return bool(
        _MARKET_AFTER.match(after)
        or (_MARKET_BEFORE.search(before) and _PHRASE_END.match(after))
        or (capitalised and (_UNIT_AFTER.match(after) or _NAME_HEAD_AFTER.match(after)))
        or _UNIT_BEFORE.search(before)
    )


# "3+ years of experience in analytics engineering, data engineering, or a data analyst role": a discipline
# the years were spent in is the applicant's past field, a requirement of experience, not a skill to list.
_FIELD_OF_WORK = re.compile(
    r"\b(?:years?|yrs)\b[^.;:\n]{0,40}\b(?:experience|background)\s+(?:in|as|within|across)\b[^.;:\n]*$|"
    # The same in the German, Dutch and French postings: "2-5 Jahre Berufserfahrung im Bereich Data
    # Engineering", "3 jaar ervaring als", "5 ans d'expérience en".
    r"\b(?:jahre?n?|jaar|ans)\b[^.;:\n]{0,40}(?:erfahrung|ervaring|exp[ée]rience)\s+(?:im\s+bereich|in|im|als|"
    r"binnen|en|dans|comme)\b[^.;:\n]*$",
    re.IGNORECASE,
)
_DISCIPLINE = re.compile(r"\b(?:engineering|development|science|intelligence|analytics)$")


# "Free DBS check", "paid first aid training": a check or a certificate the employer pays for is an offer, not
# something the applicant must hold.
_OFFERED_BEFORE = re.compile(
    r"\b(?:free|paid|paid-for|funded|fully\s+funded|reimbursed|company[- ]funded)\s+(?:\w+\s+)?$", re.I
)


def _counts(text: str, found: SkillMatch) -> bool:
    """Whether a mention counts towards the posting's keywords (an offer or a tool's practice does not)."""
    before = text[max(0, found.start - 30) : found.start]
    if found.skill.category == "licence" and _OFFERED_BEFORE.search(before):
        return False
    return not _named_by_its_tool(text, found)


_TOOL_REACH = 80
_CLAUSE_END = re.compile(r"\n|(?<!\be\.g)(?<!\bi\.e)[.;](?=\s)", re.I)


def _named_by_its_tool(text: str, found: SkillMatch) -> bool:
    """Whether the sentence that names this practice also names a tool that does it: "Git version control",
    "automated testing frameworks (Jest, Playwright)", "observability tools such as Prometheus"."""
    vocabulary = get_vocabulary()
    tools = vocabulary.implied_by(found.skill)
    if not tools:
        return False
    # Near it, in its sentence: a long list of skill tags ("Data Warehousing (DW), DevOps, ..., Snowflake")
    # names each item on its own.
    start = max((m.end() for m in _CLAUSE_END.finditer(text, 0, found.start)), default=0)
    start = max(start, found.start - _TOOL_REACH)
    after = _CLAUSE_END.search(text, found.end, found.end + _TOOL_REACH)
    sentence = text[start : after.start() if after else min(len(text), found.end + _TOOL_REACH)]
    return any(skill.name in tools for skill in vocabulary.skills_in(sentence))


def _posting_keywords(
    text: str, requirements: Sequence[str], responsibilities: Sequence[str], title: str | None = None
) -> list[str]:
    vocabulary = get_vocabulary()
    # The title names the job's own trade ("Carpenter", "Catering Manager", "Clinical Educator"): what a
    # posting asks for first, even when no requirement repeats it. Duties name the aims every team has
    # ("ensure scalability", "take part in code reviews"): a quality of the work (the vocabulary's `aim`)
    # counts when the title or the requirements ask for it.
    required = "\n".join([title or "", *requirements])
    asked = "\n".join([required, *responsibilities])
    mentions = vocabulary.find(asked)
    asked_for = {
        found.skill.name
        for found in mentions
        if (found.start <= len(required) or not vocabulary.is_aim(found.skill))
        and not _DEGREE_SUBJECT.search(asked[max(0, found.start - 80) : found.start])
        and not _names_a_unit(asked, found)
        and not (found.start > len(title or "") and _names_a_post(asked, found))
        and not _names_collaborators(asked, found)
        and not _named_by_its_tool(asked, found)
        and not (
            _DISCIPLINE.search(found.skill.name)
            and _FIELD_OF_WORK.search(asked, max(0, asked.rfind("\n", 0, found.start) + 1), found.start)
        )
    }
    keywords = []
    for name in extract_keywords(text, emphasis=requirements, include_soft=False, keep=_counts):
        skill = vocabulary.canonical(name)
        if skill is None or not _is_concept(skill) or name in asked_for:
            keywords.append(name)
    # "Project Manager" asks for project management though no sentence says so.
    keywords.extend(skill.name for skill in title_skills(title or "") if skill.name not in keywords)
    return keywords


def _experience_from_text(text: str) -> str | None:
    for level, pattern in _EXPERIENCE_LEVELS:
        if pattern.search(text):
            return level
    return None


def _experience_level(header: Header, text: str) -> str | None:
    if header.level_label:
        level = _experience_from_text(header.level_label)
        if level:
            return level
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


_OCCASIONAL_OFFICE = re.compile(
    r"\b(?:occasional(?:ly)?|rare(?:ly)?|infrequent(?:ly)?|once\s+(?:a|per)\s+(?:month|quarter)|quarterly)\b"
    r"[^.;]{0,30}\b(?:office|offices|on[- ]?site|in[- ]person|hq|headquarters|meet[- ]?ups?|meetings?)\b",
    re.I,
)


def detect_remote(text: str, hints: Sequence[str] = ()) -> Remote | None:
    """Full, Hybrid or None (on-site) when the posting says so; Python None when it does not."""
    candidate: Remote | None = None
    for hint in hints:
        lowered = hint.lower()
        if _HYBRID.search(lowered):
            return "Hybrid"
        if re.search(r"\bremote\b|\bwork from home\b|\btelework\b", lowered) and not _NOT_REMOTE.search(
            lowered
        ):
            candidate = "Full"
            break
        if _NOT_REMOTE.search(lowered) or re.search(r"\bonsite\b|\bon-site\b|\bin person\b", lowered):
            candidate = "None"
            break
    all_sentences = [s for line in text.split("\n") for s in sentences(line)]
    if any(_HYBRID.search(s) for s in all_sentences):
        return "Hybrid"
    # "Two days a week we meet at the office; the rest you work remotely."
    for sentence in all_sentences:
        mixed = _OFFICE.search(sentence) and _AWAY.search(sentence) and not _FULL_REMOTE.search(sentence)
        if (
            mixed
            and not re.search(r"\b(?:no|not)\b[^.]{0,20}\b(?:remote|home)", sentence, re.I)
            # "remote work with occasional London office meetings": remote, with a visit now and then.
            and not _OCCASIONAL_OFFICE.search(sentence)
            and not is_boilerplate(sentence)
        ):
            return "Hybrid"
    if candidate is not None:
        return candidate
    if any(
        # "Remote Position: No": a page's field.
        re.search(
            r"\b(?:no|not a|not)\s+remote\b|\bremote work is not\b|^remote(?:\s+\w+)?\s*:\s*no\b", s, re.I
        )
        for s in all_sentences
    ):
        return "None"
    if any(_FULL_REMOTE.search(s) for s in all_sentences):
        return "Full"
    if any(_NOT_REMOTE.search(s) for s in all_sentences):
        return "None"
    return None


def _description(reading: Reading, header_texts: set[str]) -> str | None:
    def pick(kinds: set[str]) -> list[str]:
        return [
            text
            for block in reading.blocks
            if block.kind in kinds
            for lines, _ in block.paragraphs
            if (text := " ".join(lines)) not in header_texts and not is_boilerplate(text)
        ]

    chosen = pick({"about_role"}) or pick({"intro"}) or pick({"about_company"}) or pick({"responsibilities"})
    if not chosen:
        return None
    text = "\n\n".join(chosen)
    if len(text) > MAX_DESCRIPTION_CHARS:
        cut = text[:MAX_DESCRIPTION_CHARS]
        end = max(cut.rfind(". "), cut.rfind(".\n"))
        text = cut[: end + 1] if end > MAX_DESCRIPTION_CHARS // 2 else cut.rstrip() + "…"
    return text


def parse_job_text(raw_text: str) -> ParsedJob:
    text = unglue(clean_posting(raw_text))
    lines = classify_lines(text)
    reading = read_blocks(lines)
    header = read_header(lines, reading, text)
    requirements, responsibilities, benefits = _lists(reading, header)

    if header.title is None:
        header.title = title_from_prose(reading)

    country = posting_country(text, header.location)
    salary = find_salary(text, country=country)
    remote = detect_remote(text, header.remote_hints)

    # A tool named only in how to apply or how the interview runs ("interviews may be carried out via
    # Microsoft Teams") is not asked of the applicant: boilerplate sentences leave the keyword text
    # even inside a paragraph that also states requirements.
    keyword_text = "\n".join(
        " ".join(part for part in sentences(line.text) if not is_boilerplate(part))
        for line, section in zip(lines, reading.section_of_line, strict=False)
        if section not in {"benefits", "apply"} and not is_boilerplate(line.text)
    )
    keywords = _posting_keywords(keyword_text, requirements, responsibilities, header.title)

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
