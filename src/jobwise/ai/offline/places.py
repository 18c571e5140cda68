"""Place names that tell a location from a company in a posting's header ("Data Engineer - Fintrail -
London"). Not a gazetteer: enough large cities and every country name a posting is likely to use;
"City, ST" and "City, Country" are recognised by shape as well."""

from __future__ import annotations

import re

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
    EU Europe EMEA APAC LATAM North_America Deutschland Schweiz Österreich
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

CITIES = frozenset(
    name.replace("_", " ")
    for name in """
    Amsterdam Rotterdam Utrecht Eindhoven The_Hague Berlin Munich München Hamburg Frankfurt Cologne
    Köln Stuttgart Düsseldorf Leipzig Dresden Hanover Nuremberg Vienna Wien Graz Zurich Zürich Geneva
    Basel Bern Lausanne Paris Lyon Marseille Toulouse Lille Bordeaux Nantes Nice Brussels Antwerp
    Ghent Luxembourg London Manchester Birmingham Leeds Liverpool Bristol Edinburgh Glasgow Cardiff
    Belfast Cambridge Oxford Brighton Newcastle Sheffield Nottingham Dublin Cork Galway Madrid
    Barcelona Valencia Seville Sevilla Málaga Malaga Bilbao Lisbon Porto Milan Milano Rome Roma Turin
    Bologna Florence Naples Copenhagen Aarhus Stockholm Gothenburg Malmö Oslo Bergen Helsinki Espoo
    Tallinn Riga Vilnius Warsaw Kraków Krakow Wrocław Wroclaw Gdańsk Gdansk Poznań Prague Brno
    Bratislava Budapest Bucharest Cluj-Napoca Sofia Athens Thessaloniki Belgrade Zagreb Ljubljana
    Istanbul Ankara Kyiv Lviv Reykjavik Tel_Aviv Dubai Abu_Dhabi Cairo Nairobi Lagos Cape_Town
    Johannesburg New_York New_York_City NYC San_Francisco SF Los_Angeles LA Seattle Austin Boston
    Chicago Denver Atlanta Miami Dallas Houston Phoenix Portland San_Diego San_Jose Palo_Alto
    Mountain_View Menlo_Park Sunnyvale Washington Philadelphia Pittsburgh Minneapolis Detroit
    Nashville Raleigh Charlotte Salt_Lake_City Toronto Vancouver Montreal Montréal Ottawa Calgary
    Mexico_City Guadalajara São_Paulo Sao_Paulo Rio_de_Janeiro Buenos_Aires Santiago Bogotá Bogota
    Lima Sydney Melbourne Brisbane Perth Auckland Wellington Singapore Hong_Kong Tokyo Osaka Seoul
    Shanghai Beijing Shenzhen Taipei Bangalore Bengaluru Mumbai Delhi New_Delhi Hyderabad Pune
    Chennai Gurgaon Gurugram Noida Manila Jakarta Bangkok Kuala_Lumpur Ho_Chi_Minh_City Hanoi
    """.split()  # noqa: SIM905 (a word list reads better as text)
)

_NAME_PART = re.compile(
    r"^[A-ZÀ-Ý][\wÀ-ÿ.'’-]*(?:\s[A-ZÀ-Ý][\wÀ-ÿ.'’-]*|\s(?:de|del|am|an|upon|on|sur)){0,4}$"
)
_REGION_CODE = re.compile(r"^[A-Z]{2}$")
_POSTCODE = re.compile(r"\s+(?:\d{4,5}(?:-\d{4})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d)$")


def is_place(text: str) -> bool:
    """True for "London", "Hamburg, Germany", "Austin, TX", "Warsaw, Mazowieckie, Poland",
    "Portland, OR 97201", "Remote, EU"."""
    value = _POSTCODE.sub("", text.strip().strip("."))
    if value in CITIES or value in COUNTRIES:
        return True
    parts = [part.strip() for part in value.split(",")]
    if not 2 <= len(parts) <= 4:
        return False
    if not all(_NAME_PART.match(part) or _REGION_CODE.match(part) for part in parts):
        return False
    first, last = parts[0], parts[-1]
    return bool(_REGION_CODE.match(last)) or last in COUNTRIES or first in CITIES or first.lower() == "remote"
