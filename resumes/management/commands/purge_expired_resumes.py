from django.conf import settings
from django.core.management.base import BaseCommand

from resumes.services import resume_files_purge


class Command(BaseCommand):
    help = "Delete uploaded resume files older than RESUME_RETENTION_DAYS (what Saylo read from them is kept)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override RESUME_RETENTION_DAYS for this run.")
        parser.add_argument("--dry-run", action="store_true", help="List what would be deleted without deleting it.")

    def handle(self, *args, days=None, dry_run=False, **options):
        days = settings.RESUME_RETENTION_DAYS if days is None else days
        if days <= 0:
            self.stdout.write("Retention is off (RESUME_RETENTION_DAYS=0): nothing to purge.")
            return
        purged = resume_files_purge(older_than_days=days, dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        for resume in purged:
            uploaded = f"{resume.uploaded_at:%Y-%m-%d}"
            self.stdout.write(f"  {verb.lower()} file of resume {resume.pk} ({resume.user.email}, uploaded {uploaded})")
        self.stdout.write(self.style.SUCCESS(f"{verb} {len(purged)} resume file(s) older than {days} days."))
