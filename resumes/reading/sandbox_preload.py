"""Imported once by the resume reader's forkserver (resumes/reading/sandbox.py), so every child it forks
starts with the reader, its regular expressions and the skills taxonomy already loaded."""

from resumes.reading import parse_resume_text
from resumes.reading.taxonomy import get_taxonomy

get_taxonomy()
parse_resume_text("Ada Example\nBackend Engineer\n\nEXPERIENCE\nEngineer, Acme, 2020 – Present\n"
                  "- Built Python services on Kubernetes.\n\nSKILLS\nPython, PostgreSQL")
