"""`manage.py video_check` against local fakes of Tavus, LiveKit (Twirp) and Gemini."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from interviews.tests.fake_gemini import FakeGemini, model_entry
from interviews.video.checks import livekit_http_url, video_checks

LIVE_MODEL = "gemini-2.5-flash-native-audio-preview-09-2025"


@pytest.fixture
def fake_gemini(settings):
    with FakeGemini(api_key="gemini-test-key") as fake:
        settings.GEMINI_BASE_URL = fake.url
        settings.GEMINI_LIVE_MODEL = LIVE_MODEL
        yield fake


@pytest.fixture
def configured(video_settings, fake_gemini, fake_tavus):
    video_settings.TAVUS_PAL_ID = fake_tavus.add_pal()
    return video_settings


def _run(*args) -> tuple[int, str]:
    out = StringIO()
    try:
        call_command("video_check", "--timeout", "3", *args, stdout=out)
    except CommandError as error:
        return 1, out.getvalue() + str(error)
    return 0, out.getvalue()


def _by_name(checks):
    return {f"{c.service}: {c.name}": c for c in checks}


def test_everything_configured_passes_and_calls_each_service(configured, fake_tavus, fake_livekit, fake_gemini):
    code, out = _run()

    assert code == 0, out
    assert "Video interviews are ready." in out
    assert "FAIL" not in out
    # Tavus: key on every call, the PAL read.
    assert {r.headers["x-api-key"] for r in fake_tavus.requests} == {fake_tavus.api_key}
    assert fake_tavus.requests_to("GET", f"/v2/pals/{configured.TAVUS_PAL_ID}")
    # LiveKit: a real Twirp call whose bearer JWT verified with our key and secret, with the list grant.
    (call,) = fake_livekit.requests
    assert call.path == "/twirp/livekit.RoomService/ListRooms"
    assert call.claims is not None and call.claims.video.room_list is True
    assert call.headers["content-type"] == "application/protobuf"
    # Gemini: models.get for the Live model, with the key.
    (get,) = [r for r in fake_gemini.requests if r.method == "GET"]
    assert get.path == f"/v1beta/models/{LIVE_MODEL}"
    assert get.headers["x-goog-api-key"] == "gemini-test-key"


def test_nothing_configured_fails_with_the_setting_names(settings):
    for name in ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "TAVUS_API_KEY", "GEMINI_API_KEY"):
        setattr(settings, name, "")
    code, out = _run()
    assert code == 1
    assert "4 check(s) failed" in out  # settings, Tavus, LiveKit, Gemini: nothing pretends to pass
    checks = _by_name(video_checks(timeout=1))
    assert checks["Settings: required settings"].detail == (
        "not set: LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET, TAVUS_API_KEY, GEMINI_API_KEY")
    assert checks["Tavus: API key"].fix.startswith("Create a key in the Tavus developer portal")
    assert checks["Gemini: Live model"].fix == "Create a key in Google AI Studio and set GEMINI_API_KEY."


def test_stock_pal_is_a_warning_not_a_failure(video_settings, fake_gemini):
    video_settings.TAVUS_CALLBACK_BASE_URL = "https://saylo.example.com"
    code, out = _run()
    assert code == 0
    assert "TAVUS_PAL_ID is not set" in out and "1 warning(s)" in out


@pytest.mark.parametrize(("base", "status"), [("", "warn"), ("saylo.example.com", "fail"),
                                              ("http://saylo.example.com", "warn"), ("https://saylo.example.com", "ok")])
def test_callback_base_url(settings, base, status):
    settings.TAVUS_CALLBACK_BASE_URL = base
    assert _by_name(video_checks(timeout=1))["Settings: TAVUS_CALLBACK_BASE_URL"].status == status


def test_a_full_pipeline_pal_fails(configured, fake_tavus):
    configured.TAVUS_PAL_ID = fake_tavus.add_pal(pipeline_mode="full", transport="")
    code, out = _run()
    assert code == 1
    check = _by_name(video_checks(timeout=3))["Tavus: PAL"]
    assert check.failed
    assert 'pipeline_mode is "full", not "echo"' in check.detail and 'transport is "unset"' in check.detail
    assert "tavus_pal create" in check.fix


def test_an_unknown_pal_fails(configured):
    configured.TAVUS_PAL_ID = "pmissing"
    check = _by_name(video_checks(timeout=3))["Tavus: PAL"]
    assert check.failed and "tavus_pal create" in check.fix


def test_face_checks(configured, fake_tavus):
    configured.TAVUS_FACE_ID = "rnothere"
    assert _by_name(video_checks(timeout=3))["Tavus: face"].failed
    configured.TAVUS_FACE_ID = fake_tavus.add_face(status="started")
    check = _by_name(video_checks(timeout=3))["Tavus: face"]
    assert check.failed and "not ready: started" in check.detail
    configured.TAVUS_FACE_ID = fake_tavus.add_face()
    assert _by_name(video_checks(timeout=3))["Tavus: face"].status == "ok"


def test_a_wrong_tavus_key_fails(configured):
    configured.TAVUS_API_KEY = "wrong"
    checks = _by_name(video_checks(timeout=3))
    assert checks["Tavus: API key"].failed and "refused the API key" in checks["Tavus: API key"].detail
    assert "Tavus: PAL" not in checks  # nothing more is asked with a refused key


def test_a_wrong_livekit_secret_fails(configured, fake_livekit):
    configured.LIVEKIT_API_SECRET = "not-the-secret-but-long-enough-0123456789"
    check = _by_name(video_checks(timeout=3))["LiveKit: server API"]
    assert check.failed and "refused the key and secret (401" in check.detail
    assert fake_livekit.requests[0].error  # the fake really rejected the signature


def test_an_unreachable_livekit_fails(configured, fake_livekit):
    fake_livekit.stop()
    check = _by_name(video_checks(timeout=2))["LiveKit: server API"]
    assert check.failed and "could not reach" in check.detail


def test_a_livekit_url_that_is_not_a_url_fails(configured):
    configured.LIVEKIT_URL = "my-project"
    check = _by_name(video_checks(timeout=2))["LiveKit: server API"]
    assert check.failed and "not a ws(s)://" in check.detail


def test_livekit_http_url():
    assert livekit_http_url("wss://demo.livekit.cloud") == "https://demo.livekit.cloud"
    assert livekit_http_url("ws://127.0.0.1:7880/") == "http://127.0.0.1:7880"
    assert livekit_http_url("https://lk.example.com/base") == "https://lk.example.com/base"
    with pytest.raises(ValueError):
        livekit_http_url("demo.livekit.cloud")


def test_an_unknown_gemini_model_fails(configured):
    configured.GEMINI_LIVE_MODEL = "gemini-0-nonexistent"
    check = _by_name(video_checks(timeout=3))["Gemini: Live model"]
    assert check.failed and "does not exist" in check.detail


def test_a_model_without_the_live_api_fails(configured, fake_gemini):
    fake_gemini.models["gemini-2.5-flash"] = model_entry("gemini-2.5-flash")
    configured.GEMINI_LIVE_MODEL = "gemini-2.5-flash"
    check = _by_name(video_checks(timeout=3))["Gemini: Live model"]
    assert check.failed and "does not speak the Live API" in check.detail


def test_a_wrong_gemini_key_fails(configured):
    configured.GEMINI_API_KEY = "wrong"
    check = _by_name(video_checks(timeout=3))["Gemini: Live model"]
    assert check.failed and "refused the key" in check.detail


def test_json_output(configured):
    code, out = _run("--json")
    rows = json.loads(out[: out.rindex("]") + 1])
    assert code == 0
    assert {row["service"] for row in rows} == {"Settings", "Tavus", "LiveKit", "Gemini"}
    assert all(row["status"] in {"ok", "warn"} for row in rows)


@pytest.mark.parametrize(("recording", "status"), [(False, "ok"), (True, "warn")])
def test_recording_is_named(settings, recording, status):
    settings.VIDEO_RECORDING = recording
    assert _by_name(video_checks(timeout=1))["Settings: VIDEO_RECORDING"].status == status


def test_an_interview_longer_than_gemini_live_holds_is_a_warning(settings):
    settings.VIDEO_MAX_MINUTES, settings.INTERVIEW_AGENT_MODEL = 30, "live"
    row = _by_name(video_checks(timeout=1))["Settings: VIDEO_MAX_MINUTES"]
    assert row.status == "warn" and "set VIDEO_MAX_MINUTES to 20 or less" in row.fix
    settings.VIDEO_MAX_MINUTES = 20
    assert "Settings: VIDEO_MAX_MINUTES" not in _by_name(video_checks(timeout=1))
