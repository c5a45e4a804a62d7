# ruff: noqa: E501 - postings keep their long lines as employers write them
"""Real-world job postings for matching tests, written as employers write them."""

FULL_STACK_JOB = {
    "title": "Full-Stack Developer",
    "company": "Brightwave Health",
    "text": """\
Full-Stack Developer
Brightwave Health — Lisbon (hybrid)

About us
Brightwave Health builds scheduling software used by 900 clinics across Europe.

What you'll do
• Build features end to end, from React front-end components to the Python and Node.js services behind them.
• Design REST and GraphQL APIs and the communication between frontend and backend.
• Write automated tests and review code from your teammates.
• Work with product managers and designers to ship every week.

Requirements
• 3+ years of professional experience developing web applications.
• Proficiency in at least one server-side language such as Python, Ruby, Java, PHP and .NET.
• Experience with a modern JavaScript framework such as React, Angular or Vue.js.
• Experience with database technology such as MySQL, Oracle or SQL Server.
• Good communication skills and the ability to work in a team.
• Bachelor's degree in Computer Science or a related field, or equivalent practical experience.

Nice to have
• Docker and Kubernetes.
• Experience with AWS.

What we offer
• Competitive salary, 25 days of holiday and a learning budget.
""",
}

PRODUCT_MANAGER_JOB = {
    "title": "Senior Product Manager",
    "company": "Lumen Pay",
    "text": """\
Senior Product Manager
Lumen Pay — Toronto, ON

About the role
You will own the merchant onboarding experience, from sign-up to the first payment.

Responsibilities
• Own the product roadmap for onboarding and define OKRs with engineering and design.
• Run user research and A/B testing to decide what to build next.
• Write clear product requirements and work with stakeholders across sales and compliance.

Requirements
• 5+ years of product management experience, at least 2 in fintech or payments.
• Strong SQL and experience with analytics tools such as Amplitude or Mixpanel.
• Excellent communication and stakeholder management.
• A university degree; an MBA is a plus.
""",
}
