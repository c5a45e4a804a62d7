from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from pydantic import ValidationError

from interviews.coach import ENGINES, CoachError, evaluation, evaluation_scoring, get_coach, operator, plan_evaluation


def default_corpus() -> Path:
    """The 40 real resumes beside the repository (`../shared/corpus/resumes`)."""
    from django.conf import settings

    return Path(settings.BASE_DIR).parent / "shared" / "corpus" / "resumes"


class Command(BaseCommand):
    help = (
        "Check the coach: that it scores strong answers above weak ones (interviews/coach/fixtures/eval_pairs.json), "
        "reads answers right — negations, skill families, real quantities, vague and repeated answers "
        "(eval_answers.json) — and plans interviews without seams, covering the proven required skills and the "
        "strongest results, with no false 'missing' claims (eval_plans.json). Then every corpus resume against its "
        "posting (interviews/coach/evaluation_data): seams, wrong-field words and false gaps in everything the coach "
        "writes, per split, and a fixed-seed sample of 60 questions to read. Exits non-zero when anything fails "
        "(for the corpus: any seam, wrong-field text or false gap in the held-out third, or under 320 questions)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--engine", choices=ENGINES, help="coach engine (default: settings.COACH_ENGINE)")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a readable report")
        parser.add_argument("--fixtures", default=str(evaluation.FIXTURES), help="pairs file (default: the bundled one)")
        parser.add_argument("--answers", default=str(evaluation.ANSWER_FIXTURES),
                            help="answer checks file (default: the bundled one)")
        parser.add_argument("--plans", default=str(evaluation.PLAN_FIXTURES), help="plan cases file (default: the bundled one)")
        parser.add_argument("--corpus", default=None,
                            help="folder of the corpus resumes (default: ../shared/corpus/resumes beside the repository): "
                                 "every one is planned for against its posting, and its match score reported")
        parser.add_argument("--no-corpus", action="store_true", help="skip the corpus resumes")
        parser.add_argument("--only", action="append", default=[], metavar="RESUME",
                            help="plan only this corpus resume (a file name from pairs.json; repeatable)")
        parser.add_argument("--quiet-corpus", action="store_true", help="print the corpus totals and sample only")

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
        folder = self._corpus_folder(options)
        corpus, corpus_failures = self._corpus(coach, folder, options)
        scoring = evaluation_scoring.scoring_report(coach, corpus=folder)
        if options["json"]:
            self.stdout.write(operator.to_json({**report.model_dump(mode="json"), "checks": checks.model_dump(mode="json"),
                                                "scoring": scoring.model_dump(mode="json"),
                                                "failures": checks.failures + scoring.failures + corpus_failures,
                                                "corpus": corpus.model_dump(mode="json") if corpus else None}))
        else:
            self.stdout.write(self._report(report) + "\n\n" + self._checks(checks) + "\n\n" + "\n".join(scoring.lines()))
            if corpus is not None:
                self.stdout.write("\n" + "\n".join(plan_evaluation.report_lines(corpus, details=not options["quiet_corpus"])))
        if report.misordered:
            raise CommandError(
                f"{len(report.misordered)} of {report.pairs} pairs scored the weak answer at least as high as the strong "
                f"one: {', '.join(report.misordered)}."
            )
        failures = checks.failures + scoring.failures + corpus_failures
        if failures:
            raise CommandError(f"{len(failures)} check(s) failed: {'; '.join(failures)}.")

    def _corpus_folder(self, options) -> Path | None:
        """The corpus folder to use, or None (skipped with --no-corpus, or absent when not asked for by name)."""
        if options["no_corpus"]:
            return None
        folder = Path(options["corpus"]) if options["corpus"] else default_corpus()
        if not folder.is_dir():
            if options["corpus"]:
                raise CommandError(f"{folder} is not a folder of corpus resumes.")
            self.stderr.write(f"No corpus resumes at {folder}: the corpus checks were skipped.")
            return None
        return folder

    def _corpus(self, coach, folder: Path | None, options) -> tuple[plan_evaluation.CorpusReport | None, list[str]]:
        """Every corpus resume against its posting (or those named with --only), or None when there is no corpus."""
        if folder is None:
            return None, []
        pairs = plan_evaluation.load_pairs()
        if options["only"]:
            unknown = sorted(set(options["only"]) - {pair.resume for pair in pairs})
            if unknown:
                raise CommandError(f"Not in pairs.json: {', '.join(unknown)}.")
            pairs = [pair for pair in pairs if pair.resume in options["only"]]
        report = plan_evaluation.evaluate_corpus(coach, folder, pairs=pairs)
        return report, report.failures(whole=not options["only"])

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
