"""Settings, read from environment variables.

Two modes, chosen only by the environment (never by the command being run):

- development: DJANGO_DEBUG=1 (`make run`) or JUKI_TESTING=1 (the tests, `make bench`).
  SQLite under var/ by default, a fixed development key, tasks run eagerly when no
  broker is set, static files straight from static/ (no collectstatic).
- production: anything else. DJANGO_SECRET_KEY and CELERY_BROKER_URL are required, or
  the process refuses to start (every process: gunicorn, Celery and `manage.py` alike),
  unless JUKI_EAGER_TASKS=1 asks for tasks inside the request on purpose. Static files
  are served with a content hash from STATIC_ROOT, so `collectstatic` must run first.
See docs/operations.md (環境変数).
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from config.audit_keys import DEV_AUDIT_KEY, DEV_AUDIT_KEY_ID, load_audit_keys

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("JUKI_VAR_DIR", BASE_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool) -> bool:
    """A yes/no variable; unset or empty means `default`, a typo refuses to start.

    A misspelt DJANGO_DEBUG or JUKI_EAGER_TASKS read as "no" would change the mode
    without a word, hence the refusal.
    """
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"環境変数 {name} の値 {os.environ[name]!r} は解釈できません。"
        "1 / 0（true / false、yes / no、on / off も可）で指定してください。"
    )


DEBUG = env_bool("DJANGO_DEBUG", False)
# The test suite and the benchmarks: like DEBUG for the key, the broker and static files,
# without DEBUG's pages.
TESTING = env_bool("JUKI_TESTING", False)
DEVELOPMENT = DEBUG or TESTING

# Explicit opt-in to run Celery tasks inside the process that queues them: no broker, no
# worker, no beat, so a message that failed waits until the operator's own cron runs the
# sweeps (docs/operations.md); production has to ask for that by name.
EAGER_TASKS = env_bool("JUKI_EAGER_TASKS", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
# The key of the 操作ログ chain and its checkpoints, kept outside the database
# (config/audit_keys.py, docs/adr/0015-audit-key-and-checkpoints.md).
_audit_keys = load_audit_keys(os.environ)
AUDIT_KEYS: dict[str, str] = _audit_keys.keys
AUDIT_KEY_ID: str = _audit_keys.current

if not DEVELOPMENT:
    # Every problem at once, so an operator fixes the environment in one go.
    _problems: list[str] = []
    if not SECRET_KEY.strip():
        _problems.append(
            "DJANGO_SECRET_KEY が設定されていません。本番（DJANGO_DEBUG=0）では、画面を提供する"
            " gunicorn だけでなく Celery や manage.py（migrate、verify_audit など）にも、"
            "本番と同じ鍵を環境変数で渡してください。"
        )
    if not CELERY_BROKER_URL and not EAGER_TASKS:
        _problems.append(
            "CELERY_BROKER_URL が設定されていません。ブローカー（Redis）なしでは、タスクが"
            "リクエストの中で実行され、送信に失敗したメッセージが再送されません。"
            "ブローカーを設定するか、それを承知のうえでタスクを即時実行するなら "
            "JUKI_EAGER_TASKS=1 を明示してください。"
        )
    _problems.extend(_audit_keys.problems)
    if not AUDIT_KEYS and not _audit_keys.problems:
        _problems.append(
            "JUKI_AUDIT_KEY（または JUKI_AUDIT_KEY_FILE）が設定されていません。操作ログの連鎖と"
            "検証点に署名する鍵です。データベースの外に置き、本番のすべてのプロセスに同じ鍵を"
            "渡してください。"
        )
    if DEV_AUDIT_KEY in AUDIT_KEYS.values():
        _problems.append(
            "操作ログの鍵に開発用の鍵が設定されています。本番では乱数の鍵にしてください。"
        )
    if _problems:
        raise ImproperlyConfigured(
            "本番設定（DJANGO_DEBUG=0、既定）では起動できません:\n"
            + "\n".join(f"- {p}" for p in _problems)
            + "\n詳しくは docs/operations.md（環境変数）を参照してください。"
        )
else:
    if not SECRET_KEY:
        SECRET_KEY = "insecure-development-key-never-use-in-production"  # noqa: S105
    if _audit_keys.problems:
        raise ImproperlyConfigured("\n".join(_audit_keys.problems))
    if not AUDIT_KEYS:
        AUDIT_KEYS = {DEV_AUDIT_KEY_ID: DEV_AUDIT_KEY}
        AUDIT_KEY_ID = DEV_AUDIT_KEY_ID

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
    "csp",
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
    "counter.middleware.PageCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "counter.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "counter.middleware.SessionLifetimeMiddleware",
    # every read of personal data in a request: one 操作ログ row (counter/reads.py)
    "counter.reads.ReadLogMiddleware",
    "counter.middleware.AccessPolicyMiddleware",
    "counter.kind_plan.PlanMemoMiddleware",  # one plan per entry per request
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

# Every form: the server, not the browser, refuses a value longer than its item, with a
# message naming it; required items are marked for assistive technology too.
FORM_RENDERER = "counter.form_rendering.CounterFormRenderer"

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

# 操作の途絶30分でログアウト、ログインから12時間で終了: どちらも middleware が見て操作ログに
# 記録する。サーバ側のセッションは12時間残す（途絶した職員を記録できるように）。
SESSION_IDLE_SECONDS = 30 * 60
SESSION_ABSOLUTE_LIFETIME_SECONDS = 12 * 60 * 60
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_LIFETIME_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

# TLS: production is served over https by a reverse proxy that terminates TLS in front of
# gunicorn (docs/operations.md). DJANGO_TLS=0 only for plain http on loopback (make stack);
# DJANGO_SECURE_COOKIES is its former name, still read.
TLS = env_bool("DJANGO_TLS", env_bool("DJANGO_SECURE_COOKIES", not DEVELOPMENT))
SESSION_COOKIE_SECURE = TLS
CSRF_COOKIE_SECURE = TLS
#: the terminal cookie (counter.views.TERMINAL_COOKIE) follows the session cookie
TERMINAL_COOKIE_SECURE = TLS
if TLS:
    # The proxy must set (overwrite) X-Forwarded-Proto; gunicorn itself is never exposed.
    if env_bool("DJANGO_TLS_PROXY_HEADER", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
# Django's defaults, named so a reader sees them: nosniff, same-origin referrer and opener,
# no framing by anyone (a screen of residents is never embedded elsewhere).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp) on every HTML page: scripts, styles, images, fonts
# and requests only from this site, no inline script or style, no eval, no plugins, no
# framing; forms post only here. Templates keep no <script> body and no on* attribute
# (tests/test_headers.py); behaviour lives in static/js/.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# django-axes (counter/lockout.py): 5回続けて失敗すると、その利用者IDはその接続元からだけ
# ロック（ほかの場所からの失敗で窓口の職員を締め出せない）。2回目以降の失敗ごとに次の試行
# まで待たせ（5秒・15秒・45秒）、ロックは最後の失敗から1時間か、管理者の解除（理由つき）まで。
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "counter.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "counter.lockout.client_ip"
AXES_VERBOSE = False
# How many reverse proxies stand in front of gunicorn, each appending to X-Forwarded-For:
# the origin of a login (the lock's and the 操作ログ's address) is read through them.
# Behind TLS the production shape has one proxy; 0 when gunicorn is reached directly.
TRUSTED_PROXY_COUNT = int(os.environ.get("JUKI_TRUSTED_PROXIES", "1" if TLS else "0"))

LANGUAGE_CODE = "ja"
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production: names carry a content hash (css/app.3f2a….css), so a browser never keeps
    # last release's file and whitenoise can let it cache for ever; needs collectstatic,
    # and config/wsgi.py refuses to serve without its manifest. Development and tests
    # render {% static %} without collectstatic.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEVELOPMENT
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Development serves static/ as it is edited; production only what collectstatic wrote.
WHITENOISE_USE_FINDERS = DEVELOPMENT

# Celery (CELERY_BROKER_URL is read above): without a broker tasks run eagerly, which
# production refuses unless JUKI_EAGER_TASKS=1 says so; `make run` needs no Redis.
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = EAGER_TASKS or not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

# PostgreSQL's work_mem for the 人口統計's aggregates only (SET LOCAL in their transaction):
# at a million 住民期間 the default 4 MB sends their sort and hash to disk (bench/README.md).
STATS_WORK_MEM = os.environ.get("JUKI_STATS_WORK_MEM", "64MB")

# The municipality this installation serves (printed on forms, the 団体コード of every
# message sent, used by seed_demo): the site's identity, read by every app.
MUNICIPALITY_NAME = os.environ.get("JUKI_MUNICIPALITY_NAME", "墨田区")
MUNICIPALITY_CODE = os.environ.get("JUKI_MUNICIPALITY_CODE", "13107")
PREFECTURE_NAME = os.environ.get("JUKI_PREFECTURE_NAME", "東京都")
# The certificates' 認証者 (標準仕様書 j1050): the 職名 printed after the prefecture name
# and the mayor's name; the 電子公印 is a static image (black, at most 25 mm square).
MAYOR_TITLE = os.environ.get("JUKI_MAYOR_TITLE", f"{MUNICIPALITY_NAME}長")
JUKI_MAYOR_NAME = os.environ.get("JUKI_MAYOR_NAME", "墨田　太郎")
CERTIFICATE_SEAL_IMAGE = os.environ.get(
    "JUKI_CERTIFICATE_SEAL_IMAGE", "certificates/denshi_koin.png"
)
CERTIFICATE_SEAL_MM = float(os.environ.get("JUKI_CERTIFICATE_SEAL_MM", "21"))
# j1070: an item still too long at the smallest size prints up to the box ("limit") or
# not at all ("blank"); either way it is listed in the 文字超過リスト.
CERTIFICATE_OVERFLOW = os.environ.get("JUKI_CERTIFICATE_OVERFLOW", "limit")
# The address of this app as a certificate's QR code opens it (the verify page).
PUBLIC_BASE_URL = os.environ.get("JUKI_PUBLIC_BASE_URL", "http://localhost:8000")
# Where certificates.tasks.print_juminhyo leaves the PDFs it prints ("" keeps none).
CERTIFICATE_SPOOL_DIR = os.environ.get("JUKI_CERTIFICATE_SPOOL_DIR", "")
# The font the printer measures text with (the one the forms print in first).
CERTIFICATE_FONT_FILE = os.environ.get(
    "JUKI_CERTIFICATE_FONT_FILE", "/usr/share/fonts/truetype/ipamj/ipamjm.ttf"
)
# 監督者's list of procedures still open after this many days (counter:overdue).
PROCEDURE_OVERDUE_DAYS = int(os.environ.get("JUKI_PROCEDURE_OVERDUE_DAYS", "3"))
# 職員 are alerted when fewer spare 住民票コード than this remain (juki.code_pool, j870).
JUMINHYO_CODE_YOBI_ALERT = int(os.environ.get("JUKI_JUMINHYO_CODE_YOBI_ALERT", "100"))
# 交付履歴 (j300) is kept this many years after the 交付 and never deleted before
# (certificates.models.KoufuRireki); the city sets its own 文書保存年限.
KOUFU_RIREKI_RETENTION_YEARS = int(os.environ.get("JUKI_KOUFU_RIREKI_RETENTION_YEARS", "5"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}


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
# Signed checkpoints of the 操作ログ (head and row count), written through the outbox to a
# write-once directory, by default OUTBOX_DIR/audit_checkpoint/; verify_audit reads them
# from AUDIT_CHECKPOINT_DIR (set it when another adapter delivers them elsewhere).
AUDIT_CHECKPOINT_DIR = os.environ.get("JUKI_AUDIT_CHECKPOINT_DIR", "")
CELERY_BEAT_SCHEDULE = {
    "outbox-deliver-due": {"task": "counter.deliver_due_messages", "schedule": 60.0},
    "inbox-receive": {"task": "counter.receive_messages", "schedule": 60.0},
    "sessions-end-expired": {"task": "counter.end_expired_sessions", "schedule": 300.0},
    "audit-checkpoint": {"task": "counter.audit_checkpoint", "schedule": 3600.0},
    # The 転出's 消除 (docs/adr/0017): daily for the 転出予定日 just past midnight (Japan
    # time), and every few minutes so that a 転入通知 received acts the same day.
    "tenshutsu-shojo-daily": {
        "task": "juki.tenshutsu_shojo",
        "schedule": crontab(hour=0, minute=5),
    },
    "tenshutsu-shojo-tennyu-tsuchi": {"task": "juki.tenshutsu_shojo", "schedule": 300.0},
    # 印鑑登録の照会: unanswered past the 回答期限 → 失効 (docs/adr/0029), daily
    "inkan-shikkou-daily": {"task": "seal.inkan_shikkou", "schedule": crontab(hour=0, minute=15)},
    # 個人番号カード: 継続利用 not done in 90 days, 有効期限 passed → 廃止 (docs/adr/0035)
    "mynumber-card-shikkou-daily": {
        "task": "mynumber.card_shikkou",
        "schedule": crontab(hour=0, minute=25),
    },
}
# 印鑑登録: the days a 照会's 回答書 may take (要領 第2-2: the city's own period)
SEAL_KAITOU_KIGEN_DAYS = int(os.environ.get("JUKI_SEAL_KAITOU_KIGEN_DAYS", "30"))
# 印鑑登録証明書: print the 性別 (要領 第4); a city whose 印鑑条例 leaves it out sets 0
SEAL_SHOMEI_SEIBETSU = os.environ.get("JUKI_SEAL_SHOMEI_SEIBETSU", "1") == "1"
