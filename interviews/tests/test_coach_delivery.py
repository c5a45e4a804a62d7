"""Delivery numbers from timestamps and words, against values worked out by hand."""

import pytest

from interviews.coach import delivery as D
from interviews.coach.schemas import PlanOptions
from interviews.coach.schemas import TranscriptTurnIn as Turn


def words(n: int) -> str:
    return " ".join(["word"] * n)


def test_words_per_minute_from_candidate_turn_times():
    transcript = [
        Turn(role="interviewer", text="Tell me about yourself.", start_ms=0, end_ms=3000),
        Turn(role="candidate", text=words(150), start_ms=4000, end_ms=64000),  # 150 words in 60 s
        Turn(role="interviewer", text="And then?", start_ms=65000, end_ms=66000),
        Turn(role="candidate", text=words(60), start_ms=67000, end_ms=97000),  # 60 words in 30 s
    ]
    timing = D.timing(transcript)
    assert timing.words_per_minute == 140.0  # 210 words / 1.5 min
    assert timing.speaking_seconds == 90.0
    assert timing.long_pauses == 0


def test_fillers_per_minute_counts_only_fillers_in_timed_speech():
    # 6 fillers in 60 seconds of speech: um, uh, like (filler), you know, basically, sort of.
    text = ("Um, so I fixed the importer. Uh, it was, like, slow, you know? Basically the job sort of timed out, "
            "and I'd like to say I rewrote it. I like Python. " + words(20))
    transcript = [Turn(role="candidate", text=text, start_ms=0, end_ms=60000)]
    assert D.count_fillers(text) == {"um": 1, "uh": 1, "basically": 1, "like": 1, "you know": 1, "sort of": 1}
    assert D.timing(transcript).fillers_per_minute == 6.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'd like to join a team that ships. I like Python. It looks like rain.", {}),
        ("It took like 20 minutes and, like, nobody knew.", {"like": 2}),
        ("Like I said, we shipped it.", {}),
        ("Do you know how it works? You know, it was kind of hard.", {"you know": 1, "kind of": 1}),
        ("It's a kind of database. That is what I mean.", {}),
        ("I mean, we literally rebuilt it, so yeah.", {"literally": 1, "so yeah": 1, "I mean": 1}),
        ("Umm, erm, hmm, uhh.", {"um": 2, "uh": 1, "er": 1}),
        ("Actually the actual cause was a lock.", {"actually": 1}),
    ],
)
def test_filler_rules(text, expected):
    assert D.count_fillers(text) == expected


@pytest.mark.parametrize(
    ("per_minute", "score"),
    [(0, 1.0), (5, 1.0), (8.5, 0.65), (12, 0.3), (16, 0.15), (20, 0.0), (30, 0.0)],
)
def test_filler_score_has_no_penalty_up_to_five_and_hurts_at_twelve(per_minute, score):
    assert D.filler_score(per_minute) == pytest.approx(score)


@pytest.mark.parametrize(("wpm", "score"), [(140, 1.0), (120, 1.0), (170, 1.0), (90, 0.5), (60, 0.0), (210, 0.5), (260, 0.0)])
def test_pace_score(wpm, score):
    assert D.pace_score(wpm) == pytest.approx(score)


def test_long_pause_is_a_wait_of_more_than_three_seconds_before_candidate_speech():
    transcript = [
        Turn(role="interviewer", text="First question?", start_ms=0, end_ms=4000),
        Turn(role="candidate", text="After a long think.", start_ms=8000, end_ms=10000),  # 4 s wait: long
        Turn(role="interviewer", text="Second question?", start_ms=20000, end_ms=22000),  # interviewer's gap: not counted
        Turn(role="candidate", text="Straight away.", start_ms=25000, end_ms=27000),  # exactly 3 s: not long
        Turn(role="candidate", text="And one more thing.", start_ms=32000, end_ms=33000),  # 5 s inside the answer: long
    ]
    timing = D.timing(transcript)
    assert timing.long_pauses == 2
    assert [t.text for t in timing.pause_turns] == ["After a long think.", "And one more thing."]


def test_no_timestamps_means_no_rate_but_counts_still_reported():
    transcript = [Turn(role="candidate", text="Um, basically it worked.")]
    metrics = D.transcript_metrics(transcript, question_count=1)
    assert metrics.words_per_minute is None
    assert metrics.fillers_per_minute is None
    assert metrics.filler_counts == {"um": 1, "basically": 1}


def test_follow_up_turns_count_toward_their_question():
    transcript = [
        Turn(role="interviewer", text="Q1"),
        Turn(role="candidate", text="First part."),
        Turn(role="interviewer", text="What did you do yourself?", is_follow_up=True),
        Turn(role="candidate", text="I rewrote it."),
        Turn(role="interviewer", text="Q2"),
        Turn(role="candidate", text="Second answer."),
    ]
    groups = D.group_answers(transcript, 2)
    assert [g.text for g in groups] == ["First part. I rewrote it.", "Second answer."]
    assert groups[0].question_text == "Q1"


def test_question_index_wins_over_order_and_unanswered_questions_are_kept():
    transcript = [
        Turn(role="interviewer", text="Q3", question_index=2),
        Turn(role="candidate", text="Answer to three.", question_index=2),
        Turn(role="interviewer", text="Q1", question_index=0),
        Turn(role="candidate", text="Answer to one."),
    ]
    groups = D.group_answers(transcript, 3)
    assert [g.text for g in groups] == ["Answer to one.", "", "Answer to three."]
    metrics = D.transcript_metrics(transcript, question_count=3)
    assert (metrics.answered, metrics.skipped) == (2, 1)
    assert metrics.answer_words == [3, 3]


def test_required_skill_coverage_uses_the_taxonomy():
    transcript = [Turn(role="candidate", text="I tuned Postgres indexes and wrote the service in Python.")]
    metrics = D.transcript_metrics(transcript, question_count=1, required_skills=["PostgreSQL", "Python", "Kubernetes", "AWS"])
    assert metrics.required_skill_coverage == 0.5


# --- Delivery only where it was measured ----------------------------------------------------------------

ANSWER = ("When I joined Payflow the ledger ran on MySQL and month-end queries timed out. I moved it to PostgreSQL with "
          "a dual-write phase, I verified every row with checksums, and p95 query time dropped by 45%.")


def _timed(text: str, *, start: int, wpm: float, mode: str = "") -> Turn:
    length = int(len(text.split()) / wpm * 60000)
    return Turn(role="candidate", text=text, start_ms=start, end_ms=start + length, input_mode=mode)


def test_typed_answers_get_no_speech_metrics_however_they_were_timed():
    # A pasted answer "took" 80 ms: 42701 words per minute if read as speech.
    transcript = [Turn(role="interviewer", text="Q1", start_ms=0, end_ms=2000),
                  Turn(role="candidate", text=ANSWER, start_ms=2500, end_ms=2580, input_mode="typed"),
                  Turn(role="interviewer", text="Q2", start_ms=3000, end_ms=5000),
                  _timed("Um, basically I " + ANSWER, start=9000, wpm=40, mode="typed")]  # a real typist
    metrics = D.transcript_metrics(transcript, question_count=2)
    assert metrics.words_per_minute is None and metrics.fillers_per_minute is None
    assert metrics.long_pauses == 0 and metrics.filler_counts == {}
    assert metrics.delivery_measured is False
    assert (metrics.spoken_answers, metrics.typed_answers) == (0, 2)
    assert "typed" in metrics.delivery_basis
    assert D.delivery_score(metrics, total_words=80)[0] is None


def test_dictated_answers_are_measured():
    transcript = [Turn(role="interviewer", text="Q1", start_ms=0, end_ms=2000),
                  _timed(ANSWER, start=6000, wpm=150, mode="dictated")]
    metrics = D.transcript_metrics(transcript, question_count=1)
    assert metrics.delivery_measured is True and metrics.spoken_answers == 1
    assert metrics.words_per_minute == pytest.approx(150, abs=1)
    assert metrics.long_pauses == 1  # a 4 s wait before speaking


def test_only_spoken_answers_feed_delivery_when_modes_are_mixed():
    transcript = [Turn(role="interviewer", text="Q1"), _timed("Um, " + ANSWER, start=0, wpm=150, mode="dictated"),
                  Turn(role="interviewer", text="Q2"), _timed("Um, um, like " + ANSWER, start=60000, wpm=900, mode="typed"),
                  Turn(role="interviewer", text="Q3"), _timed(ANSWER, start=120000, wpm=60, mode="mixed")]
    metrics = D.transcript_metrics(transcript, question_count=3)
    assert metrics.words_per_minute == pytest.approx(150, abs=2)
    assert metrics.filler_counts == {"um": 1}
    assert (metrics.spoken_answers, metrics.typed_answers) == (1, 2)
    assert "1 of 3" in metrics.delivery_basis


@pytest.mark.parametrize("mode", ["", "dictated"])
def test_an_impossible_speaking_rate_is_never_reported(mode):
    transcript = [Turn(role="candidate", text=ANSWER, start_ms=1000, end_ms=1090, input_mode=mode)]
    metrics = D.transcript_metrics(transcript, question_count=1)
    assert metrics.words_per_minute is None and metrics.fillers_per_minute is None
    assert metrics.delivery_measured is False


def test_unrecorded_mode_with_speech_like_timings_is_measured():
    metrics = D.transcript_metrics([_timed(ANSWER, start=0, wpm=130)], question_count=1)
    assert metrics.words_per_minute == pytest.approx(130, abs=1) and metrics.delivery_measured is True


def test_a_wait_of_minutes_is_not_a_hesitation():
    transcript = [Turn(role="interviewer", text="Q1", start_ms=0, end_ms=2000),
                  _timed(ANSWER, start=2000 + 15 * 60000, wpm=150, mode="dictated")]
    assert D.transcript_metrics(transcript, question_count=1).long_pauses == 0


def test_too_little_speech_gives_no_rate():
    transcript = [_timed("Yes, I did that.", start=0, wpm=150, mode="dictated")]
    metrics = D.transcript_metrics(transcript, question_count=1)
    assert metrics.words_per_minute is None and metrics.delivery_measured is False


def test_results_rows_never_show_an_impossible_number_from_an_older_run():
    from interviews.insights import delivery_rows

    rows = delivery_rows({"words_per_minute": 42701.3, "fillers_per_minute": 1205.0, "filler_counts": {"um": 3},
                          "long_pauses": 0, "average_answer_words": 60, "answer_words": [60]})
    shown = " ".join(f"{r.value} {r.detail}" for r in rows)
    assert "42701" not in shown and "1205" not in shown
    assert rows[0].value == "not measured"


def test_results_rows_say_typed_answers_were_not_measured():
    from interviews.insights import delivery_rows

    rows = delivery_rows({"words_per_minute": None, "fillers_per_minute": None, "delivery_measured": False,
                          "typed_answers": 4, "spoken_answers": 0, "average_answer_words": 120, "answer_words": [120]})
    by_label = {r.label: r for r in rows}
    assert by_label["Speaking rate"].value == "not measured (typed)"
    assert by_label["Filler words"].value == "not measured (typed)"
    assert by_label["Long pauses"].value == "not measured (typed)"
    assert "microphone" in by_label["Speaking rate"].detail


def test_typed_interview_is_scored_on_content_with_delivery_weight_shared_out():
    from interviews.coach.offline import OfflineCoach
    from interviews.tests import coach_samples as S

    resume, job, match = S.materials("software")
    questions = OfflineCoach().plan_questions(resume=resume, job=job, match=match, options=PlanOptions(count=3)).questions[:2]
    typed = [t.model_copy(update={"input_mode": "typed"}) if t.role == "candidate" else t
             for t in S.transcript([q.text for q in questions], S.STRONG_SOFTWARE_ANSWERS, timed=True, wpm=20000)]
    result = OfflineCoach().score(transcript=typed, questions=questions, resume=resume, job=job)
    assert "delivery" not in result.weights and "delivery" not in result.parts
    assert sum(result.weights.values()) == pytest.approx(1.0, abs=0.001)
    assert "not measured (typed)" in result.summary and "weight was shared" in result.summary
    assert "words per minute" not in result.summary
    assert not any("words per minute" in p.text for p in result.improvements + result.strengths)

    spoken = S.transcript([q.text for q in questions], S.STRONG_SOFTWARE_ANSWERS, timed=True, wpm=150)
    spoken = [t.model_copy(update={"input_mode": "dictated"}) if t.role == "candidate" else t for t in spoken]
    measured = OfflineCoach().score(transcript=spoken, questions=questions, resume=resume, job=job)
    assert measured.weights["delivery"] == pytest.approx(0.15)
    assert "150 words per minute" in measured.summary
