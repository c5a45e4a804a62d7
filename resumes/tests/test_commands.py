"""The parse_resume and match_report management commands, and their JSON contracts."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from resumes.tests import samples

RESUME_KEYS = {"path", "contact", "headline", "sections", "experience", "education", "skills", "pages", "text"}


@pytest.fixture
def files(tmp_path):
    paths = {
        "pdf": tmp_path / "maya.pdf",
        "docx": tmp_path / "jessica.docx",
        "txt": tmp_path / "daniel.txt",
        "exe": tmp_path / "resume.pdf",
        "job": tmp_path / "job.txt",
    }
    paths["pdf"].write_bytes(samples.one_column_pdf())
    paths["docx"].write_bytes(samples.resume_docx())
    paths["txt"].write_text(samples.SALES_RESUME, encoding="utf-8")
    paths["exe"].write_bytes(samples.renamed_exe())
    paths["job"].write_text(samples.SOFTWARE_ENGINEER_JOB["text"], encoding="utf-8")
    return paths


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_parse_resume_json_prints_one_line_per_file_with_the_contract_keys(files):
    output = _run("parse_resume", str(files["pdf"]), str(files["docx"]), str(files["txt"]), "--json")
    rows = [json.loads(line) for line in output.strip().split("\n")]
    assert [row["path"] for row in rows] == [str(files["pdf"]), str(files["docx"]), str(files["txt"])]
    for row in rows:
        assert set(row) >= RESUME_KEYS
        assert set(row["contact"]) >= {"name", "email", "phone", "location", "links"}
        for entry in row["experience"]:
            assert {"title", "company", "dates"} <= set(entry)
        for entry in row["education"]:
            assert {"degree", "institution", "dates"} <= set(entry)
        for skill in row["skills"]:
            assert {"name", "evidence"} <= set(skill)
    maya, jessica, daniel = rows
    assert maya["contact"]["name"] == "Maya Patel" and maya["pages"] == 1
    assert maya["experience"][0] | {"lines": []} == {
        "title": "Senior Backend Engineer", "company": "Stripe", "dates": "Jan 2021 – Present", "start": "2021-01",
        "end": None, "current": True, "lines": [],
    }
    assert jessica["education"] == [
        {"degree": "Bachelor of Science in Nursing", "institution": "The University of Texas at Austin", "dates": "2014 – 2018"}
    ]
    assert daniel["headline"] == "Account Executive | B2B SaaS"
    assert "Salesforce" in [skill["name"] for skill in daniel["skills"]]


def test_parse_resume_prints_a_readable_summary(files):
    output = _run("parse_resume", str(files["pdf"]))
    assert "name:      Maya Patel" in output
    assert "- Senior Backend Engineer at Stripe (Jan 2021 – Present)" in output
    assert "skills:    " in output and "Kubernetes" in output


def test_parse_resume_reports_a_refused_file_and_exits_non_zero_after_reading_the_rest(files):
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 2 files could not be read"):
        call_command("parse_resume", str(files["exe"]), str(files["txt"]), "--json", stdout=out)
    refused, read = [json.loads(line) for line in out.getvalue().strip().split("\n")]
    assert refused == {
        "path": str(files["exe"]),
        "error": "This file is not a PDF or Word document (.docx), whatever its name says. "
                 "Upload your resume as a PDF or .docx, or paste the text instead.",
    }
    assert read["contact"]["name"] == "Daniel Okafor"


def test_parse_resume_reports_a_missing_file(files, tmp_path):
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("parse_resume", str(tmp_path / "gone.pdf"), stdout=out)
    assert "refused: There is no readable file called gone.pdf" in out.getvalue()


def test_match_report_json_has_the_report_keys(files):
    output = _run("match_report", str(files["pdf"]), str(files["job"]), "--json", "--company", "Acme Pay")
    report = json.loads(output)
    # The keys operators rely on stay; new ones are only added.
    assert {"matched", "missing_required", "missing_nice", "coverage", "coverage_explained", "suggestions"} <= set(report)
    assert {"checks", "key_terms_missing"} <= set(report)
    assert report["missing_required"] == []
    assert "Incident Management" in report["missing_nice"]  # on-call is a duty, not a requirement
    assert len(report["suggestions"]) == 3
    assert f"{report['coverage']:g}%" in report["coverage_explained"]
    python = next(match for match in report["matched"] if match["skill"] == "Python")
    assert python["required"] is True and python["evidence"]


def test_match_report_readable_output_names_the_job_from_its_first_line(files):
    output = _run("match_report", str(files["txt"]), str(files["job"]))
    assert output.startswith("Daniel Okafor → Senior Backend Engineer, Payments Platform")
    assert "coverage: " in output and "suggestions:" in output and "  3. " in output


def test_match_report_uses_the_given_title(files):
    report = json.loads(_run("match_report", str(files["txt"]), str(files["job"]), "--json", "--title", "Staff Rust Engineer"))
    assert report["missing_required"][0] == "Rust"  # skills named in the title are required


def test_match_report_refuses_an_unreadable_resume(files):
    out = StringIO()
    with pytest.raises(CommandError, match="whatever its name says"):
        call_command("match_report", str(files["exe"]), str(files["job"]), "--json", stdout=out)
    assert json.loads(out.getvalue())["path"] == str(files["exe"])


def test_match_report_refuses_a_missing_job_file(files, tmp_path):
    with pytest.raises(CommandError, match="Could not read the job posting"):
        call_command("match_report", str(files["txt"]), str(tmp_path / "nope.txt"), stdout=StringIO())
