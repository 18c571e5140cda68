"""The skills vocabulary shipped with the package (O*NET and ESCO, CC BY 4.0; see README.md)."""

from jobwise.text.vocabulary.skills import Skill, SkillMatch, Vocabulary, get_vocabulary

__all__ = ["Skill", "SkillMatch", "Vocabulary", "get_vocabulary"]
