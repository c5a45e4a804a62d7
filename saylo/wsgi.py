"""WSGI entry point (gunicorn saylo.wsgi). Servers default to production settings."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saylo.settings")
os.environ.setdefault("SAYLO_RUNTIME", "server")

application = get_wsgi_application()
