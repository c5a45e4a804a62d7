"""How each answer was given (typed, dictated, mixed, spoken): delivery is measured only on speech.

Existing turns keep "" (not recorded); the scorer then measures delivery only where the timings are
plausible for speech.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("interviews", "0003_hardening_one_answer_per_question")]

    operations = [
        migrations.AddField(
            model_name="transcriptturn",
            name="input_mode",
            field=models.CharField(
                blank=True,
                choices=[("", "Not recorded"), ("typed", "Typed"), ("dictated", "Dictated"),
                         ("mixed", "Partly dictated, partly typed"), ("spoken", "Spoken (voice interview)")],
                default="",
                max_length=10,
            ),
        ),
    ]
