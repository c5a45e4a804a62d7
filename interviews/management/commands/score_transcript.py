from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from interviews.coach import ENGINES, CoachError, get_coach, operator
from interviews.coach import materials as coach_materials


class Command(BaseCommand):
    help = (
        "Score an interview transcript. FILE is JSON: {\"resume_text\", \"job_text\", \"turns\": [{\"role\": "
        "\"interviewer\"|\"candidate\", \"text\", \"start_ms\", \"end_ms\"}]} with optional \"job_title\", \"company\" "
        "and \"questions\". Prints a report, or with --json the ScoreResult (engine, rubric_version, score, summary, "
        "strengths, improvements, per_question, metrics, …)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="path to the transcript JSON file")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a readable report")
        parser.add_argument("--engine", choices=ENGINES, help="coach engine (default: settings.COACH_ENGINE)")
        parser.add_argument("--rubric", default=None, help="rubric version (default: the engine's own)")

    def handle(self, *args, **options):
        try:
            data = operator.load_transcript_file(options["file"])
            questions = operator.questions_for(data)
            found = coach_materials.coach_materials(
                resume_text=data.resume_text, job_text=data.job_text, job_title=data.job_title, company=data.company
            )
            coach = get_coach(options["engine"])
            result = coach.score(transcript=data.turns, questions=questions, resume=found.resume, job=found.job,
                                 rubric=options["rubric"])
        except CoachError as exc:
            raise CommandError(str(exc)) from exc
        if options["engine"] == "gemini" and not settings.GEMINI_API_KEY:
            self.stderr.write("GEMINI_API_KEY is not set: the offline coach answered.")
        if options["json"]:
            self.stdout.write(operator.to_json(operator.score_payload(result)))
        else:
            self.stdout.write(operator.score_report(result))
