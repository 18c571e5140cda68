"""The browser client loads nothing from elsewhere: its scripts are the vendored files whose
checksums VENDOR.md records, and its pages name no other host."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import httpx

from jobwise.web.pages import CONTENT_SECURITY_POLICY, STATIC, TEMPLATES

VENDOR = STATIC / "vendor"
TESTS_VENDOR = Path(__file__).resolve().parent / "vendor"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _recorded(manifest: Path) -> dict[str, str]:
    """`file` -> SHA-256, from the checksum rows of a VENDOR.md."""
    rows = re.findall(r"`([\w.-]+\.js)`[^\n]*?`([0-9a-f]{64})`", manifest.read_text(encoding="utf-8"))
    return dict(rows)


def test_every_vendored_script_matches_the_checksum_vendor_md_records() -> None:
    scripts = sorted(path.name for path in VENDOR.glob("*.js"))
    recorded = _recorded(VENDOR / "VENDOR.md")
    assert scripts == sorted(recorded), "a script without a recorded checksum, or a recorded one missing"
    for name, digest in recorded.items():
        assert _sha256(VENDOR / name) == digest, name
    licences = {path.name for path in (VENDOR / "LICENSES").iterdir()}
    assert licences == {"htmx.txt", "htmx-ext-sse.txt", "alpinejs.txt"}


def test_axe_core_for_the_tests_matches_its_checksum_and_licence() -> None:
    assert _recorded(TESTS_VENDOR / "VENDOR.md") == {"axe.min.js": _sha256(TESTS_VENDOR / "axe.min.js")}
    assert (TESTS_VENDOR / "LICENSE-axe-core.txt").read_text().startswith("Mozilla Public License")


def test_no_page_loads_anything_from_another_host() -> None:
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href|action)\s*=\s*["'](https?:)?//""", text), template
        # Nothing inline that the policy would block: scripts, event handlers, style attributes.
        assert not re.search(r"<script(?![^>]*\ssrc=)", text), template
        assert not re.search(r"<[^>]+\s(on[a-z]+|style)\s*=", text), template
    for own in ("app.js", "app.css"):
        assert "://" not in (STATIC / own).read_text(encoding="utf-8"), own


async def test_pages_forbid_scripts_from_elsewhere_and_inline(client: httpx.AsyncClient) -> None:
    page = await client.get("/app/sign-in")
    assert page.status_code == 200
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in CONTENT_SECURITY_POLICY and "unsafe" not in CONTENT_SECURITY_POLICY
    assert page.headers["cache-control"] == "no-store"
    script = await client.get("/app/static/vendor/htmx.min.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
