"""Create or show the Tavus PAL the interview avatar uses (an echo PAL on LiveKit transport)."""

from django.core.management.base import BaseCommand, CommandError

from interviews.video.config import video_config
from interviews.video.tavus import Pal, TavusError, tavus_client

STOCK_FACE_ID = "r4067604db72"  # livekit-plugins-tavus's stock face ("Lucy - Home")
DEFAULT_NAME = "Saylo interviewer"


class Command(BaseCommand):
    help = ("tavus_pal create: create an echo PAL on LiveKit transport for the interview avatar and print its id "
            "(then set TAVUS_PAL_ID). tavus_pal show [PAL_ID]: show a PAL and whether it can drive the avatar.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create the PAL and print its id.")
        create.add_argument("--face-id", default="",
                            help=f"The face (TAVUS_FACE_ID by default, else Tavus's stock face {STOCK_FACE_ID}).")
        create.add_argument("--name", default=DEFAULT_NAME, help=f'The PAL\'s name (default "{DEFAULT_NAME}").')
        show = sub.add_parser("show", help="Show a PAL (TAVUS_PAL_ID by default).")
        show.add_argument("pal_id", nargs="?", default="")

    def handle(self, *args, **options):
        try:
            client = tavus_client()
            if options["action"] == "create":
                self._create(client, face_id=options["face_id"] or video_config().tavus_face_id or STOCK_FACE_ID,
                             name=options["name"])
            else:
                self._show(client, options["pal_id"] or video_config().tavus_pal_id)
        except TavusError as error:
            raise CommandError(error.message) from None

    def _create(self, client, *, face_id: str, name: str):
        pal = client.pal_create(name=name, face_id=face_id)
        self._describe(pal)
        self.stdout.write(self.style.SUCCESS(f"Created PAL {pal.pal_id}."))
        self.stdout.write(f"Now set TAVUS_PAL_ID={pal.pal_id} in the environment (or .env) of the web server and of "
                          "every agent worker, restart them, and run python manage.py video_check.")

    def _show(self, client, pal_id: str):
        if not pal_id:
            raise CommandError("TAVUS_PAL_ID is not set and no PAL id was given: "
                               "python manage.py tavus_pal show <pal_id>, or create one with tavus_pal create.")
        pal = client.pal_get(pal_id)
        self._describe(pal)
        if pal.problems:
            raise CommandError(f"This PAL cannot drive the interview avatar: {' and '.join(pal.problems)}. "
                               "Create one with python manage.py tavus_pal create.")
        self.stdout.write(self.style.SUCCESS("This PAL can drive the interview avatar (echo, LiveKit transport)."))

    def _describe(self, pal: Pal):
        for label, value in (("PAL id", pal.pal_id), ("name", pal.pal_name), ("pipeline mode", pal.pipeline_mode),
                             ("transport", pal.transport_type or "-"), ("default face", pal.default_face_id or "-")):
            self.stdout.write(f"{label:>14}: {value}")
