"""Tables loaded once per process, at start and in a thread, instead of on first use.

Each is cached for the life of the process. Loaded lazily, on the event loop, the first
enhancement or parse (the skills vocabulary, about 0.1 s) or the first JSON Resume import (its
validators, about 0.4 s) would stall every other request of that process for as long.
"""

from __future__ import annotations

from jobwise.auth.passwords import common_passwords
from jobwise.profiles.jsonresume import load_validators
from jobwise.text.verbs import is_verb
from jobwise.text.vocabulary.skills import get_vocabulary


def warm_up() -> None:
    """Blocking: call with asyncio.to_thread."""
    get_vocabulary()
    is_verb("build")
    load_validators()
    common_passwords()
