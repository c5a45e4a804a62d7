from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from pydantic import ValidationError

from interviews.coach import ENGINES, CoachError, evaluation, evaluation_scoring, get_coach, operator


class Command(BaseCommand):
    help = (
        "Check the coach: that it scores strong answers above weak ones (interviews/coach/fixtures/eval_pairs.json), "
        "reads answers right — negations, skill families, real quantities, vague and repeated answers "
        "(eval_answers.json) — and plans interviews without seams, covering the proven required skills and the "
        "strongest results, with no false 'missing' claims (eval_plans.json). Exits non-zero when anything fails."
    )

    def add_arguments(self, parser):
        parser.add_argument("--engine", choices=ENGINES, help="coach engine (default: settings.COACH_ENGINE)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a readable report")
        parser.add_argument("--fixtures", default=str(evaluation.FIXTURES), help="pairs file (default: the bundled one)")
        parser.add_argument("--answers", default=str(evaluation.ANSWER_FIXTURES),
                            help="answer checks file (default: the bundled one)")
        parser.add_argument("--plans", default=str(evaluation.PLAN_FIXTURES), help="plan cases file (default: the bundled one)")
        parser.add_argument("--corpus", default="", help="folder of the corpus resumes, to report each one's match score "
                                                         "against its own posting (evaluation_data/pairs.json)")

    def handle(self, *args, **options):
        coach = get_coach(options["engine"])
        try:
            pairs = evaluation.load_pairs(Path(options["fixtures"]))
            report = evaluation.evaluate(coach, pairs)
        except ValidationError as exc:
            raise CommandError(f"{options['fixtures']} does not have the expected shape: {exc.errors()[0]['msg']}.") from exc
        except CoachError as exc:
            raise CommandError(str(exc)) from exc
        if not pairs:
            raise CommandError(f"{options['fixtures']} has no pairs to evaluate.")
        try:
            checks = evaluation.check_coach(coach, answers=Path(options["answers"]), plans=Path(options["plans"]))
        except (ValidationError, KeyError, TypeError) as exc:
            raise CommandError(f"{options['answers']} or {options['plans']} does not have the expected shape.") from exc
        except CoachError as exc:
            raise CommandError(str(exc)) from exc
        scoring = evaluation_scoring.scoring_report(coach, corpus=Path(options["corpus"]) if options["corpus"] else None)
        if options["json"]:
            self.stdout.write(operator.to_json({**report.model_dump(mode="json"), "checks": checks.model_dump(mode="json"),
                                                "scoring": scoring.model_dump(mode="json"),
                                                "failures": checks.failures + scoring.failures}))
        else:
            self.stdout.write(self._report(report) + "\n\n" + self._checks(checks) + "\n\n" + "\n".join(scoring.lines()))
        if report.misordered:
            raise CommandError(
                f"{len(report.misordered)} of {report.pairs} pairs scored the weak answer at least as high as the strong "
                f"one: {', '.join(report.misordered)}."
            )
        failures = checks.failures + scoring.failures
        if failures:
            raise CommandError(f"{len(failures)} check(s) failed: {'; '.join(failures)}.")

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

    @staticmethod
    def _checks(checks: evaluation.CoachChecks) -> str:
        passed = sum(c.passed for c in checks.answers)
        lines = [f"Answer checks: {passed}/{len(checks.answers)} passed"]
        for c in checks.answers:
            lines.append(f"  {'ok ' if c.passed else 'BAD'} {c.id:<28} {c.kind:<11} {c.detail}")
        good = sum(p.passed for p in checks.plans)
        lines += ["", f"Plans: {good}/{len(checks.plans)} without problems (8 questions each)"]
        for p in checks.plans:
            lines.append(f"  {'ok ' if p.passed else 'BAD'} {p.id:<24} seams {len(p.seams):>2}  proven skills asked "
                         f"{p.proven_coverage:>4.0%}  top results asked {p.top_results_asked:>4.0%}  "
                         f"false missing {len(p.false_missing)}")
            lines.extend(f"        {seam}" for seam in p.seams)
        for pair, shared in checks.shared_questions.items():
            lines.append(f"  {'ok ' if shared <= 1 else 'BAD'} {pair}: {shared} identical question(s) for two candidates")
        return "\n".join(lines)
