from django.apps import AppConfig


class CounterConfig(AppConfig):
    """窓口: staff, terminals, access policy and the 操作ログ. Knows nothing of residents."""

    name = "counter"
    verbose_name = "窓口"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (login/logout/failed-login audit)
        from .roles import connect_role_setup

        connect_role_setup(self)

        from .documents import register_sample_form
        from .uketsuke_slip import UKETSUKE_KAKUNIN_NAME, build_sample_uketsuke_kakunin

        register_sample_form(UKETSUKE_KAKUNIN_NAME, build_sample_uketsuke_kakunin)
