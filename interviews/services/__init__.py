"""Every write to interview sessions goes through these modules:

- `setup`: create a session from a resume and a job, retry, re-prepare
- `preparation`: the background steps (questions → cheatsheet → PDF)
- `questions`: the candidate's edits to the plan
- `transcript`: turns saved from the interview room, ending an interview
- `scoring`: score runs (never destructive)
"""
