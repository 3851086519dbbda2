"""Settings, read from environment variables.

The defaults are the embedded start of `make run`: SQLite under var/, tasks run eagerly.
A city sets DATABASE_URL (PostgreSQL), CELERY_BROKER_URL (Redis), DJANGO_SECRET_KEY,
DJANGO_DEBUG=0 and DJANGO_ALLOWED_HOSTS.
"""

import os
import secrets
import sys
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("JUKI_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    # Serving requests (gunicorn, runserver) signs sessions and CSRF tokens: the key is
    # required then. A management command that serves nothing (migrate, makemigrations,
    # verify_audit …) gets a throwaway key so an operator can run it without one.
    _command = sys.argv[1] if len(sys.argv) > 1 else ""
    _offline_command = Path(sys.argv[0]).name == "manage.py" and _command != "runserver"
    if DEBUG or env_bool("JUKI_TESTING", False):
        SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105
    elif _offline_command:
        SECRET_KEY = secrets.token_urlsafe(50)
    else:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY を設定してください（DJANGO_DEBUG=0 で画面を提供するとき必須）。"
        )

ALLOWED_HOSTS = [
    h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "django_htmx",
    "axes",
    "counter",
    "juki",
    "certificates",
    "seal",
    "mynumber",
    "stats",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "counter.middleware.SessionLifetimeMiddleware",
    "counter.middleware.AccessPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "counter.context_processors.staff",
            ],
            "builtins": ["jputil.template_filters"],
        },
    }
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default lives under var/: make it, so a fresh clone needs no setup.
    if "DATABASE_URL" not in os.environ:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets the dev server read while a seed or a task writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "counter.StaffUser"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "counter:login"
LOGIN_REDIRECT_URL = "counter:home"

# 操作の途絶30分でログアウト（毎リクエストで期限を延長）; 絶対期限12時間は middleware が見る。
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_LIFETIME_SECONDS = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# django-axes: 5回失敗でロック。解除は管理者（axes_reset）か1時間経過。
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "counter/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "ja"
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Celery: no broker means eager tasks, so `make run` needs no Redis.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

# The municipality this installation serves (printed on forms, the 団体コード of every
# message sent, used by seed_demo): the site's identity, read by every app.
MUNICIPALITY_NAME = os.environ.get("JUKI_MUNICIPALITY_NAME", "墨田区")
MUNICIPALITY_CODE = os.environ.get("JUKI_MUNICIPALITY_CODE", "13107")
PREFECTURE_NAME = os.environ.get("JUKI_PREFECTURE_NAME", "東京都")
# TRANSITIONAL (issue 7): the names juki still reads; same values.
JUKI_MUNICIPALITY_NAME = MUNICIPALITY_NAME
JUKI_MUNICIPALITY_CODE = MUNICIPALITY_CODE
JUKI_PREFECTURE_NAME = PREFECTURE_NAME
# 監督者's list of procedures still open after this many days (counter:overdue).
PROCEDURE_OVERDUE_DAYS = int(os.environ.get("JUKI_PROCEDURE_OVERDUE_DAYS", "3"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Lockout is per account: window terminals often share one address behind the office
# NAT, so an address lock would shut a whole counter (docs/adr/0003-access-and-sessions.md).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# Outbox (送信待ち): messages to other systems, delivered by Celery (docs/adr/0007-outbox.md).
# The default adapter writes one JSON file per message under OUTBOX_DIR/<destination>/;
# OUTBOX_ADAPTERS = {"jukinet_cs": "dotted.path.Class"} plugs another one per destination.
OUTBOX_DIR = Path(os.environ.get("JUKI_OUTBOX_DIR", VAR_DIR / "outbox"))
OUTBOX_ADAPTERS: dict[str, str] = {}
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("JUKI_OUTBOX_MAX_ATTEMPTS", "8"))
OUTBOX_BACKOFF_BASE_SECONDS = 60
OUTBOX_BACKOFF_MAX_SECONDS = 60 * 60
# Inbox (受信): messages from other systems read from INBOX_DIR/<source>/*.json
# (docs/adr/0010-inbox.md), e.g. the 転出証明書情報 of a 特例転入 from 住基ネット CS.
INBOX_DIR = Path(os.environ.get("JUKI_INBOX_DIR", VAR_DIR / "inbox"))
CELERY_BEAT_SCHEDULE = {
    "outbox-deliver-due": {"task": "counter.deliver_due_messages", "schedule": 60.0},
    "inbox-receive": {"task": "counter.receive_messages", "schedule": 60.0},
}
