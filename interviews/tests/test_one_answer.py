"""One answer per question and attempt: two tabs answering the same question store one answer, the
second gets a clear 409 naming the answer kept, and scoring sees one answer."""

import json

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from interviews.models import TranscriptTurn
from interviews.services.transcript import TurnRejected, turn_record
from interviews.tests.factories import ready_session

pytestmark = pytest.mark.django_db


def _answer(client, session, question, *, client_id, text, **extra):
    body = {"client_id": client_id, "role": "candidate", "text": text, "question_id": question.pk,
            "started_ms": 1000, "ended_ms": 9000, **extra}
    return client.post(reverse("interviews:turns", args=[session.pk]), json.dumps(body),
                       content_type="application/json")


def test_second_tab_answering_the_same_question_is_refused_with_the_kept_answer(client_user, user):
    session = ready_session(user, questions=2)
    question = session.questions.order_by("order").first()
    first = _answer(client_user, session, question, client_id="tab-a-q1", text="I rebuilt the ledger and cut errors by 30%.")
    second = _answer(client_user, session, question, client_id="tab-b-q1", text="Something else entirely from tab B.")
    assert first.status_code == 201
    assert second.status_code == 409
    reply = second.json()
    assert "already answered in another tab or window" in reply["error"]
    assert reply["kept_text"] == "I rebuilt the ledger and cut errors by 30%."
    assert list(session.turns.filter(role="candidate").values_list("text", flat=True)) == [reply["kept_text"]]


def test_same_turn_id_with_other_words_is_the_same_conflict(client_user, user):
    # The room names an answer after its question, so two tabs send the same client_id.
    session = ready_session(user, questions=1)
    question = session.questions.first()
    _answer(client_user, session, question, client_id="q-answer", text="The first tab's answer, with 20% fewer bugs.")
    again = _answer(client_user, session, question, client_id="q-answer", text="The second tab's answer.")
    assert again.status_code == 409 and again.json()["kept_text"].startswith("The first tab's answer")
    assert session.turns.count() == 1


def test_a_retry_of_the_same_answer_is_still_just_idempotent(client_user, user):
    session = ready_session(user, questions=1)
    question = session.questions.first()
    _answer(client_user, session, question, client_id="q-answer", text="Same words.")
    retry = _answer(client_user, session, question, client_id="q-answer", text="Same words.")
    assert retry.status_code == 200 and retry.json()["created"] is False


def test_a_skip_then_an_answer_from_another_tab_keeps_the_skip(client_user, user):
    session = ready_session(user, questions=1)
    question = session.questions.first()
    _answer(client_user, session, question, client_id="a", text="", skipped=True)
    late = _answer(client_user, session, question, client_id="b", text="A late answer from another tab.")
    assert late.status_code == 409 and late.json()["kept_skipped"] is True


def test_the_follow_up_answer_is_a_separate_attempt(client_user, user):
    session = ready_session(user, questions=1)
    question = session.questions.first()
    assert _answer(client_user, session, question, client_id="a", text="Short.").status_code == 201
    follow = _answer(client_user, session, question, client_id="fu", text="We cut p99 by 40%.", is_follow_up=True)
    assert follow.status_code == 201
    second_follow = _answer(client_user, session, question, client_id="fu2", text="Another.", is_follow_up=True)
    assert second_follow.status_code == 409 and "follow-up question" in second_follow.json()["error"]


def test_live_agent_turns_are_not_limited_to_one_per_question(user):
    session = ready_session(user, questions=1)
    question = session.questions.first()
    for n in range(2):
        turn_record(session=session, client_id=f"agent-ask-{n}", role="interviewer", text="Tell me more.",
                    question_id=question.pk, started_ms=0, ended_ms=10, source=TranscriptTurn.Source.AGENT)
        turn_record(session=session, client_id=f"agent-{n}", role="candidate", text=f"Part {n} of a spoken answer.",
                    question_id=question.pk, started_ms=0, ended_ms=10, source=TranscriptTurn.Source.AGENT)
    assert session.turns.count() == 4


def test_the_database_refuses_a_second_answer_written_around_the_service(user):
    session = ready_session(user, questions=1)
    question = session.questions.first()
    TranscriptTurn.objects.create(session=session, seq=1, role="candidate", text="one", question=question, client_id="a")
    with pytest.raises(IntegrityError), transaction.atomic():
        TranscriptTurn.objects.create(session=session, seq=2, role="candidate", text="two", question=question,
                                      client_id="b")


def test_a_race_past_the_service_check_still_answers_409(user, monkeypatch):
    """Two requests both find no answer, the second insert hits the constraint: it gets the 409."""
    from interviews.services import transcript

    session = ready_session(user, questions=1)
    question = session.questions.first()
    turn_record(session=session, client_id="a", role="candidate", text="first", question_id=question.pk,
                started_ms=0, ended_ms=5)
    real = transcript._answer_to
    calls = iter([None])  # the in-lock check misses (as a racing request would), the fallback finds it
    monkeypatch.setattr(transcript, "_answer_to", lambda *a, **k: next(calls, None) or real(*a, **k))
    with pytest.raises(TurnRejected) as refused:
        turn_record(session=session, client_id="b", role="candidate", text="second", question_id=question.pk,
                    started_ms=0, ended_ms=5)
    assert refused.value.status == 409 and refused.value.details["kept_text"] == "first"


@pytest.mark.django_db(transaction=True)
def test_migration_merges_existing_duplicate_answers_in_order(user):
    executor = MigrationExecutor(connection)
    executor.migrate([("interviews", "0002_video")])
    try:
        old = executor.loader.project_state([("interviews", "0002_video")]).apps
        Session, Turn = old.get_model("interviews", "InterviewSession"), old.get_model("interviews", "TranscriptTurn")
        Question = old.get_model("interviews", "Question")
        session = Session.objects.create(user_id=user.pk, title="t", status="finished")
        question = Question.objects.create(session=session, order=0, kind="behavioral", text="Tell me about a time.")
        for seq, (text, end) in enumerate([("From tab A.", 5000), ("From tab B.", 9000)], start=1):
            Turn.objects.create(session=session, seq=seq, role="candidate", text=text, question=question,
                                client_id=f"c{seq}", ended_ms=end, source="practice")
        executor = MigrationExecutor(connection)
        executor.migrate([("interviews", "0003_hardening_one_answer_per_question")])
        # Read through that migration's own state: later migrations may add columns the table lacks yet.
        merged = executor.loader.project_state([("interviews", "0003_hardening_one_answer_per_question")]).apps.get_model(
            "interviews", "TranscriptTurn").objects.get(session_id=session.pk)
        assert merged.text == "From tab A.\n\nFrom tab B." and merged.ended_ms == 9000 and merged.seq == 1
    finally:
        MigrationExecutor(connection).migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
