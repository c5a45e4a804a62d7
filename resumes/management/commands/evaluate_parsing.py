"""`manage.py evaluate_parsing [FOLDER] [--corpus] [--misses]`: field accuracy of the resume parser."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resumes.reading.evaluation import (
    CORPUS_FOLDER,
    DEFAULT_FOLDER,
    FIELDS,
    HELD_OUT,
    Evaluation,
    Score,
    evaluate_corpus,
    evaluate_folder,
)


def _cell(score: Score, width: int = 10) -> str:
    share = score.share
    return f"{'—' if share is None else f'{share * 100:.0f}%':>{width}}"


class Command(BaseCommand):
    help = (
        "Read every resume in FOLDER that has a truth file beside it (jane.pdf + jane.json) and print, per layout "
        "family, the share of fields read right: contact details, headline, roles (title, employer, dates), degrees "
        "(degree, school, year), skills and word spacing against pdftotext. FOLDER defaults to the committed fixtures. "
        "With --corpus, read the real-resume corpus (../shared/corpus/resumes, truth in resumes/reading/corpus_truth) "
        "and print the tuning and held-out files apart, per field and per file."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default=None, help="folder of resumes (and their truth files)")
        parser.add_argument("--corpus", action="store_true", help="read the real-resume corpus against corpus_truth")
        parser.add_argument("--misses", action="store_true", help="also list, per file, every field read wrong")

    def handle(self, *args, folder: str | None, corpus: bool = False, misses: bool = False, **options):
        target = Path(folder) if folder else (CORPUS_FOLDER if corpus else DEFAULT_FOLDER)
        try:
            evaluation = evaluate_corpus(target) if corpus else evaluate_folder(target)
        except FileNotFoundError as exc:
            raise CommandError(f"There is no folder called {target}.") from exc
        if not evaluation.files:
            raise CommandError(f"{target} holds no resume with a truth file (jane.pdf needs jane.json beside it).")
        if corpus:
            self._print_corpus(evaluation, misses=misses)
        else:
            self._print_families(evaluation, misses=misses)

    def _print_families(self, evaluation: Evaluation, *, misses: bool) -> None:
        counts = evaluation.file_counts()
        families = evaluation.families()
        width = max(len(name) for name in families) + 2
        self.stdout.write("family".ljust(width) + "files" + "".join(f"{name:>10}" for name in FIELDS))
        for family, scores in families.items():
            self.stdout.write(
                family.ljust(width) + f"{counts[family]:>5}" + "".join(_cell(scores[name]) for name in FIELDS)
            )
        self.stdout.write(
            "\nEach cell is the share of checks passed: one per contact field, link, role field, degree field and "
            "skill; 'roles' also counts roles read that the resume does not have; 'spacing' is the share of "
            "pdftotext's words read word for word."
        )
        if misses:
            self._print_misses(evaluation.files)

    def _print_corpus(self, evaluation: Evaluation, *, misses: bool) -> None:
        parts = evaluation.parts()
        counts = {part: sum(1 for result in evaluation.files if part in ("all", result.part)) for part in parts}
        self.stdout.write("part".ljust(10) + "files" + f"{'overall':>10}" + "".join(f"{name:>10}" for name in FIELDS))
        for part, scores in parts.items():
            self.stdout.write(
                part.ljust(10) + f"{counts[part]:>5}" + _cell(evaluation.overall(part))
                + "".join(_cell(scores[name]) for name in FIELDS)
            )
        held_out = evaluation.overall(HELD_OUT)
        whole = evaluation.overall()
        self.stdout.write(
            f"\nHeld-out (the figure that counts): {held_out.passed}/{held_out.total} checks, "
            f"{(held_out.share or 0) * 100:.1f}%. Whole corpus: {whole.passed}/{whole.total}, {(whole.share or 0) * 100:.1f}%."
        )
        self.stdout.write("\nPer file, worst first:")
        for result in sorted(evaluation.files, key=lambda result: result.overall().share or 0):
            score = result.overall()
            self.stdout.write(
                f"  {_cell(score, 4)}  {score.passed:>3}/{score.total:<3}  {result.part:<8}  {result.path.name}"
                + (f"  (refused: {result.refused})" if result.refused else "")
            )
        if misses:
            # The held-out files' misses stay hidden: reading them is tuning on them.
            self._print_misses([result for result in evaluation.files if result.part != HELD_OUT])
            self.stdout.write("\n(Misses of held-out files are not listed: the reader is not tuned on them.)")

    def _print_misses(self, files) -> None:
        for result in files:
            if result.refused or result.misses:
                self.stdout.write(f"\n{result.path.name} ({result.family})")
            if result.refused:
                self.stdout.write(f"  refused: {result.refused}")
            for miss in result.misses:
                self.stdout.write(f"  {miss}")
