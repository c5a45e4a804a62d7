"""`make bench` rows for scanned resumes: OCR seconds a page, against reading the same resume's text-layer PDF.

Scans are made here from rendered resumes (the tests' one-column resume and the committed Deedy and moderncv
fixtures) at 200 DPI, then read as a candidate's upload is: `parse_resume_bytes` renders each page with pdfium,
Tesseract reads it (one thread) and the reader lays out the words of Tesseract's TSV. Tesseract runs in a process of its
own, so times here are wall time (median of 3) with CPU time of this process and its children beside it, and the
ratio is against `parse_resume_bytes` on the text-layer PDF in the same run. The last row is the largest memory
a Tesseract child used (its peak resident size): the reader's sandbox limits each process's address space to
RESUME_PARSE_MEMORY_MB.
"""

import resource
import statistics
import time

from django.conf import settings

from benchmarks.harness import Row
from resumes.reading import parse_resume_bytes
from resumes.reading.evaluation import DEFAULT_FOLDER, make_scan
from resumes.reading.scan import DEFAULT_OCR_PAGES, OcrOptions, find_tesseract
from resumes.tests import samples

SCAN_DPI = 200
SAMPLES = {
    "one column": samples.one_column_pdf,
    "Deedy": lambda: (DEFAULT_FOLDER / "deedy.pdf").read_bytes(),
    "moderncv (2 pages)": lambda: (DEFAULT_FOLDER / "moderncv_classic.pdf").read_bytes(),
}


def _median_wall(fn, *, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run() -> list[Row]:
    tesseract = find_tesseract(settings.TESSERACT_PATH)
    if not tesseract:
        return [Row("ocr", "scanned resume", 0, "s/page", "skipped: Tesseract is not installed (scripts/ensure-tesseract)")]
    ocr = OcrOptions(tesseract=tesseract, max_pages=DEFAULT_OCR_PAGES)
    rows = []
    for label, build in SAMPLES.items():
        text_pdf = build()
        scan = make_scan(text_pdf, dpi=SCAN_DPI)
        pages = parse_resume_bytes(scan, ocr=ocr, time_limit=120).scanned_pages  # warm up, and count the pages
        text_seconds = _median_wall(lambda data=text_pdf: parse_resume_bytes(data, time_limit=60))
        cpu = _cpu()
        scan_seconds = _median_wall(lambda data=scan: parse_resume_bytes(data, ocr=ocr, time_limit=120))
        cpu = (_cpu() - cpu) / 3
        rows += [
            Row("ocr", f"scanned resume, {label}", scan_seconds / pages, "s/page",
                f"{pages} page{'s' if pages > 1 else ''} at {SCAN_DPI} DPI, wall time; CPU {cpu / pages:.2f} s/page "
                "with Tesseract"),
            Row("ocr", f"ratio to its text-layer PDF, {label}", scan_seconds / text_seconds, "×",
                f"text-layer PDF read in {text_seconds * 1000 / pages:.0f} ms/page in this run"),
        ]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows.append(Row("ocr", "Tesseract peak memory", peak, "MB",
                    f"largest child's resident size; the sandbox allows {settings.RESUME_PARSE_MEMORY_MB} MB a process"))
    return rows
