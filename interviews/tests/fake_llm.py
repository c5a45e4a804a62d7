"""A scripted LLM for driving the interview agent in tests, written against `livekit.agents.llm.LLM`
(no fake ships with livekit-agents).

Each time the agent session asks the model for a reply (`chat()`), the next scripted step answers:
text to say, tool calls to make, or an error. A step may also be a function of the request, e.g.
`say_tool_output()` speaks what the last tool result told the model to ask, like a model that
follows its instructions. Every request is recorded (its chat context and tools) so tests can
check what the model was told.

    model = ScriptedLLM(
        reply("Hello, welcome.", call("next_question")),
        say_tool_output(),
        fail(),                                  # the model errors on this turn
    )
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from livekit.agents import APIStatusError, llm
from livekit.agents.llm import ChatChunk, ChoiceDelta, FunctionToolCall
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, APIConnectOptions


@dataclass
class Reply:
    text: str = ""
    calls: list[tuple[str, dict]] = field(default_factory=list)


@dataclass
class Failure:
    error: Exception


@dataclass
class ScriptedRequest:
    chat_ctx: llm.ChatContext
    tool_names: list[str]

    @property
    def instructions(self) -> str:
        return "\n".join(item.text_content or "" for item in self.chat_ctx.items
                         if getattr(item, "role", None) in ("system", "developer"))

    def last_tool_output(self) -> str:
        outputs = [item for item in self.chat_ctx.items if item.type == "function_call_output"]
        return outputs[-1].output if outputs else ""


Step = Reply | Failure | Callable[[ScriptedRequest], "Reply | Failure"]


def call(name: str, **arguments) -> tuple[str, dict]:
    return (name, arguments)


def reply(text: str = "", *calls: tuple[str, dict]) -> Reply:
    return Reply(text=text, calls=list(calls))


def fail(message: str = "The model is unavailable.", status: int = 500) -> Failure:
    """A non-retryable API error, as the google plugin raises when Gemini refuses for good."""
    return Failure(APIStatusError(message, status_code=status, retryable=False))


def say_tool_output() -> Callable[[ScriptedRequest], Reply]:
    """Say the question the last tool result asked for (its text after the first line / colon)."""

    def step(request: ScriptedRequest) -> Reply:
        output = request.last_tool_output()
        text = output.split("\n", 1)[1] if "\n" in output else output.split(": ", 1)[-1]
        return Reply(text=text.strip())

    return step


class _ScriptedStream(llm.LLMStream):
    def __init__(self, owner: "ScriptedLLM", step: Reply | Failure, index: int, **kwargs):
        self._step, self._owner_index = step, index  # set before the base class starts _run
        super().__init__(owner, **kwargs)

    async def _run(self) -> None:
        if isinstance(self._step, Failure):
            raise self._step.error
        calls = [FunctionToolCall(name=name, arguments=json.dumps(args), call_id=f"call_{self._owner_index}_{i}")
                 for i, (name, args) in enumerate(self._step.calls)]
        self._event_ch.send_nowait(ChatChunk(id=f"scripted-{self._owner_index}",
                                             delta=ChoiceDelta(role="assistant", content=self._step.text or None,
                                                               tool_calls=calls)))


class ScriptedLLM(llm.LLM):
    def __init__(self, *steps: Step, default: Step | None = None):
        super().__init__()
        self.steps: list[Step] = list(steps)
        self.default = default
        self.requests: list[ScriptedRequest] = []

    @property
    def model(self) -> str:
        return "scripted"

    @property
    def provider(self) -> str:
        return "saylo-tests"

    def queue(self, *steps: Step) -> "ScriptedLLM":
        self.steps.extend(steps)
        return self

    @property
    def pending(self) -> int:
        return len(self.steps)

    def chat(self, *, chat_ctx: llm.ChatContext, tools: list | None = None,
             conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS, **_: Any) -> llm.LLMStream:
        request = ScriptedRequest(chat_ctx=chat_ctx.copy(), tool_names=sorted(_tool_name(t) for t in tools or []))
        self.requests.append(request)
        step = self.steps.pop(0) if self.steps else self.default
        if step is None:
            step = fail("Nothing was scripted for this model turn.")
        if callable(step):
            step = step(request)
        return _ScriptedStream(self, step, len(self.requests), chat_ctx=chat_ctx, tools=tools or [],
                               conn_options=conn_options)


def _tool_name(tool) -> str:
    info = getattr(tool, "info", None)
    return getattr(info, "name", None) or getattr(tool, "id", None) or getattr(tool, "__name__", repr(tool))
