"""ASGI entry point. Servers default to production settings."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saylo.settings")
os.environ.setdefault("SAYLO_RUNTIME", "server")

application = get_asgi_application()
