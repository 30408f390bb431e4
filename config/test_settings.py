"""Settings for the test suite: production settings with a throwaway key and fast hashing.

The suite gives the same result whatever the caller's shell exports (DEBUG=1 after trying the app by hand,
a real SECRET_KEY, a mail server, a log level): every variable config/settings.py reads is pinned here
before it is read. DATABASE_URL alone is taken from the caller: it is how the suite is run on PostgreSQL.
"""
import os
import tempfile

# Lower-case names: not settings. tests/test_settings.py checks these cover every variable settings.py reads.
from_caller = {"DATABASE_URL"}
pinned = {
    "DEBUG": "0",
    "SECRET_KEY": "test-only-secret-key-not-for-production-use-0123456789",
    "ALLOWED_HOSTS": "localhost,127.0.0.1,testserver",
    "SECURE_SSL_REDIRECT": "0",
    "EXPORT_CACHE_DIR": tempfile.mkdtemp(prefix="nianbao-exports-"),
    "MEDIA_ROOT": tempfile.mkdtemp(prefix="nianbao-media-"),
}
# Read by config/settings.py and left to its defaults in tests.
defaulted = {
    "CSRF_TRUSTED_ORIGINS", "CONN_MAX_AGE", "SECURE_HSTS_SECONDS", "SECURE_HSTS_PRELOAD", "BEHIND_TLS_PROXY",
    "PROXY_COUNT", "LOGIN_FAILURE_LIMIT", "LOGIN_COOLOFF_MINUTES", "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT",
    "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "EMAIL_USE_TLS", "DEFAULT_FROM_EMAIL", "SITE_URL", "LOG_LEVEL",
}
for name in defaulted:
    os.environ.pop(name, None)
os.environ.update(pinned)

from .settings import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Tests log in with client.login(), which gives django-axes no request; the throttling tests enable it.
AXES_ENABLED = False
