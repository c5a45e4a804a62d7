"""Scanned resumes (PDF pages that are only images) are read with Tesseract OCR in the reader's sandbox.

The scans are made here from the tests' own rendered resumes (`samples`), never from the corpus. Tesseract is
installed by `scripts/ensure-tesseract` (run by `make test` and CI); only where that script could not install it
(no root, no apt) are these tests skipped, and never in CI.
"""

import io
import os
import time
from pathlib import Path

import pytest
from django.core import checks
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from resumes.checks import check_ocr
from resumes.reading import ResumeRejected, parse_resume_bytes, sandbox
from resumes.reading.doubts import reading_doubts
from resumes.reading.evaluation import make_scan, truth_from_read
from resumes.reading.scan import OcrOptions, find_tesseract, repair_addresses, tidy_ocr_text
from resumes.tests import samples

TESSERACT = find_tesseract()
needs_tesseract = pytest.mark.skipif(
    not TESSERACT and os.environ.get("CI") != "true",
    reason="Tesseract OCR is not installed and scripts/ensure-tesseract could not install it here (it needs apt-get "
           "as root); CI installs it and runs these tests",
)


@pytest.fixture(scope="module")
def maya_scan() -> bytes:
    return make_scan(samples.one_column_pdf(), dpi=200)


def _stray_tesseracts() -> set[int]:
    """Live Tesseract processes left without their reader: orphans, or children of a resume reader."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            name = (stat.parent / "comm").read_text().strip()
            parent = int(fields[1])
            parent_command = Path(f"/proc/{parent}/cmdline").read_bytes() if parent > 1 else b""
        except OSError:
            continue
        if name == "tesseract" and fields[0] != "Z" and (parent == 1 or sandbox.CHILD_MODULE.encode() in parent_command):
            found.add(int(stat.parent.name))
    return found


def test_a_scan_has_no_text_layer_left(maya_scan):
    with pytest.raises(ResumeRejected) as refused:
        parse_resume_bytes(maya_scan, ocr=OcrOptions(tesseract="", max_pages=4))
    assert refused.value.code == "no_text"


@needs_tesseract
def test_scanned_resume_is_read_through_the_sandbox(maya_scan, tmp_path, settings):
    settings.RESUME_PARSE_SECONDS = 20
    path = tmp_path / "scan.pdf"
    path.write_bytes(maya_scan)
    result = sandbox.read_resume_file(path, filename="scan.pdf")
    parsed = result.parsed
    assert result.kind == "pdf" and parsed.scanned_pages == 1 and parsed.pages == 1
    assert parsed.contact.name == "Maya Patel"
    assert parsed.contact.email == "maya.patel@example.com"
    assert ("Senior Backend Engineer", "Stripe") in [(entry.title, entry.company) for entry in parsed.experience]
    assert reading_doubts(parsed) == ["read from a scanned image, so letters, numbers and addresses may be misread"]


@pytest.mark.parametrize("how", ["path", "setting", "off"])
def test_scan_is_refused_with_a_clear_sentence_where_ocr_is_unavailable(maya_scan, tmp_path, settings, monkeypatch, how):
    if how == "path":
        monkeypatch.setenv("PATH", str(tmp_path))  # a PATH without tesseract
    elif how == "setting":
        settings.TESSERACT_PATH = str(tmp_path / "no-tesseract-here")
    else:
        settings.RESUME_OCR_PAGES = 0
    path = tmp_path / "scan.pdf"
    path.write_bytes(maya_scan)
    with pytest.raises(ResumeRejected) as refused:
        sandbox.read_resume_file(path)
    assert refused.value.code == "no_text"
    assert "this server cannot read scans" in refused.value.message
    assert "Paste your resume text instead" in refused.value.message


@needs_tesseract
def test_a_long_scan_is_read_up_to_the_page_cap_and_the_candidate_is_told():
    scan = make_scan(samples.multi_page_pdf(5), dpi=150)
    parsed = parse_resume_bytes(scan, ocr=OcrOptions(tesseract=TESSERACT, max_pages=2), time_limit=60)
    assert parsed.pages == 5 and parsed.scanned_pages == 2
    assert "Example Company 1" in parsed.text and "Example Company 2" not in parsed.text
    assert "only the first 2 of its 5 pages were read" in reading_doubts(parsed)


def _huge_noisy_page() -> bytes:
    """One page of 200 × 200 inches (PDF's largest) holding a picture of noise: as much work for OCR as a page can be."""
    image = Image.frombytes("L", (1500, 1500), os.urandom(1500 * 1500))
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(14_400, 14_400))
    pdf.drawImage(ImageReader(image), 0, 0, width=14_400, height=14_400)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


@needs_tesseract
def test_a_huge_scanned_page_stays_within_the_readers_time_and_memory(tmp_path, settings):
    settings.RESUME_PARSE_SECONDS = 2
    settings.RESUME_PARSE_MEMORY_MB = 512
    path = tmp_path / "huge.pdf"
    path.write_bytes(_huge_noisy_page())
    before = _stray_tesseracts()
    started = time.monotonic()
    with pytest.raises(ResumeRejected) as refused:
        sandbox.read_resume_file(path)
    elapsed = time.monotonic() - started
    assert refused.value.code in {"timeout", "too_large", "no_text"}
    assert elapsed < 2 + sandbox.START_GRACE_SECONDS + 2
    time.sleep(0.2)
    assert _stray_tesseracts() - before == set()  # no OCR left running after the reader was stopped


def test_ocr_text_sets_bullets_icons_and_ai_right_and_leaves_names_and_dates_alone():
    text = "fT EXPERIENCE\ne Built Spark jobs with Al tools\n+ Filed 2 patents\nJava e Python ¢ Scala\nAl Smith"
    assert tidy_ocr_text(text) == (
        "EXPERIENCE\n• Built Spark jobs with AI tools\n• Filed 2 patents\nJava · Python · Scala\nAl Smith")
    header = "Jane Roe\n@ jane@ example.com + +1 (902) 222-2084 + Halifax, Nova Scotia\nDeveloper\tMay 2021 — June 2022"
    assert tidy_ocr_text(header) == (
        "Jane Roe\n· jane@example.com · +1 (902) 222-2084 · Halifax, Nova Scotia\nDeveloper\tMay 2021 — June 2022")


def test_ocr_repairs_email_addresses_only_where_one_reading_is_possible():
    assert repair_addresses("| schur2982Qgmail.com |") == "| schur2982@gmail.com |"  # the at sign read as "Q"
    assert repair_addresses("ivankrylov.mailbox2 @ gmail.com") == "ivankrylov.mailbox2@gmail.com"
    assert repair_addresses("alex@safatlicom | x") == "alex@safatli.com | x"  # a domain has a dot
    assert repair_addresses("jane@gmai1.c0m, jo@yahoo.corn") == "jane@gmail.com, jo@yahoo.com"
    # What could be read either way is left as read: a letter or a digit in the name, a provider made of digits.
    for text in ("Oxnull007@proton.me", "llxs666@163.com", "Engineer @ Google", "Qgmail.com", "jane@acme.co"):
        assert repair_addresses(text) == text


def test_ocr_text_sets_misread_years_dashes_and_small_capital_headings_right():
    text = "WoORK EXPERIENCE\nTutor\tAugust, 2023 —- December 20238\nAnalyst\tOct 201] — Nov 2012\nRoom 20238"
    assert tidy_ocr_text(text) == (
        "WORK EXPERIENCE\nTutor\tAugust, 2023 — December 2023\nAnalyst\tOct 2011 — Nov 2012\nRoom 20238")
    text = "\n" * 8 + "• July 2012 – Ongoing\t@ Sunnyvale, CA\nEngineer @ Acme\nChandigarh University\tAugust 718 – June ’22"
    assert tidy_ocr_text(text).split("\n")[8:] == [
        "• July 2012 – Ongoing\t• Sunnyvale, CA", "Engineer @ Acme", "Chandigarh University\tAugust ’18 – June ’22"]
    assert tidy_ocr_text("WoORK hard, play hard") == "WoORK hard, play hard"  # not a heading: left as read


def test_deploy_check_warns_when_scans_would_be_refused(settings, tmp_path):
    settings.TESSERACT_PATH = str(tmp_path / "no-tesseract-here")
    warnings = check_ocr()
    assert [warning.id for warning in warnings] == ["saylo.W001"]
    assert isinstance(warnings[0], checks.Warning) and "Scanned PDF resumes will be refused" in warnings[0].msg
    settings.RESUME_OCR_PAGES = 0
    assert check_ocr() == []  # off on purpose


def test_the_scan_measure_scores_only_links_written_on_the_page():
    parsed = parse_resume_bytes(samples.one_column_pdf())
    truth = truth_from_read(parsed)
    assert truth["name"] == "Maya Patel" and truth["email"] == "maya.patel@example.com"
    assert {"title": "Senior Backend Engineer", "employer": "Stripe", "start": "2021-01", "end": "present"} in truth["roles"]
    assert all(link in parsed.contact.links for link in truth["links"])


@needs_tesseract
def test_the_scan_measure_reads_a_scan_of_each_pdf_against_its_text_layer(tmp_path):
    from resumes.reading.evaluation import evaluate_scans

    corpus, truth, scans = tmp_path / "corpus", tmp_path / "truth", tmp_path / "scans"
    for folder in (corpus, truth, scans):
        folder.mkdir()
    (corpus / "maya.pdf").write_bytes(samples.one_column_pdf())
    (truth / "maya.json").write_text("{}", encoding="utf-8")
    [result] = evaluate_scans(corpus, truth, scan_folder=scans, ocr=OcrOptions(tesseract=TESSERACT, max_pages=4))
    assert result.scanned == 1 and result.file.part == "tuning" and not result.file.refused
    assert result.file.overall().share >= 0.9
    assert [path.name for path in scans.iterdir()] == ["maya.pdf"]  # made where the caller said, and nowhere else
