"""`manage.py parse_resume PATH [PATH ...] [--json]`: read resume files and show what was found."""

import json

from django.core.management.base import BaseCommand, CommandError

from resumes.reading import ResumeRejected, parse_resume_file
from resumes.reading.schemas import ParsedResume


def resume_json(resume: ParsedResume, *, path: str) -> dict:
    """The `--json` contract: these keys are relied on by operators' scripts; add keys, never rename them."""
    return {
        "path": path,
        "contact": resume.contact.model_dump(),
        "headline": resume.headline,
        "sections": resume.sections,
        "experience": [entry.model_dump() for entry in resume.experience],
        "education": [entry.model_dump() for entry in resume.education],
        "skills": [skill.model_dump() for skill in resume.skills],
        "projects": resume.projects,
        "years_experience": resume.years_experience,
        "pages": resume.pages,
        "text": resume.text,
    }


class Command(BaseCommand):
    help = (
        "Read resume files (.pdf, .docx or .txt, judged by content) and print what was found: contact details, "
        "sections, experience, education and skills. With --json, one JSON object per line and file. Exits non-zero "
        "when any file was refused, after reading all of them."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="resume files to read")
        parser.add_argument("--json", action="store_true", dest="as_json", help="one JSON line per file")

    def handle(self, *args, paths: list[str], as_json: bool = False, **options):
        refused = 0
        for path in paths:
            try:
                resume = parse_resume_file(path)
            except ResumeRejected as exc:
                refused += 1
                if as_json:
                    self.stdout.write(json.dumps({"path": path, "error": exc.message}, ensure_ascii=False))
                else:
                    self.stdout.write(f"{path}\n  refused: {exc.message}\n")
                continue
            if as_json:
                self.stdout.write(json.dumps(resume_json(resume, path=path), ensure_ascii=False))
            else:
                self.stdout.write(self._summary(resume, path=path))
        if refused:
            raise CommandError(f"{refused} of {len(paths)} file{'s' if len(paths) != 1 else ''} could not be read.")

    def _summary(self, resume: ParsedResume, *, path: str) -> str:
        contact = resume.contact
        lines = [path]
        lines.append(f"  name:      {contact.name or '—'}")
        lines.append(f"  headline:  {resume.headline or '—'}")
        details = [part for part in (contact.email, contact.phone, contact.location) if part]
        lines.append(f"  contact:   {' | '.join(details) or '—'}")
        if contact.links:
            lines.append(f"  links:     {', '.join(contact.links)}")
        pages = f"{resume.pages} page{'s' if resume.pages != 1 else ''}"
        years = f", {resume.years_experience:g} years of dated experience" if resume.years_experience is not None else ""
        lines.append(f"  read:      {pages}{years}; sections: {', '.join(resume.sections) or 'none found'}")
        if resume.experience:
            lines.append("  experience:")
            for entry in resume.experience:
                role = " at ".join(part for part in (entry.title, entry.company) if part) or "(untitled)"
                lines.append(f"    - {role}" + (f" ({entry.dates})" if entry.dates else ""))
        if resume.education:
            lines.append("  education:")
            for entry in resume.education:
                school = ", ".join(part for part in (entry.degree, entry.institution) if part)
                lines.append(f"    - {school}" + (f" ({entry.dates})" if entry.dates else ""))
        if resume.projects:
            lines.append(f"  projects:  {', '.join(resume.projects)}")
        lines.append(f"  skills:    {', '.join(resume.skill_names()) or 'none recognised'}")
        return "\n".join(lines) + "\n"
