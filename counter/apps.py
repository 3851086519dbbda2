from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.core import checks

from .registry import CounterApp, SampleForm

if TYPE_CHECKING:
    from .messages import MessageType
    from .registry import Destination


class CounterConfig(CounterApp, AppConfig):
    """窓口: staff, terminals, access policy and the 操作ログ. Knows nothing of residents.

    The registry (counter.registry) reads every app's manifest, this one's too.
    """

    name = "counter"
    verbose_name = "窓口"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (login/logout/failed-login audit)
        from .registry import check_manifests
        from .roles import connect_role_setup

        connect_role_setup(self)
        checks.register(check_manifests, "counter")

    def sample_forms(self) -> Sequence[SampleForm]:
        from .ryoshusho import RYOSHUSHO_NAME, build_sample_ryoshusho
        from .uketsuke_slip import UKETSUKE_KAKUNIN_NAME, build_sample_uketsuke_kakunin

        return (
            SampleForm(UKETSUKE_KAKUNIN_NAME, build_sample_uketsuke_kakunin),
            SampleForm(RYOSHUSHO_NAME, build_sample_ryoshusho),
        )

    def outbox_destinations(self) -> Sequence["Destination"]:
        from .audit_checkpoint import CHECKPOINT_DESTINATION

        return (CHECKPOINT_DESTINATION,)

    def outbox_message_types(self) -> Sequence["MessageType"]:
        from .audit_checkpoint import CHECKPOINT_MESSAGE

        return (CHECKPOINT_MESSAGE,)
