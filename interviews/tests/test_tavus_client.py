"""The Tavus client against the local fake Tavus server (interviews/tests/fake_tavus.py)."""

from datetime import UTC, datetime

import pytest
import requests

from interviews.tests.fake_tavus import CONCURRENCY_MESSAGE, STOCK_FACE_ID, STOCK_PAL_ID, FakeTavus
from interviews.video.checks import run_coroutine
from interviews.video.tavus import Conversation, Pal, TavusClient, TavusError, tavus_client


@pytest.fixture
def client(fake_tavus):
    return TavusClient(api_key=fake_tavus.api_key, api_url=fake_tavus.url, timeout=2, retries=0)


def test_every_request_carries_the_key_in_x_api_key(client, fake_tavus):
    client.pal_get(STOCK_PAL_ID)
    client.conversations_list()
    assert len(fake_tavus.requests) == 2
    assert {r.headers.get("x-api-key") for r in fake_tavus.requests} == {fake_tavus.api_key}
    assert all("authorization" not in r.headers for r in fake_tavus.requests)


def test_pal_create_sends_an_echo_pal_on_livekit_transport(client, fake_tavus):
    pal = client.pal_create(name="Saylo interviewer", face_id=STOCK_FACE_ID)

    sent = fake_tavus.requests_to("POST", "/v2/pals")[0].json
    assert sent["pipeline_mode"] == "echo"
    assert sent["layers"] == {"transport": {"transport_type": "livekit"}}
    assert sent["default_face_id"] == STOCK_FACE_ID
    assert sent["pal_name"] == "Saylo interviewer"
    assert isinstance(pal, Pal) and pal.pal_id in fake_tavus.pals
    assert pal.problems == []


def test_pal_get_reads_the_documented_data_list_and_reports_what_is_wrong(client, fake_tavus):
    full = fake_tavus.add_pal(pipeline_mode="full", transport="")
    pal = client.pal_get(full)
    assert pal.pal_id == full and pal.pipeline_mode == "full"
    assert pal.problems == ['its pipeline_mode is "full", not "echo"', 'its transport is "unset", not "livekit"']
    assert fake_tavus.requests[-1].path == f"/v2/pals/{full}"


def test_pal_get_unknown_id_is_not_found(client):
    with pytest.raises(TavusError) as caught:
        client.pal_get("pdoesnotexist")
    assert caught.value.code == "not_found" and caught.value.status == 404


def test_face_get(client, fake_tavus):
    face = client.face_get(STOCK_FACE_ID)
    assert face.face_id == STOCK_FACE_ID and face.ready
    training = fake_tavus.add_face(status="started")
    assert not client.face_get(training).ready


def test_conversation_create_get_and_end(client, fake_tavus):
    created = client.conversation_create(pal_id=STOCK_PAL_ID, name="Interview 7", callback_url="https://x.test/cb",
                                         properties={"livekit_ws_url": "wss://lk.test", "livekit_room_token": "jwt"})
    assert isinstance(created, Conversation) and created.status == "active"
    assert created.created_at is not None and created.created_at.tzinfo is not None
    assert fake_tavus.conversations[created.conversation_id].callback_url == "https://x.test/cb"

    assert client.conversation_get(created.conversation_id).status == "active"
    assert client.conversation_end(created.conversation_id) is True
    assert fake_tavus.conversations[created.conversation_id].status == "ended"
    assert fake_tavus.requests_to("POST", "/end")[0].path == f"/v2/conversations/{created.conversation_id}/end"
    assert client.conversation_get(created.conversation_id).ended


def test_conversation_end_is_idempotent(client, fake_tavus):
    conversation = fake_tavus.add_conversation()
    assert client.conversation_end(conversation.conversation_id) is True
    # Tavus answers 400 for an ended conversation; the client checks its status and is satisfied.
    assert client.conversation_end(conversation.conversation_id) is False
    assert fake_tavus.conversations[conversation.conversation_id].status == "ended"


def test_conversation_end_of_an_unknown_id_is_an_error(client):
    with pytest.raises(TavusError) as caught:
        client.conversation_end("cnothere")
    assert caught.value.code == "not_found"


def test_conversations_list_filters_by_status_and_reads_every_page(client, fake_tavus):
    for _ in range(105):
        fake_tavus.add_conversation()
    ended = fake_tavus.add_conversation(status="ended")

    active = client.conversations_list(status="active")

    assert len(active) == 105 and ended.conversation_id not in {c.conversation_id for c in active}
    pages = fake_tavus.requests_to("GET", "/v2/conversations")
    assert [r.query["page"] for r in pages] == ["1", "2"]
    assert all(r.query["status"] == "active" and r.query["limit"] == "100" for r in pages)
    assert len(client.conversations_list(status="ended")) == 1


def test_concurrency_limit_is_a_plain_tavus_error(client, fake_tavus):
    fake_tavus.max_concurrent = 1
    fake_tavus.add_conversation()
    with pytest.raises(TavusError) as caught:
        client.conversation_create(pal_id=STOCK_PAL_ID,
                                   properties={"livekit_ws_url": "wss://lk.test", "livekit_room_token": "jwt"})
    error = caught.value
    assert (error.status, error.code) == (400, "concurrency_limit")
    assert error.detail == CONCURRENCY_MESSAGE
    assert "tavus_sweep" in error.message and str(error) == error.message


def test_injected_concurrency_limit(client, fake_tavus):
    fake_tavus.concurrency_limit(path="/conversations")
    with pytest.raises(TavusError) as caught:
        client.conversation_create(pal_id=STOCK_PAL_ID,
                                   properties={"livekit_ws_url": "wss://lk.test", "livekit_room_token": "jwt"})
    assert caught.value.code == "concurrency_limit"
    assert fake_tavus.created == []


def test_wrong_key_is_unauthorized(fake_tavus):
    client = TavusClient(api_key="not-the-key", api_url=fake_tavus.url, retries=0)
    with pytest.raises(TavusError) as caught:
        client.conversations_list()
    assert (caught.value.status, caught.value.code) == (401, "unauthorized")
    assert "TAVUS_API_KEY" in caught.value.message


def test_injected_401(client, fake_tavus):
    fake_tavus.unauthorized()
    with pytest.raises(TavusError) as caught:
        client.pal_get(STOCK_PAL_ID)
    assert caught.value.code == "unauthorized"


def test_500_is_a_server_error(client, fake_tavus):
    fake_tavus.server_error()
    with pytest.raises(TavusError) as caught:
        client.conversations_list()
    assert (caught.value.status, caught.value.code) == (500, "server_error")
    assert "Try again" in caught.value.message


def test_idempotent_calls_are_retried_once_after_a_500(fake_tavus):
    conversation = fake_tavus.add_conversation()
    fake_tavus.server_error(path="/end")
    client = TavusClient(api_key=fake_tavus.api_key, api_url=fake_tavus.url, retries=1)
    assert client.conversation_end(conversation.conversation_id) is True
    assert len(fake_tavus.requests_to("POST", "/end")) == 2
    assert fake_tavus.conversations[conversation.conversation_id].status == "ended"


def test_create_is_never_retried(fake_tavus):
    fake_tavus.server_error(path="/conversations")
    client = TavusClient(api_key=fake_tavus.api_key, api_url=fake_tavus.url, retries=3)
    with pytest.raises(TavusError):
        client.conversation_create(pal_id=STOCK_PAL_ID,
                                   properties={"livekit_ws_url": "wss://lk.test", "livekit_room_token": "jwt"})
    assert len(fake_tavus.requests_to("POST", "/v2/conversations")) == 1


def test_timeout_is_a_tavus_error(fake_tavus):
    fake_tavus.hang(1.0)
    client = TavusClient(api_key=fake_tavus.api_key, api_url=fake_tavus.url, timeout=0.2, retries=0)
    with pytest.raises(TavusError) as caught:
        client.conversation_get("c1")
    assert (caught.value.status, caught.value.code) == (None, "timeout")
    assert "did not answer within 0.2 seconds" in caught.value.message


def test_unreachable_server_is_a_tavus_error():
    with FakeTavus() as fake:
        url = fake.url
    client = TavusClient(api_key="k", api_url=url, timeout=0.5, retries=0)
    with pytest.raises(TavusError) as caught:
        client.conversations_list()
    assert caught.value.code == "unreachable"


def test_a_reply_that_is_not_json_is_a_tavus_error(client, fake_tavus):
    fake_tavus.fail_next(200, "<html>gateway</html>")
    with pytest.raises(TavusError) as caught:
        client.conversation_get("c1")
    assert caught.value.code == "bad_reply"


def test_ids_cannot_change_the_path(client, fake_tavus):
    with pytest.raises(TavusError) as caught:
        client.conversation_end("../pals/x")
    assert caught.value.code == "bad_id"
    assert fake_tavus.requests == []


def test_times_without_a_zone_are_utc():
    conversation = Conversation.model_validate(
        {"conversation_id": "c1", "created_at": "2024-08-28 15:27:40.824457", "updated_at": ""})
    assert conversation.created_at == datetime(2024, 8, 28, 15, 27, 40, 824457, tzinfo=UTC)
    assert conversation.updated_at is None


def test_legacy_persona_and_replica_names_are_read():
    pal = Pal.model_validate({"persona_id": "p1", "persona_name": "Old", "default_replica_id": "r1",
                              "pipeline_mode": "echo", "layers": {"transport": {"transport_type": "livekit"}}})
    assert (pal.pal_id, pal.pal_name, pal.default_face_id, pal.problems) == ("p1", "Old", "r1", [])


def test_tavus_client_reads_settings(fake_tavus):
    client = tavus_client()
    assert client.api_url == fake_tavus.url and client.api_key == fake_tavus.api_key
    assert client.conversations_list() == []


def test_tavus_client_without_a_key_says_what_to_set(settings):
    settings.TAVUS_API_KEY = ""
    with pytest.raises(TavusError) as caught:
        tavus_client()
    assert caught.value.code == "not_configured" and "TAVUS_API_KEY" in caught.value.message


def test_fake_refuses_a_livekit_conversation_without_room_credentials(fake_tavus):
    response = requests.post(f"{fake_tavus.url}/conversations", json={"pal_id": STOCK_PAL_ID},
                             headers={"x-api-key": fake_tavus.api_key}, timeout=2)
    assert response.status_code == 400 and "livekit_ws_url" in response.json()["error"]


def test_the_livekit_plugin_talks_to_the_fake_as_to_tavus(fake_tavus):
    """livekit-plugins-tavus's own HTTP client (what AvatarSession.start uses) against the fake."""
    import aiohttp
    from livekit.plugins.tavus.api import TavusAPI

    async def scenario():
        async with aiohttp.ClientSession() as session:
            api = TavusAPI(api_key=fake_tavus.api_key, api_url=fake_tavus.url, session=session)
            pal_id = await api.create_pal("Saylo", default_face_id=STOCK_FACE_ID)
            conversation_id = await api.create_conversation(
                pal_id=pal_id, properties={"livekit_ws_url": "wss://lk.test", "livekit_room_token": "jwt"})
            return pal_id, conversation_id

    pal_id, conversation_id = run_coroutine(scenario())

    assert fake_tavus.pals[pal_id]["pipeline_mode"] == "echo"
    sent = fake_tavus.requests_to("POST", "/v2/conversations")[0]
    assert sent.headers["x-api-key"] == fake_tavus.api_key
    assert sent.json["properties"] == {"livekit_ws_url": "wss://lk.test", "livekit_room_token": "jwt"}
    assert sent.json["conversation_name"].startswith("lk_conversation_")
    assert [c.conversation_id for c in fake_tavus.active] == [conversation_id]
    # …and our client ends what the plugin started.
    TavusClient(api_key=fake_tavus.api_key, api_url=fake_tavus.url).conversation_end(conversation_id)
    assert fake_tavus.active == [] and all(c.status == "ended" for c in fake_tavus.created)
