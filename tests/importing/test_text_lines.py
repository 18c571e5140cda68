"""Text and Markdown files into lines: headings, lists, links, fixed-width columns."""

from __future__ import annotations

from jobwise.importing.parser import parse
from jobwise.importing.text_lines import read_text

MARKDOWN = """# [Ada Lovelace](https://ada.example.com)

[Email](mailto:ada@example.com) | [GitHub](https://github.com/ada)

## Experience

### Engineer | Analytical Engines
**1843 – Present**

- Wrote the first algorithm
  for the engine
    - Nested detail

```
SKILLS     Python     Go
```
"""


def test_markdown_marks_become_line_features() -> None:
    lines = read_text(MARKDOWN, markdown=True).lines
    by_text = {line.text: line for line in lines}
    assert by_text["Ada Lovelace"].heading_level == 1
    assert by_text["Ada Lovelace"].links == ("https://ada.example.com",)
    assert by_text["Email | GitHub"].links == ("mailto:ada@example.com", "https://github.com/ada")
    assert by_text["Experience"].heading_level == 2
    assert by_text["1843 – Present"].bold
    assert by_text["Wrote the first algorithm"].list_level == 0
    assert by_text["Nested detail"].list_level == 2
    assert by_text["SKILLS Python Go"].cells == ("SKILLS", "Python", "Go")


def test_setext_underlines_make_headings_by_level() -> None:
    lines = read_text(
        "ROBERT BOWMAN\n\nEXPERIENCE\n==========\n\nAcme - Atlanta\n++++++++++++++\n", markdown=True
    ).lines
    assert [(line.text, line.heading_level) for line in lines] == [
        ("ROBERT BOWMAN", None),
        ("EXPERIENCE", 1),
        ("Acme - Atlanta", 3),
    ]


def test_a_markdown_job_heading_title_dash_employer_over_an_icon_and_its_dates() -> None:
    # The icon beside the dates is no second line of the heading, which would keep the dash
    # inside one name ("Software Engineer – Platform" over "Acme Corp").
    text = (
        "# Ana Ureta\n\nana@example.com\n\n## Experiencia\n\n"
        "### **Ayudante de Cocina – Hotel Mar**  \n📅 *Junio 2025 – Septiembre 2025*  \n"
        "- Lavado de platos.\n"
    )
    work = parse(read_text(text, markdown=True)).document["work"]
    assert [(job["name"], job["position"], job["startDate"]) for job in work] == [
        ("Hotel Mar", "Ayudante de Cocina", "2025-06")
    ]


def test_markdown_education_with_icons_in_either_order_by_the_words() -> None:
    # The school over its degree, then the degree over its school: the words tell which is which
    # ("Bachillerato" a degree, "Centro Educativo" a school); the icons are no part of either.
    text = (
        "# Ana Ureta\n\nana@example.com\n\n## Formación\n\n"
        "**Universidad Europea del Atlántico**  \n📘 *Ingeniería Informática (2024 – En curso)*  \n\n"
        "**Bachillerato en Ciencias**  \n📘 *Centro Educativo Naciones Unidas (2018–2024)*  \n"
    )
    education = parse(read_text(text, markdown=True)).document["education"]
    assert [
        (item["institution"], item["studyType"], item.get("startDate"), item.get("endDate"))
        for item in education
    ] == [
        # Under way: no end (JSON Resume's present).
        ("Universidad Europea del Atlántico", "Ingeniería Informática", "2024", None),
        ("Centro Educativo Naciones Unidas", "Bachillerato en Ciencias", "2018", "2024"),
    ]


def test_a_markdown_image_is_not_a_link_of_its_line() -> None:
    lines = read_text("![Foto de perfil](https://avatars.example.com/u/9919?s=200)\n", markdown=True).lines
    assert [line.links for line in lines] == [()]
