"""The deterministic engine (the default): rules, templates and the skills vocabulary."""

from jobwise.ai.offline.engine import OfflineEngine

__all__ = ["OfflineEngine"]
