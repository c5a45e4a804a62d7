"""`manage.py match_report RESUME_PATH JOB_TEXT_PATH [--json] [--title T] [--company C]`."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from resumes.matching import match_report
from resumes.reading import ResumeRejected, parse_resume_file
from resumes.reading.jobs import analyse_job


class Command(BaseCommand):
    help = (
        "Compare a resume (.pdf, .docx or .txt) with a job posting (a text file) and print the match report: "
        "matched skills with the resume lines that prove them (shown in a role, only listed, or related), missing "
        "required and nice-to-have skills, years, degree and kind of role checked, coverage with how it was weighed, "
        "and three suggestions. Without --title, the posting's first line is taken as its title."
    )

    def add_arguments(self, parser):
        parser.add_argument("resume_path", metavar="RESUME_PATH")
        parser.add_argument("job_path", metavar="JOB_TEXT_PATH")
        parser.add_argument("--json", action="store_true", dest="as_json", help="print the report as one JSON object")
        parser.add_argument("--title", default="", help="the job title (default: the posting's first line)")
        parser.add_argument("--company", default="", help="the hiring company")

    def handle(self, *args, resume_path: str, job_path: str, as_json: bool = False, title: str = "", company: str = "",
               **options):
        try:
            job_text = Path(job_path).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise CommandError(f"Could not read the job posting at {job_path}: {exc.strerror or exc}.") from exc
        try:
            resume = parse_resume_file(resume_path)
        except ResumeRejected as exc:
            if as_json:
                self.stdout.write(json.dumps({"path": resume_path, "error": exc.message}, ensure_ascii=False))
            raise CommandError(exc.message) from exc
        job = analyse_job(title=title, company=company, text=job_text)
        report = match_report(resume=resume, job=job)
        if as_json:
            self.stdout.write(json.dumps(report.model_dump(), ensure_ascii=False))
            return
        out = [f"{resume.contact.name or resume_path} → {job.title or job_path}" + (f" at {job.company}" if job.company else "")]
        out.append(f"coverage: {report.coverage:g} %  ({report.coverage_explained})")
        out.append("matched:")
        for match in report.matched:
            kind = "required" if match.required else "nice-to-have"
            how = {"shown": "shown", "listed": "only listed", "related": f"related: {match.via}"}[match.strength]
            quote = f" — {match.evidence[0]}" if match.evidence else ""
            out.append(f"  ✓ {match.skill} ({kind}, {how}){quote}")
        if not report.matched:
            out.append("  (none)")
        out.append(f"missing required: {', '.join(report.missing_required) or 'none'}")
        out.append(f"missing nice-to-have: {', '.join(report.missing_nice) or 'none'}")
        for check in report.checks:
            out.append(f"{check.label}: {check.status} — {check.detail}")
        out.append("suggestions:")
        out.extend(f"  {number}. {suggestion}" for number, suggestion in enumerate(report.suggestions, start=1))
        self.stdout.write("\n".join(out))
