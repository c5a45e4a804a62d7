"""Resume and job pages: what changed, for normal and HTMX requests, and 404 for everyone else."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from resumes.models import JobDescription, Resume
from resumes.tests.factories import JOB_TEXT, RESUME_TEXT, JobFactory, ResumeFactory
from saylo.tests.html import parse, text

pytestmark = pytest.mark.django_db

LONG_RESUME = RESUME_TEXT + "\nPROJECTS\nQueue Doctor — finds stuck Celery tasks; used by 40 teams.\n"


def test_paste_resume_stores_and_reads_it(client_user, user, run_work):
    with run_work():
        response = client_user.post(reverse("resumes:paste"), {"title": "My CV", "text": LONG_RESUME})
    resume = Resume.objects.get(user=user)
    assert response.url == reverse("resumes:detail", args=[resume.pk])
    assert resume.kind == Resume.Kind.PASTED and resume.original_filename == "My CV"
    assert {"Python", "PostgreSQL", "Kubernetes"} <= {s["name"] for s in resume.skills}


def test_paste_same_text_twice_is_stored_once(client_user, user):
    client_user.post(reverse("resumes:paste"), {"text": LONG_RESUME})
    response = client_user.post(reverse("resumes:paste"), {"text": LONG_RESUME}, follow=True)
    assert Resume.objects.filter(user=user).count() == 1
    assert "Nothing was stored twice" in response.content.decode()


def test_paste_too_short_shows_error_htmx(client_user, user, htmx_headers):
    response = client_user.post(reverse("resumes:paste"), {"text": "Python developer"}, **htmx_headers)
    body = response.content.decode()
    assert response.status_code == 200 and 'id="paste-form"' in body and "<html" not in body
    assert "too short to be a resume" in body
    assert not Resume.objects.exists()


def test_paste_of_a_job_posting_is_refused_with_the_reason(client_user, user, htmx_headers, run_work):
    from resumes.tests.samples import SOFTWARE_ENGINEER_JOB

    with run_work():
        response = client_user.post(reverse("resumes:paste"), {"text": SOFTWARE_ENGINEER_JOB["text"]}, **htmx_headers)
    resume = Resume.objects.get(user=user)
    assert response.headers["HX-Redirect"] == reverse("resumes:detail", args=[resume.pk])
    assert resume.parse_status == Resume.Status.FAILED
    body = client_user.get(reverse("resumes:detail", args=[resume.pk])).content.decode()
    assert "This reads like a job posting, not a resume" in body and "Add it under Jobs instead" in body


def test_paste_answers_at_once_and_the_worker_reads_it(client_user, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as queued:
        client_user.post(reverse("resumes:paste"), {"title": "My CV", "text": LONG_RESUME})
    resume = Resume.objects.get(user=user)
    assert resume.is_reading and resume.skills == [] and len(queued) == 1
    queued[0]()
    resume.refresh_from_db()
    assert resume.is_usable and {"Python", "PostgreSQL"} <= {s["name"] for s in resume.skills}


def test_upload_without_file_shows_error(client_user, user):
    response = client_user.post(reverse("resumes:upload"), {})
    assert "Choose a PDF or Word file to upload." in response.content.decode()
    assert not Resume.objects.exists()


def test_detail_shows_what_saylo_understood(client_user, user):
    resume = ResumeFactory(user=user)
    page = text(parse(client_user.get(reverse("resumes:detail", args=[resume.pk])).content))
    # Each skill with the line that names it (its words marked on the page).
    assert "Kubernetes" in page and "Built Python services on Kubernetes" in page
    assert "Backend Engineer" in page


def test_headline_edit_normal_and_htmx(client_user, user, htmx_headers):
    resume = ResumeFactory(user=user)
    client_user.post(reverse("resumes:headline", args=[resume.pk]), {"headline": "Staff Engineer"})
    resume.refresh_from_db()
    assert resume.headline == "Staff Engineer"
    response = client_user.post(reverse("resumes:headline", args=[resume.pk]), {"headline": "Principal"}, **htmx_headers)
    assert 'id="headline-form"' in response.content.decode() and "Saved" in response.content.decode()
    resume.refresh_from_db()
    assert resume.headline == "Principal"


def test_add_skill_canonicalises_and_finds_evidence(client_user, user, htmx_headers):
    resume = ResumeFactory(user=user, skills=[])
    response = client_user.post(reverse("resumes:skill_add", args=[resume.pk]), {"name": "k8s"}, **htmx_headers)
    assert 'id="skills"' in response.content.decode()
    resume.refresh_from_db()
    added = resume.skills[0]
    assert added["name"] == "Kubernetes" and any("Kubernetes" in line for line in added["evidence"])


def test_add_duplicate_skill_is_refused(client_user, user, htmx_headers):
    resume = ResumeFactory(user=user)
    response = client_user.post(reverse("resumes:skill_add", args=[resume.pk]), {"name": "python"}, **htmx_headers)
    assert "Python is already in your skills." in response.content.decode()
    resume.refresh_from_db()
    assert [s["name"] for s in resume.skills].count("Python") == 1


def test_remove_skill(client_user, user):
    resume = ResumeFactory(user=user)
    client_user.post(reverse("resumes:skill_remove", args=[resume.pk]), {"name": "Docker"})
    resume.refresh_from_db()
    assert "Docker" not in [s["name"] for s in resume.skills]


def test_download_streams_the_file_to_its_owner(client_user, user):
    resume = ResumeFactory(user=user, kind=Resume.Kind.PDF, original_filename="Ada CV.pdf")
    resume.file.save("x.pdf", ContentFile(b"%PDF-1.4 hello"), save=True)
    response = client_user.get(reverse("resumes:download", args=[resume.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 hello"
    assert 'filename="Ada CV.pdf"' in response["Content-Disposition"] and response["Content-Type"] == "application/pdf"


def test_pasted_resume_has_no_download(client_user, user):
    resume = ResumeFactory(user=user)
    assert client_user.get(reverse("resumes:download", args=[resume.pk])).status_code == 404


def test_delete_removes_row_and_file(client_user, user, _private_storage, django_capture_on_commit_callbacks):
    resume = ResumeFactory(user=user, kind=Resume.Kind.PDF)
    resume.file.save("x.pdf", ContentFile(b"%PDF-1.4 hello"), save=True)
    path = _private_storage / resume.file.name
    assert "Delete" in client_user.get(reverse("resumes:delete", args=[resume.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client_user.post(reverse("resumes:delete", args=[resume.pk]))
    assert not Resume.objects.exists() and not path.exists()


@pytest.mark.parametrize("name, method", [("detail", "get"), ("download", "get"), ("delete", "get"), ("delete", "post"),
                                          ("headline", "post"), ("skill_add", "post"), ("skill_remove", "post")])
def test_other_users_get_404_on_resume_urls(client_user, other_user, name, method):
    theirs = ResumeFactory(user=other_user, kind=Resume.Kind.PDF)
    theirs.file.save("x.pdf", ContentFile(b"%PDF-1.4"), save=True)
    response = getattr(client_user, method)(reverse(f"resumes:{name}", args=[theirs.pk]), {"name": "Python", "headline": "x"})
    assert response.status_code == 404
    assert Resume.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("name, method", [("detail", "get"), ("edit", "get"), ("edit", "post"), ("delete", "get"),
                                          ("delete", "post"), ("match", "get")])
def test_other_users_get_404_on_job_urls(client_user, other_user, name, method):
    theirs = JobFactory(user=other_user)
    response = getattr(client_user, method)(reverse(f"jobs:{name}", args=[theirs.pk]))
    assert response.status_code == 404
    assert JobDescription.objects.filter(pk=theirs.pk).exists()


def test_match_with_another_users_resume_is_404(client_user, user, other_user):
    job, theirs = JobFactory(user=user), ResumeFactory(user=other_user)
    assert client_user.get(reverse("jobs:match", args=[job.pk]), {"resume": theirs.pk}).status_code == 404


def test_job_create_analyses_posting(client_user, user):
    response = client_user.post(reverse("jobs:create"), {"title": "Senior Backend Engineer", "company": "Northwind",
                                                          "url": "https://example.com/job", "text": JOB_TEXT * 2})
    job = JobDescription.objects.get(user=user)
    assert response.url == reverse("jobs:detail", args=[job.pk])
    assert "Python" in job.requirements["skills_required"] and job.url == "https://example.com/job"


def test_job_create_empty_form_shows_errors(client_user, user):
    body = client_user.post(reverse("jobs:create"), {"title": "", "text": ""}).content.decode()
    assert "Give the job a title." in body and "Paste the job posting" in body
    assert not JobDescription.objects.exists()


def test_job_edit_and_delete(client_user, user):
    job = JobFactory(user=user)
    client_user.post(reverse("jobs:edit", args=[job.pk]), {"title": "Staff Engineer", "company": "Globex", "url": "",
                                                           "text": JOB_TEXT * 2})
    job.refresh_from_db()
    assert (job.title, job.company) == ("Staff Engineer", "Globex")
    client_user.post(reverse("jobs:delete", args=[job.pk]))
    assert not JobDescription.objects.exists()


def test_match_page_shows_report(client_user, user):
    resume, job = ResumeFactory(user=user), JobFactory(user=user)
    body = client_user.get(reverse("jobs:match", args=[job.pk]), {"resume": resume.pk}).content.decode()
    assert "coverage" in body and "Terraform" in body


def test_match_page_htmx_returns_the_report_partial(client_user, user, htmx_headers):
    resume, job = ResumeFactory(user=user), JobFactory(user=user)
    body = client_user.get(reverse("jobs:match", args=[job.pk]), {"resume": resume.pk}, **htmx_headers).content.decode()
    assert body.lstrip().startswith('<div id="report">')


def test_match_without_resume_sends_to_upload(client_user, user):
    job = JobFactory(user=user)
    assert client_user.get(reverse("jobs:match", args=[job.pk])).url == reverse("resumes:list")


@pytest.mark.parametrize("url_name, factory", [("resumes:list", ResumeFactory), ("jobs:list", JobFactory)])
def test_list_query_count_is_constant(client_user, user, url_name, factory, django_assert_max_num_queries):
    # Session, user, the count and the page (and one to spare).
    factory(user=user)
    with django_assert_max_num_queries(5):
        client_user.get(reverse(url_name))
    for _ in range(20):
        factory(user=user)
    with django_assert_max_num_queries(5):
        response = client_user.get(reverse(url_name))
    assert response.status_code == 200


def test_match_with_a_resume_still_being_read_says_so(client_user, user):
    from resumes import services

    resume = services.resume_paste(user=user, text=LONG_RESUME).resume  # queued, not read
    response = client_user.get(reverse("jobs:match", args=[JobFactory(user=user).pk]), {"resume": resume.pk}, follow=True)
    body = response.content.decode()
    assert "Saylo is still reading that resume" in body and "could not be read" not in body


def test_detail_marks_a_role_with_no_employer_as_unsure_and_a_correction_clears_it(client_user, user):
    from resumes import services
    from resumes.reading import parse_resume_text
    from resumes.reading.schemas import ExperienceEntry

    parsed = parse_resume_text(
        "Ada Example\nada@example.com\n\nEXPERIENCE\nBackend Engineer\tJan 2020 – Present\n• Built Python services.\n"
    )
    resume = ResumeFactory(user=user, text=parsed.text, parsed=parsed.model_dump(mode="json"))
    url = reverse("resumes:detail", args=[resume.pk])

    body = client_user.get(url).content.decode()
    assert "unsure</span> employer not found" in body

    services.resume_role_save(resume=resume, index=0, role=ExperienceEntry(
        title="Backend Engineer", company="Acme", dates="Jan 2020 – Present", start="2020-01", current=True))
    assert "employer not found" not in client_user.get(url).content.decode()
