"""Projects: the names of the projects a resume lists, for questions about them."""

import re

from resumes.reading.contact import PROFILE_RE, URL_RE
from resumes.reading.dates import find_range
from resumes.reading.lines import is_description, trim
from resumes.reading.sections import heading_of
from resumes.reading.text import is_bullet, strip_bullet
from resumes.reading.vocabulary import ACTION_VERB_RE


def parse_projects(lines: list[str]) -> list[str]:
    """Project names: what comes before the dash or colon of a project's first line ("Course Planner — a Django
    app…"), a short line of its own, or the label of a "Name: what it does" bullet."""
    names: list[str] = []
    for raw in lines:
        if not raw:
            continue
        line = raw.replace("\t", " | ")
        found = find_range(line)
        if found is not None:
            line = line[:found.span[0]] + line[found.span[1]:]
        line = trim(URL_RE.sub("", PROFILE_RE.sub("", line)))
        if re.match(r"^(?:tech(?:nologies)?|stack|tools|built with|skills)\b", strip_bullet(line), re.IGNORECASE):
            continue
        pieces = re.split(r"\s+[|–—]\s+|\s+-\s+|:\s+|\s+\(", strip_bullet(line), maxsplit=1)
        name = trim(pieces[0])
        labelled = len(pieces) > 1
        if is_bullet(raw) and not labelled:
            continue  # a bullet describing the project above
        if not labelled and (is_description(name) or len(name.split()) > 6):
            continue
        if not name or len(name.split()) > 6 or ACTION_VERB_RE.match(name) or name in names or heading_of(name) is not None:
            continue
        names.append(name)
    return names[:12]
