"""Title, company and location of a posting: what it says they are, or nothing.

Where they come from, most trusted first:
1. labels ("Job Title:", "Company:", "Agency:", "Location:", also "Location" with its value on the next
   line and labels inside bullets);
2. the page header a person copies with the posting: LinkedIn's "Acme hiring Data Engineer in Berlin |
   LinkedIn", a hiring thread's "Acme | Data Engineer | Berlin | REMOTE | $120k", the title / company /
   place lines of Google, Indeed and Glassdoor, "Data Engineer - Acme - London", "Data Engineer at Acme";
3. headings ("About Acme", "Why join Acme?") and prose ("Acme is an equal opportunity employer", "At
   Acme, we ...", "join Acme", "Acme seeks ...", "Acme, Inc. DBA Brand"; the role as a sentence's subject,
   "the position of Election Specialist", "As a Data Engineer, you will"), the name said most often winning;
4. places from addresses ("200 Main St, Wooster OH 44691"), "at our Albany, NY facility", and the town an
   institution is named after ("King's College London").

A company is a proper name: never a pronoun, a heading or label, a banner in capitals, a place, a work mode,
a job site's name, a pay grade, a posting date, a compound adjective ("SQL-based"), a possessive fragment
("Library's") or a sentence; a posting by a recruitment agency that does not name the employer ("Our client,
a leading ...", a recruiter's "I am looking for") has none, whatever name the job site shows as its poster.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from jobwise.ai.offline.places import country_of, is_city, is_place, places_in
from jobwise.ai.offline.posting_words import (
    EMPLOYMENT_TYPE,
    LABEL_KEYS,
    NOT_A_COMPANY,
    ROLE_NOUN,
    ROLE_WORDS,
    SITE_NAMES,
    URL,
    WORK_MODE,
    words,
)
from jobwise.ai.offline.salary import find_salary
from jobwise.ai.offline.sections import Line, Reading, heading_kind, sentences
from jobwise.text.vocabulary import get_vocabulary

_GENDER_MARK = re.compile(
    r"\s*\((?:[mwfdx]\s*/\s*){1,3}[mwfdx]\*?\)|\s*\((?:all genders|gn\*?|any gender)\)|"
    r"\s*\b[mwfd]/[mwfd]/[mwfdx]\b",
    re.IGNORECASE,
)
_EMPLOYMENT_WORD = (
    r"(?:full[- ]?time|part[- ]?time|permanent|temporary|temp|contract|fixed[- ]term|freelance|remote|hybrid|"
    r"on[- ]?site|in[- ]office)"
)
# "(Full Time)", "(Permanent, Hybrid)": how the job is held, not what it is.
_EMPLOYMENT_PAREN = re.compile(rf"\s*\({_EMPLOYMENT_WORD}(?:\s*[,/&]\s*{_EMPLOYMENT_WORD})*\)", re.IGNORECASE)
_HEADER_SPLIT = re.compile(r"\s+(?:\||·|•|—|–|-|/{2})\s+|\s*\|\s*")


def _split_header(text: str) -> list[str]:
    """A header line's parts, not cutting inside brackets: "Account Manager (Remote - US) - Acme"."""
    parts: list[str] = []
    start = 0
    for match in _HEADER_SPLIT.finditer(text):
        if text.count("(", start, match.start()) > text.count(")", start, match.start()):
            continue
        parts.append(text[start : match.start()])
        start = match.end()
    parts.append(text[start:])
    return parts


_AT_SPLIT = re.compile(r"^(?P<title>.+?)\s+(?:at|@|chez|bei)\s+(?P<company>[A-Z0-9].+)$")
_LINKEDIN = re.compile(
    # The title runs to the last " in ": "Leeds hiring Clinical Lecturer in Orthodontics in Leeds".
    r"^(?P<company>.{1,80}?)\s+hiring\s+(?P<title>.{2,120})\s+in\s+(?P<place>(?:(?!\sin\s).){2,100}?)"
    r"(?:\s*\|\s*LinkedIn)?$|"
    # The page's tab title without a place: "Acme hiring Data Analyst | LinkedIn".
    r"^(?P<company2>.{1,80}?)\s+hiring\s+(?P<title2>.{2,120}?)\s*\|\s*LinkedIn$"
)
_HIRING = re.compile(
    r"^(?P<company>[A-Z0-9][\w&.'’ -]{0,60}?)\s+"
    r"(?:(?:is|are)\s+(?:hiring|seeking|looking\s+for|searching\s+for|recruiting)|seeks)\s+(?:an?\s+|one\s+|two\s+|several\s+)?(?:new\s+|experienced\s+|talented\s+)?"
    # "an experienced, bright, and motivated Content Marketing Manager": a list of adjectives first.
    r"(?:[a-z][\w-]*(?:\s+[a-z][\w-]*)?,\s+)*(?:(?:and|or)\s+)?"
    r"(?P<title>[^.!,;]{3,80}?)(?:\s+to\s+(?:join|help|lead|build|work|serve)\b.*|[.!,;]|$)"
)
_LOOKING = re.compile(
    r"^(?:we(?:'re|’re| are)\s+)?(?:looking\s+for|seeking|hiring)\s+(?:an?\s+)?(?:freelance\s+|"
    r"experienced\s+|"
    # "a talented Business Intelligence (BI) Analyst": an acronym in brackets inside the title.
    r"talented\s+|new\s+)?(?P<title>(?:[^.,;!()]|\([A-Z]{2,6}\)){2,60}?\b(?:" + ROLE_WORDS + r")s?)\b",
    re.IGNORECASE,
)
# Lever's header glues the team and the commitment to the places: "Stockholm / LondonData and
# Analytics – Platform /Permanent /Hybrid".
_LEVER_TAIL = re.compile(
    r"\s/\s*(?:permanent|full[- ]time|part[- ]time|contract|temporary|internship|hybrid|remote|on-?site)\b",
    re.IGNORECASE,
)
_CITY_STATE = re.compile(r"\b([A-Z][A-Za-z.'’-]+(?:\s+[A-Z][A-Za-z.'’-]+){0,3}),\s*([A-Z]{2})\b(?!\s*\d{3})")
_STREET = re.compile(
    r"\d|\b(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|suite|floor|building|"
    r"unit|po box)\b\.?",
    re.IGNORECASE,
)
_POSTCODE = re.compile(
    r"\s+\d{4,6}(?:-\d{4})?$|\s+[A-Z]\d[A-Z]\s?\d[A-Z]\d$|\s+[A-Z]{1,2}\d[A-Z\d]?(?:\s*\d[A-Z]{2})?$"
)
_AGENCY = re.compile(
    r"\b(?:our|my)\s+client\b|\bon\s+behalf\s+of\s+(?:our|a|an|my|the)\s+client\b|"
    r"\bwe\s+are\s+(?:recruiting|partnering)\s+(?:on\s+behalf\s+of|with)\s+an?\b|"
    r"\b(?:is|are|we(?:'re|’re| are)?)\s+(?:currently\s+)?(?:working|partnering)\s+with\s+an?\s+"
    r"(?:leading|global|well[- ]established|established|fast[- ]growing|growing|innovative|international|"
    r"large|major|prestigious|renowned|successful|award[- ]winning|dynamic|exciting)\b|"
    r"\bacting\s+as\s+an\s+employment\s+(?:agency|business)\b|"
    r"\b(?:delighted|pleased|excited|proud|thrilled)\s+to\s+be\s+(?:working|partnering|recruiting)\s+"
    r"(?:with|for)\s+an?\b|"
    r"\b(?:i|we)\s+am\s+(?:currently\s+)?recruiting\s+(?:for\s+)?an?\b|"
    # A recruiter writes in the first person singular ("I am looking for an experienced Analytics Engineer
    # to join a ... project"); an employer says "we".
    r"^i(?:'m|’m|\s+am)\s+(?:currently\s+)?(?:looking|searching|recruiting|hiring)\s+for\b|"
    # "For a stable, growing company in the region, we are looking for ..." (Dutch "Voor een ... onderneming
    # ... zijn we op zoek naar", German "Für ein ... Unternehmen ... suchen wir"): an unnamed employer.
    # German and Dutch write the kind of firm as a compound: "Für ein innovatives Beratungsunternehmen".
    r"^(?:for|voor|für)\s+(?:an?|een|ein(?:e|en)?)\s+[^.\n]{0,160}?(?:\b(?:company|organi[sz]ation|firm|"
    r"business|employer|organisatie|klant)|(?:unternehmen|firma|onderneming|bedrijf))\b[^.\n]{0,100}?"
    r"(?:\bwe\s+are\s+(?:looking|searching)\s+for|\bwe(?:'re|’re)\s+looking\s+for|\bwe\s+seek|"
    r"\bzijn\s+we\s+op\s+zoek|\bzoeken\s+(?:wij|we)|\bsuchen\s+wir)\b|"
    # "Yuri & Neil Recrutement accompagne l'un de ses clients", "pour le compte de notre client", "für
    # einen unserer Kunden": a recruiter's client, in French and German.
    r"\bl['’]une?\s+de\s+(?:ses|nos)\s+clients\b|\bpour\s+(?:le\s+compte\s+d['’]un|le\s+compte\s+de\s+notre|"
    r"notre)\s+client\b|\bfür\s+(?:einen|eine|unseren|unsere)\s+(?:unserer\s+)?(?:\w+\s+)?kunden\b|"
    r"^(?:an?|this)\s+(?:leading|global|well[- ]established|established|fast[- ]growing|growing|"
    r"innovative|international|large|major|prestigious|renowned|successful|award[- ]winning)\s"
    r"[^.\n]{0,80}?\b(?:is|are)\s+(?:looking|seeking|hiring|recruiting)\b",
    re.IGNORECASE | re.MULTILINE,
)
# A public body by its kind: "State Board of Elections", "Public Utilities Commission", "Office of ...".
_PUBLIC_BODY = re.compile(
    r"\b(?:board|commission|agency|authority|ministry|bureau|court|department\s+of|office\s+of)\b",
    re.IGNORECASE,
)
# "Our client, a leading broadcaster, ..." / "our client is seeking": the client as the one who hires, not a
# consultancy's "you will work on site with our client's team".
_CLIENT_AS_SUBJECT = re.compile(r"\s*(?:,|\(|\s(?:is|are|has|have|wants|needs|seeks)\b)", re.IGNORECASE)


def _recruits_for_unnamed_client(text: str) -> bool:
    """Whether the text is an agency's, hiring for an employer it does not name: then the name a job site
    shows as the poster (LinkedIn's "X hiring Y", the job card) is the agency's."""
    for match in _AGENCY.finditer(text):
        if re.fullmatch(r"(?:our|my)\s+client", match.group(0), re.IGNORECASE) is None:
            return True
        if _CLIENT_AS_SUBJECT.match(text, match.end()):
            return True
    return False


def _named_as_recruiter(name: str, text: str) -> bool:
    """Whether the name is in the sentence that says it recruits for a client ("Yuri & Neil Recrutement
    accompagne aujourd'hui l'un de ses clients"): the agency, even when a job card shows it as the poster."""
    wanted = name.casefold()
    for match in _AGENCY.finditer(text):
        start = max(text.rfind("\n", 0, match.start()), text.rfind(". ", 0, match.start())) + 1
        end = text.find("\n", match.end())
        if wanted in text[start : end if end >= 0 else len(text)].casefold():
            return True
    return False


def _card_terms_place(text: str) -> str | None:
    """A short line between two of a job card's terms ("CDI", then "Montreuil", then "Télétravail
    fréquent"): one of the card's facts, its place; never the employer."""
    lines = [line.strip() for line in text[:3000].split("\n") if line.strip()]

    def term(line: str) -> bool:
        return len(line) <= 40 and (
            EMPLOYMENT_TYPE.match(line) is not None or WORK_MODE.match(line) is not None
        )

    return next(
        (
            line
            for index, line in enumerate(lines[1:-1], start=1)
            if term(lines[index - 1])
            and term(lines[index + 1])
            and not term(line)
            and re.fullmatch(r"[A-ZÀ-Ý][\w'’. -]{1,40}", line) is not None
        ),
        None,
    )


# Words in an organisation's name: "Royal Museums Greenwich" names the employer, "Payments" does not.
_ORG_WORD = re.compile(
    r"\b(?:inc|ltd|llc|plc|gmbh|ag|group|museums?|university|college|school|trust|foundation|institute|"
    r"institution|agency|council|county|hospitals?|bank|labs?|technologies|solutions|systems|software|"
    r"consulting|partners|capital|health|healthcare|studios?|games|media|ventures|holdings|corporation|corp|"
    r"company|society|association|library|gallery|galleries|nhs|department|ministry|office\s+of|city\s+of)\b",
    re.IGNORECASE,
)
# Words only an organisation's name holds ("Stockport NHS Foundation Trust", "Cygnet Health Care Ltd").
_ORGANISATION_WORD = re.compile(
    r"\b(?:NHS|Trust|Group|Ltd|Limited|LLP|PLC|Inc|LLC|GmbH|Healthcare|Hospitals?|University|College|Council|"
    r"Foundation|Partnership|Institute|Museum|Library|Academy|Corporation|Company)\b"
)
_LEGAL_SUFFIX = re.compile(
    r"\b(?:inc|ltd|llc|llp|plc|gmbh|ag|sa|srl|spa|bv|nv|pvt|private limited|limited|corp|corporation|"
    r"co|group|foundation|trust|university|college|institute|institution|museum|agency|council|"
    r"county|department|hospital|hospitals|school|academy)\.?$",
    re.IGNORECASE,
)
_COMPANY_ABBREVIATION_END = re.compile(
    r"(?:\b(?:[A-Z]\.){1,3}|\b(?:Inc|Ltd|Co|Corp|Bros|Pty|GmbH|AG)\.|\.(?:ai|io|com|co))$"
)
_ACRONYMS = {
    "ai", "api", "aws", "bi", "ceo", "cfo", "ciso", "cto", "crm", "devops", "erp", "gcp", "hr", "ii",
    "iii", "iv", "it", "ml", "qa", "sap", "seo", "sre", "ui", "ux", "vp", "ios", "b2b", "saas", "fi/co",
    "emea", "nhs", "uk", "us", "eu", "gis", "ict",
}  # fmt: skip

# A name in prose: capitalised words, with "of", "and", "the" inside ("Bank of Montreal").
# A legal form after a comma belongs to the name ("Natural Essentials, Inc.").
_NAME = (
    r"[A-Z][\w&'’.-]*(?:[ \t]+(?:[A-Z][\w&'’.-]*|of|and|&|the|for|de)){0,5}"
    r"(?:,[ \t]+(?:Inc|LLC|Ltd|Corp|Co|PLC|LLP|L\.L\.C|Pty\s+Ltd)\.?(?![\w-]))?"
)
_START = r"(?:^|[.!?–—]\s+|\n)(?:The\s+)?"
_AFTER_NAME = r"(?=[\s,.!?]|$)"
_PROSE_COMPANY: list[tuple[int, re.Pattern[str]]] = [
    (
        3,
        re.compile(
            rf"{_START}(?P<name>{_NAME})\s+(?:is|are)\s+an?\s+(?:equal\s+opportunit|eeo\b|affirmative)"
        ),
    ),
    (3, re.compile(rf"{_START}(?P<name>{_NAME})\s+does\s+not\s+discriminate")),
    # "Farnham Road Medical Group (FRMG) is a large, progressive ... practice": a name introduced with its
    # initials, as the subject of the opening description (the initials must be the name's).
    (
        3,
        re.compile(
            rf"{_START}(?P<name>{_NAME})\s+\((?P<initials>[A-Z]{{2,6}})\)\s+(?:is|are)\s+(?:an?|the|one)\b"
        ),
    ),
    # "Natural Essentials, Inc. DBA Bulk Apothecary": the legal name, then the name it trades under.
    (3, re.compile(rf"(?:^|[.!?]\s+|\n)(?P<name>{_NAME})\s*[-–,]?\s+(?:DBA|dba|d/b/a|D/B/A)\s+[A-Z]")),
    (3, re.compile(rf"(?:^|[.!?]\s+|\n)At\s+(?P<name>{_NAME}),\s+(?:we|our)\b")),
    (
        2,
        re.compile(
            rf"{_START}(?P<name>{_NAME})\s+(?:(?:is|are)\s+(?:hiring|seeking|looking\s+for|recruiting)|seeks)\b"
        ),
    ),
    (2, re.compile(rf"\bjoin\s+(?:the\s+)?(?P<name>{_NAME})(?:'s|’s)?{_AFTER_NAME}")),
    (
        2,
        re.compile(
            rf"\b(?:benefits\s+of\s+)?work(?:ing)?\s+(?:at|for)\s+(?:the\s+)?(?P<name>{_NAME}){_AFTER_NAME}"
        ),
    ),
    (2, re.compile(rf"\bas\s+part\s+of\s+(?:the\s+)?(?P<name>{_NAME}){_AFTER_NAME}")),
    (2, re.compile(rf"{_START}(?P<name>{_NAME})\s+was\s+(?:founded|established|started|created)\b")),
    (2, re.compile(rf"\bfounded\s+in\s+\d{{4}},\s+(?P<name>{_NAME})\s+(?:is|has|was)\b", re.IGNORECASE)),
    (
        2,
        re.compile(
            rf"(?:^|[.!?]\s+|\n)(?P<name>{_NAME})(?:'s|’s)\s+(?:mission|vision|values|culture|platform|product|"
            r"customers|team|teams|people|employees|success|growth)\b"
        ),
    ),
    (1, re.compile(rf"{_START}(?P<name>{_NAME})\s+(?:is|are)\s+committed\s+to\b")),
    # "Located in the heart of Bristol, Sunrise Care Homes is ...": an opening phrase, then the name.
    (
        2,
        re.compile(
            rf"(?:^|[.!?]\s+|\n)(?:Located|Based|Headquartered|Founded|Established)\s[^,.\n]{{2,60}},\s+"
            rf"(?:the\s+)?(?P<name>{_NAME})\s+(?:is|are|has|have|was)\b"
        ),
    ),
    (
        1,
        re.compile(
            rf"{_START}(?P<name>{_NAME})\s+(?:government\s+)?(?:is|are|was|builds|helps|makes|connects|sells|lets|"
            r"provides|develops|offers|creates|has|operates|runs|powers|enables|designs|serves|brings|values|"
            r"wishes|announces)\b"
        ),
    ),
]
_TRAILING_SMALL = re.compile(r"(?:\s+(?:of|and|&|the|for|de))+$")
_PROSE_LOCATION = re.compile(
    r"\b(?i:based|located|headquarters|headquartered|hq|office|offices|studio|position is|role is|living|"
    r"work|working|onsite|on-site)\s+(?:is\s+|are\s+|will\s+be\s+)?(?:in|at)\s+(?:the\s+heart\s+of\s+|"
    r"central\s+|downtown\s+|our\s+|the\s+)?"
    r"(?P<place>[A-ZÀ-Ý][\wÀ-ÿ'’-]+(?:\s[A-ZÀ-Ý][\wÀ-ÿ'’-]+){0,3}(?:,\s*[A-ZÀ-Ý][\wÀ-ÿ'’-]+(?:\s[A-ZÀ-Ý][\wÀ-ÿ'’-]+){0,2})?)"
)
_IN_PLACE = re.compile(
    r"\b(?:in|at)\s+(?P<place>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2}(?:,\s*[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})?)"
)
_PLACE_WORDS = r"[A-ZÀ-Ý][\wÀ-ÿ'’-]+(?:\s[A-ZÀ-Ý][\wÀ-ÿ'’-]+){0,2}"
# "an onsite position at our Albany, NY facility", "in our Leeds office": the employer's own site.
_OUR_SITE = re.compile(
    rf"\b(?:at|in|from|to)\s+our\s+(?P<place>{_PLACE_WORDS}(?:,\s*{_PLACE_WORDS})?)\s+(?:office|offices|facility|"
    r"campus|site|plant|warehouse|store|headquarters|hq|studio|branch|hub|centre|center|location|clinic|"
    r"hospital|factory|depot)\b"
)
# A United States street address: "200 Vanover St Suite 1, Wooster Oho 44691", "5334 S. Prince St.,
# Littleton, CO 80120": the town stands between the street and the state with its ZIP code (a typo in the
# state's name does not move the town).
_US_ADDRESS = re.compile(
    r"\b\d{1,6}\s+[^,\n]{2,40}?\b(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Dr|Drive|Ln|Lane|Way|Pkwy|"
    r"Parkway|Hwy|Highway|Ct|Court|Pl|Place|Sq|Square|Ter|Terrace|Cir|Circle)\b\.?[^,\n]{0,30},\s*"
    r"(?P<city>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2}),?\s+(?P<state>[A-Z]{2}|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\.?,?"
    r"\s+\d{5}(?:-\d{4})?\b"
)
_UK_ADDRESS = re.compile(r"\b(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")


@dataclass
class Header:
    title: str | None = None
    company: str | None = None
    location: str | None = None
    level_label: str | None = None
    remote_hints: list[str] = field(default_factory=list)
    locations: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    # Who posted the job on a job site (LinkedIn's "X hiring Y" header, the job card's employer line): the
    # employer, unless the text says it recruits for an unnamed client (then it is the agency).
    posters: list[str] = field(default_factory=list)
    page_poster: str | None = None
    address: str | None = None
    # "Experience: 3+ years in a software-related job": a requirement given as a label.
    label_requirements: list[str] = field(default_factory=list)
    text: str = ""
    title_from_label: bool = False
    department: str | None = None
    # The line that is only a name right under the title at the top (NHS Jobs, Indeed: title, then
    # employer): a job card found further down does not override it.
    top_company: str | None = None


def tidy_title(title: str) -> str:
    title = _GENDER_MARK.sub("", title)
    title = _EMPLOYMENT_PAREN.sub("", title)
    title = re.sub(
        r"^(?:job\s+(?:title|posting|opening)|title|position|role|vacancy)\s*:\s*|^job\s+application\s+for\s+|"
        # "We're Hiring: Barista", "Now hiring - Cook": an announcement before the title.
        r"^(?:we(?:'re|’re|\s+are)\s+|now\s+)?hiring\s*[:!–—-]\s*|"
        # "Join us as a Data Engineer, Analytics Engineering": an invitation around the title.
        r"^join\s+(?:us|our\s+team|the\s+team)\s+as\s+(?:an?\s+|our\s+(?:next\s+|new\s+)?)?",
        "",
        title,
        flags=re.IGNORECASE,
    )
    title = re.sub(r"\s*[!]+$", "", title)
    title = title.strip(" -–—|:,.")
    letters = [c for c in title if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 4:
        words = []
        for word in title.split():
            words.append(word if word.lower() in _ACRONYMS else word.capitalize())
        title = " ".join(words)
    return title


def split_paren(text: str) -> tuple[str, str | None]:
    match = re.match(r"^(?P<main>.*?)\s*\((?P<inner>[^()]*)\)\s*$", text)
    if match is None:
        return text.strip(), None
    return match.group("main").strip(), match.group("inner").strip()


# "US-NY-Manhattan": an applicant-tracking system's location code, country, region, then town.
_LOCATION_CODE = re.compile(r"^(?P<country>[A-Z]{2})-(?P<region>[A-Z]{2,3})-(?P<town>[A-Z][\w .'’-]+)$")
# "US-NY-Manhattan    Type:    Full-Time Regular": a page's next label on the same line.
_NEXT_LABEL = re.compile(r"(?:\t|\s{2,})[A-Z][\w /]{1,30}:(?:\s|$).*$")


_NO_PLACE = re.compile(
    r"(?:multiple|various|several|many|all|different)\s+(?:locations?|sites?|offices?|cities|areas)|"
    r"various|tbc|tbd|to be confirmed|to be determined|n/?a|flexible|see (?:below|description)",
    re.IGNORECASE,
)


def tidy_location(text: str) -> str | None:
    """The place in a location value: "5334 S. Prince St., Littleton, CO, 80120" -> "Littleton, CO";
    "Milan/Remote" -> "Milan"; "Fully remote" -> None; "Remote (US)" stays as it is; "US-NY-Manhattan" ->
    "Manhattan, NY"."""
    value = re.sub(r"\s*·\s*via\s+.*$", "", _NEXT_LABEL.sub("", text.strip())).strip(" -–—|.")
    code = _LOCATION_CODE.match(value)
    if code is not None:
        value = f"{code.group('town').strip()}, {code.group('region')}"
    value = URL.sub("", value).strip()
    if not value:
        return None
    main, inner = split_paren(value)
    if inner is not None and WORK_MODE.match(inner) and not WORK_MODE.match(main):
        value = main
    if WORK_MODE.match(value) and not value.lower().startswith("remote"):
        return None
    if re.fullmatch(r"(?:fully\s+|100%\s+)?remote", value, re.IGNORECASE):
        return None
    if _NO_PLACE.fullmatch(value):
        # "Multiple Locations", "Various", "TBC": the label is there, the place is not.
        return None
    original = value
    for separator in ("/", " or "):
        # "Milan/Remote", "London or Remote", "Leeds or Manchester": the first place named.
        if separator in value and "," not in value:
            places = [
                part.strip()
                for part in value.split(separator)
                if part.strip() and not WORK_MODE.match(part.strip())
            ]
            if places and all(is_place(part) for part in places):
                return places[0]
    parts = [part.strip() for part in value.split(",")]
    if len(parts) > 1:
        kept = [_POSTCODE.sub("", part).strip() for part in parts]
        kept = [part for part in kept if part and not _STREET.search(part)]
        if kept and len(kept) < len(parts):
            value = ", ".join(kept)
    parts = [part.strip() for part in value.split(",")]
    if len(parts) >= 3 and not is_place(parts[0]) and is_city(parts[1]):
        # "Bean There Cafe, Portland, OR": the premises' name, then the town the place is.
        value = ", ".join(parts[1:])
    value = _POSTCODE.sub("", value).strip(" ,")
    if value.isupper() and re.search(r"[A-Z]{4}", value):
        # "OXFORD": a header in capitals; region codes stay as they are.
        value = " ".join(word if len(word.strip(",.")) <= 2 else word.title() for word in value.split())
    if not is_place(value):
        city_state = _CITY_STATE.search(original)
        if city_state is not None:
            return f"{city_state.group(1)}, {city_state.group(2)}"
        found = places_in(value)
        if found and len(value) > 60:
            return found[0]
    return value or None


def looks_like_name(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= 10
        # "School: Oakwood Academy": a label and its value, not one name.
        and re.search(r":\s", text) is None
        and (text[:1].isupper() or text[:1].isdigit() or _LEGAL_SUFFIX.search(text) is not None)
        and (not text.endswith((".", ":", "!", "?")) or _COMPANY_ABBREVIATION_END.search(text) is not None)
        and not re.search(r"\d{2,}|[$€£₹]", text)
        and ROLE_NOUN.search(text) is None
        # "Link]": the end of a markdown link cut by a re-wrap, not a name.
        and text.count("[") == text.count("]")
        and text.count("(") == text.count(")")
    )


# A team's name in a page header ("Engineering", "Data and Analytics"), not the employer's.
_DEPARTMENT = re.compile(
    r"(?:(?:engineering|marketing|sales|product|design|data|analytics|operations|finance|legal|people|hr|"
    r"human resources|customer success|customer support|support|it|technology|tech|research|security|"
    r"platform|infrastructure|growth|business development|administration|admin|education|nursing|"
    r"facilities|logistics|supply chain|procurement|communications|content|editorial|science|development|"
    r"software|quality|strategy|partnerships|services|clinical|corporate|commercial|digital|creative)"
    r"(?:\s*(?:,|and|&|/|-|–)\s*|\s+)?)+",
    re.IGNORECASE,
)
# "Human Resources Department", "Engineering Team": a unit of the employer, named by its field.
_DEPARTMENT_UNIT = re.compile(
    rf"(?:{_DEPARTMENT.pattern})\s*(?:department|dept\.?|team|division|unit|function)", re.IGNORECASE
)
# A description, not a name: "Global Investment Bank", "Leading Retailer" (an agency's header).
_DESCRIPTOR = re.compile(
    r"(?:(?:a|an|the|global|leading|international|national|local|major|large|small|top|fast[- ]growing|"
    r"growing|award[- ]winning|well[- ]known|established|innovative|exciting|renowned|prestigious|"
    r"successful|public|private|sector|investment|bank|banking|financial|finance|services|insurance|insurer|technology|tech|"
    r"software|saas|consultancy|consulting|retailer|retail|company|firm|organisation|organization|"
    r"provider|startup|start-up|scale-up|scaleup|fintech|e-commerce|ecommerce|charity|manufacturer|"
    r"manufacturing|business|enterprise|client|brand|agency|healthcare|media|energy|utilities|telecoms?|"
    r"pharmaceutical|pharma|logistics|property|real estate|law|legal|education|educational|hospitality)"
    r"(?:\s+|$))+",
    re.IGNORECASE,
)
# "Posted 2 Days Ago", "Just posted", "30+ days ago": when a job site showed the posting, never a name.
_WHEN_POSTED = re.compile(r"\b(?:ago|posted|reposted)\b", re.IGNORECASE)
# "Band 5", "Grade 7", "Level 3": a pay grade under an NHS or university title, not a name.
_PAY_GRADE = re.compile(r"^(?:pay\s+)?(?:band|grade|level|step|scale|spine\s+point)\s+\d", re.IGNORECASE)
_JOINERS = frozenset({"of", "and", "the", "for", "de", "du", "la", "pvt", "ltd", "und", "et"})
_INSTITUTION_WORDS = frozenset(
    {
        "trust", "university", "museum", "council", "county", "hospital", "hospitals", "department", "agency",
        "institute", "foundation", "school", "college", "board", "library",
    }
)  # fmt: skip
# "SQL-based", "data-driven", "detail-oriented": a compound adjective (a word, a hyphen, a participle or
# an adjective-forming word) qualifies a noun; no organisation is named that way.
_COMPOUND_ADJECTIVE = re.compile(
    r"-(?:based|driven|oriented|orientated|focused|focussed|led|first|friendly|centric|centred|centered|"
    r"specific|related|level|facing|minded|savvy|heavy|native|ready|enabled|powered|proof|free|wide|"
    r"intensive|critical|sensitive|aware)$",
    re.IGNORECASE,
)


# Never a name on its own: a legal form without the name it ends ("CIC", "Ltd"), LinkedIn's region
# ("Greater Milan Metropolitan Area", "Greater London Area").
_NOT_A_NAME_BY_FORM = re.compile(
    r"^(?:cic|ltd|limited|inc|llc|llp|plc|gmbh|ag|co|corp|pvt\.?\s+ltd)\.?$|"
    r"^(?:greater\s+)?[A-ZÀ-Ý][\w'’ -]{1,40}?\s+(?:metropolitan\s+)?area$",
    re.IGNORECASE,
)


def _part_of_a_place(name: str, text: str) -> bool:
    """ "Wycombe" where the posting says "High Wycombe": a piece of a place's name, not an employer."""
    return any(
        is_place(found.group(0))
        for found in re.finditer(
            rf"(?:\b[A-ZÀ-Ý][\w'’-]+\s+{re.escape(name)}\b|\b{re.escape(name)}\s+[A-ZÀ-Ý][\w'’-]+\b)", text
        )
    )


def _never_the_employer(name: str, text: str) -> bool:
    """Whatever path found it: a legal form alone, a region, a card's place-and-terms line, a piece of a
    place's name."""
    return (
        _NOT_A_NAME_BY_FORM.match(name) is not None
        or (" · " in name and not is_company_name(name))
        or (len(name.split()) == 1 and _part_of_a_place(name, text))
    )


def is_company_name(text: str | None) -> bool:
    if not text:
        return False
    name = text.strip()
    words = name.split()
    if not looks_like_name(name) or len(name) > 80:
        return False
    first = words[0].lower().strip("'’\"")
    # "US Environmental Protection Agency", "IT Solutions": capitals are not the pronoun.
    # "University of Leeds", "University Hospitals of Derby and Burton NHS Foundation Trust": an
    # institution's word opens its name; alone ("University", "Trust") it names nothing.
    institution = first in _INSTITUTION_WORDS and len(words) >= 2
    pronoun_like = first in NOT_A_COMPANY and first != "the" and not words[0].isupper() and not institution
    if name.lower() in NOT_A_COMPANY or pronoun_like:
        return False
    if _COMPOUND_ADJECTIVE.search(words[-1].rstrip(".,")):
        return False
    if _WHEN_POSTED.search(name) or _PAY_GRADE.match(name):
        return False
    if words[-1].lower() in _JOINERS - {"pvt", "ltd"} or words[-1] == "&":
        # "University of": a name cut short.
        return False
    possessive = re.match(r"^(?P<base>.+?)(?:'s|’s)$", name)
    if possessive is not None and not is_company_name(possessive.group("base")):
        # "Library's" (from "the Library's curators"): a fragment of a possessive, unless what owns is a
        # name in itself ("McDonald's").
        return False
    if SITE_NAMES.match(name) or is_place(name) or WORK_MODE.match(name) or EMPLOYMENT_TYPE.match(name):
        return False
    if "/" in name and all(is_place(p.strip()) or WORK_MODE.match(p.strip()) for p in name.split("/")):
        return False
    if _NOT_A_NAME_BY_FORM.match(name):
        return False
    if " · " in name and any(
        WORK_MODE.match(part.strip()) or EMPLOYMENT_TYPE.match(part.strip()) for part in name.split(" · ")
    ):
        # "Montabaur · Full time": a job card's place and terms.
        return False
    if (
        heading_kind(name)[0] is not None
        or _DEPARTMENT.fullmatch(name)
        or _DEPARTMENT_UNIT.fullmatch(name)
        or _DESCRIPTOR.fullmatch(name)
        or name.lower() in LABEL_KEYS
    ):
        return False
    # A sentence, not a name: lower-case words that are not joiners.
    small = [
        w
        for w in words[1:]
        if w[:1].islower()
        and w.lower() not in {"of", "and", "the", "for", "de", "du", "la", "pvt", "ltd", "und", "et"}
    ]
    return len(small) <= (1 if _LEGAL_SUFFIX.search(name) else 0)


_MODE_AROUND_PLACE = re.compile(
    r"^\W*(?:fully\s+)?(?:remote|hybrid|on[- ]?site)\W*|\W*\b(?:remote|hybrid|on[- ]?site)\W*$", re.IGNORECASE
)


def _add_location(header: Header, text: str) -> None:
    # "Hybrid, London" / "London (Remote)": the place without the work mode beside it.
    place = tidy_location(text) or tidy_location(_MODE_AROUND_PLACE.sub("", text))
    if place:
        header.locations.append(place)


_PART_LABEL = re.compile(r"^(?P<key>[A-Za-z][A-Za-z /]{1,30}?)\s*:\s*(?P<value>\S.*)$")
_SENTENCE_VERB = re.compile(r"\b(?:is|are|was|were|will|we|you|our|has|have)\b", re.IGNORECASE)


def _is_sentence(part: str) -> bool:
    """A clause with a verb and a comma or a full stop: prose, not a header's title or name."""
    words = part.split()
    # "Tiqets is an award-winning scale-up ... Netherlands. We are hiring an Analytics Engineer ...!": two
    # sentences, the second ending in "!", are prose too.
    return (
        len(words) >= 8
        and _SENTENCE_VERB.search(part) is not None
        and (
            "," in part
            or part.rstrip().endswith((".", "!", "?"))
            or re.search(r"[.!?]\s+[A-Z]", part) is not None
        )
    )


def _read_part(part: str, header: Header, *, first: bool, title_parts: list[str]) -> None:
    part = part.strip()
    if not part or URL.fullmatch(part) or re.match(r"^via\s", part, re.I):
        return
    if find_salary(part) is not None and not ROLE_NOUN.search(part):
        header.remote_hints.append(part)
        return
    if EMPLOYMENT_TYPE.match(part):
        return
    label = _PART_LABEL.match(part)
    if label is not None:
        # "Java Developer | Salary: £50k | Location: Leeds": a label among the header's parts.
        key = LABEL_KEYS.get(label.group("key").strip().lower())
        if key == "location":
            _add_location(header, label.group("value"))
            header.remote_hints.append(label.group("value"))
            return
        if key == "company" and is_company_name(label.group("value").strip()):
            header.companies.insert(0, label.group("value").strip())
            return
        if key is not None and key != "title":
            return
    if _is_sentence(part):
        # "Our client, a leading retailer based in Birmingham, is looking for a Store Manager.": a
        # sentence, not a title; the role it asks for is one.
        wanted = re.search(r"\b(?:looking\s+for|seeking|hiring|recruiting)\s+.+$", part, re.IGNORECASE)
        asked = _LOOKING.match(wanted.group(0)) if wanted is not None else None
        if header.title is None and asked is not None:
            header.title = tidy_title(_role_phrase(asked.group("title")))
        return
    at = _AT_SPLIT.match(part)
    if at is not None and ROLE_NOUN.search(at.group("title")) and header.title is None:
        header.title = tidy_title(at.group("title"))
        company, inner = split_paren(at.group("company"))
        header.companies.insert(0, company)
        if inner:
            _read_part(inner, header, first=False, title_parts=[])
        return
    main, inner = split_paren(part)
    if header.title is None and ROLE_NOUN.search(part) and (first or not looks_like_name(part)):
        if inner is not None and (is_place(inner) or WORK_MODE.match(inner)):
            _read_part(inner, header, first=False, title_parts=[])
            part = main
        elif inner is not None and places_in(inner):
            # "Jr. Web Developer (Kolkata BTECH MCA BCA)": a place in the title's brackets.
            header.locations.append(places_in(inner)[0])
        # "Elections Division Manager, Washington County, Minnesota": the title, then the place.
        head, _, tail = part.partition(", ")
        if tail and ROLE_NOUN.search(head) and (is_place(tail) or is_place(tail.split(",")[0])):
            header.locations.append(tail)
            part = head
        header.title = tidy_title(part)
        title_parts[:] = [part]
        return
    # "Senior Developer – Payments": a part that is neither a place nor a name used anywhere else in
    # the posting qualifies the title rather than naming the company.
    if (
        first
        and header.title is not None
        and title_parts
        and not is_place(main)
        and not places_in(part)
        and not WORK_MODE.match(part)
        and looks_like_name(part)
        and _ORG_WORD.search(part) is None
        # An acronym names an organisation ("VRT"), unless the whole header is in capitals.
        and (
            not any(word.isupper() and len(word) > 1 for word in part.split())
            or all(piece.isupper() for piece in title_parts)
        )
        # "Executive - Data Analytics": a field of work qualifies the title even when the posting names
        # the field again; another name used twice is more likely the employer.
        and (
            _DEPARTMENT.fullmatch(part.strip()) is not None
            or len(re.findall(rf"(?<!\w){re.escape(part)}(?!\w)", header.text)) < 2
        )
    ):
        title_parts.append(part)
        # Joined as the posting joins them ("Driver - Weekends"), else with a dash.
        joined = next(
            (
                candidate
                for sep in (" - ", " – ", " — ", " | ", " / ")
                if (candidate := sep.join(piece.strip() for piece in title_parts)) in header.text
            ),
            " – ".join(title_parts),
        )
        header.title = tidy_title(joined)
        return
    if "/" in part:
        pieces = [piece.strip() for piece in part.split("/") if piece.strip()]
        if all(is_place(piece) or WORK_MODE.match(piece) for piece in pieces):
            for piece in pieces:
                _read_part(piece, header, first=False, title_parts=[])
            return
    if is_place(part):
        _add_location(header, part)
        if WORK_MODE.match(part):
            header.remote_hints.append(part)
        return
    if WORK_MODE.match(part) or WORK_MODE.match(part.upper().lower()):
        header.remote_hints.append(part)
        rest = re.sub(r"^\W*(?:remote|hybrid|on[- ]?site)\W*", "", main, flags=re.I)
        if inner and is_place(inner):
            header.locations.append(part if main.lower() == "remote" else inner)
        elif rest and is_place(rest):
            _add_location(header, rest)
        return
    if is_place(main):
        _add_location(header, main)
        if inner:
            header.remote_hints.append(inner)
        return
    # "VRT Belgium": a name, then the country it works in.
    found = places_in(part)
    if found and part.endswith(found[-1]) and part != found[-1]:
        name = part[: -len(found[-1])].strip(" ,-–")
        if is_company_name(name):
            header.companies.append(part)
            header.locations.append(found[-1])
            return
    if is_company_name(main):
        header.companies.append(main)


_MODE_WORD = re.compile(r"\b(?:remote|hybrid|onsite|on-site|in[- ]office|in[- ]person)\b", re.IGNORECASE)


def _read_thread_part(part: str, header: Header, index: int, *, others_placed: bool = False) -> None:
    """One part of a hiring thread's header; the first names the company and often its places."""
    part = URL.sub("", part).replace("()", "").strip(" ,")
    # "GTmetrix (Gossamer Threads, Inc.)": a comma inside brackets does not end the name.
    unbracketed = re.sub(r"\s*\([^()]*\)", "", part)
    if index == 0 and "," in unbracketed and ROLE_NOUN.search(part) is None:
        name = unbracketed.split(",")[0].strip()
        for match in _CITY_STATE.finditer(part):
            header.locations.append(f"{match.group(1)}, {match.group(2)}")
        modes = re.findall(r"\b(?:remote|onsite|on-site|hybrid|in[- ]office)\b", part, re.IGNORECASE)
        header.remote_hints.extend(modes)
        if is_company_name(name):
            header.companies.insert(0, name)
            return
    if index == 0 and is_company_name(split_paren(part)[0]):
        header.companies.insert(0, split_paren(part)[0])
        return
    if index == 0 and others_placed and is_place(part) and looks_like_name(part) and header.company is None:
        # "Newton | Finance & Operations Coordinator | Toronto, Canada": the thread's first part names
        # the company even when a town has the same name, since another part gives the place.
        header.company = part
        return
    if index > 0 and len(part.split()) <= 4 and _MODE_WORD.search(part) and not WORK_MODE.match(part):
        # "Full-time onsite", "Full time, REMOTE": a work mode after the kind of employment.
        header.remote_hints.append(part)
    _read_part(part, header, first=False, title_parts=[])


def _is_terms_line(text: str) -> bool:
    """ "Milan · Full time", "Remote · Contract": places, work modes and kinds of employment only."""
    parts = [part.strip() for part in text.split(" · ")]
    return len(parts) >= 2 and all(
        WORK_MODE.match(part) or EMPLOYMENT_TYPE.match(part) or is_place(tidy_location(part) or "")
        for part in parts
    )


def _read_header_line(text: str, header: Header, *, first: bool) -> None:
    if text.strip().casefold() in NOT_A_COMPANY or text.strip().lower().startswith("central advertising"):
        # NHS Jobs' "Central Advertising - Other": the account that placed the advert, and its category.
        return
    # "at Acme Robotics" (Greenhouse), "Careers at Acme", "Jobs at Acme", "Working at Acme": a page's line
    # naming whose jobs these are.
    at_line = re.match(
        r"^(?i:(?:careers|jobs|vacancies|opportunities|openings|work|working|life)\s+)?(?i:at|@|with)\s+"
        r"(?P<company>[A-Z0-9].{0,80})$",
        text.strip(),
    )
    if at_line is not None and is_company_name(split_paren(at_line.group("company"))[0]):
        # Greenhouse's header: the title, then "at Acme Robotics" on a line of its own.
        header.companies.insert(0, split_paren(at_line.group("company"))[0])
        return
    lever_field = re.match(r"^(?P<value>[^/|]{2,80}?)\s+/\s*$", text)
    if lever_field is not None:
        # Lever's header: "Billund /", "Data Platform /", "Full-time": the place, the team and the
        # commitment, each followed by the separator of the next; never the employer.
        value = lever_field.group("value").strip()
        if WORK_MODE.match(value):
            header.remote_hints.append(value)
        elif is_place(tidy_location(value) or "") or places_in(value):
            _add_location(header, value)
        return
    linkedin = _LINKEDIN.match(text)
    if linkedin is not None:
        company = linkedin.group("company") or linkedin.group("company2")
        title = linkedin.group("title") or linkedin.group("title2")
        if ROLE_NOUN.search(title):
            header.companies.insert(0, company.strip())
            header.posters.append(company.strip())
            if re.search(r"\|\s*LinkedIn$", text) and company.strip().casefold() not in NOT_A_COMPANY:
                # LinkedIn's page title names who posted the job outright, even a name that is also a
                # place ("Newton hiring ... | LinkedIn"): the employer, unless an agency posted it.
                header.page_poster = header.page_poster or company.strip()
            header.title = header.title or tidy_title(title)
            if linkedin.group("place"):
                header.locations.insert(0, linkedin.group("place").strip())
            return
    application = _APPLICATION_FOR.match(text)
    if application is not None and ROLE_NOUN.search(application.group("title")):
        # Greenhouse's tab title: "Job Application for Data Analyst at Acme".
        header.title = header.title or tidy_title(application.group("title"))
        header.companies.insert(0, application.group("company").strip())
        return
    if _is_terms_line(text):
        # "Milan · Full time", "Hybrid · Permanent": a job card's place and terms, never the employer.
        for part in (part.strip() for part in text.split(" · ")):
            if WORK_MODE.match(part):
                header.remote_hints.append(part)
            elif not EMPLOYMENT_TYPE.match(part):
                _add_location(header, part)
        return
    slashed = [part.strip() for part in text.split(" / ")]
    if len(slashed) >= 3 and any(is_place(part) or find_salary(part) is not None for part in slashed[1:]):
        # "Data Engineer / Azure / Manchester / £70k": an agency's header, parts between slashes; a
        # technology among them is the stack, neither the employer nor part of the title.
        vocabulary = get_vocabulary()
        pieces: list[str] = []
        for part in slashed:
            if vocabulary.canonical(part) is None or _DEPARTMENT.fullmatch(part):
                _read_part(part, header, first=first, title_parts=pieces)
        return
    parts = [part for part in re.split(r"\s*\|\s*", text) if part.strip()]
    if len(parts) >= 3:
        placed = any(is_place(part.strip()) or places_in(part) for part in parts[1:])
        for index, part in enumerate(parts):
            _read_thread_part(part, header, index, others_placed=placed)
        return
    if find_salary(text) is not None and ROLE_NOUN.search(text) is None:
        header.remote_hints.append(text)
        return
    hiring = _HIRING.match(text)
    if hiring is not None:
        header.companies.insert(0, hiring.group("company").strip())
        if header.title is None:
            header.title = tidy_title(_title_without_place(hiring.group("title"), header))
        return
    looking = _LOOKING.match(text)
    if looking is not None and header.title is None:
        header.title = tidy_title(_role_phrase(looking.group("title")))
        return
    if _LEVER_TAIL.search(text):
        # Places and work modes only: the rest is the team, not the company.
        unglued = re.sub(r"([a-z])([A-Z][a-z])", r"\1 / \2", text)
        for piece in re.split(r"\s*/\s*|\s+[–—-]\s+", unglued):
            piece = piece.strip()
            if is_place(piece):
                _add_location(header, piece)
            elif WORK_MODE.match(piece):
                header.remote_hints.append(piece)
        return
    title_parts: list[str] = []
    after_place = False
    for part in _split_header(text):
        name = part.strip()
        if after_place and is_company_name(name) and not places_in(name):
            # "Homecare Nurse - Manchester - B Braun Medical": title, place, then the employer.
            header.companies.insert(0, name)
            continue
        before = len(header.locations)
        _read_part(part, header, first=first, title_parts=title_parts)
        after_place = after_place or (header.title is not None and len(header.locations) > before)


def _title_company_place(lines: Sequence[Line]) -> tuple[str, str, str] | None:
    """Title, company and place on three lines in a row near the top (Google, Indeed, Glassdoor, NHS
    Jobs, LinkedIn's job card): the middle line names the employer even when a role noun is in its
    name ("Varsity Tutors")."""
    top = [line for line in lines[:60] if line.kind != "blank"][:30]
    for index in range(len(top) - 2):
        triple = top[index : index + 3]
        if any(line.kind not in {"text", "heading"} or line.section for line in triple):
            continue
        title, company, place = (line.text for line in triple)
        if title.endswith((".", "!", "?")) or _PART_LABEL.match(company) or _PART_LABEL.match(place):
            # "This role reports to the Director.", "FLSA Classification: Exempt": a sentence and a
            # page's fields, not a card.
            continue
        if _LINKEDIN.match(title):
            # The page's tab title ("Acme hiring X in Y | LinkedIn") above the card, not its title line.
            continue
        # A card's place is a line of its own, not a paragraph that names a town in passing.
        tidy = tidy_location(place) if len(place) <= 100 else None
        placed = tidy is not None and (is_place(tidy) or tidy.lower().startswith("remote"))
        # A card that opens the paste holds the title whatever its words ("Data Science IC3", "Ward
        # Tracker"); further down, three short lines are a card only when the first names a role.
        # ("Northwind Traders" above "Supply Chain Analyst": the role is the second line, not the first.)
        titled = ROLE_NOUN.search(title) is not None or (
            index == 0
            and not title.endswith((".", "!", "?", ":"))
            and not is_place(title)
            and ROLE_NOUN.search(company) is None
        )
        if not titled or len(title) > 100 or not (placed or WORK_MODE.match(place)):
            continue
        name = split_paren(company)[0]
        employer = _AT_EMPLOYER.match(name)
        if employer is not None:  # Greenhouse's "at Acme" under the title
            name = employer.group("name")
        if (
            len(name.split()) > 10
            or _is_terms_line(name)
            or name.endswith((".", "!", "?", ":"))
            or is_place(name)
            or WORK_MODE.match(name)
            or EMPLOYMENT_TYPE.match(name)
            # "Seattle, WA · 2 days ago · 48 applicants": LinkedIn's place-and-date line.
            or _WHEN_POSTED.search(name)
            or is_place(name.split("·")[0].strip())
            or SITE_NAMES.match(name)
            or ROLE_NOUN.fullmatch(name)
            or not (name[:1].isupper() or name[:1].isdigit() or _LEGAL_SUFFIX.search(name))
        ):
            continue
        return title, name, tidy or ""
    return None


def _title_without_place(title: str, header: Header) -> str:
    """ "Account Executive in Austin": the title, and the place it is in; "Teacher of Mathematics at
    Oakwood Academy": the title, and the employer."""
    head, sep, place = title.partition(" in ")
    if sep and (is_place(place) or places_in(place)):
        header.locations.append(place if is_place(place) else places_in(place)[0])
        return head
    at = _AT_SPLIT.match(title)
    if at is not None and ROLE_NOUN.search(at.group("title")):
        where = at.group("company").strip()
        if is_place(where):
            header.locations.append(where)
        elif is_company_name(where):
            header.companies.append(where)
        else:
            return title
        return at.group("title")
    return title


def _role_phrase(phrase: str) -> str:
    """ "structured and solution-oriented Analytics Engineer" -> "Analytics Engineer": the capitalised
    run that ends the phrase, when there is one."""
    words = phrase.split()
    start = len(words)
    # "(BI)" in "Business Intelligence (BI) Analyst" belongs to the run.
    while start > 0 and (words[start - 1][:1].isupper() or re.fullmatch(r"\([A-Z]{2,6}\)", words[start - 1])):
        start -= 1
    if start < len(words) and start > 0:
        return " ".join(words[start:])
    return phrase


_RUN_ON_END = re.compile(
    r"(?:\b(?:the|a|an|and|or|of|to|with|in|for|on|at|by|our|its|their)|,)$", re.IGNORECASE
)


def _runs_on(line: str, following: str) -> bool:
    """A line that ends mid-sentence and goes on in the next one: a wrapped paragraph's line."""
    if len(line) < 40 or not following.strip():
        return False
    if re.match(r"(?:https?://|www\.)\S+\s*$", following.strip()):
        # A header line, then the posting's address on a line of its own: no sentence goes on there.
        return False
    return _RUN_ON_END.search(line.rstrip()) is not None or (
        following[:1].islower() and not line.rstrip().endswith((".", ":", "!", "?"))
    )


# "Digital Services Expert GS-0301-15": a US federal position's title with its pay plan, series and grade.
_GRADED_TITLE = re.compile(r"^(?P<title>[A-Z][^.:;|]{3,80}?)\s+(?:GS|GG|GL|WG|WS|FS)-\d{3,4}(?:-\d{1,2})?$")


_APPLICATION_FOR = re.compile(r"^job application for (?P<title>.{2,120}?) at (?P<company>\S.{0,100})$", re.I)
_AT_EMPLOYER = re.compile(r"^(?:at|@)\s+(?P<name>[A-Z0-9][^.!?:;|]{1,100})$")
_ROLE_CATEGORY = re.compile(r"^role\s+category\s*:", re.IGNORECASE | re.MULTILINE)


def _rewrapped(lines: Sequence[Line], index: int, stop: int) -> tuple[str, int]:
    """A line an email client wrapped at 60-80 columns, joined with the lines it goes on in: a hiring-
    thread header ("Acme | Engineer | Remote |" / "$120k") or the first paragraph of a prose posting.
    Returns the text and the index of the last line joined (index itself when nothing was)."""
    parts = [lines[index].text]
    last = index
    while last + 1 < stop and lines[last + 1].kind == "text":
        current, following = parts[-1].rstrip(), lines[last + 1].text
        # Wrapped: the next line's first word would not have fitted in 72 columns, the narrowest
        # width mail clients wrap at.
        first_word = following.split()[0] if following.split() else ""
        wrapped = (
            len(current) + 1 + len(first_word) > 72
            and len(current) <= 80
            and not current.endswith((".", "!", "?", ":"))
        )
        thread = "|" in current and ("|" in following or current.endswith("|"))
        if not (wrapped and (thread or len(following) >= 40 or following[:1].islower())):
            break
        if (
            index == last
            and _ORGANISATION_WORD.search(following)
            and is_company_name(following)
            and (last + 2 >= len(lines) or lines[last + 2].kind in {"blank", "label"})
        ):
            # A long title, then "Oxford University Hospitals NHS Foundation Trust" alone: the employer's
            # line under the title, not the rest of a wrapped line.
            break
        parts.append(following)
        last += 1
    return " ".join(parts), last


_WRAP_WIDTH = 60


def _wrapped_value(lines: Sequence[Line], position: int, value: str) -> str:
    """A label's value with the lines an email client or a PDF wrapped it onto ("QUALIFICATIONS: Required:
    Master's degree in a Humanities discipline" / "from an appropriately accredited institution."): a long
    label line runs on in the plain lines right under it, up to the next blank line."""
    if len(lines[position].text) < _WRAP_WIDTH or value.endswith((".", ";", ":")):
        return value
    parts = [value]
    for line in lines[position + 1 :]:
        if line.kind != "text":
            break
        parts.append(line.text.strip())
        if len(line.text) < _WRAP_WIDTH:
            break
    return " ".join(parts)


# Lines from the top within which a page's fields ("Title: ...") describe the job itself.
_HEADER_REACH = 20


def read_header(lines: Sequence[Line], reading: Reading, text: str) -> Header:
    header = Header(text=text)
    for position, line in enumerate(lines):
        if line.kind != "label":
            continue
        value = line.value.strip()
        if (
            line.key == "title"
            and header.title is None
            and len(value) <= 150
            # Naukri's footer ("Role: Technical Support - Voice / Blended", "Role Category: ...") files
            # the job under a category; it does not title it.
            and not (line.text.lower().startswith("role") and _ROLE_CATEGORY.search(text))
            # "Title: INfotainment management with SPeech Interaction ...", far down the page: a project's
            # title, where it names no role.
            and not (position > _HEADER_REACH and ROLE_NOUN.search(value) is None)
        ):
            header.title = tidy_title(value)
            header.title_from_label = True
        elif line.key == "company" and header.company is None and len(value) <= 150:
            name = split_paren(value)[0] or value
            if _AGENCY.search(value) is not None:
                # "Company: Archer Recruitment (recruiting on behalf of a client)": the agency that posted
                # the job, not the employer, whom it does not name.
                header.posters.append(name)
            elif is_company_name(name) or _LEGAL_SUFFIX.search(name):
                header.company = name
        elif (
            line.key == "type"
            and header.department is None
            and line.text.lower().startswith("department")
            and _PUBLIC_BODY.search(value) is not None
            and is_company_name(value)
        ):
            # A government page's "DEPARTMENT: State Board of Elections": the public body that hires, when
            # no employer label names one ("Department: Clerk's Office" is a unit, not a body).
            header.department = value
        elif line.key == "location" and len(value) <= 200:
            header.remote_hints.append(value)
            if header.location is None:
                # "Hybrid - Riverbend, WI": the place beside the work mode.
                header.location = tidy_location(value) or tidy_location(_MODE_AROUND_PLACE.sub("", value))
        elif line.key == "address" and header.address is None:
            place = tidy_location(value)
            if place and is_place(place):
                header.address = place
        elif line.key == "remote":
            header.remote_hints.append(
                f"{value} {'remote' if value.lower() in {'yes', 'full', 'fully'} else ''}"
            )
        elif line.key == "level" and header.level_label is None and len(value) <= 40:
            header.level_label = value
        elif line.key == "requirement":
            value = _wrapped_value(lines, position, value)
            if len(value.split()) <= 2 and LEVEL_WORDS.search(value):
                header.level_label = header.level_label or value
            else:
                # "Experience: One year at the GS-09 level. ... Or Education: Three years ...": a
                # long value holds several requirements.
                key = line.text[: len(line.text) - len(line.value)].strip()
                parts = sentences(value)
                header.label_requirements.append(f"{key} {parts[0]}"[:500])
                header.label_requirements.extend(parts[1:])
    # Header lines: the short lines before the first section heading and the first long paragraph.
    stop = reading.first_heading_line if reading.first_heading_line is not None else len(lines)
    start = 0
    opening = next((index for index, line in enumerate(lines) if line.kind != "blank"), None)
    if opening is not None and opening == reading.first_heading_line:
        # "Job description" then "Senior Accountant", "Riverside Dental Group - Cardiff": a page's heading
        # above the header lines; they run to the next heading.
        start = opening + 1
        stop = next(
            (index for index in range(start, len(lines)) if lines[index].kind == "heading"), len(lines)
        )
    seen = 0
    previous: str | None = None
    first_line = ""
    consumed = -1
    for index, line in enumerate(lines[:stop]):
        if index < start:
            continue
        if line.kind == "blank" or index <= consumed:
            continue
        if line.kind == "text":
            joined, consumed = _rewrapped(lines, index, stop)
            if consumed > index:
                # A header line or paragraph re-wrapped by an email client: read as one line.
                line = Line(line.raw, joined, "text")
        if line.kind == "text" and _runs_on(
            line.text, lines[index + 1].text if index + 1 < len(lines) and index >= consumed else ""
        ):
            # A paragraph hard-wrapped at a width (text taken from a PDF or an email): prose, where
            # the header lines have ended.
            break
        if line.kind in {"label", "bullet"}:
            seen += 1
            continue
        long_line = len(line.text) > 120 and not (seen == 0 and line.kind == "heading")
        # "# Artificial Intelligence Laboratory of EPFL - Post-Doctoral Position in Natural Language
        # Processing and Man-Machine Dialogue": a page's own long title is a header line, not prose.
        if long_line and not (seen == 0 and ("|" in line.text or " hiring " in line.text)):
            if seen == 0:
                # "Elections Division Manager, Washington County, Minnesota– Washington County is ...":
                # a one-paragraph posting opens with its header.
                head = re.split(r"\s*[–—]\s*|\s+-\s+", line.text, maxsplit=1)[0]
                if len(head) <= 120 and head != line.text:
                    _read_header_line(head, header, first=True)
            break
        if seen >= 8:
            break
        seen += 1
        whole = line.text.strip()
        # The line under the title: the second line, or the line under the title repeated where the
        # posting's own text begins below a job page's header (Lever, Indeed).
        under_title = seen == 2 or (previous is not None and previous == first_line)
        previous = whole
        first_line = first_line or whole
        employer = _AT_EMPLOYER.match(whole)
        if employer is not None and header.title is not None and is_company_name(employer.group("name")):
            # Greenhouse's board: the title, then "at Acme".
            header.companies.insert(0, employer.group("name"))
            continue
        card_parts = [part.strip() for part in whole.split(" · ")]
        if (
            under_title
            and header.title is not None
            and len(card_parts) >= 2
            and is_company_name(card_parts[0])
            and all(is_place(tidy_location(part) or "") or WORK_MODE.match(part) for part in card_parts[1:])
        ):
            # LinkedIn's card under the title: "Acme · London, England, United Kingdom".
            header.companies.insert(0, card_parts[0])
            for part in card_parts[1:]:
                if WORK_MODE.match(part):
                    header.remote_hints.append(part)
                else:
                    _add_location(header, part)
            continue
        pair = [part.strip() for part in whole.split(" | ")]
        if (
            under_title
            and len(pair) == 2
            # "Family Planning Associates Medical Group": an organisation's word outweighs a role noun.
            and (is_company_name(pair[0]) or _ORGANISATION_WORD.search(pair[0]) is not None)
            and not is_place(pair[0])
            and is_place(tidy_location(pair[1]) or "")
            and len(first_line) <= 100
            and not first_line.endswith((".", "!", "?", ":"))
        ):
            # A job board's card: the title, then "Acme Health | Arizona" (the employer and its place).
            header.title = header.title if seen > 2 and header.title else tidy_title(first_line)
            header.companies = [name for name in header.companies if name != first_line]
            header.companies.insert(0, pair[0])
            header.top_company = pair[0]
            if _AGENCY.search(text) is None:
                header.company = header.company or pair[0]
            _add_location(header, pair[1])
            continue
        named = (
            under_title
            and len(whole.split()) <= 6
            and re.search(r"[:,;/|()·•]|\s[-–—]\s", whole) is None
            and is_company_name(whole)
        )
        if named and header.title is None and seen == 2 and _ORGANISATION_WORD.search(whole):
            # "Ward Tracker" then "Stockport NHS Foundation Trust": under a first line that names no
            # role noun, an organisation's name says the first line was the title.
            header.title = tidy_title(first_line)
            header.companies = [name for name in header.companies if name != first_line]
        if named and header.title is not None:
            # "Pharmacy Technician - HMP Oakwood" then "Practice Plus Group": a line that is only a name,
            # under the title, names the employer before any part of the title line does.
            header.companies.insert(0, whole)
            header.top_company = header.top_company or whole
            continue
        _read_header_line(line.text, header, first=seen == 1)
    if header.title is None:
        graded = next(
            (
                found.group("title")
                for line in lines
                if line.kind in {"text", "heading"}
                and (found := _GRADED_TITLE.match(line.text)) is not None
                and ROLE_NOUN.search(found.group("title"))
            ),
            None,
        )
        header.title = tidy_title(graded) if graded else None
    agency = _AGENCY.search(text) is not None
    for_client = agency and _recruits_for_unnamed_client(text)
    card = _title_company_place(lines)
    if card is not None:
        # "IT Networking | 5 to 7 Years| Chennai&Pune": the title is the first of the line's parts.
        header.title = header.title or tidy_title(_split_header(card[0])[0].strip() or card[0])
        header.posters.append(card[1])
        if header.company is None and not for_client and header.top_company in (None, card[1]):
            header.company = card[1]
        if card[2]:
            header.locations.append(card[2])
    if header.company is None:
        header.company = next(
            (
                name
                for name in header.companies
                if is_company_name(name)
                and not (for_client and (name in header.posters or _named_as_recruiter(name, text)))
                # A name in capitals on the line under the title is the employer's, not a banner.
                and not (_banner(name, text) and name != header.top_company)
                and not _only_in_role_name(name, text)
                and not _abbreviates_a_role_or_place(name, text)
                and name != _card_terms_place(text)
                # The title again ("Job Title: Gen AI Developr With AWS" under the same first line).
                and name.casefold() != (header.title or "").casefold()
                and not (len(name.split()) == 1 and _part_of_a_place(name, text))
            ),
            None,
        )
    if header.company is None and not for_client and header.page_poster is not None:
        header.company = header.page_poster
    if header.company is None and not agency and header.department is not None:
        header.company = header.department
    if header.title is not None and header.company is None and not agency:
        # "King's College London Lecturer in Digital Culture and Society": an institution, then the role.
        split = _institution_before_title(header.title)
        if split is not None:
            header.company, header.title = split
    if header.company is None and not agency:
        header.company = next((name for name in reading.about_names if is_company_name(name)), None)
    if header.company is None and not agency:
        in_prose = company_from_prose(text)
        header.company = in_prose if in_prose and not _abbreviates_a_role_or_place(in_prose, text) else None
    if header.company is not None and _never_the_employer(header.company, text):
        header.company = None
    if header.title is None and header.company is not None:
        # A job card's first line above the employer's name is the title, whatever its words.
        top = [line for line in lines[:6] if line.kind != "blank"][:2]
        if (
            len(top) == 2
            and top[1].text.strip() == header.company
            and top[0].kind in {"text", "heading"}
            and len(top[0].text) <= 100
            and not top[0].text.rstrip().endswith((".", "!", "?", ":"))
            and top[0].text[:1].isupper()
            # "About the team" then "Bioma": a section's heading above a name is not a title.
            and heading_kind(top[0].text)[0] is None
        ):
            header.title = tidy_title(top[0].text)
    if header.title is not None and header.company is not None:
        # "Marylhurst University, Assistant Professor of English": the employer before the title.
        # "NYPL Digital Curatorial Assistant" at the New York Public Library: its initials, then the title.
        initials = "".join(
            word[0] for word in header.company.split() if word[:1].isupper() and word.lower() != "the"
        )
        for prefix in (f"{header.company}, ", f"{header.company} ", f"{initials} "):
            if (
                len(prefix) > 3
                and header.title.startswith(prefix)
                and ROLE_NOUN.search(header.title[len(prefix) :])
            ):
                header.title = header.title[len(prefix) :]
    if not header.locations and (card_place := _card_terms_place(text)) is not None:
        header.locations.append(card_place)
    if header.location is None and header.locations:
        # "Paris" then "Paris, France": the more specific one.
        header.location = max(header.locations, key=lambda loc: ("," in loc, -header.locations.index(loc)))
    if header.location is None:
        header.location = location_from_prose(text) or header.address or place_in_name(header.company)
    header.location = _resolve_codes(header.location, header)
    return header


def _only_in_role_name(name: str, text: str) -> bool:
    """ "Analytics Engineer — Document Intelligence Platform (CSC)" as the first line, and "Be the next
    Analytics Engineer — Document Intelligence Platform (CSC)." in the prose: the part after the dash is
    the role's own name, which the posting repeats whole, not an employer it names anywhere else."""
    line = next((row.strip() for row in text.splitlines() if name in row), None)
    # The line must hold a role besides the name: "at Entain" repeated in "Analyst at Entain" is the employer.
    if line is None or not ROLE_NOUN.search(line.replace(name, "")):
        return False
    repeats = text.count(line)
    return repeats >= 2 and text.count(name) == repeats


def _abbreviates_a_role_or_place(name: str, text: str) -> bool:
    """ "IEN - Registered Nurse" where the posting asks for "an Internationally Educated Nurse (IEN)": the
    letters stand for the role, not for an employer; and "TX" in "Odessa, TX" for a state."""
    if not re.fullmatch(r"[A-Z]{2,5}", name):
        return False
    if len(name) == 2 and re.search(rf"\b[A-Z][a-z]+,\s*{name}\b", text) is not None:
        return True
    spelled = re.search(rf"\b((?:[A-Z][\w-]*\s+){{0,4}}[A-Z][\w-]*)\s*\(\s*{name}\s*\)", text)
    return spelled is not None and ROLE_NOUN.search(spelled.group(1)) is not None


def _banner(name: str, text: str) -> bool:
    """ "EMPLOYMENT OPPORTUNITIES" above a county's posting: words in capitals that the posting never
    writes again are a banner heading; an employer's name comes back ("... with the Wayne County Board of
    Elections", "ACME" then "Acme is ...") or carries its legal form or an organisation's word."""
    letters = [c for c in name if c.isalpha()]
    if len(name.split()) < 2 or not letters or not all(c.isupper() for c in letters):
        return False
    if _LEGAL_SUFFIX.search(name) or _ORG_WORD.search(name):
        return False
    # A line of its own ("BLUE ORIGIN | Engineer | Seattle" names the employer in a thread's header).
    alone = re.search(rf"^[\W_]*{re.escape(name)}[\W_]*$", text, re.MULTILINE) is not None
    return alone and len(re.findall(re.escape(name), text, re.IGNORECASE)) < 2


_INSTITUTION_END = re.compile(
    r"\b(?:University|College|School|Academy|Museum|Library|Hospital|Council|Institute|Trust|Foundation)$"
)


def _institution_before_title(title: str) -> tuple[str, str] | None:
    """ "King's College London Lecturer in ..." -> ("King's College London", "Lecturer in ..."): a name
    ending with an institution's word, or with one and the town it is named after ("University of Leeds"),
    before a role; the longest such name that names one institution (a place or an owner in it)."""
    words = title.split()
    for cut in range(len(words) - 1, 0, -1):
        name, rest = " ".join(words[:cut]), " ".join(words[cut:])
        if ROLE_NOUN.search(name) or not rest[:1].isupper() or not ROLE_NOUN.search(rest):
            continue
        base = name
        for size in (1, 2):
            # "... College London", "... University of Leeds": the town after the institution's word.
            town = " ".join(words[cut - size : cut])
            before = " ".join(words[: cut - size]).removesuffix(" of")
            if cut - size > 0 and is_city(town) and _INSTITUTION_END.search(before):
                base = before
                break
        # A particular institution, not a kind of one ("High School Teacher", "Public Library Assistant"):
        # its name holds a place ("Leeds Beckett University") or an owner ("King's", "St Mary's").
        particular = bool(places_in(name)) or re.search(r"\w(?:'s|’s)\b", name) is not None
        if _INSTITUTION_END.search(base) and particular and is_company_name(name):
            return name, rest
    return None


def _resolve_codes(location: str | None, header: Header) -> str | None:
    """ "WB, IN" when the title says "Kolkata": the city; "Remote, IN" in an Indian posting: India."""
    if location is None:
        return None
    parts = [part.strip() for part in location.split(",")]
    if all(re.fullmatch(r"[A-Z]{2}|Remote", part) for part in parts):
        cities = [place for place in header.locations if is_city(place)]
        if cities:
            return cities[0]
        if parts[-1] == "IN" and posting_country(header.text, None) == "IN":
            return "India"
    return location


_DOMAIN = re.compile(r"(?:https?://|www\.|@)((?:[a-z0-9-]+\.)+)[a-z]{2,}\b", re.IGNORECASE)
# Parts of a web address that name no employer: job sites, mail providers, generic hosts.
_GENERIC_DOMAIN_LABELS = frozenset(
    words(
        "www careers career jobs job apply boards greenhouse lever ashbyhq workable recruitee linkedin "
        "indeed glassdoor gmail googlemail outlook hotmail yahoo icloud proton protonmail mail email hire "
        "hiring talent recruiting workday myworkdayjobs smartrecruiters bamboohr teamtailor personio "
        "github gitlab medium youtube twitter facebook instagram bit ly tinyurl forms docs google usajobs "
        "nhs example"
    )
)


def _domain_labels(text: str) -> set[str]:
    labels: set[str] = set()
    for match in _DOMAIN.finditer(text):
        for label in match.group(1).lower().split("."):
            if len(label) >= 4 and label not in _GENERIC_DOMAIN_LABELS:
                labels.add(label.replace("-", ""))
    return labels


def _tidy_name(name: str) -> str:
    """A name as a pattern caught it, without the sentence's punctuation; "Inc." keeps its full stop."""
    name = name.strip(" ,")
    if name.endswith(".") and _COMPANY_ABBREVIATION_END.search(name) is None:
        name = name.rstrip(". ")
    return _TRAILING_SMALL.sub("", name)


def company_from_prose(text: str) -> str | None:
    scores: dict[str, tuple[int, int]] = {}
    head = text[:20_000]
    vocabulary = get_vocabulary()
    for strength, pattern in _PROSE_COMPANY:
        for match in pattern.finditer(head):
            name = _tidy_name(match.group("name"))
            name = re.sub(r"(?:'s|’s)$", "", name)
            initials = match.groupdict().get("initials")
            if initials and "".join(word[0] for word in name.split() if word[0].isupper()) != initials:
                continue
            # "Kubernetes is a plus": a skill, not the employer.
            if not is_company_name(name) or vocabulary.canonical(name) is not None:
                continue
            best, _ = scores.get(name, (0, 0))
            scores[name] = (max(best, strength), 0)
    # A name the posting's own web address or e-mail spells ("careers.followupboss.com": Follow Up Boss).
    labels = _domain_labels(head)
    if labels:
        for match in re.finditer(_NAME, head):
            name = _TRAILING_SMALL.sub("", match.group(0).strip(" .,"))
            squashed = re.sub(r"[^a-z0-9]", "", name.lower())
            if squashed in labels and is_company_name(name) and vocabulary.canonical(name) is None:
                best, _ = scores.get(name, (0, 0))
                scores[name] = (max(best, 3), 0)
    if not scores:
        most = _most_named(head) or _organisation_named(head)
        return _fuller_name(most, head) if most else None
    for name in scores:
        count = len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", head))
        scores[name] = (scores[name][0], count)
    winner = max(scores, key=lambda name: (scores[name][0] + min(scores[name][1], 4), scores[name][1]))
    return _fuller_name(winner, head)


_INSTITUTION_TAIL = (
    r"University|College|Museum|Hospital|Library|Institute|Foundation|Group|Inc\.?|Ltd\.?|LLC|GmbH|"
    r"Corporation|Company|Bank|Council"
)


def _fuller_name(name: str, text: str) -> str:
    """ "Duke" -> "Duke University" when the posting also writes the full name: a sentence's short form
    ("Duke owned", "Duke's campus") names the same employer."""
    if re.search(rf"(?:{_INSTITUTION_TAIL})$", name):
        return name
    found = re.search(rf"(?<![\w-]){re.escape(name)}\s+({_INSTITUTION_TAIL})(?![\w-])", text)
    return f"{name} {found.group(1)}" if found else name


# Not right after "and", "of", "&": "Safety" in "Health and Safety" is the end of a longer name.
_MID_SENTENCE_NAME = re.compile(
    rf"(?<=[a-z,] )(?<!\band )(?<!\bof )(?<!& )(?P<name>{_NAME})(?:'s|’s)?(?=[\s,.!?;:)]|$)"
)
_COMMON_CAPITALISED = frozenset(
    words(
        "I English French German Spanish Italian Dutch Monday Tuesday Wednesday Thursday Friday Saturday "
        "Sunday January February March April May June July August September October November December UK US "
        "USA EU Europe America Internet Web OK AI ML API CEO CTO HR IT PhD MBA BSc MSc BA MA Christmas"
    )
)


def _most_named(text: str) -> str | None:
    """The proper name a posting uses most in its sentences ("... used Read the Docs ..."), when it
    uses it twice or more: the employer, if no sentence says so outright."""
    vocabulary = get_vocabulary()
    counts: dict[str, int] = {}
    for match in _MID_SENTENCE_NAME.finditer(text):
        name = _TRAILING_SMALL.sub("", match.group("name").strip(" .,"))
        counts[name] = counts.get(name, 0) + 1
    ranked = sorted(counts, key=lambda name: -counts[name])
    for name in ranked:
        if counts[name] < 2:
            break
        total = len(re.findall(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text))
        if (
            total >= 2
            and name not in _COMMON_CAPITALISED
            # "BI solutions", "HR team": a trade's acronym, not a name.
            and name.lower() not in _ACRONYMS
            and is_company_name(name)
            and vocabulary.canonical(name) is None
            and not any(True for _ in vocabulary.find(name))
            and not places_in(name)
        ):
            return name
    return None


# The word that ends an organisation's name by its form: "Fort Orange Press", "Acme Widgets, Inc.", "Leeds
# Beckett University".
_ORGANISATION_END = re.compile(
    r"\s(?:Press|Inc\.?|LLC|L\.L\.C\.|Ltd\.?|Limited|LLP|PLC|plc|GmbH|Corporation|Corp\.|Company|University|"
    r"College|Institute|Foundation|Museum|Library|Hospital|Council|Trust|Laboratories)$"
)


def _organisation_named(text: str) -> str | None:
    """ "... internal Fort Orange Press teams ...": when no sentence says who employs, a proper name that
    ends as organisations' names do ("Press", "Inc.", "University"), the one written most often."""
    counts: dict[str, int] = {}
    for match in re.finditer(rf"(?<![\w&'’.-]){_NAME}", text):
        name = _tidy_name(re.sub(r"^The\s+", "", match.group(0)))
        if len(name.split()) >= 2 and _ORGANISATION_END.search(name) and is_company_name(name):
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda name: counts[name]) if counts else None


# Institutions named after their town: "King's College London", "University of Leeds", "Museum of London".
_TOWN_AFTER_INSTITUTION = re.compile(
    r"\b(?:University|College|School|Academy|Museum|Library|Hospital|Council|Institute)\s+(?:of\s+)?"
    r"(?P<place>[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,2})$"
)


def place_in_name(company: str | None) -> str | None:
    """The town an institution's name ends with, when the posting says no place of its own."""
    found = _TOWN_AFTER_INSTITUTION.search(company or "")
    if found is None:
        return None
    place = found.group("place")
    return place if is_city(place) else None


def _place_parts(place: str) -> str:
    """ "Bristol, Sunrise Care Homes is ...": the town, and after it only what is a place too ("Austin, TX",
    "Leeds, West Yorkshire, England")."""
    parts = [part.strip() for part in place.split(",")]
    kept = parts[:1]
    for part in parts[1:]:
        if not (is_place(part) or re.fullmatch(r"[A-Z]{2}", part)):
            break
        kept.append(part)
    return ", ".join(kept)


# Indeed's "Ability to commute/relocate:" answer: "Gurugram, Haryana: Reliably commute or planning to
# relocate before starting work (Required)".
_COMMUTE_TO = re.compile(
    r"^[\s*•-]*(?P<place>[A-Z][^:\n]{2,60}?):\s+(?:Reliably\s+commute|Relocate|Reliably\s+relocate)",
    re.MULTILINE,
)


# "Dentsply Sirona's global headquarters is located in Charlotte, North Carolina": where a group is
# run from, in its story, not where this job is.
_GROUP_SEAT = re.compile(
    r"[^.\n]*\b(?:global|corporate|world(?:wide)?|international|group|parent\s+company['’]s)\s+"
    r"(?:headquarters|hq|head\s+office)\b[^.\n]*\.?",
    re.IGNORECASE,
)


def location_from_prose(text: str) -> str | None:
    text = _GROUP_SEAT.sub("", text)
    for match in _PROSE_LOCATION.finditer(text[:20_000]):
        place = _place_parts(match.group("place"))
        for candidate in (place, place.split(",")[0]):
            if is_place(candidate):
                return candidate
    commute = _COMMUTE_TO.search(text)
    if commute is not None and is_place(commute.group("place")):
        return commute.group("place")
    for match in _OUR_SITE.finditer(text[:20_000]):
        place = match.group("place")
        if is_place(place) or is_city(place.split(",")[0]):
            return place
    address = _UK_ADDRESS.search(text)
    if address is not None and is_city(address.group("place")):
        return address.group("place")
    for match in _US_ADDRESS.finditer(text[:20_000]):
        city, state = match.group("city"), match.group("state")
        if is_city(city):
            return f"{city}, {state}" if country_of(f"{city}, {state}", cities=False) == "US" else city
    # "Electask is hiring an Account Executive in Austin, TX": a place after "in" early on.
    for match in _IN_PLACE.finditer(text[:1500]):
        place = match.group("place")
        first = place.split(",")[0]
        # "at Oakwood Academy, Leeds": the school, then its town; the place is the town.
        if is_place(place) and not is_place(first) and places_in(place):
            return places_in(place)[-1]
        if is_place(place) and (is_city(first) or "," in place):
            return place
    # "Humanities Computing Instructor (Competition No. 03-4006)" / "NANAIMO": a town in capitals on a line
    # of its own near the top, as a college's or a council's notice puts it under the title.
    for match in _PLACE_LINE.finditer(text[:1500]):
        if is_city(match.group("place").title()):
            return match.group("place")
    return None


_PLACE_LINE = re.compile(r"(?m)^[ \t]*(?P<place>[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]+){0,2})[ \t]*$")


# A title as prose writes it: capitalised words, with "of", "and", "in" inside ("Professor of English").
_PROSE_TITLE = r"[A-Z][\w/&'’-]*(?:\s+(?:[A-Z][\w/&'’-]*|of|and|&|in)){0,7}"
# "Applications are being accepted for the full-time position of Election Specialist with ...": the post
# is named after "position of".
_POSITION_OF = re.compile(rf"\b(?:position|post|role|vacancy)\s+of\s+(?:an?\s+)?(?P<title>{_PROSE_TITLE})")
# "The Election Services Representative is an onsite position at ...", "The Shipping Clerk is responsible
# for ...": a description opens with the role as its subject, its head an occupation's word.
_THE_ROLE_IS = re.compile(
    rf"^The\s+(?P<title>{_PROSE_TITLE})\s+(?:is|will\s+be)\s+(?:an?\s+[^.]{{0,60}}?\b(?:position|role|job|post)\b|"
    r"responsible\s+for\b)|"
    # "Reporting to the Head of Finance, the Financial Controller will lead ...".
    rf"^(?:Reporting|Working)\s+[^,]{{3,80}},\s+the\s+(?P<after>{_PROSE_TITLE})\s+will\b"
)
# "As a Senior Data Engineer, you will build ...": the reader addressed in the role.
# "In the role as Azure Data Engineer, you will have ...": the same, said of the role.
_AS_ROLE = re.compile(
    rf"^(?:As\s+(?:an?|our|the)|In\s+(?:the|this)\s+role\s+(?:as|of)(?:\s+(?:an?|the))?)\s+(?:new\s+)?"
    rf"(?P<title>{_PROSE_TITLE}),\s+you(?:'ll|’ll)?\b"
)
# "Forklift Driver wanted at Northway Foods": a notice's "<Title> wanted / needed / required".
_ROLE_WANTED = re.compile(rf"(?:^|:\s+)(?P<title>{_PROSE_TITLE})\s+(?:wanted|needed)\b")
_NOT_THE_ROLE = re.compile(r"^(?:hiring|line|reporting|recruiting)\s+manager$|^successful\b", re.IGNORECASE)


def title_from_prose(reading: Reading) -> str | None:
    """ "Looking for a freelance Python developer for ...": a title from the opening sentences."""
    paragraphs = [" ".join(lines) for block in reading.blocks for lines, _ in block.paragraphs][:3]
    for paragraph in paragraphs:
        for sentence in sentences(paragraph)[:2]:
            for pattern in (_LOOKING, _HIRING):
                found = pattern.match(sentence)
                if found is not None and ROLE_NOUN.search(found.group("title")):
                    title = _role_phrase(found.group("title"))
                    at = _AT_SPLIT.match(title)
                    if (
                        at is not None
                        and ROLE_NOUN.search(at.group("title"))
                        and is_company_name(at.group("company"))
                    ):
                        title = at.group("title")
                    return tidy_title(
                        title.partition(" in ")[0] if places_in(title.partition(" in ")[2]) else title
                    )
            position = _POSITION_OF.search(sentence)
            if position is not None:
                title = _TRAILING_SMALL.sub("", position.group("title"))
                if ROLE_NOUN.search(title):
                    return tidy_title(title)
            wanted = _ROLE_WANTED.search(sentence)
            if wanted is not None and re.fullmatch(ROLE_WORDS, wanted.group("title").split()[-1], re.I):
                return tidy_title(wanted.group("title"))
            subject = _THE_ROLE_IS.match(sentence) or _AS_ROLE.match(sentence)
            if subject is not None:
                title = _TRAILING_SMALL.sub("", subject.group("title") or subject.group("after"))
                # Its head an occupation in the singular: "The Board of Directors is responsible for" is not.
                head = title.split()[-1]
                if re.fullmatch(ROLE_WORDS, head, re.IGNORECASE) and not _NOT_THE_ROLE.search(title):
                    return tidy_title(title)
    # A page without a title line (a careers page's text copied from below its heading) may address the
    # reader in the role further down, after the company's story: "In the role as Azure Data Engineer, you".
    for block in reading.blocks:
        for lines, _ in block.paragraphs:
            for sentence in sentences(" ".join(lines)):
                found = _AS_ROLE.match(sentence)
                if found is not None:
                    title = _TRAILING_SMALL.sub("", found.group("title"))
                    if re.fullmatch(ROLE_WORDS, title.split()[-1], re.IGNORECASE):
                        return tidy_title(title)
    return None


LEVEL_WORDS = re.compile(
    r"^(?:entry|junior|jr|mid|intermediate|senior|sr|lead|principal|staff|director|executive|intern)\b",
    re.IGNORECASE,
)
_INDIA = re.compile(
    r"₹|\bINR\b|\bRs\.?\s?\d|\blakhs?\b|\blacs?\b|\bLPA\b|\bcrores?\b|\bpvt\.?\s+ltd\b|\bprivate\s+limited\b|"
    r"\bprovident\s+fund\b",
    re.IGNORECASE,
)
_CANADIAN_PROVINCES = (
    "Ontario",
    "British Columbia",
    "Alberta",
    "Quebec",
    "Québec",
    "Manitoba",
    "Nova Scotia",
)
_CANADA = re.compile(r"\bCanada\b|\bCanadian\b|\bCAD\b|\bC\$|\bCA\$", re.IGNORECASE)


def posting_country(text: str, location: str | None) -> str | None:
    """The country whose currency a bare amount is in: "CA", "IN" or whatever the place says."""
    explicit = country_of(location, cities=False) if location else None
    if explicit is not None:
        return explicit
    head = text[:3000]
    for line in head.split("\n")[:12]:
        country = country_of(line) if len(line) <= 80 else None
        if country in {"CA", "IN"}:
            return country
    if _INDIA.search(text):
        return "IN"
    if _CANADA.search(head) or any(region in head for region in _CANADIAN_PROVINCES):
        return "CA"
    return country_of(location) if location else None


# The lines a job page's header takes (title, employer, place, buttons, counters) before the posting.
_HEADER_LINES = 12
_GLUED = re.compile(r"(?<=[a-z0-9)])(?=[A-Z][a-z])")
_GLUED_HEADING = re.compile(r"^(?P<head>.{3,60}?[a-z)])(?P<rest>[A-Z•][^\n]{20,})$")


def unglue(text: str) -> str:
    """Lines a page's markup held apart, run together when it was copied: "Analytics EngineerLondonUp to
    £60,000" (title, place, pay), "The CompanyThey are investing ..." (a heading and its text), "The Role•
    Develop ...• Work across ..." (a list whose bullets lost their line breaks)."""
    out: list[str] = []
    seen = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            seen += 1
        if seen <= _HEADER_LINES and len(stripped) <= 100 and "|" not in stripped:
            pieces = [piece.strip() for piece in _GLUED.split(stripped) if piece.strip()]
            if len(pieces) >= 3 and any(is_place(piece) for piece in pieces[1:]):
                out.append(" | ".join(pieces))
                continue
        glued = _GLUED_HEADING.match(stripped)
        if glued is not None and heading_kind(glued.group("head"))[0] is not None:
            out.append(glued.group("head"))
            stripped = glued.group("rest")
        if "•" in stripped[1:]:
            head, *items = re.split(r"\s*•\s*", stripped)
            if head.strip():
                out.append(head.strip())
            out.extend(f"• {item}" for item in items if item.strip())
            continue
        out.append(stripped if glued is not None else line)
    return "\n".join(out)
