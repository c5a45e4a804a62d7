#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saylo.settings")
    # No default for SAYLO_RUNTIME here: manage.py runs on servers too (migrate, workers), where
    # DEBUG must never switch on by itself. `make run`/`make test` and .env.example say `local`.
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
