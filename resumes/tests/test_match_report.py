"""The match report a recruiter would sign: each defect of issue 11, on real resumes and real postings."""

from functools import cache

import pytest
from django.urls import reverse

from resumes.matching import match_report, rank
from resumes.reading import parse_resume_file, parse_resume_text
from resumes.reading.evaluation import DEFAULT_FOLDER
from resumes.reading.jobs import analyse_job
from resumes.reading.schemas import ExperienceEntry, JobRequirements, ParsedResume, SkillEvidence
from resumes.tests import samples
from resumes.tests.factories import JobFactory, ResumeFactory
from resumes.tests.postings import FULL_STACK_JOB, PRODUCT_MANAGER_JOB


@cache
def fixture(name: str) -> ParsedResume:
    return parse_resume_file(DEFAULT_FOLDER / name, time_limit=60)


@cache
def job(posting: str) -> JobRequirements:
    return analyse_job(**{"full_stack": FULL_STACK_JOB, "product": PRODUCT_MANAGER_JOB}[posting])


def _resume(lines: list[str], skills_line: str = "", dates: str = "2019 – Present") -> ParsedResume:
    text = "\n".join(["EXPERIENCE", f"Engineer — Initech, {dates}", *[f"• {line}" for line in lines],
                      *(["SKILLS", skills_line] if skills_line else [])])
    return parse_resume_text("Jane Okafor\njane@example.com\n\n" + text)


def test_communication_between_systems_does_not_prove_the_soft_skill():
    resume = _resume(["Designed the communication between frontend and backend over GraphQL for 40 screens."])
    report = match_report(resume=resume, job=JobRequirements(skills_required=["Communication", "GraphQL"]))
    assert report.missing_required == ["Communication"]
    assert [m.skill for m in report.matched] == ["GraphQL"]


def test_a_such_as_list_is_one_requirement_met_by_any_of_its_skills():
    report = match_report(resume=fixture("moderncv_classic.pdf"), job=job("full_stack"))
    languages = next(m for m in report.matched if m.alternatives and "Ruby" in m.alternatives)
    assert languages.alternatives == ["Python", "Ruby", "Java", "PHP", ".NET"]
    assert languages.skill in {"Python", "PHP"} and languages.strength == "shown"
    assert not {"Ruby", "Java", ".NET"} & set(report.missing_required)
    assert ".NET" not in " ".join(report.missing_required)


def test_a_sibling_of_the_examples_counts_as_related_and_is_said_so():
    resume = _resume(["Tuned the PostgreSQL reporting schema from 9 s to 300 ms for 12 dashboards."])
    report = match_report(resume=resume, job=job("full_stack"))
    databases = next(m for m in report.matched if m.family == "relational databases")
    assert (databases.strength, databases.via) == ("related", "PostgreSQL")
    assert databases.evidence == ["Tuned the PostgreSQL reporting schema from 9 s to 300 ms for 12 dashboards."]
    assert "MySQL, Oracle Database or SQL Server" not in report.missing_required


def test_a_language_asked_by_name_is_not_met_by_another_language():
    resume = _resume(["Wrote 30 Go services handling 2M requests a day."])
    report = match_report(resume=resume, job=JobRequirements(skills_required=["Rust"]))
    assert report.missing_required == ["Rust"] and report.matched == []


def test_years_and_degree_are_checked_and_shown():
    report = match_report(resume=fixture("moderncv_classic.pdf"), job=job("full_stack"))
    checks = {check.kind: check for check in report.checks}
    assert checks["years"].status == "met" and "your dated roles add up to" in checks["years"].detail
    assert checks["degree"].status == "met"
    assert checks["degree"].detail == ("The job asks for a bachelor's degree in Computer Science; you have MSc in Software "
                                       "Engineering from University of Porto.")
    junior = _resume(["Built 3 React screens for 2 clinics."], dates="Jan 2025 – Present")
    short = {c.kind: c for c in match_report(resume=junior, job=job("full_stack")).checks}
    assert short["degree"].status == "missing" and "It accepts equivalent experience instead" in short["degree"].detail
    assert short["years"].status in ("partly", "missing")


def test_key_terms_are_the_postings_terms_not_filler():
    terms = job("full_stack").key_terms
    assert {"scheduling software", "server-side language"} <= set(terms)
    assert not {"developing", "front", "proficiency", "experience", "ability"} & set(terms)


def test_evidence_is_a_bullet_not_the_skills_list_and_never_a_whole_paragraph():
    resume = fixture("google_docs_serif.pdf")  # its roles are paragraphs of several sentences
    report = match_report(resume=resume, job=job("product"))
    research = next(m for m in report.matched if m.skill == "User Research")
    assert research.evidence[0] == "cut sign-up drop-off by 22% with A/B tests and user research."
    quote = research.quotes[0]
    assert quote.where == "experience" and quote.text[slice(*quote.marks[0])].lower() == "user research"
    react = next(m for m in match_report(resume=fixture("moderncv_classic.pdf"), job=job("full_stack")).matched
                 if m.skill == "React")
    assert react.quotes[0].where == "experience" and not react.evidence[0].startswith("Front end")


def test_listed_only_is_marked_and_weighs_less_than_shown():
    shown = _resume(["Ran Kubernetes for 40 services.", "Wrote the billing jobs in Python."])
    listed = _resume(["Wrote the billing jobs in Python."], skills_line="Kubernetes, Linux")
    job_ = JobRequirements(skills_required=["Kubernetes", "Python"])
    shown_report, listed_report = match_report(resume=shown, job=job_), match_report(resume=listed, job=job_)
    assert shown_report.matched[0].strength == "shown" and listed_report.matched[0].strength == "listed"
    assert shown_report.coverage == 100.0 and listed_report.coverage == 80.0
    assert "1 only listed (counting 60%)" in listed_report.coverage_explained


def test_a_full_stack_developer_outranks_a_product_manager_for_a_full_stack_job():
    names = ["moderncv_classic.pdf", "google_docs_serif.pdf", "moderncv_casual.pdf", "awesome_cv.pdf", "deedy.pdf"]
    ranked = rank([(name, match_report(resume=fixture(name), job=job("full_stack"))) for name in names])
    order = [name for name, _ in ranked]
    assert order[0] == "moderncv_classic.pdf"
    assert order.index("deedy.pdf") < order.index("google_docs_serif.pdf")  # an engineer before the product manager
    by_name = dict(ranked)
    assert by_name["moderncv_classic.pdf"].coverage >= 85 > 30 > by_name["google_docs_serif.pdf"].coverage
    product = rank([(name, match_report(resume=fixture(name), job=job("product"))) for name in names])
    assert product[0][0] == "google_docs_serif.pdf"


def test_a_role_title_shows_what_the_role_was():
    resume = ParsedResume(experience=[ExperienceEntry(title="Senior Product Manager", company="Shopify")],
                          skills=[SkillEvidence(name="SQL")], text="Senior Product Manager")
    report = match_report(resume=resume, job=JobRequirements(skills_required=["Product Management"]))
    assert report.matched[0].skill == "Product Management" and report.matched[0].strength == "shown"


@pytest.mark.parametrize("key", list(samples.RESUMES))
def test_every_quote_is_in_the_resume_and_its_marks_name_the_skill(key):
    resume = parse_resume_text(samples.RESUMES[key])
    report = match_report(resume=resume, job=analyse_job(**samples.JOBS[key]))
    text = resume.text.replace("\t", "  ")
    for match in report.matched:
        for quote in match.quotes:
            assert quote.text in text
            assert all(0 <= start < end <= len(quote.text) for start, end in quote.marks)


# --- Pages --------------------------------------------------------------------------------------------

@pytest.mark.django_db
@pytest.mark.parametrize(("coverage", "dash"), [(0, "0.0 326.7"), (50, "163.4 326.7"), (100, "326.7 326.7")])
def test_the_ring_draws_the_percentage(coverage, dash):
    from resumes.templatetags.resume_tags import ring_dash

    assert ring_dash(coverage) == dash


@pytest.mark.django_db
def test_match_page_marks_the_words_and_says_shown_listed_or_related(client_user, user):
    from resumes.tests.factories import RESUME_TEXT

    parsed = parse_resume_text(RESUME_TEXT)
    resume = ResumeFactory(user=user, text=parsed.text, parsed=parsed.model_dump(mode="json"),
                           skills=[s.model_dump(mode="json") for s in parsed.skills])
    page = client_user.get(reverse("jobs:match", args=[JobFactory(user=user).pk]) + f"?resume={resume.pk}").content.decode()
    assert 'stroke-dasharray="' in page and "coverage-ring" in page
    assert "Built <mark>Python</mark> services on Kubernetes handling 3,000 requests per second." in page
    assert "Built Python services on <mark>Kubernetes</mark> handling 3,000 requests per second." in page
    assert "shown in your experience" in page
    assert '<li class="chip chip-bad">Terraform</li>' in page


@pytest.mark.django_db
def test_job_page_ranks_the_candidates_resumes_in_constant_queries(client_user, user, django_assert_max_num_queries):
    posting = JobFactory(user=user, title=FULL_STACK_JOB["title"], text=FULL_STACK_JOB["text"],
                         requirements=job("full_stack").model_dump(mode="json"))
    for name in ("google_docs_serif.pdf", "moderncv_classic.pdf"):
        parsed = fixture(name)
        ResumeFactory(user=user, name=parsed.contact.name, text=parsed.text, parsed=parsed.model_dump(mode="json"),
                      skills=[s.model_dump(mode="json") for s in parsed.skills], headline=parsed.headline)
    with django_assert_max_num_queries(8):
        page = client_user.get(reverse("jobs:detail", args=[posting.pk])).content.decode()
    ranked = page[page.index("Your resumes for this job"):]
    assert ranked.index("Daniel Okafor") < ranked.index("Marcus Bell")
    for _ in range(5):
        ResumeFactory(user=user)
    with django_assert_max_num_queries(8):
        client_user.get(reverse("jobs:detail", args=[posting.pk]))
