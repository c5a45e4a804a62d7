"""The resume reader's child process: `python -B -s -m resumes.reading.sandbox_child`.

It reads one `ReadJob` (JSON) from stdin, limits itself (address space, CPU time, open files and the
size of any file it could write) before it reads a byte of the resume, and
writes one `ReadAnswer` (JSON) to stdout. It imports no Django and touches no database: the
parent (`resumes.reading.sandbox`) starts it, waits for it at most its wall-clock limit, and turns
the answer into a `ParsedResume` or one of the reader's errors.
"""

import resource
import sys
import traceback
from typing import Literal

from pydantic import BaseModel, Field

from resumes.reading.schemas import ParsedResume

OPEN_FILES = 64  # the reader opens the resume and its own modules; a hostile file opens nothing more
CPU_GRACE_SECONDS = 2  # the kernel's backstop, should the parent be gone before its wall-clock limit


class ReadLimits(BaseModel):
    seconds: float = Field(gt=0)
    memory_bytes: int = Field(gt=0)
    max_bytes: int = Field(gt=0)
    max_pages: int = Field(gt=0)
    ocr_pages: int = Field(default=0, ge=0)  # scanned pages read with OCR; 0: a scan is refused
    tesseract: str = ""  # the OCR program's path, found by the parent ("" when it is not installed)


class ReadJob(BaseModel):
    mode: Literal["file", "text"]
    path: str = ""  # mode "file": the resume on disk, read by path
    text: str = ""  # mode "text": pasted resume text
    filename: str = ""
    limits: ReadLimits


class ReadAnswer(BaseModel):
    status: Literal["ok", "rejected", "memory", "crashed"]
    kind: str = ""  # "pdf", "docx" or "txt", judged by content ("" when it could not be judged)
    parsed: ParsedResume | None = None  # status "ok"
    code: str = ""  # status "rejected": ResumeRejected.code
    message: str = ""  # status "rejected": the sentence for the candidate
    detail: str = ""  # status "crashed": the traceback, for the parent's log


def limit_self(limits: ReadLimits) -> None:
    """Hard limits on this process, set before a byte of the resume is read."""
    _limit(resource.RLIMIT_AS, limits.memory_bytes)
    _limit(resource.RLIMIT_CPU, int(limits.seconds) + CPU_GRACE_SECONDS, hard_extra=1)  # SIGXCPU, then SIGKILL
    _limit(resource.RLIMIT_NOFILE, OPEN_FILES)
    _limit(resource.RLIMIT_FSIZE, 0)  # the reader writes no file; its answer goes to a pipe


def _limit(name: int, value: int, *, hard_extra: int = 0) -> None:
    try:
        _, hard = resource.getrlimit(name)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        ceiling = value + hard_extra if hard == resource.RLIM_INFINITY else min(value + hard_extra, hard)
        resource.setrlimit(name, (value, ceiling))
    except (ValueError, OSError):
        pass  # a limit the platform refuses stays as it was; the parent's wall clock still holds


def read(job: ReadJob) -> ReadAnswer:
    """Read the job's resume; every outcome is an answer, never an exception."""
    from resumes.reading import ResumeRejected, detect_kind, parse_resume_bytes, parse_resume_text
    from resumes.reading.scan import OcrOptions

    kind = "txt" if job.mode == "text" else ""
    try:
        if job.mode == "file":
            with open(job.path, "rb") as handle:
                data = handle.read(job.limits.max_bytes + 1)
            kind = detect_kind(data) or ""
            parsed = parse_resume_bytes(data, filename=job.filename, max_bytes=job.limits.max_bytes,
                                        max_pages=job.limits.max_pages, time_limit=job.limits.seconds,
                                        ocr=OcrOptions(tesseract=job.limits.tesseract, max_pages=job.limits.ocr_pages))
        else:
            parsed = parse_resume_text(job.text)
        return ReadAnswer(status="ok", kind=kind, parsed=parsed)
    except ResumeRejected as rejected:
        # The reader reports what a damaged file provokes as "corrupt"; running out of memory is not that.
        if _caused_by_memory(rejected):
            return ReadAnswer(status="memory", kind=kind)
        return ReadAnswer(status="rejected", kind=kind, code=rejected.code, message=rejected.message)
    except MemoryError:
        return ReadAnswer(status="memory", kind=kind)
    except Exception:  # noqa: BLE001 - reported to the parent, which logs it and keeps the upload
        return ReadAnswer(status="crashed", kind=kind, detail=traceback.format_exc(limit=20))


def _caused_by_memory(error: BaseException | None) -> bool:
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, MemoryError):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def main() -> int:
    job = ReadJob.model_validate_json(sys.stdin.buffer.read())
    limit_self(job.limits)
    answer = read(job)
    try:
        payload = answer.model_dump_json()
    except MemoryError:
        payload = ReadAnswer(status="memory", kind=answer.kind).model_dump_json()
    sys.stdout.write(payload)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
