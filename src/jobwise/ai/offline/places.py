"""Place names that tell a location from a company in a posting's header ("Data Engineer - Fintrail -
London"), and the country a posting is in (a Canadian posting's "$" is CAD).

Not a full gazetteer: every country name a posting is likely to use, the states and provinces of the
United States, Canada, India and Australia, and the cities in cities.txt beside this module: the
GeoNames "cities15000" list (GeoNames, CC BY 4.0; see SOURCES.md beside this module), cut to towns of 15,000
people or more in the United Kingdom, Ireland, the United States, Canada, Australia, New Zealand and
India and of 100,000 or more elsewhere, without names of three letters or fewer and without towns
whose name is an ordinary word in a posting ("Mobile", "Enterprise", "Opportunity"). Each line is
"name<TAB>country code". "City, ST" and "City, Country" are recognised by shape as well.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_CITIES_FILE = Path(__file__).with_name("cities.txt")


def _words(text: str) -> list[str]:
    return text.split()


# Underscores join the words of one name.
COUNTRIES = frozenset(
    name.replace("_", " ")
    for name in """
    Argentina Australia Austria Belgium Brazil Bulgaria Canada Chile China Colombia Croatia Cyprus
    Czechia Czech_Republic Denmark Egypt Estonia Finland France Germany Greece Hong_Kong Hungary
    Iceland India Indonesia Ireland Israel Italy Japan Kenya Latvia Lithuania Luxembourg Malaysia
    Malta Mexico Morocco Netherlands The_Netherlands New_Zealand Nigeria Norway Pakistan Peru
    Philippines Poland Portugal Romania Serbia Singapore Slovakia Slovenia South_Africa South_Korea
    Spain Sweden Switzerland Taiwan Thailand Turkey Türkiye Ukraine United_Arab_Emirates UAE
    United_Kingdom UK England Scotland Wales Northern_Ireland United_States USA US Vietnam
    Bangladesh Sri_Lanka Nepal Saudi_Arabia Qatar Ghana Uruguay Costa_Rica Estonia Italia España
    EU Europe EMEA APAC LATAM North_America Deutschland Schweiz Österreich Nederland
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

# Country of a state, province or region name; two-letter codes are in _REGION_CODES.
REGIONS: dict[str, str] = {
    **{
        name.replace("_", " "): "US"
        for name in """
        Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii
        Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan
        Minnesota Mississippi Missouri Montana Nebraska Nevada New_Hampshire New_Jersey New_Mexico
        New_York_State North_Carolina North_Dakota Ohio Oklahoma Oregon Pennsylvania Rhode_Island
        South_Carolina South_Dakota Tennessee Texas Utah Vermont Virginia Washington_State
        West_Virginia Wisconsin Wyoming District_of_Columbia
        """.split()  # noqa: SIM905
    },
    **{
        name.replace("_", " "): "CA"
        for name in """
        Ontario Quebec Québec British_Columbia Alberta Manitoba Saskatchewan Nova_Scotia New_Brunswick
        Newfoundland Newfoundland_and_Labrador Prince_Edward_Island Yukon Nunavut Northwest_Territories
        """.split()  # noqa: SIM905
    },
    **{
        name.replace("_", " "): "IN"
        for name in """
        Andhra_Pradesh Assam Bihar Chhattisgarh Goa Gujarat Haryana Himachal_Pradesh Jharkhand Karnataka
        Kerala Madhya_Pradesh Maharashtra Odisha Punjab Rajasthan Tamil_Nadu Telangana Uttar_Pradesh
        Uttarakhand West_Bengal Jammu_and_Kashmir NCR Delhi_NCR
        """.split()  # noqa: SIM905
    },
    **{
        name.replace("_", " "): "AU"
        for name in ["New_South_Wales", "Queensland", "Victoria_Australia", "Tasmania", "Western_Australia"]
    },
    **{
        name.replace("_", " "): "GB"
        for name in """
        Greater_London Devon Cornwall Hampshire Kent Essex Surrey Sussex Yorkshire Lancashire Cheshire
        Worcestershire Gloucestershire Shropshire Oxfordshire Berkshire Buckinghamshire Hertfordshire
        Cambridgeshire Norfolk Suffolk Somerset Dorset Wiltshire Cumbria Merseyside Midlands West_Midlands
        """.split()  # noqa: SIM905
    },
    **{
        name.replace("_", " "): "DE"
        for name in """
        Bavaria Bayern Hesse Hessen Saxony Sachsen Rhineland-Palatinate Rheinland-Pfalz Baden-Württemberg
        North_Rhine-Westphalia Nordrhein-Westfalen Lower_Saxony Niedersachsen Brandenburg Thuringia
        """.split()  # noqa: SIM905
    },
    "Lombardy": "IT",
    "Lombardia": "IT",
    "Catalonia": "ES",
    "Île-de-France": "FR",
    "Mazowieckie": "PL",
}
_REGION_CODES: dict[str, str] = {
    **dict.fromkeys(
        _words(
            "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
            "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC"
        ),
        "US",
    ),
    **dict.fromkeys("ON QC BC AB MB SK NS NB NL PE YT NU NT".split(), "CA"),  # noqa: SIM905
}
_COUNTRY_CODES = {
    "Canada": "CA",
    "India": "IN",
    "United States": "US",
    "USA": "US",
    "US": "US",
    "United Kingdom": "GB",
    "UK": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "Ireland": "IE",
    "Australia": "AU",
    "Germany": "DE",
    "Deutschland": "DE",
    "France": "FR",
    "Italy": "IT",
    "Italia": "IT",
    "Spain": "ES",
    "Netherlands": "NL",
    "The Netherlands": "NL",
}

# Cities whose name every posting writes the same way, and a few the GeoNames list spells otherwise.
_EXTRA_CITIES = {
    **dict.fromkeys(
        _words(
            "Kolkata Bengaluru Mumbai Chennai Gurgaon Gurugram Noida New_Delhi Delhi Thiruvananthapuram "
            "Kochi Mohali Navi_Mumbai"
        ),
        "IN",
    ),
    **dict.fromkeys(["Montreal", "Montréal", "Quebec_City", "Québec_City"], "CA"),
    **dict.fromkeys(["New_York", "New_York_City", "NYC", "SF", "LA", "Washington_DC"], "US"),
    **dict.fromkeys(["The_Hague", "Den_Haag"], "NL"),
}


@cache
def _cities() -> dict[str, str]:
    cities: dict[str, str] = {}
    for line in _CITIES_FILE.read_text(encoding="utf-8").splitlines():
        name, _, country = line.partition("\t")
        if name:
            cities[name] = country
    for name, country in _EXTRA_CITIES.items():
        cities[name.replace("_", " ")] = country
    return cities


_NAME_PART = re.compile(
    r"^[A-ZÀ-Ý][\wÀ-ÿ.'’-]*(?:\s[A-ZÀ-Ý][\wÀ-ÿ.'’-]*|\s(?:de|del|am|an|upon|on|sur|la|le|of)){0,4}$"
)
_REGION_CODE = re.compile(r"^[A-Z]{2}$")
_POSTCODE = re.compile(
    r"\s+(?:\d{4,6}(?:-\d{4})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d|[A-Z]{1,2}\d[A-Z\d]?(?:\s*\d[A-Z]{2})?)$"
)


def _known(name: str) -> bool:
    if name.isupper() and len(name) > 3:
        # "OXFORD/HYBRID": a header in capitals.
        name = name.title()
    return name in COUNTRIES or name in REGIONS or name in _cities()


def is_city(text: str) -> bool:
    return text.strip() in _cities()


def is_place(text: str) -> bool:
    """True for "London", "Hamburg, Germany", "Austin, TX", "Warsaw, Mazowieckie, Poland",
    "Portland, OR 97201", "Remote, EU", "Oregon"."""
    value = _POSTCODE.sub("", text.strip().strip("."))
    if _known(value):
        return True
    parts = [part for part in (_POSTCODE.sub("", part.strip()) for part in value.split(",")) if part]
    if len(parts) == 1:
        return _known(parts[0])
    if not 2 <= len(parts) <= 4:
        return False
    if not all(_NAME_PART.match(part) or _REGION_CODE.match(part) for part in parts):
        return False
    first, last = parts[0], parts[-1]
    return (
        bool(_REGION_CODE.match(last))
        or _known(last)
        or first in _cities()
        or first.lower() == "remote"
        or first.endswith((" County", " Parish", " Borough"))
    )


def country_of(place: str, *, cities: bool = True) -> str | None:
    """The two-letter country of a place ("Toronto, ON" -> "CA"), when its parts say it; cities=False
    leaves out what only the city's name says (a "London" is in England or in Ontario)."""
    parts = [_POSTCODE.sub("", part.strip()) for part in re.split(r",|·|\|", place) if part.strip()]
    for part in reversed(parts):
        if part in _COUNTRY_CODES:
            return _COUNTRY_CODES[part]
        if part in REGIONS:
            return REGIONS[part]
        if len(parts) > 1 and part in _REGION_CODES and part != parts[0]:
            # "Berlin, DE" is Germany, not Delaware: a known city's country wins over a state code.
            city_country = _cities().get(parts[0])
            if city_country is not None and city_country != _REGION_CODES[part]:
                return city_country if cities or city_country == part else None
            return _REGION_CODES[part]
    for part in parts if cities else ():
        if part in _cities():
            return _cities()[part]
    return None


def places_in(text: str) -> list[str]:
    """Known city, region and country names in a text, in order ("Kolkata BTECH MCA" -> ["Kolkata"])."""
    found: list[str] = []
    words = re.findall(r"[A-ZÀ-Ý][\wÀ-ÿ'’-]*(?:\s+[A-ZÀ-Ý][\wÀ-ÿ'’-]*){0,3}", text)
    for run in words:
        tokens = run.split()
        index = 0
        while index < len(tokens):
            for end in range(len(tokens), index, -1):
                name = " ".join(tokens[index:end])
                if _known(name):
                    found.append(name)
                    index = end
                    break
            else:
                index += 1
    return found
