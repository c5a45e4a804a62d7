import uuid

from django import forms

from interviews.coach.schemas import PlanOptions
from interviews.models import InterviewSession, Question
from resumes.forms import JobForm, validate_resume_size
from resumes.models import JobDescription, Resume

ANSWER_SECONDS = [(60, "1 minute"), (90, "1½ minutes"), (120, "2 minutes"), (180, "3 minutes"), (300, "5 minutes")]
DIFFICULTY = [("easy", "Warm-up — friendly, broad questions"), ("standard", "Standard — what a real screen asks"),
              ("hard", "Hard — deep follow-ups, senior bar")]
MIX_FIELDS = ["mix_behavioral", "mix_technical", "mix_situational", "mix_resume"]


class RadioSelectWithDisabled(forms.RadioSelect):
    """Radio buttons where some choices are shown but cannot be picked (a feature that is off)."""

    disabled_values: frozenset = frozenset()

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if str(value) in self.disabled_values:
            option["attrs"]["disabled"] = True
        return option


def _weight(label, initial):
    return forms.IntegerField(label=label, min_value=0, max_value=5, initial=initial,
                              widget=forms.NumberInput(attrs={"inputmode": "numeric"}))


class InterviewSetupForm(forms.Form):
    resume = forms.ModelChoiceField(queryset=Resume.objects.none(), required=False, empty_label="— add a new resume below —",
                                    error_messages={"invalid_choice": "Choose one of your own resumes."})
    resume_file = forms.FileField(label="…or upload a resume", required=False)
    resume_text = forms.CharField(label="…or paste resume text", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    job = forms.ModelChoiceField(queryset=JobDescription.objects.none(), required=False, empty_label="— add a new job below —",
                                 error_messages={"invalid_choice": "Choose one of your own jobs."})
    job_title = forms.CharField(label="New job: title", max_length=200, required=False)
    job_company = forms.CharField(label="Company", max_length=200, required=False)
    job_text = forms.CharField(label="Job posting", required=False, widget=forms.Textarea(attrs={"rows": 6}))
    count = forms.IntegerField(label="Number of questions", min_value=3, max_value=15, initial=8)
    mix_behavioral = _weight("Behavioural", 3)
    mix_technical = _weight("Technical", 3)
    mix_situational = _weight("Situational", 1)
    mix_resume = _weight("About your resume", 2)
    difficulty = forms.ChoiceField(choices=DIFFICULTY, initial="standard", widget=forms.RadioSelect)
    answer_seconds = forms.TypedChoiceField(label="Time per answer", choices=ANSWER_SECONDS, coerce=int, initial=120)
    mode = forms.ChoiceField(choices=InterviewSession.Mode.choices, initial=InterviewSession.Mode.PRACTICE,
                             widget=RadioSelectWithDisabled)
    request_key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args, user, video_reason: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.video_reason = video_reason
        if video_reason:
            self.fields["mode"].widget.disabled_values = frozenset({InterviewSession.Mode.VIDEO.value})
        usable = Resume.objects.filter(user=user, parse_status=Resume.Status.PARSED)
        self.fields["resume"].queryset = usable.defer("text", "parsed")
        self.fields["job"].queryset = JobDescription.objects.filter(user=user).defer("text")
        if not self.is_bound:
            self.initial.setdefault("request_key", uuid.uuid4().hex)
            self.initial.setdefault("resume", self.fields["resume"].queryset.values_list("pk", flat=True).first())
            self.initial.setdefault("job", self.fields["job"].queryset.values_list("pk", flat=True).first())

    def clean_resume_file(self):
        return validate_resume_size(self.cleaned_data.get("resume_file"))

    def clean_mode(self):
        mode = self.cleaned_data["mode"]
        if mode == InterviewSession.Mode.VIDEO and self.video_reason:
            raise forms.ValidationError(self.video_reason)
        return mode

    def clean(self):
        data = super().clean()
        no_resume = not data.get("resume") and not data.get("resume_file") and not (data.get("resume_text") or "").strip()
        if no_resume and "resume" not in self.errors and "resume_file" not in self.errors:  # a refused file says why
            self.add_error("resume", "Choose a resume, upload one, or paste its text.")
        if not data.get("job"):
            if not (data.get("job_title") or "").strip() or not (data.get("job_text") or "").strip():
                if "job" not in self.errors:
                    self.add_error("job", "Choose a job, or give the new job a title and paste its posting.")
            else:
                job_form = JobForm(data={"title": data["job_title"], "company": data.get("job_company", ""),
                                         "text": data["job_text"], "url": ""})
                if not job_form.is_valid():
                    for field, errors in job_form.errors.items():
                        target = {"title": "job_title", "text": "job_text", "company": "job_company"}.get(field)
                        for error in errors:
                            self.add_error(target, error)
        if all(data.get(name) == 0 for name in MIX_FIELDS):
            self.add_error(None, "Choose at least one kind of question (all the mix weights are 0).")
        return data

    def plan_options(self) -> PlanOptions:
        data = self.cleaned_data
        return PlanOptions(
            count=data["count"], difficulty=data["difficulty"],
            mix={"behavioral": data["mix_behavioral"], "technical": data["mix_technical"],
                 "situational": data["mix_situational"], "resume": data["mix_resume"]},
        )


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "kind", "competency"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}
        labels = {"text": "Question", "competency": "What it tests (optional)"}

    def clean_text(self):
        text = " ".join(self.cleaned_data["text"].split())
        if len(text) < 10:
            raise forms.ValidationError("Write the whole question (at least 10 characters).")
        if len(text) > 1000:
            raise forms.ValidationError("Keep a question under 1,000 characters.")
        return text
