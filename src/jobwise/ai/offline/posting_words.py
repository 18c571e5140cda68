"""Words that tell the parts of a posting apart: role nouns (a title names one), work modes, kinds of
employment, the keys of "Key: value" lines, and names that are never an employer."""

from __future__ import annotations

import re


def words(text: str) -> list[str]:
    """A word list written as text."""
    return text.split()


ROLE_WORDS = (
    r"engineer|developer|manager|analyst|scientist|designer|architect|consultant|specialist|"
    r"administrator|admin|co-?ordinator|intern|internship|director|lead|executive|officer|representative|"
    r"associate|assistant|technician|advisor|adviser|programmer|tester|writer|researcher|recruiter|"
    r"accountant|controller|head|vp|president|marketer|strategist|owner|master|operator|agent|"
    r"clerk|editor|producer|sre|expert|trainee|apprentice|werkstudent|working student|nurse|teacher|"
    r"counsel|auditor|economist|statistician|planner|buyer|cto|ceo|cfo|coo|cmo|ciso|devops|"
    r"generalist|partner|principal|fellow|instructor|tutor|translator|copywriter|paralegal|"
    r"bookkeeper|cashier|driver|mechanic|electrician|chef|cook|receptionist|secretary|steward|"
    r"porter|operative|worker|midwife|carer|caregiver|aide|attendant|cleaner|caretaker|handler|picker|"
    r"packer|loader|storekeeper|storeperson|stores\s+person|warehouse\s+person|dispatcher|courier|"
    r"curator|archivist|librarian|conservator|registrar|educator|lecturer|professor|dean|headteacher|"
    r"pharmacist|physician|doctor|therapist|physiotherapist|surgeon|dentist|paramedic|psychologist|"
    r"counsellor|counselor|technologist|radiographer|practitioner|inspector|surveyor|estimator|"
    r"foreman|supervisor|superintendent|labourer|laborer|machinist|welder|plumber|carpenter|fitter|"
    r"installer|guard|firefighter|constable|solicitor|lawyer|attorney|barista|bartender|server|"
    r"housekeeper|nanny|coach|trainer|volunteer|guide|docent|ranger|pilot|deckhand|cashier|"
    r"salesperson|account\s+executive|sales\s+rep|bdr|sdr|merchandiser|scheduler|expeditor|"
    r"controller|treasurer|actuary|underwriter|adjuster|appraiser|broker|banker|teller|"
    r"moderator|animator|illustrator|photographer|videographer|journalist|reporter|"
    r"webmaster|dba|hacker|ninja|rockstar|evangelist|advocate|champion|steward|custodian|"
    r"postdoc|post-?doctoral|organi[sz]er|canvasser|"
    # Health, care and office occupations the NHS Jobs and care-sector adverts name.
    r"summari[sz]er|coder|navigator|phlebotomist|sonographer|dietitian|optometrist|podiatrist|audiologist|"
    r"hygienist|clinician|facilitator|assessor|investigator|interpreter|scribe|transcriber|matron"
)
ROLE_NOUN = re.compile(rf"\b(?:{ROLE_WORDS})(?:s|es)?\b", re.IGNORECASE)

WORK_MODE = re.compile(
    r"^(?:100%\s+)?(?:fully\s+)?(?:remote(?:[- ]first|[- ]friendly)?|hybrid|on[- ]?site|in[- ]office|"
    r"office[- ]based|in[- ]person|onsite|work\s+from\s+home|wfh|telework|t[ée]l[ée]travail)\b",
    re.IGNORECASE,
)
EMPLOYMENT_TYPE = re.compile(
    r"^(?:\d+[- ]month\s+)?(?:full[- ]?time|part[- ]?time|permanent|temporary|temp|contract(?:or)?|"
    r"fixed[- ]term|freelance|internship|seasonal|casual|bank|locum|ft|pt|fte|"
    r"(?:full|part)[- ]time(?:\s*/\s*\w+)?|contract\s+to\s+hire|c2h|w2|1099|(?:inside|outside)\s+ir35|ir35|"
    # French and German contracts: "CDI" (permanent), "CDD" (fixed term), "Festanstellung", "Teilzeit".
    r"cdi|cdd|alternance|intérim|festanstellung|vollzeit|teilzeit|befristet|unbefristet)"
    r"(?:\s*(?:,|/|and|or)\s*(?:full[- ]?time|part[- ]?time|permanent|temporary|contract|fixed[- ]term|"
    r"freelance))*(?:\s+(?:position|role|contract|job|employment))?$",
    re.IGNORECASE,
)
URL = re.compile(r"https?://\S+|www\.\S+|\b[\w-]+\.(?:com|io|org|net|ai|co|dev|gov|edu)(?:/\S*)?\b", re.I)

LABEL_KEYS: dict[str, str] = {}
for _field, _keys in {
    "title": "title|job title|position|position title|role|job|vacancy|opening|job role|job posting|"
    "job opening|vacancy title|post|post title|job name|hiring for|poste|intitulé du poste|"
    "position opening|open position|position available|available position|position name|role name|"
    "stellenbezeichnung",
    "company": "company|employer|organisation|organization|company name|hiring company|client|"
    "agency|institution|hiring organisation|hiring organization|trust|employer name|"
    "organisation name|organization name|department/agency|hiring agency|"
    # The employer named by its kind: a school's, a restaurant's, a practice's posting.
    "school|school name|restaurant|hotel|practice|practice name|business name|store|brand|"
    "hospital|academy trust|hiring institution|hiring school",
    "location": "location|locations|workplace|work location|job location|based in|office|office location|"
    "city|where|place of work|duty station|location(s)|duty location|duty locations|job locations|"
    "work site|worksite|site|base|primary location|location/trust|localisation|lieu|lieu de travail|standort|"
    "arbeitsort|ubicación",
    "salary": "salary|salary range|compensation|pay|pay range|rate|hourly rate|day rate|base salary|"
    "base pay|wage|remuneration|ote|package|gehalt|pay rates|pay rate|salary band|pay scale|"
    "fourchette salariale|salaire|rémunération|gehaltsspanne|hiring salary range",
    "remote": "remote|work model|working model|workplace type|work arrangement|work setup|remote policy|"
    "work mode|working mode|remote work|work style|flexibility|location type|remote status|"
    "work type|working pattern|tipe lokasi",
    "type": "type|employment type|job type|job types|contract|contract type|schedule|hours|employment|"
    "hours of work|pensum|employment status|commitment|status|shift|working hours|job family group|category|"
    "department|division|team|job function|industries|job number|job id|job announcement number|"
    "series & grade|series and grade|grade|band|posted|date posted|posting date|closing date|"
    "application deadline|valid through|open period|promotion potential|position information|"
    "who may be considered|website|timezone|time zone|wards covered|interview mode|office hours|"
    "supplemental pay types|supplemental pay|nearest major market|job category|reference|ref|"
    # Workday's page, each label on a line of its own above its value.
    "time type|posted on|job requisition id|requisition id|req id|"
    # Whom the post reports to: another role, never this one's title.
    "reports to|reporting to|line manager|responsible to|accountable to",
    "address": "address|street address|work address",
    "level": "experience level|seniority|level|seniority level|career level|employment level",
    "requirement": "experience|education|qualifications|qualification|languages|language|"
    "licence|license|licences|licenses|certification|certifications|required experience|"
    "required education|minimum qualifications|skills|required skills",
}.items():
    for _key in _keys.split("|"):
        LABEL_KEYS[_key] = _field

# Never an employer: pronouns and words that start a sentence, headings, labels, job sites.
NOT_A_COMPANY = frozenset(
    [
        "the trust",
        "the client",
        "the company",
        "the employer",
        "the organisation",
        "the organization",
        "the university",
        "the museum",
        "the library",
        "the council",
        "the department",
        "the successful candidate",
        "the post holder",
        "post holder",
        "successful applicants",
        "this position",
        "this role",
        "the role",
        "the position",
        "the post",
        "the team",
        "our team",
        "the service",
        "the ward",
        "the unit",
        # NHS Jobs' employer line for adverts it places for others: the employer is named elsewhere.
        "central advertising",
        # A link's text kept from a copied page.
        "original link",
        "link",
        "source",
        "view original",
        "central advertising - other",
        "central advertising - general practitioners",
        *"""
    we our us you your they their it its he she this that these those here there there's join about
    as in at on for with and or but if when while what who why how where overview application apply
    description job role position location locations remote hybrid onsite on-site office salary
    benefits requirements responsibilities summary details opportunity company employer team
    linkedin indeed glassdoor monster ziprecruiter google workable greenhouse lever ashby recruitee
    welcome stepstone xing reed totaljobs seek naukri usajobs careers career jobs job-board hacker
    incumbent supervisor candidate applicant
    news hn untitled confidential n/a na none tbd unknown anonymous stealth trust university
    museum library council county hospital department agency organisation organization firm business
    government institute foundation school college group board client experience knowledge training applicants
    candidates interviews hours pay travel flexibility equity everyone people staff employees customers
    clients users students patients visitors shifts work teamwork communication
    other others various multiple now applications hybride télétravail teletravail
    """.split(),  # noqa: SIM905
    ]
)
SITE_NAMES = re.compile(
    r"^(?:linkedin|indeed|glassdoor|monster|ziprecruiter|google(?: jobs)?|workable|greenhouse|lever|ashby|"
    r"recruitee|welcome to the jungle|otta|stepstone|xing|reed|totaljobs|seek|naukri|nhs jobs|usajobs|"
    r"hacker news|angellist|wellfound|dice|simplyhired|careerbuilder|guardian jobs|"
    r"bfound|chronicle|higheredjobs|idealist|remoteok|we work remotely)(?:\.com)?$",
    re.IGNORECASE,
)
