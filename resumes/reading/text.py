"""Plain-text clean-up shared by every format: one bullet glyph, no invisible characters, lines unwrapped."""

import re
import unicodedata

from resumes.reading.vocabulary import COMPOUND_HEADS

BULLET = "•"
_BULLET_GLYPHS = "•●▪■◦○◆◇►▸‣⁃∙·➢➤➔→✓✔❖♦◾◽□"
_BULLET_START_RE = re.compile(rf"^(?:[{_BULLET_GLYPHS}\x80-\x9f]|[-*–—](?=\s)|o(?=\s+[A-Z])|[\ue000-\uf8ff])\s*")
_PRIVATE_USE_RE = re.compile(r"[\ue000-\uf8ff]")
_INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# A soft hyphen set where a dash was meant: between dates or words with spaces around it ("2019 \u00ad 2021").
_SOFT_DASH_RE = re.compile(
    r"(?<=[\w)])[ \u00a0]*\u00ad[ \u00a0]+(?=\w)|(?<=\w)[ \u00a0]+\u00ad[ \u00a0]*(?=\w)|(?<=\d)\u00ad(?=\d)"
)
# A glyph its font maps to no character (NUL or U+FFFD), standing between two dates: a dash ("2024 \x00 Present"); before
# a word that a ")" closes: the "(" ("DAX \x00Advanced)"). Any other is dropped (PostgreSQL stores no NUL in text).
_UNMAPPED = "\x00\ufffd"
_UNMAPPED_DASH_RE = re.compile(
    rf"(?<=\d)\s*[{_UNMAPPED}]\s*(?=(?:19|20)\d\d|present|current|now|today|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",
    re.IGNORECASE,
)
_UNMAPPED_BRACKET_RE = re.compile(rf"[{_UNMAPPED}](?=[^\s(){_UNMAPPED}][^(){_UNMAPPED}\n]{{0,40}}\))")
_UNMAPPED_RE = re.compile(rf"[{_UNMAPPED}]")
# A capitals font whose "i" maps to a lower-case letter: "DOCTOR OF PHiLOSOPHY iN COMPUTER SCiENCE".
_CAPITALS_BUT_I_RE = re.compile(r"^[^a-z]*$")
_CID_RE = re.compile(r"\(cid:\d+\)")
# "E X P E R I E N C E" (letter-spaced headings); words may be separated by two or more spaces.
_LETTERSPACED_RE = re.compile(r"^(?:[^\W\d_] ){2,}[^\W\d_](?:\s{2,}(?:[^\W\d_] )+[^\W\d_])*$")
_SPACES_RE = re.compile(r"[ \u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_LOWER_WORD_RE = re.compile(r"^[a-z]+[,.;:)]?(?:\s|$)")
_ALIGNMENT_RE = re.compile(r"(?<=\S)[ \u00a0]{3,}(?=\S)")


def starts_lowercase(line: str) -> bool:
    """Whether a line starts with an ordinary lower-case word (not "iOS", not an e-mail address)."""
    return _LOWER_WORD_RE.match(line) is not None


def is_bullet(line: str) -> bool:
    return line.startswith(BULLET)


def strip_bullet(line: str) -> str:
    return line[1:].strip() if line.startswith(BULLET) else line.strip()


def cid_ratio(text: str) -> float:
    """Share of the text that is `(cid:N)` placeholders: fonts whose letters cannot be mapped back to text."""
    if not text:
        return 0.0
    return sum(len(match) for match in _CID_RE.findall(text)) / len(text)


def _capitals(line: str) -> str:
    """A line set in capitals whose font reads its "i" as lower case, in capitals throughout."""
    if "i" not in line:
        return line
    others = line.replace("i", "")
    if _CAPITALS_BUT_I_RE.match(others) and sum(ch.isupper() for ch in others) >= 6:
        return line.replace("i", "I")
    return line


def clean_line(raw: str) -> str:
    line = _capitals(raw.strip())
    if _LETTERSPACED_RE.match(line):
        line = " ".join(word.replace(" ", "") for word in re.split(r"\s{2,}", line))
    match = _BULLET_START_RE.match(line)
    if match and len(line) > match.end():
        line = BULLET + " " + line[match.end():]
    line = _PRIVATE_USE_RE.sub("", line)
    line = _ALIGNMENT_RE.sub("\t", line)  # "Senior Engineer          2019 – 2021": spaces used as a tab stop
    if "\t" in line:
        cells = [_SPACES_RE.sub(" ", cell).strip() for cell in line.split("\t")]
        return "\t".join(cell for cell in cells if cell)
    return _SPACES_RE.sub(" ", line).strip()


def clean_text(raw: str) -> str:
    """Normalised text: NFKC (ligatures, full-width forms), `\\n` line ends, one hyphen (U+2010 is "-"), one bullet, tabs kept
    as column breaks, lines that were only wrapped joined again, at most one blank line in a row."""
    text = unicodedata.normalize("NFKC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = _INVISIBLE_RE.sub("", _SOFT_DASH_RE.sub(" – ", _CID_RE.sub("", text)))
    text = _UNMAPPED_RE.sub("", _UNMAPPED_BRACKET_RE.sub("(", _UNMAPPED_DASH_RE.sub(" – ", text)))
    text = text.replace("\u2010", "-").replace("\u2011", "-")
    lines: list[str] = []
    for raw_line in text.split("\n"):
        line = clean_line(raw_line)
        if line and lines and lines[-1] and _continues(lines[-1], line):
            lines[-1] = join_wrapped(lines[-1], line)
            continue
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


# Words written with a hyphen that a line break may fall after ("self-" / "motivated" stays "self-motivated").
_COMPOUND_HEADS = COMPOUND_HEADS
_BROKEN_WORD_RE = re.compile(r"(?:^|\s)([^\W\d_]+)-$")


def join_wrapped(previous: str, line: str) -> str:
    """A line wrapped onto the next, joined again; a word broken at the line's end ("Angu-" / "lar") made whole."""
    broken = _BROKEN_WORD_RE.search(previous)
    if broken and line[:1].islower():
        head = broken.group(1)
        return previous + line if head.casefold() in _COMPOUND_HEADS else previous[:-1] + line
    return previous + " " + line


def _continues(previous: str, line: str) -> bool:
    """A line that starts with a lower-case word after an unfinished line was wrapped, not written."""
    if is_bullet(line) or "\t" in line or "\t" in previous or not starts_lowercase(line):
        return False
    words = previous.split()
    if len(words) <= 3 and all(word[:1].isupper() for word in words):
        return False  # a heading or a name ("Projects" above "shipwright — a CLI…"), not a wrapped sentence
    return not (previous.endswith((".", "!", "?", ":", ";")) or previous.isupper())
