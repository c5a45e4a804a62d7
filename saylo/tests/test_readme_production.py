"""The README's production instructions are what an operator copies (issue 20, finding 8): gunicorn
bound to the proxy's side only, with threads; a proxy that buffers bodies at least as large as an
upload; the settings a TLS proxy needs."""

import re
from pathlib import Path

from django.conf import settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()


def _section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start:end if end != -1 else None]


def _gunicorn_commands() -> list[str]:
    return re.findall(r"gunicorn saylo\.wsgi[^`\n]*", README)


def test_every_gunicorn_command_binds_to_the_proxys_side_only():
    commands = _gunicorn_commands()
    assert len(commands) >= 2  # the production block and the processes table
    for command in commands:
        assert "0.0.0.0" not in command, command
        assert "--threads" in command, command
    production = _section("Production")
    bind = re.search(r"gunicorn saylo\.wsgi --bind (\S+)", production)
    assert bind and (bind.group(1).startswith("127.0.0.1:") or bind.group(1).startswith("unix:")), bind
    assert "0.0.0.0" not in production.replace("never\n`0.0.0.0`", "").replace("never `0.0.0.0`", "")


def test_the_proxy_buffers_bodies_at_least_as_large_as_an_upload():
    production = _section("Production")
    assert "proxy_request_buffering on" in production
    size = re.search(r"client_max_body_size (\d+)m;", production)
    assert size and int(size.group(1)) * 1024 * 1024 >= settings.RESUME_MAX_BYTES + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert "be the only way in" in production


def test_the_production_environment_names_what_a_tls_proxy_and_mail_need():
    production = _section("Production")
    for name in ("CSRF_TRUSTED_ORIGINS=https://", "EMAIL_URL=", "USE_X_FORWARDED_PROTO=true", "ALLAUTH_TRUSTED_PROXY_COUNT=1"):
        assert name in production, name
