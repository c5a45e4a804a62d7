from django import forms
from django.conf import settings

from resumes.models import JobDescription

ACCEPT = ".pdf,.docx,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain"


def validate_resume_size(upload):
    """Refuse a file over RESUME_MAX_BYTES by its size alone. Files past the limit arrive here as
    `saylo.uploads.RefusedUpload`: measured while they streamed in, none of their bytes kept."""
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
