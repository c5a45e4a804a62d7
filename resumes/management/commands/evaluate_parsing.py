"""`manage.py evaluate_parsing [FOLDER] [--misses]`: field accuracy of the resume parser per layout family."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resumes.reading.evaluation import DEFAULT_FOLDER, FIELDS, evaluate_folder


class Command(BaseCommand):
    help = (
        "Read every resume in FOLDER that has a truth file beside it (jane.pdf + jane.json) and print, per layout "
        "family, the share of fields read right: contact details, headline, roles (title, employer, dates), degrees "
        "(degree, school, year), skills and word spacing against pdftotext. FOLDER defaults to the committed fixtures."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default=str(DEFAULT_FOLDER), help="folder of resumes and truth files")
        parser.add_argument("--misses", action="store_true", help="also list, per file, every field read wrong")

    def handle(self, *args, folder: str, misses: bool = False, **options):
        try:
            evaluation = evaluate_folder(Path(folder))
        except FileNotFoundError as exc:
            raise CommandError(f"There is no folder called {folder}.") from exc
        if not evaluation.files:
            raise CommandError(f"{folder} holds no resume with a truth file (jane.pdf needs jane.json beside it).")
        counts = evaluation.file_counts()
        families = evaluation.families()
        width = max(len(name) for name in families) + 2
        header = "family".ljust(width) + "files" + "".join(f"{name:>10}" for name in FIELDS)
        self.stdout.write(header)
        for family, scores in families.items():
            cells = []
            for name in FIELDS:
                share = scores[name].share
                cells.append(f"{'—' if share is None else f'{share * 100:.0f}%':>10}")
            self.stdout.write(family.ljust(width) + f"{counts[family]:>5}" + "".join(cells))
        self.stdout.write(
            "\nEach cell is the share of checks passed: one per contact field, link, role field, degree field and "
            "skill; 'roles' also counts roles read that the resume does not have; 'spacing' is the share of "
            "pdftotext's words read word for word."
        )
        if misses:
            for result in evaluation.files:
                if result.refused or result.misses:
                    self.stdout.write(f"\n{result.path.name} ({result.family})")
                if result.refused:
                    self.stdout.write(f"  refused: {result.refused}")
                for miss in result.misses:
                    self.stdout.write(f"  {miss}")
