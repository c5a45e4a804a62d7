import uuid

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils import timezone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A Saylo account. The email address is the login; there is no username."""

    username = None
    email = models.EmailField("email address", unique=True)
    target_role = models.CharField(
        max_length=120, blank=True, help_text="The role you are preparing for, e.g. “Senior backend engineer”."
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email.split("@")[0]


def data_export_upload_to(instance: "DataExport", filename: str) -> str:
    return f"exports/{instance.user_id}/{uuid.uuid4().hex}.zip"


class DataExport(models.Model):
    """A zip of everything Saylo holds about a candidate, built by the task worker (never in a request),
    kept in private storage for DATA_EXPORT_KEEP_HOURS, downloadable by its owner only."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be built"
        BUILDING = "building", "Being built"
        READY = "ready", "Ready to download"
        FAILED = "failed", "Could not be built"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to=data_export_upload_to, blank=True, max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)  # why it could not be built, for the candidate
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)  # the file is deleted then (manage.py purge_data_exports)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["user", "-requested_at"]), models.Index(fields=["expires_at"])]

    def __str__(self):
        return f"Data export of {self.user} ({self.get_status_display()})"

    @property
    def pending(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.BUILDING}

    @property
    def downloadable(self) -> bool:
        return (self.status == self.Status.READY and bool(self.file)
                and (self.expires_at is None or self.expires_at > timezone.now()))
