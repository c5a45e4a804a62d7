"""Reading a resume where it can be stopped: a child process with hard time, memory and file limits.

The reader checks its own time limit only between pages, so one hostile page (150,000 tiny glyphs,
400,000 text objects) or a hostile page tree could hold a worker for minutes and gigabytes. Here
the reading runs in a plain child process, `python -B -s -m resumes.reading.sandbox_child`
(no forkserver and no copy of CPython's private multiprocessing code, so a Python upgrade cannot
break reading):

* the job goes to the child as JSON on stdin, the answer comes back as JSON on stdout, both
  checked by the pydantic schemas of `sandbox_child` (`ReadJob`, `ReadAnswer`);
* the child leads a process group of its own: a scanned PDF is read by Tesseract, a child of the child
  (`scan.py`) that inherits its limits, and the whole group is killed when the reading ends or runs out of time;
* the child sets `RLIMIT_AS` (address space, RESUME_PARSE_MEMORY_MB), `RLIMIT_CPU`, `RLIMIT_NOFILE`
  and `RLIMIT_FSIZE` on itself before it reads a byte, so a runaway allocation fails inside the
  child and a child left alone by a dying parent still stops;
* the parent waits at most RESUME_PARSE_SECONDS plus START_GRACE_SECONDS (an interpreter's start)
  and then kills it; the child gets a minimal environment (no keys or passwords of ours);
* the file is read by path, from the upload's own temporary file or a copy this module removes in
  every outcome; the child writes nothing to disk.

Whatever happens in the child, the caller gets a `ParsedResume`, a `ResumeRejected` with a
sentence for the candidate, or `ReaderCrashed` (a bug of ours, logged with the child's traceback).
"""

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from pydantic import ValidationError

from resumes.reading import ResumeRejected
from resumes.reading.sandbox_child import ReadAnswer, ReadJob, ReadLimits
from resumes.reading.schemas import ParsedResume

logger = logging.getLogger("saylo.resumes")

START_GRACE_SECONDS = 2.0  # starting the interpreter and importing the reader, on top of the reading limit
TEMP_PREFIX = "saylo-resume-"
CHILD_MODULE = "resumes.reading.sandbox_child"
PROJECT_ROOT = Path(__file__).resolve().parents[2]  # where `-m resumes.reading.sandbox_child` is found
# All the child's environment: no settings, no keys, no passwords of this process.
CHILD_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "TMPDIR", "TESSDATA_PREFIX")


class ReaderCrashed(Exception):
    """The reader failed on a file it accepted (a bug of ours, not the candidate's file). `kind` is
    what the file was judged to be by its content, so it can be stored as failed and read again."""

    def __init__(self, kind: str, detail: str):
        super().__init__(detail)
        self.kind = kind


@dataclass(frozen=True)
class ReadResult:
    kind: str  # "pdf", "docx" or "txt", judged by content
    parsed: ParsedResume


@dataclass(frozen=True)
class Limits:
    seconds: float
    memory_bytes: int
    max_bytes: int
    max_pages: int
    ocr_pages: int = 0  # a scanned PDF's pages read with OCR (RESUME_OCR_PAGES); 0 refuses scans
    tesseract: str = ""  # the OCR program (TESSERACT_PATH, found on PATH); "" refuses scans

    @classmethod
    def from_settings(cls) -> "Limits":
        from resumes.reading.scan import find_tesseract

        return cls(seconds=float(settings.RESUME_PARSE_SECONDS),
                   memory_bytes=int(settings.RESUME_PARSE_MEMORY_MB) * 1024 * 1024,
                   max_bytes=int(settings.RESUME_MAX_BYTES), max_pages=int(settings.RESUME_MAX_PAGES),
                   ocr_pages=int(settings.RESUME_OCR_PAGES), tesseract=find_tesseract(settings.TESSERACT_PATH))


def read_resume_file(path: str | os.PathLike[str], *, filename: str = "", limits: Limits | None = None) -> ReadResult:
    """Read the resume file at `path` in a limited child process.

    Raises ResumeRejected (every refusal of the reader, plus `timeout` when the child ran out of
    time and `too_large` when it ran out of memory) or ReaderCrashed."""
    return _run(("file", str(path), filename), limits or Limits.from_settings())


def read_resume_text(text: str, *, limits: Limits | None = None) -> ParsedResume:
    """Read pasted resume text in a limited child process (same errors as `read_resume_file`)."""
    return _run(("text", text, ""), limits or Limits.from_settings()).parsed


@contextlib.contextmanager
def file_on_disk(source) -> Iterator[Path]:
    """A path the child can read for `source`: bytes, an uploaded file, or an open file.

    An upload Django already streamed to a temporary file is read where it is; anything else is
    copied in chunks to a temporary file of ours, removed on the way out whatever happens."""
    existing = getattr(source, "temporary_file_path", None)
    if callable(existing):
        yield Path(existing())
        return
    descriptor, name = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=settings.FILE_UPLOAD_TEMP_DIR or None)
    try:
        with open(descriptor, "wb") as handle:
            if isinstance(source, bytes | bytearray | memoryview):
                handle.write(source)
            else:
                if hasattr(source, "seek"):
                    source.seek(0)
                shutil.copyfileobj(getattr(source, "file", source), handle, length=1024 * 1024)
        yield Path(name)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


# --- The parent side --------------------------------------------------------------------------------

def child_command() -> list[str]:
    """The child's command line: this interpreter (the venv's), no .pyc writes (-B), no user site (-s)."""
    return [sys.executable, "-B", "-s", "-m", CHILD_MODULE]


def _child_environment() -> dict[str, str]:
    environment = {name: os.environ[name] for name in CHILD_ENVIRONMENT if name in os.environ}
    environment["PYTHONIOENCODING"] = "utf-8"
    return environment


def _run(job: tuple[str, str, str], limits: Limits) -> ReadResult:
    mode, value, filename = job
    request = ReadJob(mode=mode, path=os.path.abspath(value) if mode == "file" else "", text=value if mode == "text" else "",
                      filename=filename,
                      limits=ReadLimits(seconds=limits.seconds, memory_bytes=limits.memory_bytes,
                                        max_bytes=limits.max_bytes, max_pages=limits.max_pages,
                                        ocr_pages=limits.ocr_pages, tesseract=limits.tesseract))
    started = time.monotonic()
    child = subprocess.Popen(child_command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,  # noqa: S603
                             cwd=PROJECT_ROOT, env=_child_environment(), close_fds=True, start_new_session=True)
    try:
        out, err = child.communicate(request.model_dump_json().encode(), timeout=limits.seconds + START_GRACE_SECONDS)
        timed_out = False
    except subprocess.TimeoutExpired:
        _kill_group(child)
        out, err = child.communicate()
        timed_out = True
    finally:
        _kill_group(child)  # a Tesseract still running when the reader ended or was killed: none left behind
        if child.poll() is None:  # anything raised while waiting (KeyboardInterrupt): no reader left behind
            child.kill()
            child.wait()
    elapsed = time.monotonic() - started
    if timed_out:
        logger.warning("resume reader stopped after %.1f s (limit %g s)", elapsed, limits.seconds)
        raise _timeout(limits.seconds)
    return _outcome(out, err, child.returncode, limits, elapsed)


def _kill_group(child: subprocess.Popen) -> None:
    """Kill the reader's process group (the reader and any OCR program it started)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGKILL)


def _outcome(out: bytes, err: bytes, returncode: int, limits: Limits, elapsed: float) -> ReadResult:
    try:
        answer = ReadAnswer.model_validate_json(out) if out else None
    except ValidationError:
        answer = None
    if answer is None:
        if returncode == -signal.SIGXCPU or (returncode == -signal.SIGKILL and elapsed >= limits.seconds):
            logger.warning("resume reader ran out of CPU time after %.1f s (limit %g s)", elapsed, limits.seconds)
            raise _timeout(limits.seconds)
        # Killed by the kernel, or it died before it could answer (memory the allocator could not even report).
        logger.warning("resume reader died with exit code %s after %.1f s: %s", returncode, elapsed,
                       err.decode("utf-8", "replace")[-2000:])
        raise _out_of_memory(limits.memory_bytes)
    if answer.status == "ok" and answer.parsed is not None:
        return ReadResult(kind=answer.kind, parsed=answer.parsed)
    if answer.status == "rejected":
        raise ResumeRejected(answer.code, answer.message)
    if answer.status == "memory":
        logger.warning("resume reader ran out of memory (limit %d MB)", limits.memory_bytes // 1048576)
        raise _out_of_memory(limits.memory_bytes)
    logger.error("resume reader crashed on an accepted %s file:\n%s", answer.kind, answer.detail)
    raise ReaderCrashed(answer.kind, answer.detail.strip().splitlines()[-1] if answer.detail.strip() else "crash")


def _timeout(seconds: float) -> ResumeRejected:
    return ResumeRejected(
        "timeout",
        f"This file took longer than {seconds:g} second{'' if seconds == 1 else 's'} to read, "
        "which usually means it is very complex or damaged. Export it to PDF again, or paste your resume text instead.",
    )


def _out_of_memory(memory_bytes: int) -> ResumeRejected:
    return ResumeRejected(
        "too_large",
        f"Reading this file needed more than the {memory_bytes // 1048576} MB of memory a resume may use, "
        "which usually means it is very complex or damaged. Export it to PDF again, or paste your resume text instead.",
    )
