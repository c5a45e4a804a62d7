"""Coach benchmarks (`make bench`): the offline engine end to end, and our Gemini client code's overhead.

The Gemini rows talk to the local fake server (`interviews/tests/fake_gemini.py`), which answers at
once, so they show what our side costs per call: building the prompt and schema, google-genai's request
handling, HTTP on localhost, validating and mapping the reply. A real call adds the model's own time.
"""

from django.test import override_settings

from benchmarks.harness import Row, median_seconds
from interviews.coach.gemini import GeminiCoach
from interviews.coach.offline import OfflineCoach
from interviews.coach.schemas import PlanOptions

SECTION = "coach"


def _materials():
    from interviews.tests import coach_samples as S

    resume, job, match = S.materials("software")
    questions = OfflineCoach().plan_questions(resume=resume, job=job, match=match, options=PlanOptions(count=8)).questions
    answers = S.STRONG_SOFTWARE_ANSWERS + S.MORE_STRONG_SOFTWARE_ANSWERS  # eight different stories
    transcript = [t.model_copy(update={"input_mode": "dictated"}) if t.role == "candidate" else t
                  for t in S.transcript([q.text for q in questions], answers, timed=True)]
    return resume, job, match, questions, transcript


def run() -> list[Row]:
    resume, job, match, questions, transcript = _materials()
    coach = OfflineCoach()
    options = PlanOptions(count=8)

    def plan():
        return coach.plan_questions(resume=resume, job=job, match=match, options=options)

    def sheet():
        return coach.write_cheatsheet(resume=resume, job=job, match=match, questions=questions)

    def score():
        return coach.score(transcript=transcript, questions=questions, resume=resume, job=job)

    def total():
        planned = plan().questions
        coach.write_cheatsheet(resume=resume, job=job, match=match, questions=planned)
        coach.score(transcript=transcript, questions=planned, resume=resume, job=job)

    from interviews.tests import coach_samples as S
    from resumes.tests import samples as R

    real = S.real_materials(R.SOFTWARE_ENGINEER_RESUME, R.SOFTWARE_ENGINEER_JOB)

    def total_real():
        planned = coach.plan_questions(resume=real[0], job=real[1], match=real[2], options=options).questions
        coach.write_cheatsheet(resume=real[0], job=real[1], match=real[2], questions=planned)
        coach.score(transcript=transcript, questions=planned, resume=real[0], job=real[1])

    def cold_real():
        # Per-text caches emptied: what one new candidate's first plan, cheatsheet and score cost in a warm process.
        from interviews.coach import facts, phrasing, reading
        from interviews.coach import text as T

        for cached in (T._content_terms, T._quantities, T._star_parts, reading._mentions, reading._shown,
                       phrasing.opens_with_past_verb):
            cached.cache_clear()
        facts._MEMO.clear()  # the interview's one set of facts, built again as for a new candidate
        total_real()

    rows = [
        Row(SECTION, "offline plan_questions (8)", median_seconds(plan, repeat=15) * 1000, "ms", "software sample"),
        Row(SECTION, "offline write_cheatsheet", median_seconds(sheet, repeat=15) * 1000, "ms"),
        Row(SECTION, "offline score (8 answers)", median_seconds(score, repeat=15) * 1000, "ms", "timed transcript"),
        Row(SECTION, "offline plan + cheatsheet + score", median_seconds(total, repeat=15) * 1000, "ms", "target < 100"),
        Row(SECTION, "offline plan + cheatsheet + score", median_seconds(total_real, repeat=15) * 1000, "ms",
            "resume read by the real parser; target < 100"),
        Row(SECTION, "offline plan + cheatsheet + score, cold", median_seconds(cold_real, repeat=9) * 1000, "ms",
            "per-text caches emptied first; target < 100"),
    ]
    rows.extend(_gemini_rows(resume, job, match, questions, transcript))
    return rows


def _gemini_rows(resume, job, match, questions, transcript) -> list[Row]:
    from interviews.tests.fake_gemini import FakeGemini, json_reply

    plan_reply = json_reply({"questions": [q.model_dump() for q in questions]})
    judged = [{"question_index": i, "relevance": 75, "structure": 70, "evidence": 60, "specificity": 65,
               "feedback": "Clear.", "strong": ["Result"], "missing": [], "model_answer": ["S", "T", "A", "R"]}
              for i in range(len(questions))]
    score_reply = json_reply({"per_question": judged, "summary": "Solid.", "strengths": [], "improvements": []})

    def reply(request):
        return score_reply if "<answer" in request.user_text else plan_reply

    with FakeGemini(default=reply) as fake, override_settings(
        GEMINI_API_KEY="bench-key", GEMINI_BASE_URL=fake.url, GEMINI_MAX_ATTEMPTS=1
    ):
        coach = GeminiCoach()

        def plan():
            result = coach.plan_questions(resume=resume, job=job, match=match, options=PlanOptions(count=8))
            assert result.engine == "gemini", result.fallback_reason

        def score():
            result = coach.score(transcript=transcript, questions=questions, resume=resume, job=job)
            assert result.engine == "gemini", result.fallback_reason

        def fresh_client():
            GeminiCoach().plan_questions(resume=resume, job=job, match=match, options=PlanOptions(count=8))

        return [
            Row(SECTION, "gemini plan round trip (fake server)", median_seconds(plan, repeat=11) * 1000, "ms",
                "our client overhead, no model time"),
            Row(SECTION, "gemini score round trip (fake server)", median_seconds(score, repeat=11) * 1000, "ms",
                "incl. the offline analysis it merges"),
            Row(SECTION, "gemini plan with a new client", median_seconds(fresh_client, repeat=5) * 1000, "ms",
                "client construction included"),
        ]
