"""Upload a real two-column PDF, see what Saylo read, add a job, open the match report."""

import pytest

from resumes.tests import samples

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_resume_add_job_and_match(page, user, password, tmp_path):
    pdf = tmp_path / "two-column.pdf"
    pdf.write_bytes(samples.two_column_pdf())
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")

    page.get_by_role("link", name="Upload resume").first.click()
    page.locator("#id_file").set_input_files(str(pdf))
    page.get_by_role("button", name="Upload and read").click()
    page.wait_for_url("**/resumes/*/")
    page.get_by_role("heading", name="Skills").wait_for()
    skills = page.locator(".skill-list strong").all_inner_texts()
    assert len(skills) >= 3

    job = samples.JOBS["software_engineer"]
    page.goto("/jobs/new/")
    page.get_by_label("Title").fill(job["title"])
    page.get_by_label("Company").fill(job["company"])
    page.get_by_label("Job posting").fill(job["text"])
    page.get_by_role("button", name="Save and analyse").click()
    page.get_by_role("heading", name="Required skills").wait_for()

    page.get_by_role("link", name="Match with my resume").click()
    page.get_by_role("heading", name="Proven by your resume").wait_for()
    assert "coverage" in page.locator("#coverage-title").inner_text()
    assert page.locator("#report ol li").count() == 3  # three concrete suggestions
    assert page.js_errors == []


def _sign_in(page, user, password):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(user.email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")


def test_upload_a_moderncv_resume_and_correct_a_role_in_place(page, user, password):
    from resumes.reading.evaluation import DEFAULT_FOLDER

    _sign_in(page, user, password)
    page.goto("/resumes/")
    page.locator("#id_file").set_input_files(str(DEFAULT_FOLDER / "moderncv_classic.pdf"))
    page.get_by_role("button", name="Upload and read").click()
    page.wait_for_url("**/resumes/*/")
    assert page.get_by_role("heading", level=1).inner_text() == "Daniel Okafor — Full-Stack Developer"
    roles = page.locator("#experience .entry-head strong").all_inner_texts()
    assert roles == ["Senior Full-Stack Developer", "Software Developer", "Junior Web Developer", "Web Development Intern"]

    page.locator("#role-1").get_by_role("link", name="Edit").click()
    page.get_by_label("Job title").fill("Backend Developer")
    page.get_by_role("button", name="Save role").click()
    page.locator("#experience .entry-head strong", has_text="Backend Developer").wait_for()
    assert "/resumes/" in page.url and "edit=" not in page.url  # swapped in place, no page load

    page.get_by_role("link", name="Rename").click()
    page.get_by_label("Name of this resume").fill("Daniel — backend applications")
    page.get_by_role("button", name="Save name").click()
    page.get_by_role("heading", name="Daniel — backend applications").wait_for()
    page.reload()
    assert "Backend Developer" in page.locator("#experience").inner_text()
    assert page.js_errors == []


def test_the_resume_page_waits_for_the_worker_and_shows_what_it_read(page, user, password, tmp_path, settings):
    """With a real queue: the upload answers at once with "Reading your resume…", and the page updates by
    itself (htmx polls each second) once a worker has read it."""
    from django.core.management import call_command
    from django_tasks import task_backends

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert type(task_backends["default"]).__name__ == "DatabaseBackend"
    pdf = tmp_path / "resume.pdf"
    pdf.write_bytes(samples.one_column_pdf())
    _sign_in(page, user, password)
    page.goto("/resumes/")
    page.locator("#id_file").set_input_files(str(pdf))
    page.get_by_role("button", name="Upload and read").click()
    page.wait_for_url("**/resumes/*/")
    page.get_by_text("Reading your resume…").wait_for()
    assert page.get_by_role("link", name="Check again").count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0.1", verbosity=0)

    page.get_by_role("heading", name="Skills").wait_for()
    assert page.get_by_text("Reading your resume…").count() == 0
    assert len(page.locator(".skill-list strong").all_inner_texts()) >= 3
    assert page.js_errors == []
