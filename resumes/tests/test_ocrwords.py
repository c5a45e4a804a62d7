"""A scanned page's words from Tesseract's TSV: boxes, sizes, bullets and specks, laid out as a text PDF's are.

The TSV here is written by hand (pixels at 300 DPI), as Tesseract writes it, so no test needs Tesseract.
"""

from resumes.reading.ocrwords import ocr_words, parse_tsv, without_second_readings
from resumes.reading.pdf import lay_out_page

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
DPI = 300


def _tsv(*rows: tuple) -> str:
    """rows: (block, paragraph, line, left, top, width, height, confidence, text), one per word."""
    lines = [HEADER, "1\t1\t0\t0\t0\t0\t0\t0\t2550\t3300\t-1\t"]
    for number, (block, paragraph, line, left, top, width, height, confidence, text) in enumerate(rows, start=1):
        lines.append(f"5\t1\t{block}\t{paragraph}\t{line}\t{number}\t{left}\t{top}\t{width}\t{height}\t{confidence}\t{text}")
    return "\n".join(lines) + "\n"


def _word(line: int, left: int, baseline: int, text: str, *, em: int = 42, block: int = 1, confidence: float = 96.0):
    """A word's TSV row, its box as tall as its letters make it at `em` pixels to the em."""
    above = 0.72 if any(c.isupper() or c.isdigit() or c in "bdfhklij" for c in text) else 0.5
    below = 0.21 if any(c in "gjpqy" for c in text) else 0.0
    top = round(baseline - above * em)
    return (block, 1, line, left, top, round(0.5 * em * len(text)), round((above + below) * em), confidence, text)


def _text(tsv: str) -> str:
    text, _ = lay_out_page(ocr_words(tsv, dpi=DPI), left=0.0, top=0.0, right=612.0, bottom=792.0)
    return text


def test_tsv_rows_are_read_as_words_with_their_line():
    [word] = parse_tsv(_tsv((2, 1, 3, 100, 200, 80, 40, 91.5, "Nokia,")))
    assert (word.text, word.left, word.top, word.width, word.height, word.confidence) == ("Nokia,", 100, 200, 80, 40, 91.5)
    assert word.line == (1, 2, 1, 3)


def test_columns_tesseract_read_as_one_line_are_read_one_after_the_other():
    # Each Tesseract line runs across the gutter: the left column's row and the right column's row beside it, though
    # the right column's rows sit 20 pixels lower (their own leading). The left column is read first, then the right.
    left = ["LANGUAGES SPOKEN", "English (native)", "Hindi (native)", "French (fluent)", "German (basic)",
            "Spanish (basic)"]
    right = ["Engineer at Nokia", "Analyst at Ericsson", "Intern at Vodafone", "Lead at Samsung", "Manager at Airtel",
             "Owner at Acme"]
    rows = []
    for line, (name, role) in enumerate(zip(left, right, strict=True), start=1):
        baseline = 300 + 70 * line
        x = 120
        for word in name.split():
            rows.append(_word(line, x, baseline, word))
            x += round(0.5 * 42 * len(word)) + 18
        x = 1100
        for word in role.split():
            rows.append(_word(line, x, baseline + 20, word))
            x += round(0.5 * 42 * len(word)) + 18
    lines = [line for line in _text(_tsv(*rows)).split("\n") if line]
    assert lines == left + right


def test_a_space_is_kept_between_words_tesseract_split_though_their_boxes_nearly_touch():
    rows = [_word(1, 100, 400, "Master"), _word(1, 240, 400, "of"), _word(1, 263, 400, "Philosophy")]
    rows[1] = (*rows[1][:5], 20, *rows[1][6:])  # "of" 20 pixels wide, 3 pixels before "Philosophy"
    assert _text(_tsv(*rows)) == "Master of Philosophy"


def test_a_small_round_mark_before_a_line_is_a_bullet_and_specks_tesseract_doubts_are_dropped():
    rows = [
        (1, 1, 1, 100, 375, 14, 14, 48.8, "¢"),  # a round bullet, 14 pixels square, lifted off the baseline at 400
        _word(1, 170, 400, "Built"), _word(1, 290, 400, "pipelines"),
        (1, 1, 2, 100, 462, 85, 6, 0.0, "."),  # a rule Tesseract read as a full stop, with no confidence
        _word(2, 100, 470, "Led"), _word(2, 200, 470, "teams"),
    ]
    assert _text(_tsv(*rows)).split("\n") == ["• Built pipelines", "Led teams"]


def test_a_heading_in_larger_type_is_larger_and_body_words_of_any_letters_are_one_size():
    rows = [_word(1, 100, 300, "EXPERIENCE", em=60), _word(2, 100, 400, "anyone"), _word(2, 300, 400, "Kept"),
            _word(3, 100, 460, "sum"), _word(3, 200, 460, "bdfhk")]
    words = {word.text: word for word in ocr_words(_tsv(*rows), dpi=DPI)}
    assert round(words["EXPERIENCE"].size) == round(60 * 72 / DPI)
    assert {round(words[name].size, 2) for name in ("anyone", "Kept", "sum", "bdfhk")} == {round(42 * 72 / DPI, 2)}
    # Boxes as a font's: every word of a line from 0.8 em above its baseline to 0.2 em below, descenders or not.
    assert abs(words["anyone"].top - words["Kept"].top) < 0.1 and abs(words["anyone"].bottom - words["Kept"].bottom) < 0.1
    assert abs(words["anyone"].bottom - words["anyone"].top - words["anyone"].size) < 0.01


def test_a_word_tesseract_read_twice_on_an_overlapping_line_is_read_once():
    # An icon beside a contact line makes Tesseract find two lines over the same ink (block 2 line 1 and line 2).
    rows = [
        (2, 1, 1, 1304, 260, 392, 38, 59.9, "jane2982@gmail.com"), (2, 1, 1, 1807, 263, 295, 29, 88.8, "+375(33)380-11-"),
        (2, 1, 2, 1335, 261, 141, 30, 91.1, "jane2982"), (2, 1, 2, 1842, 262, 302, 29, 88.1, "+375(33)380-11-79"),
    ]
    assert _text(_tsv(*rows)) == "jane2982@gmail.com\t+375(33)380-11-79"


def test_an_icon_read_as_letters_it_doubts_and_far_taller_than_they_stand_is_a_separator():
    phone = _word(1, 249, 240, "9781625450")
    rows = [
        (1, 1, 1, 195, 202, 30, 42, 66.5, "2"),  # a phone icon 42 pixels tall: a "2" stands 30 at this size
        phone, (1, 1, 1, 514, 198, 34, 51, 32.8, "gy"),  # an envelope: "gy" would stand 30
        _word(1, 570, 240, "jane@example.com"), _word(1, 925, 240, "Toronto"), _word(1, 1095, 240, "CA"),
        (1, 1, 2, 100, 300, 30, 30, 96.0, "A"), _word(2, 150, 330, "letter"),  # a word Tesseract is sure of stays
    ]
    lines = [line for line in _text(_tsv(*rows)).split("\n") if line]
    assert lines == ["• 9781625450 • jane@example.com Toronto CA", "A letter"]


def test_a_page_of_noise_is_not_searched_for_second_readings_word_by_word():
    # 4,000 specks on 4,000 lines over one band: searching every pair would take minutes; the page is left as read.
    rows = [(1, 1, line, line % 50, 100, 10, 10, 20.0, "x") for line in range(1, 4001)]
    words = parse_tsv(_tsv(*rows))
    assert without_second_readings(words) == words
    assert len(without_second_readings(words[:2])) == 1  # a few such specks are searched, and the twin dropped
