"""Settings for the test suite: config.settings with test-only speed-ups.

DATABASE_URL still chooses the database, so `make test-pg` runs the same suite on
PostgreSQL.
"""

import os

os.environ.setdefault("JUKI_TESTING", "1")

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
