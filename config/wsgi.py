"""The WSGI application (gunicorn config.wsgi:application).

In production the static files storage hashes names through the manifest that
collectstatic writes; without it every page with {% static %} would fail at render time.
The application refuses to load instead, so a forgotten collectstatic stops the start.
"""

import os

from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def require_static_manifest() -> None:
    """Refuse when the storage needs collectstatic's manifest and it is not there."""
    from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage

    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return
    if not staticfiles_storage.exists(staticfiles_storage.manifest_name):
        raise ImproperlyConfigured(
            f"静的ファイルの一覧（{staticfiles_storage.path(staticfiles_storage.manifest_name)}）"
            "がありません。起動の前に manage.py collectstatic --noinput を、本番と同じ"
            "環境変数（JUKI_VAR_DIR を含む）で実行してください。"
        )


require_static_manifest()
