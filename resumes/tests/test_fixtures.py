"""Real layouts (moderncv, Awesome-CV, Deedy, Google Docs, Word), read as a candidate uploads them.

The PDFs and .docx files in `fixtures/resumes/` were made once with texlive and LibreOffice (see the
README there); each test names the defect it guards against.
"""

from functools import cache

import pytest

from resumes.evaluation import DEFAULT_FOLDER
from resumes.parsing import parse_resume_file
from resumes.parsing.pdf import DEFAULT_WORD_GAP, word_gap_ratio
from resumes.schemas import ParsedResume


@cache
def read(name: str) -> ParsedResume:
    return parse_resume_file(DEFAULT_FOLDER / name, time_limit=60)


# --- Word spacing -----------------------------------------------------------------------------

def test_latex_words_keep_their_spaces_in_small_type():
    text = read("awesome_cv.pdf").text
    assert "Seasoned SRE/DevOps leader" in text
    assert "Dunamu Inc." in text and "DunamuInc." not in text
    assert "Lead Site Reliability Engineer" in text
    assert "Senior Software Engineer" in read("deedy.pdf").text


def test_tex_accents_join_their_letter_and_hyphenated_words_join_again():
    assert "Sveavägen" in read("moderncv_casual.pdf").text
    assert "halving deployment time" in read("moderncv_classic.pdf").text


def _chars(text: str, *, letter_gap: float, word_gap: float, size: float = 8.0) -> list[dict]:
    chars, x = [], 0.0
    for word in text.split():
        for letter in word:
            chars.append({"text": letter, "x0": x, "x1": x + 0.5 * size, "top": 100.0, "size": size})
            x += 0.5 * size + letter_gap * size
        x += (word_gap - letter_gap) * size
    return chars


def test_word_gap_is_measured_between_letters_and_words():
    sentence = "Seasoned reliability engineer running large platforms on cloud providers " * 4
    assert word_gap_ratio(_chars(sentence, letter_gap=0.0, word_gap=0.28)) == pytest.approx(DEFAULT_WORD_GAP)
    # Letter-spaced type: letters 0.12 em apart, words 0.4 em: the threshold moves above the letters.
    spaced = word_gap_ratio(_chars(sentence, letter_gap=0.12, word_gap=0.4))
    assert 0.15 < spaced <= 0.25
    assert word_gap_ratio(_chars("too short", letter_gap=0.0, word_gap=0.3)) == DEFAULT_WORD_GAP
