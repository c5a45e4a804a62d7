"""`make bench` rows for the resume reader's sandbox (resumes/reading/sandbox.py).

* What the child process costs on a normal resume: reading it in-process against reading it in a
  fresh `python -m resumes.reading.sandbox_child` (the ratio is the overhead a candidate waits for,
  now in the task worker, not in the upload's request).
* How fast each hostile file from the security probe is refused at the default limits.
"""

import time

from benchmarks.harness import Row, median_seconds
from resumes.reading import ResumeRejected, parse_resume_bytes
from resumes.reading.sandbox import Limits, file_on_disk, read_resume_file
from resumes.tests import hostile, samples


def _refusal_seconds(data: bytes, limits: Limits) -> tuple[float, str]:
    started = time.monotonic()
    try:
        with file_on_disk(data) as path:
            read_resume_file(path, limits=limits)
        outcome = "read (not refused)"
    except ResumeRejected as rejected:
        outcome = rejected.code
    return time.monotonic() - started, outcome


def run() -> list[Row]:
    limits = Limits.from_settings()
    data = samples.one_column_pdf()

    def sandboxed():
        with file_on_disk(data) as path:
            read_resume_file(path, limits=limits)

    sandboxed()  # the first read loads the files the child imports into the page cache
    inside = median_seconds(lambda: parse_resume_bytes(data, time_limit=60))
    child = median_seconds(sandboxed)
    rows = [
        Row("sandbox", "one-column resume, read in-process", inside * 1000, "ms", "baseline"),
        Row("sandbox", "one-column resume, read in the child", child * 1000, "ms"),
        Row("sandbox", "ratio", child / inside, "×", "child ÷ in-process"),
    ]
    hostile_files = {
        "1M pages (declared)": hostile.page_flood_pdf(),
        "150k glyphs, one page": hostile.glyph_flood_pdf(),
        "400k text objects, one page": hostile.text_object_flood_pdf(),
        "20 pages of 10,000 lines": hostile.line_flood_pdf(),
    }
    hostile_files["1M pages (/Count says 1)"] = hostile_files["1M pages (declared)"].replace(
        b"]/Count 1000000>>", b"]/Count 1      >>", 1)
    for label, pdf in hostile_files.items():
        seconds, outcome = _refusal_seconds(pdf, limits)
        rows.append(Row("sandbox", label, seconds, "s", f"{outcome}; limits {limits.seconds:g} s, "
                                                          f"{limits.memory_bytes // 1048576} MB"))
    return rows
