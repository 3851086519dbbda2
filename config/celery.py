"""The Celery app. Without a broker tasks run eagerly, which production refuses unless
JUKI_EAGER_TASKS=1 asks for it (see config/settings.py)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
