"""Letters and words of a PDF page, read straight from pdfminer's layout.

pdfplumber's `page.chars` turns every letter into a dictionary of some twenty resolved attributes
(colours, matrices, colour spaces…), which costs more than pdfminer's whole interpretation of the page;
its `extract_words` then groups them generically. A resume needs six facts per letter, so letters are
taken from `page.layout` as they are, and grouped into words the way `extract_words` does (runs of one
font and size in drawing order, rows by their top within 3 points, left to right, a new word at a space,
a step back, or a gap wider than the document's measured word gap) — at about half the cost.
"""

from dataclasses import dataclass

from pdfminer.layout import LTChar, LTContainer

DEFAULT_WORD_GAP = 0.15  # ems; letters sit within 0.05 em of each other, words 0.25 em or more apart
_GAP_RANGE = (0.1, 0.25)
_GAP_SAMPLE = 2000
_ROW_TOLERANCE = 3.0  # points, as pdfplumber's y_tolerance
_LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


@dataclass(slots=True)
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    fontname: str


@dataclass(slots=True)
class RawWord:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    fontname: str


def page_chars(page) -> list[Char]:
    """The upright letters of a pdfplumber page, in drawing order, in pdfplumber's coordinates (top from the top)."""
    height = float(page.height)
    mb_x0, mb_top = (float(value) for value in page.mediabox[:2])
    chars: list[Char] = []
    append = chars.append

    def walk(objects) -> None:
        for obj in objects:
            if isinstance(obj, LTChar):
                if not obj.upright:
                    continue  # rotated text (a sidebar label turned on its side) is decoration here
                fontname = obj.fontname
                if isinstance(fontname, bytes):
                    fontname = fontname.decode("latin-1", "replace")
                append(Char(obj.get_text(), obj.x0 + mb_x0, obj.x1 + mb_x0, height - obj.y1 + mb_top,
                            height - obj.y0 + mb_top, float(obj.size), fontname or ""))
            elif isinstance(obj, LTContainer):
                walk(obj)

    walk(page.layout)
    return chars


def word_gap_ratio(chars: list[Char]) -> float:
    """The gap between two letters, in ems of their type size, above which they belong to different words.

    pdfplumber's default (3 points, whatever the size) glues the words of LaTeX resumes set in 8–9 pt type:
    TeX writes no space characters, it moves the next word 0.25–0.35 em along, about 2–3 points there.
    pdftotext breaks words at 0.1 em. Here the gaps between neighbouring letters on one line are measured
    on the document's first page: letters sit within about 0.05 em (kerning), words 0.25 em or more
    apart, and the threshold is put in the emptiest part of the valley between, within 0.1–0.25 em
    (0.15 when the page shows no valley: Word and Google Docs write real spaces).
    """
    gaps: list[float] = []
    previous = None
    for char in chars[:_GAP_SAMPLE]:
        if previous is not None and not char.text.isspace() and not previous.text.isspace():
            size = previous.size or 1.0
            if abs(char.top - previous.top) < 0.3 * size:
                gap = (char.x0 - previous.x1) / size
                if 0.0 <= gap < 0.5:
                    gaps.append(gap)
        previous = char
    low, high = _GAP_RANGE
    if sum(1 for gap in gaps if gap >= low) < 20:
        return DEFAULT_WORD_GAP
    # The emptiest 0.06 em window whose centre lies in the allowed range; ties go to the one nearest 0.15.
    best, best_cost = DEFAULT_WORD_GAP, None
    for step in range(round(low * 100), round(high * 100) + 1):
        centre = step / 100
        cost = sum(1 for gap in gaps if abs(gap - centre) <= 0.03)
        if best_cost is None or cost < best_cost or (cost == best_cost and abs(centre - 0.15) < abs(best - 0.15)):
            best, best_cost = centre, cost
    return best


def overprinted(chars: list[Char]) -> bool:
    """Whether the page prints letters twice in one place (a "bold" made by drawing the text again), which
    would read as "JJaannee"."""
    printed = [(char.text, int(char.x0), int(char.top)) for char in chars if char.text != " "]
    doubles = len(printed) - len(set(printed))
    return doubles >= 5 and doubles >= 0.01 * len(chars)


def dedupe(chars: list[Char], tolerance: float = 1.0) -> list[Char]:
    """The letters without their second printing: the same letter, font and size within a point."""
    kept: list[Char] = []
    seen: dict[tuple[str, str, int], list[Char]] = {}
    for char in chars:
        key = (char.text, char.fontname, round(char.size))
        twins = seen.setdefault(key, [])
        if any(abs(twin.x0 - char.x0) <= tolerance and abs(twin.top - char.top) <= tolerance for twin in twins):
            continue
        twins.append(char)
        kept.append(char)
    return kept


def words_of(chars: list[Char], *, gap_ratio: float) -> list[RawWord]:
    """Words as pdfplumber's `extract_words(x_tolerance_ratio=gap_ratio, extra_attrs=["size", "fontname"])`
    finds them: a change of font or size ends a word (an icon glyph stands alone, a bold title's comma in
    roman type is its own word, joined again without a space by the line reader)."""
    words: list[RawWord] = []
    start = 0
    count = len(chars)
    while start < count:
        first = chars[start]
        end = start + 1
        while end < count and chars[end].size == first.size and chars[end].fontname == first.fontname:
            end += 1
        for row in _rows(chars[start:end]):
            _split_row(row, gap_ratio, words)
        start = end
    return words


def _rows(chars: list[Char]) -> list[list[Char]]:
    """Letters clustered by their top (chained within 3 points), each row left to right."""
    if len(chars) == 1:
        return [chars]
    ordered = sorted(chars, key=_top)
    rows: list[list[Char]] = [[ordered[0]]]
    last = ordered[0].top
    for char in ordered[1:]:
        if char.top <= last + _ROW_TOLERANCE:
            rows[-1].append(char)
        else:
            rows.append([char])
        last = char.top
    for row in rows:
        row.sort(key=_x0)
    return rows


def _top(char: Char) -> float:
    return char.top


def _x0(char: Char) -> float:
    return char.x0


_TRACKING_SAMPLE = 48


def _tracking_limit(row: list[Char], gap_ratio: float) -> float:
    """The word gap of one row: the page's, unless the row is letter-spaced (Canva's "A M A N D A", a heading set with
    tracking), where every letter stands that far apart and only a wider gap (or a space) ends a word."""
    sample = row[:_TRACKING_SAMPLE]  # the row's first letters tell; a flood of glyphs costs no more than a line
    gaps = sorted((b.x0 - a.x1) / (a.size or 1.0) for a, b in zip(sample, sample[1:], strict=False)
                  if not a.text.isspace() and not b.text.isspace() and b.x0 >= a.x0)
    if len(gaps) < 4:
        return gap_ratio
    typical = gaps[len(gaps) // 2]
    return typical + 0.2 if typical > gap_ratio else gap_ratio


def _split_row(row: list[Char], gap_ratio: float, out: list[RawWord]) -> None:
    gap_ratio = _tracking_limit(row, gap_ratio)
    current: list[Char] = []
    for char in row:
        if char.text.isspace():
            if current:
                out.append(_merge(current))
                current = []
            continue
        if current:
            previous = current[-1]
            if (char.x0 < previous.x0 or char.x0 > previous.x1 + gap_ratio * previous.size
                    or abs(char.top - previous.top) > _ROW_TOLERANCE):
                out.append(_merge(current))
                current = []
        current.append(char)
    if current:
        out.append(_merge(current))


def _merge(chars: list[Char]) -> RawWord:
    first = chars[0]
    text = "".join(_LIGATURES.get(char.text, char.text) for char in chars)
    if len(chars) == 1:
        return RawWord(text, first.x0, first.x1, first.top, first.bottom, first.size, first.fontname)
    return RawWord(text, min(c.x0 for c in chars), max(c.x1 for c in chars), min(c.top for c in chars),
                   max(c.bottom for c in chars), first.size, first.fontname)
