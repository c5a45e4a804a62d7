"""The offline coach on realistic resumes and jobs: specific, explained, deterministic, fast."""

import difflib
import itertools
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from interviews.coach import CoachError, PlanOptions
from interviews.coach import phrasing as P
from interviews.coach import text as T
from interviews.coach.offline import OfflineCoach
from interviews.coach.planning import DUPLICATE_SIMILARITY
from interviews.coach.schemas import JobInput, PlannedQuestion
from interviews.coach.schemas import TranscriptTurnIn as Turn
from interviews.coach.scoring import RUBRIC_VERSION
from interviews.tests import coach_samples as S
from resumes.reading.schemas import MatchReport, ParsedResume

FIELDS = list(S.SAMPLES)
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def coach():
    return OfflineCoach()


def plan(field: str, **options):
    resume, job, match = S.materials(field)
    return OfflineCoach().plan_questions(resume=resume, job=job, match=match, options=PlanOptions(**options)).questions


def quoted(text: str) -> list[str]:
    return re.findall(r"“([^”]+)”", text)


def in_resume(fragment: str, resume: ParsedResume) -> bool:
    fragment = fragment.rstrip("…").strip()
    return T.normalise_space(fragment) in T.normalise_space(resume.text)


# --- Plans -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("field", FIELDS)
def test_plan_names_the_candidates_own_employers(field):
    resume, _, _ = S.materials(field)
    questions = plan(field)
    text = " ".join(q.text for q in questions)
    assert any(employer in text for employer in resume.employers())
    resume_questions = [q for q in questions if q.kind == "resume"]
    assert resume_questions and all(q.rationale for q in resume_questions)


def test_plan_reaches_projects_when_there_is_room():
    questions = plan("software", count=15)
    assert any(name in q.text for q in questions for name in ("queuewatch", "ledgerlint"))
    graduate = plan("graduate", count=10)
    assert any("StudyBuddy" in q.text or "Hackathon" in q.text for q in graduate)


@pytest.mark.parametrize("field", FIELDS)
def test_technical_questions_target_the_jobs_skills_and_quote_real_resume_lines(field):
    resume, job, match = S.materials(field)
    questions = plan(field, count=12)
    technical = [q for q in questions if q.kind == "technical"]
    assert technical
    job_skills = set(job.requirements.skills_required) | set(job.requirements.skills_nice)
    for question in technical:
        if question.skill:
            assert question.skill in job_skills
        for line in quoted(question.text):  # "Your resume says: “…”" must be the resume's own words
            assert in_resume(line, resume), line
    assert any(q.skill in job.requirements.skills_required for q in technical)


def test_missing_required_skills_get_an_honest_how_would_you_approach_question():
    resume, job, match = S.materials("software")
    questions = plan("software", count=12)
    gaps = [q for q in questions if q.kind == "technical" and q.skill in match.missing_required]
    assert gaps, "a required skill the resume lacks should be asked about"
    assert any("doesn't mention" in q.text and q.text.rstrip().endswith("?") for q in gaps)
    assert all("nothing on your resume comes near it" in q.rationale for q in gaps if "doesn't mention" in q.text)


def test_rationales_say_why_by_quoting_the_resume_or_the_posting():
    resume, job, _ = S.materials("software")
    for question in plan("software", count=12):
        assert question.rationale
        assert 3 <= len(question.strong_answer_points) <= 5
        for fragment in quoted(question.rationale):
            assert in_resume(fragment, resume) or T.normalise_space(fragment.rstrip("…")) in T.normalise_space(job.text)


@pytest.mark.parametrize(("field", "difficulty"), list(itertools.product(FIELDS, ["easy", "standard", "hard"])))
def test_no_two_questions_are_near_duplicates(field, difficulty):
    questions = plan(field, count=15, difficulty=difficulty)
    for a, b in itertools.combinations(questions, 2):
        assert T.similarity(a.text, b.text) < DUPLICATE_SIMILARITY, (a.text, b.text)
        assert difflib.SequenceMatcher(None, a.text, b.text).ratio() < 0.85, (a.text, b.text)


@pytest.mark.parametrize("count", range(3, 16))
@pytest.mark.parametrize("field", FIELDS + ["thin"])
def test_plan_has_exactly_the_requested_count(field, count):
    if field == "thin":
        resume, job, match = S.thin_materials()
        questions = OfflineCoach().plan_questions(resume=resume, job=job, match=match, options=PlanOptions(count=count)).questions
    else:
        questions = plan(field, count=count)
    assert len(questions) == count


def test_mix_weight_zero_leaves_a_kind_out_and_weights_shape_the_split():
    questions = plan("software", count=9, mix={"behavioral": 1, "technical": 2, "situational": 0, "resume": 0})
    kinds = [q.kind for q in questions]
    assert "situational" not in kinds and "resume" not in kinds
    assert kinds.count("technical") == 6 and kinds.count("behavioral") == 3


def test_a_kind_without_material_is_filled_from_the_others():
    resume, _, _ = S.thin_materials()  # no skills at all
    job = JobInput(title="Operations Assistant")
    options = PlanOptions(count=8, mix={"technical": 5, "behavioral": 1, "situational": 1, "resume": 1})
    questions = OfflineCoach().plan_questions(resume=resume, job=job, match=MatchReport(), options=options).questions
    assert len(questions) == 8
    assert {q.kind for q in questions} >= {"behavioral", "situational", "resume"}


def test_difficulty_changes_wording_and_depth():
    easy, standard, hard = (plan("software", difficulty=d) for d in ("easy", "standard", "hard"))
    assert {q.text for q in easy} != {q.text for q in standard} != {q.text for q in hard}
    points = [sum(len(q.strong_answer_points) for q in p) / len(p) for p in (easy, standard, hard)]
    assert points[0] < points[1] < points[2]
    assert sum("trade-off" in q.text or "differently" in q.text or "go wrong" in q.text for q in hard) > \
        sum("trade-off" in q.text or "differently" in q.text or "go wrong" in q.text for q in easy)


def test_same_inputs_give_the_same_plan(coach):
    resume, job, match = S.materials("nursing")
    first = coach.plan_questions(resume=resume, job=job, match=match, options=PlanOptions(count=10))
    second = coach.plan_questions(resume=resume, job=job, match=match, options=PlanOptions(count=10))
    assert first == second


def test_plan_does_not_depend_on_hash_seed():
    """Iterating a set of strings would reorder with PYTHONHASHSEED; the planner must not. The child's seed differs
    from this process's (random unless the run fixed it), so one child is enough to compare with."""
    script = (
        "import json; from interviews.tests import coach_samples as S; from interviews.coach.planning import plan_questions;"
        "from interviews.coach.schemas import PlanOptions; r, j, m = S.materials('software');"
        "print(json.dumps([q.text for q in plan_questions(resume=r, job=j, match=m, options=PlanOptions(count=12)).questions]))"
    )
    from interviews.coach.planning import plan_questions

    resume, job, match = S.materials("software")
    here = [q.text for q in plan_questions(resume=resume, job=job, match=match, options=PlanOptions(count=12)).questions]
    seed = "2" if os.environ.get("PYTHONHASHSEED") == "1" else "1"
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", script], env=env, cwd=REPO, capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == here


def test_thin_inputs_still_give_a_full_reasonable_plan(coach):
    for resume, job, match in (S.thin_materials(), (ParsedResume(), JobInput(), MatchReport())):
        questions = coach.plan_questions(resume=resume, job=job, match=match, options=PlanOptions()).questions
        assert len(questions) == 8
        assert len({q.text for q in questions}) == 8
        assert all(q.rationale and len(q.strong_answer_points) >= 3 for q in questions)
        assert "{" not in " ".join(q.text for q in questions)  # no unfilled templates


# --- Cheatsheet ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("field", FIELDS)
def test_cheatsheet_evidence_comes_from_the_resume(coach, field):
    resume, job, match = S.materials(field)
    questions = coach.plan_questions(resume=resume, job=job, match=match, options=PlanOptions()).questions
    sheet = coach.write_cheatsheet(resume=resume, job=job, match=match, questions=questions)
    assert sheet.engine == "offline"
    matched_required = [m.skill for m in match.matched if m.required]
    assert {s.skill for s in sheet.strengths} & set(matched_required)
    for strength in sheet.strengths:
        assert strength.talking_point and (strength.evidence or "only lists" in strength.talking_point)
        assert all(line in resume.text for line in strength.evidence)
    for prompt in sheet.star_prompts:
        assert not prompt.suggested_story or prompt.suggested_story in resume.text
    assert {g.skill for g in sheet.gaps} <= set(match.missing_required) | set(match.missing_nice)
    assert sheet.likely_questions and not set(sheet.likely_questions) & {q.text for q in questions}


def test_cheatsheet_pitch_and_questions_to_ask_are_specific():
    resume, job, match = S.materials("software")
    sheet = OfflineCoach().write_cheatsheet(resume=resume, job=job, match=match, questions=[])
    sentences = [s for s in re.split(r"(?<=[.!?”])\s+", sheet.pitch) if s]
    assert 2 <= len(sentences) <= 3
    assert "Senior Backend Engineer" in sheet.pitch and "years" in sheet.pitch and "Python" in sheet.pitch
    assert 3 <= len(sheet.questions_to_ask) <= 5
    joined = " ".join(sheet.questions_to_ask)
    # A duty is quoted whole from the posting (not re-said as "owning the …", which spliced the posting's sentence).
    assert any(f"“{P.clean_line(r)}.”" in joined for r in job.requirements.responsibilities)
    assert any(skill in joined for skill in job.requirements.skills_required)


def test_gap_advice_is_honest_and_bridges_from_the_resume():
    resume, job, match = S.materials("software")
    sheet = OfflineCoach().write_cheatsheet(resume=resume, job=job, match=match, questions=[])
    kubernetes = next(g for g in sheet.gaps if g.skill == "Kubernetes")
    assert "haven't used Kubernetes" in kubernetes.advice and "Docker" in kubernetes.advice


def test_thin_cheatsheet_is_still_complete(coach):
    resume, job, match = S.thin_materials()
    questions = coach.plan_questions(resume=resume, job=job, match=match, options=PlanOptions()).questions
    sheet = coach.write_cheatsheet(resume=resume, job=job, match=match, questions=questions)
    assert sheet.pitch and len(sheet.star_prompts) >= 3 and len(sheet.questions_to_ask) >= 3


# --- Follow-ups ------------------------------------------------------------------------------------------------

QUESTION = PlannedQuestion(kind="behavioral", competency="Ownership", text="Tell me about a time you owned a problem.",
                           rationale="", strong_answer_points=[])


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("We fixed it.", "specific example"),
        ("We noticed the importer kept failing, so we got together as a team and we rewrote the whole thing over a "
         "weekend, and we were all really pleased with how it turned out in the end for everyone involved.", "personally"),
        ("I noticed the importer kept failing, so I read the logs, I found a race condition in the retry code and I "
         "rewrote the retry logic with a lock, and after that it was much more reliable for the whole team.", "measurable"),
        ("I noticed the importer kept failing, so I read the logs, I found a race condition in the retry code and I "
         "rewrote the retry logic with a lock, which reduced the failures for the whole finance team a lot.", "by how much"),
    ],
)
def test_follow_up_probes_what_a_thin_answer_is_missing(coach, answer, expected):
    probe = coach.follow_up(question=QUESTION, answer=answer)
    assert probe and expected in probe
    assert coach.follow_up(question=QUESTION, answer=answer) == probe


def test_no_follow_up_for_a_strong_answer(coach):
    for answer in S.STRONG_SOFTWARE_ANSWERS:
        assert coach.follow_up(question=QUESTION, answer=answer) is None


def test_technical_follow_up_asks_for_tools():
    question = PlannedQuestion(kind="technical", competency="PostgreSQL", skill="PostgreSQL", text="How did you tune it?",
                               rationale="")
    answer = ("I looked at the slowest reports first, I rewrote three of them and I measured each change, which cut the "
              "time of the monthly report from 40 minutes to 6 minutes for the whole finance department.")
    assert "postgresql" in OfflineCoach().follow_up(question=question, answer=answer).lower()


# --- Scores ------------------------------------------------------------------------------------------------------

def software_score(answers, *, timed=True):
    resume, job, match = S.materials("software")
    questions = OfflineCoach().plan_questions(resume=resume, job=job, match=match,
                                              options=PlanOptions(count=3, mix={"resume": 1})).questions[:2]
    transcript = S.transcript([q.text for q in questions], answers, timed=timed)
    return OfflineCoach().score(transcript=transcript, questions=questions, resume=resume, job=job), transcript


def test_strong_answers_outscore_weak_ones():
    strong, _ = software_score(S.STRONG_SOFTWARE_ANSWERS)
    weak, _ = software_score(S.WEAK_SOFTWARE_ANSWERS)
    assert strong.score >= weak.score + 30
    for good, bad in zip(strong.per_question, weak.per_question, strict=True):
        assert good.score > bad.score
    assert strong.rubric_version == RUBRIC_VERSION and strong.engine == "offline"


def test_score_weights_and_parts_are_shown():
    result, _ = software_score(S.STRONG_SOFTWARE_ANSWERS)
    assert set(result.weights) == set(result.parts)
    assert sum(result.weights.values()) == pytest.approx(1.0)
    assert result.score == round(sum(result.weights[p] * result.parts[p] for p in result.weights))
    assert all(0 <= v <= 100 for v in result.parts.values())


@pytest.mark.parametrize("answers", [S.STRONG_SOFTWARE_ANSWERS, S.WEAK_SOFTWARE_ANSWERS,
                                     [S.STRONG_SOFTWARE_ANSWERS[0], S.WEAK_SOFTWARE_ANSWERS[1]]])
def test_every_quote_is_words_actually_said(answers):
    result, transcript = software_score(answers)
    said = [turn.text for turn in transcript if turn.role == "candidate"]
    points = result.strengths + result.improvements
    assert len(result.improvements) >= 3
    assert sum(bool(point.quote) for point in points) >= 3
    for point in points:
        if point.quote:  # a quote is always the candidate's own words, never the interviewer's
            assert any(point.quote in text for text in said), point
    assert len(result.strengths) <= 5 and len(result.improvements) <= 5


def test_strong_transcript_gets_three_to_five_quoted_strengths():
    result, _ = software_score(S.STRONG_SOFTWARE_ANSWERS)
    assert 3 <= len(result.strengths) <= 5
    assert 3 <= len(result.improvements) <= 5


def test_per_question_feedback_is_specific():
    result, _ = software_score([S.STRONG_SOFTWARE_ANSWERS[0], S.WEAK_SOFTWARE_ANSWERS[0]])
    good, bad = result.per_question
    assert "45%" in " ".join(good.strong) and "PostgreSQL" in good.skills_shown
    assert bad.missing and bad.model_answer and "too short" in bad.feedback
    assert bad.answer == S.WEAK_SOFTWARE_ANSWERS[0]


def test_skipped_question_scores_zero_and_is_named():
    resume, job, match = S.materials("software")
    questions = plan("software", count=3)
    transcript = [
        Turn(role="interviewer", text=questions[0].text),
        Turn(role="candidate", text=S.STRONG_SOFTWARE_ANSWERS[0]),
        Turn(role="interviewer", text=questions[1].text),
        Turn(role="candidate", text="   "),
        Turn(role="interviewer", text=questions[2].text),
        Turn(role="candidate", text=S.STRONG_SOFTWARE_ANSWERS[1]),
    ]
    result = OfflineCoach().score(transcript=transcript, questions=questions, resume=resume, job=job)
    assert result.per_question[1].score == 0 and "No answer" in result.per_question[1].feedback
    assert (result.metrics.answered, result.metrics.skipped) == (2, 1)
    assert "not answered: 2" in result.summary
    assert any("question 2" in p.text and not p.quote for p in result.improvements)


@pytest.mark.parametrize("transcript", [
    [],
    [Turn(role="interviewer", text="Tell me about yourself."), Turn(role="candidate", text="")],
])
def test_a_transcript_with_no_candidate_words_gets_a_valid_low_score(transcript):
    resume, job, match = S.materials("finance")
    questions = plan("finance", count=3)
    result = OfflineCoach().score(transcript=transcript, questions=questions, resume=resume, job=job)
    assert result.score == 0
    assert "No candidate answers" in result.summary
    assert result.metrics.answered == 0 and result.metrics.skipped == 3
    assert all(item.score == 0 for item in result.per_question)


def test_unknown_rubric_is_refused():
    resume, job, _ = S.materials("sales")
    with pytest.raises(CoachError, match="rubric"):
        OfflineCoach().score(transcript=[], questions=[], resume=resume, job=job, rubric="v99")


def test_interviewer_turns_beyond_the_plan_are_scored_against_their_own_words():
    resume, job, _ = S.materials("software")
    transcript = [Turn(role="interviewer", text="Tell me about a time you used Python under pressure."),
                  Turn(role="candidate", text=S.STRONG_SOFTWARE_ANSWERS[1])]
    result = OfflineCoach().score(transcript=transcript, questions=[], resume=resume, job=job)
    assert len(result.per_question) == 1 and result.per_question[0].score > 50
    assert result.per_question[0].kind == "behavioral"


def test_metrics_come_from_the_transcript():
    result, _ = software_score(S.STRONG_SOFTWARE_ANSWERS, timed=True)
    metrics = result.metrics
    assert metrics.words_per_minute == pytest.approx(150, abs=1)
    assert metrics.quantified_answers == 2 and metrics.answered == 2
    assert 0 < metrics.required_skill_coverage < 1
