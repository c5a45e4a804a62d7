import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models

from resumes.corrections import apply_corrections
from resumes.reading.schemas import JobRequirements, ParsedResume, SkillEvidence


def resume_upload_to(instance: "Resume", filename: str) -> str:
    # The stored name never contains the original filename: it is personal data and
    # user-controlled. Files live under the private root, per user, with a random name.
    suffix = PurePosixPath(filename).suffix.lower()[:6]
    return f"resumes/{instance.user_id}/{uuid.uuid4().hex}{suffix}"


class Resume(models.Model):
    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word document"
        TXT = "txt", "Text file"
        PASTED = "pasted", "Pasted text"

    class Status(models.TextChoices):
        READING = "reading", "Being read"  # stored and queued; the task worker reads it (resumes/tasks.py)
        PARSED = "parsed", "Ready"
        FAILED = "failed", "Could not be read"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resumes")
    file = models.FileField(upload_to=resume_upload_to, blank=True, max_length=255)
    original_filename = models.CharField(max_length=255, blank=True)
    # What the candidate calls this resume ("Jane Doe — Backend Engineer"): shown wherever resumes are listed or picked.
    name = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(blank=True)
    parsed = models.JSONField(default=dict, blank=True)  # ParsedResume as the parser produced it
    # What the candidate corrected: these override the parser's headline and skills.
    headline = models.CharField(max_length=200, blank=True)
    skills = models.JSONField(default=list, blank=True)  # [{"name", "category", "evidence"}]
    # The candidate's corrections of what was read: {"contact": {field: value}, "experience": [ExperienceEntry],
    # "education": [EducationEntry]}; a list, once corrected, replaces the parser's whole list.
    corrections = models.JSONField(default=dict, blank=True)
    parse_status = models.CharField(max_length=10, choices=Status.choices, default=Status.PARSED)
    parse_error = models.TextField(blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    file_purged_at = models.DateTimeField(null=True, blank=True)  # the file was removed by the retention policy
    # Reading in the task worker: when the read was (last) queued and started, and how many times it was queued.
    read_queued_at = models.DateTimeField(null=True, blank=True)
    read_started_at = models.DateTimeField(null=True, blank=True)
    read_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "sha256"], name="unique_resume_per_user_content")]
        # In the list's order, the tie-break included, so a page is read off the index without a sort.
        indexes = [models.Index(fields=["user", "-uploaded_at", "-id"], name="resume_user_newest"),
                   # The worker's recovery sweep looks only at resumes being read: a few rows, whatever the table's size.
                   models.Index(fields=["read_queued_at"], condition=models.Q(parse_status="reading"),
                                name="resume_reading_queued")]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        if self.original_filename:
            return self.original_filename
        return f"Pasted resume ({self.uploaded_at:%d %b %Y})" if self.uploaded_at else "Pasted resume"

    @property
    def is_usable(self) -> bool:
        return self.parse_status == self.Status.PARSED

    @property
    def is_reading(self) -> bool:
        return self.parse_status == self.Status.READING

    @property
    def skills_count(self) -> int:
        return len(self.skills or [])

    def skill_list(self) -> list[SkillEvidence]:
        return [SkillEvidence.model_validate(item) for item in self.skills or []]

    def as_parsed(self) -> ParsedResume:
        """What Saylo understood, with the candidate's corrections applied: this is what the coach reads."""
        parsed = ParsedResume.model_validate(self.parsed or {})
        return apply_corrections(parsed, self.corrections or {}).model_copy(
            update={"headline": self.headline, "skills": self.skill_list(), "text": self.text, "pages": self.pages})

    def as_read(self) -> ParsedResume:
        """What the parser read, before any correction."""
        return ParsedResume.model_validate(self.parsed or {})


class JobDescription(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    title = models.CharField(max_length=200)
    company = models.CharField(max_length=200, blank=True)
    url = models.CharField("posting URL", max_length=500, blank=True,
                           help_text="Optional, kept for your reference — Saylo does not fetch it.")
    text = models.TextField("job posting")
    requirements = models.JSONField(default=dict, blank=True)  # JobRequirements
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at", "-id"], name="job_user_newest")]

    def __str__(self):
        return f"{self.title} at {self.company}" if self.company else self.title

    def as_requirements(self) -> JobRequirements:
        return JobRequirements.model_validate(self.requirements or {})

    @property
    def required_count(self) -> int:
        return len((self.requirements or {}).get("skills_required", []))
