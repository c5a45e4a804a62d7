"""The resume reader's child process: a plain `python -B -s -m resumes.reading.sandbox_child`, limited
by the kernel, answering in JSON, with none of this process's secrets."""

import subprocess
import sys
import threading
import time

import pytest

from resumes.reading import ResumeRejected, sandbox
from resumes.reading.sandbox_child import ReadAnswer, ReadJob, ReadLimits
from resumes.tests import hostile, samples

LIMITS = ReadLimits(seconds=10, memory_bytes=512 * 1024 * 1024, max_bytes=10 * 1024 * 1024, max_pages=20)


def test_child_reads_a_job_from_stdin_and_answers_json_on_stdout(tmp_path):
    resume = tmp_path / "resume.pdf"
    resume.write_bytes(samples.one_column_pdf())
    job = ReadJob(mode="file", path=str(resume), filename="resume.pdf", limits=LIMITS)
    done = subprocess.run([sys.executable, "-B", "-s", "-m", "resumes.reading.sandbox_child"],
                          input=job.model_dump_json().encode(), capture_output=True, timeout=60,
                          cwd=sandbox.PROJECT_ROOT, check=False)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    answer = ReadAnswer.model_validate_json(done.stdout)
    assert answer.status == "ok" and answer.kind == "pdf"
    assert len(answer.parsed.skills) > 3


def test_child_answers_a_refusal_with_the_readers_code_and_sentence():
    job = ReadJob(mode="text", text="Ada", limits=LIMITS)
    done = subprocess.run(sandbox.child_command(), input=job.model_dump_json().encode(), capture_output=True,
                          timeout=60, cwd=sandbox.PROJECT_ROOT, check=False)
    answer = ReadAnswer.model_validate_json(done.stdout)
    assert answer.status == "rejected" and answer.code == "empty"
    assert "too short to be a resume" in answer.message


def test_reader_runs_as_a_limited_plain_module_without_our_secrets(monkeypatch, settings):
    monkeypatch.setenv("GEMINI_API_KEY", "never-for-the-reader")
    settings.RESUME_PARSE_SECONDS = 2
    settings.RESUME_PARSE_MEMORY_MB = 400
    seen: dict = {}

    def read():
        with pytest.raises(ResumeRejected), sandbox.file_on_disk(hostile.text_object_flood_pdf(400_000)) as path:
            sandbox.read_resume_file(path)

    reader = threading.Thread(target=read)
    reader.start()
    limited = str(400 * 1024 * 1024)
    deadline = time.monotonic() + 10
    while reader.is_alive() and time.monotonic() < deadline and limited not in seen.get("address_space", ""):
        for child in hostile.reader_children():
            try:
                limits = (child / "limits").read_text().splitlines()
                seen = {"argv": (child / "cmdline").read_bytes().split(b"\0")[:-1],
                        "environ": (child / "environ").read_bytes(),
                        "address_space": next(line for line in limits if line.startswith("Max address space"))}
            except OSError:
                continue
        time.sleep(0.02)
    reader.join(timeout=30)
    assert seen, "no reader child process was seen"
    assert seen["argv"][1:] == [b"-B", b"-s", b"-m", b"resumes.reading.sandbox_child"]
    assert b"never-for-the-reader" not in seen["environ"] and b"DJANGO_SETTINGS_MODULE" not in seen["environ"]
    assert seen["address_space"].split()[3] == limited  # set by the child on itself, before it reads


def test_child_limits_itself_before_reading(tmp_path):
    """Address space, CPU time, open files and written file size, as the child sets them on itself."""
    script = (
        "import resource, json\n"
        "from resumes.reading.sandbox_child import ReadLimits, limit_self\n"
        "limit_self(ReadLimits(seconds=3, memory_bytes=300 * 1024 * 1024, max_bytes=1, max_pages=1))\n"
        "print(json.dumps([resource.getrlimit(r)[0] for r in (resource.RLIMIT_AS, resource.RLIMIT_CPU,"
        " resource.RLIMIT_NOFILE, resource.RLIMIT_FSIZE)]))\n"
    )
    done = subprocess.run([sys.executable, "-B", "-s", "-c", script], capture_output=True, text=True, timeout=60,
                          cwd=sandbox.PROJECT_ROOT, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == f"[{300 * 1024 * 1024}, 5, 64, 0]"
