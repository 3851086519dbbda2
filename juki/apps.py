from django.apps import AppConfig


class JukiConfig(AppConfig):
    """住民基本台帳: the register and the only workflow that writes it (異動届)."""

    name = "juki"
    verbose_name = "住民基本台帳"

    def ready(self) -> None:
        # Cross-app by registry: counter (below juki) never imports juki.
        from counter import documents as counter_documents

        from . import documents

        counter_documents.register_sample_form(
            documents.SHOKAI_HYO_NAME, documents.build_sample_shokai_hyo
        )
        counter_documents.register_sample_data(documents.provide_sample_data)

        from .ido import tenshutsu

        counter_documents.register_sample_form(
            tenshutsu.SHOMEISHO, tenshutsu.build_sample_tenshutsu_shomeisho
        )

        from .ido import register_kinds

        register_kinds()

        from .ido import tennyu

        counter_documents.register_sample_form(tennyu.KAKUNIN_NAME, tennyu.build_sample_kakunin)
