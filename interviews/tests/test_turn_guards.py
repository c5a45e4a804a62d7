"""The turns endpoint refuses hostile bodies with a clear 400 in JSON, and stores nothing."""

import json

import pytest
from django.urls import reverse

from interviews.models import TranscriptTurn
from interviews.tests.factories import ready_session

pytestmark = pytest.mark.django_db(transaction=False)


def _post_raw(client, session, body: bytes | str):
    return client.post(reverse("interviews:turns", args=[session.pk]), body, content_type="application/json")


def _turn(session, **changes) -> dict:
    body = {"client_id": "c-1", "role": "candidate", "text": "I cut the build time by 40% by caching wheels.",
            "question_id": session.questions.first().pk, "started_ms": 1000, "ended_ms": 9000}
    body.update(changes)
    return body


def test_deeply_nested_json_is_a_clear_400(client_user, user):
    session = ready_session(user, questions=1)
    response = _post_raw(client_user, session, "[" * 30_000 + "]" * 30_000)
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert "nested too deeply" in response.json()["error"]
    assert not TranscriptTurn.objects.exists()


def test_deeply_nested_value_inside_an_object_is_a_clear_400(client_user, user):
    session = ready_session(user, questions=1)
    body = json.dumps(_turn(session))[:-1] + ', "extra": ' + "[" * 25_000 + "]" * 25_000 + "}"
    response = _post_raw(client_user, session, body)
    assert response.status_code == 400 and response.json()["ok"] is False
    assert not TranscriptTurn.objects.exists()


@pytest.mark.parametrize("field", ["text", "client_id"])
def test_lone_surrogate_is_a_clear_400(client_user, user, field):
    session = ready_session(user, questions=1)
    # json.dumps writes "\ud800" as an escape; json.loads turns it back into a lone surrogate.
    body = json.dumps(_turn(session, **{field: "answer \ud800 here"}))
    response = _post_raw(client_user, session, body)
    assert response.status_code == 400
    assert "cannot be saved" in response.json()["error"] and field in response.json()["error"]
    assert not TranscriptTurn.objects.exists()


@pytest.mark.parametrize("field", ["text", "client_id", "role"])
def test_nul_character_is_a_clear_400(client_user, user, field):
    session = ready_session(user, questions=1)
    response = _post_raw(client_user, session, json.dumps(_turn(session, **{field: "candi\x00date"})))
    assert response.status_code == 400 and "cannot be saved" in response.json()["error"]
    assert not TranscriptTurn.objects.exists()


def test_declared_length_over_the_limit_is_refused_before_reading(client_user, user):
    session = ready_session(user, questions=1)
    response = client_user.post(reverse("interviews:turns", args=[session.pk]), json.dumps(_turn(session)),
                                content_type="application/json", CONTENT_LENGTH=str(10 * 1024 * 1024))
    assert response.status_code == 413 and "too large" in response.json()["error"]


@pytest.mark.parametrize("question_id", [2**63, 10**30])
def test_question_id_past_64_bits_is_a_clear_400(client_user, user, question_id):
    session = ready_session(user, questions=1)
    response = _post_raw(client_user, session, json.dumps(_turn(session, question_id=question_id)))
    assert response.status_code == 400 and "not part of this interview" in response.json()["error"]


def test_a_normal_turn_still_saves_unicode_text(client_user, user):
    session = ready_session(user, questions=1)
    response = _post_raw(client_user, session, json.dumps(_turn(session, text="Ich habe die Latenz um 40 % gesenkt — 🚀")))
    assert response.status_code == 201
    assert TranscriptTurn.objects.get().text.endswith("🚀")
