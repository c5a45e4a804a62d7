from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from pydantic import ValidationError

from interviews.coach import ENGINES, CoachError, PlanOptions, get_coach, operator
from interviews.coach import materials as coach_materials


class Command(BaseCommand):
    help = (
        "Plan interview questions and write the cheatsheet for a resume and a job posting. Prints a report, or with "
        "--json {\"engine\", \"questions\": [...], \"cheatsheet\": {...}}."
    )

    def add_arguments(self, parser):
        parser.add_argument("resume_path", help="the resume file (PDF, DOCX or text)")
        parser.add_argument("job_text_path", help="a text file with the job posting")
        parser.add_argument("--json", action="store_true", help="print JSON instead of a readable report")
        parser.add_argument("--count", type=int, default=8, help="number of questions, 3 to 15 (default 8)")
        parser.add_argument("--difficulty", choices=["easy", "standard", "hard"], default="standard")
        parser.add_argument("--engine", choices=ENGINES, help="coach engine (default: settings.COACH_ENGINE)")
        parser.add_argument("--job-title", default="", help="the job title, when the posting's first line isn't it")
        parser.add_argument("--company", default="", help="the employer's name")

    def handle(self, *args, **options):
        resume_path = Path(options["resume_path"])
        job_path = Path(options["job_text_path"])
        for path, what in ((resume_path, "resume"), (job_path, "job posting")):
            if not path.is_file():
                raise CommandError(f"The {what} file {path} does not exist.")
        try:
            job_text = job_path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise CommandError(f"The job posting {job_path} is not UTF-8 text.") from exc
        if not job_text.strip():
            raise CommandError(f"The job posting {job_path} is empty.")
        try:
            plan_options = PlanOptions(count=options["count"], difficulty=options["difficulty"])
        except ValidationError as exc:
            raise CommandError(f"--count must be between 3 and 15, not {options['count']}.") from exc
        try:
            found = coach_materials.coach_materials(
                resume_path=resume_path, job_text=job_text, job_title=options["job_title"], company=options["company"]
            )
            coach = get_coach(options["engine"])
            plan = coach.plan_questions(resume=found.resume, job=found.job, match=found.match, options=plan_options)
            sheet = coach.write_cheatsheet(resume=found.resume, job=found.job, match=found.match, questions=plan.questions)
        except CoachError as exc:
            raise CommandError(str(exc)) from exc
        if options["engine"] == "gemini" and not settings.GEMINI_API_KEY:
            self.stderr.write("GEMINI_API_KEY is not set: the offline coach answered.")
        if options["json"]:
            self.stdout.write(operator.to_json(operator.plan_payload(plan, sheet)))
        else:
            self.stdout.write(operator.plan_report(plan, sheet))
