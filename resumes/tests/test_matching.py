"""Matching a resume to a job: proof lines, what is missing, coverage with its formula, three suggestions."""

import pytest

from resumes.matching import match_report
from resumes.reading import parse_resume_text
from resumes.reading.jobs import analyse_job
from resumes.reading.schemas import Contact, ExperienceEntry, JobRequirements, ParsedResume, SkillEvidence
from resumes.tests import samples


def _resume(**skills: list[str]) -> ParsedResume:
    """A resume whose skills are given as name=[evidence lines]; the lines also form its one job."""
    lines = [line for evidence in skills.values() for line in evidence]
    return ParsedResume(
        skills=[SkillEvidence(name=name.replace("_", " "), evidence=evidence) for name, evidence in skills.items()],
        experience=[ExperienceEntry(title="Engineer", company="Initech", lines=lines)],
        text="\n".join(lines),
    )


def test_coverage_weighs_required_skills_above_nice_to_haves_and_says_so():
    resume = _resume(Python=["Built billing in Python"], Docker=["Shipped it in Docker"], Go=["Wrote a Go CLI"],
                     Kafka=["Ran Kafka consumers"], Terraform=["Kept infra in Terraform"])
    job = JobRequirements(skills_required=["Python", "Go", "Kafka", "Docker", "Kubernetes"],
                          skills_nice=["Terraform", "gRPC", "Rust"])
    report = match_report(resume=resume, job=job)
    # The required part is 4 of 5 (80%); the one nice-to-have of three closes 0.3 × ⅓ of the 20% left open.
    assert report.coverage == 82.0
    assert report.coverage_explained == (
        "5 required skills: 4 shown in your roles or projects, 1 missing; "
        "3 nice-to-haves: 1 shown in your roles or projects, 2 missing — the required part comes to 80%, and the "
        "nice-to-haves you have raise it to 82%")
    assert report.missing_required == ["Kubernetes"]
    assert report.missing_nice == ["gRPC", "Rust"]
    assert [(m.skill, m.required, m.evidence) for m in report.matched][:2] == [
        ("Python", True, ["Built billing in Python"]), ("Go", True, ["Wrote a Go CLI"]),
    ]


def test_without_nice_to_haves_required_skills_carry_all_the_weight():
    report = match_report(resume=_resume(Python=["Built billing in Python"], Go=["Wrote a Go CLI"]),
                          job=JobRequirements(skills_required=["Python", "Go", "Rust"]))
    assert report.coverage == 67.0
    assert report.coverage_explained == "3 required skills: 2 shown in your roles or projects, 1 missing — weighed together, 67%"


def test_a_job_without_skills_explains_why_there_is_no_coverage():
    report = match_report(resume=_resume(Python=["Python"]), job=JobRequirements(title="Barista"))
    assert report.coverage == 0.0
    assert "names no skills we recognise" in report.coverage_explained
    assert len(report.suggestions) == 3


def test_a_narrower_skill_proves_the_broader_one_the_job_asks_for():
    resume = _resume(PostgreSQL=["Built reporting on Postgres"])
    report = match_report(resume=resume, job=JobRequirements(skills_required=["SQL"]))
    assert [(m.skill, m.evidence) for m in report.matched] == [("SQL", ["Built reporting on Postgres"])]
    assert report.suggestions[0] == (
        "The job asks for SQL by name; your resume shows it only through PostgreSQL ('Built reporting on Postgres'). "
        "Name SQL explicitly so a keyword search finds it."
    )


def test_an_alternative_the_resume_has_excuses_the_other():
    resume = _resume(Python=["Built billing in Python"])
    job = JobRequirements(skills_required=["Python", "Go", "SQL"], skills_alternatives=[["Python", "Go"]])
    report = match_report(resume=resume, job=job)
    assert report.missing_required == ["SQL"]
    assert report.coverage == 50.0
    python = report.matched[0]
    assert (python.skill, python.alternatives) == ("Python", ["Python", "Go"])


def test_suggestions_name_missing_skills_and_quote_thin_evidence():
    resume = _resume(PostgreSQL=["Built reporting on Postgres"], Python=["Wrote 40 Python services for 2M users"])
    job = JobRequirements(skills_required=["Python", "PostgreSQL", "Kubernetes", "AWS"])
    suggestions = match_report(resume=resume, job=job).suggestions
    assert suggestions == [
        "Kubernetes is required and not on your resume: if you have used it, add a line that says where and what you did "
        "with it; if not, prepare to explain how you would learn it.",
        "Your resume shows PostgreSQL only in 'Built reporting on Postgres' — add the scale (users, requests, data volume, "
        "time saved) and the result, because the job requires it.",
        "AWS is also required and missing from your resume: if you have used it, add where and how; if not, prepare an "
        "honest answer about how you would close the gap.",
    ]


def test_missing_skills_are_asked_for_in_words_that_fit_them():
    job = JobRequirements(skills_required=["Communication", "Case Management"])
    report = match_report(resume=_resume(Python=["Python"]), job=job)
    assert report.suggestions[0].startswith("Communication is required and not on your resume: if your work has shown it,")
    assert report.suggestions[1].startswith("Case Management is also required and missing from your resume: if you have done it,")


def test_a_skill_only_in_the_skills_list_gets_a_suggestion_to_show_it_in_a_role():
    resume = parse_resume_text(samples.SOFTWARE_ENGINEER_RESUME)
    job = JobRequirements(skills_required=["Terraform"])
    suggestion = match_report(resume=resume, job=job).suggestions[0]
    assert suggestion.startswith("Your resume lists Terraform only in your skills list ('Infrastructure: Kubernetes, Docker")


def test_a_skill_shown_through_a_product_gets_a_suggestion_to_name_it():
    resume = parse_resume_text(samples.SALES_RESUME)
    suggestions = match_report(resume=resume, job=JobRequirements(skills_required=["CRM"])).suggestions
    assert suggestions[0].startswith("The job asks for CRM by name; your resume shows it only through Salesforce")


def test_a_required_skill_buried_in_an_older_role_is_moved_up():
    resume = ParsedResume(
        skills=[SkillEvidence(name="Kubernetes", evidence=["Ran Kubernetes clusters for 40 services"])],
        experience=[
            ExperienceEntry(title="Engineer", company="Initech", dates="2021 – Present", lines=["Built billing APIs"]),
            ExperienceEntry(title="SRE", company="Globex", dates="2017 – 2020",
                            lines=["Ran Kubernetes clusters for 40 services"]),
        ],
    )
    suggestions = match_report(resume=resume, job=JobRequirements(skills_required=["Kubernetes"])).suggestions
    assert (
        "Move 'Ran Kubernetes clusters for 40 services' up: Kubernetes is required, but your resume first shows it in your "
        "Globex role (2017 – 2020). Mention it in your summary or your most recent role."
    ) in suggestions


def test_years_short_of_the_requirement_are_named():
    resume = _resume(Python=["Built 3 Python services"])
    resume.years_experience = 2.5
    job = JobRequirements(skills_required=["Python"], years_required=5)
    assert any("asks for 5+ years; the dated roles on your resume add up to 2.5" in s
               for s in match_report(resume=resume, job=job).suggestions)


@pytest.mark.parametrize("key", list(samples.RESUMES))
def test_every_sample_pair_gets_exactly_three_distinct_suggestions_every_time(key):
    resume = parse_resume_text(samples.RESUMES[key])
    job = analyse_job(**samples.JOBS[key])
    first = match_report(resume=resume, job=job)
    again = match_report(resume=parse_resume_text(samples.RESUMES[key]), job=analyse_job(**samples.JOBS[key]))
    assert first == again
    assert len(first.suggestions) == 3 and len(set(first.suggestions)) == 3
    assert 0 <= first.coverage <= 100
    for match in first.matched:
        assert match.evidence and all(line in first_text(resume) for line in match.evidence)


def first_text(resume: ParsedResume) -> str:
    return resume.text.replace("\t", "  ")


def test_sample_software_engineer_match():
    resume = parse_resume_text(samples.SOFTWARE_ENGINEER_RESUME)
    report = match_report(resume=resume, job=analyse_job(**samples.SOFTWARE_ENGINEER_JOB))
    # On-call is one of the duties, not the requirements: a nice-to-have.
    assert report.missing_required == []
    assert report.missing_nice == ["Incident Management", "gRPC"]
    assert "8 required skills: 7 shown in your roles or projects, 1 only listed (counting 60%), 0 missing" in (
        report.coverage_explained)
    assert "5+ years of experience: met" in report.coverage_explained
    # SQL is named in the skills list and used in a role through PostgreSQL: the role's line comes first.
    sql = next(m for m in report.matched if m.skill == "SQL")
    assert (sql.strength, sql.evidence[:2]) == ("shown", ["Built reporting on Postgres that replaced manual finance spreadsheets.",
                                                     "Languages: Python, Go, Java, SQL"])


def test_an_empty_resume_still_gets_three_concrete_suggestions():
    report = match_report(resume=ParsedResume(), job=JobRequirements(title="Nurse", skills_required=["BLS"]))
    assert report.missing_required == ["BLS"]
    assert report.coverage == 0.0
    assert len(report.suggestions) == 3
    assert report.suggestions[0].startswith("BLS is required and not on your resume")


# --- How a recruiter weighs a match (issue 17) ---------------------------------------------------------------------

def test_nice_to_haves_raise_a_score_and_never_lower_it():
    resume = _resume(Python=["Built billing in Python"], Go=["Wrote a Go CLI"])
    alone = match_report(resume=resume, job=JobRequirements(skills_required=["Python", "Go"]))
    lacking = match_report(resume=resume, job=JobRequirements(skills_required=["Python", "Go"],
                                                             skills_nice=["Terraform", "gRPC", "Rust", "Kafka"]))
    assert alone.coverage == lacking.coverage == 100.0
    assert "nice-to-haves only raise it" in lacking.coverage_explained


def test_soft_skills_are_left_to_the_interview():
    resume = _resume(Python=["Built billing in Python"])
    report = match_report(resume=resume, job=JobRequirements(skills_required=["Python", "Communication"]))
    assert report.coverage == 100.0
    assert "Communication (a soft skill) left to the interview" in report.coverage_explained
    assert report.missing_required == ["Communication"]  # still named, so the candidate can add it


def test_years_a_resume_gives_no_dates_for_are_not_counted_as_none():
    resume = ParsedResume(skills=[SkillEvidence(name="Python", evidence=["Built billing in Python"])],
                          experience=[ExperienceEntry(title="Engineer", company="Initech", lines=["Built billing in Python"])],
                          text="Built billing in Python")
    report = match_report(resume=resume, job=JobRequirements(skills_required=["Python"], years_required=5))
    years = next(check for check in report.checks if check.kind == "years")
    assert (years.weight, years.status) == (0.0, "missing")
    assert "left out of the coverage" in years.detail
    assert report.coverage == 100.0
    assert "5+ years of experience: not counted" in report.coverage_explained


def test_an_entry_level_job_does_not_count_a_missing_earlier_role_against_a_graduate():
    resume = _resume(Python=["Built a course planner in Python"])
    graduate = JobRequirements(title="Graduate Software Engineer", skills_required=["Python"],
                               role_family="software engineering", seniority="junior")
    senior = graduate.model_copy(update={"title": "Senior Software Engineer", "seniority": "senior"})
    resume.experience[0].title = "Barista"
    assert match_report(resume=resume, job=graduate).coverage == 100.0
    assert match_report(resume=resume, job=senior).coverage == 79.0  # skills 0.55 of 0.55 + role 0.15


def test_years_in_another_kind_of_work_do_not_count_as_this_kind():
    resume = _resume(Python=["Built a course planner in Python"])
    resume.experience[0].title = "Barista"
    resume.years_experience = 8.0
    job = JobRequirements(title="Software Engineer", skills_required=["Python"], role_family="software engineering",
                          years_required=3)
    years = next(check for check in match_report(resume=resume, job=job).checks if check.kind == "years")
    assert (years.status, years.credit) == ("partly", 0.5)
    assert "None of your roles is software engineering work, so they count half" in years.detail


def test_years_weigh_the_same_however_many_skills_a_posting_lists():
    skills = ["Python", "Go", "Kafka", "Docker", "Kubernetes", "Terraform", "Rust", "gRPC", "Redis", "PostgreSQL"]
    resume = _resume(**{skill: [f"Ran {skill} in production"] for skill in skills})
    resume.years_experience = 2.5
    many = match_report(resume=resume, job=JobRequirements(skills_required=skills, years_required=5))
    few = match_report(resume=resume, job=JobRequirements(skills_required=skills[:2], years_required=5))
    # Skills 55%, years 20% of the required part: every skill and half the years is (0.55 + 0.2 × 0.5) ÷ 0.75.
    assert many.coverage == few.coverage == 87.0


def _all_skills_shown() -> ParsedResume:
    return _resume(Python=["Built billing in Python"], Django=["Shipped a Django admin for 40 clinics"])


def test_far_fewer_years_than_the_posting_states_hold_the_match_under_40_and_say_why():
    resume = _all_skills_shown()
    job = JobRequirements(title="Backend Engineer", skills_required=["Python", "Django"], years_required=5)
    resume.experience[0].start = "2025-09"
    resume.years_experience = 1.2
    report = match_report(resume=resume, job=job)
    assert report.coverage == 35.0
    assert report.coverage_explained.startswith(
        "The job asks for 5+ years and your resume shows about 1 year, so the match is held at 35% whatever the skills")
    resume.years_experience = 2.0  # two of five: short, but the years check's partial credit says so
    assert match_report(resume=resume, job=job).coverage > 40
    resume.years_experience = 0.5
    assert match_report(resume=resume, job=job.model_copy(update={"years_required": 2})).coverage > 40  # a junior's few
    resume.experience.append(ExperienceEntry(title="Backend Developer", company="Globex", dates="some years"))
    assert match_report(resume=resume, job=job).coverage > 40  # a role with no dates read may hold the years
    resume.years_experience = None  # no dates read: unsure, so no ceiling
    assert match_report(resume=resume, job=job).coverage == 100.0


def test_a_students_resume_for_a_senior_role_is_held_under_40_and_says_why():
    from resumes.reading.schemas import EducationEntry

    resume = _all_skills_shown()
    resume.education = [EducationEntry(degree="BSc Computer Science", institution="TU Delft", dates="2025 – Present")]
    resume.years_experience = 0.5
    senior = JobRequirements(title="Senior Backend Engineer", skills_required=["Python", "Django"], seniority="senior")
    report = match_report(resume=resume, job=senior)
    assert report.coverage == 35.0
    assert report.coverage_explained.startswith(
        "The posting is for a senior role and your resume is a student's (your BSc Computer Science is still in "
        "progress)")
    assert match_report(resume=resume, job=senior.model_copy(update={"seniority": "mid"})).coverage == 100.0
    resume.years_experience = None  # no dates read: unsure whether the studies are all there is
    assert match_report(resume=resume, job=senior).coverage == 100.0
    resume.years_experience = 0.5
    resume.education.append(EducationEntry(degree="BSc Physics", institution="TU Delft", dates="2018 – 2021"))
    assert match_report(resume=resume, job=senior).coverage == 100.0  # a degree already held: not a student only


def test_another_kind_of_work_is_held_under_40_and_says_why():
    resume = _all_skills_shown()
    resume.experience[0].title = "Lecturer"
    job = JobRequirements(title="Full-Stack Engineer", skills_required=["Python", "Django"],
                          role_family="software engineering", seniority="mid")
    report = match_report(resume=resume, job=job)
    assert report.coverage == 35.0
    assert report.coverage_explained.startswith(
        "The work is of another kind: this job is software engineering work, your role as Lecturer is teaching work, "
        "and none of your roles is software engineering work or close to it")
    resume.experience[0].title = "Barista"  # a kind of work Saylo cannot name: unsure, so no ceiling
    assert match_report(resume=resume, job=job).coverage > 40
    resume.experience[0].title = "Lecturer"
    resume.experience.append(ExperienceEntry(title="Engineering Intern", company="Globex"))  # maybe this kind: unsure
    assert match_report(resume=resume, job=job).coverage > 40
    resume.experience.pop()
    assert match_report(resume=resume, job=job.model_copy(update={"seniority": "junior"})).coverage == 100.0
    two_kinds = job.model_copy(update={"title": "Web Designer & SEO Specialist", "role_family": "marketing"})
    assert match_report(resume=resume, job=two_kinds).coverage > 40  # the posting's kind of work is not clear


def test_a_computer_science_degree_lists_data_structures_and_algorithms():
    from resumes.reading.schemas import EducationEntry

    resume = _resume(Python=["Built a course planner in Python"])
    resume.education = [EducationEntry(degree="Master of Science in Computer Science", institution="USC")]
    job = JobRequirements(skills_required=["Python", "Data Structures & Algorithms"])
    report = match_report(resume=resume, job=job)
    dsa = next(m for m in report.matched if m.skill == "Data Structures & Algorithms")
    assert (dsa.strength, dsa.evidence) == ("listed", ["Master of Science in Computer Science"])
    resume.education = [EducationEntry(degree="Bachelor of Arts in Economics", institution="KIMEP")]
    assert match_report(resume=resume, job=job).missing_required == ["Data Structures & Algorithms"]


@pytest.mark.parametrize("degree, skill", [
    ("Bachelor of Computer Application", "Data Structures & Algorithms"),
    ("Master of Computer Applications", "Data Structures & Algorithms"),
    ("MCA", "Data Structures & Algorithms"),
    ("Honours BSc, Major in Actuarial Science and Statistics", "Statistical Analysis"),
    ("MSc Statistics", "Statistical Analysis"),
])
def test_a_degree_lists_the_core_courses_of_its_field(degree, skill):
    from resumes.reading.schemas import EducationEntry

    resume = _resume(Python=["Built a course planner in Python"])
    resume.education = [EducationEntry(degree=degree, institution="NSCBM College")]
    job = JobRequirements(skills_required=["Python", skill])
    match = next(m for m in match_report(resume=resume, job=job).matched if m.skill == skill)
    assert (match.strength, match.evidence) == ("listed", [degree])
    resume.education = [EducationEntry(degree="Bachelor of Commerce", institution="NSCBM College")]
    assert match_report(resume=resume, job=job).missing_required == [skill]


def test_a_degree_still_in_progress_is_not_yet_held_unless_the_job_is_for_students():
    from resumes.reading.schemas import EducationEntry

    resume = _resume(Python=["Built a course planner in Python"])
    resume.education = [EducationEntry(degree="Bachelor of Science in Computer Science", institution="FAST",
                                       dates="December, 2020 – Present")]
    senior = JobRequirements(skills_required=["Python"], degree_level="bachelor", degree_required=True, seniority="mid")
    degree = next(check for check in match_report(resume=resume, job=senior).checks if check.kind == "degree")
    assert (degree.status, degree.credit) == ("partly", 0.5) and "still in progress" in degree.detail
    graduate = senior.model_copy(update={"seniority": "junior"})
    degree = next(check for check in match_report(resume=resume, job=graduate).checks if check.kind == "degree")
    assert degree.status == "met"


def test_a_skill_named_in_another_form_is_not_a_word_the_resume_does_not_use():
    resume = _resume(Lesson_Planning=["Science Teacher at Aspen Ridge: planned five sections a year"])
    report = match_report(resume=resume, job=JobRequirements(skills_required=["Teaching"], skills_nice=["Kubernetes"]))
    assert report.key_terms_missing == ["Kubernetes"]


def test_a_kind_of_role_no_title_could_be_read_for_is_left_out_not_failed():
    resume = ParsedResume(skills=[SkillEvidence(name="Python", evidence=["Built billing in Python"])],
                          text="Built billing in Python")
    job = JobRequirements(skills_required=["Python"], role_family="software engineering", seniority="senior")
    report = match_report(resume=resume, job=job)
    role = next(check for check in report.checks if check.kind == "role")
    assert role.weight == 0.0 and "No role with a title could be read" in role.detail
    assert report.coverage == 60.0  # the one skill, only listed


def test_a_first_year_student_for_a_job_for_final_year_students_and_graduates_is_held_under_40_and_says_why():
    from resumes.reading.schemas import EducationEntry

    resume = _all_skills_shown()
    resume.education = [EducationEntry(degree="Экономический Университет"),
                        EducationEntry(degree="1 курс бакалавр", dates="2024")]
    job = analyse_job(title="Graduate Software Engineer", company="", text=(
        "Requirements\n- Python and Django\n"
        "For students in the final or penultimate year of a degree in computer science, and recent graduates."))
    assert job.final_years_only and job.seniority == "junior"
    assert match_report(resume=resume, job=job.model_copy(update={"seniority": "mid"})).coverage > 40
    report = match_report(resume=resume, job=job)
    assert report.coverage == 35.0
    assert report.coverage_explained.startswith(
        "The posting is for students in their final years and graduates, and your resume says you are in the first "
        "year of your degree ('1 курс бакалавр 2024')")
    resume.education[1] = EducationEntry(degree="BSc Computer Science (final year)", dates="2022 – Present")
    assert match_report(resume=resume, job=job).coverage > 40
    open_to_all = analyse_job(title="Graduate Software Engineer", company="", text=(
        "Requirements\n- Python and Django\nA structured training plan for your first year."))
    assert not open_to_all.final_years_only


def test_a_role_of_either_kind_a_two_kind_title_names_is_a_role_like_the_job():
    resume = _resume(SEO=["Implemented on-page SEO for client sites"])
    resume.experience[0].title = "Website Designer"
    resume.experience.insert(0, ExperienceEntry(title="Barista", company="Cafe Uno"))
    resume.years_experience = 3.0
    job = JobRequirements(title="Web Designer & SEO Specialist", skills_required=["SEO"], role_family="marketing",
                          years_required=2, seniority="mid")
    report = match_report(resume=resume, job=job)
    role = next(check for check in report.checks if check.kind == "role")
    years = next(check for check in report.checks if check.kind == "years")
    assert (role.label, role.status, role.credit) == ("Experience in marketing or design", "partly", 0.6)
    assert role.detail == "An earlier role of yours, Website Designer, is design work, like this job."
    assert (years.status, years.credit) == ("met", 1.0)  # years of the job's kind count whole
    one_kind = job.model_copy(update={"title": "SEO Specialist"})
    assert next(check for check in match_report(resume=resume, job=one_kind).checks if check.kind == "role").credit == 0


def test_a_skill_named_only_on_a_contact_line_is_quoted_and_proves_what_it_implies():
    contact = "Github: https://github.com/jdoe\tMobile: +1 555 0100"
    resume = _resume(Python=["Built a port scanner in Python"])
    resume.text = f"Jane Doe\n{contact}\n{resume.text}"
    resume.skills.append(SkillEvidence(name="GitHub", evidence=[contact.replace("\t", "  ")]))
    job = JobRequirements(skills_required=["Python", "Git"])
    report = match_report(resume=resume, job=job)
    git = next(m for m in report.matched if m.skill == "Git")
    assert (git.strength, git.via, git.evidence) == ("listed", "GitHub", ["Github: https://github.com/jdoe"])
    resume.skills = [skill for skill in resume.skills if skill.name != "GitHub"]  # removed by the candidate
    assert match_report(resume=resume, job=job).missing_required == ["Git"]


def test_databases_asked_in_general_are_read_and_met_by_any_database_a_project_uses():
    job = analyse_job(title="Graduate Software Engineer", company="", text=(
        "What we're looking for\n- Basic understanding of data structures, databases and version control (Git)"))
    assert "Databases" in job.skills_required
    resume = parse_resume_text(
        "Jane Doe\n\nPROJECTS\nLibrary Loans\n- Designed a MySQL schema in 3NF and wrote 20 SQL queries for reports\n\n"
        "EXPERIENCE\nShop Assistant, Corner Books, 2023 - 2024\n- Kept the customer databases up to date")
    report = match_report(resume=resume, job=job)
    databases = next(m for m in report.matched if m.skill == "Databases")
    assert (databases.strength, databases.via) == ("shown", "MySQL")
    # Keeping a shop's customer databases up to date is data entry, not knowing databases.
    clerk = parse_resume_text("Jane Doe\n\nEXPERIENCE\nShop Assistant, Corner Books, 2023 - 2024\n"
                              "- Kept the customer databases up to date")
    assert "Databases" in match_report(resume=clerk, job=job).missing_required


def test_a_skills_list_no_role_or_project_backs_counts_half():
    job = JobRequirements(skills_required=["HTML", "CSS", "JavaScript"], skills_nice=["React"])
    listed = ["Skills: HTML, CSS, JavaScript"]
    clerk = ParsedResume(
        skills=[SkillEvidence(name=name, evidence=listed) for name in ("HTML", "CSS", "JavaScript")],
        experience=[ExperienceEntry(title="Clerk", company="Initech", lines=["Answered the phones and filed folders"])],
        sections={"skills": listed[0]}, text="Answered the phones and filed folders\n" + listed[0])
    report = match_report(resume=clerk, job=job)
    assert report.coverage == 30.0
    assert report.coverage_explained.startswith(
        "3 required skills: 0 shown in your roles or projects, 3 only listed (counting 30%, since no role or project "
        "shows any of the required skills), 0 missing")
    # One of them used in a role backs the list: the others count as listed skills do.
    clerk.experience[0].lines.append("Rebuilt the office's intranet page in HTML")
    clerk.text += "\nRebuilt the office's intranet page in HTML"
    backed = match_report(resume=clerk, job=job)
    assert backed.coverage == 73.0 and "2 only listed (counting 60%)" in backed.coverage_explained


@pytest.mark.parametrize("name", ["John Doe", "JANE DOE", "Your Name", "Max Mustermann"])
def test_a_resume_under_a_templates_sample_name_is_held_under_40_and_says_why(name):
    resume = _all_skills_shown()
    job = JobRequirements(title="Backend Engineer", skills_required=["Python", "Django"])
    assert match_report(resume=resume, job=job).coverage == 100.0
    resume.contact = Contact(name=name, email="someone@example.com")
    report = match_report(resume=resume, job=job)
    assert report.coverage == 35.0
    assert report.coverage_explained.startswith(
        f"Your resume still carries a template's sample name ('{name}'), which a recruiter reads as the template's "
        "example rather than an application, so the match is held at 35% whatever the skills")


def test_a_real_persons_name_is_not_a_templates_sample():
    resume = _all_skills_shown()
    resume.contact = Contact(name="John Doerr", email="john.doerr@example.com")
    job = JobRequirements(title="Backend Engineer", skills_required=["Python", "Django"])
    assert match_report(resume=resume, job=job).coverage == 100.0


def test_a_student_at_a_university_is_studying_for_a_first_degree():
    from resumes.reading.schemas import EducationEntry

    resume = _all_skills_shown()
    resume.education = [EducationEntry(degree="Student", institution="Technical University of Sofia",
                                       dates="28/09/2019 – Current")]
    graduates = JobRequirements(skills_required=["Python"], degree_level="bachelor", degree_required=True,
                                seniority="junior")
    degree = next(check for check in match_report(resume=resume, job=graduates).checks if check.kind == "degree")
    assert (degree.status, degree.detail) == ("met", (
        "The job asks for a bachelor's degree; you are studying at Technical University of Sofia (28/09/2019 – Current)."))
    experienced = graduates.model_copy(update={"seniority": "mid"})
    degree = next(check for check in match_report(resume=resume, job=experienced).checks if check.kind == "degree")
    assert degree.status == "partly" and "your studies at Technical University of Sofia are still in progress" in degree.detail
    # A school that is not a university, or studies that ended without a degree named, say nothing of one.
    resume.education = [EducationEntry(degree="Student", institution="Geo Milev High School", dates="2015 – Current"),
                        EducationEntry(degree="Student", institution="University of Sofia", dates="2015 – 2016")]
    degree = next(check for check in match_report(resume=resume, job=graduates).checks if check.kind == "degree")
    assert degree.status == "missing"


def test_fault_finding_is_troubleshooting():
    from resumes.reading.taxonomy import get_taxonomy

    assert "Troubleshooting" in get_taxonomy().find_in_line("Soldering, rework and fault-finding on PCBs")
    assert "Troubleshooting" in get_taxonomy().find_in_line("Fault finding on welding machines")


def test_work_done_at_school_is_not_years_in_a_job():
    from resumes.reading.schemas import EducationEntry

    resume = _all_skills_shown()
    resume.experience = [
        ExperienceEntry(title="Data Science Intern", company="Initech", start="2021-05", end="2022-11"),
        ExperienceEntry(title="Research Project Lead", company="School Science Fair", start="2017-06", end="2018-05"),
    ]
    resume.years_experience = 2.7
    resume.education = [EducationEntry(degree="B.S. Computer Science", institution="Georgia Tech", dates="2018 - 2022"),
                        EducationEntry(degree="", institution="Jefferson High School", dates="2014 - 2018")]
    job = JobRequirements(title="Data Scientist", skills_required=["Python"], years_required=2, seniority="mid")
    years = next(check for check in match_report(resume=resume, job=job).checks if check.kind == "years")
    assert (years.status, years.credit) == ("partly", 0.85)
    assert years.detail == ("The job asks for 2+ years; your dated roles add up to 1.7 years (not counting what you "
                            "did while at school).")
    resume.education.pop()  # no school dates: nothing to tell school-age work by
    years = next(check for check in match_report(resume=resume, job=job).checks if check.kind == "years")
    assert years.status == "met"


def test_a_students_resume_for_a_role_asking_years_is_held_under_40_and_says_why():
    from resumes.reading.schemas import EducationEntry

    resume = _all_skills_shown()
    resume.experience[0].start, resume.experience[0].end = "2021-05", "2022-11"
    resume.years_experience = 1.6
    resume.education = [EducationEntry(degree="M.S. Machine Learning", institution="Georgia Tech",
                                       dates="August 2022 - Present"),
                        EducationEntry(degree="B.S. Computer Science", institution="Georgia Tech", dates="2018 - 2022")]
    job = JobRequirements(title="Data Scientist", skills_required=["Python", "Django"], years_required=3, seniority="mid")
    report = match_report(resume=resume, job=job)
    assert report.coverage == 35.0
    assert report.coverage_explained.startswith(
        "The posting is for a role asking 3+ years and your resume is a student's (your M.S. Machine Learning is still "
        "in progress), so the match is held at 35%")
    # Years of work beside the studies (a part-time master's after a career) are not a student's resume.
    resume.years_experience = 6.0
    assert match_report(resume=resume, job=job).coverage > 40
    # Nor is a master's in progress when a master's is already held, or a job for graduates.
    resume.years_experience = 1.6
    resume.education.append(EducationEntry(degree="MSc Statistics", institution="LSE", dates="2016 - 2017"))
    assert match_report(resume=resume, job=job).coverage > 40
    resume.education.pop()
    assert match_report(resume=resume, job=job.model_copy(update={"seniority": "junior"})).coverage > 40
