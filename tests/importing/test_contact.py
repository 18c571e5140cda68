"""Contact details as written: phones with phonenumbers, emails (hidden mailto: too), links."""

from __future__ import annotations

import pytest

from jobwise.importing.contact import emails, links, network_of, phones, under_other_label
from jobwise.importing.lines import Line


def line(text: str, **kwargs: object) -> Line:
    return Line(text=text, page=1, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Mobile: +1-123-456-7890", "+1-123-456-7890"),
        ("H (+49) 152 5330 7817", "(+49) 152 5330 7817"),
        ("deedy@fb.com | 607.379.5733 | dd367@cornell.edu", "607.379.5733"),
        ("Telefon: 072 041 2325", "072 041 2325"),
        ("(21) 98269-0009 github.com/1336315", "(21) 98269-0009"),
    ],
)
def test_phones_are_kept_as_written(text: str, phone: str) -> None:
    assert [found.value for found in phones([line(text)])] == [phone]


def test_dates_are_not_phones() -> None:
    assert phones([line("2012 - 2013 | 2014 – 2015")]) == []


def test_an_email_behind_a_link_counts() -> None:
    found = emails([line("Email | GitHub", links=("mailto:ada@example.com",))])
    assert [item.value for item in found] == ["ada@example.com"]


def test_links_and_handles_are_found_once() -> None:
    found = links([line("github.com/ada | https://github.com/ada/ | LinkedIn: ada-l | ada@example.com")])
    assert [item.value for item in found] == ["github.com/ada", "LinkedIn: ada-l"]


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("CNIC: 36302-5018729-7", True),
        ("Zip code: 10115 123", True),
        ("Phone: +92 314 6168297", False),
        ("Contact: 0300 1234567", False),
        ("+92 314 6168297", False),
    ],
)
def test_a_number_under_a_label_of_its_own_is_told_apart(text: str, other: bool) -> None:
    assert [under_other_label(found) for found in phones([line(text)])] == [other]


@pytest.mark.parametrize(
    "text", ["ASP.NET (MVC & WebAPI)", "B.Tech Honours degree in Cyber Security", "VB.NET, C#"]
)
def test_a_word_with_a_capitalised_domain_ending_is_not_a_link(text: str) -> None:
    assert links([line(text)]) == []


@pytest.mark.parametrize("text", ["janedoe.com", "JaneDoe.dev", "github.com/ada", "www.Example.COM"])
def test_a_bare_domain_in_lower_case_endings_is_a_link(text: str) -> None:
    assert [found.value for found in links([line(text)])] == [text]


def test_a_pdf_link_over_the_network_name_is_the_profile_and_not_the_words_beside_it() -> None:
    """'Linkedin: Yasser Assoul' linked to the profile: the person's name is no handle, and the
    link drawn over words that name its network is the person's own."""
    found = links(
        [
            line(
                "Email address: yasser@example.com | Linkedin: Yasser Assoul | LinkedIn",
                links=("mailto:yasser@example.com", "https://www.linkedin.com/in/assoul-yasser/"),
            )
        ],
        shown_targets_only=True,
    )
    assert [item.value for item in found] == ["https://www.linkedin.com/in/assoul-yasser/"]


@pytest.mark.parametrize(
    ("first", "second", "email"),
    [
        ("Email: jane.doe.smith@", "example-university.edu", "jane.doe.smith@example-university.edu"),
        ("jane.doe.smith@example-", "university.edu", "jane.doe.smith@example-university.edu"),
        ("Email: jane.doe.smith", "@example.com", "jane.doe.smith@example.com"),
    ],
)
def test_an_email_wrapped_over_two_lines_is_read_whole_and_is_no_link(
    first: str, second: str, email: str
) -> None:
    wrapped = [line(first), line(second)]
    assert [found.value for found in emails(wrapped)] == [email]
    assert links(wrapped) == []


def test_lines_that_do_not_continue_an_address_are_not_joined_to_it() -> None:
    assert [found.value for found in emails([line("ada@example.com"), line("github.com/ada")])] == [
        "ada@example.com"
    ]
    assert emails([line("Email me @"), line("any time")]) == []
    assert emails([line("Twitter"), line("@john.doe")]) == []


def test_a_handle_under_a_misspelt_network_name_is_a_profile_on_that_network() -> None:
    found = links(
        [
            line("Linker In: VinhTuong"),
            line("Location: Hanoi"),
            line("Researcher: Jane Roe"),
            line("Git Hub: ada-l"),
        ]
    )
    assert [item.value for item in found] == ["Linker In: VinhTuong", "Git Hub: ada-l"]
    assert [network_of(item.value) for item in found] == ["LinkedIn", "Github"]
