# The application image: web (gunicorn), Celery worker and beat all run from it.
# See docker-compose.yml for the wiring and docs/operations.md for the settings.
FROM debian:12-slim

ENV DEBIAN_FRONTEND=noninteractive \
    LANG=C.UTF-8 \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=config.settings \
    JUKI_VAR_DIR=/var/lib/juki

# Debian's Python 3.11 (+ python3-venv for ensurepip), and what WeasyPrint needs to lay out
# Japanese certificates: Pango, HarfBuzz subsetting, IPAmj明朝 (外字) and IPAex fonts.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        python3.11 python3-venv \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-ipamj-mincho fonts-ipaexfont \
        ca-certificates tzdata \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system juki \
    && useradd --system --gid juki --home-dir /app --shell /usr/sbin/nologin juki \
    && python3.11 -m venv /opt/venv \
    && mkdir -p /var/lib/juki \
    && chown juki:juki /var/lib/juki

WORKDIR /app

# Dependencies first (pinned in pyproject.toml), so code changes do not reinstall them.
# The app itself is not pip-installed: it runs from /app (PYTHONPATH), like manage.py does.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY . .
RUN python -m compileall -q config counter juki certificates seal mynumber stats

USER juki
VOLUME ["/var/lib/juki"]
EXPOSE 8000

# WEB_CONCURRENCY (gunicorn's own variable) sets the number of workers.
CMD ["gunicorn", "-c", "python:config.gunicorn_conf", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--access-logfile", "-"]
