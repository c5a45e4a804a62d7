"""`manage.py check --deploy`: say when scanned resumes will be refused because OCR is off on this server."""

from django.conf import settings
from django.core import checks

from resumes.reading.scan import find_tesseract


@checks.register(checks.Tags.compatibility, deploy=True)
def check_ocr(app_configs=None, **kwargs):
    """A warning, not an error: text PDFs, .docx and pasted text are read without OCR; only scans are refused."""
    if int(settings.RESUME_OCR_PAGES) <= 0:
        return []  # turned off on purpose
    if find_tesseract(settings.TESSERACT_PATH):
        return []
    return [checks.Warning(
        f"Scanned PDF resumes will be refused: Tesseract OCR is not found (TESSERACT_PATH={settings.TESSERACT_PATH!r}).",
        hint="Install Debian's tesseract-ocr and tesseract-ocr-eng (scripts/ensure-tesseract) on the task workers, "
             "or set RESUME_OCR_PAGES=0 to refuse scans on purpose.",
        id="saylo.W001",
    )]
