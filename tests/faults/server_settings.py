"""The production settings, for the app run under gunicorn by the fault tests.

Only the static files differ: served unhashed, so no collectstatic (and no shared var/static) is needed.
"""
from config.settings import *

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
