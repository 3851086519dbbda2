from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from django.apps import AppConfig

from counter.registry import Category, CounterApp, SampleForm

if TYPE_CHECKING:
    from counter.procedure_kinds import ProcedureKind


class SealConfig(CounterApp, AppConfig):
    """印鑑登録: the registration (照会, 回答, 即時, 廃止, 再交付) on the procedure machine,
    and its ends by itself on the register's events (docs/adr/0029)."""

    name = "seal"
    verbose_name = "印鑑登録"

    def counter_categories(self) -> Sequence[Category]:
        return (Category("inkan", "印鑑登録", order=30),)

    def procedure_kinds(self) -> Sequence["ProcedureKind"]:
        from .kinds import kinds

        return kinds()

    def shomei_kinds(self) -> Sequence[tuple[str, str]]:
        # the 印鑑登録証明書's copies are counter.shomei's 発行記録 too (docs/adr/0030)
        return (("inkan_shomei", "印鑑登録証明書"),)

    def sample_forms(self) -> Sequence[SampleForm]:
        from .samples import samples

        return samples()

    def staff_alerts(self) -> Sequence[Callable[[], list[str]]]:
        from .alerts import tsuchi_alerts

        return (tsuchi_alerts,)

    def ready(self) -> None:
        # seal sits above juki: it registers its reactions and its kinds' examples,
        # juki never imports seal.
        from juki import reactions

        from . import demo
        from . import reactions as seal_reactions

        demo.register_examples()

        reactions.register("tenshutsu", seal_reactions.end_registration_on_tenshutsu)
        reactions.register("shibou", seal_reactions.end_registration_on_shibou)
        reactions.register("shokken_shojo", seal_reactions.end_registration_on_shokken_shojo)
        reactions.register(
            "tenshutsu_torikeshi", seal_reactions.restore_registration_on_tenshutsu_torikeshi
        )
        reactions.register("shimei_henkou", seal_reactions.end_registration_on_shimei_henkou)
