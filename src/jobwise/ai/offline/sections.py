"""A posting's lines, sections and list items.

1. Each line is classified: blank, heading (a known section name such as "Requirements" or "What
   you'll do", with or without "#", "**" or a colon; or a short title-like line whose words name a
   section, "Technical Skills & Experience"), bullet (•, -, *, ·, numbered), label ("Location:
   Berlin", also "Location" with its value on the next line, and "* Location: Berlin"), lead-in (a
   line ending in a colon that introduces a list: "The ideal candidate will have:") or text.
2. The lines fall into blocks, one per heading; a block keeps its bullets and its paragraphs (the
   lines between blank lines, each kept as lines).
3. A list block's items are its bullets; without bullets, its paragraphs: a paragraph whose lines each
   start a new item (a list without markers) gives one item per line, a paragraph of hard-wrapped
   lines is joined and gives its sentences.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from rapidfuzz.distance import Levenshtein

from jobwise.ai.offline.boilerplate import is_boilerplate
from jobwise.ai.offline.posting_words import LABEL_KEYS, ROLE_NOUN

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
        r"nice[- ]to[- ]haves?|(?:it'?s\s+a\s+)?bonus(?: points)?(?: if you(?: also)? (?:have|bring))?|"
        r"(?:the\s+)?pluses|"
        r"preferred(?: qualifications| skills| experience| requirements)?|desirable(?: criteria| skills)?|"
        r"good to have|extra credit|would be (?:great|nice|a plus)|additional qualifications|"
        r"(?:it'?s\s+)?a plus(?: if you have)?|even better if(?: you have)?|assets?|"
        r"(?:what would )?set you apart|wünschenswert|von vorteil",
    ),
    (
        "requirements",
        r"(?:job |key |minimum |basic |required |essential |technical |core |other )?(?:requirements|"
        r"requriements|qualifications)"
        r"(?: and (?:qualifications|skills|experience))?|requirements? profile|"
        r"(?:required |key |technical |core |essential )?skills(?: and (?:experience|qualifications))?|"
        r"(?:your |required )?experience|essential criteria|essential|person specification|"
        r"(?:selection |evaluation )?criteria|how you will be evaluated|"
        r"education(?: and experience)?|languages?(?: proficiency| requirements)?|"
        r"licen[cs]es?(?: and certifications)?|certifications?|physical (?:demands|requirements)|"
        r"(?:behavioral |behavioural |core )?competenc(?:ies|e)|"
        r"what you(?:'ll|’ll| will)? (?:need|bring)|what (?:you )?(?:should|must) have|"
        # "What do you need to succeed?": the question form some employers' templates use.
        r"what (?:do|will) you (?:need|bring)|"
        r"what we(?:'re|’re| are) looking for|we(?:'re|’re| are) looking for|what we look for|"
        r"who (?:you are|we(?:'re|"
        r" are) looking for)|"
        r"about you|you(?:'ll| will)? have|you(?:'re|’re| are)|your (?:profile|skills|expertise|background|"
        r"qualifications|skills and experience)|"
        r"profile|must[- ]haves?|(?:the )?ideal candidate|is this you|do you have what it takes|"
        r"what it takes|what makes you a (?:great|good) fit|you might be a (?:great|good) fit if|"
        r"who would be a good fit|"
        r"what we (?:expect|need)(?: from you)?|what we(?:'d|’d| would) love(?: to see)?|who you are|"
        # "We expect you to", then "Have 3+ years of ...", "Be fluent in English": the items finish it.
        r"we (?:expect|need) you to|"
        r"ability to commute(?:/relocate)?|dein profil|ihr profil|das bringst du mit|das bringen sie mit|"
        r"das kannst du einbringen|das zeichnet dich aus|was dich auszeichnet|anforderungen|qualifikationen|"
        r"(?:votre |ton )?profil(?: recherché| requis)?|compétences(?: requises| techniques)?|"
        r"ce que nous recherchons|"
        r"expérience|langues|"
        r"(?:tu es|vous êtes)(?: fait pour ce poste)?|requisitos|perfil(?: buscado)?|"
        r"(?:jouw |uw |je |het )?(?:profiel|functie-?eisen|vereisten)|wat (?:breng je mee|verwachten wij|"
        r"vragen wij)",
    ),
    (
        "responsibilities",
        r"(?:key |main |your |core |primary )?(?:responsibilities|duties|accountabilities|tasks)|"
        r"roles? and responsibilities|"
        rf"what {_YOU_LL}(?: be)? (?:do|doing|work on|working on|own|achieve)|"
        r"what will you (?:be )?(?:do|doing|work on|working on)|"
        rf"{_YOU_LL}|in this role(?:,)? {_YOU_LL}|(?:your|the) role|role|the job|"
        r"your (?:mission|impact|day[- ]to[- ]day|challenges?)|(?:the )?mission|day[- ]to[- ]day|"
        r"what the (?:job|role) involves|job duties|a day in the life|how you(?:'ll| will) make an impact|"
        r"the impact you(?:'ll| will) make|deine aufgaben|ihre aufgaben|aufgaben|deine rolle|deine mission|"
        r"(?:tes|vos) missions|"
        r"skills/responsibilities|(?:jouw |je |uw )?(?:uitdaging|taken|takenpakket|functie(?:omschrijving)?|"
        r"verantwoordelijkheden)|wat ga je doen",
    ),
    (
        "benefits",
        r"(?:our |the )?benefits(?: and perks)?(?: that matter)?|perks(?: and benefits| & benefits)?|"
        r"(?:what )?we (?:can )?offer(?: you)?|our offer(?: to you)?|what(?:'s|’s| is) in it for you|"
        r"why (?:join|work (?:with|for)) us|(?:key |unique )?selling points|"
        r"why you(?:'ll| will) love (?:it here|working here|us)|benefits of working .{1,40}|"
        r"compensation(?: and| &) benefits|total rewards|what you(?:'ll| will)? get|rewards?|"
        r"rewarding your contribution|salary and benefits|what we(?:'ll| will)? give you|"
        r"what(?:'s| is) on offer|in return|das sind deine vorteile|deine vorteile|wir bieten|"
        r"das bieten wir|unser angebot|(?:ons )?aanbod|wat (?:bieden wij|bieden we|mag je verwachten)|"
        # "Warum diese Rolle spannend ist": why the post is worth having, as its selling points.
        r"warum (?:diese|dieser|dieses) (?:rolle|job|stelle|position)(?:\s+\w+){0,3}",
    ),
    (
        "about_role",
        r"about (?:the|this) (?:role|job|position|opportunity|team)|the (?:opportunity|position)|"
        r"(?:job |role |position )?(?:overview|description|summary)|(?:full )?job description|job details|"
        r"(?:the )?team|your team|general description of job|what is the opportunity|"
        r"role overview|descriptif du poste|description du poste",
    ),
    (
        "about_company",
        r"about us|about the company|who we are|our company|the company|company (?:description|overview)|"
        r"our story|our mission|life at .{1,40}|who are .{1,40}|"
        # "How we Lead the DS Way", "Our values": the behaviours every employee is held to, the company's
        # creed rather than this job's requirements.
        r"how we lead(?:\s+.{1,40})?|our (?:values|principles|leadership principles|culture)",
    ),
    (
        "apply",
        r"how to apply|to apply|apply|applying|application process|apply now|next steps|"
        r"(?:our )?(?:interview|hiring|recruitment) process|"
        r"equal (?:employment )?opportunit(?:y|ies)(?: employer)?|diversity(?: and inclusion| & inclusion)?|"
        r"eeo|application questions?(?:\(s\))?|application question\(s\)|disclaimer|what'?s next|"
        r"(?:our )?commitment to diversity|interested\??|interesse\??|intéressé(?:e|\(e\))?\s*\??",
    ),
    (
        "other",
        r"schedule|shifts?|job types?|work environment|working conditions|definitions|the location|"
        r"location|where you(?:'ll| will) be(?: working| based)?|where you(?:'ll| will) work|living here|"
        # "Additional Information", "Site Information": a page's section of facts about the post.
        r"(?:additional|further|other|site|supporting|general) information|"
        r"supplemental pay(?: types)?|tipe lokasi|work location|what sets us apart|"
        r"das erwartet dich bei uns|unser tech[- ]stack|tech stack|our stack|"
        r"who (?:thrives|succeeds|excels|does well|will thrive) (?:in this role|here|with us)",
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
# A short title-like line that is not a known heading names its section by its words: "Technical
# Skills & Experience", "Pre-Employment Additional Requirements", "Preferred Skills and Qualifications".
_SECTION_WORDS: list[tuple[SectionKind, re.Pattern[str]]] = [
    (
        "apply",
        re.compile(
            r"\b(?:apply|applying|application|deadline|equal opportunit\w*|accommodations?|"
            r"interview|disclaimer)\b",
            re.I,
        ),
    ),
    # "Digital Asset Management" is a subject, not "assets" (what would be a plus).
    (
        "nice_to_have",
        re.compile(
            # "Discretionary Bonus Scheme", "Annual bonus": pay, an item of the benefits, not a heading.
            r"\b(?:nice|(?<!discretionary )(?<!annual )(?<!performance )(?<!quarterly )(?<!cash )"
            r"bonus(?!\s+(?:scheme|plan|programme|program|structure|pay|payments?|potential|eligibility))|"
            r"desirable|preferred|pluses|assets?(?!\s+(?:management|manager|tracking|register))|"
            r"advantageous)\b",
            re.I,
        ),
    ),
    ("benefits", re.compile(r"\b(?:benefits?|perks|rewards?|vorteile|we offer)\b", re.I)),
    (
        "responsibilities",
        re.compile(r"\b(?:responsibilit\w+|duties|tasks|aufgaben|accountabilit\w+)\b", re.I),
    ),
    (
        "requirements",
        re.compile(
            r"\b(?:requirements?|requriements|qualifications?|skills|competenc\w+|experience|education|"
            r"knowledge|abilities|criteria|essential|licen[cs]es?|certifications?|proficiency|languages?|"
            r"kenntnisse|anforderungen|must[- ]haves?)\b",
            re.I,
        ),
    ),
    ("about_company", re.compile(r"\b(?:about us|who we are|our story|our culture|our values)\b", re.I)),
]
_ABOUT_NAME = re.compile(
    r"^(?:(?i:about|why(?: join)?|life at|working at|why work at|why work for|über|sobre|acerca de)\s+|"
    # "À propos d'Emeria", "A propos de Foncia": the French heading.
    r"(?i:[àa] propos)\s+(?:de\s+|d['’]))"
    r"(?P<name>[A-Z0-9][\w&.'’ -]{1,60}?)\??$"
)
# "Why This Role Matters", "About The Role": not a name.
_NOT_A_NAME_START = re.compile(
    r"^(?:this|the (?:role|job|position|team|opportunity)|our|your|you|us|it|we|working|joining|a |an )\b",
    re.I,
)

_BULLET = re.compile(
    r"^\s*(?:[-*•·▪◦‣●○■□–—✓✔➢➤►→]|[\U0001F300-\U0001FAFF\u2600-\u27BF]\ufe0f?|\d{1,2}[.)]|\(\d{1,2}\)|"
    r"[a-h][.)]|"
    # "o Install software upgrades": Word's hollow bullet as a copied page or PDF gives it, a lower-case
    # letter o before a capitalised item.
    r"o(?=\s+[A-Z])|"
    # "\t+ Experience with SAP ...": a markdown sub-list's marker, as a job board's text keeps it.
    r"\+(?=\s+[A-Z]))"
    r"\s+(?P<item>\S.*)$"
)
# "POSITION_NAME: Backend Engineer": a template's field name, its words joined by underscores.
_LABEL = re.compile(r"^(?P<key>[A-Za-z][A-Za-z_ /&'’()-]{0,34}?)\s*:\s*(?P<value>\S.*)$")
_BARE_LABEL = re.compile(r"^(?P<key>[A-Za-z][A-Za-z /&'’()-]{0,34}?)\s*:?$")
# A lead-in that announces a list of another kind than the block it stands in.
_LEADIN_KINDS: list[tuple[SectionKind, re.Pattern[str]]] = [
    ("benefits", re.compile(r"\b(?:benefits|we (?:can )?offer|in return|perks)\b", re.I)),
    ("nice_to_have", re.compile(r"\b(?:bonus|nice to have|desirable|preferred|a plus)\b", re.I)),
    # "We are looking for nurses who will be involved in:": the duties, though it says "looking for".
    (
        "responsibilities",
        re.compile(
            r"\b(?:main|key|day[- ]to[- ]day|principal) activities\b|\bactivities of the (?:role|post)\b|"
            r"\bwill be involved in\b|"
            # "As the Catering Manager your role will include:".
            r"\b(?:the|your|this) (?:role|post|position|job) (?:will )?(?:involves?|includes?)\b",
            re.I,
        ),
    ),
    (
        "requirements",
        re.compile(
            # "To be considered for this opportunity, you should be able to demonstrate the following:".
            r"\b(?:looking for|requirements|you must|must have|you(?:'ll| will)? need|you should have|"
            r"(?:should|must|will) be able to demonstrate|to be considered|(?:skills|knowledge) required|"
            r"ideal candidate|(?:a )?good fit|skills and experience|qualifications|criteria|"
            r"you(?:'ll| will) bring)\b",
            re.I,
        ),
    ),
    (
        "responsibilities",
        re.compile(r"\b(?:responsibilities|duties|tasks|you(?:'ll| will) (?:do|be))\b", re.I),
    ),
]

LineKind = Literal["blank", "heading", "bullet", "label", "leadin", "text"]


@dataclass
class Line:
    raw: str
    text: str
    kind: LineKind
    section: SectionKind | None = None
    value: str = ""
    key: str = ""
    about_name: str | None = None
    markdown_heading: bool = False


@dataclass
class Block:
    """The lines under one heading (or before the first: "intro"; after a list: "trailing")."""

    kind: str
    heading: str = ""
    bullets: list[str] = field(default_factory=list)
    # Each paragraph as its lines, and whether bullets came before it in this block.
    paragraphs: list[tuple[list[str], bool]] = field(default_factory=list)


@dataclass
class Reading:
    blocks: list[Block] = field(default_factory=list)
    # The block kind of every line, for leaving the benefits out of the keywords.
    section_of_line: list[str] = field(default_factory=list)
    first_heading_line: int | None = None
    about_names: list[str] = field(default_factory=list)

    def kinds(self) -> set[str]:
        return {block.kind for block in self.blocks}


def clean_line(line: str) -> tuple[str, bool]:
    """The line without markdown emphasis, heading marks and links; and whether it had a "#"."""
    stripped = line.strip()
    markdown_heading = stripped.startswith("#")
    stripped = re.sub(r"^#{1,6}\s*", "", stripped)
    stripped = re.sub(r"^>\s?", "", stripped)
    stripped = stripped.replace("**", "").replace("__", "").replace("`", "")
    stripped = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", stripped)
    stripped = re.sub(r"\s*<https?://[^>]+>", "", stripped)
    return stripped.strip(), markdown_heading


def _title_like(text: str) -> bool:
    words = re.findall(r"[A-Za-zÀ-ÿ][\w'’-]*", text)
    long_words = [w for w in words if len(w) >= 4]
    if not words or len(words) > 7:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return not long_words or capitalised * 10 >= len(long_words) * 6 or text.isupper()


# Long heading words a typing slip leaves recognisable (two edits at most).
_HEADING_WORDS = ("responsibilities", "requirements", "qualifications", "benefits", "experience", "essential")


def _spelled_right(heading: str) -> str:
    words = heading.split()
    if not 1 <= len(words) <= 4:
        return heading
    fixed = []
    for word in words:
        lowered = word.lower()
        best = next(
            (
                right
                for right in _HEADING_WORDS
                if len(lowered) >= 8 and lowered != right and Levenshtein.distance(lowered, right) <= 2
            ),
            None,
        )
        fixed.append(best or word)
    return " ".join(fixed)


# "Proficiency in Excel", "Experience with Salesforce", "Bilingual and/or American Sign Language": a list
# item that lost its marker names what it asks for; a heading names only its section ("Knowledge,
# Skills and Abilities", "Experience and Qualifications").
_STATES_AN_OBLIGATION = re.compile(
    r"^(?!must[- ]haves?(?:\s+(?:skills|requirements|qualifications|experience|criteria))?$)"
    r"(?:must|should|shall|may|will|can)\s+\w",
    re.IGNORECASE,
)
_NAMES_ITS_OBJECT = re.compile(
    r"\b(?:in|with|of|using)\s+(?!(?:the|this|our|your|a|an)\b)(?![\w ,]*\b(?:requirements?|qualifications?|"
    r"skills|experience|education|knowledge|abilities|competenc\w+|criteria|duties|responsibilit\w+|"
    r"benefits?|role|job|position|post)\b)\w|\band/or\b",
    re.IGNORECASE,
)

# "Sehr gute SQL-Kenntnisse", "Excellent Communication Skills": the level asked for, so an item that lost
# its marker; a heading names its section without grading it ("Basic Qualifications", "Good to have").
_ASKS_A_LEVEL = re.compile(
    r"^(?:(?:sehr\s+)?(?:gute|guten|fundierte|sichere|ausgeprägte|erste)|strong|excellent|solid|proven|fluent|"
    r"outstanding|exceptional)\s+\w",
    re.IGNORECASE,
)


def heading_kind(text: str, *, by_words: bool = False) -> tuple[SectionKind | None, str, str | None]:
    """(kind, inline content, company name from "About Acme") for a heading line, else (None, "", None).

    by_words: also read a title-like line that names its section by its words.
    """
    candidate = text.strip()
    inline = ""
    if ":" in candidate:
        head, _, rest = candidate.partition(":")
        candidate, inline = head.strip(), rest.strip()
    candidate = re.sub(r"[\s:!?.]+$", "", candidate)
    candidate = re.sub(r"^[^\w(]+", "", candidate).strip()
    if not candidate or len(candidate) > 70:
        return None, "", None
    lowered = candidate.replace("’", "'").replace(" & ", " and ").replace("&", " and ")
    lowered = re.sub(r"\s+", " ", lowered)
    for kind, pattern in _SECTION_RES:
        if pattern.match(lowered):
            return kind, inline, None
    corrected = _spelled_right(lowered)
    if corrected != lowered:
        # "RESPONISIBILITIES:", "Essential Requriements:": a heading with a typing slip.
        for kind, pattern in _SECTION_RES:
            if pattern.match(corrected):
                return kind, inline, None
    about = _ABOUT_NAME.match(candidate)
    if about is not None and not inline:
        name = about.group("name").strip()
        if _NOT_A_NAME_START.match(name) or ROLE_NOUN.search(name):
            return "about_role", "", None
        # "Why join Acme?" lists what Acme offers.
        kind = "benefits" if re.match(r"why (?:join|work)", candidate, re.I) else "about_company"
        return kind, "", name
    if (
        by_words
        and not inline
        and _title_like(candidate)
        and ROLE_NOUN.search(candidate) is None
        and not _NAMES_ITS_OBJECT.search(lowered)
        # "Must have basic Math Knowledge": a requirement stated, not a heading ("Must Have Skills" is one).
        and not _STATES_AN_OBLIGATION.match(lowered)
    ):
        # "Bachelors (Preferred)": what is in brackets qualifies an item, it names no section.
        unbracketed = re.sub(r"\([^()]*\)", "", lowered)
        for kind, words in _SECTION_WORDS:
            if words.search(unbracketed):
                if kind == "requirements" and _ASKS_A_LEVEL.match(lowered):
                    break
                return kind, "", None
    return None, "", None


def _label_line(raw: str, text: str) -> Line | None:
    label = _LABEL.match(text)
    if label is None:
        return None
    key = label.group("key").strip().lower().replace("_", " ")
    field_name = LABEL_KEYS.get(key)
    if field_name is None and "/" in key:
        # "Location/Trust: Worcestershire Health and Care NHS Trust": the parts of the key.
        names = [LABEL_KEYS.get(part.strip()) for part in key.split("/")]
        field_name = next((name for name in names if name == "company"), None) or next(
            (name for name in names if name), None
        )
    if field_name is None:
        return None
    return Line(raw, text, "label", key=field_name, value=label.group("value").strip())


def _leadin(text: str) -> bool:
    words = len(text.split())
    return words > 5 or bool(
        re.search(
            r"\b(?:will|are|is|include|includes|following|have|be|must|should|you|we)\s*:$|"
            r"^(?:the|you|we|here|in addition|any|each|our|this|these|if)\b",
            text,
            re.I,
        )
    )


def classify(raw: str) -> Line:
    if not raw.strip():
        return Line(raw, "", "blank")
    text, markdown_heading = clean_line(raw)
    if not text:
        return Line(raw, "", "blank")
    bullet = _BULLET.match(text) or _BULLET.match(raw)
    if bullet is not None and not raw.strip().startswith("**"):
        item = clean_line(bullet.group("item"))[0]
        label = _label_line(raw, item)
        if label is not None:
            return label
        # "🚀 What you'll do": a decorated heading, not a bullet.
        kind, inline, about_name = heading_kind(item)
        if kind is not None and not inline and len(item.split()) <= 8 and not item.endswith("."):
            return Line(raw, item, "heading", section=kind, about_name=about_name)
        return Line(raw, text, "bullet", value=item)
    words = len(text.split())
    looks_like_heading = (
        markdown_heading
        or text.endswith(":")
        or raw.strip().startswith(("**", "__"))
        or text.isupper()
        or words <= 6
    )
    kind, inline, about_name = heading_kind(text, by_words=looks_like_heading and not text.endswith("."))
    if (
        kind is not None
        and (looks_like_heading or inline)
        and not (inline and _label_line(raw, text) is not None)
    ):
        return Line(
            raw,
            text,
            "heading",
            section=kind,
            value=inline,
            about_name=about_name,
            markdown_heading=markdown_heading,
        )
    label = _label_line(raw, text)
    if label is not None:
        return label
    if text.endswith(":") and not markdown_heading:
        if _leadin(text):
            return Line(raw, text, "leadin")
        return Line(raw, text, "heading", section="other")
    if markdown_heading:
        return Line(raw, text, "heading", markdown_heading=True)
    return Line(raw, text, "text")


def classify_lines(text: str) -> list[Line]:
    """Every line classified; a label alone on its line takes the next line as its value ("Location"
    then "Milan", as Ashby and LinkedIn lay them out)."""
    lines = [classify(line) for line in text.split("\n")]
    for index, line in enumerate(lines):
        if line.kind not in {"text", "heading", "leadin"} or line.value:
            continue
        bare = _BARE_LABEL.match(line.text)
        if bare is None:
            continue
        field_name = LABEL_KEYS.get(bare.group("key").strip().lower())
        if field_name is None:
            continue
        following = index + 1
        if following < len(lines) and lines[following].kind == "blank" and line.text.endswith(":"):
            following += 1
        if following >= len(lines):
            continue
        value = lines[following]
        if value.kind not in {"text", "heading"} or len(value.text) > 80 or value.text.endswith(":"):
            continue
        # One value, not the first line of a list under a heading ("Experience:" then three lines); a
        # title label's value is one role ("Position Opening:" then "Election Specialist (Full Time)").
        after = lines[following + 1] if following + 1 < len(lines) else None
        one_role = field_name == "title" and ROLE_NOUN.search(value.text) is not None
        if (
            not one_role
            and line.text.endswith(":")
            and after is not None
            and after.kind not in {"blank", "label"}
            and not (_BARE_LABEL.match(after.text) and LABEL_KEYS.get(after.text.rstrip(":").strip().lower()))
        ):
            continue
        if value.kind == "heading" and value.section not in {None, "other"}:
            continue
        lines[index] = Line(
            line.raw, f"{bare.group('key')}: {value.text}", "label", key=field_name, value=value.text
        )
        lines[following] = Line(value.raw, "", "blank")
    return lines


_APPLY_BUTTON = re.compile(r"^(?:easy\s+)?apply(?:\s+now)?\W*$", re.IGNORECASE)
_HEADER_LINES = 12


def read_blocks(lines: Sequence[Line]) -> Reading:
    reading = Reading()
    current = Block("intro")
    reading.blocks.append(current)
    paragraph: list[str] = []
    bullets_seen = False
    blank_since_bullet = False
    last_was_bullet = False
    # In a list section: a list without markers has ended, or a line of the job's facts came.
    unmarked_list_seen = after_facts = False

    def flush() -> None:
        nonlocal unmarked_list_seen
        if paragraph:
            current.paragraphs.append((list(paragraph), bullets_seen))
            if len(paragraph) >= 3 and current.kind in LIST_SECTIONS and is_unmarked_list(paragraph):
                unmarked_list_seen = True
            paragraph.clear()

    def start(kind: str, heading: str = "") -> None:
        nonlocal current, bullets_seen, last_was_bullet, blank_since_bullet, unmarked_list_seen, after_facts
        flush()
        current = Block(kind, heading)
        reading.blocks.append(current)
        bullets_seen = last_was_bullet = blank_since_bullet = unmarked_list_seen = after_facts = False

    for index, line in enumerate(lines):
        if (
            line.kind == "heading"
            and line.section == "apply"
            and reading.first_heading_line is None
            and _APPLY_BUTTON.match(line.text)
            and sum(1 for before in lines[:index] if before.kind != "blank") <= _HEADER_LINES
        ):
            # A job page's "Apply" button under the title, not a how-to-apply section that would swallow
            # the posting below it.
            reading.section_of_line.append(current.kind)
            continue
        if line.kind == "heading" and line.section is not None:
            # "Skills, Abilities and Competencies:" straight under "REQUIREMENTS:": a sub-heading.
            sub_heading = (
                line.section == "other"
                and current.kind in LIST_SECTIONS
                and not current.bullets
                and not current.paragraphs
                and not paragraph
            )
            if not sub_heading:
                start(line.section, line.text)
                if reading.first_heading_line is None:
                    reading.first_heading_line = index
            if line.about_name:
                reading.about_names.append(line.about_name)
            if line.value:
                if current.kind in LIST_SECTIONS:
                    current.bullets.append(line.value)
                    bullets_seen = True
                else:
                    paragraph.append(line.value)
            reading.section_of_line.append(current.kind)
            continue
        if line.kind == "leadin" and is_boilerplate(line.text):
            # "If this role appeals to you and you have the qualities we are looking for then please get in
            # touch:": how to apply, though it says "looking for".
            start("apply", line.text)
            reading.section_of_line.append(current.kind)
            continue
        if line.kind == "leadin":
            flush()
            for kind, pattern in _LEADIN_KINDS:
                if pattern.search(line.text):
                    if kind != current.kind and not (
                        kind == "requirements" and current.kind == "nice_to_have"
                    ):
                        start(kind, line.text)
                    break
            else:
                if current.kind not in LIST_SECTIONS:
                    start("other", line.text)
            last_was_bullet = False
            reading.section_of_line.append(current.kind)
            continue
        if line.kind == "blank":
            flush()
            if last_was_bullet:
                blank_since_bullet = True
            reading.section_of_line.append(current.kind)
            continue
        if line.kind == "bullet":
            flush()
            # "- (MVR) and background check.": a bullet that only continues the one before.
            continues = (
                current.bullets
                and last_was_bullet
                and re.match(r"^(?:\(|[a-z])", line.value) is not None
                and not current.bullets[-1].rstrip().endswith((".", ";", "!", "?"))
            )
            if continues:
                current.bullets[-1] = f"{current.bullets[-1]} {line.value}"
            else:
                current.bullets.append(line.value)
            bullets_seen = True
            blank_since_bullet = False
            last_was_bullet = True
            reading.section_of_line.append(current.kind)
            continue
        # A wrapped bullet: the next line, indented or starting in lower case, no blank between.
        if (
            last_was_bullet
            and not blank_since_bullet
            and (
                line.raw[:1].isspace()
                or line.text[:1].islower()
                or _wrapped_bullet(lines[index - 1].raw, line.text)
            )
        ):
            if current.bullets:
                current.bullets[-1] = f"{current.bullets[-1]} {line.text}"
            reading.section_of_line.append(current.kind)
            continue
        last_was_bullet = False
        # Prose after a list, past a blank line, is no longer part of that list; nor is anything
        # after a line of the job's facts ("Schedule: ...", "Pay Rate: ...") that ends a list.
        if current.kind in LIST_SECTIONS and (
            (bullets_seen and blank_since_bullet)
            or (after_facts and line.kind != "label")
            or (unmarked_list_seen and not paragraph and _lone_sentence(lines, index))
        ):
            start("trailing")
        blank_since_bullet = False
        if line.kind == "label" or (line.kind == "heading" and line.section is None):
            listing = current.kind in LIST_SECTIONS and (current.bullets or current.paragraphs)
            if line.kind == "label" and listing:
                after_facts = True
            flush()
            reading.section_of_line.append(current.kind)
            continue
        paragraph.append(line.text)
        reading.section_of_line.append(current.kind)
    flush()
    return reading


_WRAP_SLACK = 25
_PARAGRAPH_CHARS = 250
# An email client wraps a line at 72 columns (some at 76 or 80): a bullet line that long, ending
# without a full stop, goes on in the next line even when that one starts with a capital ("Tableau").
_WRAP_WIDTH = range(60, 81)


def _wrapped_bullet(raw: str, following: str = "") -> bool:
    line = raw.rstrip()
    # The next line's first word would not have fitted in 72 columns, the narrowest width mail
    # clients wrap at.
    first_word = following.split()[0] if following.split() else ""
    return (
        len(line) in _WRAP_WIDTH
        and not line.endswith((".", ";", ":", "!", "?"))
        and (not first_word or len(line) + 1 + len(first_word) > 72)
    )


def _lone_sentence(lines: Sequence[Line], index: int) -> bool:
    """A paragraph of one long sentence ("Great benefits are available after 90 days, ..."): prose,
    not the next item of a list without markers."""
    following = lines[index + 1] if index + 1 < len(lines) else None
    alone = following is None or following.kind in {"blank", "label", "heading"}
    return alone and lines[index].kind == "text" and len(lines[index].text.split()) > 12


_WRAP_SLACK = 25


def is_unmarked_list(lines: Sequence[str]) -> bool:
    """Lines that each start an item (a list without bullets), not one paragraph wrapped at a width.

    Wrapped prose has a line that starts in lower case, or lines of nearly the same length up to a
    column; a list's lines each start with a capital and vary in length.
    """
    if len(lines) < 2:
        return False
    if any(not re.match(r"^[A-Z0-9À-Ý(\"“‘'£$€]", line) for line in lines[1:]):
        return False
    if any(len(line) > _PARAGRAPH_CHARS and len(sentences(line)) >= 3 for line in lines):
        # Paragraphs whose blank lines a copy lost: a line of several sentences is prose, not an item.
        return False
    longest = max(len(line) for line in lines)
    # Two lines of nearly the same length are one wrapped sentence; with three or more, breaks that all
    # fall before a capital are items.
    wrapped = longest <= 100 and all(len(line) >= longest - _WRAP_SLACK for line in lines[:-1])
    if wrapped and len(lines) < 3:
        return False
    # A line ending mid-sentence ("... with the", "... and") runs on into the next.
    return not any(
        re.search(r"\b(?:the|a|an|and|or|of|to|with|in|for|on|at|by)$|,$", line) for line in lines[:-1]
    )


def rejoin_wrapped(lines: Sequence[str]) -> list[str]:
    """A list without markers re-wrapped by an email client, its lines rejoined: a line as long as the
    wrap width that ends without a full stop, or one that ends mid-sentence, goes on in the next; a
    line starting in lower case goes on from the one before."""
    out: list[str] = []
    for line in lines:
        if out and (
            line[:1].islower()
            or _wrapped_bullet(out[-1].rsplit("\n", 1)[-1], line)
            or re.search(r"\b(?:the|a|an|and|or|of|to|with|in|for|on|at|by)$|,$", out[-1])
        ):
            out[-1] = f"{out[-1]}\n{line}"
        else:
            out.append(line)
    return [" ".join(item.split("\n")) for item in out]


# A sentence starts with a capital, a figure, a quote, or a web address ("... required. https://x.io X is
# looking for ...").
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9\"“(]|https?://|www\.)")
_ABBREVIATION_END = re.compile(
    r"\b(?:e\.g|i\.e|etc|incl|approx|vs|Inc|Ltd|Corp|Co|S\.L|S\.A|U\.S|Dr|Mr|Ms|Mrs|St|No|Ph\.D|Jr|Sr)\.$"
)


def sentences(paragraph: str) -> list[str]:
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
