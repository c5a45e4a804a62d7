"""Resumes get a human name ("Jane Doe — Backend Engineer") and keep the candidate's corrections."""

from django.db import migrations, models


def name_existing_resumes(apps, schema_editor):
    from resumes.corrections import suggested_name
    from resumes.reading.schemas import ParsedResume

    Resume = apps.get_model("resumes", "Resume")
    for resume in Resume.objects.filter(name="").iterator():
        try:
            parsed = ParsedResume.model_validate(resume.parsed or {})
        except ValueError:
            parsed = ParsedResume()
        parsed.headline = resume.headline or parsed.headline
        name = suggested_name(parsed, fallback=resume.original_filename)
        if name:
            Resume.objects.filter(pk=resume.pk).update(name=name)


class Migration(migrations.Migration):

    dependencies = [
        ("resumes", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="resume",
            name="corrections",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="resume",
            name="name",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.RunPython(name_existing_resumes, migrations.RunPython.noop),
    ]
