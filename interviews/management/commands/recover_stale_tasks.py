"""Find preparation and scoring that stopped, and recover it. Schedule it every minute."""

from django.core.management.base import BaseCommand

from interviews.services.recovery import stale_task_recover, stale_tasks_find
from interviews.workers import workers_alive
from resumes.services import resume_reading_recover


class Command(BaseCommand):
    help = ("Queue again preparation or scoring that no worker started in time (when a worker is alive), and mark "
            "work whose worker died or that ran past TASK_TIME_LIMIT_SECONDS failed, so the candidate sees a reason "
            "and a retry button instead of a page that waits forever. Exit status 0.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what is stale, change nothing.")

    def handle(self, *args, dry_run=False, **options):
        stale = stale_tasks_find()
        alive = workers_alive().count()
        self.stdout.write(f"{len(stale)} stale task(s); {alive} worker(s) alive.")
        for item in stale:
            what = f"session {item.session.pk} ({item.health.kind}, {item.health.state.replace('_', ' ')})"
            if dry_run:
                self.stdout.write(f"  {what}: {item.health.message}")
                continue
            self.stdout.write(f"  {what}: {stale_task_recover(stale=item)}")
        if not dry_run and alive:
            for line in resume_reading_recover():
                self.stdout.write(f"  {line}")
