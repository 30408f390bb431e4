"""`GET /healthz`: is this process able to serve? (load balancers, `docker compose` health checks).

Answered before host validation and the HTTPS redirect, so a probe on the container's own
address works whatever ALLOWED_HOSTS and SECURE_SSL_REDIRECT say. It reveals nothing but
"ok" or "unavailable".
"""
import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse

PATH = "/healthz"
logger = logging.getLogger(__name__)


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        logger.warning("health check: database unavailable", exc_info=True)
        return False


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != PATH or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        ok = database_ok()
        response = JsonResponse({"status": "ok" if ok else "unavailable"}, status=200 if ok else 503)
        response["Cache-Control"] = "no-store"
        return response
