from django.db import migrations, models
import django.db.models.deletion

FIELDS = ["prepare_enqueued_at", "prepare_started_at", "score_enqueued_at", "score_started_at"]


def copy_work(apps, schema_editor):
    InterviewSession = apps.get_model("interviews", "InterviewSession")
    InterviewWork = apps.get_model("interviews", "InterviewWork")
    rows = InterviewSession.objects.values("id", "task_worker", *FIELDS).iterator(chunk_size=2000)
    batch = []
    for row in rows:
        batch.append(InterviewWork(session_id=row["id"], worker=row["task_worker"], **{f: row[f] for f in FIELDS}))
        if len(batch) >= 2000:
            InterviewWork.objects.bulk_create(batch)
            batch = []
    InterviewWork.objects.bulk_create(batch)


def copy_back(apps, schema_editor):
    InterviewSession = apps.get_model("interviews", "InterviewSession")
    InterviewWork = apps.get_model("interviews", "InterviewWork")
    for work in InterviewWork.objects.iterator():
        InterviewSession.objects.filter(pk=work.session_id).update(
            task_worker=work.worker, **{f: getattr(work, f) for f in FIELDS})


class Migration(migrations.Migration):
    dependencies = [("interviews", "0007_fingerprint_indexes")]

    operations = [
        migrations.CreateModel(
            name="InterviewWork",
            fields=[
                ("session", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                                 related_name="work", serialize=False, to="interviews.interviewsession")),
                ("prepare_enqueued_at", models.DateTimeField(blank=True, null=True)),
                ("prepare_started_at", models.DateTimeField(blank=True, null=True)),
                ("score_enqueued_at", models.DateTimeField(blank=True, null=True)),
                ("score_started_at", models.DateTimeField(blank=True, null=True)),
                ("worker", models.CharField(blank=True, max_length=120)),
            ],
            options={"verbose_name": "background work", "verbose_name_plural": "background work"},
        ),
        migrations.RunPython(copy_work, copy_back),
        migrations.RemoveField(model_name="interviewsession", name="prepare_enqueued_at"),
        migrations.RemoveField(model_name="interviewsession", name="prepare_started_at"),
        migrations.RemoveField(model_name="interviewsession", name="score_enqueued_at"),
        migrations.RemoveField(model_name="interviewsession", name="score_started_at"),
        migrations.RemoveField(model_name="interviewsession", name="task_worker"),
    ]
