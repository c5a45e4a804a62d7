"""End Tavus conversations that outlived VIDEO_MAX_MINUTES (schedule it every minute or few)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from interviews.services.video import SWEEP_GRACE_MINUTES, tavus_sweep
from interviews.services.video_room import END_WAIT_SECONDS, video_end_requests_finish
from interviews.video.tavus import TavusError, tavus_client


class Command(BaseCommand):
    help = ("End Tavus conversations older than VIDEO_MAX_MINUTES (+ a grace): the active ones Tavus lists and those "
            "of interviews still marked live. Interviews stay as they are (the candidate can still finish them), "
            "except those whose candidate pressed End and no agent finished. Safe to run every minute.")

    def add_arguments(self, parser):
        parser.add_argument("--max-minutes", type=int, default=None,
                            help="Age limit in minutes (default: VIDEO_MAX_MINUTES).")
        parser.add_argument("--grace-minutes", type=int, default=SWEEP_GRACE_MINUTES,
                            help=f"Extra minutes the agent gets to end its own interview (default {SWEEP_GRACE_MINUTES}).")
        parser.add_argument("--dry-run", action="store_true", help="Say what would be ended, change nothing.")
        parser.add_argument("--all-conversations", action="store_true",
                            help="Also end old conversations that are not Saylo's (an account used only by Saylo).")

    def handle(self, *args, **options):
        if not options["dry_run"]:
            # End pressed, then the page closed before the agent finished: the candidate's End stands.
            for session_id in video_end_requests_finish():
                self.stdout.write(f"Finished interview {session_id}: End was pressed over {END_WAIT_SECONDS} s ago "
                                  "and no agent finished it (scoring enqueued)")
        if not settings.TAVUS_API_KEY:
            self.stdout.write("TAVUS_API_KEY is not set: no Tavus conversations to sweep.")
            return
        try:
            client = tavus_client()
        except TavusError as error:
            raise CommandError(error.message) from None
        report = tavus_sweep(max_minutes=options["max_minutes"], grace_minutes=options["grace_minutes"],
                             client=client, dry_run=options["dry_run"], all_conversations=options["all_conversations"])
        verb = "Would end" if options["dry_run"] else "Ended"
        for conversation_id in report.ended:
            self.stdout.write(f"{verb} conversation {conversation_id}")
        if report.foreign:
            self.stdout.write(f"Left alone {len(report.foreign)} old conversation(s) that are not Saylo's "
                              f"({', '.join(report.foreign[:5])}{', …' if len(report.foreign) > 5 else ''}); "
                              "--all-conversations ends them too.")
        for error in report.errors:
            self.stderr.write(error)
        self.stdout.write(f"{report.checked} active conversation(s) at Tavus; {len(report.ended)} "
                          f"{'to end' if options['dry_run'] else 'ended'}; no interview is finished by the sweep.")
        if report.errors:
            raise CommandError(f"{len(report.errors)} problem(s) talking to Tavus; the next run tries again.")
