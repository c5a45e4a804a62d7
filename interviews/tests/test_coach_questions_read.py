"""Questions a hiring manager would ask as written (issue 17, the 60-question reads): a duty is pointed only at an
employer where the candidate did the field's work, a story with the field's people is set only there, a role or a
ward is no employer, a time frame is not a result to split by who did it, and a promotion or a clerk's bullet is not
quoted for a technical job."""

from interviews.coach import phrasing as P
from interviews.coach.facts import Achievement, interview_facts
from interviews.coach.materials import materials_for
from interviews.coach.offline import OfflineCoach
from interviews.coach.plan_evaluation import posting_text
from interviews.coach.schemas import PlanOptions
from resumes.reading import parse_resume_text

STUDENT = """Boris Lichev
Sofia, Bulgaria · boris@example.com · +359 879 665 580

Experience
Test Engineering Intern — Melexis, Sofia
July 2022 – Present
- Wrote test programs in Python for sensor ICs and patched PCBs by soldering
- Prepared PPK and gauge R&R reports for product engineers

Manager — Hotel Phoenix, Kiten
June 2019 – August 2021
- Managed reservations, staff and inventory for a 30-room hotel
- Promoted to front desk lead before hitting 3 months of joining

Education
B.Eng. in Electronics, Technical University of Sofia, 2019 – Present

Skills
C, Python, LabVIEW, Soldering
"""


def _plan():
    resume = parse_resume_text(STUDENT)
    materials = materials_for(resume=resume, job_text=posting_text("junior-embedded-test-engineer"))
    facts = interview_facts(materials.resume, materials.job, materials.match)
    questions = OfflineCoach().plan_questions(resume=materials.resume, job=materials.job, match=materials.match,
                                              options=PlanOptions(count=12)).questions
    return facts, [q.text for q in questions]


def test_a_duty_is_pointed_only_at_employers_where_the_field_s_work_was_done():
    facts, questions = _plan()
    assert facts.field.id == "software" and facts.employers == ["Melexis", "Hotel Phoenix, Kiten"]
    assert facts.field_employers == ["Melexis"]
    assert not any("Hotel Phoenix, Kiten when you did something similar" in q for q in questions)
    assert not any("Hotel Phoenix, Kiten when you disagreed with an engineer" in q for q in questions)


def test_a_promotion_is_not_quoted_as_work_to_walk_through():
    facts, questions = _plan()
    promoted = next(a for a in facts.achievements if a.line.startswith("Promoted"))
    assert not facts.speaks_to_job(promoted)
    assert not any("Promoted to front desk lead" in q for q in questions)


def test_a_bullet_from_another_kind_of_job_is_not_quoted_for_this_one():
    facts, _ = _plan()
    hotel = next(a for a in facts.achievements if a.line.startswith("Managed reservations"))
    test = next(a for a in facts.achievements if a.line.startswith("Wrote test programs"))
    assert facts.speaks_to_job(test) and not facts.speaks_to_job(hotel)


def test_a_role_or_a_ward_read_where_the_employer_belongs_is_no_employer():
    assert P.organisation("Member") == P.organisation("Volunteer") == ""
    assert P.organisation("Medical-surgical unit") == ""
    assert P.organisation("Lutheran Hospital of Pastor Fliedner") == "Lutheran Hospital of Pastor Fliedner"
    assert P.organisation("Parikh Lab") == "Parikh Lab"


def test_a_time_frame_is_not_a_result_to_split_by_who_did_it():
    def achievement(line, figures):
        return Achievement(line=line, role=None, quotable=True, figures=figures, skills=(), named=(), required=())

    assert not achievement("Promoted to senior before hitting 3 months of joining", ("3 months",)).attributable
    assert not achievement("Launched the booking app in 6 weeks", ("6 weeks",)).attributable
    assert achievement("Cut deploy time by 25 minutes", ("25 minutes",)).attributable
    assert achievement("Reduced testing from 5+ hr to 15 min", ("5+ hr", "15 min")).attributable


def test_a_change_to_a_rough_number_is_asked_as_the_change_not_as_its_starting_point():
    """Read in a plan: "how much of the 1.5 hours came down to your own work" for a bullet cutting an update
    "from 1.5 hours to about 10 seconds"."""
    def achievement(line, figures):
        return Achievement(line=line, role=None, quotable=True, figures=figures, skills=(), named=(), required=())

    rough = achievement("Optimized the update of statistics for millions of tables, reducing the update duration from "
                        "1.5 hours to about 10 seconds.", ("1.5 hours", "10 seconds"))
    assert rough.figure_phrase == "the change from 1.5 hours to about 10 seconds" and rough.attributable
    start_only = achievement("Moved the nightly load from 1.5 hours to a few seconds", ("1.5 hours",))
    assert start_only.figure_phrase == "the 1.5 hours" and not start_only.attributable


def test_a_misread_less_than_sign_fails_the_fluency_check():
    from interviews.coach import fluency

    quoted = "You wrote: “Cut the schema by ¿99% and sped retrieval up 4x.” What was the hardest part of it?"
    assert any(p.code == "control" for p in fluency.problems(quoted))
    assert fluency.problems("You wrote: “Cut the schema by 99% and sped retrieval up 4x.” What was the hardest part?") == []


def test_grants_and_cut_off_names_and_roles_listed_as_projects_are_not_asked_about():
    resume = parse_resume_text(STUDENT.replace(
        "Education\nB.Eng. in Electronics, Technical University of Sofia, 2019 – Present",
        "Education\nBtech in Information, Jaypee Institute of\n2017 – 2021"))
    materials = materials_for(resume=resume, job_text=posting_text("junior-embedded-test-engineer"))
    facts = interview_facts(materials.resume, materials.job, materials.match)
    assert facts.studies == []  # "Jaypee Institute of" was cut at a line break: neither it nor its degree is said
    grant = Achievement(line="Research proposal accepted, received guidance and $2400 funding for the project",
                        role=None, quotable=True, figures=("$2400",), skills=(), named=(), required=())
    assert not facts.speaks_to_job(grant)


def test_a_credential_is_no_strength_and_no_question_to_ask():
    from interviews.tests.test_coach_writing import TEACHER_RESUME

    materials = materials_for(resume=parse_resume_text(TEACHER_RESUME), job_text=posting_text("science-teacher-middle-school"))
    questions = OfflineCoach().plan_questions(resume=materials.resume, job=materials.job, match=materials.match,
                                              options=PlanOptions(count=8)).questions
    sheet = OfflineCoach().write_cheatsheet(resume=materials.resume, job=materials.job, match=materials.match,
                                            questions=questions)
    assert "Teaching Certification" not in [s.skill for s in sheet.strengths]
    assert "teaching certification" not in sheet.pitch.lower()
    assert not any("certification" in ask.lower() for ask in sheet.questions_to_ask)


def test_a_credential_is_not_a_skill_an_answer_is_asked_to_name():
    from interviews.coach.schemas import JobInput, PlannedQuestion, TranscriptTurnIn
    from resumes.reading.schemas import JobRequirements, ParsedResume

    job = JobInput(title="Science Teacher", requirements=JobRequirements(
        title="Science Teacher", skills_required=["Teaching Certification", "CPR", "Lesson Planning"]))
    assert job.answerable_skills == ["Lesson Planning"]
    question = PlannedQuestion(kind="behavioral", competency="Teaching", text="Tell me about a lesson you planned.",
                               rationale="")
    answer = "I did the lesson planning for a unit on ecosystems for 120 students, and 74% met the benchmark."
    result = OfflineCoach().score(
        transcript=[TranscriptTurnIn(role="interviewer", text=question.text),
                    TranscriptTurnIn(role="candidate", text=answer, input_mode="typed")],
        questions=[question], resume=ParsedResume(), job=job)
    assert result.metrics.required_skill_coverage == 1.0  # CPR and the licence are not "not heard yet"


def test_a_lean_six_sigma_lead_with_measured_shipping_results_is_not_told_5s_or_kpis_are_missing():
    from interviews.tests.test_coach_writing import WAREHOUSE_RESUME

    materials = materials_for(resume=parse_resume_text(WAREHOUSE_RESUME),
                              job_text=posting_text("warehouse-operations-supervisor"))
    facts = interview_facts(materials.resume, materials.job, materials.match)
    gaps = {gap.skill: gap for gap in [*facts.gaps, *facts.story_gaps]}
    assert not gaps["5S"].clear and "Lean Six Sigma" in gaps["5S"].near
    assert not gaps["KPIs"].clear and "91%" in gaps["KPIs"].near
    questions = OfflineCoach().plan_questions(resume=materials.resume, job=materials.job, match=materials.match,
                                              options=PlanOptions(count=12)).questions
    assert not any("strong KPIs" in q.text or "KPIs, and your resume doesn't" in q.text for q in questions)
    sheet = OfflineCoach().write_cheatsheet(resume=materials.resume, job=materials.job, match=materials.match,
                                            questions=questions)
    assert not any(g.skill in ("5S", "KPIs") and "doesn't" in g.advice for g in sheet.gaps)


def test_the_headline_figure_is_a_result_not_the_time_frame():
    line = "Scaled brand TikTok from 0 to 4,200 followers in under 12 months; achieved 6% organic engagement rate"
    achievement = Achievement(line=line, role=None, quotable=True, figures=("0", "4,200 followers", "12 months", "6%"),
                              skills=(), named=(), required=())
    assert achievement.figure == "6%" and achievement.attributable


def test_a_firm_read_where_the_title_belongs_is_no_title():
    assert P.role_title("Frazee Recruiting Consultants") == ""
    assert P.role_title("Recruiting Consultant") == "Recruiting Consultant"
    assert P.role_title("Systems Engineer") == "Systems Engineer"


def test_a_b_testing_on_the_resume_comes_near_analytical_skills():
    from interviews.coach.facts import _gap

    resume = parse_resume_text("Pat Lee\npat@example.com\n\nExperience\nProduct Manager — Globex\n2019 – Present\n"
                               "- Ran A/B tests on onboarding that lifted activation by 12%\n")
    gap = _gap("Analytical Skills", resume)
    assert not gap.clear and "A/B tests" in gap.near


def test_a_teacher_s_strengths_include_the_teaching_her_titles_show():
    from interviews.tests.test_coach_writing import TEACHER_RESUME

    materials = materials_for(resume=parse_resume_text(TEACHER_RESUME), job_text=posting_text("science-teacher-middle-school"))
    sheet = OfflineCoach().write_cheatsheet(resume=materials.resume, job=materials.job, match=materials.match,
                                            questions=[])
    assert "Teaching" in [strength.skill for strength in sheet.strengths]


def test_a_change_with_a_decimal_is_said_whole():
    line = "Raised on-time shipping from 91% to 98.5% by re-slotting fast movers and adding a pre-load check"
    achievement = Achievement(line=line, role=None, quotable=True, figures=("91%", "98.5%"), skills=(), named=(),
                              required=())
    assert achievement.figure_phrase == "the change from 91% to 98.5%"


def test_a_share_measured_against_a_benchmark_covers_how_it_was_measured():
    from interviews.coach import rubric_points

    answer = ("In my second year only 58% of my sixth graders met the science benchmark. I first asked the students who "
              "struggled what confused them. I rebuilt the labs around one graph skill a week and checked it with exit "
              "tickets. Two years later 74% met the benchmark.")
    reading = rubric_points.read_point("The result behind the line (58%) and how it was measured", answer,
                                       "What was the hardest part of it, and what exactly did you do yourself?")
    assert reading.verdict == rubric_points.COVERED


def test_what_someone_would_do_is_not_praised_as_what_they_did():
    from interviews.coach.schemas import JobInput, PlannedQuestion, TranscriptTurnIn
    from resumes.reading.schemas import ParsedResume

    question = PlannedQuestion(kind="resume", competency="Track record", rationale="",
                               text="About your work at Lincoln Elementary, you wrote: “Taught a science unit.” What "
                                    "was the hardest part of it, and what exactly did you do yourself?")
    answer = ("I'd start by learning the names and what each student already knows: a short pre-assessment in the "
              "first week. Then I would plan the unit backwards from the NGSS standard, with one lab and one field visit.")
    result = OfflineCoach().score(
        transcript=[TranscriptTurnIn(role="interviewer", text=question.text),
                    TranscriptTurnIn(role="candidate", text=answer, input_mode="typed")],
        questions=[question], resume=ParsedResume(), job=JobInput(title="Science Teacher"))
    feedback = result.per_question[0]
    assert not any(item.startswith("Said what you did yourself") for item in feedback.strong)
    assert "You made your own part clear" not in feedback.feedback


def test_a_duty_done_with_a_team_asks_nothing_of_the_team_s_skills():
    from interviews.coach.schemas import JobInput
    from resumes.reading.schemas import JobRequirements

    job = JobInput(title="Senior Product Designer", requirements=JobRequirements(
        skills_required=["Figma"], skills_nice=["Frontend Development", "Design Systems"],
        responsibilities=["Evolve our design system in Figma together with the front-end team"]))
    assert job.asked_skills == ["Figma", "Design Systems"]


def test_a_list_of_tools_is_not_quoted_as_work():
    facts, _ = _plan()
    tools = Achievement(line="Experiences with Scala, Spark, Hadoop, TensorFlow, Keras, Hive and Kubernetes",
                        role=facts.roles[0], quotable=True, figures=(), skills=(), required=("Python",),
                        named=("Scala", "Apache Spark", "Hadoop", "TensorFlow", "Keras", "Apache Hive", "Kubernetes"))
    assert not facts.speaks_to_job(tools)


def test_a_move_is_asked_only_between_roles_read_whole():
    template = """Florence Example
florence@example.net

Experience
current, Cholera Management Programme — Nursing Statisics for Improving Healthcare
2020 – Present
- Cared for patients on the ward

Staff Nurse — Lutheran Hospital
2015 – 2019
- Cared for 8 patients a shift on a medical-surgical unit
"""
    materials = materials_for(resume=parse_resume_text(template), job_text=posting_text("registered-nurse-med-surg"))
    questions = OfflineCoach().plan_questions(resume=materials.resume, job=materials.job, match=materials.match,
                                              options=PlanOptions(count=12)).questions
    assert not any("You moved from" in q.text and "Nursing Statisics" in q.text for q in questions)


def test_a_course_subject_or_a_programme_is_no_project_to_ask_about():
    assert P.project_name("Operating System") == P.project_name("Google Summer of Code") == ""
    assert P.project_name("Hotel Management System") == "Hotel Management System"
    assert P.project_name("Travel Guide Flutter App") == "Travel Guide Flutter App"


def test_a_line_about_growing_a_team_is_no_way_into_a_technical_question():
    from interviews.coach.planning import _TEAM_LINE_RE

    assert _TEAM_LINE_RE.match("Scaled engineering team from 3 to 28 across ML research, platform, and applied AI")
    assert not _TEAM_LINE_RE.match("Designed sparse attention reducing transformer memory footprint by 4.2x")


def test_a_kind_of_school_is_no_employer_and_school_days_are_no_studies_for_a_graduate_job():
    assert P.organisation("High School") == ""
    assert P.organisation("Lincoln High School") == "Lincoln High School"
    resume = parse_resume_text("Kapil Example\nkapil@example.com\n\nEducation\nBTech in Computer Science, Jaypee "
                               "Institute of Information Technology, 2019\nSanskar School, 2015\n")
    materials = materials_for(resume=resume, job_text=posting_text("early-careers-software-engineer"))
    facts = interview_facts(materials.resume, materials.job, materials.match)
    assert all("Sanskar" not in study.school for study in facts.studies)
