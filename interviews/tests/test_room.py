"""The practice room's page and JSON endpoints: every turn saved once, bad turns refused cleanly."""

import json

import pytest
from django.urls import reverse

from interviews.models import InterviewSession, TranscriptTurn
from interviews.tests.factories import SessionFactory, TurnFactory, ready_session
from saylo.tests.html import json_script

pytestmark = pytest.mark.django_db


def _post_turn(client, session, **payload):
    body = {"client_id": "c-1", "role": "candidate", "text": "I migrated the billing system and cut costs by 30%.",
            "question_id": session.questions.first().pk, "started_ms": 1000, "ended_ms": 31000}
    body.update(payload)
    return client.post(reverse("interviews:turns", args=[session.pk]), json.dumps(body), content_type="application/json")


def test_room_shows_first_question_and_config(client_user, user):
    session = ready_session(user, questions=3)
    first = session.questions.order_by("order").first()
    response = client_user.get(reverse("interviews:room", args=[session.pk]))
    body = response.content.decode()
    assert first.text in body and 'id="room-config"' in body and "Question 1 of 3" in body
    config = json_script(body, "room-config")
    assert [q["id"] for q in config["questions"]] == list(session.questions.order_by("order").values_list("pk", flat=True))


def test_room_resumes_at_next_unanswered_question(client_user, user):
    session = ready_session(user, questions=3)
    first, second, _ = session.questions.order_by("order")
    TurnFactory(session=session, seq=1, role="interviewer", text=first.text, question=first, client_id="a")
    TurnFactory(session=session, seq=2, role="candidate", question=first, client_id="b", ended_ms=40000)
    body = client_user.get(reverse("interviews:room", args=[session.pk])).content.decode()
    assert "Question 2 of 3" in body and second.text in body
    assert '"elapsedMs": 40000' in body


def test_starting_a_session_that_is_not_ready_redirects_with_message(client_user, user):
    session = SessionFactory(user=user, status=InterviewSession.Status.PREPARING)
    response = client_user.get(reverse("interviews:room", args=[session.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("interviews:detail", args=[session.pk])
    assert "not ready yet" in response.content.decode()


def test_finished_session_room_goes_to_results(client_user, user):
    session = ready_session(user, questions=1, status=InterviewSession.Status.SCORED)
    response = client_user.get(reverse("interviews:room", args=[session.pk]))
    assert response.url == reverse("interviews:results", args=[session.pk])


def test_turn_is_saved_with_times_and_starts_the_interview(client_user, user):
    session = ready_session(user, questions=2)
    response = _post_turn(client_user, session)
    assert response.status_code == 201 and response.json()["created"] is True
    turn = TranscriptTurn.objects.get(session=session)
    assert (turn.seq, turn.role, turn.started_ms, turn.ended_ms) == (1, "candidate", 1000, 31000)
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.LIVE and session.started_at is not None


def test_same_client_id_twice_is_stored_once(client_user, user):
    session = ready_session(user, questions=2)
    _post_turn(client_user, session)
    assert _post_turn(client_user, session).json()["created"] is False  # a retry: idempotent
    response = _post_turn(client_user, session, text="a different retry body")
    assert response.status_code == 409 and response.json()["kept_text"].startswith("I migrated")  # another tab
    assert TranscriptTurn.objects.filter(session=session).count() == 1
    assert TranscriptTurn.objects.get(session=session).text.startswith("I migrated")


def test_turn_for_question_of_another_session_is_rejected(client_user, user):
    session = ready_session(user, questions=1)
    elsewhere = ready_session(user, questions=1)
    response = _post_turn(client_user, session, question_id=elsewhere.questions.first().pk)
    assert response.status_code == 400 and "not part of this interview" in response.json()["error"]
    assert not TranscriptTurn.objects.exists()


def test_turn_for_another_users_session_is_404(client_user, other_user):
    theirs = ready_session(other_user, questions=1)
    assert _post_turn(client_user, theirs).status_code == 404
    assert not TranscriptTurn.objects.exists()


def test_turn_after_the_session_finished_is_409(client_user, user):
    session = ready_session(user, questions=1, status=InterviewSession.Status.FINISHED)
    response = _post_turn(client_user, session)
    assert response.status_code == 409 and "has ended" in response.json()["error"]
    assert not TranscriptTurn.objects.exists()


def test_oversized_turn_body_is_413(client_user, user):
    session = ready_session(user, questions=1)
    response = _post_turn(client_user, session, text="word " * 20000)
    assert response.status_code == 413
    assert not TranscriptTurn.objects.exists()


@pytest.mark.parametrize("payload, message", [
    ({"role": "narrator"}, "role must be"),
    ({"client_id": ""}, "client_id is required"),
    ({"started_ms": -5}, "whole milliseconds"),
    ({"started_ms": 5000, "ended_ms": 10}, "before started_ms"),
    ({"question_id": "7"}, "question_id must be a number"),
    ({"text": 12}, "text must be a string"),
    ({"input_mode": "telepathy"}, "input_mode must be"),
    ({"input_mode": 3}, "input_mode must be"),
])
def test_malformed_turns_are_400(client_user, user, payload, message):
    session = ready_session(user, questions=1)
    response = _post_turn(client_user, session, **payload)
    assert response.status_code == 400 and message in response.json()["error"]
    assert not TranscriptTurn.objects.exists()


def test_non_json_body_is_400(client_user, user):
    session = ready_session(user, questions=1)
    response = client_user.post(reverse("interviews:turns", args=[session.pk]), "not json", content_type="application/json")
    assert response.status_code == 400


def test_turn_without_csrf_is_refused(user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    session = ready_session(user, questions=1)
    response = _post_turn(client, session)
    assert response.status_code == 403
    assert not TranscriptTurn.objects.exists()


def test_thin_answer_gets_one_follow_up(client_user, user):
    session = ready_session(user, questions=2)
    question = session.questions.first()
    response = _post_turn(client_user, session, text="We did it.", want_follow_up=True)
    follow_up = response.json()["follow_up"]
    assert follow_up
    _post_turn(client_user, session, client_id="fu-ask", role="interviewer", text=follow_up, is_follow_up=True,
               question_id=question.pk)
    again = _post_turn(client_user, session, client_id="c-2", text="Still short.", want_follow_up=True)
    # A second answer to the same question is refused (one answer per question), so no second probe.
    assert again.status_code == 409 and "follow_up" not in again.json()


def test_end_finishes_and_scores(client_user, user, django_capture_on_commit_callbacks):
    session = ready_session(user, questions=2)
    _post_turn(client_user, session)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_user.post(reverse("interviews:end", args=[session.pk]), HTTP_ACCEPT="application/json")
    assert response.json()["results_url"] == reverse("interviews:results", args=[session.pk])
    session.refresh_from_db()
    assert session.status == InterviewSession.Status.SCORED and session.ended_at is not None
    assert session.score_runs.count() == 1


def test_end_twice_scores_once(client_user, user, django_capture_on_commit_callbacks):
    session = ready_session(user, questions=1)
    with django_capture_on_commit_callbacks(execute=True):
        client_user.post(reverse("interviews:end", args=[session.pk]))
        response = client_user.post(reverse("interviews:end", args=[session.pk]))
    assert response.status_code == 302
    assert session.score_runs.count() == 1


def test_state_endpoint_reports_progress(client_user, user):
    session = ready_session(user, questions=2)
    _post_turn(client_user, session)
    data = client_user.get(reverse("interviews:state", args=[session.pk])).json()
    assert data["next_index"] == 1 and data["status"] == "live" and len(data["turns"]) == 1


@pytest.mark.parametrize("mode", ["typed", "dictated", "mixed"])
def test_turn_records_how_the_answer_was_given(client_user, user, mode):
    session = ready_session(user, questions=1)
    assert _post_turn(client_user, session, input_mode=mode).status_code == 201
    assert TranscriptTurn.objects.get(session=session).input_mode == mode


def test_turn_without_input_mode_is_stored_as_not_recorded(client_user, user):
    session = ready_session(user, questions=1)
    _post_turn(client_user, session)
    assert TranscriptTurn.objects.get(session=session).input_mode == ""


def test_input_mode_reaches_the_scorer(user):
    from interviews.services.scoring import transcript_for_coach

    session = ready_session(user, questions=2)
    first, second = session.questions.order_by("order")
    TurnFactory(session=session, seq=1, role="candidate", question=first, client_id="a", input_mode="typed")
    TurnFactory(session=session, seq=2, role="candidate", question=second, client_id="b", input_mode="dictated")
    TurnFactory(session=session, seq=3, role="candidate", question=None, client_id="c", source="agent")
    turns, _ = transcript_for_coach(session)
    assert [t.input_mode for t in turns] == ["typed", "dictated", "spoken"]
