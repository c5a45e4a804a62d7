"""What the offline coach knows about interviews, as plain data: fields, competencies, question banks.

Kept apart from the logic so a reviewer can read (and a careers adviser can edit) the wording
without touching code. Templates use `str.format` names: {skill}, {title}, {company}, {employer}.
"""

import re
from dataclasses import dataclass

# --- Fields ---------------------------------------------------------------------------------------

DOMAINS = ("software", "healthcare", "sales", "finance", "general")

# taxonomy category -> field
CATEGORY_DOMAIN = {
    "language": "software", "framework": "software", "database": "software", "devops": "software",
    "cloud": "software", "backend": "software", "architecture": "software", "systems": "software",
    "engineering": "software", "data": "software", "tools": "software",
    "clinical": "healthcare", "healthcare": "healthcare", "nursing": "healthcare",
    "sales": "sales", "finance": "finance", "accounting": "finance",
}
TITLE_DOMAIN = [
    (re.compile(r"\b(nurse|nursing|rn|lpn|clinical|clinician|care|carer|health|patient|ward|midwife)\b", re.I), "healthcare"),
    (re.compile(r"\b(sales|account executive|business development|sdr|bdr|account manager|closer)\b", re.I), "sales"),
    (re.compile(r"\b(finance|financial|accountant|accounting|controller|audit|auditor|treasury|fp&a|bookkeeper)\b", re.I),
     "finance"),
    (re.compile(r"\b(engineer|developer|software|programmer|devops|sre|data scientist|backend|frontend|full[- ]stack)\b", re.I),
     "software"),
]

METRIC_HINTS = {
    "software": "latency, error rate, release frequency, cost or hours saved",
    "healthcare": "patient outcomes, response times, incidents avoided or audit results",
    "sales": "quota attainment, pipeline value, win rate or deal size",
    "finance": "accuracy, days to close, variance found or money saved",
    "general": "time saved, cost, quality or customer satisfaction",
}

# Who the candidate answers to, per field (keeps generic questions in the field's own words).
PEOPLE = {
    "software": ("a product manager", "an engineer on another team"),
    "healthcare": ("a doctor", "a patient's family"),
    "sales": ("a customer", "your sales manager"),
    "finance": ("a budget holder", "a senior manager"),
    "general": ("your manager", "a colleague in another team"),
}

# --- Competencies, read from a job responsibility --------------------------------------------------


@dataclass(frozen=True)
class Competency:
    name: str
    pattern: re.Pattern
    story: str  # "a time you …" for STAR prompts


COMPETENCIES = [  # first match wins, so the narrower competencies come first
    Competency("Mentoring", re.compile(r"mentor|coach|onboard|train(?:ing)? (?:junior|new|staff)|teach|supervis", re.I),
               "helped someone else get better at their work"),
    Competency("Patient safety", re.compile(r"\bsafe|escalat|deteriorat|infection|medication|clinical risk", re.I),
               "noticed a risk to a patient and acted on it"),
    Competency("Results orientation",
               re.compile(r"quota|target|pipeline|revenue|close deals|closing|new business|prospect", re.I),
               "hit a hard target"),
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
    Competency("Analytical thinking", re.compile(r"analy[sz]|forecast|model|insight|metric|report|budget", re.I),
               "used numbers to change a decision"),
    Competency("Technical judgement", re.compile(r"design|architect|build|develop|implement|scal|reliab|performance", re.I),
               "made a technical decision with a real trade-off"),
    Competency("Patient advocacy", re.compile(r"patient|families|family|bedside|discharge", re.I),
               "put a patient's needs first when it was not the easy option"),
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

# Categories whose skill names read as ordinary words inside a sentence ("your patient care").
LOWERCASE_CATEGORIES = frozenset({"clinical", "finance", "sales", "business", "soft", "process"})
PRODUCT_NAMES = frozenset(
    {"Salesforce", "HubSpot", "Excel", "Tableau", "Epic", "SAP", "QuickBooks", "NetSuite", "Workday", "Xero"}
)

GAP_PLANS = {
    "software": ("a small project with {skill} before you start, its official docs, and pairing with a teammate in "
                 "your first weeks"),
    "healthcare": "the unit's competency training and supervised practice, and knowing exactly when to ask for help",
    "sales": "shadowing a top performer, learning the playbook for {skill}, and reviewing your first calls with your manager",
    "finance": ("a short course or certification, the team's own procedures and templates, and a reviewer on your "
                "first pieces of work"),
    "general": "a short course, the team's own procedures, and asking for early feedback from someone who does it well",
}

# --- Situational questions by field and level ------------------------------------------------------
# level: "entry" (intern/junior/new graduate), "mid", "senior" (senior/lead/principal); "any" fits all.

SITUATIONAL = {
    "software": [
        ("entry", "Problem solving",
         ("You're given a bug in a part of the codebase you've never seen, and the person who wrote it has left. How "
          "do you approach it?"),
         ["Reproduce the bug before changing anything", "Read the code, tests and history (git blame, old tickets)",
          "Ask for help at a sensible point, with what you've already tried", "Add a test so it can't come back"]),
        ("entry", "Asking for help",
         "You've been stuck on a task for a whole day and your lead is busy. What do you do?",
         ["Write down what you tried and where exactly you're stuck", "Time-box further attempts",
          "Ask a specific question of the right person", "Tell your lead early if the estimate is at risk"]),
        ("mid", "Judgement under pressure",
         "A release is due tomorrow and you find a bug that might corrupt some customer data. What do you do?",
         ["Assess the blast radius: which data, how many customers", "Tell the release owner straight away",
          "Options: fix, feature-flag or delay — with the risk of each", "Follow up with a test and a short write-up"]),
        ("mid", "Pushing back",
         "Product asks for a feature that you think will slow the main page down badly. How do you handle it?",
         ["Measure or estimate the cost before arguing", "Offer alternatives that meet the goal",
          "Agree a decision and a way to check it after release", "Disagree and commit if overruled"]),
        ("senior", "Incident leadership",
         "Your team's main service starts failing at 2 a.m. and the engineer on call is new. Walk me through the first hour.",
         ["Take command: roles, one channel, regular updates", "Stabilise first (roll back, scale, feature-flag), diagnose later",
          "Communicate impact to stakeholders", "Blameless review with concrete follow-ups"]),
        ("senior", "Technical direction",
         "Two teams want conflicting changes to a shared system, and both say theirs is urgent. How do you decide?",
         ["Understand the goal behind each request", "Compare impact, risk and cost with data",
          "Look for an option that serves both", "Make the call transparent and written down"]),
        ("senior", "Managing performance",
         "A strong engineer on your team has started missing deadlines. What do you do?",
         ["Talk privately and early, with specific examples", "Listen for causes (workload, clarity, personal)",
          "Agree concrete next steps and support", "Follow up and escalate fairly if nothing changes"]),
    ],
    "healthcare": [
        ("any", "Clinical prioritisation",
         ("Two of your patients need you at the same moment: one in pain asking for medication, one whose "
          "observations have just worsened. What do you do first, and why?"),
         ["Assess the deteriorating patient first (ABCDE)", "Call for help or escalate with an early warning score",
          "Tell the patient in pain you'll be back, or delegate safely", "Document and hand over"]),
        ("any", "Speaking up for safety",
         "A doctor gives you a verbal order you believe is unsafe. What do you do?",
         ["Do not carry out an order you think is unsafe", "Clarify with the doctor, citing the concern",
          "Escalate through the chain of command if unresolved", "Document the conversation"]),
        ("any", "Difficult conversations",
         ("A patient's family member is angry about delays in care and is raising their voice at the nurses' station. "
          "How do you handle it?"),
         ["Stay calm and move the conversation somewhere private", "Listen and acknowledge the concern",
          "Explain what will happen next and by when", "Involve the charge nurse or patient relations if needed"]),
        ("entry", "Knowing your limits",
         "On your first weeks on the ward you're asked to do a procedure you haven't done before. What do you do?",
         ["Say honestly that you haven't done it", "Ask for supervision or a demonstration",
          "Check the policy or procedure", "Follow up to get signed off"]),
        ("senior", "Safe staffing",
         "Your unit is two nurses short at the start of a night shift. How do you keep patients safe?",
         ["Assess acuity and reallocate patients", "Escalate to the bed manager or supervisor for staff",
          "Prioritise essential care and document decisions", "Support the team during the shift and debrief after"]),
    ],
    "sales": [
        ("any", "Pipeline recovery",
         "A prospect goes silent after a great demo two weeks before quarter end. What do you do?",
         ["Re-engage with something of value, not just 'checking in'", "Reach other stakeholders in the account",
          "Find the real blocker (budget, priority, champion)", "Forecast honestly"]),
        ("any", "Negotiating",
         "A key customer asks for a discount beyond what you can approve. How do you handle it?",
         ["Understand what's behind the request", "Trade, don't give: ask for something in return",
          "Bring your manager in with a clear case", "Protect the relationship whatever the answer"]),
        ("mid", "Owning a number",
         "You're at 60% of quota with a month to go. Walk me through your plan.",
         ["Inspect the pipeline deal by deal", "Focus on the deals most likely to close this month",
          "Plan activity for next quarter at the same time", "Tell your manager the honest forecast"]),
        ("senior", "Account risk",
         "Your biggest account is at risk because of a product problem. How do you keep it?",
         ["Get the facts and the impact from the customer", "Bring in product and support with a plan and dates",
          "Keep the executive sponsor informed", "Turn the recovery into a reference"]),
        ("entry", "Rejection",
         "You've made forty cold calls today and nobody has agreed to a meeting. What do you do tomorrow?",
         ["Review your opener and targeting", "Ask a colleague to listen to a call",
          "Adjust one thing at a time and measure", "Keep the activity up"]),
    ],
    "finance": [
        ("any", "Integrity",
         "You find a material error in a report that has already gone to the leadership team. What do you do?",
         ["Confirm the error and size its impact", "Tell your manager straight away",
          "Issue a correction with a clear explanation", "Fix the control that let it through"]),
        ("any", "Close under pressure",
         "Month-end close is due in two days and a key reconciliation doesn't balance. How do you proceed?",
         ["Narrow down the difference systematically", "Check timing differences and recent journals",
          "Escalate early if the deadline is at risk", "Document the fix and any adjustment"]),
        ("mid", "Challenging a forecast",
         "A budget holder pushes back hard on your forecast. How do you handle it?",
         ["Walk through the assumptions together", "Separate facts from judgement calls",
          "Agree what would change your mind", "Record the agreed version and the risks"]),
        ("senior", "Speed versus rigour",
         "Leadership wants a forecast by tomorrow that you think needs a week. What do you do?",
         ["Clarify the decision it supports", "Offer a range with clear assumptions by tomorrow",
          "Say what the full version would add and when", "Follow up with the refined numbers"]),
    ],
    "general": [
        ("any", "Competing priorities",
         "You're given two urgent tasks by two different managers on the same morning. What do you do?",
         ["Clarify deadlines and impact with each", "Make the conflict visible rather than silently choosing",
          "Agree the order with both", "Deliver and close the loop"]),
        ("any", "Course correction",
         "Halfway through a project you realise the original plan won't work. What do you do?",
         ["Check your reasoning with evidence", "Tell the owner early, with options",
          "Re-plan with the time and people you have", "Record what you learned"]),
        ("any", "Integrity",
         "A colleague asks you to cut a corner to meet a deadline. How do you respond?",
         ["Understand the pressure they're under", "Explain the risk of the shortcut plainly",
          "Offer an alternative that protects quality", "Escalate if it's a real risk"]),
        ("senior", "Leading through change",
         "Your team has to adopt a new process that most of them dislike. How do you lead the change?",
         ["Explain the why", "Involve the team in how it is adopted",
          "Address concerns one by one", "Measure and adjust after a few weeks"]),
    ],
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
