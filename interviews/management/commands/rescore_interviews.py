"""Re-score finished interviews, e.g. after a rubric change. Adds runs; never deletes one."""

import statistics
from datetime import datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from interviews.models import InterviewSession, ScoreRun
from interviews.services.scoring import SCORABLE, ScoringFailed, score_run_create


class Command(BaseCommand):
    help = "Add a new score run to finished interviews (older runs are kept). Filters combine."

    def add_arguments(self, parser):
        parser.add_argument("--session", type=int, action="append", default=[], help="Session id (repeatable).")
        parser.add_argument("--user", help="Only this user's interviews (email).")
        parser.add_argument("--since", help="Only interviews created on or after this date (YYYY-MM-DD).")
        parser.add_argument("--engine", choices=["offline", "gemini"], help="Coach engine (default: the configured one).")
        parser.add_argument("--rubric", help="Rubric version, e.g. offline-v2 (default: the engine's current one).")
        parser.add_argument("--dry-run", action="store_true", help="List what would be re-scored, change nothing.")

    def handle(self, *args, **options):
        sessions = InterviewSession.objects.filter(status__in=SCORABLE).select_related("user").order_by("created_at", "id")
        sessions = sessions.exclude(status=InterviewSession.Status.FAILED, failed_step__in=["questions", "cheatsheet", "pdf"])
        if options["session"]:
            sessions = sessions.filter(pk__in=options["session"])
        if options["user"]:
            sessions = sessions.filter(user__email__iexact=options["user"])
        if options["since"]:
            try:
                since = datetime.strptime(options["since"], "%Y-%m-%d").date()
            except ValueError as exc:
                raise CommandError("--since must be a date like 2026-01-31.") from exc
            sessions = sessions.filter(created_at__gte=timezone.make_aware(datetime.combine(since, time.min)))
        total = sessions.count()
        if total == 0:
            self.stdout.write("No finished interviews match.")
            return
        if options["dry_run"]:
            for session in sessions:
                self.stdout.write(f"  would re-score session {session.pk} ({session.user.email}, {session})")
            self.stdout.write(self.style.SUCCESS(f"Dry run: {total} interview(s) would be re-scored."))
            return

        changes, failures = [], []
        for index, session in enumerate(sessions.iterator(), start=1):
            previous = session.score_runs.order_by("-created_at", "-id").values_list("score", flat=True).first()
            try:
                run = score_run_create(session=session, trigger=ScoreRun.Trigger.OPERATOR, engine=options["engine"],
                                       rubric=options["rubric"])
            except ScoringFailed as failure:
                failures.append((session.pk, failure.message))
                self.stderr.write(f"[{index}/{total}] session {session.pk}: FAILED — {failure.message}")
                continue
            except Exception as exc:  # one bad session must not stop the run
                failures.append((session.pk, str(exc)))
                self.stderr.write(f"[{index}/{total}] session {session.pk}: FAILED — {exc}")
                continue
            change = "" if previous is None else f" ({run.score - previous:+d})"
            if previous is not None:
                changes.append(run.score - previous)
            self.stdout.write(f"[{index}/{total}] session {session.pk}: {previous if previous is not None else '—'} → "
                              f"{run.score}{change} [{run.engine}, {run.rubric_version}]")
        mean = f"{statistics.mean(changes):+.1f}" if changes else "n/a"
        summary = f"Re-scored {total - len(failures)} of {total} interview(s); mean change {mean}; {len(failures)} failed."
        self.stdout.write(self.style.SUCCESS(summary) if not failures else self.style.WARNING(summary))
        if failures and len(failures) == total:
            raise CommandError("Every interview failed to score.")
