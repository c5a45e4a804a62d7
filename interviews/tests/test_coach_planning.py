"""Questions an interviewer would ask: names said as a person says them, no pasted paragraphs, the
strongest results and proven skills first, real technical questions, real gaps only, and a plan
built from each candidate's own resume — checked on resumes read by the real parser."""

import itertools
import re
from pathlib import Path

import pytest

from interviews.coach import evaluation as E
from interviews.coach import phrasing as P
from interviews.coach import question_bank as B
from interviews.coach import text as T
from interviews.coach.facts import candidate_facts
from interviews.coach.offline import OfflineCoach
from interviews.coach.schemas import PlanOptions
from interviews.tests import coach_samples as C
from resumes.reading.schemas import MatchReport
from resumes.tests import samples as S

REPO_ROOT = Path(__file__).resolve().parents[2]
REAL = [(key, S.RESUMES[key], S.JOBS[key]) for key in S.RESUMES] + [
    ("second_backend", C.SECOND_BACKEND_RESUME, S.SOFTWARE_ENGINEER_JOB),
    ("full_stack", C.FULL_STACK_RESUME, C.FULL_STACK_JOB),
]


def plan(resume, job, match, **options):
    return OfflineCoach().plan_questions(resume=resume, job=job, match=match, options=PlanOptions(**options)).questions


@pytest.fixture(scope="module")
def materials():
    return {key: C.real_materials(text, job) for key, text, job in REAL}


# --- Seams ---------------------------------------------------------------------------------------------------

def test_a_misread_resume_gives_no_seams():
    resume = C.misread_resume()
    _, job, _ = C.real_materials(S.SOFTWARE_ENGINEER_RESUME, S.SOFTWARE_ENGINEER_JOB)
    match = MatchReport(missing_required=["Go"])
    for difficulty in ("easy", "standard", "hard"):
        questions = plan(resume, job, match, count=12, difficulty=difficulty)
        text = " ".join(q.text for q in questions)
        assert E.plan_seams(questions, resume) == []
        assert "June 2020" not in text and "June 2018" not in text and "Priya Raman" not in text
        assert "555" not in text and "Open source, 2200+" not in text and "1/2" not in text
        assert "May 2020 Developed" not in text and "Present Built" not in text
        assert not re.search(r"\bPresent\b", text)


def test_the_misread_resumes_results_are_still_asked_about_in_its_own_words():
    resume = C.misread_resume()
    _, job, _ = C.real_materials(S.SOFTWARE_ENGINEER_RESUME, S.SOFTWARE_ENGINEER_JOB)
    questions = plan(resume, job, MatchReport(), count=8)
    text = " ".join(q.text for q in questions)
    assert "42%" in text and "90M requests a day" in text
    # The bullet is quoted whole, never re-said ("you developed …" was grammatical surgery on the candidate's line).
    assert "“Developed the billing service in Node.js and React, cutting invoice errors by 42%.”" in text


@pytest.mark.parametrize("key", [key for key, _, _ in REAL])
@pytest.mark.parametrize("difficulty", ["easy", "standard", "hard"])
def test_real_resumes_give_no_seams(materials, key, difficulty):
    resume, job, match = materials[key]
    questions = plan(resume, job, match, count=10, difficulty=difficulty)
    # With the job, the seams include the fluency check's: every word a word, every quote a whole line.
    assert E.plan_seams(questions, resume, job) == []
    lines = {P.clean_line(line) for entry in resume.experience for line in entry.lines}
    lines |= {P.clean_line(line) for line in job.requirements.responsibilities}
    for question in questions:
        assert T.word_count(question.text) <= E.MAX_QUESTION_WORDS
        for quoted in re.findall(r"“([^”]+)”", question.text + " " + question.rationale):
            assert quoted.rstrip(".") in lines, quoted  # a whole bullet or duty, never a piece of one


def test_employers_are_named_as_a_person_would(materials):
    resume, job, match = materials["software_engineer"]
    text = " ".join(q.text for q in plan(resume, job, match))
    assert ("About your work at Stripe, you wrote: “Led the migration of the ledger service from a monolith to Go "
            "microservices on Kubernetes, cutting p99 latency by 45%.”") in text


# --- What is asked first -------------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["software_engineer", "second_backend", "full_stack", "finance", "sales"])
def test_the_strongest_quantified_results_are_asked_and_asked_early(materials, key):
    resume, job, match = materials[key]
    questions = plan(resume, job, match)
    facts = candidate_facts(resume, job, match)
    top = [a for a in facts.achievements if a.measured][:2]
    assert top
    for achievement in top:
        asked = [n for n, q in enumerate(questions) if achievement.figure in q.text]
        assert asked and asked[0] < 4, (achievement.line, [q.text for q in questions])


def test_order_is_proven_skills_then_gaps_then_behaviour(materials):
    resume, job, match = materials["software_engineer"]
    questions = plan(resume, job, match, count=10)
    stages = [E.stage_of(q) for q in questions]
    order = [E.STAGE_ORDER.index(stage) for stage in stages]
    assert order == sorted(order), [(s, q.text[:50]) for s, q in zip(stages, questions, strict=True)]
    assert "gap" in stages and "evidence" in stages and "behaviour" in stages


def test_proven_required_skills_are_covered(materials):
    for key in ("software_engineer", "second_backend", "full_stack", "new_grad"):
        resume, job, match = materials[key]
        questions = plan(resume, job, match)
        assert E.proven_coverage(questions, candidate_facts(resume, job, match)) >= 0.4, key


# --- Real technical questions, harder at Hard -------------------------------------------------------------------

@pytest.mark.parametrize("key", ["software_engineer", "second_backend", "full_stack", "new_grad"])
def test_technical_roles_get_real_technical_questions(materials, key):
    resume, job, match = materials[key]
    questions = plan(resume, job, match)
    real = [q for q in questions if q.kind == "technical" and B.is_bank_text(q.text)]
    assert len(real) >= 2, [q.text for q in questions]


def test_hard_asks_harder_questions_not_reworded_ones(materials):
    resume, job, match = materials["software_engineer"]
    tiers = {}
    for difficulty in ("easy", "standard", "hard"):
        questions = plan(resume, job, match, count=10, difficulty=difficulty)
        tiers[difficulty] = {entry.id: entry.tier for q in questions for entry in B.bank() if entry.text[:50] in q.text}
    assert set(tiers["hard"].values()) <= {"depth", "practice"} and "depth" in tiers["hard"].values()
    assert "foundation" in tiers["easy"].values() and "depth" not in tiers["easy"].values()
    assert not set(tiers["hard"]) & set(tiers["standard"])


def test_bank_questions_name_real_skills():
    from resumes.reading.taxonomy import get_taxonomy

    known = get_taxonomy().skills
    for entry in B.bank():
        assert entry.skills or entry.categories, entry.id
        assert all(skill in known for skill in entry.skills), entry.id
        assert entry.tier in B.TIERS and 3 <= len(entry.points) <= 5, entry.id
    assert len({entry.id for entry in B.bank()}) == len(B.bank())


# --- Two candidates, one job --------------------------------------------------------------------------------------

def test_two_candidates_for_one_job_get_plans_from_their_own_resumes(materials):
    first = plan(*materials["software_engineer"])
    second = plan(*materials["second_backend"])
    same = [a.text for a, b in itertools.product(first, second) if a.text == b.text]
    assert len(same) <= 1, same  # at most one question straight from the job, asked of anyone
    # Questions on the same duty of the job point each candidate at their own employers or stories.
    close = [(a, b) for a, b in itertools.product(first, second) if a.text != b.text and T.similarity(a.text, b.text) >= 0.5]
    assert len(close) <= 3
    for a, b in close:
        assert any(name in a.text for name in ("Stripe", "N26", "Zalando"))
        assert any(name in b.text for name in ("Adyen", "Hermes Logistics"))
    own = [q for q in first if "Stripe" in q.text or "N26" in q.text or "Zalando" in q.text]
    assert len(own) >= 5 and sum("Adyen" in q.text or "Hermes" in q.text for q in second) >= 5


# --- Real gaps only --------------------------------------------------------------------------------------------

def test_a_skill_shown_under_another_name_is_not_called_missing(materials):
    resume, job, match = materials["full_stack"]
    assert {"HTML", "CSS"} <= set(match.missing_required)  # the matcher misses them: ten years of React show both
    questions = plan(resume, job, match, count=12)
    assert E.false_missing(questions, resume, job, match) == []
    assert not any("HTML" in q.text and "doesn't mention" in q.text for q in questions)


def test_soft_skill_gaps_become_stories_not_technical_questions(materials):
    resume, job, match = materials["second_backend"]
    assert "Mentoring" in [*match.missing_required, *match.missing_nice]  # a duty's skill: nice to have in the match
    questions = plan(resume, job, match, count=12)
    mentoring = [q for q in questions if q.skill == "Mentoring"]
    assert all(q.kind == "behavioral" and "Tell me about" in q.text for q in mentoring)
    assert not any("The job asks for mentoring" in q.text for q in questions)


def test_gaps_are_asked_as_questions_to_reason_through(materials):
    resume, job, match = materials["software_engineer"]
    questions = plan(resume, job, match, count=12)
    gaps = [q for q in questions if E.stage_of(q) == "gap" and q.skill]
    assert gaps
    for question in gaps:
        assert question.skill in [*match.missing_required, *match.missing_nice]
        assert "doesn't mention" in question.text and B.is_bank_text(question.text)
        assert "nothing on your resume comes near it" in question.rationale


LAYOUTS = sorted((REPO_ROOT / "resumes" / "tests" / "fixtures" / "resumes").glob("*.pdf"))


@pytest.mark.parametrize("path", LAYOUTS, ids=[p.stem for p in LAYOUTS])
def test_resumes_of_every_layout_family_give_plans_and_openers_without_seams(path):
    """Word, Google Docs and LaTeX resumes as the product reads them (the resume fixtures), for a real posting."""
    from interviews.coach.materials import coach_materials

    job = C.FULL_STACK_JOB
    m = coach_materials(job_text=job["text"], resume_path=path, job_title=job["title"], company=job["company"])
    coach = OfflineCoach()
    questions = coach.plan_questions(resume=m.resume, job=m.job, match=m.match, options=PlanOptions()).questions
    assert E.plan_seams(questions, m.resume) == []
    sheet = coach.write_cheatsheet(resume=m.resume, job=m.job, match=m.match, questions=questions)
    opener = E.plan_seams([questions[0].model_copy(update={"text": sheet.pitch})], m.resume)
    assert [seam for seam in opener if "pasted paragraph" not in seam] == [] and T.word_count(sheet.pitch) <= 90
    facts = candidate_facts(m.resume, m.job, m.match)
    assert E.top_results_asked(questions, facts) == 1.0
