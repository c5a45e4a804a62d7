"""What one practice interview can hold (issue 20, finding 10): the browser posts only the candidate's
own words; the interviewer's come from the plan and the coach, once per question and follow-up; a bounded
number of turns per question, and the candidate's words within a total size."""

import json

import pytest
from django.urls import reverse

from interviews.models import TranscriptTurn
from interviews.services import transcript
from interviews.services.transcript import MAX_SESSION_CHARS, TurnRejected, turn_record
from interviews.tests.factories import ready_session

pytestmark = pytest.mark.django_db


def _post(client, session, **turn):
    return client.post(reverse("interviews:turns", args=[session.pk]), data=json.dumps(turn),
                       content_type="application/json")


def test_interviewer_turns_from_the_browser_carry_the_plan_once_whatever_was_posted(client_user, user):
    session = ready_session(user, questions=2)
    question = session.questions.order_by("order").first()
    flood = "x" * 19_900
    answers = [_post(client_user, session, client_id=f"ask-{n}", role="interviewer", text=flood,
                     question_id=question.pk, started_ms=0, ended_ms=10) for n in range(200)]
    assert answers[0].status_code == 201
    assert {a.status_code for a in answers[1:]} == {409}
    stored = TranscriptTurn.objects.get(session=session)
    assert stored.text == question.text and len(stored.text) < 1_000


def test_a_turn_without_a_question_is_refused(client_user, user):
    session = ready_session(user, questions=1)
    response = _post(client_user, session, client_id="free", role="interviewer", text="Anything at all",
                     question_id=None)
    assert response.status_code == 400 and "belongs to a question" in response.json()["error"]
    assert not session.turns.exists()


def test_a_follow_up_turn_is_recorded_only_once_the_coach_asked_one(user, monkeypatch):
    session = ready_session(user, questions=1)
    question = session.questions.first()
    with pytest.raises(TurnRejected) as refused:
        turn_record(session=session, client_id="fu-ask", role="interviewer", text="Whatever I like",
                    question_id=question.pk, started_ms=0, ended_ms=5, is_follow_up=True)
    assert refused.value.status == 409

    monkeypatch.setattr(transcript, "_follow_up_for", lambda **kwargs: "What did you measure afterwards?")
    result = turn_record(session=session, client_id="answer", role="candidate", text="I rebuilt the pipeline.",
                         question_id=question.pk, started_ms=0, ended_ms=5, want_follow_up=True)
    assert result.follow_up == "What did you measure afterwards?"
    turn = turn_record(session=session, client_id="fu-ask", role="interviewer", text="Something else entirely",
                       question_id=question.pk, started_ms=6, ended_ms=8, is_follow_up=True).turn
    assert turn.text == "What did you measure afterwards?"


def test_the_candidates_words_stay_within_the_interviews_size(user):
    session = ready_session(user, questions=8)
    questions = list(session.questions.order_by("order"))
    answer = "I led the migration and measured the result. " * 420  # about 19,300 characters, within one turn's limit
    kept = 0
    for index, question in enumerate(questions):
        try:
            turn_record(session=session, client_id=f"a{index}", role="candidate", text=answer,
                        question_id=question.pk, started_ms=0, ended_ms=5)
            kept += 1
        except TurnRejected as refused:
            assert refused.status == 413 and "End it to see your results" in refused.message
            break
    assert kept == MAX_SESSION_CHARS // len(answer.strip())
    total = sum(len(t) for t in session.turns.values_list("text", flat=True))
    assert total <= MAX_SESSION_CHARS


def test_the_state_endpoint_stays_small_after_a_flood(client_user, user):
    session = ready_session(user, questions=3)
    question = session.questions.first()
    for n in range(50):
        _post(client_user, session, client_id=f"x{n}", role="interviewer", text="y" * 19_000, question_id=question.pk)
    state = client_user.get(reverse("interviews:state", args=[session.pk]))
    assert state.status_code == 200 and len(state.content) < 5_000
