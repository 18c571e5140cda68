"""pyproject.toml: the install prints no deprecation of its own making."""

from __future__ import annotations

import tomllib

from jobwise import __version__
from tests.processes import ROOT


def test_the_licence_is_an_spdx_expression_and_setuptools_can_read_it() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    # A table (`{ text = "MIT" }`) makes setuptools warn that it is deprecated on every install.
    assert pyproject["project"]["license"] == "MIT"
    # setuptools 77 is the first to read a license expression (PEP 639); older ones refuse it.
    assert "setuptools>=77" in pyproject["build-system"]["requires"]


def test_the_package_and_its_metadata_have_one_version() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["version"] == __version__
