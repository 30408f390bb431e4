"""The production settings (config/settings.py) for the load test's gunicorn.

Only the collected static files go to a throwaway folder: the templates' {% static %}
needs the manifest collectstatic writes, and var/static belongs to the checkout.
"""
import os
from pathlib import Path

from config.settings import *

STATIC_ROOT = Path(os.environ["NIANBAO_LOAD_STATIC_ROOT"])
