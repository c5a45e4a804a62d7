"""Reading a resume where it can be stopped: a child process with a hard time and memory limit.

The reader checks its own time limit only between pages, so one hostile page (150,000 tiny glyphs,
400,000 text objects) or a hostile page tree could hold a web worker for minutes and gigabytes.
Here the reading runs in a child process started from a `forkserver` (which has the parser already
imported, so a child costs milliseconds, not an interpreter start):

* the child sets `RLIMIT_AS` (address space, RESUME_PARSE_MEMORY_MB) and `RLIMIT_CPU` on itself
  before it reads a byte, so a runaway allocation fails inside the child and a child left alone
  by a dying parent still stops;
* the parent waits at most RESUME_PARSE_SECONDS (plus a second to start) and then kills it;
* the file is read by path, from the upload's own temporary file or a copy this module removes in
  every outcome; the child writes nothing to disk.

Whatever happens in the child, the caller gets a `ParsedResume`, a `ResumeRejected` with a
sentence for the candidate, or `ReaderCrashed` (a bug of ours, logged with the child's traceback).
"""

import contextlib
import io
import logging
import multiprocessing
import os
import resource
import shutil
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util
from multiprocessing.context import ForkServerProcess, set_spawning_popen
from pathlib import Path

from django.conf import settings

from resumes.reading import ResumeRejected
from resumes.reading.schemas import ParsedResume

logger = logging.getLogger("saylo.resumes")

START_GRACE_SECONDS = 1.0  # starting the child and sending its answer back, on top of the reading limit
TEMP_PREFIX = "saylo-resume-"

_context_lock = threading.Lock()
_context = None


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

    @classmethod
    def from_settings(cls) -> "Limits":
        return cls(seconds=float(settings.RESUME_PARSE_SECONDS),
                   memory_bytes=int(settings.RESUME_PARSE_MEMORY_MB) * 1024 * 1024,
                   max_bytes=int(settings.RESUME_MAX_BYTES), max_pages=int(settings.RESUME_MAX_PAGES))


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

def _mp_context():
    """One forkserver per process, with the reader imported once so each child starts warm."""
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["resumes.reading.sandbox", "resumes.reading.sandbox_preload"])
            _context = context
        return _context


class _ReaderPopen(popen_forkserver.Popen):
    """Starts a reader without the program's main script. multiprocessing tells every child to import
    `__main__` again (gunicorn's script, manage.py, `python -m pytest`, a bench script) before it runs
    its target; the reader needs none of it, and under a script that imports the LiveKit agents at
    the top that import cost 2.8 s a resume. The same steps as the standard `_launch`, minus those two
    entries of the preparation data."""

    def _launch(self, process_obj):
        prep_data = spawn.get_preparation_data(process_obj._name)
        prep_data.pop("init_main_from_path", None)
        prep_data.pop("init_main_from_name", None)
        buf = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buf)
            reduction.dump(process_obj, buf)
        finally:
            set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)
        parent_w = os.dup(w)  # the parent's sentinel for the child, as the standard Popen keeps
        self.finalizer = util.Finalize(self, util.close_fds, (parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as f:
            f.write(buf.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _ReaderProcess(ForkServerProcess):
    @staticmethod
    def _Popen(process_obj):
        return _ReaderPopen(process_obj)


def _run(job: tuple[str, str, str], limits: Limits) -> ReadResult:
    context = _mp_context()
    receiver, sender = context.Pipe(duplex=False)
    child = _ReaderProcess(target=_child_main, args=(sender, job, limits), daemon=True, name="saylo-resume-reader")
    started = time.monotonic()
    try:
        child.start()
        sender.close()  # the child holds the only writing end now: EOF means it died
        deadline = started + limits.seconds + START_GRACE_SECONDS
        message = None
        try:
            if receiver.poll(max(0.0, deadline - time.monotonic())):
                message = receiver.recv()
        except (EOFError, OSError):
            message = None
    finally:
        if child.is_alive():
            child.kill()
        child.join(timeout=5)
        receiver.close()
        with contextlib.suppress(Exception):
            sender.close()
    elapsed = time.monotonic() - started
    return _outcome(message, child.exitcode, limits, elapsed)


def _outcome(message, exitcode, limits: Limits, elapsed: float) -> ReadResult:
    if message is None:
        if elapsed >= limits.seconds:
            logger.warning("resume reader stopped after %.1f s (limit %g s)", elapsed, limits.seconds)
            raise _timeout(limits.seconds)
        # Killed by the kernel (CPU limit, or memory the allocator could not even report).
        logger.warning("resume reader died with exit code %s after %.1f s", exitcode, elapsed)
        raise _out_of_memory(limits.memory_bytes)
    status = message[0]
    if status == "ok":
        return ReadResult(kind=message[1], parsed=ParsedResume.model_validate(message[2]))
    if status == "rejected":
        raise ResumeRejected(message[1], message[2])
    if status == "memory":
        logger.warning("resume reader ran out of memory (limit %d MB)", limits.memory_bytes // 1048576)
        raise _out_of_memory(limits.memory_bytes)
    logger.error("resume reader crashed on an accepted %s file:\n%s", message[1], message[2])
    raise ReaderCrashed(message[1], message[2].strip().splitlines()[-1] if message[2].strip() else "crash")


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


# --- The child side ---------------------------------------------------------------------------------

def _child_main(sender, job: tuple[str, str, str], limits: Limits) -> None:
    """Runs in the child: limit itself, read, send one message back."""
    _limit_self(limits)
    mode, value, filename = job
    kind = "" if mode == "file" else "txt"
    try:
        from resumes.reading import detect_kind, parse_resume_bytes, parse_resume_text

        if mode == "file":
            with open(value, "rb") as handle:
                data = handle.read(limits.max_bytes + 1)
            kind = detect_kind(data) or ""
            parsed = parse_resume_bytes(data, filename=filename, max_bytes=limits.max_bytes,
                                        max_pages=limits.max_pages, time_limit=limits.seconds)
        else:
            parsed = parse_resume_text(value)
        message = ("ok", kind, parsed.model_dump(mode="json"))
    except ResumeRejected as rejected:
        # The reader reports what a damaged file provokes as "corrupt"; running out of memory is not that.
        memory = _caused_by_memory(rejected)
        message = ("memory",) if memory else ("rejected", rejected.code, rejected.message)
    except MemoryError:
        message = ("memory",)
    except BaseException:  # noqa: BLE001 - reported to the parent, which logs it and keeps the upload
        message = ("crashed", kind, traceback.format_exc(limit=20))
    try:
        sender.send(message)
    except MemoryError:
        sender.send(("memory",))
    finally:
        sender.close()


def _caused_by_memory(error: BaseException) -> bool:
    seen = 0
    while error is not None and seen < 20:
        if isinstance(error, MemoryError):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def _limit_self(limits: Limits) -> None:
    memory = limits.memory_bytes
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(limits.seconds) + 2  # a backstop if the parent is gone: the kernel stops the child
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
