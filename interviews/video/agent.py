"""One video interview, run by our LiveKit Agents job: the Tavus avatar, Gemini as the interviewer,
every turn saved as it is said, and an end that always closes what was opened.

`InterviewRun.run()` is the whole life of one job (`worker.py` calls it with the job's room):

1. load the dispatched session (`{"session_id": N}` in the job metadata) — a session that is not a
   ready/live video interview is refused with a logged reason and an `agent.refused` event;
2. mark it live, start the agent session (Gemini Live by default; recording only if the operator
   turned VIDEO_RECORDING on) with the candidate's input closed (`saylo.phase=joining`), start the
   Tavus avatar (bounded in time), keep the Tavus conversation id on the session as soon as the
   plugin has it, wait for the avatar to join; End or a leave during all this is honoured at once;
3. greet, and open the candidate's input (voice, and typed answers on `lk.chat`) only once the
   greeting has been said (a greeting that never comes is asked for once more); then interview
   through the tools in `interviewer.py` (planned order, one follow-up at most), publishing
   `saylo.phase` / `saylo.question` participant attributes for the room;
4. write each committed conversation item as a `TranscriptTurn` the moment it is added;
5. end on the last question, End pressed (`saylo.control` `{"type": "end"}`) or the time limit:
   say a short goodbye when it can, finish the interview after its last commit, publish
   `saylo.phase=ended` and enqueue scoring. `{"type": "fallback"}` (the candidate moved to the
   practice room) just leaves. The candidate gone longer than the rejoin grace (a network drop)
   leaves the interview live with its call's `end_reason="candidate_left"`; a failure leaves it live with
   `end_reason="agent_error"`: either way coming back to the video room dispatches a fresh
   agent in a new room, and the practice room carries on too. No "ended" phase then (the room
   would take it as the interview being over). In every case the Tavus conversation is ended, in
   `finally`.

The room, the model and the avatar come in through `AgentParts` and the constructor, so tests run
the same code with a fake room, a scripted model and the fake Tavus server.
"""

import asyncio
import contextlib
import functools
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import connections
from django.utils import timezone
from google.genai import types
from livekit import rtc
from livekit.agents import (
    NOT_GIVEN,
    AgentSession,
    CloseEvent,
    ConversationItemAddedEvent,
    SpeechCreatedEvent,
    llm,
    room_io,
)
from livekit.agents.voice.agent_session import SessionConnectOptions

# Plugins register themselves on import, which livekit-agents allows on the main thread only: the
# worker imports this module there (and job processes do when they load the entrypoint).
from livekit.plugins import google, tavus

from interviews.services import video_agent as service
from interviews.services.video_agent import (
    AGENT_ERROR,
    CANDIDATE_ENDED,
    CANDIDATE_LEFT,
    COMPLETED,
    FINISHING_REASONS,
    PRACTICE_FALLBACK,
    TIME_LIMIT,
    InterviewBrief,
    VideoAgentRefused,
)
from interviews.video.config import VideoConfig
from interviews.video.interviewer import (
    CLOSING,
    CLOSING_INSTRUCTIONS,
    ENDED,
    GREETING,
    INTERVIEW,
    JOINING,
    AskedQuestion,
    InterviewerAgent,
    InterviewPlan,
    greeting_instructions,
)

logger = logging.getLogger("saylo.video.agent")

ATTR_QUESTION = "saylo.question"
ATTR_PHASE = "saylo.phase"
CONTROL_TOPIC = "saylo.control"

AVATAR_JOIN_SECONDS = 60.0  # the room offers the practice room after 45 s; we wait a little longer
AVATAR_START_SECONDS = 30.0  # Tavus creating the conversation (the plugin bounds only the connect)
GREETING_SECONDS = 20.0  # the greeting must have been said by then (a realtime reply can fail silently)
CANDIDATE_REJOIN_SECONDS = 30.0  # a reload or a short network loss is not leaving
GOODBYE_SECONDS = 20.0  # the longest we wait for the goodbye to be said
GOODBYE_ATTEMPTS = 2  # a goodbye cut by another reply of the model is asked for once more
SETTLE_SECONDS = 2.0  # after the goodbye: quiet this long (no speech playing or starting) before finishing
TURN_SETTLE_SECONDS = 5.0  # End mid-sentence: Live's end of speech (1.2 s of silence) and its reply to it
TIME_LIMIT_MARGIN_SECONDS = 30.0  # end before `tavus_sweep` would, so the goodbye is still heard
MIN_SECONDS_LEFT = 60.0  # within the sweep's two minutes of grace
SHUTDOWN_WAIT_SECONDS = 30.0
# A model reply that fails (after the plugin's own retries) would leave the candidate in silence: the
# agent asks for it once more; a second failure in a row ends the interview as an agent error.
MODEL_ERRORS_FORGIVEN = 1
RETRY_INSTRUCTIONS = ("Your last reply did not get through. Carry on from where the conversation is: if the candidate "
                      "has answered, continue as your rules say; otherwise repeat your last question.")


@dataclass(frozen=True)
class EndRequest:
    """Why the interview stops, and whether there is still someone to say goodbye to."""

    reason: str  # services.video_agent: COMPLETED, CANDIDATE_ENDED, CANDIDATE_LEFT, TIME_LIMIT, AGENT_ERROR
    goodbye: str = ""  # key of CLOSING_INSTRUCTIONS to say; "" says nothing
    model_says_goodbye: bool = False  # the model's reply to end_interview is the goodbye
    cause: str = ""  # for AGENT_ERROR: what failed
    message: str = ""


@dataclass
class AgentParts:
    """What one interview is made of, built per job: `session_kwargs()` → AgentSession(**kwargs)
    (the model), `avatar(brief)` → the avatar session to start (or None for none), `tavus()` → the
    client that ends the conversation."""

    session_kwargs: Callable[[], dict[str, Any]]
    avatar: Callable[[], Any]
    tavus: Callable[[], Any]


def fresh_db_connections() -> None:
    """Long-lived worker processes: drop connections past CONN_MAX_AGE or broken (what Django does
    around each request), never one inside a transaction."""
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:
            conn.close_if_unusable_or_obsolete()


def db(fn: Callable) -> Callable:
    """Call a (sync) service from the agent's event loop: in Django's one thread for the ORM, with
    connections fresh for each call."""

    def call(*args, **kwargs):
        fresh_db_connections()
        return fn(*args, **kwargs)

    return sync_to_async(call, thread_sensitive=True)


def _ms_since(start: datetime | None, epoch_seconds: float | None) -> int | None:
    if start is None or epoch_seconds is None:
        return None
    return max(0, min(86_400_000, int(round((epoch_seconds - start.timestamp()) * 1000))))


def item_times(item, started_at: datetime | None) -> tuple[int | None, int | None]:
    """A conversation item's start and end in ms since the interview began: when it was spoken
    (the framework's metrics) or else when it was committed."""
    metrics = getattr(item, "metrics", None) or {}
    created = getattr(item, "created_at", None)
    begin = _ms_since(started_at, metrics.get("started_speaking_at") or created)
    end = _ms_since(started_at, metrics.get("stopped_speaking_at") or created)
    if begin is not None and end is not None and end < begin:
        begin = end
    return begin, end


class InterviewRun:
    """One interview in one room. `run()` returns how it ended (a `VideoCall.end_reason`, or "refused")."""

    def __init__(
        self,
        *,
        room,
        session_id,
        job_id: str,
        config: VideoConfig,
        parts: AgentParts,
        use_room_io: bool = True,
        avatar_join_seconds: float = AVATAR_JOIN_SECONDS,
        avatar_start_seconds: float = AVATAR_START_SECONDS,
        greeting_seconds: float = GREETING_SECONDS,
        rejoin_seconds: float = CANDIDATE_REJOIN_SECONDS,
        goodbye_seconds: float = GOODBYE_SECONDS,
        settle_seconds: float = SETTLE_SECONDS,
        turn_settle_seconds: float = TURN_SETTLE_SECONDS,
        time_limit_seconds: float | None = None,
    ):
        self.room = room
        self.session_id = session_id
        self.job_id = job_id
        self.config = config
        self.parts = parts
        self.use_room_io = use_room_io
        self.avatar_join_seconds = avatar_join_seconds
        self.avatar_start_seconds = avatar_start_seconds
        self.greeting_seconds = greeting_seconds
        self.rejoin_seconds = rejoin_seconds
        self.goodbye_seconds = goodbye_seconds
        self.settle_seconds = settle_seconds
        self.turn_settle_seconds = turn_settle_seconds
        self.time_limit_seconds = time_limit_seconds  # None: VIDEO_MAX_MINUTES from the interview's start

        self.brief: InterviewBrief | None = None
        self.plan: InterviewPlan | None = None
        self.session: AgentSession | None = None
        self.agent: InterviewerAgent | None = None
        self.avatar = None
        self.started_at: datetime | None = None
        self.phase = ""
        self.end_request: EndRequest | None = None
        self.greeted = asyncio.Event()  # the greeting was said: the candidate's input is open
        self.input_open = False
        self._spoke = asyncio.Event()  # the interviewer said something (an assistant turn was committed)
        self._greeting_failed = asyncio.Event()  # the model reported an error before the greeting was said
        self._model_error = ""
        self._typed: set[str] = set()  # typed answers waiting to be committed (saved as input_mode "typed")
        self.first_question = asyncio.Event()
        self.first_question_at: float | None = None
        self.done = asyncio.Event()

        self._ended: asyncio.Future[EndRequest] | None = None  # made on the loop that runs the interview
        self._writes: set[asyncio.Task] = set()
        self._timers: dict[str, asyncio.Task] = {}
        self._speeches: asyncio.Queue = asyncio.Queue()
        self._closing_ourselves = False
        self._model_failures = 0
        self._room_handlers: list[tuple[str, Callable]] = []

    # --- the life of the job ----------------------------------------------------------------------

    async def run(self) -> str:
        self._ended = asyncio.get_running_loop().create_future()
        if self.end_request is not None:  # asked to end before it began
            self._ended.set_result(self.end_request)
        try:
            self.brief = await db(service.video_agent_join)(session_id=self.session_id, job_id=self.job_id)
            self.started_at = self.brief.started_at
        except VideoAgentRefused as refused:
            logger.warning("video agent: job %s refused session %r: %s", self.job_id, self.session_id, refused.message)
            self.done.set()
            return "refused"
        self.plan = InterviewPlan(self.brief.questions, start_index=self.brief.next_index)
        request = EndRequest(AGENT_ERROR, cause="crash")
        starting = None
        try:
            self._watch_room()
            starting = asyncio.ensure_future(self._start())
            await asyncio.wait({starting, self._ended}, return_when=asyncio.FIRST_COMPLETED)
            if starting.done():
                starting.result()  # a failed start raises here
            else:  # End, a leave or a shutdown while starting (a hung Tavus, a late avatar): honoured now
                starting.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await starting
            request = await self._ended
            await self._say_goodbye(request)
        except asyncio.CancelledError:
            request = self.end_request or EndRequest(AGENT_ERROR, cause="cancelled", message="The job was stopped.")
            raise
        except Exception as exc:  # noqa: BLE001 - any failure ends the interview cleanly below
            logger.exception("video agent: session %s failed", self.session_id)
            request = self.end_request if self._ended.done() and self.end_request else EndRequest(
                AGENT_ERROR, cause=getattr(exc, "cause", "crash"), message=_plain(exc))
        finally:
            if starting is not None and not starting.done():
                starting.cancel()
            await asyncio.shield(self._wind_up(request))
        return request.reason

    async def _start(self) -> None:
        kwargs = {"conn_options": SessionConnectOptions(max_unrecoverable_errors=MODEL_ERRORS_FORGIVEN),
                  **self.parts.session_kwargs()}
        self.session = AgentSession(**kwargs)
        self._close_input()  # nothing the candidate says reaches the model before the greeting is said
        self.session.on("conversation_item_added", self._on_item_added)
        self.session.on("speech_created", self._on_speech_created)
        self.session.on("close", self._on_session_close)
        self.session.on("error", self._on_model_error)
        self.session.on("agent_state_changed", self._on_agent_state)
        self.agent = agent = InterviewerAgent(brief=self.brief, plan=self.plan, on_question=self._question_asked,
                                              on_end=self._model_ended)

        await self._publish(phase=JOINING)
        self.avatar = self.parts.avatar(self.brief)
        if self.avatar is not None:
            try:
                await asyncio.wait_for(self.avatar.start(self.session, self.room, livekit_url=self.config.livekit_url,
                                                         livekit_api_key=self.config.livekit_api_key,
                                                         livekit_api_secret=self.config.livekit_api_secret),
                                       timeout=self.avatar_start_seconds)
            except TimeoutError as exc:
                raise StartFailed("avatar_start_timeout", f"Tavus did not start the avatar within "
                                                          f"{self.avatar_start_seconds:g} seconds.") from exc
            except Exception as exc:
                raise StartFailed("avatar_start_failed", f"The Tavus avatar could not start: {_plain(exc)}") from exc
            finally:
                if getattr(self.avatar, "conversation_id", None):  # known: keep it now, even if start failed after
                    self._record(service.video_agent_conversation_record, session_id=self.brief.session_id,
                                 conversation_id=self.avatar.conversation_id)

        room_kwargs: dict[str, Any] = {}
        if self.use_room_io:
            room_kwargs = {"room": self.room, "room_options": room_io.RoomOptions(
                participant_identity=self.brief.candidate_identity,
                close_on_disconnect=False,  # we decide when leaving means leaving (reloads rejoin)
                text_input=room_io.TextInputOptions(text_input_cb=self._on_text_input),  # typed answers
            )}
        # `record` explicit: LiveKit Cloud's project setting must not decide whether the candidate's
        # audio is uploaded (the room tells the candidate what is kept).
        await self.session.start(agent, record=self.config.recording, **room_kwargs)
        self._close_input()
        if not self.use_room_io:
            self.session.output.set_audio_enabled(False)  # text only (tests, benchmarks): no speech to render

        if self.avatar is not None:
            began = time.perf_counter()
            try:
                await self.avatar.wait_for_join(timeout=self.avatar_join_seconds)
            except TimeoutError as exc:
                raise StartFailed("avatar_timeout", f"The Tavus avatar did not join the room within "
                                                    f"{self.avatar_join_seconds:g} seconds.") from exc
            self._record(service.video_agent_avatar_joined, session_id=self.brief.session_id, job_id=self.job_id,
                         seconds=time.perf_counter() - began)

        self._timer("time_limit", self._seconds_left(), EndRequest(TIME_LIMIT, goodbye=TIME_LIMIT))
        if not self._candidate_present():
            self._timer("candidate_left", self.rejoin_seconds, EndRequest(CANDIDATE_LEFT))
        await self._publish(phase=GREETING)
        await self._greet()
        self._open_input()
        self.greeted.set()

    async def _greet(self) -> None:
        """Ask for the greeting and wait until it has been said. A realtime model's reply can fail
        without an error event (a timed-out `generate_reply` only logs, and the SDK closes the session
        on its first unrecoverable realtime error), so a greeting not heard in time is asked for once
        more, then the start has failed."""
        for attempt in range(1 + MODEL_ERRORS_FORGIVEN):
            if attempt:
                logger.warning("video agent: session %s: no greeting after %ss; asking again", self.session_id,
                               self.greeting_seconds)
                with contextlib.suppress(Exception):
                    await self.session.interrupt(force=True)
            self._greeting_failed.clear()
            self.session.generate_reply(instructions=greeting_instructions(self.brief, self.plan))
            if not await self._first_words():
                continue
            speech = self.session.current_speech
            if speech is not None:  # the rest of the greeting (and the first question) is still being said
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(speech.wait_for_playout(), timeout=self.greeting_seconds)
            return
        if self._greeting_failed.is_set():
            raise StartFailed("model_error", f"The interviewer's model failed: {self._model_error}")
        raise StartFailed("greeting_missing", f"The interviewer's model did not say its greeting within "
                                              f"{self.greeting_seconds:g} seconds, twice.")

    async def _first_words(self) -> bool:
        """Wait until the interviewer has said something (True), or its reply failed or did not come in
        time (False)."""
        spoke = asyncio.ensure_future(self._spoke.wait())
        failed = asyncio.ensure_future(self._greeting_failed.wait())
        try:
            await asyncio.wait({spoke, failed}, timeout=self.greeting_seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            spoke.cancel()
            failed.cancel()
        return self._spoke.is_set()

    # --- the candidate's input --------------------------------------------------------------------

    def _close_input(self) -> None:
        self.input_open = False
        with contextlib.suppress(Exception):
            self.session.input.set_audio_enabled(False)

    def _open_input(self) -> None:
        self.input_open = True
        self.session.input.set_audio_enabled(True)

    def accept_text(self, text: str) -> bool:
        """A typed answer: said to the model and saved like a spoken one (input_mode "typed").
        Refused (False) while the interviewer is not listening: joining, greeting or closing."""
        text = " ".join((text or "").split())
        if not text or not self.input_open or self._ended is None or self._ended.done() or self.plan.closing:
            logger.info("video agent: session %s: a typed answer arrived while not listening", self.session_id)
            return False
        self._typed.add(text)
        asyncio.ensure_future(self._say_typed(text))
        return True

    async def _say_typed(self, text: str) -> None:
        await self.session.interrupt()
        self.session.generate_reply(user_input=text)

    async def _on_text_input(self, session, event) -> None:
        """room_io's text input callback (`lk.chat` text streams from the candidate)."""
        self.accept_text(getattr(event, "text", ""))

    def _seconds_left(self) -> float:
        """Until the time limit: VIDEO_MAX_MINUTES counted from when the interview began (a rejoin does
        not get a fresh half hour: `tavus_sweep` counts from the start too), less a margin for the
        goodbye, and at least a minute so a late rejoin can still close politely."""
        if self.time_limit_seconds is not None:
            return self.time_limit_seconds
        elapsed = (timezone.now() - self.started_at).total_seconds() if self.started_at else 0.0
        return max(MIN_SECONDS_LEFT, self.config.max_minutes * 60 - TIME_LIMIT_MARGIN_SECONDS - elapsed)

    async def _say_goodbye(self, request: EndRequest) -> None:
        """Close the interview aloud when someone is there to hear it (bounded in time). Whatever
        the candidate said last is committed first: the goodbye is a reply to it."""
        if request.reason not in (COMPLETED, CANDIDATE_ENDED, TIME_LIMIT) or self.session is None or not self.input_open:
            return
        self.plan.close()
        await self._publish(phase=CLOSING)
        try:
            await asyncio.wait_for(self._goodbye(request), timeout=self.goodbye_seconds)
        except TimeoutError:
            logger.warning("video agent: session %s goodbye took longer than %ss", self.session_id, self.goodbye_seconds)

    async def _goodbye(self, request: EndRequest) -> None:
        if request.model_says_goodbye:
            ending = self.session.current_speech  # the speech whose tool call ended the interview
            await self._until_goodbye_said([ending] if ending is not None else [])
            return
        ongoing = self.session.current_speech
        if self._realtime() and ongoing is not None and not ongoing.done():
            # End pressed mid-sentence: Live commits the candidate's words only when their turn
            # completes (its end of speech, a moment after they stop), and a reply asked for
            # before that is folded into their turn and never heard. Let the turn complete first.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(asyncio.ensure_future(ongoing.wait_for_playout())),
                                       timeout=self.turn_settle_seconds)
        await self.session.interrupt(force=True)
        for _ in range(GOODBYE_ATTEMPTS):
            goodbye = self.session.generate_reply(instructions=CLOSING_INSTRUCTIONS[request.goodbye],
                                                  allow_interruptions=False)
            # The goodbye is the speech we asked for: a short reply Live gives meanwhile to a refused
            # next_question (the candidate's cut turn completing) is a speech of its own, not the goodbye.
            await self._until_goodbye_said([goodbye], goodbye=goodbye)
            if not goodbye.interrupted:
                return
            # Live starting a reply of its own cuts the speech playing (allow_interruptions=False
            # is not honoured with its server-side turn detection): say the goodbye again.
            logger.info("video agent: session %s goodbye was cut by another reply; asking again", self.session_id)

    async def _until_goodbye_said(self, speeches: list, *, goodbye=None) -> None:
        """Wait until one of `speeches`, or of the speeches that follow (a realtime model answers the
        end_interview result with a speech of its own, as late as its turn takes), has said a
        goodbye — or, when we asked for the goodbye ourselves, until that `goodbye` speech has played
        out. Then wait for quiet: every speech still playing, or starting within `settle_seconds` of
        the last one ending, is let play out. Live binds a reply we ask for to the next generation it
        starts, which may be its answer to something else (a refused tool call: "Thank you."); the
        goodbye we asked for then comes as a speech of its own right after, and must be heard and
        saved before the interview is finished. The caller bounds the whole wait."""
        playing = {asyncio.ensure_future(speech.wait_for_playout()): speech for speech in speeches}
        following = asyncio.ensure_future(self._speeches.get())
        said = False
        try:
            while True:
                if said and not playing:
                    done, _ = await asyncio.wait({following}, timeout=self.settle_seconds)
                    if not done:
                        return  # quiet: nothing started within the settle time after the last speech
                else:
                    done, _ = await asyncio.wait({*playing, following}, return_when=asyncio.FIRST_COMPLETED)
                if following in done:
                    speech = following.result()
                    playing[asyncio.ensure_future(speech.wait_for_playout())] = speech
                    following = asyncio.ensure_future(self._speeches.get())
                for finished in done - {following}:
                    if finished in playing:
                        speech = playing.pop(finished)
                        said = said or (speech is goodbye if goodbye is not None else said_after_tools(speech))
        finally:
            following.cancel()
            for task in playing:
                task.cancel()

    def _realtime(self) -> bool:
        return isinstance(getattr(self.session, "llm", None), llm.RealtimeModel)

    async def _wind_up(self, request: EndRequest) -> None:
        """Everything that must happen however the interview ended; each step guarded so the next
        still runs."""
        self.end_request = request
        self._closing_ourselves = True
        for task in self._timers.values():
            task.cancel()
        await self._drain_writes()  # every committed turn is saved before the interview is finished
        try:
            if request.reason == AGENT_ERROR:
                await db(service.video_agent_fail)(session_id=self.brief.session_id, job_id=self.job_id,
                                                   cause=request.cause, message=request.message)
            elif request.reason == CANDIDATE_LEFT:
                await db(service.video_agent_candidate_gone)(session_id=self.brief.session_id, job_id=self.job_id)
            elif request.reason == PRACTICE_FALLBACK:
                await db(service.video_agent_left)(session_id=self.brief.session_id, reason=request.reason,
                                                   detail={"job": self.job_id})
            else:
                await db(service.video_agent_finish)(session_id=self.brief.session_id, reason=request.reason,
                                                     detail={"job": self.job_id})
        except Exception:  # noqa: BLE001
            logger.exception("video agent: could not record the end of session %s", self.session_id)
        if request.reason in FINISHING_REASONS:
            # After the finish: the room takes "ended" as the interview being over, saved and scored
            # (it shows the results). After a failure or a leave the agent just goes, and the room
            # offers the video again and the practice room instead.
            await self._publish(phase=ENDED)
        await self._end_conversation()
        if self.session is not None:
            try:
                await self.session.aclose()
            except Exception:  # noqa: BLE001
                logger.exception("video agent: closing the agent session of %s failed", self.session_id)
        self._unwatch_room()
        logger.info("video agent: session %s ended (%s%s)", self.session_id, request.reason,
                    f": {request.cause}" if request.cause else "")
        self.done.set()

    async def _end_conversation(self) -> None:
        """End the Tavus conversation the avatar plugin created (it never does so itself)."""
        conversation_id = getattr(self.avatar, "conversation_id", None) if self.avatar is not None else None
        if not conversation_id:
            return
        try:
            client = self.parts.tavus()
            ended_now = await sync_to_async(client.conversation_end, thread_sensitive=False)(conversation_id)
            error = ""
        except Exception as exc:  # noqa: BLE001 - recorded; `tavus_sweep` ends what is left open
            logger.exception("video agent: could not end Tavus conversation %s", conversation_id)
            ended_now, error = False, _plain(exc)
        try:
            await db(service.video_agent_conversation_ended)(session_id=self.brief.session_id,
                                                             conversation_id=conversation_id, ended_now=ended_now,
                                                             error=error)
        except Exception:  # noqa: BLE001
            logger.exception("video agent: could not record the end of conversation %s", conversation_id)

    def request_end(self, request: EndRequest) -> None:
        """Ask the interview to end (the first reason wins)."""
        if self._ended is None:
            self.end_request = self.end_request or request
        elif not self._ended.done():
            self.end_request = request
            self._ended.set_result(request)

    async def shutdown(self, reason: str = "") -> None:
        """The job is being shut down: end now (as a failure unless it already ended) and wait for
        the wind-up, bounded."""
        self.request_end(EndRequest(AGENT_ERROR, cause="job_shutdown", message=reason or "The job was shut down."))
        try:
            await asyncio.wait_for(self.done.wait(), timeout=SHUTDOWN_WAIT_SECONDS)
        except TimeoutError:
            logger.error("video agent: session %s did not wind up within %ss", self.session_id, SHUTDOWN_WAIT_SECONDS)

    # --- the model's tools ------------------------------------------------------------------------

    async def _question_asked(self, asked: AskedQuestion) -> None:
        await self._publish(phase=INTERVIEW, question=asked.attribute())
        if not self.first_question.is_set():
            self.first_question_at = time.perf_counter()
            self.first_question.set()

    async def _model_ended(self, candidate_asked: bool) -> None:
        self.request_end(EndRequest(CANDIDATE_ENDED if candidate_asked else COMPLETED, model_says_goodbye=True))

    # --- the agent session's events ---------------------------------------------------------------

    def _on_item_added(self, event: ConversationItemAddedEvent) -> None:
        item = event.item
        if getattr(item, "type", "") != "message" or item.role not in ("user", "assistant"):
            return
        text = (item.text_content or "").strip()
        if not text:
            return
        # the candidate answers what was asked last; the interviewer's words belong where its reply began
        position = self.plan.answer_position() if item.role == "user" else self.agent.speaking_position
        begin, end = item_times(item, self.started_at)
        typed = item.role == "user" and " ".join(text.split()) in self._typed
        if typed:
            self._typed.discard(" ".join(text.split()))
        self._record(service.video_turn_record, session_id=self.brief.session_id, item_id=item.id,
                     role="candidate" if item.role == "user" else "interviewer", text=text,
                     question_id=position.question_id, is_follow_up=position.follow_up, started_ms=begin, ended_ms=end,
                     input_mode="typed" if typed else "")
        if item.role == "assistant":
            self._spoke.set()

    def _record(self, service_fn: Callable, **kwargs) -> None:
        """Write now, without holding the interview up: Django's database thread takes the writes
        in the order they are made, and the wind-up waits for every one of them."""
        task = asyncio.ensure_future(db(service_fn)(**kwargs))
        self._writes.add(task)
        task.add_done_callback(self._write_done)

    def _write_done(self, task: asyncio.Task) -> None:
        self._writes.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logger.error("video agent: a write for session %s failed", self.session_id, exc_info=task.exception())

    async def flush(self) -> None:
        """Wait until every turn committed so far is written."""
        while self._writes:
            await asyncio.gather(*list(self._writes), return_exceptions=True)

    async def _drain_writes(self) -> None:
        try:
            await asyncio.wait_for(self.flush(), timeout=30)
        except TimeoutError:
            logger.error("video agent: turns of session %s still unsaved after 30 s", self.session_id)

    def _on_speech_created(self, event: SpeechCreatedEvent) -> None:
        if self.agent is not None:
            self.agent.reply_started()  # a realtime model's replies (no llm_node) start here
        if self.plan is not None and self.plan.closing:
            self._speeches.put_nowait(event.speech_handle)

    def _on_model_error(self, event) -> None:
        error = event.error
        if getattr(error, "recoverable", True) or getattr(error, "type", "") not in ("llm_error", "realtime_model_error"):
            return
        self._model_failures += 1
        if not self.input_open:
            self._model_error = _plain(getattr(error, "error", error))
            self._greeting_failed.set()  # the greeting's watch (_greet) asks again
            return
        if self._model_failures > MODEL_ERRORS_FORGIVEN or self._ended.done():
            return  # the session closes on this one (see _on_session_close)
        logger.warning("video agent: session %s: the model failed (%s); asking again", self.session_id,
                       _plain(getattr(error, "error", error)))
        instructions = (RETRY_INSTRUCTIONS if self.plan.asked_any
                        else greeting_instructions(self.brief, self.plan))  # the greeting itself failed
        asyncio.get_running_loop().call_soon(self._retry_reply, instructions)

    def _retry_reply(self, instructions: str) -> None:
        if self._ended.done() or self.session is None:
            return
        try:
            self.session.generate_reply(instructions=instructions)
        except RuntimeError:  # the session is already closing
            logger.info("video agent: session %s closing; no retry", self.session_id)

    def _on_agent_state(self, event) -> None:
        if event.new_state == "speaking":
            self._model_failures = 0  # a reply got through

    def _on_session_close(self, event: CloseEvent) -> None:
        if self._closing_ourselves:
            return
        if event.error is not None:
            error = getattr(event.error, "error", event.error)
            self.request_end(EndRequest(AGENT_ERROR, cause="model_error",
                                        message=f"The interviewer's model failed: {_plain(error)}"))
        else:
            self.request_end(EndRequest(AGENT_ERROR, cause=f"session_closed:{getattr(event.reason, 'value', event.reason)}"))

    # --- the room ---------------------------------------------------------------------------------

    def _watch_room(self) -> None:
        for name, handler in (("data_received", self._on_data), ("participant_connected", self._on_joined),
                              ("participant_disconnected", self._on_left)):
            self.room.on(name, handler)
            self._room_handlers.append((name, handler))

    def _unwatch_room(self) -> None:
        for name, handler in self._room_handlers:
            with contextlib.suppress(Exception):  # already gone with the room
                self.room.off(name, handler)
        self._room_handlers.clear()

    def _is_candidate(self, participant) -> bool:
        return participant is not None and getattr(participant, "identity", None) == self.brief.candidate_identity

    def _candidate_present(self) -> bool:
        return self.brief.candidate_identity in getattr(self.room, "remote_participants", {})

    def _on_data(self, packet) -> None:
        if packet.topic != CONTROL_TOPIC or not self._is_candidate(packet.participant):
            return
        try:
            message = json.loads(bytes(packet.data).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return
        kind = message.get("type") if isinstance(message, dict) else None
        if kind == "end":
            self.request_end(EndRequest(CANDIDATE_ENDED, goodbye=CANDIDATE_ENDED))
        elif kind == "fallback":  # the candidate chose the practice room: leave, the interview goes on there
            self.request_end(EndRequest(PRACTICE_FALLBACK))

    def _on_joined(self, participant) -> None:
        if self._is_candidate(participant):
            self._cancel_timer("candidate_left")

    def _on_left(self, participant) -> None:
        if not self._is_candidate(participant):
            return
        if getattr(participant, "disconnect_reason", None) == rtc.DisconnectReason.DUPLICATE_IDENTITY:
            return  # the same candidate joined again (a reload): nothing left
        self._timer("candidate_left", self.rejoin_seconds, EndRequest(CANDIDATE_LEFT))

    def _timer(self, name: str, seconds: float, request: EndRequest) -> None:
        self._cancel_timer(name)

        async def fire():
            await asyncio.sleep(seconds)
            if name == "candidate_left" and self._candidate_present():
                return
            self.request_end(request)

        self._timers[name] = asyncio.ensure_future(fire())

    def _cancel_timer(self, name: str) -> None:
        task = self._timers.pop(name, None)
        if task is not None:
            task.cancel()

    async def _publish(self, *, phase: str = "", question: str = "") -> None:
        """Tell the room where the interview is (participant attributes; a failure is only logged)."""
        attributes = {}
        if phase and phase != self.phase:
            attributes[ATTR_PHASE] = phase
            self.phase = phase
        if question:
            attributes[ATTR_QUESTION] = question
        if not attributes:
            return
        try:
            await self.room.local_participant.set_attributes(attributes)
        except Exception:  # noqa: BLE001 - the room may already be gone
            logger.warning("video agent: could not publish %s for session %s", sorted(attributes), self.session_id,
                           exc_info=True)


def said_after_tools(speech) -> bool:
    """Whether a speech that has played out said something after its last tool result: a goodbye,
    not the lead-in ("Thank you.") of the reply that called end_interview, nor the short reply to a
    next_question the closed plan refused (Live completing the candidate's cut turn just as End was
    pressed), which would otherwise end the call before the goodbye is said."""
    items = list(getattr(speech, "chat_items", None) or [])
    if any(getattr(item, "type", "") == "function_call" and getattr(item, "name", "") != "end_interview" for item in items):
        return False
    last_output = max((i for i, item in enumerate(items) if getattr(item, "type", "") == "function_call_output"),
                      default=-1)
    return any(getattr(item, "type", "") == "message" and item.role == "assistant" and (item.text_content or "").strip()
               for item in items[last_output + 1:])


class StartFailed(Exception):
    def __init__(self, cause: str, message: str):
        super().__init__(message)
        self.cause = cause


def _plain(exc: BaseException) -> str:
    message = getattr(exc, "message", "") or str(exc) or type(exc).__name__
    return message[:500]


# --- the real parts -----------------------------------------------------------------------------

@dataclass(frozen=True)
class ModelSettings:
    mode: str  # "live" or "pipeline"
    live_model: str
    text_model: str
    voice: str
    api_key: str
    base_url: str = ""


def model_settings(config: VideoConfig) -> ModelSettings:
    return ModelSettings(
        mode=settings.INTERVIEW_AGENT_MODEL, live_model=config.gemini_live_model, text_model=settings.GEMINI_MODEL,
        voice=settings.INTERVIEW_AGENT_VOICE, api_key=config.gemini_api_key, base_url=settings.GEMINI_BASE_URL,
    )


LIVE_CONTEXT_COMPRESSION = types.ContextWindowCompressionConfig(
    trigger_tokens=64_000, sliding_window=types.SlidingWindow(target_tokens=32_000))


def gemini_session_kwargs(model: ModelSettings, *, http_options: types.HttpOptions | None = None) -> dict[str, Any]:
    """AgentSession arguments for Gemini: Live (speech in, speech out, one model) by default; the
    pipeline (Gemini STT → Gemini text model → Gemini TTS) where Live is not available. Only the
    Gemini API key is needed either way (never GOOGLE_API_KEY from the environment). `http_options`
    replaces the ones built from GEMINI_BASE_URL (a gateway needing more than a URL; the tests)."""
    if http_options is None and model.base_url:
        http_options = types.HttpOptions(base_url=model.base_url)
    optional = {"http_options": http_options} if http_options else {}
    if model.mode == "pipeline":
        return {
            "stt": google.beta.GeminiSTT(api_key=model.api_key, **optional),
            "llm": google.LLM(model=model.text_model, api_key=model.api_key, **optional),
            "tts": google.beta.GeminiTTS(api_key=model.api_key, voice_name=model.voice),
            # candidates pause to think: wait longer than a chat assistant before taking the turn
            "turn_handling": {"turn_detection": "stt", "endpointing": {"min_delay": 1.2, "max_delay": 6.0}},
        }
    return {"llm": google.realtime.RealtimeModel(
        model=model.live_model, api_key=model.api_key, voice=model.voice,
        input_audio_transcription=types.AudioTranscriptionConfig(),
        output_audio_transcription=types.AudioTranscriptionConfig(),
        realtime_input_config=types.RealtimeInputConfig(automatic_activity_detection=types.AutomaticActivityDetection(
            end_of_speech_sensitivity=types.EndSensitivity.END_SENSITIVITY_LOW, silence_duration_ms=1200)),
        # Without compression a Live session carrying audio ends after about 15 minutes; with it the
        # oldest turns are summarised away (the plan lives in our tools, not in the model's memory).
        context_window_compression=LIVE_CONTEXT_COMPRESSION,
        # Live recycles its connection about every 10 minutes (GoAway): the plugin reconnects with
        # the latest resumption handle and replays what the server had not acknowledged.
        session_resumption=types.SessionResumptionConfig(),
        **optional,
    )}


def tavus_avatar(config: VideoConfig, brief: InterviewBrief):
    """The avatar plugin's session for our Tavus account (its stock PAL and face when none is set),
    creating a conversation named after the session that posts its callbacks to us."""
    avatar = tavus.AvatarSession(face_id=config.tavus_face_id or NOT_GIVEN, pal_id=config.tavus_pal_id or NOT_GIVEN,
                                 api_url=config.tavus_api_url, api_key=config.tavus_api_key)
    extra = {"conversation_name": f"Saylo interview {brief.session_id}"}
    if brief.callback_url:
        extra["callback_url"] = brief.callback_url
    # AvatarSession.start() (livekit-plugins-tavus 1.8.9) takes no conversation fields of ours, but
    # the TavusAPI it calls merges `extra_payload` into the POST /conversations body; the avatar
    # tests check both fields reach Tavus.
    avatar._api.create_conversation = functools.partial(avatar._api.create_conversation, extra_payload=extra)
    return avatar


def default_parts(config: VideoConfig) -> AgentParts:
    from interviews.video.tavus import TavusClient

    model = model_settings(config)
    return AgentParts(
        session_kwargs=lambda: gemini_session_kwargs(model),
        avatar=lambda brief: tavus_avatar(config, brief),
        tavus=lambda: TavusClient(api_key=config.tavus_api_key, api_url=config.tavus_api_url),
    )
