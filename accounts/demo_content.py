"""The sample resume and job the demo candidate starts with (`manage.py seed_demo`)."""

DEMO_RESUME = """Demo Candidate
Backend Software Engineer
demo@saylo.local | +1 415 555 0134 | San Francisco, CA | github.com/demo-candidate | linkedin.com/in/demo-candidate

SUMMARY
Backend engineer with 6 years of experience building Python services and data pipelines for high-traffic products. I like owning a system end to end, from schema design to on-call.

EXPERIENCE
Senior Software Engineer — Brightcart, San Francisco, CA
Mar 2021 – Present
- Led the migration of the order service from a Django monolith to three Python microservices on Kubernetes, cutting p95 checkout latency from 850 ms to 310 ms.
- Designed the PostgreSQL schema and partitioning for 40 million orders a month; added Redis caching that reduced database load by 35%.
- Built the event pipeline on Kafka that feeds inventory and analytics, processing 2,000 events per second.
- Mentored four engineers and ran the team's design reviews.

Software Engineer — Ledgerly, Austin, TX
Jun 2018 – Feb 2021
- Built REST APIs in Django and Django REST Framework used by 300 accounting firms.
- Wrote the CI/CD pipeline with GitHub Actions and Docker; deploys went from weekly to daily.
- Reduced monthly AWS spend by 22% by right-sizing EC2 instances and moving batch jobs to Lambda.

PROJECTS
Queue Doctor — an open-source tool that finds stuck Celery tasks; 1,200 GitHub stars.

EDUCATION
B.S. Computer Science — University of Texas at Austin, 2014 – 2018

SKILLS
Python, Django, PostgreSQL, Redis, Kafka, Docker, Kubernetes, AWS, REST APIs, CI/CD, Git, Linux
"""

DEMO_JOB_TITLE = "Senior Backend Engineer"
DEMO_JOB_COMPANY = "Northwind Health"
DEMO_JOB_TEXT = """Northwind Health is hiring a Senior Backend Engineer to build the platform that connects clinics with patients.

What you'll do
- Design, build and operate Python services that handle appointment booking for 2 million patients.
- Own the reliability of our APIs: monitoring, on-call and incident reviews.
- Model data in PostgreSQL and keep queries fast as we grow.
- Work with product managers and clinicians to turn fuzzy problems into shipped features.
- Mentor engineers and raise the bar in code and design reviews.

Requirements
- 5+ years of professional software engineering experience.
- Strong Python and experience with Django or FastAPI.
- Deep knowledge of PostgreSQL.
- Experience running services on Kubernetes and AWS.
- Experience designing REST APIs.

Nice to have
- Experience with GraphQL.
- Terraform.
- Healthcare or HIPAA experience.
"""
