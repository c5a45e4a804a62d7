"""One candidate's whole world, for the suites that walk every page: a resume with its file, a job,
a scored interview (questions, transcript, cheatsheet with its PDF, a score run) and a ready one.

`text` is put into every field a person or a model writes (names, resume, job, answers, edited
questions, feedback, cheatsheet, engine notes), so the XSS suite can look for it everywhere.
"""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.utils import timezone

from interviews.models import Cheatsheet, InterviewSession, Question, ScoreRun, TranscriptTurn
from interviews.tests.factories import CheatsheetFactory, QuestionFactory, ScoreRunFactory, SessionFactory, TurnFactory
from resumes.models import JobDescription, Resume
from resumes.tests.factories import JobFactory, ResumeFactory


@dataclass
class World:
    user: object
    resume: Resume
    job: JobDescription
    session: InterviewSession  # scored: every results, PDF and history page has something to show
    question: Question
    ready: InterviewSession  # ready to start: the room and its JSON endpoints
    cheatsheet: Cheatsheet
    run: ScoreRun


def cheatsheet_content(text: str) -> dict:
    return {
        "pitch": f"I build reliable services. {text}",
        "strengths": [{"skill": f"Python {text}", "evidence": [f"Built services {text}"], "talking_point": text}],
        "gaps": [{"skill": f"Terraform {text}", "advice": f"Say how you would learn it. {text}"}],
        "star_prompts": [{"competency": f"Ownership {text}", "prompt": f"Prepare a story {text}",
                          "suggested_story": text}],
        "likely_questions": [f"Why this team? {text}"],
        "questions_to_ask": [f"How do you deploy? {text}"],
        "engine": "offline", "fallback_reason": text,
    }


def build_world(user, *, text: str = "", pdf: bytes = b"%PDF-1.4 stand-in cheatsheet") -> World:
    resume = ResumeFactory(user=user, kind=Resume.Kind.PDF, original_filename=f"CV {text}.pdf",
                           headline=f"Backend Engineer {text}",
                           text=f"Ada Example {text}\nBackend Engineer\n\nEXPERIENCE\nBuilt Python services {text}")
    resume.skills = [*resume.skills, {"name": f"Skill {text}", "category": "other", "evidence": [text],
                                      "added_by_candidate": True}]
    resume.save()
    resume.file.save("cv.pdf", ContentFile(b"%PDF-1.4 stand-in resume"), save=True)
    job = JobFactory(user=user, title=f"Senior Engineer {text}", company=f"Initech {text}",
                     text=f"We hire engineers. {text}\nRequirements\n- Python, PostgreSQL.")
    session = SessionFactory(user=user, resume=resume, job=job, status=InterviewSession.Status.SCORED,
                             title=f"Senior Engineer at Initech {text}", engine_note=text,
                             started_at=timezone.now(), ended_at=timezone.now())
    question = QuestionFactory(session=session, order=0, text=f"Tell me about a hard problem {text}",
                               rationale=f"The job asks for it {text}", competency=f"Ownership {text}",
                               source=Question.Source.CANDIDATE)
    QuestionFactory(session=session, order=1, text=f"How do you design schemas? {text}")
    TurnFactory(session=session, seq=1, role=TranscriptTurn.Role.INTERVIEWER, text=question.text, question=question)
    TurnFactory(session=session, seq=2, role=TranscriptTurn.Role.CANDIDATE, question=question,
                text=f"I led the migration and cut latency by 40%. {text}", started_ms=1000, ended_ms=40000)
    cheatsheet = CheatsheetFactory(session=session, content=cheatsheet_content(text), engine_note=text)
    cheatsheet.pdf.save("cheatsheet.pdf", ContentFile(pdf), save=False)
    cheatsheet.pdf_generated_at = timezone.now()
    cheatsheet.save()
    answer = f"I led the migration and cut latency by 40%. {text}"
    run = ScoreRunFactory(
        session=session, summary=f"Solid examples. {text}", engine_note=text,
        strengths=[{"text": f"Specific results {text}", "quote": text}],
        improvements=[{"text": f"Name the tools {text}", "quote": text}],
        per_question=[{"question": question.text, "answer": answer, "kind": "behavioral", "competency": "Ownership",
                       "score": 80, "feedback": f"Clear. {text}", "strong": [text], "missing": [text],
                       "model_answer": [text], "skills_shown": ["Python"]}],
        metrics={"words_per_minute": 140.0, "fillers_per_minute": 2.0, "filler_counts": {}, "long_pauses": 0,
                 "answer_words": [12], "average_answer_words": 12},
    )
    ready = SessionFactory(user=user, resume=resume, job=job, status=InterviewSession.Status.READY,
                           title=f"Practice round {text}")
    QuestionFactory(session=ready, order=0, text=f"Why this job? {text}")
    return World(user=user, resume=resume, job=job, session=session, question=question, ready=ready,
                 cheatsheet=cheatsheet, run=run)
