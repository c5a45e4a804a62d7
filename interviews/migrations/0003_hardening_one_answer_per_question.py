"""One practice-room answer per question and attempt (the question, then its follow-up).

Before this constraint two tabs could both store an answer to the same question, and scoring read
them as one answer joined together. Existing duplicates are merged the same way (texts joined in
the order they were given, into the first answer), so no words are lost and scores do not change.
"""

from django.db import migrations, models
from django.db.models import Count


def merge_duplicate_answers(apps, schema_editor):
    Turn = apps.get_model("interviews", "TranscriptTurn")
    answers = Turn.objects.filter(role="candidate", source="practice", question__isnull=False)
    groups = (answers.values("session_id", "question_id", "is_follow_up").annotate(n=Count("id")).filter(n__gt=1))
    for group in groups:
        turns = list(answers.filter(session_id=group["session_id"], question_id=group["question_id"],
                                    is_follow_up=group["is_follow_up"]).order_by("seq"))
        keep = turns[0]
        keep.text = "\n\n".join(t.text.strip() for t in turns if t.text.strip())
        keep.skipped = all(t.skipped for t in turns)
        ends = [t.ended_ms for t in turns if t.ended_ms is not None]
        keep.ended_ms = max(ends) if ends else keep.ended_ms
        keep.save(update_fields=["text", "skipped", "ended_ms"])
        Turn.objects.filter(pk__in=[t.pk for t in turns[1:]]).delete()


class Migration(migrations.Migration):
    dependencies = [("interviews", "0002_video")]

    operations = [
        migrations.RunPython(merge_duplicate_answers, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="transcriptturn",
            constraint=models.UniqueConstraint(
                condition=models.Q(("role", "candidate"), ("source", "practice")),
                fields=("session", "question", "is_follow_up"),
                name="one_practice_answer_per_question",
            ),
        ),
    ]
