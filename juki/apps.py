from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from django.apps import AppConfig

from counter.registry import (
    Category,
    CounterApp,
    Destination,
    DocumentProvider,
    SampleForm,
    SubjectMarks,
    UserSetting,
)

if TYPE_CHECKING:
    from counter.guards import Guard
    from counter.inbox import MessageType as InboxMessageType
    from counter.messages import MessageType
    from counter.procedure_kinds import ProcedureKind


class JukiConfig(CounterApp, AppConfig):
    """住民基本台帳: the register and the only workflow that writes it (異動届).

    Its manifest (counter.registry reads it; counter never imports juki): the 住民異動
    窓口区分, the 異動 kinds, the documents every 異動 shares, the systems it notifies,
    the 転出証明書情報 it receives (sent, or answering its request), the 転入通知, the
    振り仮名の通知 and its sample forms.
    """

    name = "juki"
    verbose_name = "住民基本台帳"

    def ready(self) -> None:
        # the 支援措置責任者 role holds a permission juki defines: set the roles again once
        # juki's permissions exist
        from counter.roles import connect_role_setup

        connect_role_setup(self)

    def counter_categories(self) -> Sequence[Category]:
        from .manifest import CATEGORIES

        return CATEGORIES

    def outbox_destinations(self) -> Sequence[Destination]:
        from .manifest import DESTINATIONS

        return DESTINATIONS

    def procedure_kinds(self) -> Sequence["ProcedureKind"]:
        from .ido import kinds

        return kinds()

    def document_providers(self) -> Sequence[DocumentProvider]:
        from . import code_tsuchi, juri_tsuchi, nushi_irai, nushi_tsuchi, shokken_kirokusho, takka

        return (
            DocumentProvider(takka.takka_documents, app=self.label),
            DocumentProvider(code_tsuchi.code_tsuchi_documents, app=self.label),
            DocumentProvider(juri_tsuchi.juri_tsuchi_documents, app=self.label),
            DocumentProvider(nushi_tsuchi.nushi_tsuchi_documents, app=self.label),
            DocumentProvider(shokken_kirokusho.kirokusho_documents, app=self.label),
            DocumentProvider(nushi_irai.nushi_irai_documents, app=self.label),
        )

    def outbox_message_types(self) -> Sequence["MessageType"]:
        from .ido.kernel.message_types import MESSAGE_TYPES

        return MESSAGE_TYPES

    def inbox_message_types(self) -> Sequence["InboxMessageType"]:
        from counter.inbox import MessageType

        from . import code_pool
        from .ido.kernel import (
            furigana_tsuchi,
            tenshutsu_joho,
            tenshutsu_joho_irai,
            tenshutsu_yotei,
        )

        return (
            MessageType(
                code=tenshutsu_joho.MESSAGE_TYPE, name=tenshutsu_joho.NAME, keys=tenshutsu_joho.keys
            ),
            MessageType(
                code=tenshutsu_joho_irai.KAITO_TYPE,
                name=tenshutsu_joho_irai.KAITO_NAME,
                keys=tenshutsu_joho_irai.kaito_keys,
            ),
            MessageType(
                code=furigana_tsuchi.MESSAGE_TYPE,
                name=furigana_tsuchi.NAME,
                keys=furigana_tsuchi.keys,
            ),
            MessageType(
                code=tenshutsu_yotei.TENNYU_TSUCHI,
                name=f"{tenshutsu_yotei.TENNYU_TSUCHI_NAME}（住基法第9条第1項）",
                keys=tenshutsu_yotei.tennyu_tsuchi_keys,
            ),
            MessageType(
                code=code_pool.MESSAGE_TYPE,
                name=code_pool.NAME,
                keys=code_pool.keys,
                on_receive=code_pool.receive_codes,
            ),
        )

    def staff_alerts(self) -> Sequence[Callable[[], list[str]]]:
        from . import code_pool
        from .shien import alerts

        return (code_pool.low_pool_alerts, alerts.shien_alerts)

    def subject_marks(self) -> Sequence[SubjectMarks]:
        from .shien.marks import subject_marks

        return (subject_marks,)

    def guards(self) -> Sequence["Guard"]:
        # 支援措置 (ADR 0026): every kind of every app meets it at each act
        from .shien.guard import SHIEN_GUARD

        return (SHIEN_GUARD,)

    def sample_forms(self) -> Sequence[SampleForm]:
        from . import (
            code_tsuchi,
            documents,
            juri_tsuchi,
            nushi_irai,
            nushi_tsuchi,
            shokken_kirokusho,
            takka,
        )
        from .ido import kernel, tennyu

        return (
            SampleForm(code_tsuchi.FORM_NAME, code_tsuchi.build_sample),
            SampleForm(documents.SHOKAI_HYO_NAME, documents.build_sample_shokai_hyo),
            SampleForm(kernel.KAKUNIN_NAME, tennyu.build_sample_kakunin),
            SampleForm(kernel.SHOMEISHO, kernel.build_sample_tenshutsu_shomeisho),
            SampleForm(takka.FORM_NAME, takka.build_sample),
            SampleForm(juri_tsuchi.FORM_NAME, juri_tsuchi.build_sample),
            SampleForm(nushi_tsuchi.FORM_NAME, nushi_tsuchi.build_sample),
            SampleForm(shokken_kirokusho.FORM_NAME, shokken_kirokusho.build_sample),
            SampleForm(nushi_irai.FORM_NAME, nushi_irai.build_sample),
        )

    def user_settings(self) -> Sequence[UserSetting]:
        from .access import USER_SETTINGS

        return USER_SETTINGS

    def sample_data(self) -> Sequence[Callable[[], None]]:
        from . import documents

        return (documents.provide_sample_data,)
