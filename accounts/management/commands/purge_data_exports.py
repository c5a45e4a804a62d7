"""Delete data exports past their time. Schedule it hourly."""

from django.core.management.base import BaseCommand

from accounts.data import data_exports_purge


class Command(BaseCommand):
    help = ("Delete data exports (rows and zip files) once they are past DATA_EXPORT_KEEP_HOURS: ready ones at "
            "their expiry, failed or never built ones that long after they were asked for. Exit status 0.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would be deleted, delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        expired = data_exports_purge(dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(f"{verb} {len(expired)} data export(s).")
        for export in expired:
            self.stdout.write(f"  export {export.pk} of user {export.user_id} ({export.status}, asked for "
                              f"{export.requested_at:%Y-%m-%d %H:%M})")
