from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from pydantic import ValidationError

from interviews.coach import ENGINES, CoachError, evaluation, get_coach, operator


class Command(BaseCommand):
    help = (
        "Check that the coach scores strong answers above weak ones, over interviews/coach/fixtures/eval_pairs.json. "
        "Prints how many pairs are ordered right, the gap between strong and weak scores and their spread; exits "
        "non-zero when any pair is misordered."
    )

    def add_arguments(self, parser):
        parser.add_argument("--engine", choices=ENGINES, help="coach engine (default: settings.COACH_ENGINE)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a readable report")
        parser.add_argument("--fixtures", default=str(evaluation.FIXTURES), help="pairs file (default: the bundled one)")

    def handle(self, *args, **options):
        try:
            pairs = evaluation.load_pairs(Path(options["fixtures"]))
            report = evaluation.evaluate(get_coach(options["engine"]), pairs)
        except ValidationError as exc:
            raise CommandError(f"{options['fixtures']} does not have the expected shape: {exc.errors()[0]['msg']}.") from exc
        except CoachError as exc:
            raise CommandError(str(exc)) from exc
        if not pairs:
            raise CommandError(f"{options['fixtures']} has no pairs to evaluate.")
        if options["json"]:
            self.stdout.write(operator.to_json(report.model_dump(mode="json")))
        else:
            self.stdout.write(self._report(report))
        if report.misordered:
            raise CommandError(
                f"{len(report.misordered)} of {report.pairs} pairs scored the weak answer at least as high as the strong "
                f"one: {', '.join(report.misordered)}."
            )

    @staticmethod
    def _report(report: evaluation.EvaluationReport) -> str:
        lines = [
            f"Engine: {report.engine}" + (f" ({report.fallbacks} scores fell back to offline)" if report.fallbacks else ""),
            f"Ordered right: {report.ordered_right}/{report.pairs}",
            f"Gap strong − weak: mean {report.gap_mean:.1f}, min {report.gap_min}",
            f"Strong scores: mean {report.strong.mean:.1f}, min {report.strong.min}, max {report.strong.max}, "
            f"stdev {report.strong.stdev:.1f}",
            f"Weak scores:   mean {report.weak.mean:.1f}, min {report.weak.min}, max {report.weak.max}, "
            f"stdev {report.weak.stdev:.1f}",
            "",
        ]
        for r in report.results:
            mark = "ok " if r.ordered else "BAD"
            lines.append(f"  {mark} {r.id:<34} {r.field:<9} {r.kind:<12} strong {r.strong_score:>3}  weak {r.weak_score:>3}  "
                         f"gap {r.gap:>3}")
        return "\n".join(lines)
