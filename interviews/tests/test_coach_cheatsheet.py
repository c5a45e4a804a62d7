"""The cheatsheet speaks in the candidate's terms: the opener names the latest real role and employer,
strengths come from experience bullets, gaps are real gaps, "also likely" questions are new ones, and
no line is broken — on resumes read by the real parser and on a misread one."""

import itertools
import re

import pytest

from interviews.coach import evaluation as E
from interviews.coach import phrasing as P
from interviews.coach import text as T
from interviews.coach.offline import OfflineCoach
from interviews.coach.planning import DUPLICATE_SIMILARITY
from interviews.coach.schemas import PlanOptions
from interviews.tests import coach_samples as C
from resumes.reading.schemas import MatchReport
from resumes.tests import samples as S

REAL = {key: (S.RESUMES[key], S.JOBS[key]) for key in S.RESUMES}
REAL["second_backend"] = (C.SECOND_BACKEND_RESUME, S.SOFTWARE_ENGINEER_JOB)
REAL["full_stack"] = (C.FULL_STACK_RESUME, C.FULL_STACK_JOB)


def sheet_for(resume, job, match, count=8):
    coach = OfflineCoach()
    questions = coach.plan_questions(resume=resume, job=job, match=match, options=PlanOptions(count=count)).questions
    return coach.write_cheatsheet(resume=resume, job=job, match=match, questions=questions), questions


@pytest.fixture(scope="module")
def sheets():
    return {key: (*sheet_for(*C.real_materials(text, job)), C.real_materials(text, job)) for key, (text, job) in REAL.items()}


def bullets(resume) -> list[str]:
    return [P.clean_line(line) for entry in resume.experience for line in entry.lines]


def test_the_opener_names_the_latest_real_role_and_employer(sheets):
    expected = {"software_engineer": "Senior Backend Engineer at Stripe", "second_backend": "Backend Engineer at Adyen",
                "full_stack": "Senior Full-Stack Developer at Voyago", "finance": "Barclays",
                "sales": "Account Executive, Mid-Market at Salesforce"}
    for key, words in expected.items():
        sheet, _, _ = sheets[key]
        assert words in sheet.pitch, (key, sheet.pitch)
        assert 2 <= len(re.findall(r"[.!?](?:\s|$)", sheet.pitch)) <= 3


def test_the_opener_of_a_misread_resume_has_no_seams():
    resume = C.misread_resume()
    _, job, _ = C.real_materials(S.SOFTWARE_ENGINEER_RESUME, S.SOFTWARE_ENGINEER_JOB)
    sheet, _ = sheet_for(resume, job, MatchReport(missing_required=["Go"]))
    for bad in ("555", "June 2020", "May 2020", "Present", "Priya Raman", "“"):
        assert bad not in sheet.pitch, sheet.pitch
    assert "Software Developer" in sheet.pitch and "42%" in sheet.pitch
    for prompt in sheet.star_prompts:
        assert not prompt.suggested_story.startswith(("May 2020", "Present"))
        assert T.word_count(prompt.suggested_story) <= 30


def test_strengths_come_from_experience_bullets(sheets):
    for key, (sheet, _, (resume, _, _)) in sheets.items():
        lines = bullets(resume)
        assert sheet.strengths, key
        for strength in sheet.strengths:
            for line in strength.evidence:
                assert line in lines, (key, strength.skill, line)  # not the summary, a heading or the skills list
            if not strength.evidence:
                assert "only lists" in strength.talking_point
        assert not any("years)" in s.talking_point for s in sheet.strengths)


def test_gaps_are_real_gaps(sheets):
    sheet, _, (resume, job, match) = sheets["full_stack"]
    assert {"HTML", "CSS"} <= set(match.missing_required)
    gaps = {g.skill for g in sheet.gaps}
    assert not gaps & {"HTML", "CSS", "JavaScript", "Frontend Development"}
    assert "haven't used HTML" not in " ".join(g.advice for g in sheet.gaps)
    sheet, _, (_, _, match) = sheets["software_engineer"]
    assert {g.skill for g in sheet.gaps} >= {"Incident Management"}


def test_also_likely_questions_are_new_ones(sheets):
    for key, (sheet, questions, (resume, _, _)) in sheets.items():
        assert len(sheet.likely_questions) >= 3, key
        planned = [q.text for q in questions]
        for likely in sheet.likely_questions:
            assert likely not in planned
            assert all(T.similarity(likely, text) < DUPLICATE_SIMILARITY for text in planned), (key, likely)
        for a, b in itertools.combinations(sheet.likely_questions, 2):
            assert T.similarity(a, b) < DUPLICATE_SIMILARITY
        assert E.plan_seams([q.model_copy(update={"text": t}) for q, t in zip(questions, sheet.likely_questions, strict=False)],
                            resume) == []


def test_no_broken_lines(sheets):
    for key, (sheet, _, (resume, job, _)) in sheets.items():
        whole = set(bullets(resume)) | {P.clean_line(line) for line in job.requirements.responsibilities}
        lines = [sheet.pitch, *sheet.questions_to_ask, *(g.advice for g in sheet.gaps),
                 *(s.talking_point for s in sheet.strengths), *(p.prompt for p in sheet.star_prompts)]
        for line in lines:
            assert not re.search(r"(?<!\.)\.\.(?!\.)|\?\.|\.”\.|”\.\s*What", line), (key, line)
            assert not re.search(r"to “\w+ing\b", line), (key, line)  # "where the role is to “developing…”"
            assert not re.search(r"You mention \w+ing\b", line), (key, line)
            assert "…" not in line, (key, line)
            for quoted in re.findall(r"“([^”]+)”", line):
                assert quoted.rstrip(".") in whole, (key, quoted)  # quoted whole, never a piece of a line
