"""`make bench` rows for resume reading: our reader against plain pdfplumber on the same PDFs.

For each sample PDF (one column, two columns, sidebar, five pages, and the committed moderncv, Awesome-CV,
Deedy and Google Docs fixtures) the median time per page of `parse_resume_bytes` (open, words, column
and label detection, structure, skills) is set against pdfplumber's own `page.extract_text()` over the
same bytes (open and read every page), and the ratio shows what our reading order and structure cost
on top. Times are CPU time of this process, measured in turns (ours, plain, ours, plain…): the machine
is shared, and wall time there measures the neighbours as much as the code. Target: ratio ≤ 1.2.

When the real-resume corpus is present (../shared/corpus/resumes), its accuracy is printed too: the share of
checks read right on the files kept aside from tuning (the figure that counts) and on the whole corpus, and
the CPU time of reading all of it against plain pdfplumber.
"""

import contextlib
import io
import statistics
import time
from collections.abc import Callable

import pdfplumber

from benchmarks.harness import Row
from resumes.reading import ResumeRejected, parse_resume_bytes
from resumes.reading.evaluation import CORPUS_FOLDER, DEFAULT_FOLDER, HELD_OUT, TUNING, evaluate_corpus
from resumes.reading.taxonomy import get_taxonomy
from resumes.tests import samples

SAMPLES: dict[str, Callable[[], bytes]] = {
    "one column": samples.one_column_pdf,
    "two columns": samples.two_column_pdf,
    "sidebar": samples.sidebar_pdf,
    "5 pages": lambda: samples.multi_page_pdf(pages=5),
    "moderncv (2 pages)": lambda: (DEFAULT_FOLDER / "moderncv_classic.pdf").read_bytes(),
    "Awesome-CV": lambda: (DEFAULT_FOLDER / "awesome_cv.pdf").read_bytes(),
    "Deedy": lambda: (DEFAULT_FOLDER / "deedy.pdf").read_bytes(),
    "Google Docs": lambda: (DEFAULT_FOLDER / "google_docs_serif.pdf").read_bytes(),
}
TARGET_RATIO = 1.2


def _plain_pdfplumber(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()


def _cpu_seconds(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def _paired_medians(ours: Callable[[], object], plain: Callable[[], object], *, repeat: int = 9) -> tuple[float, float]:
    ours(), plain()  # warm up: imports, the taxonomy, pdfminer's caches
    ours_times, plain_times = [], []
    for _ in range(repeat):
        ours_times.append(_cpu_seconds(ours))
        plain_times.append(_cpu_seconds(plain))
    return statistics.median(ours_times), statistics.median(plain_times)


def run() -> list[Row]:
    get_taxonomy()  # loaded once per process; not part of any one parse
    rows: list[Row] = []
    for label, build in SAMPLES.items():
        data = build()
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
        ours, plain = _paired_medians(lambda data=data: parse_resume_bytes(data, time_limit=60),
                                      lambda data=data: _plain_pdfplumber(data))
        ratio = ours / plain
        rows += [
            Row("resumes", f"parse_resume_bytes, {label}", ours / pages * 1000, "ms/page",
                f"{pages} page{'s' if pages > 1 else ''}, CPU time"),
            Row("resumes", f"pdfplumber extract_text, {label}", plain / pages * 1000, "ms/page", "baseline"),
            Row("resumes", f"ratio, {label}", ratio, "×",
                f"ours ÷ baseline (target ≤ {TARGET_RATIO:g}{', over' if ratio > TARGET_RATIO else ''})"),
        ]
    return rows + corpus_rows()


def corpus_rows() -> list[Row]:
    """Accuracy on the real-resume corpus (tuning, held-out, whole) and its reading time against pdfplumber."""
    if not CORPUS_FOLDER.is_dir():
        return [Row("resumes", "corpus accuracy", 0, "%", f"skipped: no corpus at {CORPUS_FOLDER}")]
    evaluation = evaluate_corpus(CORPUS_FOLDER)
    rows = []
    for part, label in ((HELD_OUT, "held-out (counts)"), (TUNING, "tuning"), ("all", "whole corpus")):
        score = evaluation.overall(part)
        files = sum(1 for result in evaluation.files if part in ("all", result.part))
        rows.append(Row("resumes", f"corpus fields right, {label}", (score.share or 0) * 100, "%",
                        f"{score.passed}/{score.total} checks, {files} files"))
    documents = [path.read_bytes() for path in sorted(CORPUS_FOLDER.glob("*.pdf"))]
    ours = _cpu_seconds(lambda: [_parse_or_refuse(data) for data in documents])
    plain = _cpu_seconds(lambda: [_plain_pdfplumber(data) for data in documents])
    rows.append(Row("resumes", "ratio, whole corpus", ours / plain, "×",
                    f"{len(documents)} PDFs, {ours:.1f} s against {plain:.1f} s CPU (target ≤ {TARGET_RATIO:g})"))
    return rows



def _parse_or_refuse(data: bytes) -> None:
    with contextlib.suppress(ResumeRejected):  # a refusal still costs its reading time; it is part of the measure
        parse_resume_bytes(data, time_limit=60)
