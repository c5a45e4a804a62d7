"""The operator commands' JSON contracts and failure paths, with the resume parser replaced by the samples.

(`test_commands.py` runs the same commands end to end with the real parser once it is merged.)
"""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from interviews.coach import materials
from interviews.coach.evaluation import FIXTURES
from interviews.coach.scoring import RUBRIC_VERSION
from interviews.tests import coach_samples as S
from interviews.tests.fake_gemini import FakeGemini, json_reply

REPO = Path(__file__).resolve().parents[2]
SCORE_KEYS = {"engine", "rubric_version", "score", "summary", "strengths", "improvements", "per_question", "metrics"}


@pytest.fixture(autouse=True)
def sample_materials(monkeypatch):
    """Stand in for the resume parser: the sample layouts are read by the test builders."""
    def fake_materials(*, job_text, resume_text=None, resume_path=None, job_title="", company=""):
        text = resume_text if resume_text is not None else Path(resume_path).read_text(encoding="utf-8")
        resume = S.sample_resume(text)
        job = S.sample_job(job_text, title=job_title or "Senior Python Engineer", company=company)
        return materials.CoachMaterials(resume=resume, job=job, match=S.sample_match(resume, job))

    monkeypatch.setattr(materials, "coach_materials", fake_materials)


REAL_MATERIALS = materials.coach_materials


@pytest.fixture
def real_parser(monkeypatch):
    """`evaluate_coach`'s plan checks are about resumes as the product reads them: undo the stand-in."""
    monkeypatch.setattr(materials, "coach_materials", REAL_MATERIALS)


def run(*args, **options) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def transcript_file(tmp_path, **overrides) -> Path:
    turns = []
    clock = 0
    for question, answer in zip(["Tell me about the ledger migration.", "How did you handle Black Friday?"],
                                S.STRONG_SOFTWARE_ANSWERS, strict=True):
        turns.append({"role": "interviewer", "text": question, "start_ms": clock, "end_ms": clock + 3000})
        turns.append({"role": "candidate", "text": answer, "start_ms": clock + 4000, "end_ms": clock + 34000})
        clock += 40000
    data = {"resume_text": S.SOFTWARE_RESUME, "job_text": S.SOFTWARE_JOB_TEXT, "job_title": "Senior Python Engineer",
            "turns": turns, **overrides}
    path = tmp_path / "transcript.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --- score_transcript --------------------------------------------------------------------------------------------

def test_score_transcript_json_contract(tmp_path):
    payload = json.loads(run("score_transcript", str(transcript_file(tmp_path)), "--json", "--engine", "offline"))
    assert set(payload) >= SCORE_KEYS
    assert payload["engine"] == "offline" and payload["rubric_version"] == RUBRIC_VERSION
    assert 0 <= payload["score"] <= 100
    assert len(payload["per_question"]) == 2
    assert {"question", "score", "feedback"} <= set(payload["per_question"][0])
    assert payload["per_question"][0]["question"] == "Tell me about the ledger migration."
    assert payload["metrics"]["words_per_minute"] is not None and payload["metrics"]["answered"] == 2


def test_score_transcript_uses_the_files_questions_when_given(tmp_path):
    path = transcript_file(tmp_path, questions=["Planned one?", {"kind": "technical", "competency": "Redis", "skill": "Redis",
                                                                "text": "Planned two?", "rationale": "r"}])
    payload = json.loads(run("score_transcript", str(path), "--json"))
    assert [q["question"] for q in payload["per_question"]] == ["Planned one?", "Planned two?"]
    assert payload["per_question"][1]["kind"] == "technical"


def test_score_transcript_readable_report(tmp_path):
    report = run("score_transcript", str(transcript_file(tmp_path)))
    assert report.startswith("Score: ")
    assert "Strengths:" in report and "Per question:" in report and "words/min" in report


def test_score_transcript_without_timestamps_or_answers(tmp_path):
    path = transcript_file(tmp_path, turns=[{"role": "interviewer", "text": "Tell me about yourself."}])
    payload = json.loads(run("score_transcript", str(path), "--json"))
    assert payload["score"] == 0 and "No candidate answers" in payload["summary"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        ("{not json", "is not valid JSON"),
        ("[1, 2]", "expected shape"),
        (json.dumps({"resume_text": "x", "job_text": "y"}), "turns: Field required"),
        (json.dumps({"resume_text": "x", "job_text": "y", "turns": [{"role": "recruiter", "text": "hi"}]}), "turns.0.role"),
        (json.dumps({"resume_text": "x", "job_text": "y", "turns": [{"role": "candidate", "text": "hi", "start_ms": "soon"}]}),
         "turns.0.start_ms"),
    ],
)
def test_score_transcript_bad_file(tmp_path, content, message):
    path = tmp_path / "t.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run("score_transcript", str(path), "--json")


def test_score_transcript_through_gemini(tmp_path, settings):
    with FakeGemini() as fake:
        settings.GEMINI_API_KEY = "k"
        settings.GEMINI_BASE_URL = fake.url
        settings.GEMINI_RETRY_INITIAL_DELAY = 0.001
        settings.GEMINI_RETRY_MAX_DELAY = 0.005
        judged = [{"question_index": i, "relevance": 80, "structure": 80, "evidence": 80, "specificity": 80,
                   "feedback": "Good.", "strong": [], "missing": [], "model_answer": []} for i in range(2)]
        fake.queue(json_reply({"per_question": judged, "summary": "Solid.", "strengths": [], "improvements": []}))
        payload = json.loads(run("score_transcript", str(transcript_file(tmp_path)), "--json", "--engine", "gemini"))
    assert payload["engine"] == "gemini" and payload["rubric_version"] == "gemini-v1"
    assert set(payload) >= SCORE_KEYS


# --- plan_interview ----------------------------------------------------------------------------------------------

def plan_files(tmp_path) -> tuple[Path, Path]:
    resume = tmp_path / "resume.txt"
    resume.write_text(S.SOFTWARE_RESUME, encoding="utf-8")
    job = tmp_path / "job.txt"
    job.write_text(S.SOFTWARE_JOB_TEXT, encoding="utf-8")
    return resume, job


def test_plan_interview_json_contract(tmp_path):
    resume, job = plan_files(tmp_path)
    payload = json.loads(run("plan_interview", str(resume), str(job), "--json", "--count", "6", "--difficulty", "hard"))
    assert {"engine", "questions", "cheatsheet"} <= set(payload)
    assert payload["engine"] == "offline" and len(payload["questions"]) == 6
    assert {"kind", "competency", "text", "rationale", "strong_answer_points", "skill"} <= set(payload["questions"][0])
    assert {"pitch", "strengths", "gaps", "star_prompts", "likely_questions", "questions_to_ask"} <= set(payload["cheatsheet"])
    assert any("Payflow" in q["text"] for q in payload["questions"])


def test_plan_interview_readable_report(tmp_path):
    resume, job = plan_files(tmp_path)
    report = run("plan_interview", str(resume), str(job))
    assert "Questions (8):" in report and "Why:" in report and "Pitch:" in report


def test_plan_interview_failures(tmp_path):
    resume, job = plan_files(tmp_path)
    with pytest.raises(CommandError, match="resume file .* does not exist"):
        run("plan_interview", str(tmp_path / "missing.pdf"), str(job))
    with pytest.raises(CommandError, match="job posting file .* does not exist"):
        run("plan_interview", str(resume), str(tmp_path / "missing.txt"))
    with pytest.raises(CommandError, match="between 3 and 15"):
        run("plan_interview", str(resume), str(job), "--count", "40")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(CommandError, match="is empty"):
        run("plan_interview", str(resume), str(empty))


# --- evaluate_coach ------------------------------------------------------------------------------------------------

def test_evaluate_coach_orders_every_bundled_pair(real_parser):
    report = run("evaluate_coach", "--no-corpus", "--engine", "offline")
    pairs = len(json.loads(FIXTURES.read_text())["pairs"])
    assert f"Ordered right: {pairs}/{pairs}" in report


def test_evaluate_coach_json(real_parser):
    payload = json.loads(run("evaluate_coach", "--no-corpus", "--json"))
    assert payload["pairs"] >= 20 and payload["ordered_right"] == payload["pairs"] and payload["misordered"] == []
    assert payload["gap_min"] > 0
    assert {"mean", "min", "max", "stdev"} <= set(payload["strong"]) and {"mean", "min", "max", "stdev"} <= set(payload["weak"])
    fields = {r["field"] for r in payload["results"]}
    assert {"software", "nursing", "sales", "finance", "graduate"} <= fields
    assert {"behavioral", "technical"} <= {r["kind"] for r in payload["results"]}


def swapped_fixture(tmp_path) -> Path:
    data = json.loads(FIXTURES.read_text())
    pair = data["pairs"][0]
    pair["strong"], pair["weak"] = pair["weak"], pair["strong"]
    path = tmp_path / "pairs.json"
    path.write_text(json.dumps({"pairs": [pair]}), encoding="utf-8")
    return path


def test_evaluate_coach_fails_when_a_pair_is_misordered(tmp_path, real_parser):
    with pytest.raises(CommandError, match="1 of 1 pairs scored the weak answer"):
        run("evaluate_coach", "--no-corpus", "--fixtures", str(swapped_fixture(tmp_path)))


def test_evaluate_coach_exit_status_for_ci(tmp_path, real_parser):
    answers, plans = tmp_path / "answers.json", tmp_path / "plans.json"  # the checks kept small: this is about the exit
    answers.write_text(json.dumps({"checks": json.loads((FIXTURES.parent / "eval_answers.json").read_text())["checks"][:1]}))
    plans.write_text(json.dumps({"cases": []}))
    done = subprocess.run(
        [sys.executable, "manage.py", "evaluate_coach", "--no-corpus", "--fixtures", str(swapped_fixture(tmp_path)),
         "--answers", str(answers), "--plans", str(plans)],
        cwd=REPO, capture_output=True, text=True, env={**os.environ, "COACH_ENGINE": "offline"},
    )
    assert done.returncode != 0 and "misordered" not in done.stdout and "weak answer" in done.stderr


def test_evaluate_coach_bad_fixture_file(tmp_path, real_parser):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"pairs": [{"id": "x"}]}), encoding="utf-8")
    with pytest.raises(CommandError, match="expected shape"):
        run("evaluate_coach", "--no-corpus", "--fixtures", str(path))
    with pytest.raises(CommandError, match="does not exist"):
        run("evaluate_coach", "--no-corpus", "--fixtures", str(tmp_path / "nope.json"))


def test_evaluate_coach_checks_answers_and_plans(real_parser):
    payload = json.loads(run("evaluate_coach", "--no-corpus", "--json"))
    checks = payload["checks"]
    kinds = {c["kind"] for c in checks["answers"]}
    assert {"skills", "quantities", "vague", "duplicate"} <= kinds and all(c["passed"] for c in checks["answers"])
    assert len(checks["plans"]) >= 8 and all(p["passed"] for p in checks["plans"])
    assert all(p["seams"] == [] and p["false_missing"] == [] and p["top_results_asked"] == 1.0 for p in checks["plans"])
    assert "misread-dated-columns" in {p["id"] for p in checks["plans"]}
    assert all(n <= 1 for n in checks["shared_questions"].values()) and payload["failures"] == []
    report = run("evaluate_coach", "--no-corpus")
    assert "Answer checks: 9/9 passed" in report and "Plans: 8/8 without problems" in report


def test_evaluate_coach_fails_when_an_answer_check_fails(tmp_path, real_parser):
    data = json.loads((FIXTURES.parent / "eval_answers.json").read_text())
    check = next(c for c in data["checks"] if c["id"] == "negated-front-end")
    check["shown"].append("Frontend Development")  # the check now demands the wrong reading
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"checks": [check]}), encoding="utf-8")
    with pytest.raises(CommandError, match="answer check negated-front-end"):
        run("evaluate_coach", "--no-corpus", "--answers", str(path))
