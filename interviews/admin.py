from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from interviews.models import (
    Cheatsheet,
    InterviewSession,
    InterviewWork,
    Question,
    ScoreRun,
    TranscriptTurn,
    VideoCall,
    VideoEvent,
    WorkerHeartbeat,
)
from interviews.selectors import newest_run
from interviews.services.scoring import ScoringFailed, score_run_create
from interviews.services.setup import interview_reprepare
from interviews.services.video import video_interview_stop


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "kind", "competency", "text", "source"]
    ordering = ["order"]


class ReadOnlyInline(admin.TabularInline):
    """Records staff may read but never edit: what was said, and what it scored."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TranscriptTurnInline(ReadOnlyInline):
    model = TranscriptTurn
    fields = ["seq", "role", "text", "question", "is_follow_up", "skipped", "started_ms", "ended_ms", "source"]
    ordering = ["seq"]


class InterviewWorkInline(ReadOnlyInline):
    model = InterviewWork
    fields = ["prepare_enqueued_at", "prepare_started_at", "score_enqueued_at", "score_started_at", "worker"]

    def has_add_permission(self, request, obj=None):
        return False


class VideoCallInline(ReadOnlyInline):
    model = VideoCall
    fields = ["conversation_id", "livekit_room", "avatar_joined_at", "end_reason"]  # never the callback token
    verbose_name = "video call (Tavus conversation, LiveKit room)"  # one row: the heading is singular


class ScoreRunInline(ReadOnlyInline):
    model = ScoreRun
    fields = ["created_at", "score", "rubric_version", "engine", "trigger", "engine_note"]
    ordering = ["-created_at"]


class VideoEventInline(ReadOnlyInline):
    model = VideoEvent
    fields = ["created_at", "source", "kind", "key", "payload"]
    ordering = ["created_at", "id"]
    verbose_name_plural = "video events (Tavus callbacks, agent, room, staff)"


class ScoreRangeFilter(admin.SimpleListFilter):
    title = "latest score"
    parameter_name = "score"
    RANGES = {"0-49": (0, 49), "50-69": (50, 69), "70-84": (70, 84), "85-100": (85, 100)}

    def lookups(self, request, model_admin):
        return [(key, key) for key in self.RANGES]

    def queryset(self, request, queryset):
        if self.value() in self.RANGES:
            low, high = self.RANGES[self.value()]
            return queryset.filter(latest_score__gte=low, latest_score__lte=high)
        return queryset


@admin.register(InterviewSession)
class InterviewSessionAdmin(admin.ModelAdmin):
    # Created by candidates through the product (validated, parsed, snapshotted), never by hand here.
    def has_add_permission(self, request):
        return False

    list_display = ["__str__", "user", "mode", "status", "engine", "latest_score", "created_at"]
    list_filter = ["status", "mode", "engine", ScoreRangeFilter, "created_at"]
    search_fields = ["user__email", "title", "job__title", "job__company", "video_call__conversation_id",
                     "video_call__livekit_room"]
    list_select_related = ["user"]
    readonly_fields = ["user", "resume", "job", "status", "failed_step", "failure_reason", "engine", "engine_note",
                       "options", "created_at", "prepared_at", "started_at", "ended_at", "updated_at",
                       "questions_edited_at", "parent", "request_key"]
    exclude = ["resume_snapshot", "job_snapshot", "match_snapshot"]
    inlines = [QuestionInline, TranscriptTurnInline, ScoreRunInline, InterviewWorkInline, VideoCallInline,
               VideoEventInline]
    actions = ["rescore", "reprepare", "end_video_conversation"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(latest_score=newest_run("score"))

    @admin.display(ordering="latest_score", description="score")
    def latest_score(self, obj):
        return obj.latest_score

    @admin.action(description="Re-score selected interviews (adds a run, keeps the old ones)")
    def rescore(self, request, queryset):
        done, failed = 0, []
        for session in queryset:
            try:
                score_run_create(session=session, trigger=ScoreRun.Trigger.STAFF)
                done += 1
            except ScoringFailed as failure:
                failed.append(f"{session.pk}: {failure.message}")
        self.message_user(request, f"Re-scored {done} interview(s).", messages.SUCCESS)
        if failed:
            self.message_user(request, "Not scored — " + "; ".join(failed), messages.WARNING)

    @admin.action(description="End the live video conversation")
    def end_video_conversation(self, request, queryset):
        """End each selected interview's Tavus conversation and finish its video interview (scored)."""
        ended, finished, problems, skipped = 0, 0, [], []
        for session in queryset.select_related("video_call"):
            live_video = session.status == InterviewSession.Status.LIVE and session.mode == InterviewSession.Mode.VIDEO
            call = session.video_call_or_none
            if not (call and call.conversation_id) and not live_video:
                skipped.append(str(session.pk))
                continue
            result = video_interview_stop(session=session, reason="staff_ended", source=VideoEvent.Source.STAFF)
            ended += result.tavus_ended is not None
            finished += result.finished
            if result.error:
                problems.append(f"interview {session.pk}: {result.error.message}")
        if ended or finished:
            self.message_user(request, f"Ended {ended} Tavus conversation(s); finished {finished} interview(s), "
                              "scoring is queued.", messages.SUCCESS)
        if problems:
            self.message_user(request, "Tavus could not end the conversation of " + "; ".join(problems) +
                              " The interview is finished anyway; run the action again later, or let "
                              "tavus_sweep end the conversation.", messages.ERROR)
        if skipped:
            self.message_user(request, f"No live video conversation to end for interview(s) {', '.join(skipped)}.",
                              messages.WARNING)

    @admin.action(description="Re-prepare selected interviews (new questions and cheatsheet)")
    def reprepare(self, request, queryset):
        done, refused = 0, []
        for session in queryset:
            try:
                interview_reprepare(session=session)
                done += 1
            except ValidationError as error:
                refused.append(f"{session.pk}: {' '.join(error.messages)}")
        self.message_user(request, f"Preparing {done} interview(s) again.", messages.SUCCESS)
        if refused:
            self.message_user(request, "Not re-prepared — " + "; ".join(refused), messages.WARNING)


@admin.register(ScoreRun)
class ScoreRunAdmin(admin.ModelAdmin):
    list_display = ["session", "score", "rubric_version", "engine", "trigger", "created_at"]
    list_filter = ["engine", "rubric_version", "trigger", "created_at"]
    search_fields = ["session__user__email", "session__title"]
    list_select_related = ["session"]
    readonly_fields = [f.name for f in ScoreRun._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Cheatsheet)
class CheatsheetAdmin(admin.ModelAdmin):
    # Created by candidates through the product (validated, parsed, snapshotted), never by hand here.
    def has_add_permission(self, request):
        return False

    list_display = ["session", "engine", "pdf_generated_at", "created_at"]
    list_filter = ["engine"]
    search_fields = ["session__user__email", "session__title"]
    list_select_related = ["session"]
    readonly_fields = ["session", "content", "engine", "engine_note", "pdf", "pdf_generated_at", "pdf_requested_at",
                       "pdf_error", "created_at", "updated_at"]


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    # Written by the worker processes themselves (interviews/workers.py); staff only look.
    list_display = ["worker_id", "backend", "hostname", "pid", "started_at", "seen_at"]
    list_filter = ["backend", "hostname"]
    search_fields = ["worker_id", "hostname"]
    list_select_related = []
    readonly_fields = [f.name for f in WorkerHeartbeat._meta.fields]

    def has_add_permission(self, request):
        return False
