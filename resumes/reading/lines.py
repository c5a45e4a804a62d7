"""Line-level helpers the field readers share: separators, descriptions, and re-casing text set in capitals."""

import re

from resumes.reading.vocabulary import ACTION_VERB_RE, CORPORATE_SUFFIXES, ROLE_END_RE, SMALL_WORDS

STRONG_SEPARATOR_RE = re.compile(r"\s+[|•·–—]\s+|\s*\|\s*|\s+-\s+|\t|\s+@\s+|;\s+")


DECORATION = " \t,;:()[]–—-|•·"
_EDGES = DECORATION.replace("(", "").replace(")", "")


def trim(text: str) -> str:
    """`text` without the separators and brackets around it, keeping a bracket that closes or opens one inside it:
    "Software Engineer (Front-End)," keeps its ")", "(Remote)" loses both."""
    text = text.strip(_EDGES)
    while True:
        if text.endswith(")") and text.count(")") > text.count("("):
            text = text[:-1].strip(_EDGES)
        elif text.startswith("(") and text.count("(") > text.count(")"):
            text = text[1:].strip(_EDGES)
        elif text.startswith("(") and text.endswith(")") and text.count("(") == 1 and text.count(")") == 1:
            text = text[1:-1].strip(_EDGES)
        else:
            return text


def display_case(text: str) -> str:
    """A title or a name set in capitals, as it is normally written: "MARKETING MANAGER" → "Marketing Manager",
    "CORNELL UNIVERSITY" → "Cornell University"; short words in capitals stay ("SRE", "IBM", "UX")."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(text.split()) < 2 or not all(ch.isupper() for ch in letters):
        return text  # one word in capitals may be how the brand is written ("XING", "BBVA", "DATADOG")

    def word(match: re.Match) -> str:
        token = match.group(0)
        if token.lower() in SMALL_WORDS and match.start() > 0:
            return token.lower()
        return token if len(token) <= 3 else token.capitalize()

    return re.sub(r"[^\W\d_]+(?:['’][^\W\d_]+)?", word, text)


def is_description(text: str) -> bool:
    words = text.split()
    if len(words) <= 6 and ROLE_END_RE.search(text):
        return False  # "Managing Director", "Working Student", "Leading Hand" name a role
    if ACTION_VERB_RE.match(text):
        return True
    if len(words) > 12:
        return True
    abbreviation = re.search(rf"\b(?:{CORPORATE_SUFFIXES}|jr|sr|st)\.$", text, re.IGNORECASE)
    return text.endswith(".") and not abbreviation and len(words) > 4
