# ruff: noqa: E501 - resume and posting texts keep their long lines as candidates write them
"""Realistic resumes and job postings, and generators of the files candidates upload.

Everything is built in memory (reportlab for PDFs, python-docx for Word, Pillow for the scan), so
tests never depend on files checked into the repository. The texts are module constants that other
apps' tests reuse: five resumes in different fields and layouts, and a posting for each.
"""

import io
import zipfile

from docx import Document
from docx.shared import Pt
from PIL import Image, ImageDraw
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    FrameBreak,
    PageBreak,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

# --- Resumes as text ---------------------------------------------------------------------------

# "Title — Company, dates" lines, a "Company | Title | dates" line, inline skills labels, projects.
SOFTWARE_ENGINEER_RESUME = """\
Maya Patel
Senior Backend Engineer
Berlin, Germany | maya.patel@example.com | +49 30 1234 5678 | linkedin.com/in/mayapatel | github.com/mayapatel

SUMMARY
Backend engineer with 8 years of experience building payment and data platforms in Python and Go. I care about reliable systems, clear code reviews and mentoring engineers.

WORK EXPERIENCE
Senior Backend Engineer — Stripe, Jan 2021 – Present
• Led the migration of the ledger service from a monolith to Go microservices on Kubernetes, cutting p99 latency by 45%.
• Designed an event-driven reconciliation pipeline on Kafka processing 40M events per day.
• Mentored four engineers and ran weekly code review sessions.

Backend Engineer — N26, Mar 2018 – Dec 2020
• Built REST APIs in Python and Django for card payments used by 5M customers.
• Built reporting on Postgres that replaced manual finance spreadsheets.
• Introduced CI/CD with GitHub Actions and Docker, reducing release time from days to hours.

Software Developer | Zalando | Jul 2016 – Feb 2018
• Maintained Java services for the checkout team and wrote integration tests with JUnit.

EDUCATION
B.Sc. Computer Science, Technical University of Munich, 2012 – 2016

SKILLS
Languages: Python, Go, Java, SQL
Infrastructure: Kubernetes, Docker, AWS, Terraform
Data: PostgreSQL, Kafka, Redis

PROJECTS
ledgerlint — open-source linter for double-entry bookkeeping schemas
• Payments Simulator: load-testing tool for payment APIs written in Go
"""

# Name in capitals with credentials, a title line followed by an employer line with a date column,
# certifications before experience.
NURSE_RESUME = """\
JESSICA M. RIVERA, RN, BSN
Registered Nurse — Intensive Care
Austin, TX • (512) 555-0147 • jessica.rivera@example.com

PROFESSIONAL SUMMARY
Compassionate ICU registered nurse with 6 years of critical care experience in a 32-bed Level I trauma center. Skilled in ventilator management, titrating vasoactive drips and patient education.

LICENSES & CERTIFICATIONS
Registered Nurse, Texas Board of Nursing (License #123456)
BLS, ACLS, PALS — American Heart Association
CCRN — AACN, 2021

CLINICAL EXPERIENCE
Registered Nurse, Medical ICU
St. David's Medical Center, Austin, TX          Jun 2020 – Present
• Provide care for 2–3 critically ill patients per shift, including post-surgical and septic patients.
• Manage mechanical ventilation, central lines and arterial lines with respiratory therapy.
• Precepted 8 new graduate nurses and served as charge nurse on night shift.
• Document assessments and medication administration in Epic.

Staff Nurse, Medical-Surgical Unit
Seton Medical Center, Austin, TX          May 2018 – May 2020
• Cared for 5–6 patients per shift on a 36-bed med-surg unit.
• Performed wound care, IV therapy and blood glucose monitoring.
• Educated patients and families on discharge plans, reducing 30-day readmissions on the unit.

EDUCATION
Bachelor of Science in Nursing
The University of Texas at Austin, Austin, TX | 2014 – 2018

SKILLS
Patient assessment, Telemetry, Infection control, Triage, Epic, Cerner, Patient education
"""

# "Company | Title | dates" throughout, hyphen bullets, Title Case headings.
SALES_RESUME = """\
Daniel Okafor
Account Executive | B2B SaaS
Chicago, IL | daniel.okafor@example.com | 312-555-0188 | linkedin.com/in/danielokafor

Summary
Quota-carrying account executive with 5 years in B2B SaaS sales. Consistently above quota through disciplined prospecting, MEDDIC qualification and consultative selling.

Experience
Salesforce | Account Executive, Mid-Market | Feb 2022 – Present
- Closed $2.4M in new annual recurring revenue in FY2024, 128% of quota.
- Built a pipeline of 60+ qualified opportunities per quarter through cold calling and LinkedIn Sales Navigator.
- Ran product demos and negotiated multi-year contracts with VP-level buyers.

HubSpot | Sales Development Representative | Jun 2019 – Jan 2022
- Booked 25 meetings per month for account executives; promoted to team lead after 18 months.
- Kept every activity in Salesforce CRM and forecast weekly with managers.

Education
Bachelor of Business Administration (BBA), Marketing
University of Illinois Chicago, 2015 - 2019

Skills
Salesforce, HubSpot, Gong, MEDDIC, negotiation, account management, cold calling
"""

# An employer line followed by its roles (two roles at one bank), dates in a tab-stop column.
FINANCE_RESUME = """\
Priya Nair, CFA
Financial Analyst
London, UK · priya.nair@example.co.uk · +44 20 7946 0958

PROFILE
Financial analyst with 4 years in FP&A and corporate finance. Builds three-statement models and rolling forecasts in Excel and Power BI; comfortable presenting to CFOs.

PROFESSIONAL EXPERIENCE
Barclays — London, UK
Senior Financial Analyst, FP&A          Apr 2022 – Present
• Own the monthly variance analysis for a £400M cost base and present findings to the CFO.
• Rebuilt the rolling forecast model, reducing forecast error from 9% to 3%.
Financial Analyst          Sep 2020 – Mar 2022
• Prepared month-end close reporting and reconciliations for 12 cost centres.
• Automated budget-vs-actual reports with SQL and Power BI, saving 2 days per month.

Deloitte
Audit Associate          Sep 2019 – Aug 2020
• Audited financial statements of mid-cap clients under IFRS.

EDUCATION
MSc Finance — London School of Economics (2018 – 2019)
BA Economics — University of Warwick (2015 – 2018)

CERTIFICATIONS
CFA Level II candidate
Financial Modeling & Valuation Analyst (Wall Street Prep)
"""

# Education first, "Title at Company (dates)", an expected graduation date, projects with dashes.
NEW_GRAD_RESUME = """\
Alex Chen
alex.chen@example.edu | (415) 555-0123 | San Francisco, CA | github.com/alexchen | alexchen.dev

OBJECTIVE
Computer science graduate looking for a junior software engineer role on a product team that ships weekly.

EDUCATION
University of California, Berkeley
B.S. Electrical Engineering and Computer Sciences, Expected May 2025
GPA: 3.7/4.0 · Relevant coursework: Data Structures, Algorithms, Operating Systems, Databases

EXPERIENCE
Software Engineering Intern at Plaid (Jun 2024 – Aug 2024)
• Built an internal dashboard in React and TypeScript to track API error rates.
• Wrote Python scripts to backfill 2M rows in PostgreSQL.
Teaching Assistant at UC Berkeley (Jan 2023 – May 2024)
• Led weekly sections of 30 students for CS 61B (data structures in Java).

PROJECTS
Course Planner — Django web app that helps 1,200 students plan their semesters
• Deployed on AWS with Docker and GitHub Actions.
Pathfinder — C++ visualiser for graph search algorithms

SKILLS
Python, Java, C++, JavaScript, TypeScript, React, Django, SQL, Git
"""

RESUMES = {
    "software_engineer": SOFTWARE_ENGINEER_RESUME,
    "nurse": NURSE_RESUME,
    "sales": SALES_RESUME,
    "finance": FINANCE_RESUME,
    "new_grad": NEW_GRAD_RESUME,
}

# --- Job postings ------------------------------------------------------------------------------

SOFTWARE_ENGINEER_JOB = {
    "title": "Senior Backend Engineer, Payments Platform",
    "company": "Acme Pay",
    "text": """\
Senior Backend Engineer, Payments Platform
Acme Pay — Berlin (hybrid)

About us
Acme Pay moves money for 40,000 small businesses across Europe. Our payments platform processes 3 billion euros a year, and every payment lands in our double-entry ledger.

What you'll do
- Design, build and operate Go and Python services that move money reliably.
- Own the ledger and reconciliation systems end to end, from design docs to on-call.
- Improve the reliability of our Kafka event pipeline and PostgreSQL databases.
- Mentor engineers and lead technical design reviews for the payments platform.

Requirements
- 5+ years of backend engineering experience.
- Strong Python or Go, and solid SQL on PostgreSQL.
- Experience running services on Kubernetes and AWS.
- Experience designing event-driven systems with Kafka.

Nice to have
- Terraform or another infrastructure-as-code tool.
- Experience with payments, ledgers or double-entry accounting.
- Familiarity with gRPC.

What we offer
- 30 days of holiday, a learning budget and a hybrid office in Berlin.
- We are an equal opportunity employer and value diversity at our company.
""",
}

NURSE_JOB = {
    "title": "Registered Nurse – Medical ICU (Nights)",
    "company": "St. Luke's Health",
    "text": """\
Registered Nurse – Medical ICU (Nights)
St. Luke's Health, Houston, TX

The role
As an ICU nurse you will care for critically ill adults in our 24-bed medical ICU, working nights on a 3x12 schedule.

Responsibilities
• Assess, plan and deliver care for 1–2 critically ill patients per shift.
• Administer medications and titrate vasoactive infusions per protocol.
• Manage patients on mechanical ventilation and with central lines.
• Educate patients and families and coordinate discharge planning with case management.

Qualifications
• Current Texas RN license (required).
• BLS and ACLS certification required.
• 2+ years of critical care experience.
• Experience with Epic documentation.

Preferred
• CCRN certification.
• Experience with CRRT or ECMO is a plus.

Benefits
• Shift differential, tuition reimbursement and a sign-on bonus.
""",
}

SALES_JOB = {
    "title": "Account Executive, Mid-Market",
    "company": "Northwind Software",
    "text": """\
Account Executive, Mid-Market
Northwind Software — Chicago, IL

About the role
Northwind sells workflow software to mid-market manufacturers. You will own the full sales cycle, from first call to signed contract, for a named territory.

What you'll do
- Prospect into a named territory of 300 manufacturing accounts and build your own pipeline.
- Run discovery calls and product demos with operations leaders.
- Negotiate and close new business deals of $30k–$150k ARR.
- Keep Salesforce up to date and forecast accurately every week.

What you bring
- 3+ years of B2B SaaS sales experience, including at least 1 year as a closing account executive.
- A track record of exceeding quota.
- Experience with a structured qualification method such as MEDDIC.
- Excellent written and verbal communication.

Bonus points
- Experience selling to manufacturing operations leaders.
- Familiarity with Gong.
""",
}

FINANCE_JOB = {
    "title": "Senior Financial Analyst, FP&A",
    "company": "Contoso Retail Group",
    "text": """\
Senior Financial Analyst, FP&A
Contoso Retail Group — London, UK

Responsibilities
- Lead the annual budget and monthly rolling forecasts for the UK retail business.
- Build and maintain financial models to support pricing and capital decisions.
- Prepare variance analysis and management reporting for the retail leadership team.
- Partner with commercial teams on retail business cases and investment appraisal.

Requirements
- 4+ years of experience in FP&A, corporate finance or audit.
- Advanced Excel and financial modelling skills.
- Experience with SQL and a BI tool such as Power BI or Tableau.
- ACA, ACCA or CIMA qualified, or CFA progress.

Preferred
- Experience with Anaplan or Hyperion.
- A retail or e-commerce background.
""",
}

NEW_GRAD_JOB = {
    "title": "Software Engineer, New Grad (2025)",
    "company": "Brightline Health",
    "text": """\
Software Engineer, New Grad (2025)
Brightline Health — San Francisco, CA

Who we are
Brightline builds scheduling software that helps clinics book and follow up with patients.

What you'll do
- Ship features across our React front end and Python/Django back end.
- Write tests, take part in code review and learn from senior engineers.
- Work with designers and product managers to understand what patients and clinics need.

What we're looking for
- A degree in computer science or a related field, or equivalent experience.
- Solid programming fundamentals in Python, Java or JavaScript.
- Familiarity with SQL databases.
- Internship or project experience building web applications.

Nice to have
- Experience with TypeScript or React.
- Exposure to AWS or Docker.
""",
}

JOBS = {
    "software_engineer": SOFTWARE_ENGINEER_JOB,
    "nurse": NURSE_JOB,
    "sales": SALES_JOB,
    "finance": FINANCE_JOB,
    "new_grad": NEW_GRAD_JOB,
}

# --- PDF building blocks -----------------------------------------------------------------------

_BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13)
_BULLET = ParagraphStyle("bullet", parent=_BODY, leftIndent=12, bulletIndent=2)
_HEADING = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=11, leading=13, spaceBefore=8, spaceAfter=2)
_ENTRY = ParagraphStyle("entry", fontName="Helvetica-Bold", fontSize=10, leading=13)
_NAME = ParagraphStyle("name", fontName="Helvetica-Bold", fontSize=22, leading=26)
_SMALL = ParagraphStyle("small", fontName="Helvetica", fontSize=9, leading=12)

MAYA = {
    "name": "Maya Patel",
    "headline": "Senior Backend Engineer",
    "contact": "Berlin, Germany | maya.patel@example.com | +49 30 1234 5678 | linkedin.com/in/mayapatel",
    "summary": (
        "Backend engineer with 8 years of experience building payment and data platforms in Python and Go. "
        "I care about reliable systems, clear code reviews and mentoring engineers."
    ),
    "experience": [
        ("Senior Backend Engineer, Stripe", "Jan 2021 – Present", [
            "Led the migration of the ledger service from a monolith to Go microservices on Kubernetes, cutting p99 "
            "latency by 45% while traffic doubled.",
            "Designed an event-driven reconciliation pipeline on Kafka processing 40M events per day.",
            "Mentored four engineers and ran weekly code review sessions.",
        ]),
        ("Backend Engineer, N26", "Mar 2018 – Dec 2020", [
            "Built REST APIs in Python and Django for card payments used by 5M customers.",
            "Built reporting on Postgres that replaced manual finance spreadsheets.",
            "Introduced CI/CD with GitHub Actions and Docker, reducing release time from days to hours.",
        ]),
        ("Software Developer, Zalando", "Jul 2016 – Feb 2018", [
            "Maintained Java services for the checkout team and wrote integration tests with JUnit.",
        ]),
    ],
    "education": [("B.Sc. Computer Science, Technical University of Munich", "2012 – 2016")],
    "skills": ["Languages: Python, Go, Java, SQL", "Infrastructure: Kubernetes, Docker, AWS, Terraform"],
}


def _entry_row(title: str, dates: str, width: float) -> Table:
    """A job's title on the left and its dates right-aligned on the same line — a tab stop, not a column."""
    table = Table([[Paragraph(title, _ENTRY), Paragraph(dates, ParagraphStyle("dates", parent=_BODY, alignment=2))]],
                  colWidths=[width * 0.7, width * 0.3])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    return table


def _bullets(lines: list[str], style: ParagraphStyle = _BULLET) -> list[Paragraph]:
    return [Paragraph(line, style, bulletText="•") for line in lines]


def _build(story: list, *, pagesize=LETTER, encrypt: StandardEncryption | None = None, templates=None) -> bytes:
    buffer = io.BytesIO()
    if templates is None:
        document = SimpleDocTemplate(buffer, pagesize=pagesize, leftMargin=54, rightMargin=54, topMargin=50,
                                     bottomMargin=50, title="Resume", author="Saylo tests", encrypt=encrypt)
    else:
        document = BaseDocTemplate(buffer, pagesize=pagesize, leftMargin=40, rightMargin=40, topMargin=40,
                                   bottomMargin=40, title="Resume", author="Saylo tests", encrypt=encrypt)
        document.addPageTemplates(templates)
    document.build(story)
    return buffer.getvalue()


def _one_column_story(person: dict, width: float) -> list:
    story = [Paragraph(person["name"], _NAME), Paragraph(person["headline"], _BODY), Paragraph(person["contact"], _SMALL),
             Spacer(1, 6), Paragraph("SUMMARY", _HEADING), Paragraph(person["summary"], _BODY),
             Paragraph("EXPERIENCE", _HEADING)]
    for title, dates, lines in person["experience"]:
        story += [_entry_row(title, dates, width), *_bullets(lines), Spacer(1, 4)]
    story.append(Paragraph("EDUCATION", _HEADING))
    for degree, dates in person["education"]:
        story.append(_entry_row(degree, dates, width))
    story.append(Paragraph("SKILLS", _HEADING))
    story += [Paragraph(line, _BODY) for line in person["skills"]]
    return story


def one_column_pdf(*, encrypt: StandardEncryption | None = None) -> bytes:
    """Maya Patel's resume on one page: a single column, each job's dates right-aligned beside its title."""
    return _build(_one_column_story(MAYA, LETTER[0] - 108), encrypt=encrypt)


def encrypted_pdf() -> bytes:
    """The one-column resume, locked with a password needed to open it."""
    return one_column_pdf(encrypt=StandardEncryption("open-sesame", ownerPassword="owner-secret", strength=128))


def owner_locked_pdf() -> bytes:
    """The one-column resume with only an owner password (opens without one; editing is restricted)."""
    return one_column_pdf(encrypt=StandardEncryption("", ownerPassword="owner-secret", strength=128, canModify=0))


def multi_page_pdf(pages: int = 3) -> bytes:
    """A resume of exactly `pages` pages: the one-column resume, then one earlier role per extra page."""
    width = LETTER[0] - 108
    story = _one_column_story(MAYA, width)
    for number in range(1, pages):
        year = 2015 - number
        story += [PageBreak(), Paragraph("EARLIER EXPERIENCE", _HEADING),
                  _entry_row(f"Software Engineer, Example Company {number}", f"Jan {year - 1} – Dec {year}", width),
                  *_bullets([f"Shipped release {number} of the billing platform with a team of {number + 3} engineers.",
                             f"Cut the nightly batch from {number + 4} hours to {number} hour by rewriting it in Python.",
                             "Wrote the runbook the on-call rotation still uses."])]
    return _build(story)


TWO_COLUMN_PERSON = {
    "name": "Sofia Martins",
    "headline": "Data Analyst",
    "contact": "Lisbon, Portugal | sofia.martins@example.com | +351 912 345 678",
    "left": [
        ("heading", "EXPERIENCE"),
        ("entry", "Senior Data Analyst, Farfetch"),
        ("text", "Mar 2021 – Present"),
        ("bullet", "Built the weekly revenue dashboard in Tableau used by forty regional managers."),
        ("bullet", "Wrote dbt models in SQL that replaced twelve manual spreadsheets."),
        ("bullet", "Ran A/B tests on checkout and reported lift with confidence intervals."),
        ("entry", "Data Analyst, OutSystems"),
        ("text", "Jan 2019 – Feb 2021"),
        ("bullet", "Analysed product usage with Python and Pandas for the growth team."),
        ("bullet", "Automated the monthly churn report, saving a day of work."),
    ],
    "right": [
        ("heading", "SKILLS"),
        ("text", "SQL and dbt"),
        ("text", "Python and Pandas"),
        ("text", "Tableau and Looker"),
        ("text", "Statistical analysis"),
        ("heading", "EDUCATION"),
        ("text", "MSc Data Science"),
        ("text", "University of Lisbon"),
        ("text", "2016 – 2018"),
        ("heading", "LANGUAGES"),
        ("text", "Portuguese, English"),
    ],
}


def _flow(items: list[tuple[str, str]], *, body: ParagraphStyle = _BODY) -> list:
    styles = {"heading": _HEADING, "entry": _ENTRY, "text": body}
    story = []
    for kind, text in items:
        if kind == "bullet":
            story.append(Paragraph(text, ParagraphStyle("b", parent=body, leftIndent=12, bulletIndent=2), bulletText="•"))
        else:
            story.append(Paragraph(text, styles[kind]))
    return story


def two_column_pdf() -> bytes:
    """A full-width header over two columns set in the same type, so their rows line up and a
    row-by-row reading glues each experience line to a skills line."""
    width, height = LETTER
    margin, gutter = 40, 24
    column = (width - 2 * margin - gutter) / 2
    header_height = 80
    frames = [
        Frame(margin, height - margin - header_height, width - 2 * margin, header_height, id="header", showBoundary=0),
        Frame(margin, margin, column, height - 2 * margin - header_height, id="left", showBoundary=0),
        Frame(margin + column + gutter, margin, column, height - 2 * margin - header_height, id="right", showBoundary=0),
    ]
    person = TWO_COLUMN_PERSON
    story = [Paragraph(person["name"], _NAME), Paragraph(person["headline"], _BODY), Paragraph(person["contact"], _SMALL),
             FrameBreak(), *_flow(person["left"]), FrameBreak(), *_flow(person["right"])]
    return _build(story, templates=[PageTemplate(id="two", frames=frames)])


SIDEBAR_PERSON = {
    "name": "Tomás Herrera",
    "headline": "Product Designer",
    "sidebar": [
        ("heading", "CONTACT"),
        ("text", "Madrid, Spain"),
        ("text", "tomas.herrera@example.com"),
        ("text", "+34 612 345 678"),
        ("text", "tomasherrera.design"),
        ("heading", "SKILLS"),
        ("text", "Figma"),
        ("text", "User research"),
        ("text", "Prototyping"),
        ("text", "Design systems"),
        ("text", "Usability testing"),
        ("heading", "EDUCATION"),
        ("text", "BA Graphic Design"),
        ("text", "Complutense University of Madrid"),
        ("text", "2012 – 2016"),
    ],
    "main": [
        ("heading", "PROFILE"),
        ("text", "Product designer with seven years of experience shaping mobile banking and travel apps, from "
                 "discovery interviews to shipped interfaces."),
        ("heading", "EXPERIENCE"),
        ("entry", "Senior Product Designer, Cabify"),
        ("text", "Apr 2020 – Present"),
        ("bullet", "Led the redesign of the rider app checkout, lifting conversion by 9% in an A/B test."),
        ("bullet", "Built and maintained the company design system in Figma with two engineers."),
        ("bullet", "Ran twenty user interviews a quarter and turned them into journey maps."),
        ("entry", "Product Designer, BBVA"),
        ("text", "Sep 2016 – Mar 2020"),
        ("bullet", "Designed onboarding flows for the mobile banking app used by 8M customers."),
        ("bullet", "Ran usability testing sessions and prototyped new savings features."),
    ],
}


def sidebar_pdf(*, side: str = "left") -> bytes:
    """A narrow shaded sidebar (contact, skills, education in smaller type) beside the main column, on
    either side; the candidate's name heads the main column in large type."""
    width, height = A4
    margin, sidebar, gutter = 30, 150, 26
    main = width - 2 * margin - sidebar - gutter
    sidebar_x = margin if side == "left" else width - margin - sidebar
    main_x = margin + sidebar + gutter if side == "left" else margin

    def shade(canvas_: canvas.Canvas, _document) -> None:
        canvas_.saveState()
        canvas_.setFillColor(colors.HexColor("#eef2f7"))
        canvas_.rect(sidebar_x - 10, 0, sidebar + 20, height, stroke=0, fill=1)
        canvas_.restoreState()

    frames = [
        Frame(sidebar_x, margin, sidebar, height - 2 * margin, id="sidebar", showBoundary=0),
        Frame(main_x, margin, main, height - 2 * margin, id="main", showBoundary=0),
    ]
    person = SIDEBAR_PERSON
    small = ParagraphStyle("sidebar", fontName="Helvetica", fontSize=9, leading=12)
    sidebar_story = _flow(person["sidebar"], body=small)
    main_story = [Paragraph(person["name"], _NAME), Paragraph(person["headline"], _BODY), Spacer(1, 6), *_flow(person["main"])]
    story = [*sidebar_story, FrameBreak(), *main_story]
    if side == "right":
        # Frames fill in order; with the sidebar on the right, the main frame comes first.
        frames, story = [frames[1], frames[0]], [*main_story, FrameBreak(), *sidebar_story]
    elif side != "left":
        raise ValueError(f"side must be 'left' or 'right', not {side!r}")
    return _build(story, pagesize=A4, templates=[PageTemplate(id="sidebar", frames=frames, onPage=shade)])


def unaligned_two_column_pdf() -> bytes:
    """Two columns with different type sizes and leading, so their rows drift in and out of line,
    and a page number in the footer."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=LETTER)
    pdf.setFont("Helvetica-Bold", 18)
    pdf.drawString(40, 750, "Omar Haddad")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(40, 734, "Registered Nurse | Toronto, ON | omar.haddad@example.ca")
    left = ["EXPERIENCE", "Charge Nurse, Toronto General Hospital", "Jan 2019 – Present",
            "• Led a team of 9 nurses on a 30-bed cardiac unit.", "• Cut medication errors by 40% with a double-check protocol.",
            "Staff Nurse, Sunnybrook Health Sciences", "Jun 2015 – Dec 2018", "• Cared for post-operative cardiac patients.",
            "• Trained new staff on telemetry monitoring.", "Staff Nurse, Mount Sinai Hospital", "Sep 2013 – May 2015",
            "• Medical-surgical nursing on a 40-bed unit."]
    right = ["CERTIFICATIONS", "BLS, ACLS", "CNCC(C) Critical Care", "EDUCATION", "BScN, University of Toronto", "2009 – 2013",
             "SKILLS", "Telemetry", "Epic", "Patient education", "Wound care", "LANGUAGES", "English, Arabic, French"]
    for x, lines, size, leading in ((40, left, 10, 15.5), (350, right, 9, 11.3)):
        y = 700
        for line in lines:
            pdf.setFont("Helvetica-Bold" if line.isupper() else "Helvetica", 11 if line.isupper() else size)
            pdf.drawString(x, y, line)
            y -= leading
    pdf.setFont("Helvetica", 8)
    pdf.drawString(550, 30, "1")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def dates_left_pdf() -> bytes:
    """A CV in the moderncv style: dates right-aligned in a narrow column left of each entry, and a
    "Page 1 of 1" footer. The dates belong to their entries' lines; they are not a column of their own."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=LETTER)
    y = 740
    pdf.setFont("Helvetica-Bold", 20)
    pdf.drawString(140, y, "Lena Fischer")
    pdf.setFont("Helvetica", 10)
    pdf.drawString(140, y - 18, "Machine Learning Engineer")
    pdf.drawString(140, y - 32, "Hamburg, Germany | lena.fischer@example.de | +49 40 123456")
    y -= 62
    sections = [
        ("Experience", [("2021–present", "ML Engineer, Otto Group", ["• Built a ranking model in PyTorch serving 2M daily users.",
                                                                      "• Deployed models on Kubernetes with MLflow tracking."]),
                        ("2018–2021", "Data Scientist, XING", ["• Forecast churn with XGBoost and SQL.",
                                                               "• Ran A/B tests for the jobs marketplace."]),
                        ("2016–2018", "Working Student, Airbus", ["• Wrote Python tooling for test data."])]),
        ("Education", [("2014–2018", "M.Sc. Computer Science, University of Hamburg", [])]),
    ]
    for heading, entries in sections:
        pdf.setFont("Helvetica-Bold", 12)
        pdf.drawString(140, y, heading)
        y -= 18
        for dates, title, lines in entries:
            pdf.setFont("Helvetica", 10)
            pdf.drawRightString(125, y, dates)
            pdf.setFont("Helvetica-Bold", 10)
            pdf.drawString(140, y, title)
            pdf.setFont("Helvetica", 10)
            y -= 14
            for line in lines:
                pdf.drawString(140, y, line)
                y -= 13
            y -= 6
    pdf.setFont("Helvetica", 8)
    pdf.drawCentredString(306, 30, "Page 1 of 1")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def fake_bold_pdf() -> bytes:
    """A resume whose name and headings are made bold by printing them twice, a hair apart."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=LETTER)
    y = 720
    for text, size, bold in (("Noah Williams", 18, True), ("Operations Manager | Denver, CO | noah.w@example.com", 10, False),
                             ("EXPERIENCE", 11, True), ("Operations Manager, Acme Logistics, 2019 – Present", 10, True),
                             ("• Cut warehouse picking errors by 35% with barcode scanning.", 10, False),
                             ("• Managed a team of 25 across two shifts.", 10, False)):
        pdf.setFont("Helvetica", size)
        for offset in (0.0, 0.35) if bold else (0.0,):
            pdf.drawString(72 + offset, y, text)
        y -= size + 8
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def image_only_pdf() -> bytes:
    """A scanned resume: one page holding a picture of text, with no text layer."""
    image = Image.new("RGB", (1240, 1754), "white")
    drawing = ImageDraw.Draw(image)
    for row, line in enumerate(SOFTWARE_ENGINEER_RESUME.splitlines()[:40]):
        drawing.text((80, 80 + row * 38), line, fill="black")
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def oversized_pdf(size: int = 10 * 1024 * 1024 + 1) -> bytes:
    """A readable PDF padded with trailing whitespace to `size` bytes (by default just over the 10 MB limit)."""
    data = one_column_pdf()
    return data + b"\n" * max(0, size - len(data))


def corrupt_pdf() -> bytes:
    """A file that starts like a PDF and holds nothing a reader can use."""
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 40 + b"\nstartxref\n999999\n%%EOF\n"


def truncated_pdf() -> bytes:
    """The first half of a real PDF, as an interrupted download leaves it."""
    data = one_column_pdf()
    return data[: len(data) // 2]


def renamed_exe() -> bytes:
    """A Windows program, as someone might rename it to resume.pdf."""
    header = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8" + b"\x00" * 43 + b"\x80\x00\x00\x00"
    return header + b"\x0e\x1f\xba\x0e\x00\xb4\t\xcd!\xb8\x01L\xcd!This program cannot be run in DOS mode.\r\r\n$" + b"\x00" * 200


def renamed_zip() -> bytes:
    """A zip archive that is not a Word document."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photos/holiday.txt", "not a resume")
    return buffer.getvalue()


def renamed_png() -> bytes:
    """A picture, renamed to .pdf."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 40), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def legacy_doc() -> bytes:
    """The start of an old binary Word file (.doc): the OLE2 signature and padding."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def resume_docx() -> bytes:
    """Jessica Rivera's nurse resume as a Word document: name and contact in the page header, headings,
    real list bullets (no bullet characters in the text), a skills table and an employer line with a tab."""
    document = Document()
    header = document.sections[0].header
    header.paragraphs[0].text = "Jessica M. Rivera, RN, BSN"
    header.add_paragraph("Austin, TX • (512) 555-0147 • jessica.rivera@example.com")
    document.add_paragraph("Registered Nurse — Intensive Care")
    document.add_heading("Professional Summary", level=1)
    document.add_paragraph(
        "Compassionate ICU registered nurse with 6 years of critical care experience in a 32-bed Level I trauma center."
    )
    document.add_heading("Clinical Experience", level=1)
    document.add_paragraph("Registered Nurse, Medical ICU")
    document.add_paragraph("St. David's Medical Center, Austin, TX\tJun 2020 – Present")
    for line in ("Provide care for 2–3 critically ill patients per shift.",
                 "Manage mechanical ventilation and central lines with respiratory therapy.",
                 "Document assessments and medication administration in Epic."):
        document.add_paragraph(line, style="List Bullet")
    document.add_paragraph("Staff Nurse, Medical-Surgical Unit")
    document.add_paragraph("Seton Medical Center, Austin, TX\tMay 2018 – May 2020")
    for line in ("Performed wound care, IV therapy and blood glucose monitoring.",
                 "Educated patients and families on discharge plans."):
        document.add_paragraph(line, style="List Bullet")
    document.add_heading("Education", level=1)
    document.add_paragraph("Bachelor of Science in Nursing")
    document.add_paragraph("The University of Texas at Austin | 2014 – 2018")
    document.add_heading("Skills", level=1)
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(table.rows, (("BLS", "ACLS", "PALS"), ("Telemetry", "Triage", "Cerner")), strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.font.size = Pt(10)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_TEXT_BOX = """\
<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
     xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
     xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
     xmlns:v="urn:schemas-microsoft-com:vml"><w:r><mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>
    <w:p><w:r><w:t>{text}</w:t></w:r></w:p>
  </w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
    <w:p><w:r><w:t>{text}</w:t></w:r></w:p>
  </w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent></w:r></w:p>"""


def text_box_docx() -> bytes:
    """A Word resume whose contact line sits in a text box, stored twice by Word (a drawing and its
    VML fallback), with a deleted tracked change that is not text any more."""
    from lxml import etree

    document = Document()
    document.add_paragraph("Grace Liu")
    body = document.element.body
    body.insert(1, etree.fromstring(_TEXT_BOX.format(text="Seattle, WA | grace.liu@example.com | (206) 555-0110")))
    document.add_heading("Experience", level=1)
    document.add_paragraph("Product Manager, Zillow\t2019 – Present")
    document.add_paragraph("Launched the rental payments flow used by 1M renters.", style="List Bullet")
    deleted = etree.fromstring(
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:del><w:r>'
        "<w:delText>Deleted sentence about Cobol.</w:delText></w:r></w:del><w:r><w:t>Ran weekly roadmap reviews.</w:t></w:r></w:p>"
    )
    body.insert(len(body) - 1, deleted)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
