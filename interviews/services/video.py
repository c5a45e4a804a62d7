"""The server's side of a video interview: Tavus callbacks, ending a conversation for staff, and the
sweep that ends conversations left open.

Tavus callbacks are not signed. Each video call has a random `callback_token`; the URL Tavus posts
to carries `<session id>.<token>` (`tavus_callback_url`), so a callback finds its call by primary
key and the token is then compared with `hmac.compare_digest` — no scan, no timing hint. Every
callback is stored once as a `VideoEvent` (its `key` names the conversation and the event), in the
same transaction as its effect, so a replay changes nothing and a failed effect is retried by Tavus.
"""

import hashlib
import hmac
import logging
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef, Q, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from rapidfuzz.distance import Indel

from core.ids import parse_id
from core.jsonbody import BadJsonBody, json_object_from
from core.work import RESCORE, work_request
from interviews.models import InterviewSession, InterviewWork, TranscriptTurn, VideoCall, VideoEvent
from interviews.services.transcript import MAX_TURN_CHARS, interview_end
from interviews.video.tavus import TavusClient, TavusError, tavus_client

logger = logging.getLogger("saylo.video")

MAX_CALLBACK_BYTES = 1_000_000  # a 60-minute transcript is well under 200 kB
MAX_TRANSCRIPT_ENTRIES = 2_000
SAME_WORDS_RATIO = 0.8  # two transcriptions of the same answer rarely match word for word
SWEEP_GRACE_MINUTES = 2  # the agent ends its own interviews at the limit; the sweep is the backstop
TAVUS_ROLES = {"user": TranscriptTurn.Role.CANDIDATE, "assistant": TranscriptTurn.Role.INTERVIEWER,
               "replica": TranscriptTurn.Role.INTERVIEWER}


class CallbackRejected(Exception):
    """A callback body we cannot use; `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


# --- the callback URL and its token ------------------------------------------------------------

def callback_token_for(session: InterviewSession) -> str:
    """`<session id>.<secret>` of the session's call (made when missing)."""
    call = session.video_call_or_none or VideoCall.of(session.pk)
    return f"{session.pk}.{call.callback_token}"


def tavus_callback_url(session: InterviewSession) -> str:
    """The absolute URL Tavus should post this session's callbacks to, or "" when
    TAVUS_CALLBACK_BASE_URL is not set (callbacks are then off; the agent and the sweep still end
    every conversation)."""
    base = (getattr(settings, "TAVUS_CALLBACK_BASE_URL", "") or "").strip().rstrip("/")
    if not base:
        return ""
    return base + reverse("interviews:tavus_callback", kwargs={"token": callback_token_for(session)})


def session_for_callback_token(token: str) -> InterviewSession | None:
    """The session whose callback token this is, or None (also for a session without a video call).
    Looks up the call by the id the token starts with, then compares the secret in constant time."""
    raw_id, _, secret = (token or "").partition(".")
    session_id = parse_id(raw_id)
    if session_id is None or not secret or len(secret) > 128:
        return None
    call = VideoCall.objects.select_related("session").filter(session_id=session_id).first()
    expected = call.callback_token if call is not None else "x" * 43
    matches = hmac.compare_digest(expected.encode(), secret.encode())
    return call.session if call is not None and matches else None


# --- callbacks ---------------------------------------------------------------------------------

class TavusCallback(BaseModel):
    """A conversation callback (docs: "Webhooks and Callbacks")."""

    model_config = ConfigDict(extra="ignore")

    event_type: str = Field(min_length=1, max_length=60)
    message_type: str = ""
    conversation_id: str = Field(min_length=1, max_length=64)
    properties: dict[str, Any] = Field(default_factory=dict)
    timestamp: str = ""

    @field_validator("properties", mode="before")
    @classmethod
    def _properties(cls, value):
        return value if value is not None else {}

    @field_validator("timestamp", "message_type", mode="before")
    @classmethod
    def _text(cls, value):
        return "" if value is None else str(value)[:64]


@dataclass
class CallbackOutcome:
    event: str
    stored: bool  # False: a replay, nothing changed
    changes: list[str] = field(default_factory=list)


def tavus_callback_parse(body: bytes) -> TavusCallback:
    """Raises CallbackRejected (413 too big, 400 not JSON or not a callback)."""
    if len(body) > MAX_CALLBACK_BYTES:
        raise CallbackRejected(f"A callback can be at most {MAX_CALLBACK_BYTES:,} bytes.", status=413)
    try:
        payload = json_object_from(body, what="callback")  # NUL and broken Unicode refused before the database
    except BadJsonBody as bad:
        raise CallbackRejected(f"Not a Tavus callback: {bad.message}", status=bad.status) from None
    try:
        return TavusCallback.model_validate(payload)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first.get("loc", ())) or "body"
        raise CallbackRejected(f"Not a Tavus callback: {where}: {first.get('msg', 'invalid')}.") from None


def tavus_callback_handle(*, session: InterviewSession, callback: TavusCallback) -> CallbackOutcome:
    """Apply one Tavus callback to its session, once.

    `system.replica_joined` sets the call's `avatar_joined_at`; `system.shutdown` is only recorded (it never
    ends an interview: see `_shutdown`); `application.transcription_ready`
    stores the transcript turns the agent did not already save (`source="tavus"`). Anything else is
    only recorded. A callback about another conversation than the session's current one is recorded
    and changes nothing. Raises nothing for a replay: it returns `stored=False`.
    """
    key = _event_key(callback)
    with transaction.atomic():
        locked = InterviewSession.objects.select_for_update().get(pk=session.pk)
        if VideoEvent.objects.filter(session=locked, key=key).exists():
            return CallbackOutcome(event=callback.event_type, stored=False)
        changes: list[str] = []
        call = VideoCall.of(locked.pk, lock=True)
        current = call.conversation_id
        if not current:
            call.conversation_id = callback.conversation_id
            call.save(update_fields=["conversation_id"])
            changes.append("conversation id recorded")
        if current and current != callback.conversation_id:
            changes.append(f"ignored: the session's conversation is {current}")
        elif callback.event_type == "system.replica_joined":
            changes += _replica_joined(call, callback)
        elif callback.event_type == "system.shutdown":
            changes += _shutdown(locked, callback)
        elif callback.event_type == "application.transcription_ready":
            changes += _transcription_ready(locked, callback)
        try:
            with transaction.atomic():
                VideoEvent.objects.create(session=locked, source=VideoEvent.Source.TAVUS, kind=callback.event_type[:60],
                                          key=key, payload=_event_payload(callback, changes))
        except IntegrityError:  # the same callback raced in on another request: that one counts
            transaction.set_rollback(True)
            return CallbackOutcome(event=callback.event_type, stored=False)
    logger.info("tavus callback %s for session %s: %s", callback.event_type, session.pk, "; ".join(changes) or "noted")
    return CallbackOutcome(event=callback.event_type, stored=True, changes=changes)


def _event_key(callback: TavusCallback) -> str:
    if callback.event_type in {"system.replica_joined", "system.shutdown", "application.transcription_ready"}:
        key = f"tavus:{callback.conversation_id}:{callback.event_type}"  # each happens once per conversation
    else:
        digest = hashlib.sha256(callback.model_dump_json().encode()).hexdigest()[:16]
        key = f"tavus:{callback.conversation_id}:{callback.event_type}:{digest}"
    return key if len(key) <= 120 else "tavus:" + hashlib.sha256(key.encode()).hexdigest()


def _event_payload(callback: TavusCallback, changes: list[str]) -> dict[str, Any]:
    properties = dict(callback.properties)
    if isinstance(properties.get("transcript"), list):  # the turns themselves are stored as turns
        properties["transcript"] = f"{len(properties['transcript'])} entries"
    return {"conversation_id": callback.conversation_id, "timestamp": callback.timestamp,
            "properties": properties, "changes": changes}


def _when(callback: TavusCallback) -> datetime:
    try:
        parsed = datetime.fromisoformat(callback.timestamp.replace("Z", "+00:00"))
    except ValueError:
        return timezone.now()
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _replica_joined(call: VideoCall, callback: TavusCallback) -> list[str]:
    if call.avatar_joined_at is not None:
        return []
    call.avatar_joined_at = _when(callback)
    call.save(update_fields=["avatar_joined_at"])
    return ["avatar joined"]


def _shutdown(session: InterviewSession, callback: TavusCallback) -> list[str]:
    """The avatar's conversation is over. That says nothing about the interview: the agent ends its
    conversation after a failure too (the candidate carries on in the practice room, or comes back
    to the video room for a fresh agent), and a conversation can end while the agent still runs.
    Only the candidate, the agent (after its last commit) or the time limit end an interview, so
    this records why Tavus stopped and changes nothing else."""
    reason = str(callback.properties.get("shutdown_reason") or "unknown")
    return [f"shutdown: {reason}", f"interview left {session.get_status_display().lower()}"]


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _same(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """The same words, give or take what two transcribers hear differently (compared word by word)."""
    if a == b:
        return True
    if not a or not b:
        return False
    # The share of words in common, in order (rapidfuzz's Indel similarity on word sequences: 2·LCS / (|a|+|b|)).
    return Indel.normalized_similarity(a, b, score_cutoff=SAME_WORDS_RATIO) >= SAME_WORDS_RATIO


def transcript_entries(transcript: Any) -> list[tuple[str, str]]:
    """(role, text) of the spoken turns in a Tavus transcript: system entries dropped, roles mapped,
    empty ones skipped."""
    if not isinstance(transcript, list):
        raise CallbackRejected("properties.transcript must be a list of {role, content}.")
    entries = []
    for item in transcript[:MAX_TRANSCRIPT_ENTRIES]:
        if not isinstance(item, dict):
            continue
        role = TAVUS_ROLES.get(str(item.get("role", "")).lower())
        text = item.get("content")
        if role is None or not isinstance(text, str) or not text.strip():
            continue
        entries.append((role, text.strip()[:MAX_TURN_CHARS]))
    return entries


def aligned(saved: list[tuple[str, tuple[str, ...]]], heard: list[tuple[str, tuple[str, ...]]]) -> set[int]:
    """Indexes of `heard` that match a turn of `saved` in order (role and words): the longest
    common subsequence, so a sentence said twice, or a turn the agent missed, cannot shift the rest."""
    if len(saved) * len(heard) > 1_000_000:  # far past any interview: fall back to exact matches only
        blocks = Indel.opcodes(saved, heard).as_matching_blocks()
        return {block.b + k for block in blocks for k in range(block.size)}
    rows, cols = len(saved), len(heard)
    lengths = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows - 1, -1, -1):
        for j in range(cols - 1, -1, -1):
            if saved[i][0] == heard[j][0] and _same(saved[i][1], heard[j][1]):
                lengths[i][j] = lengths[i + 1][j + 1] + 1
            else:
                lengths[i][j] = max(lengths[i + 1][j], lengths[i][j + 1])
    matched, i, j = set(), 0, 0
    while i < rows and j < cols:
        if saved[i][0] == heard[j][0] and lengths[i][j] == lengths[i + 1][j + 1] + 1 and _same(saved[i][1], heard[j][1]):
            matched.add(j)
            i, j = i + 1, j + 1
        elif lengths[i + 1][j] >= lengths[i][j + 1]:
            i += 1
        else:
            j += 1
    return matched


def _transcription_ready(session: InterviewSession, callback: TavusCallback) -> list[str]:
    entries = transcript_entries(callback.properties.get("transcript", []))
    saved = [(t.role, _words(t.text)) for t in session.turns.order_by("seq").only("role", "text")]
    already = aligned(saved, [(role, _words(text)) for role, text in entries])
    missing = [(index, role, text) for index, (role, text) in enumerate(entries) if index not in already]
    if not missing:
        return [f"transcript: {len(entries)} turns, all already saved"]
    seq = session.turns.aggregate(top=Max("seq"))["top"] or 0
    TranscriptTurn.objects.bulk_create([
        TranscriptTurn(session=session, seq=seq + offset, role=role, text=text, source=TranscriptTurn.Source.TAVUS,
                       client_id=f"tavus-{callback.conversation_id}-{index}"[:64])
        for offset, (index, role, text) in enumerate(missing, start=1)
    ])
    changes = [f"transcript: {len(entries)} turns, {len(missing)} added from Tavus"]
    if session.status in {InterviewSession.Status.FINISHED, InterviewSession.Status.SCORING,
                          InterviewSession.Status.SCORED}:
        changes.append(_rescore(session))
    return changes


def _rescore(session: InterviewSession) -> str:
    """Turns arrived after the interview ended: score it again with them (earlier runs stay)."""
    from interviews.models import ScoreRun
    InterviewWork.note(session.pk, score_enqueued_at=timezone.now())
    work_request(RESCORE, session.pk, ScoreRun.Trigger.INTERVIEW_END)  # with the state change, or after commit
    return "scoring enqueued again with the added turns"


# --- ending a conversation (staff, sweep) --------------------------------------------------------

@dataclass
class StopResult:
    session: InterviewSession
    tavus_ended: bool | None  # True ended now, False already ended, None not tried or failed
    finished: bool  # this call finished the interview
    error: TavusError | None = None


def video_interview_stop(*, session: InterviewSession, reason: str, source: str = VideoEvent.Source.STAFF,
                         client: TavusClient | None = None, event_key: str = "",
                         conversation_id: str = "", finish: bool = True) -> StopResult:
    """End the session's Tavus conversation (idempotent) and, when `finish` (staff decided) and the
    video interview is still on, finish it and enqueue scoring; record a VideoEvent either way.
    The sweep passes `finish=False`: an interview the candidate can still finish is never scored
    behind their back.

    A Tavus failure does not keep the interview open (staff decided): the error is returned and
    recorded, and `tavus_sweep` ends the conversation later.
    """
    tavus_ended, error = None, None
    known = session.video_call_or_none
    conversation_id = conversation_id or (known.conversation_id if known else "")
    if conversation_id:
        try:
            tavus_ended = (client or tavus_client()).conversation_end(conversation_id)
        except TavusError as exc:
            error = exc
            logger.warning("ending Tavus conversation %s of session %s: %s", conversation_id, session.pk, exc.code)
    with transaction.atomic():
        locked = InterviewSession.objects.select_for_update().get(pk=session.pk)
        call = VideoCall.of(locked.pk, lock=True)
        if conversation_id and not call.conversation_id:
            call.conversation_id = conversation_id
            call.save(update_fields=["conversation_id"])
        finished = False
        # Only a video interview under way is over; one carried on in the practice room goes on.
        if finish and locked.status == InterviewSession.Status.LIVE and locked.mode == InterviewSession.Mode.VIDEO:
            locked, finished = interview_end(session=locked)
        if finished and not call.end_reason:
            call.end_reason = reason[:40]
            call.save(update_fields=["end_reason"])
        VideoEvent.objects.get_or_create(
            session=locked, key=event_key or f"{source}:stop:{uuid.uuid4().hex}",
            defaults={"source": source, "kind": f"{source}.conversation_end", "payload": {
                "reason": reason, "conversation_id": call.conversation_id,
                "tavus": {True: "ended", False: "already ended", None: "not ended"}[tavus_ended],
                "error": error.message if error else "", "interview_finished": finished}})
    return StopResult(session=locked, tavus_ended=tavus_ended, finished=finished, error=error)


# --- the sweep ----------------------------------------------------------------------------------

CONVERSATION_NAME = "Saylo interview {session_id}"  # what the agent names each Tavus conversation
_CONVERSATION_NAME_RE = re.compile(r"^Saylo interview (\d+)$")


@dataclass
class SweepReport:
    ended: list[str] = field(default_factory=list)  # conversation ids ended at Tavus
    errors: list[str] = field(default_factory=list)  # plain sentences
    checked: int = 0  # active conversations Tavus listed
    foreign: list[str] = field(default_factory=list)  # old conversations that are not Saylo's, left alone


def tavus_sweep(*, now: datetime | None = None, max_minutes: int | None = None,
                grace_minutes: int = SWEEP_GRACE_MINUTES, client: TavusClient | None = None,
                dry_run: bool = False, all_conversations: bool = False) -> SweepReport:
    """End every Saylo conversation older than VIDEO_MAX_MINUTES (+ a grace for the agent to end its
    own): the active ones Tavus lists, and those of sessions still marked live that no one has
    ended yet. It never finishes or scores an interview: one still live after its conversation is
    one the candidate can still finish (back in the video room with a fresh agent, or in the
    practice room) — only the candidate, the agent or its time limit end it. A conversation is
    Saylo's when a session holds its id, when it carries the agent's name ("Saylo interview <id>")
    or posts its callbacks here; `all_conversations` ends every old one on the account. Safe to run
    every minute: each step is idempotent."""
    now = now or timezone.now()
    limit = max_minutes if max_minutes is not None else settings.VIDEO_MAX_MINUTES
    cutoff = now - timedelta(minutes=limit + grace_minutes)
    report = SweepReport()
    client = client or tavus_client()
    seen: set[str] = set()

    try:
        active = client.conversations_list(status="active")
    except TavusError as error:
        report.errors.append(f"Listing active conversations failed: {error.message}")
        active = []
    report.checked = len(active)
    for conversation in active:
        if conversation.created_at is None or conversation.created_at > cutoff:
            continue
        session = _session_of(conversation.conversation_id, conversation.conversation_name)
        if session is None and not all_conversations and not _looks_ours(conversation):
            report.foreign.append(conversation.conversation_id)
            continue
        seen.add(conversation.conversation_id)
        _sweep_one(conversation.conversation_id, report, client=client, dry_run=dry_run, session=session)

    # Conversations already ended (by the agent or an earlier sweep) are not asked about again: the
    # interviews stay live until the candidate comes back, so this list would only grow.
    ended = VideoEvent.objects.filter(session=OuterRef("session")).filter(
        Q(key=Concat(Value("sweep:"), OuterRef("conversation_id")), payload__tavus__in=["ended", "already ended"])
        | Q(key=Concat(Value("agent.conversation_ended:"), OuterRef("conversation_id"))))
    stale = (VideoCall.objects.select_related("session")
             .filter(session__status=InterviewSession.Status.LIVE, session__mode=InterviewSession.Mode.VIDEO,
                     session__started_at__lt=cutoff)
             .exclude(conversation_id="").exclude(conversation_id__in=seen)
             .exclude(Exists(ended)))
    for call in stale:
        _sweep_one(call.conversation_id, report, client=client, dry_run=dry_run, session=call.session)
    return report


def _session_of(conversation_id: str, name: str) -> InterviewSession | None:
    """The session a conversation belongs to: by the id the agent recorded, else by its name."""
    session = (InterviewSession.objects.filter(video_call__conversation_id=conversation_id)
               .select_related("video_call").order_by("-pk").first())
    if session is not None:
        return session
    match = _CONVERSATION_NAME_RE.match(name or "")
    if match:
        session = InterviewSession.objects.select_related("video_call").filter(pk=int(match.group(1))).first()
        call = session.video_call_or_none if session is not None else None
        if session is not None and not (call and call.conversation_id):  # the agent died before recording it
            return session
    return None


def _looks_ours(conversation) -> bool:
    base = (getattr(settings, "TAVUS_CALLBACK_BASE_URL", "") or "").strip().rstrip("/")
    return bool(_CONVERSATION_NAME_RE.match(conversation.conversation_name or "")
                or (base and conversation.callback_url.startswith(base + "/")))


def _sweep_one(conversation_id: str, report: SweepReport, *, client: TavusClient, dry_run: bool,
               session: InterviewSession | None) -> None:
    if dry_run:
        report.ended.append(conversation_id)
        return
    if session is None:
        try:
            if client.conversation_end(conversation_id):
                report.ended.append(conversation_id)
        except TavusError as error:
            report.errors.append(f"Conversation {conversation_id}: {error.message}")
        return
    result = video_interview_stop(session=session, reason="sweep", source=VideoEvent.Source.STAFF,
                                  client=client, event_key=f"sweep:{conversation_id}"[:120],
                                  conversation_id=conversation_id, finish=False)
    if result.tavus_ended:
        report.ended.append(conversation_id)
    if result.error:
        report.errors.append(f"Conversation {conversation_id} (session {session.pk}): {result.error.message}")
