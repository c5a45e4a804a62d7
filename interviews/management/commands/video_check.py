"""Check every video credential against its service and print what to fix."""

import json
import textwrap

from django.core.management.base import BaseCommand, CommandError

from interviews.video.checks import FAIL, WARN, video_checks


class Command(BaseCommand):
    help = ("Check the video interview settings against Tavus, LiveKit and Gemini and print a table with what to fix. "
            "Exits non-zero when a check fails.")

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0, help="Seconds to wait for each service (default 10).")
        parser.add_argument("--json", action="store_true", help="Print the checks as JSON.")

    def handle(self, *args, **options):
        checks = video_checks(timeout=options["timeout"])
        failed = [check for check in checks if check.failed]
        if options["json"]:
            self.stdout.write(json.dumps([check.__dict__ for check in checks], indent=2))
        else:
            self._table(checks)
        if failed:
            raise CommandError(f"{len(failed)} check(s) failed: video interviews will not work until they pass.")
        warned = sum(check.status == WARN for check in checks)
        self.stdout.write(self.style.SUCCESS(
            "Video interviews are ready." + (f" ({warned} warning(s) above.)" if warned else "")))

    def _table(self, checks):
        """check | status | what was found, with what to do on the line below, wrapped to 110 columns."""
        first = max(len(f"{c.service}: {c.name}") for c in checks) + 2
        indent = " " * (first + 8)
        self.stdout.write(f"{'check'.ljust(first)}{'status'.ljust(8)}found / what to do")
        self.stdout.write("-" * 110)
        for check in checks:
            status = check.status.upper() if check.status == FAIL else check.status
            head = f"{f'{check.service}: {check.name}'.ljust(first)}{status.ljust(8)}"
            found = textwrap.wrap(check.detail, 110 - len(indent)) or [""]
            style = {FAIL: self.style.ERROR, WARN: self.style.WARNING}.get(check.status, str)
            self.stdout.write(style(head + found[0]))
            for line in found[1:]:
                self.stdout.write(indent + line)
            if check.fix:
                for index, line in enumerate(textwrap.wrap(check.fix, 110 - len(indent) - 5)):
                    self.stdout.write(indent + ("fix: " if index == 0 else "     ") + line)
