"""Places, and the country a posting is in."""

from __future__ import annotations

import pytest

from jobwise.ai.offline.places import country_of, is_place, places_in


@pytest.mark.parametrize(
    "text",
    ["London", "Amritsar", "Oregon", "Toronto, ON", "Hamburg, Germany", "Fareham, PO15 5AP", "OXFORD",
     "Washington County, Minnesota", "Remote, EU", "Evesham"],
)  # fmt: skip
def test_places(text: str) -> None:
    assert is_place(text)


@pytest.mark.parametrize("text", ["Acme", "Data and Analytics", "Mobile", "Enterprise", "Senior Engineer"])
def test_not_places(text: str) -> None:
    assert not is_place(text)


@pytest.mark.parametrize(
    ("place", "country"),
    [("Toronto, ON", "CA"), ("Vancouver, British Columbia", "CA"), ("Amritsar", "IN"), ("Austin, TX", "US"),
     ("London", "GB"), ("London, Ontario", "CA"), ("Acme", None)],
)  # fmt: skip
def test_the_country_of_a_place(place: str, country: str | None) -> None:
    assert country_of(place) == country


def test_a_city_is_not_a_country_when_cities_are_left_out() -> None:
    assert country_of("London", cities=False) is None


def test_places_named_in_a_text() -> None:
    assert places_in("Jr. Web Developer (Kolkata BTECH MCA)") == ["Kolkata"]
