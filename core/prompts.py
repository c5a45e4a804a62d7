"""Untrusted text inside a model's prompt: delimited as data, never read as instructions.

Resume text, job postings and answers are other people's words. Every engine that puts them in a
prompt (the coach's Gemini engine, the video interviewer's instructions) wraps each in a tag and
strips any of our own delimiter tags from inside it, so a resume cannot close its block and speak
as the system.
"""

import re

DATA_TAGS = ("resume", "job", "requirements", "match", "questions", "question", "answer", "answers", "transcript", "data")
_TAG_RE = re.compile(r"<\s*/?\s*(?:" + "|".join(DATA_TAGS) + r")\b[^>]*>", re.IGNORECASE)


def data_block(tag: str, content: str, limit: int) -> str:
    """`content` as data inside <tag>…</tag>, with any of our delimiter tags removed from it."""
    cleaned = _TAG_RE.sub("", content or "")
    if len(cleaned) > limit:
        cleaned = cleaned[:limit] + "\n[…cut for length]"
    return f"<{tag}>\n{cleaned.strip()}\n</{tag}>"
