import re

from django import forms
from django.conf import settings

from resumes.models import JobDescription
from resumes.reading.schemas import Contact, EducationEntry, ExperienceEntry

ACCEPT = ".pdf,.docx,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"


def validate_resume_size(upload):
    """Refuse a file over RESUME_MAX_BYTES by its size alone. Files past the limit arrive here as
    `core.uploads.RefusedUpload`: measured while they streamed in, none of their bytes kept."""
    limit = settings.RESUME_MAX_BYTES
    if upload is not None and upload.size > limit:
        raise forms.ValidationError(
            f"This file is {upload.size / 1048576:.1f} MB, larger than the {limit / 1048576:g} MB limit. "
            "Save a smaller PDF (without embedded images) or paste the text instead."
        )
    return upload


class ResumeUploadForm(forms.Form):
    file = forms.FileField(
        label="Resume file",
        help_text="PDF or Word (.docx), up to {mb:g} MB and {pages} pages.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"required": "Choose a PDF or Word file to upload.",
                        "empty": "That file is empty. Choose your resume file again."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["file"]
        field.help_text = field.help_text.format(mb=settings.RESUME_MAX_BYTES / 1048576, pages=settings.RESUME_MAX_PAGES)

    def clean_file(self):
        # Size is checked before reading anything; the type is checked by content in the service,
        # never by the name or the browser's content type.
        return validate_resume_size(self.cleaned_data["file"])


class ResumePasteForm(forms.Form):
    title = forms.CharField(label="Name this resume", max_length=120, required=False,
                            widget=forms.TextInput(attrs={"placeholder": "e.g. Resume — backend roles"}))
    text = forms.CharField(
        label="Resume text", max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="For scanned PDFs: copy the text from your editor and paste it here.",
        error_messages={"required": "Paste the text of your resume."},
    )

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text.split()) < 30:
            raise forms.ValidationError("That is too short to be a resume — paste the whole text (at least 30 words).")
        return text


class HeadlineForm(forms.Form):
    headline = forms.CharField(label="Headline", max_length=200, required=False)


class SkillAddForm(forms.Form):
    name = forms.CharField(label="Add a skill", max_length=80,
                           error_messages={"required": "Type the name of a skill to add."})


class ResumeNameForm(forms.Form):
    name = forms.CharField(label="Name of this resume", max_length=200,
                           help_text="Shown wherever you pick a resume, e.g. “Jane Doe — Backend Engineer”.",
                           error_messages={"required": "Give this resume a name, for example “Jane Doe — Backend Engineer”."})


class ContactForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=120, required=False)
    email = forms.EmailField(label="Email", max_length=200, required=False,
                             error_messages={"invalid": "That email address is not complete: write it as name@example.com."})
    phone = forms.CharField(label="Phone", max_length=40, required=False)
    location = forms.CharField(label="Town and region", max_length=120, required=False,
                               widget=forms.TextInput(attrs={"placeholder": "e.g. Buffalo, NY"}))
    address = forms.CharField(label="Postal address", max_length=200, required=False)
    links = forms.CharField(label="Links (one a line)", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="Your LinkedIn, GitHub or portfolio addresses.")

    def clean_links(self):
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        bad = [link for link in links if " " in link or "." not in link]
        if bad:
            raise forms.ValidationError(f"“{bad[0]}” is not a web address. Write one address a line, like github.com/jane.")
        if len(links) > 10:
            raise forms.ValidationError("List at most ten links.")
        return [link[:300] for link in links]

    def contact(self) -> Contact:
        return Contact(**{name: value.strip() if isinstance(value, str) else value
                          for name, value in self.cleaned_data.items()})

    @classmethod
    def from_contact(cls, contact: Contact) -> "ContactForm":
        return cls(initial={**contact.model_dump(), "links": "\n".join(contact.links)})


_MONTH_RE = re.compile(r"^(19|20)\d\d-(0[1-9]|1[0-2])$")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _month_field(label: str) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=20,
                           widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM", "pattern": r"\d{4}-\d{2}"}))


def _written(month: str | None) -> str:
    if not month:
        return ""
    year, number = month.split("-")
    return f"{_MONTH_NAMES[int(number) - 1]} {year}"


class RoleForm(forms.Form):
    title = forms.CharField(label="Job title", max_length=200, error_messages={"required": "Write the job title."})
    company = forms.CharField(label="Employer", max_length=200, required=False)
    start = _month_field("Started")
    end = _month_field("Ended")
    current = forms.BooleanField(label="I work here now", required=False)
    lines = forms.CharField(label="What you did (one line each)", required=False,
                            widget=forms.Textarea(attrs={"rows": 4}))

    def _month(self, name: str) -> str | None:
        value = self.cleaned_data.get(name, "").strip()
        if value and not _MONTH_RE.match(value):
            raise forms.ValidationError("Write the month as year and month, like 2021-03.")
        return value or None

    def clean_start(self):
        return self._month("start")

    def clean_end(self):
        return self._month("end")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if data.get("current"):
            data["end"] = None
        elif start and end and end < start:
            self.add_error("end", "The role ends before it starts: check the two months.")
        return data

    def entry(self) -> ExperienceEntry:
        data = self.cleaned_data
        start, end, current = data["start"], data["end"], data["current"]
        dates = " – ".join(part for part in (_written(start), "Present" if current else _written(end)) if part)
        lines = [line.strip().lstrip("•-* ").strip() for line in data["lines"].splitlines() if line.strip()]
        return ExperienceEntry(title=data["title"].strip(), company=data["company"].strip(), dates=dates, start=start,
                               end=None if current else end, current=current, lines=lines[:30])

    @classmethod
    def from_entry(cls, entry: ExperienceEntry, **kwargs) -> "RoleForm":
        return cls(initial={"title": entry.title, "company": entry.company, "start": entry.start or "",
                            "end": entry.end or "", "current": entry.current, "lines": "\n".join(entry.lines)}, **kwargs)


class DegreeForm(forms.Form):
    degree = forms.CharField(label="Degree or qualification", max_length=200, required=False)
    institution = forms.CharField(label="School", max_length=200, required=False)
    dates = forms.CharField(label="Dates", max_length=60, required=False,
                            widget=forms.TextInput(attrs={"placeholder": "e.g. 2015 – 2017, or May 2013"}))

    def clean(self):
        data = super().clean()
        if not (data.get("degree", "").strip() or data.get("institution", "").strip()):
            raise forms.ValidationError("Write the degree, the school, or both.")
        return data

    def entry(self) -> EducationEntry:
        return EducationEntry(**{name: value.strip() for name, value in self.cleaned_data.items()})

    @classmethod
    def from_entry(cls, entry: EducationEntry, **kwargs) -> "DegreeForm":
        return cls(initial=entry.model_dump(), **kwargs)


class JobForm(forms.ModelForm):
    class Meta:
        model = JobDescription
        fields = ["title", "company", "url", "text"]
        widgets = {
            "text": forms.Textarea(attrs={
                "rows": 14, "placeholder": "Paste the whole posting: responsibilities, requirements, nice-to-haves."}),
            "title": forms.TextInput(attrs={"placeholder": "e.g. Senior Backend Engineer"}),
            "url": forms.TextInput(attrs={"placeholder": "https://… (optional)"}),
        }
        error_messages = {
            "title": {"required": "Give the job a title."},
            "text": {"required": "Paste the job posting — Saylo builds your interview from it."},
        }

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text.split()) < 25:
            raise forms.ValidationError("That is too short to analyse. Paste the full posting (at least 25 words).")
        if len(text) > 50_000:
            raise forms.ValidationError("That posting is over 50,000 characters. Paste only the job’s own text.")
        return text
