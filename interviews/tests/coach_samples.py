"""Realistic resumes and job postings across fields, and builders for the coach's typed inputs.

The coach tests (and the coach benchmark) build `ParsedResume` / `JobInput` / `MatchReport` from
these directly — with the real skills taxonomy — so they do not depend on the resume parser. The
resume texts use one simple layout that `sample_resume()` reads: a name, a headline, section
headings in capitals, "Title — Company (dates)" lines and "- " bullets.
"""

import re

from interviews.coach.schemas import JobInput, TranscriptTurnIn
from resumes.reading.schemas import (
    Contact,
    EducationEntry,
    ExperienceEntry,
    JobRequirements,
    MatchReport,
    ParsedResume,
    SkillEvidence,
    SkillMatch,
)
from resumes.reading.taxonomy import find_skills, get_taxonomy

SOFTWARE_RESUME = """Maya Chen
Senior Backend Engineer
maya.chen@example.com | +351 912 000 111 | Lisbon, Portugal

SUMMARY
Backend engineer with 7 years building Python services for payments and e-commerce.

EXPERIENCE
Senior Backend Engineer — Payflow (Mar 2021 – Present)
- Led the migration of the payments ledger from MySQL to PostgreSQL with zero downtime, cutting p95 query time by 45%.
- Designed Django REST APIs used by 40 partner banks, handling 2 million requests a day.
- Introduced contract tests and CI/CD pipelines in GitHub Actions, reducing failed releases from 9 to 2 per quarter.
- Mentored four junior engineers through weekly pairing and code review.
Backend Engineer — Shopwise (Jun 2017 – Feb 2021)
- Built the order service in Python and Redis that processed Black Friday peaks of 1,200 orders per minute.
- Containerised 14 services with Docker and moved them to AWS ECS, saving $8k a month.
- Wrote the on-call runbook and cut mean time to recovery from 3 hours to 40 minutes.

PROJECTS
- queuewatch: an open-source Redis queue monitor with 1.2k GitHub stars
- ledgerlint: a linter for double-entry accounting rules, used by two fintech teams

EDUCATION
BSc Computer Science — University of Porto (2013 – 2016)

SKILLS
Python, Django, PostgreSQL, MySQL, Redis, Docker, AWS, CI/CD, Git, Linux
"""

SOFTWARE_JOB_TEXT = """Senior Python Engineer — Lumen Health (Berlin, hybrid)

Lumen Health builds the scheduling platform 300 clinics use to book patients.

What you'll do
- Design and build reliable REST APIs for our scheduling platform
- Own the performance of our PostgreSQL database as we grow tenfold
- Mentor engineers and lead code reviews across two product teams
- Work with product managers and clinicians to shape the roadmap

Requirements
- 5+ years of Python and Django in production
- Deep PostgreSQL experience, including query tuning
- Kubernetes and Terraform on AWS
- Strong testing habits

Nice to have
- Kafka, GraphQL
"""

NURSING_RESUME = """Aisha Okafor
Registered Nurse, Acute Medicine
aisha.okafor@example.com | Manchester, UK

EXPERIENCE
Staff Nurse — Manchester Royal Infirmary (Sep 2019 – Present)
- Provide patient care for a 28-bed acute medical ward, caring for up to 8 patients per shift.
- Administer IV and oral medication administration safely, with zero medication errors in two audits.
- Led the ward's infection control audit, raising hand hygiene compliance from 78% to 96%.
- Trained 6 newly qualified nurses on the electronic health records system (EPIC).
Healthcare Assistant — Salford Care Home (Jan 2017 – Aug 2019)
- Supported 20 residents with daily living, wound care and pressure area checks.
- Spotted early signs of sepsis in a resident and escalated to the GP, who admitted her the same day.

EDUCATION
BSc Adult Nursing — University of Salford (2016 – 2019)

CERTIFICATIONS
BLS, ACLS
"""

NURSING_JOB_TEXT = """Registered Nurse — Emergency Department, St Clare's Hospital

Join a busy 40-bay emergency department seeing 250 patients a day.

Responsibilities
- Triage patients arriving by ambulance and on foot using the Manchester Triage System
- Deliver safe patient care and medication administration in a fast-paced environment
- Communicate clearly with patients, families and the multidisciplinary team
- Follow infection control policy and escalate deteriorating patients promptly

Requirements
- Registered nurse with patient care experience
- Triage experience
- Current BLS and ACLS
- Electronic Health Records documentation

Desirable
- Wound Care
"""

SALES_RESUME = """Diego Alvarez
Account Executive, B2B SaaS
diego.alvarez@example.com | Austin, TX

EXPERIENCE
Account Executive — CloudNest (Feb 2021 – Present)
- Closed $1.4M in new ARR in 2023, 128% of quota, selling to mid-market IT teams.
- Built a pipeline of 60 qualified opportunities a quarter through cold calling and LinkedIn outreach.
- Negotiated a three-year renewal with our largest customer, growing the contract by 35%.
- Kept Salesforce pipeline stages accurate, and my forecast landed within 5% four quarters running.
Sales Development Representative — Brightline (Jul 2019 – Jan 2021)
- Made 80 cold calls a day and booked 25 meetings a month, top SDR for 5 months.
- Handed over 40 qualified deals to account executives, worth $900k in pipeline.

EDUCATION
BA Communication — University of Texas at Austin (2015 – 2019)
"""

SALES_JOB_TEXT = """Enterprise Account Executive — Orbital Analytics

Responsibilities
- Own a $1.2M annual quota selling analytics software to enterprise retailers
- Build and manage pipeline from outbound prospecting and partner referrals
- Lead complex negotiations with procurement and finance teams
- Work with customer success to expand existing accounts

Requirements
- Negotiation and pipeline management experience
- Salesforce or another CRM
- Account management of enterprise customers

Nice to have
- Cold calling
"""

FINANCE_RESUME = """Priya Nair
Financial Analyst
priya.nair@example.com | London, UK

EXPERIENCE
Financial Analyst — Harbour Retail Group (Aug 2020 – Present)
- Own the monthly financial reporting pack for a £120M revenue division, delivered 2 days faster than before.
- Built a driver-based financial modeling workbook in Excel that cut forecast error from 12% to 4%.
- Led the annual budgeting process for 9 cost centres and found £650k of savings.
- Reconciled intercompany balances and cleared a 3-year backlog of 400 unmatched items.
Accounts Assistant — Fenwick & Co (Jul 2018 – Jul 2020)
- Processed accounts payable for 300 suppliers and cut late payments by 70%.
- Prepared GAAP-compliant month-end journals and accruals.

EDUCATION
BSc Economics — University of Leeds (2015 – 2018)

SKILLS
Excel, Financial Modeling, Budgeting, Financial Reporting, GAAP, Tableau, SQL
"""

FINANCE_JOB_TEXT = """FP&A Analyst — Northwind Logistics

What you'll do
- Build the annual budget and rolling forecasts with business partners
- Produce monthly management reporting with clear variance commentary
- Improve our forecasting models and automate manual reporting
- Present findings to the finance director and operations leaders

What we're looking for
- Financial Modeling and Budgeting
- Advanced Excel; SQL is a plus
- Financial Reporting experience
- Risk Management awareness

Nice to have
- Tableau
"""

GRADUATE_RESUME = """Tom Becker
Computer Science Graduate
tom.becker@example.com | Munich, Germany

EDUCATION
BSc Computer Science — Technical University of Munich (2021 – 2024)
- Thesis: predicting bike-share demand with machine learning in Python and Pandas, 18% better than the baseline.

EXPERIENCE
Software Engineering Intern — Bergwerk Robotics (Jun 2023 – Sep 2023)
- Wrote a Python tool that parsed robot logs and cut debugging time for the test team by 30%.
- Added unit testing to a legacy C++ module, raising coverage from 20% to 65%.

PROJECTS
- StudyBuddy: a React and Node.js app that matches students for study groups, used by 300 students
- Hackathon winner: built a food-waste tracker with Flask and PostgreSQL in 24 hours

SKILLS
Python, Pandas, Machine Learning, React, JavaScript, Node.js, Flask, PostgreSQL, Git, Linux, C++
"""

GRADUATE_JOB_TEXT = """Junior Software Engineer (Graduate) — Alpenbank Digital

What you'll do
- Build features for our customer banking app with experienced engineers
- Write tests and fix bugs across the stack
- Learn how we run services on AWS

Requirements
- Python or JavaScript
- Git
- SQL

Nice to have
- React, Docker
"""

THIN_RESUME = """Sam Lee

EXPERIENCE
Barista — Corner Coffee (2022 – Present)
- Served customers during busy morning shifts
- Trained two new baristas
"""

THIN_JOB_TEXT = "We are hiring an Operations Assistant to help our office run smoothly."

# field -> (resume text, job title, company, job text, seniority, key terms)
SAMPLES = {
    "software": (SOFTWARE_RESUME, "Senior Python Engineer", "Lumen Health", SOFTWARE_JOB_TEXT, "senior",
                 ["scheduling platform", "query tuning"]),
    "nursing": (NURSING_RESUME, "Registered Nurse", "St Clare's Hospital", NURSING_JOB_TEXT, "mid",
                ["Manchester Triage System", "multidisciplinary team"]),
    "sales": (SALES_RESUME, "Enterprise Account Executive", "Orbital Analytics", SALES_JOB_TEXT, "senior",
              ["enterprise retailers", "procurement"]),
    "finance": (FINANCE_RESUME, "FP&A Analyst", "Northwind Logistics", FINANCE_JOB_TEXT, "mid",
                ["rolling forecasts", "variance commentary"]),
    "graduate": (GRADUATE_RESUME, "Junior Software Engineer", "Alpenbank Digital", GRADUATE_JOB_TEXT, "junior",
                 ["customer banking app"]),
}

_HEADINGS = {"SUMMARY", "EXPERIENCE", "EDUCATION", "SKILLS", "PROJECTS", "CERTIFICATIONS"}
_ENTRY_RE = re.compile(r"^(?P<title>.+?) — (?P<company>.+?)(?: \((?P<dates>[^)]*)\))?$")


def sample_resume(text: str, *, years: float | None = None) -> ParsedResume:
    """A `ParsedResume` for one of the sample layouts above (not a general parser)."""
    lines = text.strip().splitlines()
    name = lines[0].strip()
    headline = lines[1].strip() if len(lines) > 1 and lines[1].strip() and lines[1].strip() not in _HEADINGS else ""
    section = ""
    sections: dict[str, list[str]] = {}
    experience: list[ExperienceEntry] = []
    education: list[EducationEntry] = []
    projects: list[str] = []
    for raw in lines[1:]:
        line = raw.strip()
        if not line:
            continue
        if line in _HEADINGS:
            section = line.lower()
            continue
        sections.setdefault(section or "summary", []).append(line)
        entry = _ENTRY_RE.match(line)
        if section == "experience":
            if entry:
                experience.append(ExperienceEntry(title=entry["title"], company=entry["company"], dates=entry["dates"] or ""))
            elif line.startswith("- ") and experience:
                experience[-1].lines.append(line[2:])
        elif section == "education" and entry:
            education.append(EducationEntry(degree=entry["title"], institution=entry["company"], dates=entry["dates"] or ""))
        elif section == "projects" and line.startswith("- "):
            projects.append(re.split(r":", line[2:], maxsplit=1)[0].strip())
    body_lines = [ln[2:] if ln.startswith("- ") else ln for ln in (raw.strip() for raw in lines) if ln]
    skills = []
    for found in find_skills("\n".join(body_lines)):
        # Prefer lines that show the skill used (bullets) over the bare skills list.
        used = [line for line in found.evidence if not re.fullmatch(r"[\w+#./ &-]+(, [\w+#./ &-]+)+", line)]
        skills.append(SkillEvidence(name=found.name, category=found.category, evidence=used or found.evidence))
    if years is None and experience:
        starts = [int(m) for e in experience for m in re.findall(r"\b(20\d\d|19\d\d)\b", e.dates)[:1]]
        years = float(2025 - min(starts)) if starts else None
    return ParsedResume(
        contact=Contact(name=name),
        headline=headline,
        sections={key: "\n".join(value) for key, value in sections.items()},
        experience=experience,
        education=education,
        skills=skills,
        projects=projects,
        years_experience=years,
        pages=1,
        text=text,
    )


def _section(text: str, *headings: str) -> str:
    out, keep = [], False
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("- ") and len(stripped.split()) <= 5 and not stripped.endswith("."):
            keep = any(stripped.lower().startswith(h) for h in headings)
            continue
        if keep and stripped:
            out.append(stripped[2:] if stripped.startswith("- ") else stripped)
    return "\n".join(out)


def sample_job(text: str, *, title: str, company: str, seniority: str = "unknown", key_terms=()) -> JobInput:
    required = [s.name for s in find_skills(_section(text, "requirements", "what we're looking for"))]
    nice = [s.name for s in find_skills(_section(text, "nice to have", "desirable")) if s.name not in required]
    responsibilities = _section(text, "what you'll do", "responsibilities").splitlines()
    return JobInput(
        title=title,
        company=company,
        text=text,
        requirements=JobRequirements(
            title=title, company=company, skills_required=required, skills_nice=nice, seniority=seniority,
            responsibilities=responsibilities, key_terms=list(key_terms),
        ),
    )


def sample_match(resume: ParsedResume, job: JobInput) -> MatchReport:
    have = {skill.name: skill.evidence for skill in resume.skills}
    matched = []
    for skill in job.requirements.skills_required:
        if skill in have:
            matched.append(SkillMatch(skill=skill, required=True, evidence=have[skill]))
    for skill in job.requirements.skills_nice:
        if skill in have:
            matched.append(SkillMatch(skill=skill, required=False, evidence=have[skill]))
    missing_required = [s for s in job.requirements.skills_required if s not in have]
    missing_nice = [s for s in job.requirements.skills_nice if s not in have]
    total = len(job.requirements.skills_required) or 1
    return MatchReport(
        matched=matched, missing_required=missing_required, missing_nice=missing_nice,
        coverage=round(100 * (total - len(missing_required)) / total, 1) if job.requirements.skills_required else 0.0,
    )


def materials(field: str) -> tuple[ParsedResume, JobInput, MatchReport]:
    resume_text, title, company, job_text, seniority, key_terms = SAMPLES[field]
    resume = sample_resume(resume_text)
    job = sample_job(job_text, title=title, company=company, seniority=seniority, key_terms=key_terms)
    return resume, job, sample_match(resume, job)


def thin_materials() -> tuple[ParsedResume, JobInput, MatchReport]:
    resume = sample_resume(THIN_RESUME)
    job = JobInput(title="Operations Assistant", text=THIN_JOB_TEXT)
    return resume, job, sample_match(resume, job)


# --- Transcripts -------------------------------------------------------------------------------------

STRONG_SOFTWARE_ANSWERS = [
    ("When I joined Payflow in 2021, the payments ledger ran on MySQL and month-end queries were timing out for our 40 "
     "partner banks. My task was to move it to PostgreSQL without downtime. I designed a dual-write phase, I wrote a "
     "backfill job in Python that verified every row with checksums, and I switched reads over one bank at a time. As a "
     "result we had zero downtime, and p95 query time dropped by 45%, from 900 ms to 490 ms."),
    ("At Shopwise our order service fell over every Black Friday. I was responsible for the checkout path, so I profiled it "
     "and found we hit the database for every cart read. I moved cart state into Redis with a 15 minute expiry and added a "
     "queue for payment callbacks. The next Black Friday we processed 1,200 orders per minute with no outage, and I wrote "
     "the runbook the on-call team still uses."),
]
# Six more strong answers for Maya Chen (software sample), each a different story, so a whole interview
# can be answered without repeating one.
MORE_STRONG_SOFTWARE_ANSWERS = [
    ("Our partner banks kept hitting timeouts on the statements API at Payflow because every call rebuilt the "
     "statement from raw ledger rows. I was asked to fix it before two new banks went live. I added a read model in "
     "PostgreSQL that was updated from the ledger events, I put the expensive endpoints behind it, and I load-tested "
     "them with production-sized data. p95 latency fell from 1.8 seconds to 210 ms and the two banks launched on time."),
    ("In 2022 our releases at Payflow failed nine times a quarter, mostly because partner APIs changed under us. I "
     "proposed contract tests, wrote the first twenty myself in pytest, and got GitHub Actions to run them on every "
     "pull request. I then ran two workshops so other teams could add their own. Failed releases dropped from 9 to 2 "
     "per quarter, and the approach is still in use."),
    ("I mentor four junior engineers at Payflow. One of them, Ana, was stuck on code reviews: her pull requests sat "
     "for days. I paired with her weekly for a month, I showed her how to split changes into small reviewable steps, "
     "and I reviewed her first ten myself within a day. Her review time went from four days to under one, and she "
     "now runs the team's review rota."),
    ("At Shopwise the on-call team had no runbook and incidents took three hours to resolve. I took ownership because "
     "I was on call most often. I collected the last twenty incidents, wrote a runbook with a first-five-minutes "
     "checklist for each service, and added dashboards in Grafana. Mean time to recovery fell from 3 hours to 40 "
     "minutes within two months, and new engineers joined the rota after one shadow shift."),
    ("We were paying too much for servers at Shopwise: fourteen services ran on hand-built EC2 machines. I "
     "containerised them with Docker one at a time, starting with the least risky, wrote the ECS task definitions, "
     "and moved traffic gradually with weighted DNS. It took six weeks, nothing went down, and we saved $8k a month."),
    ("A product manager at Payflow wanted instant payouts for every partner, which would have tripled our exposure to "
     "failed payments. I disagreed, so I pulled six months of failure data and showed that 3% of partners caused 80% "
     "of reversals. I proposed instant payouts for partners with a clean history and next-day for the rest. She "
     "agreed, we shipped it in three weeks, and reversals stayed under 0.5%."),
]
WEAK_SOFTWARE_ANSWERS = [
    "Um, we basically did a lot of database stuff, you know, and it was, like, kind of fine in the end.",
    "Yeah so we had some issues and we fixed things. It went okay I think.",
]


def transcript(questions: list[str], answers: list[str], *, timed: bool = False, wpm: float = 150.0,
               gap_ms: int = 1000) -> list[TranscriptTurnIn]:
    """Interviewer/candidate turns; with `timed`, each answer lasts words / `wpm` minutes."""
    turns: list[TranscriptTurnIn] = []
    clock = 0
    for question, answer in zip(questions, answers, strict=False):
        q_ms = 4000
        turns.append(TranscriptTurnIn(role="interviewer", text=question,
                                      start_ms=clock if timed else None, end_ms=clock + q_ms if timed else None))
        clock += q_ms + gap_ms
        length = int(len(answer.split()) / wpm * 60000)
        turns.append(TranscriptTurnIn(role="candidate", text=answer,
                                      start_ms=clock if timed else None, end_ms=clock + length if timed else None))
        clock += length + 1000
    return turns


# --- More candidates, read by the real parser ------------------------------------------------------------
# A second backend engineer for the same posting as resumes.tests.samples.SOFTWARE_ENGINEER_RESUME, so two
# candidates for one job can be compared; a full-stack developer whose resume never says "HTML" although
# ten years of React show it; and a resume as a dated-column layout is misread (seams in every field).

SECOND_BACKEND_RESUME = """\
Jonas Weber
Backend Engineer
Hamburg, Germany | jonas.weber@example.de | +49 40 555 0199 | github.com/jweber

SUMMARY
Backend engineer with 6 years in logistics and payments. Java and Go services, PostgreSQL and Kafka, mostly on AWS.

EXPERIENCE
Backend Engineer — Adyen, Apr 2021 – Present
• Rebuilt the payout scheduler in Go, moving 2.1 billion euros a month with zero missed payout windows since launch.
• Cut the settlement report's runtime from 6 hours to 25 minutes by partitioning PostgreSQL tables by merchant and month.
• Introduced idempotency keys across 11 payment APIs after a double-charge incident, ending duplicate charges.
• On call for the settlement platform; wrote 14 postmortems and led the fixes for the top three causes.

Software Engineer — Hermes Logistics, Aug 2018 – Mar 2021
• Built a Kafka pipeline that tracked 900k parcels a day across 40 depots, replacing nightly FTP batches.
• Migrated the depot API from a Java monolith to Spring Boot services on AWS ECS, halving deploy time.
• Wrote load tests in Gatling that found a connection-pool leak before peak season.

EDUCATION
M.Sc. Computer Science, University of Hamburg, 2016 – 2018

SKILLS
Go, Java, Spring Boot, Python, PostgreSQL, Kafka, AWS, Docker, Terraform, Gatling
"""

FULL_STACK_RESUME = """\
Lucas Moreau
Senior Full-Stack Developer
Lyon, France | lucas.moreau@example.fr | +33 4 72 00 00 00 | lucasmoreau.dev

SUMMARY
Full-stack developer with 10 years of React, Node.js and TypeScript, building booking and e-commerce sites.

EXPERIENCE
Senior Full-Stack Developer — Voyago, Jan 2019 – Present
• Lead the React and Next.js front end of a travel booking site serving 3 million visitors a month.
• Rebuilt the checkout as a single-page flow in React, lifting conversion by 18%.
• Built the booking API in Node.js and Express with PostgreSQL, handling 400 requests per second at peak.
• Set up Jest and Playwright tests in CI, cutting production bugs by half within two quarters.

Web Developer — Maison Lumière, Sep 2014 – Dec 2018
• Built responsive product pages in React and Sass for an online furniture shop with 12,000 products.
• Wrote a Node.js image service that cut page weight by 60% and halved load times on mobile.
• Ran accessibility audits and fixed 140 WCAG issues across the storefront.

EDUCATION
Licence Informatique, Université Lyon 1, 2011 – 2014

SKILLS
React, Next.js, TypeScript, JavaScript, Node.js, Express, PostgreSQL, Jest, Playwright, Sass, Webpack
"""

FULL_STACK_JOB = {
    "title": "Full-Stack Engineer",
    "company": "Acme Travel",
    "text": """\
Full-Stack Engineer
Acme Travel — Remote (EU)

About the role
Acme Travel sells holiday packages online. You will work across our customer website and the services behind it.

What you'll do
- Developing front end website architecture and reusable UI components.
- Building the APIs and services our website and mobile app use.
- Ensuring the website is fast, accessible and responsive on every device.
- Working with designers and product managers to ship features every week.

Requirements
- 5+ years of full-stack development.
- Strong JavaScript, HTML and CSS.
- Node.js and a modern front-end framework such as React or Vue.
- Experience with SQL databases.

Nice to have
- TypeScript.
- Experience with AWS.
""",
}


def parsed(text: str) -> ParsedResume:
    """A resume read by the real parser (`resumes.reading`), as the product reads an upload."""
    from resumes import reading

    return reading.parse_resume_text(text)


def real_materials(resume_text: str, job: dict) -> tuple[ParsedResume, JobInput, MatchReport]:
    """Resume, job and match built by the product's own parser, job analyser and matcher."""
    from interviews.coach.materials import coach_materials

    materials = coach_materials(job_text=job["text"], resume_text=resume_text, job_title=job["title"],
                                company=job["company"])
    return materials.resume, materials.job, materials.match


def misread_resume() -> ParsedResume:
    """What a misread dated-column resume looks like to the coach: a date as the employer, dates and "Present"
    leaked into bullets, a phone number as the headline, the candidate's own name as an employer, a whole
    paragraph as one bullet, and a project "name" that is really a description."""
    paragraph = ("Responsible for the design and development of the customer portal, working closely with product "
                 "owners, designers and QA engineers to deliver new features every sprint, and also supporting the "
                 "operations team with releases, monitoring and incident response across three time zones while "
                 "mentoring two interns and keeping documentation up to date")
    return ParsedResume(
        contact=Contact(name="Priya Raman", email="priya.raman@example.com"),
        headline="(909) 555-‐5555",
        experience=[
            ExperienceEntry(title="Software Developer", company="June 2020", dates="June 2020 – Present", current=True,
                            lines=["May 2020 Developed the billing service in Node.js and React, cutting invoice "
                                   "errors by 42%.",
                                   "Present Built an event pipeline on Kafka handling 90M requests a day.",
                                   paragraph]),
            ExperienceEntry(title="June 2018", company="Priya Raman", dates="2018 – 2020",
                            lines=["Maintained the internal admin tool in Django and PostgreSQL."]),
        ],
        education=[EducationEntry(degree="B.E. Computer Engineering", institution="1/2")],
        skills=[SkillEvidence(name=name, category=get_taxonomy().category(name), evidence=[line])
                for name, line in (("Node.js", "May 2020 Developed the billing service in Node.js and React"),
                                   ("React", "May 2020 Developed the billing service in Node.js and React"),
                                   ("Kafka", "Present Built an event pipeline on Kafka handling 90M requests a day."),
                                   ("Django", "Maintained the internal admin tool in Django and PostgreSQL."),
                                   ("PostgreSQL", "Maintained the internal admin tool in Django and PostgreSQL."))],
        projects=["Open source, 2200+ GitHub stars"],
        years_experience=6.0,
        text="",
    )
