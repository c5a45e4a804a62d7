"""`make bench` section: how long the video start endpoint takes from request to token.

Measured through the whole Django stack (test client: middleware, login, the session lookup, the
locked update, the JWT) against the room's own state endpoint for the same session in the same run,
so the ratio holds on any machine. Target: start ≤ 3× the state endpoint.
"""

from benchmarks.harness import Row, median_seconds

VIDEO_SETTINGS = {
    "LIVEKIT_URL": "wss://bench.livekit.invalid", "LIVEKIT_API_KEY": "APIbench",
    "LIVEKIT_API_SECRET": "bench-secret-long-enough-for-hs256-signing", "TAVUS_API_KEY": "bench",
    "GEMINI_API_KEY": "bench",
}
TARGET_RATIO = 3.0


def run() -> list[Row]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import reverse

    from accounts.tests.factories import UserFactory
    from benchmarks.interviews import _scratch_database
    from interviews.models import InterviewSession
    from interviews.services import video_room
    from interviews.tests.factories import ready_session
    from interviews.video.config import video_config
    from interviews.video.livekit import candidate_token

    rows = []
    limit = video_room.STARTS_PER_MINUTE
    video_room.STARTS_PER_MINUTE = 10**9  # the bench calls far more often than a candidate may
    try:
        with _scratch_database(), override_settings(**VIDEO_SETTINGS):
            user = UserFactory()
            session = ready_session(user, questions=8, mode=InterviewSession.Mode.VIDEO)
            client = Client()
            client.force_login(user)
            start_url = reverse("interviews:video_start", args=[session.pk])
            state_url = reverse("interviews:state", args=[session.pk])

            queries: list[str] = []

            def counting(execute, sql, params, many, context):
                queries.append(sql)
                return execute(sql, params, many, context)

            assert client.post(start_url).status_code == 200  # the first call names the room and marks it live
            with connection.execute_wrapper(counting):
                assert client.post(start_url).status_code == 200
            start = median_seconds(lambda: client.post(start_url), repeat=25, warmup=3)
            state = median_seconds(lambda: client.get(state_url), repeat=25, warmup=3)
            config = video_config()
            mint = median_seconds(lambda: candidate_token(config=config, room="saylo-bench", user_id=user.pk,
                                                          session_id=session.pk, name="Bench"), repeat=50)
            ratio = start / state
            rows += [
                Row("video", "start → token (POST, whole stack)", start * 1000, "ms",
                    f"{len(queries)} queries (a reload: same room, fresh token)"),
                Row("video", "baseline: room state JSON (GET)", state * 1000, "ms", "same session, same run"),
                Row("video", "start ÷ state", ratio, "×",
                    f"target ≤ {TARGET_RATIO:g}× — {'met' if ratio <= TARGET_RATIO else 'MISSED'}"),
                Row("video", "token mint alone (AccessToken → JWT)", mint * 1000, "ms", "livekit-api, HS256"),
            ]
    finally:
        video_room.STARTS_PER_MINUTE = limit
    return rows
