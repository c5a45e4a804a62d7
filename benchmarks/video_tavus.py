"""`make bench` section: the Tavus client's round trip against the local fake Tavus server.

Compared with a bare `requests.Session().get` of the same URL in the same run, so the ratio is our
client's own cost (typed parsing, error mapping) and holds on any machine. Target: ≤ 1.5×.
Also: a 60-turn `application.transcription_ready` callback through the whole Django stack.
"""

from benchmarks.harness import Row, median_seconds

TARGET_RATIO = 1.5
SECTION = "tavus"


def run() -> list[Row]:
    import requests

    from interviews.tests.fake_tavus import FakeTavus
    from interviews.video.tavus import TavusClient

    rows = []
    with FakeTavus() as fake:
        conversation = fake.add_conversation()
        client = TavusClient(api_key=fake.api_key, api_url=fake.url, retries=0)
        url = f"{fake.url}/conversations/{conversation.conversation_id}"
        bare = requests.Session()

        def ours():
            client.conversation_get(conversation.conversation_id)

        def baseline():
            bare.get(url, headers={"x-api-key": fake.api_key}, timeout=10).json()

        def listing():
            client.conversations_list()

        for _ in range(40):
            fake.add_conversation()
        got = median_seconds(ours, repeat=41, warmup=5)
        plain = median_seconds(baseline, repeat=41, warmup=5)
        listed = median_seconds(listing, repeat=21, warmup=3)
        fake.requests.clear()
        ratio = got / plain
        rows += [
            Row(SECTION, "conversation_get round trip (fake server)", got * 1000, "ms", "typed reply"),
            Row(SECTION, "baseline: bare requests GET, same URL", plain * 1000, "ms", "same run"),
            Row(SECTION, "client ÷ bare GET", ratio, "×",
                f"target ≤ {TARGET_RATIO:g}× — {'met' if ratio <= TARGET_RATIO else 'MISSED'}"),
            Row(SECTION, "conversations_list (41 active)", listed * 1000, "ms", "what tavus_sweep asks each run"),
        ]
    rows.append(_callback_row())
    return rows


def _callback_row() -> Row:
    import json
    import logging

    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from accounts.tests.factories import UserFactory
    from benchmarks.interviews import _scratch_database
    from interviews.models import InterviewSession, TranscriptTurn, VideoEvent
    from interviews.tests.factories import ready_session
    from interviews.tests.fake_tavus import callback_payload

    with _scratch_database():
        session = ready_session(UserFactory(), questions=8, mode=InterviewSession.Mode.VIDEO,
                                status=InterviewSession.Status.LIVE, started_at=timezone.now(),
                                conversation_id="cbench")
        transcript = [{"role": "system", "content": "You are in a live video call."}]
        for seq in range(1, 61):
            role = "interviewer" if seq % 2 else "candidate"
            text = f"Turn {seq}: we moved the billing service to Kubernetes and cut deploy time by {seq}% overall."
            TranscriptTurn.objects.create(session=session, seq=seq, role=role, text=text, client_id=f"item_{seq}",
                                          source=TranscriptTurn.Source.AGENT)
            transcript.append({"role": "assistant" if seq % 2 else "user", "content": text.lower()})
        body = json.dumps(callback_payload("cbench", "application.transcription_ready", transcript=transcript))
        url = reverse("interviews:tavus_callback", kwargs={"token": f"{session.pk}.{session.video_call.callback_token}"})
        client = Client()

        def deliver():
            VideoEvent.objects.filter(session=session).delete()  # each delivery is the first one
            assert client.post(url, data=body, content_type="application/json").status_code == 200

        quiet = logging.getLogger("saylo.video")
        level, quiet.level = quiet.level, logging.WARNING  # one info line per delivery would bury the table
        try:
            took = median_seconds(deliver, repeat=9, warmup=1)
        finally:
            quiet.setLevel(level)
        assert session.turns.count() == 60, "every Tavus turn matched one the agent saved"
    return Row(SECTION, "transcription_ready callback, 60 turns", took * 1000, "ms", "align + dedupe, whole stack")
