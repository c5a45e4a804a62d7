"""Saylo keeps no models of its own; this module exists so `migrate` tells the app it ran (see apps.py)."""
