"""`manage.py evaluate_parsing [FOLDER] [--corpus] [--scanned] [--misses]`: field accuracy of the resume parser."""

import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from resumes.reading.evaluation import (
    CORPUS_FOLDER,
    DEFAULT_FOLDER,
    FIELDS,
    HELD_OUT,
    SCAN_DPI,
    SCORED_FIELDS,
    TUNING,
    Evaluation,
    ScanResult,
    Score,
    evaluate_corpus,
    evaluate_folder,
    evaluate_scans,
)
from resumes.reading.scan import PAGE_SEGMENTATION, OcrOptions, find_tesseract


def _cell(score: Score, width: int = 10) -> str:
    share = score.share
    return f"{'—' if share is None else f'{share * 100:.0f}%':>{width}}"


class Command(BaseCommand):
    help = (
        "Read every resume in FOLDER that has a truth file beside it (jane.pdf + jane.json) and print, per layout "
        "family, the share of fields read right: contact details, headline, roles (title, employer, dates), degrees "
        "(degree, school, year), skills and word spacing against pdftotext. FOLDER defaults to the committed fixtures. "
        "With --corpus, read the real-resume corpus (../shared/corpus/resumes, truth in resumes/reading/corpus_truth) "
        "and print the tuning and held-out files apart, per field and per file. With --scanned, make a scan of each "
        "corpus PDF (pages rendered to images, back to an image-only PDF, in a temporary folder removed afterwards), "
        "read it through OCR, and print the share of the fields the text layer's read gives that the scan's read gives."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default=None, help="folder of resumes (and their truth files)")
        parser.add_argument("--corpus", action="store_true", help="read the real-resume corpus against corpus_truth")
        parser.add_argument("--misses", action="store_true", help="also list, per file, every field read wrong")
        parser.add_argument("--scanned", action="store_true",
                            help="read scans made from the corpus PDFs through OCR against their text layers' reads")
        parser.add_argument("--scan-dpi", type=int, default=SCAN_DPI, help=f"resolution of the scans (default {SCAN_DPI})")
        parser.add_argument("--only", nargs="*", default=None, help="with --scanned: only these file names")
        parser.add_argument("--psm", default=PAGE_SEGMENTATION, help="with --scanned: Tesseract's page segmentation mode")

    def handle(self, *args, folder: str | None, corpus: bool = False, misses: bool = False, scanned: bool = False,
               scan_dpi: int = SCAN_DPI, only: list[str] | None = None, psm: str = PAGE_SEGMENTATION, **options):
        if scanned:
            self._scanned(Path(folder) if folder else CORPUS_FOLDER, dpi=scan_dpi, names=set(only) if only else None,
                          misses=misses, psm=psm)
            return
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
            "skill; 'roles' and 'education' are the roles and degrees found, and also count those read that the "
            "resume does not have; 'spacing' is the share of pdftotext's words read word for word."
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
        self.stdout.write("\nEntries read that the resume has (precision; the rest were invented):")
        for part in parts:
            cells = []
            for kind in ("roles", "degrees"):
                score = evaluation.precision(kind, part)
                cells.append(f"{kind} {score.passed}/{score.total} ({(score.share or 0) * 100:.0f}%)")
            self.stdout.write(f"  {part:<9} " + ", ".join(cells))
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

    def _scanned(self, target: Path, *, dpi: int, names: set[str] | None, misses: bool, psm: str) -> None:
        ocr = OcrOptions(tesseract=find_tesseract(settings.TESSERACT_PATH), max_pages=settings.RESUME_OCR_PAGES,
                         segmentation=psm)
        if not ocr.available:
            raise CommandError("Tesseract OCR is not installed (or RESUME_OCR_PAGES is 0): run scripts/ensure-tesseract.")
        try:
            with tempfile.TemporaryDirectory(prefix="saylo-scans-") as scans:
                results = evaluate_scans(target, scan_folder=Path(scans), dpi=dpi, names=names, ocr=ocr)
        except FileNotFoundError as exc:
            raise CommandError(f"There is no folder called {target}.") from exc
        if not results:
            raise CommandError(f"{target} holds no PDF with a truth file.")
        self.stdout.write(f"Scans at {dpi} DPI read through OCR (--psm {psm}), scored against the text layer's read "
                          "of the same file.")
        self.stdout.write("part".ljust(10) + "files" + f"{'overall':>10}" + "".join(f"{name:>10}" for name in SCORED_FIELDS))
        for part in (TUNING, HELD_OUT, "all"):
            chosen = [result for result in results if part in ("all", result.file.part)]
            if not chosen:
                continue
            self.stdout.write(part.ljust(10) + f"{len(chosen):>5}" + _cell(_total(chosen)) + "".join(
                _cell(_field(chosen, name)) for name in SCORED_FIELDS))
        held_out, whole = _total([r for r in results if r.file.part == HELD_OUT]), _total(results)
        pages = sum(result.scanned for result in results)
        seconds = sum(result.seconds for result in results)
        text_seconds = sum(result.text_seconds for result in results)
        text_pages = sum(result.pages for result in results)
        self.stdout.write(
            f"\nHeld-out (the figure that counts): {held_out.passed}/{held_out.total} of the text layer's fields, "
            f"{(held_out.share or 0) * 100:.1f}%. Whole corpus: {whole.passed}/{whole.total}, {(whole.share or 0) * 100:.1f}%."
            f"\nOCR read {pages} pages in {seconds:.1f} s ({seconds / max(pages, 1):.2f} s a page, structure included); "
            f"the text layers' {text_pages} pages took {text_seconds:.1f} s."
        )
        self.stdout.write("\nPer file, worst first (pages scanned / pages, seconds):")
        for result in sorted(results, key=lambda result: result.file.overall().share or 0):
            score = result.file.overall()
            self.stdout.write(
                f"  {_cell(score, 4)}  {score.passed:>3}/{score.total:<3}  {result.file.part:<8}  "
                f"{result.scanned}/{result.pages}  {result.seconds:5.1f} s  {result.file.path.name}"
                + (f"  (refused: {result.file.refused})" if result.file.refused else ""))
        if misses:
            self._print_misses([result.file for result in results if result.file.part != HELD_OUT])
            self.stdout.write("\n(Misses of held-out files are not listed: the OCR path is not tuned on them.)")


def _total(results: list[ScanResult]) -> Score:
    total = Score()
    for result in results:
        total.merge(result.file.overall())
    return total


def _field(results: list[ScanResult], name: str) -> Score:
    total = Score()
    for result in results:
        total.merge(result.file.scores[name])
    return total
