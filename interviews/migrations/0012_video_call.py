import django.db.models.deletion
from django.db import migrations, models

import interviews.models

# InterviewSession's column -> VideoCall's field.
FIELDS = {"tavus_conversation_id": "conversation_id", "livekit_room": "livekit_room",
          "callback_token": "callback_token", "avatar_joined_at": "avatar_joined_at",
          "video_end_reason": "end_reason"}


def copy_calls(apps, schema_editor):
    """A call for every video-mode session and every session that ever had one (a video interview
    carried on in the practice room keeps its conversation id and why the video stopped)."""
    InterviewSession = apps.get_model("interviews", "InterviewSession")
    VideoCall = apps.get_model("interviews", "VideoCall")
    had_call = (models.Q(mode="video") | ~models.Q(tavus_conversation_id="") | ~models.Q(livekit_room="")
                | models.Q(avatar_joined_at__isnull=False) | ~models.Q(video_end_reason=""))
    rows = InterviewSession.objects.filter(had_call).values("id", *FIELDS).iterator(chunk_size=2000)
    batch = []
    for row in rows:
        batch.append(VideoCall(session_id=row["id"], **{new: row[old] for old, new in FIELDS.items()}))
        if len(batch) >= 2000:
            VideoCall.objects.bulk_create(batch)
            batch = []
    VideoCall.objects.bulk_create(batch)


def copy_back(apps, schema_editor):
    InterviewSession = apps.get_model("interviews", "InterviewSession")
    VideoCall = apps.get_model("interviews", "VideoCall")
    for call in VideoCall.objects.iterator(chunk_size=2000):
        InterviewSession.objects.filter(pk=call.session_id).update(
            **{old: getattr(call, new) for old, new in FIELDS.items()})
    # The re-added column gave every other session the same token: each gets its own again.
    for session_id in InterviewSession.objects.filter(video_call__isnull=True).values_list("id", flat=True).iterator():
        InterviewSession.objects.filter(pk=session_id).update(callback_token=interviews.models.new_callback_token())


class Migration(migrations.Migration):
    dependencies = [("interviews", "0011_report_pdf")]

    operations = [
        migrations.CreateModel(
            name="VideoCall",
            fields=[
                ("session", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                                 related_name="video_call", serialize=False,
                                                 to="interviews.interviewsession")),
                ("conversation_id", models.CharField(blank=True, max_length=100)),
                ("livekit_room", models.CharField(blank=True, max_length=100)),
                ("callback_token", models.CharField(default=interviews.models.new_callback_token, editable=False,
                                                    max_length=64)),
                ("avatar_joined_at", models.DateTimeField(blank=True, null=True)),
                ("end_reason", models.CharField(blank=True, max_length=40)),
            ],
            options={"verbose_name": "video call"},
        ),
        migrations.RunPython(copy_calls, copy_back),
        migrations.RemoveField(model_name="interviewsession", name="tavus_conversation_id"),
        migrations.RemoveField(model_name="interviewsession", name="livekit_room"),
        migrations.RemoveField(model_name="interviewsession", name="callback_token"),
        migrations.RemoveField(model_name="interviewsession", name="avatar_joined_at"),
        migrations.RemoveField(model_name="interviewsession", name="video_end_reason"),
    ]
