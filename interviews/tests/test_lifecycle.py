"""The interview lifecycle (interviews/lifecycle.py): every legal transition works, every other one is
refused — through the lifecycle's functions and through a plain save() — and no code outside the
lifecycle writes a session's status."""

import ast
import itertools
from pathlib import Path

import pytest

from interviews import lifecycle
from interviews.lifecycle import TRANSITIONS, IllegalTransition, Status, session_transition, session_transition_if
from interviews.models import InterviewSession
from interviews.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
ILLEGAL = [(a, b) for a, b in itertools.product(Status.values, repeat=2) if (a, b) not in TRANSITIONS and a != b]


@pytest.mark.parametrize("source, target", sorted(TRANSITIONS))
def test_every_legal_transition_is_made_and_saved(source, target):
    session = SessionFactory(status=source)
    session = InterviewSession.objects.get(pk=session.pk)
    session_transition(session, target, failure_reason="noted")
    session.refresh_from_db()
    assert (session.status, session.failure_reason) == (target, "noted")


@pytest.mark.parametrize("source, target", ILLEGAL)
def test_every_other_transition_is_refused_and_nothing_is_written(source, target):
    session = SessionFactory(status=source)
    loaded = InterviewSession.objects.get(pk=session.pk)
    with pytest.raises(IllegalTransition):
        session_transition(loaded, target, failure_reason="should not be written")
    with pytest.raises(IllegalTransition):
        session_transition_if(InterviewSession, session.pk, source=[source], target=target)
    fresh = InterviewSession.objects.get(pk=session.pk)
    fresh.status = target
    with pytest.raises(IllegalTransition):
        fresh.save()  # an admin edit or stray code goes through the same table
    session.refresh_from_db()
    assert (session.status, session.failure_reason) == (source, "")


def test_a_conditional_transition_changes_a_row_only_from_the_state_it_expects():
    session = SessionFactory(status=Status.READY)
    assert not session_transition_if(InterviewSession, session.pk, source=[Status.PREPARING], target=Status.READY)
    assert session_transition_if(InterviewSession, session.pk, source=[Status.READY], target=Status.LIVE)
    session.refresh_from_db()
    assert session.status == Status.LIVE


def test_the_table_reaches_every_state_and_scored_from_a_new_session():
    reachable, frontier = {Status.PREPARING}, [Status.PREPARING]
    while frontier:
        state = frontier.pop()
        for source, target in TRANSITIONS:
            if source == state and target not in reachable:
                reachable.add(target)
                frontier.append(target)
    assert reachable == set(Status.values) - {Status.DRAFT}


def _status_writes(path: Path) -> list[str]:
    """`x.status = …` (but an object's own `self.status`) and `.update(status=…)` in one module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.Assign):
            targets = [elt for target in node.targets for elt in (target.elts if isinstance(target, ast.Tuple) else [target])]
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr == "status" and not (
                    isinstance(target.value, ast.Name) and target.value.id == "self"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update"
                and any(keyword.arg == "status" for keyword in node.keywords)):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_no_module_outside_the_lifecycle_writes_a_session_status():
    modules = [path for package in ("interviews", "accounts", "resumes", "saylo", "core")
               for path in (ROOT / package).rglob("*.py")
               if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)]
    writes = [where for path in modules if path != Path(lifecycle.__file__) for where in _status_writes(path)]
    assert writes == []
    assert _status_writes(Path(lifecycle.__file__))  # the scan does see the lifecycle's own writes
