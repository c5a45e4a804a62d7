"""The video settings, read in one place, and whether video interviews can be offered at all."""

from dataclasses import dataclass

from django.conf import settings

# The settings a video interview cannot run without, in the order an operator sets them up.
REQUIRED = ("LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET", "TAVUS_API_KEY", "GEMINI_API_KEY")

CANDIDATE_UNAVAILABLE = ("Video interviews with an AI interviewer are not set up on this server. "
                         "Use the practice room — it scores you the same way.")


@dataclass(frozen=True)
class VideoConfig:
    livekit_url: str
    livekit_api_key: str
    livekit_api_secret: str
    tavus_api_key: str
    tavus_api_url: str
    tavus_face_id: str
    tavus_pal_id: str
    gemini_api_key: str
    gemini_live_model: str
    agent_name: str
    max_minutes: int
    client_url: str
    client_integrity: str
    recording: bool = False  # LiveKit Cloud may record the interview's audio (VIDEO_RECORDING)

    @property
    def missing(self) -> list[str]:
        """Names of the required settings that are empty."""
        return [name for name in REQUIRED if not str(getattr(settings, name, "") or "").strip()]

    @property
    def enabled(self) -> bool:
        return not self.missing


def video_config() -> VideoConfig:
    """The video settings as they are now (read on each call, so tests can override settings)."""
    return VideoConfig(
        livekit_url=settings.LIVEKIT_URL,
        livekit_api_key=settings.LIVEKIT_API_KEY,
        livekit_api_secret=settings.LIVEKIT_API_SECRET,
        tavus_api_key=settings.TAVUS_API_KEY,
        tavus_api_url=settings.TAVUS_API_URL.rstrip("/"),
        tavus_face_id=settings.TAVUS_FACE_ID,
        tavus_pal_id=settings.TAVUS_PAL_ID,
        gemini_api_key=settings.GEMINI_API_KEY,
        gemini_live_model=settings.GEMINI_LIVE_MODEL,
        agent_name=settings.INTERVIEW_AGENT_NAME,
        max_minutes=settings.VIDEO_MAX_MINUTES,
        client_url=settings.LIVEKIT_CLIENT_URL,
        client_integrity=settings.LIVEKIT_CLIENT_INTEGRITY,
        recording=settings.VIDEO_RECORDING,
    )


def video_unavailable_reason(*, staff: bool = False) -> str:
    """Empty when video interviews can be offered; otherwise one plain sentence (plus, for staff,
    the names of the settings to set)."""
    missing = video_config().missing
    if not missing:
        return ""
    if staff:
        return f"{CANDIDATE_UNAVAILABLE} Staff: set {', '.join(missing)} to turn video interviews on."
    return CANDIDATE_UNAVAILABLE
