import secrets
import uuid

from django.conf import settings
from django.db import models

from interviews import lifecycle
from interviews.coach.schemas import JobInput, PlannedQuestion, PlanOptions
from resumes.reading.schemas import MatchReport, ParsedResume


def cheatsheet_upload_to(instance: "Cheatsheet", filename: str) -> str:
    return f"cheatsheets/{instance.session.user_id}/{uuid.uuid4().hex}.pdf"


def report_pdf_upload_to(instance: "ReportPdf", filename: str) -> str:
    return f"reports/{instance.run.session.user_id}/{uuid.uuid4().hex}.pdf"


def new_callback_token() -> str:
    return secrets.token_urlsafe(32)


class InterviewSession(models.Model):
    class Mode(models.TextChoices):
        PRACTICE = "practice", "Practice room"
        VIDEO = "video", "Video interview"

    # The states and the legal moves between them live in interviews/lifecycle.py.
    Status = lifecycle.Status
    Step = lifecycle.Step

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="interview_sessions")
    # The session keeps working if the candidate later deletes the resume or job: what the plan
    # and the score were built from is snapshotted below.
    resume = models.ForeignKey("resumes.Resume", on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="interview_sessions")
    job = models.ForeignKey("resumes.JobDescription", on_delete=models.SET_NULL, null=True, blank=True,
                            related_name="interview_sessions")
    title = models.CharField(max_length=200, blank=True)  # "Senior Backend Engineer at Acme", frozen at setup
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.PRACTICE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    failed_step = models.CharField(max_length=12, choices=Step.choices, blank=True)
    failure_reason = models.TextField(blank=True)
    options = models.JSONField(default=dict, blank=True)  # PlanOptions
    answer_seconds = models.PositiveSmallIntegerField(default=120)
    resume_snapshot = models.JSONField(default=dict, blank=True)  # ParsedResume
    job_snapshot = models.JSONField(default=dict, blank=True)  # JobInput
    match_snapshot = models.JSONField(default=dict, blank=True)  # MatchReport
    engine = models.CharField(max_length=20, blank=True)  # which coach engine planned the questions
    engine_note = models.TextField(blank=True)  # why another engine answered, when it did
    request_key = models.CharField(max_length=64, blank=True)  # idempotency of the setup form
    parent = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="retakes")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    prepared_at = models.DateTimeField(null=True, blank=True)
    questions_edited_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A video interview's call (Tavus conversation, LiveKit room, callback token) is its VideoCall.

    class Meta:
        ordering = ["-created_at", "-id"]
        # In the lists' order, the tie-break included: a page of the newest 20 is read off the index and stops
        # there, however long the history (without the id, the database sorts every interview of the user).
        indexes = [models.Index(fields=["user", "-created_at", "-id"], name="session_user_newest")]
        constraints = [
            models.UniqueConstraint(fields=["user", "request_key"], condition=~models.Q(request_key=""),
                                    name="unique_session_setup_request"),
        ]

    def __str__(self):
        return self.title or f"Interview {self.pk}"

    def save(self, *args, **kwargs):
        # Every change of status is a transition of the lifecycle's table (admin edits and stray code included).
        loaded = getattr(self, "_loaded_status", None)
        if loaded is not None:
            lifecycle.check_transition(loaded, self.status)
        creating = self._state.adding
        super().save(*args, **kwargs)
        self._loaded_status = self.status
        if creating:
            InterviewWork.objects.get_or_create(session=self)
            if self.mode == self.Mode.VIDEO:
                VideoCall.objects.get_or_create(session=self)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._loaded_status = self.__dict__.get("status")

    def plan_options(self) -> PlanOptions:
        return PlanOptions.model_validate(self.options or {})

    def resume_input(self) -> ParsedResume:
        return ParsedResume.model_validate(self.resume_snapshot or {})

    def job_input(self) -> JobInput:
        return JobInput.model_validate(self.job_snapshot or {})

    def match_input(self) -> MatchReport:
        return MatchReport.model_validate(self.match_snapshot or {})

    @property
    def is_startable(self) -> bool:
        return self.status in lifecycle.TAKING_ANSWERS

    @property
    def questions_editable(self) -> bool:
        return self.status == self.Status.READY and self.started_at is None

    @property
    def is_over(self) -> bool:
        return self.status in lifecycle.ENDED or self.ended_at is not None

    @property
    def video_call_or_none(self) -> "VideoCall | None":
        """The session's video call, or None for one that never was a video interview."""
        try:
            return self.video_call
        except VideoCall.DoesNotExist:
            return None


class InterviewWork(models.Model):
    """The background work of one interview: when its preparation and scoring were asked for and began,
    and which worker process runs them — what tells work that is still running from work whose worker
    died (interviews/services/recovery.py). Kept apart from the session, which holds what the interview
    is; this holds what the task workers are doing about it. Made with the session."""

    session = models.OneToOneField(InterviewSession, on_delete=models.CASCADE, primary_key=True, related_name="work")
    prepare_enqueued_at = models.DateTimeField(null=True, blank=True)
    prepare_started_at = models.DateTimeField(null=True, blank=True)
    score_enqueued_at = models.DateTimeField(null=True, blank=True)
    score_started_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=120, blank=True)  # the worker process running the current task
    # Times work was queued again because its worker died mid-task (interviews/services/recovery.py).
    recoveries = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "background work"
        verbose_name_plural = "background work"

    def __str__(self):
        return f"Work of interview {self.session_id}"

    @classmethod
    def note(cls, session_id: int, **fields) -> None:
        """Write `fields` of the session's work row (made when missing)."""
        if not cls.objects.filter(session_id=session_id).update(**fields):
            cls.objects.update_or_create(session_id=session_id, defaults=fields)


class VideoCall(models.Model):
    """The call of a video interview: the Tavus conversation the avatar speaks in, the LiveKit room
    the candidate joins, the secret in the URL Tavus posts callbacks to, and why the call stopped.
    Kept apart from the session, which holds what the interview is. Made with every video-mode
    session and, when missing, on the way into the video room (`VideoCall.of`); a practice session
    has none, and so accepts no Tavus callback."""

    session = models.OneToOneField(InterviewSession, on_delete=models.CASCADE, primary_key=True,
                                   related_name="video_call")
    conversation_id = models.CharField(max_length=100, blank=True)  # Tavus's; a rejoin replaces it
    livekit_room = models.CharField(max_length=100, blank=True)  # chosen at the first start, new after the agent left
    callback_token = models.CharField(max_length=64, default=new_callback_token, editable=False)
    avatar_joined_at = models.DateTimeField(null=True, blank=True)  # the Tavus avatar first entered the room
    end_reason = models.CharField(max_length=40, blank=True)  # e.g. "candidate_ended", "time_limit"

    class Meta:
        verbose_name = "video call"

    def __str__(self):
        return f"Video call of interview {self.session_id}"

    @classmethod
    def of(cls, session_id: int, *, lock: bool = False) -> "VideoCall":
        """The session's call, made when missing. `lock` (inside a transaction) holds its row until
        commit, so a read-then-write cannot overwrite what the agent's conditional update wrote."""
        rows = cls.objects.select_for_update() if lock else cls.objects
        call, _ = rows.get_or_create(session_id=session_id)
        return call

    @classmethod
    def note(cls, session_id: int, *, where: dict | None = None, **fields) -> bool:
        """Write `fields` of the session's call (made when missing) when it matches `where`
        (e.g. `{"avatar_joined_at__isnull": True}`: only the first time). Returns True when written.
        One UPDATE when the row exists (every video session has it from the start)."""
        matching = cls.objects.filter(session_id=session_id, **(where or {}))
        if matching.update(**fields):
            return True
        if cls.objects.filter(session_id=session_id).exists():
            return False  # there, but not as `where` asks
        cls.of(session_id)
        return bool(matching.update(**fields))


class VideoEvent(models.Model):
    """Something that happened in a video interview (a Tavus callback, the agent's progress, a staff
    action), stored once: `key` makes a replayed event a no-op."""

    class Source(models.TextChoices):
        TAVUS = "tavus", "Tavus callback"
        AGENT = "agent", "Interview agent"
        ROOM = "room", "Candidate's browser"
        STAFF = "staff", "Staff"

    session = models.ForeignKey(InterviewSession, on_delete=models.CASCADE, related_name="video_events")
    source = models.CharField(max_length=10, choices=Source.choices)
    kind = models.CharField(max_length=60)  # "system.replica_joined", "agent.started", ...
    key = models.CharField(max_length=120)  # idempotency: the same event delivered twice is stored once
    payload = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["session", "key"], name="unique_video_event_key")]

    def __str__(self):
        return f"{self.kind} ({self.get_source_display()})"


class Question(models.Model):
    class Kind(models.TextChoices):
        BEHAVIORAL = "behavioral", "Behavioural"
        TECHNICAL = "technical", "Technical"
        SITUATIONAL = "situational", "Situational"
        RESUME = "resume", "About your resume"

    class Source(models.TextChoices):
        COACH = "coach", "Planned by the coach"
        CANDIDATE = "candidate", "Added by you"

    session = models.ForeignKey(InterviewSession, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    competency = models.CharField(max_length=120, blank=True)
    text = models.TextField()
    rationale = models.TextField(blank=True)
    strong_answer_points = models.JSONField(default=list, blank=True)
    skill = models.CharField(max_length=120, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.COACH)
    # The probing question the coach asked after the answer, in this interview (at most one): the
    # room's transcript records the interviewer's words from here and the plan, never from the browser.
    follow_up_text = models.TextField(blank=True)

    class Meta:
        ordering = ["session", "order", "id"]

    def __str__(self):
        return self.text[:80]

    def as_planned(self) -> PlannedQuestion:
        return PlannedQuestion(kind=self.kind, competency=self.competency or self.get_kind_display(), text=self.text,
                               rationale=self.rationale, strong_answer_points=list(self.strong_answer_points or []),
                               skill=self.skill)


class TranscriptTurn(models.Model):
    class Role(models.TextChoices):
        INTERVIEWER = "interviewer", "Interviewer"
        CANDIDATE = "candidate", "Candidate"

    class Source(models.TextChoices):
        PRACTICE = "practice", "Practice room"
        AGENT = "agent", "Interview agent"
        TAVUS = "tavus", "Tavus"

    class InputMode(models.TextChoices):
        # How a candidate's answer was given: only spoken answers carry speech timings worth measuring.
        UNKNOWN = "", "Not recorded"
        TYPED = "typed", "Typed"
        DICTATED = "dictated", "Dictated"
        MIXED = "mixed", "Partly dictated, partly typed"
        SPOKEN = "spoken", "Spoken (voice interview)"

    session = models.ForeignKey(InterviewSession, on_delete=models.CASCADE, related_name="turns")
    seq = models.PositiveIntegerField()
    role = models.CharField(max_length=12, choices=Role.choices)
    text = models.TextField(blank=True)
    question = models.ForeignKey(Question, on_delete=models.SET_NULL, null=True, blank=True, related_name="turns")
    is_follow_up = models.BooleanField(default=False)
    skipped = models.BooleanField(default=False)
    started_ms = models.PositiveIntegerField(null=True, blank=True)  # since the interview began
    ended_ms = models.PositiveIntegerField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.PRACTICE)
    input_mode = models.CharField(max_length=10, choices=InputMode.choices, default="", blank=True)
    client_id = models.CharField(max_length=64)  # idempotency: the same turn sent twice is stored once
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["session", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["session", "client_id"], name="unique_turn_client_id"),
            models.UniqueConstraint(fields=["session", "seq"], name="unique_turn_seq"),
            # One practice-room answer per question and attempt; the live agent may split an answer.
            models.UniqueConstraint(fields=["session", "question", "is_follow_up"],
                                    condition=models.Q(role="candidate", source="practice"),
                                    name="one_practice_answer_per_question"),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.text[:60]}"


class Cheatsheet(models.Model):
    session = models.OneToOneField(InterviewSession, on_delete=models.CASCADE, related_name="cheatsheet")
    content = models.JSONField(default=dict)  # CheatsheetContent
    engine = models.CharField(max_length=20, blank=True)
    engine_note = models.TextField(blank=True)
    pdf = models.FileField(upload_to=cheatsheet_upload_to, blank=True, max_length=255)
    pdf_generated_at = models.DateTimeField(null=True, blank=True)
    pdf_requested_at = models.DateTimeField(null=True, blank=True)  # a re-print was asked for
    pdf_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Cheatsheet for {self.session}"

    @property
    def pdf_pending(self) -> bool:
        """A re-print was requested and has not finished (or failed) yet."""
        if self.pdf_requested_at is None or self.pdf_error:
            return False
        return self.pdf_generated_at is None or self.pdf_generated_at < self.pdf_requested_at


class ScoreRun(models.Model):
    class Trigger(models.TextChoices):
        INTERVIEW_END = "end", "End of interview"
        CANDIDATE = "candidate", "Candidate re-score"
        STAFF = "staff", "Staff action"
        OPERATOR = "operator", "Operator command"

    session = models.ForeignKey(InterviewSession, on_delete=models.CASCADE, related_name="score_runs")
    rubric_version = models.CharField(max_length=40)
    engine = models.CharField(max_length=20)
    engine_note = models.TextField(blank=True)
    score = models.PositiveSmallIntegerField()
    summary = models.TextField()
    weights = models.JSONField(default=dict)
    parts = models.JSONField(default=dict)
    strengths = models.JSONField(default=list)
    improvements = models.JSONField(default=list)
    per_question = models.JSONField(default=list)
    metrics = models.JSONField(default=dict)
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.INTERVIEW_END)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["session", "-created_at"])]

    def __str__(self):
        return f"{self.score}/100 ({self.rubric_version}, {self.engine})"


class ReportPdf(models.Model):
    """The printable report of one score run, printed by the task worker and stored (never in a request).
    A run never changes, so neither does its printed report once it is there."""

    run = models.OneToOneField(ScoreRun, on_delete=models.CASCADE, related_name="report_pdf")
    file = models.FileField(upload_to=report_pdf_upload_to, blank=True, max_length=255)
    requested_at = models.DateTimeField(null=True, blank=True)
    printed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)  # why it could not be printed, for the candidate

    def __str__(self):
        return f"Report PDF of {self.run}"

    @property
    def pending(self) -> bool:
        return not self.file and not self.error and self.requested_at is not None


class WorkerHeartbeat(models.Model):
    """A task worker process saying it is alive: written every few seconds by a thread in each
    `db_worker`/`rqworker` process (interviews/workers.py). `/readyz` and the stale-task check read it."""

    worker_id = models.CharField(max_length=120, unique=True)  # host:pid:token, new for every process
    hostname = models.CharField(max_length=100)
    pid = models.PositiveIntegerField()
    backend = models.CharField(max_length=20)  # TASKS_BACKEND of that process: db | rq
    started_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-seen_at"]

    def __str__(self):
        return self.worker_id


class ScoreSummary(models.Model):
    """What history and the dashboard show for a scored session, taken from its newest score run and
    written by the scoring service together with the run — so those pages never read the runs' JSON
    per request. `change` compares like with like: only with the candidate's previous scored
    interview for the same job and the same resume (`compare_key`)."""

    session = models.OneToOneField(InterviewSession, on_delete=models.CASCADE, primary_key=True, related_name="summary")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(ScoreRun, on_delete=models.CASCADE, related_name="+")  # the newest run
    score = models.PositiveSmallIntegerField()
    scored_at = models.DateTimeField()
    taken_at = models.DateTimeField()  # the session's created_at: the order of the progress chart
    # "job:12 resume:7", frozen when first scored: deleting the job or resume later keeps the comparison.
    compare_key = models.CharField(max_length=120)
    previous = models.ForeignKey(InterviewSession, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    change = models.SmallIntegerField(null=True, blank=True)  # score − the previous comparable score
    competencies = models.JSONField(default=dict, blank=True)  # {competency: mean score of *answered* questions}
    answered = models.PositiveSmallIntegerField(default=0)
    skipped = models.PositiveSmallIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-taken_at", "-session_id"]
        indexes = [
            # The progress chart's last 30, read off the index in order (the tie-break included, so nothing is sorted).
            models.Index(fields=["user", "-taken_at", "-session"], name="summary_user_newest"),
            models.Index(fields=["user", "compare_key", "taken_at"], name="summary_user_compare"),
        ]

    def __str__(self):
        return f"{self.session_id}: {self.score}/100"
