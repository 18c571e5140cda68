"""Tables loaded once per process, at start and in a thread, instead of on first use.

Each is cached for the life of the process. Loaded lazily, on the event loop, the first
enhancement or parse (the skills vocabulary, about 0.1 s) or the first JSON Resume import (its
validators, about 0.4 s) would stall every other request of that process for as long. So would
the first LLM call, which imports the HTTP stack's asyncio backend (about 70 ms: the LLM clients
resolve their SDK's own lazy imports when they are created), and the ORM's first query, which
configures every mapper (about 0.2 s).
"""

from __future__ import annotations

import importlib
import logging

from sqlalchemy.orm import configure_mappers

from jobwise.auth.passwords import common_passwords
from jobwise.profiles.jsonresume import load_validators
from jobwise.text.verbs import is_verb
from jobwise.text.vocabulary.skills import get_vocabulary

logger = logging.getLogger(__name__)

# Imported by httpcore on its first connection (the LLM SDKs' transport), not at import time.
_LAZY_MODULES = (
    "anyio._backends._asyncio",
    "anyio._core._sockets",
    "anyio._core._streams",
    "anyio.streams.memory",
    "anyio.streams.stapled",
    "anyio.streams.tls",
)


def _import_lazy_modules() -> None:
    for name in _LAZY_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:  # another anyio layout: the first call pays, nothing breaks
            logger.debug("warm-up: no module %s", name)


def warm_up() -> None:
    """Blocking: call with asyncio.to_thread."""
    _import_lazy_modules()
    # The ORM sets up every mapped class's attributes on first use: 0.2 s seen on the loop.
    configure_mappers()
    get_vocabulary()
    is_verb("build")
    load_validators()
    common_passwords()
