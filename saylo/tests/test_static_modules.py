"""The whole ES module graph is hashed in production: collectstatic (DEBUG off) rewrites every
import of Saylo's modules to a hashed name, and whitenoise serves each of them as immutable."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from interviews.tests.factories import ready_session

BASE = Path(__file__).resolve().parents[2]
SECRET = "p9Vq3xR7mT2wL8nK4cY6bZ1hJ5dF0gSaUeIoQzXvBnMlKjHgFdSa"
HASHED = re.compile(r"\.[0-9a-f]{12}\.js$")
IMPORT = re.compile(r"""(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']|import\s*\(?\s*["']([^"']+)["']""")


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("static")
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    env.update(DEBUG="false", SECRET_KEY=SECRET, ALLOWED_HOSTS="testserver", STATIC_ROOT=str(root))
    result = subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=BASE, env=env,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    return root


def _imports(path: Path) -> list[str]:
    return [a or b for a, b in IMPORT.findall(path.read_text())]


def test_every_hashed_module_imports_only_hashed_modules(collected):
    hashed = [p for p in (collected / "js").rglob("*.js") if HASHED.search(p.name)]
    assert any(p.name.startswith("room.") for p in hashed)
    checked = 0
    for module in hashed:
        for target in _imports(module):
            resolved = (module.parent / target).resolve()
            assert HASHED.search(target), f"{module.name} imports the unhashed {target}"
            assert resolved.is_file(), f"{module.name} imports {target}, which collectstatic did not write"
            checked += 1
    assert checked >= 2  # the room imports its outbox and its speech module


def test_a_changed_module_changes_the_hash_of_the_script_importing_it(collected):
    room = next(p for p in (collected / "js").glob("room.*.js") if HASHED.search(p.name))
    outbox_import = next(t for t in _imports(room) if "outbox" in t)
    outbox = (room.parent / outbox_import).resolve()
    assert outbox.read_text() == (BASE / "static/js/room/outbox.js").read_text()
    # The script's own hash covers the rewritten text, so it names the module's hash.
    assert outbox_import.split("/")[-1] in room.read_text()


@pytest.mark.django_db
def test_whitenoise_serves_the_room_script_and_its_modules_as_immutable(collected, settings, user):
    settings.DEBUG = False
    settings.STATIC_ROOT = collected
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "core.staticstorage.StaticFilesStorage"}}
    settings.MIDDLEWARE = [settings.MIDDLEWARE[0], "whitenoise.middleware.WhiteNoiseMiddleware",
                           *[m for m in settings.MIDDLEWARE[1:] if "whitenoise" not in m]]
    client = Client()
    client.force_login(user)
    session = ready_session(user, questions=1)
    page = client.get(reverse("interviews:room", args=[session.pk])).content.decode()
    script = re.search(r'<script type="module" src="([^"]+)"', page).group(1)
    assert HASHED.search(script), script
    queue, seen = [script], set()
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        assert "immutable" in response["Cache-Control"], (url, response["Cache-Control"])
        body = b"".join(response.streaming_content).decode()
        base = url.rsplit("/", 1)[0]
        for a, b in IMPORT.findall(body):
            target = a or b
            queue.append(os.path.normpath(f"{base}/{target}"))
    assert len(seen) >= 3
