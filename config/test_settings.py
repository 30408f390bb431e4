"""Settings for the test suite: production settings with a throwaway key and fast hashing."""
import os
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-use-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "localhost,127.0.0.1,testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("EXPORT_CACHE_DIR", tempfile.mkdtemp(prefix="nianbao-exports-"))

from .settings import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# Tests log in with client.login(), which gives django-axes no request; the throttling tests enable it.
AXES_ENABLED = False
