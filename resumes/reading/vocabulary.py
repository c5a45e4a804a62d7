"""The words the resume reader knows, loaded from `data/vocabulary.toml` and compiled once.

The lists live in data so they can be read and extended without touching code: headings and the
sections they open, role nouns, organisation words, action verbs, credentials, regions, school
words. Lists the TOML marks as patterns are regular-expression alternatives.
"""

import re
import tomllib
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "vocabulary.toml"
_DATA = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))


def _alternatives(items: list[str]) -> str:
    return "|".join(items)


# --- Headings
HEADING_PHRASES: dict[str, list[str]] = _DATA["headings"]
HEADINGS: dict[str, str] = {phrase: section for section, phrases in HEADING_PHRASES.items() for phrase in phrases}
HEADING_WORDS: dict[str, str] = _DATA["heading_words"]
HEADING_MODIFIERS = frozenset(_DATA["heading_rules"]["modifiers"])
HEADING_TRAILERS = frozenset(_DATA["heading_rules"]["trailers"])
INLINE_HEADINGS = frozenset(_DATA["heading_rules"]["inline"])
SKILL_LIST_LABELS = frozenset(_DATA["heading_rules"]["skill_list_labels"])

# --- Places and names
REGION_CODES = frozenset(_DATA["places"]["region_codes"])
REGIONS = frozenset(_DATA["places"]["regions"])
WORK_MODES = frozenset(_DATA["places"]["work_modes"])
NAME_PARTICLES = frozenset(_DATA["names"]["particles"])
NOT_NAME_WORDS = frozenset(_DATA["names"]["not_name_words"])
CREDENTIALS_RE = re.compile(rf",?\s+\b(?:{_alternatives(_DATA['names']['credentials'])})\b.*$")

# --- Text
COMPOUND_HEADS = frozenset(_DATA["text"]["compound_heads"])

# --- E-mail addresses
MAIL_WORDS: dict[str, list[str]] = _DATA["mail"]

# --- Roles and organisations
ROLE_WORDS = _alternatives(_DATA["roles"]["role_words"])
ROLE_RE = re.compile(rf"\b(?:{ROLE_WORDS})s?\b", re.IGNORECASE)
ROLE_END_RE = re.compile(rf"\b(?:{ROLE_WORDS})\b(?:\s*(?:I{{1,3}}|IV|\d|\([^)]*\)))?\.?$", re.IGNORECASE)
AWARD_RE = re.compile(rf"\b(?:{_alternatives(_DATA['roles']['award_words'])})\b", re.IGNORECASE)
CORPORATE_SUFFIXES = _alternatives(_DATA["roles"]["corporate_suffixes"])
COMPANY_WORDS = f"{CORPORATE_SUFFIXES}|{_alternatives(_DATA['roles']['company_words'])}"
COMPANY_RE = re.compile(rf"\b(?:{COMPANY_WORDS})\b\.?", re.IGNORECASE)
COMPANY_END_RE = re.compile(rf"\b(?:{COMPANY_WORDS})\.?$", re.IGNORECASE)
CORPORATE_PIECE_RE = re.compile(rf"^(?:{CORPORATE_SUFFIXES})\.?$", re.IGNORECASE)
ACTION_VERB_RE = re.compile(rf"^(?:{_alternatives(_DATA['roles']['action_verbs'])})\b", re.IGNORECASE)
SMALL_WORDS = frozenset(_DATA["roles"]["small_words"])

# --- Education
INSTITUTION_RE = re.compile(rf"\b(?:{_alternatives(_DATA['education']['institution_words'])})\b", re.IGNORECASE)
EDUCATION_NOISE_RE = re.compile(rf"^(?:{_alternatives(_DATA['education']['noise'])})\b", re.IGNORECASE)
