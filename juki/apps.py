from django.apps import AppConfig


class JukiConfig(AppConfig):
    """住民基本台帳: the register and the only workflow that writes it (異動届)."""

    name = "juki"
    verbose_name = "住民基本台帳"

    def ready(self) -> None:
        # Cross-app by registry: counter (below juki) never imports juki.
        from counter import documents as counter_documents
        from counter.procedure_kinds import register_document_provider

        from . import documents, juri_tsuchi, nushi_tsuchi, takka
        from .ido import register_kinds, tennyu, tenshutsu

        register_kinds()
        register_document_provider(takka.takka_documents)
        register_document_provider(juri_tsuchi.juri_tsuchi_documents)
        register_document_provider(nushi_tsuchi.nushi_tsuchi_documents)
        for name, builder in (
            (documents.SHOKAI_HYO_NAME, documents.build_sample_shokai_hyo),
            (tennyu.KAKUNIN_NAME, tennyu.build_sample_kakunin),
            (tenshutsu.SHOMEISHO, tenshutsu.build_sample_tenshutsu_shomeisho),
            (takka.FORM_NAME, takka.build_sample),
            (juri_tsuchi.FORM_NAME, juri_tsuchi.build_sample),
            (nushi_tsuchi.FORM_NAME, nushi_tsuchi.build_sample),
        ):
            counter_documents.register_sample_form(name, builder)
        counter_documents.register_sample_data(documents.provide_sample_data)
