"""`manage.py read_again [--jobs] [--resumes] [--user EMAIL] [--dry-run]`: read stored postings and resumes
again with the current reader, after a release that reads them better."""

from django.core.management.base import BaseCommand, CommandError

from resumes.models import JobDescription, Resume
from resumes.services import jobs_reanalyse, resume_reparse_request

QUEUE_CHUNK = 500


class Command(BaseCommand):
    help = (
        "Read stored job postings and resumes again with the current reader. Postings are analysed here (a few "
        "milliseconds each) and written only when their analysis changed; resumes are queued for the task worker, "
        "which reads each file in the sandbox (their candidates' corrections are kept). Interviews already prepared "
        "keep the snapshot they were planned from. With neither --jobs nor --resumes, both."
    )

    def add_arguments(self, parser):
        parser.add_argument("--jobs", action="store_true", help="job postings only (unless --resumes too)")
        parser.add_argument("--resumes", action="store_true", help="resumes only (unless --jobs too)")
        parser.add_argument("--user", default="", help="only this candidate's (e-mail address)")
        parser.add_argument("--dry-run", action="store_true", help="say how many would be read; change nothing")

    def handle(self, *args, jobs: bool, resumes: bool, user: str, dry_run: bool, **options):
        both = not jobs and not resumes
        postings, files = JobDescription.objects.order_by("pk"), Resume.objects.order_by("pk")
        if user:
            postings, files = postings.filter(user__email__iexact=user), files.filter(user__email__iexact=user)
            if not (postings.exists() or files.exists()):
                raise CommandError(f"No job postings or resumes belong to {user}.")
        files = files.exclude(parse_status=Resume.Status.READING)
        if jobs or both:
            if dry_run:
                self.stdout.write(f"Would analyse {postings.count()} job posting(s) again.")
            else:
                seen, changed = jobs_reanalyse(jobs=postings)
                self.stdout.write(f"Analysed {seen} job posting(s) again: {changed} read differently now, saved.")
        if resumes or both:
            ids = list(files.values_list("pk", flat=True))
            if dry_run:
                self.stdout.write(f"Would queue {len(ids)} resume(s) to be read again.")
                return
            queued = sum(resume_reparse_request(resume_ids=ids[start:start + QUEUE_CHUNK])
                         for start in range(0, len(ids), QUEUE_CHUNK))
            self.stdout.write(f"Queued {queued} resume(s) to be read again by the task worker.")
