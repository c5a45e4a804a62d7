"""What the offline coach knows about interviews, as plain data: fields, competencies, question banks.

Kept apart from the logic so a reviewer can read (and a careers adviser can edit) the wording
without touching code. Templates use `str.format` names: {skill}, {title}, {company}, {employer}.
"""

import re
from dataclasses import dataclass

from interviews.coach import fields

# --- Fields ---------------------------------------------------------------------------------------
# Fields of work live in data/fields.toml (`fields.py`); these two names stay for the scorer, which reads the
# interview's field by id.

DOMAINS = fields.field_ids()
METRIC_HINTS = {field_id: fields.field(field_id).metric_hint for field_id in DOMAINS}

# --- Competencies, read from a job responsibility --------------------------------------------------


@dataclass(frozen=True)
class Competency:
    name: str
    pattern: re.Pattern
    story: str  # "a time you …" for STAR prompts
    fields: frozenset[str] = frozenset()  # the fields it belongs to (empty: every field)


COMPETENCIES = [  # first match wins, so the narrower competencies come first
    Competency("Teaching", re.compile(r"lesson|\bteach|instruction|classroom|curriculum|\bstudents?\b", re.I),
               "helped a learner who was struggling to understand something", frozenset({"teaching", "academia"})),
    Competency("Reporting and writing", re.compile(r"\breport|\bwrit|stories|\bstory\b|\bedit|sources|\bcopy\b", re.I),
               "got a story right under deadline pressure", frozenset({"journalism"})),
    Competency("Mentoring", re.compile(r"mentor|coach|onboard|train(?:ing)? (?:junior|new|staff)|teach|supervis", re.I),
               "helped someone else get better at their work"),
    Competency("Patient safety", re.compile(r"\bsafe|escalat|deteriorat|infection|medication|clinical risk", re.I),
               "noticed a risk to a patient and acted on it", frozenset({"nursing"})),
    Competency("Safety", re.compile(r"\bsafe|hazard|injur|incident", re.I),
               "kept people safe when it would have been quicker not to"),
    Competency("Results orientation",
               re.compile(r"quota|target|pipeline|revenue|close deals|closing|new business|prospect", re.I),
               "hit a hard target", frozenset({"sales", "marketing"})),
    Competency("Prioritisation", re.compile(r"deadline|priorit|fast-paced|multiple|busy|caseload|triage", re.I),
               "had more to do than time to do it"),
    Competency("Attention to detail", re.compile(r"complian|regulat|audit|accura|reconcil|policy|protocol|gaap|control", re.I),
               "caught an error before it did damage"),
    Competency("Stakeholder management",
               re.compile(r"stakeholder|cross-functional|partner|collaborat|work closely|work with|liaise|negotiat", re.I),
               "got people who did not report to you to agree"),
    Competency("Learning", re.compile(r"\blearn|\bgrow your|develop your|get up to speed|new to", re.I),
               "learned something new quickly because the work needed it"),
    Competency("Quality of work", re.compile(r"\btest|\bbugs?\b|quality|code review", re.I),
               "raised the quality of something other people relied on"),
    Competency("Communication", re.compile(r"communicat|present|explain|document|write-up|educat", re.I),
               "explained something complex to someone without your background"),
    Competency("Continuous improvement", re.compile(r"improv|optimi[sz]|streamlin|automat|reduce|efficien", re.I),
               "made a process measurably better"),
    Competency("KPIs", re.compile(r"\bkpis?\b|key performance", re.I),
               "tracked a number your team was judged by and acted when it moved"),
    Competency("Analytical thinking", re.compile(r"analy[sz]|forecast|model|insight|metric|report|budget", re.I),
               "used numbers to change a decision"),
    Competency("Technical judgement", re.compile(r"design|architect|build|develop|implement|scal|reliab|performance", re.I),
               "made a technical decision with a real trade-off"),
    Competency("Patient advocacy", re.compile(r"patient|families|family|bedside|discharge", re.I),
               "put a patient's needs first when it was not the easy option", frozenset({"nursing"})),
    Competency("Customer focus", re.compile(r"customer|client|user|account|service", re.I),
               "turned round an unhappy customer or client"),
    Competency("Ownership", re.compile(r"\blead|own|drive|responsib|manage", re.I),
               "took ownership of a problem nobody else was handling"),
]

# Generic behavioural questions, used after the job's own responsibilities run out.
# (competency, question by difficulty, points)
GENERAL_BEHAVIOURAL = [
    ("Ownership",
     {"easy": "Can you tell me about a time{at} when you took charge of a problem nobody else was handling?",
      "standard": ("Tell me about a time{at} when you took ownership of a problem nobody else was handling. What did "
                   "you do and what changed?"),
      "hard": ("Tell me about a time{at} when you took ownership of a problem that wasn't yours and it got harder "
               "before it got better. What did it cost you, and was it worth it?")},
     ["Why the problem was falling between the cracks", "The first concrete step you took yourself",
      "How you kept others informed", "The measurable result"]),
    ("Handling conflict",
     {"easy": "Can you tell me about a time{at} when you disagreed with {person}? How did it go?",
      "standard": "Tell me about a time{at} when you disagreed with {person}. How did you handle it, and what was the outcome?",
      "hard": ("Tell me about a time{at} when you disagreed with {person}, and you turned out to be wrong — or right "
               "but overruled. What did you do next?")},
     ["What the disagreement was about, in one sentence", "How you understood the other side before arguing",
      "What you said or did to resolve it", "The outcome and the working relationship afterwards"]),
    ("Learning from failure",
     {"easy": "Can you tell me about a mistake you made{at_work} and what you learned?",
      "standard": ("Tell me about a mistake you made{at}. What happened, how did you put it right, and what do you do "
                   "differently now?"),
      "hard": ("Tell me about your most serious mistake{at}. What was the impact, how did you own it, and what "
               "changed in how you work?")},
     ["A real mistake, owned without blaming others", "How you noticed it and what you did first",
      "How you limited the damage", "The change you made so it would not happen again"]),
    ("Prioritisation",
     {"easy": "Can you tell me about a time{at} when you had too much to do? How did you choose what to do first?",
      "standard": ("Describe a time{at} when you had more work than time. How did you decide what to do first, and "
                   "what did you drop?"),
      "hard": ("Describe a time{at} when two urgent things collided and you could only do one well. How did you "
               "decide, who did you tell, and what did it cost?")},
     ["The competing demands and the deadline", "How you decided (impact, risk, who was waiting)",
      "What you said to the people whose work waited", "What got done and what you would change"]),
    ("Collaboration",
     {"easy": "Can you tell me about a time{at} when you worked with another team to get something done?",
      "standard": ("Tell me about a time{at} when you had to get something done with people who didn't report to you. "
                   "How did you get them on board?"),
      "hard": ("Tell me about a time{at} when another team's goals worked against yours. How did you get to a result "
               "both sides accepted?")},
     ["Who was involved and what each side wanted", "What you did to build agreement",
      "A moment where you compromised or held firm, and why", "The shared result"]),
    ("Adaptability",
     {"easy": "Can you tell me about a time{at} when plans changed at the last minute?",
      "standard": "Tell me about a time{at} when the plan changed late. What did you do, and how did it turn out?",
      "hard": ("Tell me about a time{at} when a late change made your earlier work useless. How did you recover, and "
               "what did you keep?")},
     ["What changed and when", "How quickly you re-planned and who you told",
      "What you did differently", "The result against the new plan"]),
    ("Initiative",
     {"easy": "Can you tell me about something you improved{at} without being asked?",
      "standard": "Tell me about something you improved{at} without being asked. Why did you pick it, and what changed?",
      "hard": ("Tell me about something you changed{at} without being asked, where people resisted. How did you win them "
               "over, and what changed?")},
     ["What you noticed and why it mattered", "What you did first, yourself", "How you got others to go along",
      "The measurable difference"]),
    ("Handling feedback",
     {"easy": "Can you tell me about some feedback you received{at} and what you did with it?",
      "standard": "Tell me about a time you received difficult feedback{at}. What did you do with it?",
      "hard": ("Tell me about feedback you received{at} that you disagreed with at first. What did you do, and what "
               "changed in how you work?")},
     ["The feedback, quoted as it was given", "Your first reaction, honestly", "What you changed",
      "Evidence the change stuck"]),
    ("Working under pressure",
     {"easy": "Can you tell me about a stressful day{at} and how you got through it?",
      "standard": "Tell me about a time{at} when you were under real pressure. How did you keep the quality of your work up?",
      "hard": ("Tell me about a time{at} when pressure made you cut a corner, or nearly. What happened, and what do you do "
               "differently now?")},
     ["What made it high-pressure (deadline, stakes)", "How you organised yourself", "What you chose not to compromise",
      "The result"]),
    ("Goal setting",
     {"easy": "Can you tell me about a goal you set yourself{at} and whether you reached it?",
      "standard": "Tell me about an ambitious goal you set{at}. How did you plan for it, and did you reach it?",
      "hard": ("Tell me about a goal you set{at} and missed. What did you learn about how you plan, and what did you do "
               "next?")},
     ["The goal and why it was ambitious", "Your plan and how you tracked it", "What got in the way",
      "Where you ended up, in numbers"]),
    ("Communication",
     {"easy": "Can you tell me about a time you explained something complicated to {person}?",
      "standard": ("Tell me about a time{at} when you had to explain something complex to {person}. How did you make "
                   "sure they understood?"),
      "hard": ("Tell me about a time{at} when {person} misunderstood something important you had explained. What went "
               "wrong, and how did you fix it?")},
     ["Who the audience was and what they needed to decide", "How you simplified without losing accuracy",
      "How you checked they understood", "What they did with it"]),
]

# --- Gaps ---------------------------------------------------------------------------------------------
# (The technical questions themselves are in data/questions/*.toml.)

# Skills that make a good bridge when the job's skill is missing (before falling back to the same category).
ADJACENT_SKILLS = {
    "SQL": ("PostgreSQL", "MySQL", "Pandas"), "PostgreSQL": ("MySQL", "SQL"), "MySQL": ("PostgreSQL", "SQL"),
    "Kubernetes": ("Docker", "Terraform"), "Terraform": ("AWS", "GCP", "Azure", "Kubernetes"), "Docker": ("Kubernetes", "Linux"),
    "AWS": ("GCP", "Azure"), "GCP": ("AWS", "Azure"), "Azure": ("AWS", "GCP"),
    "TypeScript": ("JavaScript",), "JavaScript": ("TypeScript",), "React": ("JavaScript", "TypeScript"),
    "Django": ("Flask", "FastAPI", "Python"), "Flask": ("Django", "FastAPI"), "FastAPI": ("Django", "Flask"),
    "Kafka": ("Redis",), "GraphQL": ("REST APIs",), "Testing": ("CI/CD",),
    "CRM": ("Salesforce",), "Salesforce": ("CRM",), "Account Management": ("Negotiation", "Pipeline Management"),
    "Pipeline Management": ("Cold Calling", "Salesforce", "CRM"),
    "Triage": ("Patient Care", "ACLS", "BLS"), "ACLS": ("BLS",), "Wound Care": ("Patient Care", "Infection Control"),
    "Electronic Health Records": ("Patient Care",),
    "Risk Management": ("Financial Reporting", "GAAP", "Budgeting"), "Financial Modeling": ("Excel", "Budgeting"),
    "Tableau": ("Excel", "SQL"), "GAAP": ("Financial Reporting",),
}

SENIORITY_LEVEL = {
    "intern": "entry", "junior": "entry", "mid": "mid", "senior": "senior", "lead": "senior", "principal": "senior",
}
TITLE_LEVEL = [
    (re.compile(r"\b(intern|graduate|grad|junior|jr|entry[- ]level|trainee|apprentice|associate)\b", re.I), "entry"),
    (re.compile(r"\b(senior|sr|lead|principal|staff|head|manager|director|charge)\b", re.I), "senior"),
]

STAR_STEPS = (
    "Situation: where and when, in one or two sentences",
    "Task: what you were responsible for",
    "Action: two or three things you did yourself",
    "Result: the number that changed, and what you learned",
)


def competency_for(text: str, field_id: str) -> Competency:
    """The competency a duty or question asks for, among those of the interview's field (first match wins)."""
    for competency in COMPETENCIES:
        if competency.fields and field_id not in competency.fields:
            continue
        if competency.pattern.search(text):
            return competency
    return COMPETENCIES[-1]
