"""`make bench` rows for resume reading: our reader against plain pdfplumber on the same PDFs.

For each sample PDF (one column, two columns, sidebar, five pages) the median time per page of
`parse_resume_bytes` (open, words, column detection, structure, skills) is set against
pdfplumber's own `page.extract_text()` over the same bytes (open and read every page), and the
ratio shows what our reading order and structure cost on top.
"""

import io

import pdfplumber

from resumes.parsing import parse_resume_bytes
from resumes.taxonomy import get_taxonomy
from resumes.tests import samples
from saylo.bench import Row, median_seconds

SAMPLES = {
    "one column": samples.one_column_pdf,
    "two columns": samples.two_column_pdf,
    "sidebar": samples.sidebar_pdf,
    "5 pages": lambda: samples.multi_page_pdf(pages=5),
}


def _plain_pdfplumber(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()


def run() -> list[Row]:
    get_taxonomy()  # loaded once per process; not part of any one parse
    rows: list[Row] = []
    for label, build in SAMPLES.items():
        data = build()
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
        ours = median_seconds(lambda data=data: parse_resume_bytes(data, time_limit=60)) / pages
        plain = median_seconds(lambda data=data: _plain_pdfplumber(data)) / pages
        rows += [
            Row("resumes", f"parse_resume_bytes, {label}", ours * 1000, "ms/page", f"{pages} page{'s' if pages > 1 else ''}"),
            Row("resumes", f"pdfplumber extract_text, {label}", plain * 1000, "ms/page", "baseline"),
            Row("resumes", f"ratio, {label}", ours / plain, "×", "ours ÷ baseline"),
        ]
    return rows
