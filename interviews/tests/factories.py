import factory
from django.utils import timezone

from accounts.tests.factories import UserFactory
from interviews.coach.schemas import JobInput, PlanOptions
from interviews.coach.scoring import RUBRIC_VERSION
from interviews.models import (
    Cheatsheet,
    InterviewSession,
    InterviewWork,
    Question,
    ScoreRun,
    TranscriptTurn,
    VideoCall,
)
from resumes.reading.schemas import JobRequirements, MatchReport, ParsedResume
from resumes.reading.taxonomy import find_skills
from resumes.tests.factories import JOB_TEXT, RESUME_TEXT

WORK_FIELDS = ("prepare_enqueued_at", "prepare_started_at", "score_enqueued_at", "score_started_at", "worker")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterviewSession

    user = factory.SubFactory(UserFactory)
    title = "Senior Backend Engineer at Northwind"
    status = InterviewSession.Status.READY
    options = factory.LazyFunction(lambda: PlanOptions(count=3).model_dump(mode="json"))
    answer_seconds = 120
    resume_snapshot = factory.LazyFunction(lambda: ParsedResume(text=RESUME_TEXT, skills=find_skills(RESUME_TEXT)).model_dump(mode="json"))
    job_snapshot = factory.LazyFunction(lambda: JobInput(
        title="Senior Backend Engineer", company="Northwind", text=JOB_TEXT,
        requirements=JobRequirements(skills_required=["Python", "PostgreSQL", "Kubernetes", "Terraform"], skills_nice=["GraphQL"]),
    ).model_dump(mode="json"))
    match_snapshot = factory.LazyFunction(lambda: MatchReport(coverage=60).model_dump(mode="json"))
    engine = "offline"
    prepared_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """The background-work fields (`score_enqueued_at=…`, `worker=…`) go to the session's work row."""
        work = {name: kwargs.pop(name) for name in WORK_FIELDS if name in kwargs}
        session = super()._create(model_class, *args, **kwargs)
        if work:
            InterviewWork.note(session.pk, **work)
            session.work.refresh_from_db()
        return session


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    session = factory.SubFactory(SessionFactory)
    order = factory.Sequence(lambda n: n)
    kind = Question.Kind.BEHAVIORAL
    competency = "Ownership"
    text = factory.Sequence(lambda n: f"Tell me about a time you owned a hard problem (#{n}).")
    rationale = "The job asks you to own services end to end."
    strong_answer_points = factory.LazyFunction(lambda: ["Situation and stakes", "What you did", "A measurable result"])


class TurnFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TranscriptTurn

    session = factory.SubFactory(SessionFactory)
    seq = factory.Sequence(lambda n: n + 1)
    role = TranscriptTurn.Role.CANDIDATE
    text = "I led the migration and cut latency by 40%."
    client_id = factory.Sequence(lambda n: f"client-{n}")


class CheatsheetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cheatsheet

    session = factory.SubFactory(SessionFactory)
    content = factory.LazyFunction(lambda: {"pitch": "I build reliable Python services.", "strengths": [], "gaps": [],
                                            "star_prompts": [], "likely_questions": [], "questions_to_ask": []})
    engine = "offline"


class ScoreRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ScoreRun
        skip_postgeneration_save = True

    session = factory.SubFactory(SessionFactory, status=InterviewSession.Status.SCORED)
    rubric_version = RUBRIC_VERSION  # the rubric the offline coach scores with now
    engine = "offline"
    score = 64
    summary = "Solid examples; add measurable results."
    weights = factory.LazyFunction(lambda: {"content": 0.7, "delivery": 0.3})
    parts = factory.LazyFunction(lambda: {"content": 62.0, "delivery": 70.0})
    per_question = factory.LazyFunction(list)
    metrics = factory.LazyFunction(dict)

    @factory.post_generation
    def history_figures(obj, create, extracted, **kwargs):
        """Like the scoring service, write the session's history figures with the run
        (`history_figures=False` leaves them out, as for runs written before summaries existed)."""
        if create and extracted is not False:
            from interviews.services.progress import score_summary_refresh

            score_summary_refresh(session=obj.session)


VIDEO_CALL_FIELDS = ("conversation_id", "livekit_room", "avatar_joined_at", "end_reason")


def ready_session(user, *, questions: int = 3, **kwargs) -> InterviewSession:
    """A prepared session with `questions` planned; the video call's fields among `kwargs`
    (VIDEO_CALL_FIELDS) go to its VideoCall."""
    call = {name: kwargs.pop(name) for name in VIDEO_CALL_FIELDS if name in kwargs}
    session = SessionFactory(user=user, **kwargs)
    if call:
        VideoCall.objects.update_or_create(session=session, defaults=call)
        session.refresh_from_db()
    for index in range(questions):
        QuestionFactory(session=session, order=index)
    return session
