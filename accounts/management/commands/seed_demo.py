"""Create (or refresh) the demo candidate so a fresh checkout has something to log in with."""

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.services import demo_user_ensure


class Command(BaseCommand):
    help = "Create or refresh the demo candidate demo@saylo.local (idempotent) and print its login."

    def handle(self, *args, **options):
        result = demo_user_ensure(password=settings.DEMO_PASSWORD)
        verb = "Created" if result.created else "Refreshed"
        self.stdout.write(self.style.SUCCESS(f"{verb} the demo candidate."))
        for line in result.notes:
            self.stdout.write(f"  {line}")
        self.stdout.write(f"  Log in as {result.user.email} with password {settings.DEMO_PASSWORD}")
