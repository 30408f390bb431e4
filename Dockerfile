# The Nianbao web application (gunicorn). Used by docker-compose.yml with PostgreSQL 15.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Pango for WeasyPrint, CJK fonts for the PDF (fontconfig's fc-list for the start-up check), HarfBuzz-subset
# for fast font subsetting, gettext for the translation catalogues: the `run` and `messages` packages of
# scripts/system_packages.py (tests/test_system_packages.py keeps the two lists in step).
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
      fontconfig fonts-noto-cjk fonts-arphic-ukai gettext poppler-utils \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .
COPY . .
RUN SECRET_KEY=build-only python manage.py compilemessages --ignore=.venv \
 && SECRET_KEY=build-only python manage.py collectstatic --noinput

# Named volumes take the ownership of these folders from the image on first use.
RUN useradd --system --home /app nianbao \
 && mkdir -p /app/var/exports /app/var/media \
 && chown -R nianbao /app/var
USER nianbao

EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=10s --start-period=60s --retries=3 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=5)"
CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
