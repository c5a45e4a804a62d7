"""Reading uploaded files: what they are, what is refused and why, and PDF text in reading order."""

import io
import random
import time
import zipfile

import pdfplumber
import pytest

from resumes.reading import ResumeRejected, detect_kind, parse_resume_bytes, parse_resume_file, parse_resume_text
from resumes.reading.pdf import Word, reading_blocks
from resumes.reading.scan import OcrOptions
from resumes.tests import samples


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    return {
        "one_column": samples.one_column_pdf(),
        "two_column": samples.two_column_pdf(),
        "sidebar_left": samples.sidebar_pdf(side="left"),
        "sidebar_right": samples.sidebar_pdf(side="right"),
        "three_pages": samples.multi_page_pdf(pages=3),
    }


def _naive_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() for page in pdf.pages)


def _index(lines: list[str], fragment: str) -> int:
    """Where a line is: the line equal to `fragment`, else the one line containing it."""
    matches = [number for number, line in enumerate(lines) if line == fragment]
    matches = matches or [number for number, line in enumerate(lines) if fragment in line]
    assert len(matches) == 1, f"{fragment!r} should be on exactly one line, found on {len(matches)}"
    return matches[0]


# --- What a file is ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("build", "kind"),
    [
        (samples.one_column_pdf, "pdf"),
        (samples.resume_docx, "docx"),
        (lambda: samples.NURSE_RESUME.encode("utf-8"), "txt"),
        (lambda: samples.NURSE_RESUME.encode("utf-16"), "txt"),
        (lambda: "Zoë Müller, café manager, Köln".encode("cp1252"), "txt"),
        (samples.renamed_exe, None),
        (samples.renamed_zip, None),
        (samples.renamed_png, None),
        (samples.legacy_doc, None),
        (lambda: b"", None),
    ],
)
def test_detect_kind_judges_by_content(build, kind):
    assert detect_kind(build()) == kind


def test_detect_kind_finds_a_pdf_header_after_leading_junk():
    assert detect_kind(b"\r\n\x00garbage" + samples.one_column_pdf()) == "pdf"


# --- Refusals ----------------------------------------------------------------------------------

@pytest.mark.parametrize("build", [samples.renamed_exe, samples.renamed_png, samples.renamed_zip])
def test_upload_refuses_a_renamed_file_whatever_its_name(build):
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_bytes(build(), filename="resume.pdf")
    assert refused.value.code == "wrong_type"
    assert "whatever its name says" in refused.value.message


def test_upload_refuses_a_legacy_doc_and_says_to_save_as_docx():
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_bytes(samples.legacy_doc(), filename="resume.doc")
    assert refused.value.code == "wrong_type"
    assert ".docx" in refused.value.message and "older Word document" in refused.value.message


def test_upload_refuses_an_encrypted_pdf():
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_bytes(samples.encrypted_pdf())
    assert refused.value.code == "encrypted"
    assert refused.value.message == "This PDF is password-protected. Save a copy without a password and upload that."


def test_pdf_with_only_an_owner_password_is_read():
    resume = parse_resume_bytes(samples.owner_locked_pdf())
    assert resume.contact.name == "Maya Patel"


def test_a_scanned_pdf_is_refused_with_a_suggestion_to_paste_where_ocr_is_off():
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_bytes(samples.image_only_pdf(), ocr=OcrOptions(tesseract="", max_pages=4))
    assert refused.value.code == "no_text"
    assert "scanned image" in refused.value.message and "Paste your resume text instead" in refused.value.message


@pytest.mark.parametrize("build", [samples.corrupt_pdf, samples.truncated_pdf])
def test_upload_refuses_a_damaged_pdf(build):
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_bytes(build())
    assert refused.value.code == "corrupt"


def test_damaged_files_only_ever_raise_resume_rejected():
    """Bytes flipped, cut or overwritten in real PDFs and DOCX files: every outcome is a resume or a refusal."""
    rng = random.Random(20260124)
    bases = [samples.one_column_pdf(), samples.two_column_pdf(), samples.resume_docx()]
    outcomes = set()
    for _ in range(60):
        data = bytearray(rng.choice(bases))
        mode = rng.choice(["flip", "cut", "overwrite"])
        if mode == "flip":
            for _ in range(rng.randint(1, 40)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif mode == "cut":
            data = data[: rng.randrange(1, len(data))]
        else:
            start = rng.randrange(len(data))
            data[start:start + rng.randint(1, 400)] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 200)))
        try:
            parse_resume_bytes(bytes(data), time_limit=10)
            outcomes.add("read")
        except ResumeRejected as refused:
            assert refused.code in {"wrong_type", "corrupt", "no_text", "encrypted", "empty"}
            outcomes.add(refused.code)
    assert "corrupt" in outcomes  # the mutations really did damage files


def test_upload_refuses_an_oversized_file_and_names_the_limit_in_mb():
    data = samples.one_column_pdf() + b"\n" * (2 * 1024 * 1024)
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_bytes(data, max_bytes=1024 * 1024)
    assert refused.value.code == "too_large"
    assert refused.value.message.startswith("This file is 2.0 MB, over the 1 MB limit.")


def test_size_limit_defaults_to_the_setting(settings):
    settings.RESUME_MAX_BYTES = 1000
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_bytes(samples.one_column_pdf())
    assert refused.value.code == "too_large"


def test_a_pdf_just_over_ten_megabytes_is_refused_by_default():
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_bytes(samples.oversized_pdf())
    assert refused.value.code == "too_large"
    assert "over the 10 MB limit" in refused.value.message


def test_upload_refuses_too_many_pages_and_names_the_limit():
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_bytes(samples.multi_page_pdf(pages=3), max_pages=2)
    assert refused.value.code == "too_many_pages"
    assert "3 pages" in refused.value.message and "up to 2 pages" in refused.value.message


def test_page_limit_defaults_to_the_setting(settings):
    settings.RESUME_MAX_PAGES = 2
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_bytes(samples.multi_page_pdf(pages=3))
    assert refused.value.code == "too_many_pages"


def test_reading_stops_between_pages_when_time_runs_out(monkeypatch):
    """A clock that jumps 10 s at every look: the first page is read in time, the second is not."""
    ticks = iter(range(0, 1000, 10))
    monkeypatch.setattr(time, "monotonic", lambda: next(ticks))
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_bytes(samples.multi_page_pdf(pages=3), time_limit=15)
    assert refused.value.code == "timeout"
    assert "15 seconds" in refused.value.message


def test_a_docx_that_unpacks_to_far_more_than_a_resume_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(samples.resume_docx())) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for item in source.infolist():
            bomb.writestr(item, source.read(item.filename))
        bomb.writestr("word/media/padding.bin", b"\0" * (5 * 1024 * 1024))
    data = buffer.getvalue()
    assert len(data) < 100_000
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_bytes(data, max_bytes=100_000)
    assert refused.value.code == "too_large"
    assert "unpacks to more than" in refused.value.message


@pytest.mark.parametrize("data", [b"", b"   \n\t  "])
def test_upload_refuses_an_empty_file(data):
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_bytes(data)
    assert refused.value.code == "empty"


@pytest.mark.parametrize("text", ["", "   \n\t ", "Jane Doe"])
def test_pasted_text_refuses_empty_or_too_short(text):
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_text(text)
    assert refused.value.code == "empty"
    assert "whole resume" in refused.value.message


def test_pasted_text_far_longer_than_a_resume_is_refused():
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_text(samples.NURSE_RESUME * 200)
    assert refused.value.code == "too_large"
    assert "Paste only your resume" in refused.value.message


def test_a_text_file_far_longer_than_a_resume_is_refused():
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_bytes((samples.SALES_RESUME * 300).encode())
    assert refused.value.code == "too_large"
    assert "Upload your resume on its own" in refused.value.message


def test_parse_resume_file_reads_by_content_whatever_the_extension(tmp_path):
    path = tmp_path / "resume.txt"
    path.write_bytes(samples.one_column_pdf())
    resume = parse_resume_file(path)
    assert resume.contact.name == "Maya Patel"
    assert resume.pages == 1


def test_parse_resume_file_refuses_a_missing_file(tmp_path):
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_file(tmp_path / "nowhere.pdf")
    assert refused.value.code == "empty"
    assert "nowhere.pdf" in refused.value.message


# --- Reading order -----------------------------------------------------------------------------

def test_two_column_pdf_reads_the_left_column_then_the_right(pdfs):
    naive = _naive_text(pdfs["two_column"])
    # The sample is only a test of column reading if pdfplumber's row-by-row text mixes the columns.
    assert any("Senior Data Analyst, Farfetch" in line and "SQL and dbt" in line for line in naive.splitlines())

    lines = parse_resume_bytes(pdfs["two_column"]).text.split("\n")
    left = ["EXPERIENCE", "Senior Data Analyst, Farfetch", "Mar 2021 – Present", "weekly revenue dashboard",
            "Wrote dbt models", "Ran A/B tests", "Data Analyst, OutSystems", "Jan 2019 – Feb 2021", "Analysed product usage",
            "Automated the monthly churn report"]
    right = ["SKILLS", "SQL and dbt", "Python and Pandas", "Tableau and Looker", "Statistical analysis", "EDUCATION",
             "MSc Data Science", "University of Lisbon", "LANGUAGES", "Portuguese, English"]
    left_at = [_index(lines, fragment) for fragment in left]
    right_at = [_index(lines, fragment) for fragment in right]
    assert left_at == sorted(left_at) and right_at == sorted(right_at)
    assert max(left_at) < min(right_at)
    # A wrapped bullet is one line again, with nothing from the other column inside it.
    assert "• Built the weekly revenue dashboard in Tableau used by forty regional managers." in lines
    assert _index(lines, "Sofia Martins") < min(left_at)


@pytest.mark.parametrize("side", ["left", "right"])
def test_sidebar_pdf_keeps_sidebar_and_main_column_apart(pdfs, side):
    data = pdfs[f"sidebar_{side}"]
    naive = _naive_text(data).splitlines()
    # Row-by-row reading puts the sidebar's heading beside the name, and its education beside a bullet.
    assert any("CONTACT" in line and "Tomás Herrera" in line for line in naive)
    assert any("BA Graphic Design" in line and "design system in Figma" in line for line in naive)

    lines = parse_resume_bytes(data).text.split("\n")
    sidebar = ["CONTACT", "Madrid, Spain", "tomas.herrera@example.com", "SKILLS", "Figma", "User research", "Prototyping",
               "Design systems", "Usability testing", "BA Graphic Design", "Complutense University of Madrid"]
    main = ["Tomás Herrera", "Product Designer", "PROFILE", "Senior Product Designer, Cabify", "Apr 2020 – Present",
            "redesign of the rider app checkout", "company design system", "Product Designer, BBVA", "onboarding flows",
            "usability testing sessions"]
    sidebar_at = [_index(lines, fragment) for fragment in sidebar]
    main_at = [_index(lines, fragment) for fragment in main]
    assert sidebar_at == sorted(sidebar_at) and main_at == sorted(main_at)
    if side == "left":
        assert max(sidebar_at) < min(main_at)
    else:
        assert max(main_at) < min(sidebar_at)
    assert "• Led the redesign of the rider app checkout, lifting conversion by 9% in an A/B test." in lines


def test_one_column_pdf_keeps_right_aligned_dates_beside_their_job(pdfs):
    lines = parse_resume_bytes(pdfs["one_column"]).text.split("\n")
    assert "Senior Backend Engineer, Stripe\tJan 2021 – Present" in lines
    assert "Backend Engineer, N26\tMar 2018 – Dec 2020" in lines
    assert lines[:3] == [
        "Maya Patel", "Senior Backend Engineer",
        "Berlin, Germany | maya.patel@example.com | +49 30 1234 5678 | linkedin.com/in/mayapatel",
    ]
    assert ("• Led the migration of the ledger service from a monolith to Go microservices on Kubernetes, cutting p99 "
            "latency by 45% while traffic doubled.") in lines


def test_columns_with_their_own_leading_are_still_read_one_after_the_other():
    lines = parse_resume_bytes(samples.unaligned_two_column_pdf()).text.split("\n")
    left_at = [_index(lines, text) for text in ("EXPERIENCE", "Charge Nurse, Toronto General Hospital", "Led a team of 9 nurses",
                                                 "Staff Nurse, Mount Sinai Hospital", "Medical-surgical nursing")]
    right_at = [_index(lines, text) for text in ("CERTIFICATIONS", "BLS, ACLS", "BScN, University of Toronto", "Telemetry",
                                                  "English, Arabic, French")]
    assert left_at == sorted(left_at) and right_at == sorted(right_at) and max(left_at) < min(right_at)
    assert "1" not in lines  # the page number in the footer


def test_dates_in_a_column_left_of_each_entry_stay_on_the_entry_line():
    lines = parse_resume_bytes(samples.dates_left_pdf()).text.split("\n")
    assert "2021–present ML Engineer, Otto Group" in lines
    assert "2014–2018 M.Sc. Computer Science, University of Hamburg" in lines
    assert not any("Page 1" in line for line in lines)


def test_letters_printed_twice_for_bold_are_read_once():
    resume = parse_resume_bytes(samples.fake_bold_pdf())
    assert resume.text.split("\n")[0] == "Noah Williams"
    assert resume.contact.name == "Noah Williams"
    assert [(e.title, e.company) for e in resume.experience] == [("Operations Manager", "Acme Logistics")]


def test_multi_page_pdf_reads_every_page_in_order(pdfs):
    resume = parse_resume_bytes(pdfs["three_pages"])
    assert resume.pages == 3
    assert resume.text.index("Maya Patel") < resume.text.index("Example Company 1") < resume.text.index("Example Company 2")


def _single_column_words(*, dated_every: int = 0) -> list[Word]:
    """Thirty lines of a single column with a ragged right edge; every `dated_every`-th line is a job
    header with its dates right-aligned at the margin."""
    words = []
    for row in range(30):
        top = 100 + row * 14
        x = 50.0
        for col in range(2 + (row * 7) % 9):
            width = 18 + (row * 3 + col * 5) % 30
            words.append(Word(f"r{row}c{col}", x, x + width, top, top + 10, 10))
            x += width + 3
        if dated_every and row % dated_every == 0:
            words += [Word("Jan", 470, 487, top, top + 10, 10), Word("2020", 490, 512, top, top + 10, 10),
                      Word("–", 515, 520, top, top + 10, 10), Word("Present", 523, 560, top, top + 10, 10)]
    return words


@pytest.mark.parametrize("dated_every", [0, 4])
def test_a_single_column_stays_one_block(dated_every):
    """A ragged right edge, or dates right-aligned beside each job, leave white space but are not columns."""
    words = _single_column_words(dated_every=dated_every)
    assert reading_blocks(words, left=0, right=612) == [words]


def test_a_gutter_splits_the_page_into_columns_below_a_full_width_header():
    header = [Word("Jane", 200, 230, 40, 52, 12), Word("Doe", 233, 260, 40, 52, 12),
              Word("jane@example.com", 50, 300, 60, 70, 10), Word("|", 303, 306, 60, 70, 10),
              Word("Berlin", 310, 560, 60, 70, 10)]
    left = [Word(f"left{row}", 50, 280, 100 + row * 14, 110 + row * 14, 10) for row in range(20)]
    right = [Word(f"right{row}", 320, 560, 100 + row * 14, 110 + row * 14, 10) for row in range(12)]
    blocks = reading_blocks(header + left + right, left=0, right=612)
    assert [[w.text for w in block] for block in blocks] == [
        [w.text for w in header], [w.text for w in left], [w.text for w in right],
    ]


def test_docx_reads_a_text_box_once_and_skips_deleted_text():
    lines = parse_resume_bytes(samples.text_box_docx()).text.split("\n")
    assert lines[:2] == ["Grace Liu", "Seattle, WA | grace.liu@example.com | (206) 555-0110"]
    assert sum("grace.liu@example.com" in line for line in lines) == 1
    assert "Ran weekly roadmap reviews." in lines
    assert not any("Cobol" in line for line in lines)


def test_docx_reads_the_page_header_list_bullets_and_table_rows():
    text = parse_resume_bytes(samples.resume_docx(), filename="cv.docx").text
    lines = text.split("\n")
    assert lines[0] == "Jessica M. Rivera, RN, BSN"
    assert "• Provide care for 2–3 critically ill patients per shift." in lines
    assert "St. David's Medical Center, Austin, TX\tJun 2020 – Present" in lines
    assert "BLS\tACLS\tPALS" in lines
    assert lines.index("Registered Nurse, Medical ICU") < lines.index("Staff Nurse, Medical-Surgical Unit")
