"""Words of a scanned page from Tesseract's TSV (one row per word: its box in pixels, its line and a confidence).

Tesseract's own PDF output puts every word of one of its lines on that line's baseline at one type size, and its
lines often run across both columns of a resume ("English … Performance & Quality Assurance Engineer"): such a
page was read line by line across both columns. Here each word keeps the box it was seen in, and what a text PDF
would give for it is worked out again, per *run* of words (the words of a Tesseract line between wide gaps):

- the type size, from how tall the words are against the letters they hold (a word of capitals or ascenders
  stands about 0.72 em above its baseline, one of x-height letters 0.5 em; g, j, p, q, y reach 0.21 em below),
  the run's median; sizes within a tenth of the page's body size are set to it, so body lines compare equal and
  only headings and names stand out;
- the baseline (the bottom of the words without descenders), the run's median, and a box of 1 em from 0.8 em
  above it to 0.2 em below, as a font's box is;
- a round bullet (read as "e", "¢", "*"…) is seen by its shape: a small square mark above the baseline, before
  a word; it becomes "•", and so does an icon read as a letter or two that stand far taller than such letters do;
- marks Tesseract itself doubts (confidence under `MIN_CONFIDENCE`, no letter or digit) are specks and rules, and a
  word read a second time on an overlapping line is dropped.
"""

import statistics
from dataclasses import dataclass

from resumes.reading.pdf import Word

MIN_CONFIDENCE = 10.0  # of 100; Tesseract gives a speck or a rule read as "." or ";" 0–8
_MAX_DEDUPED_WORDS = 3000  # a dense resume page holds about 1,000 words
_ICON_CONFIDENCE = 75.0  # an icon read as letters is given 25–70; a word it knows 90 and more
_ASCENDING = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789bdfhklij!?#%&$@/\\|()[]{}'\"")
_DESCENDING = frozenset("gjpqy")
_X_HEIGHT, _ASCENT, _DESCENT = 0.5, 0.72, 0.21  # of an em, above and below the baseline
_BODY_SNAP = 0.1  # a run's size within this share of the page's body size is the body size
_MIN_SPACE = 0.15  # em: the reader puts a space between words at least 0.1 em apart (`pdf.Line.text`)


@dataclass(slots=True)
class OcrWord:
    text: str
    left: int  # pixels
    top: int
    width: int
    height: int
    confidence: float
    line: tuple[int, int, int, int]  # page, block, paragraph, line: Tesseract's line it belongs to


def parse_tsv(tsv: str) -> list[OcrWord]:
    """The words (level 5 rows) of Tesseract's TSV output, in its order; rows without text are left out."""
    words = []
    for row in tsv.splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) < 12 or cells[0] != "5":
            continue
        text = cells[11].strip()
        if not text:
            continue
        try:
            page, block, paragraph, line = (int(cell) for cell in cells[1:5])
            left, top, width, height = (int(cell) for cell in cells[6:10])
            confidence = float(cells[10])
        except ValueError:
            continue
        words.append(OcrWord(text, left, top, width, height, confidence, (page, block, paragraph, line)))
    return words


def without_second_readings(words: list[OcrWord]) -> list[OcrWord]:
    """The words without those Tesseract read a second time on another line over the same ink (an icon beside a line
    makes it find two overlapping lines: "schur2982Qgmail.com" and "schur2982"): a word at least half inside a
    larger word of another line is dropped."""
    if len(words) > _MAX_DEDUPED_WORDS:
        return words  # a page of noise or a dense table, not a resume's page: not worth a quadratic search
    lines: dict[tuple[int, int, int, int], list[OcrWord]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    spans = {key: (min(w.top for w in ws), max(w.top + w.height for w in ws)) for key, ws in lines.items()}
    keys = sorted(lines, key=lambda key: spans[key][0])
    dropped: set[int] = set()
    for index, key in enumerate(keys):
        for other in keys[index + 1:]:
            if spans[other][0] >= spans[key][1]:
                break
            for a in lines[key]:
                for b in lines[other]:
                    smaller, larger = (a, b) if a.width * a.height <= b.width * b.height else (b, a)
                    if _inside(smaller, larger) >= 0.5:
                        dropped.add(id(smaller))
    return [word for word in words if id(word) not in dropped] if dropped else words


def _inside(word: OcrWord, other: OcrWord) -> float:
    """The share of `word`'s box that lies inside `other`'s."""
    across = min(word.left + word.width, other.left + other.width) - max(word.left, other.left)
    down = min(word.top + word.height, other.top + other.height) - max(word.top, other.top)
    if across <= 0 or down <= 0:
        return 0.0
    return across * down / max(word.width * word.height, 1)


def _em_of(word: OcrWord) -> float | None:
    """The type size, in pixels, a word's height says, or None when it holds no letter or digit to tell by."""
    letters = [char for char in word.text if char.isalnum()]
    if not letters or word.height <= 0:
        return None
    above = _ASCENT if any(char in _ASCENDING or not char.isascii() for char in letters) else _X_HEIGHT
    below = _DESCENT if any(char in _DESCENDING for char in letters) else 0.0
    return word.height / (above + below)


def _baseline_of(word: OcrWord, em: float) -> float:
    below = _DESCENT if any(char in _DESCENDING for char in word.text) else 0.0
    return word.top + word.height - below * em


def _lines(words: list[OcrWord]) -> list[list[list[OcrWord]]]:
    """Tesseract's lines, each left to right and split into runs at gaps wider than its tallest word (a tab stop, or
    a gutter Tesseract's line ran across)."""
    lines: dict[tuple[int, int, int, int], list[OcrWord]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    found = []
    for line in lines.values():
        line.sort(key=lambda word: word.left)
        tallest = max(word.height for word in line)
        runs = [[line[0]]]
        for previous, word in zip(line, line[1:], strict=False):
            if word.left - (previous.left + previous.width) > tallest:
                runs.append([])
            runs[-1].append(word)
        found.append(runs)
    return found


def _is_bullet(word: OcrWord, *, em: float, baseline: float) -> bool:
    """A round bullet: a mark of a character or two, at most 0.4 em either way and roughly square, lifted off the
    baseline."""
    if len(word.text) > 2 or word.text.isdigit():
        return False
    small = word.width <= 0.4 * em and word.height <= 0.4 * em
    square = 0.6 <= word.width / max(word.height, 1) <= 1.6
    lifted = baseline - (word.top + word.height) >= 0.08 * em
    return small and square and lifted


def _is_icon(word: OcrWord, *, em: float) -> bool:
    """An icon (phone, envelope, pin) read as a letter or two ("9 San Francisco", "gy jane@…"): Tesseract is unsure
    of it and it is far taller than those letters stand (icons are drawn to the height of a capital and more), or,
    read as one character it doubts more, far smaller."""
    implied = _em_of(word)  # the size its height would mean, were it those letters
    if implied is None or len(word.text) > 2 or word.confidence >= _ICON_CONFIDENCE:
        return False
    ratio = implied / em
    return ratio > 1.2 or (ratio < 0.75 and len(word.text) == 1 and word.confidence < 50)


def _measured(run: list[OcrWord]) -> tuple[float, float] | None:
    """(em, baseline) in pixels of a run, from the words in it that hold letters or digits (of three characters or
    more where there are such: an icon is read as one or two)."""
    telling = [word for word in run if _em_of(word) is not None]
    telling = [word for word in telling if len(word.text) >= 3] or telling
    if not telling:
        return None
    em = statistics.median(_em_of(word) for word in telling)
    return em, statistics.median(_baseline_of(word, em) for word in telling)


def ocr_words(tsv: str, *, dpi: int) -> list[Word]:
    """The reader's words (in points, as `pdf.Word`) of one page's TSV read at `dpi`. A run with no letter (a bullet,
    a rule) takes its size and baseline from the next run on its line (or the one before)."""
    scale = 72 / dpi
    lines = _lines(without_second_readings(parse_tsv(tsv)))
    measures = [[_measured(run) for run in runs] for runs in lines]
    ems = [measure[0] for line in measures for measure in line if measure is not None]
    if not ems:
        return []
    body = statistics.median(ems)
    words = []
    for runs, line_measures in zip(lines, measures, strict=True):
        for index, run in enumerate(runs):
            measure = next((m for m in line_measures[index:] if m is not None), None) or next(
                (m for m in reversed(line_measures[:index]) if m is not None), None)
            em, baseline = measure or (body, max(word.top + word.height for word in run))
            if abs(em - body) <= _BODY_SNAP * body:
                em = body
            size = em * scale
            top, bottom = (baseline - 0.8 * em) * scale, (baseline + 0.2 * em) * scale
            for position, word in enumerate(run):
                text = word.text
                first_of_line = index == 0 and position == 0 and (len(run) > 1 or len(runs) > 1)
                bullet = first_of_line and _is_bullet(word, em=em, baseline=baseline)
                if bullet or (position + 1 < len(run) and _is_icon(word, em=em)):
                    text = "•"
                elif word.confidence < MIN_CONFIDENCE and not any(char.isalnum() for char in text):
                    continue
                right = word.left + word.width
                if position + 1 < len(run):
                    # Tesseract saw two words: keep a space's width between them, though an italic "f" leans close.
                    right = max(word.left + 1, min(right, run[position + 1].left - _MIN_SPACE * em))
                words.append(Word(text, word.left * scale, right * scale, top, bottom, size))
    return words
