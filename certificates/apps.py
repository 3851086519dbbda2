from collections.abc import Sequence

from django.apps import AppConfig

from counter.registry import Category, CounterApp, SampleForm


class CertificatesConfig(CounterApp, AppConfig):
    """証明書交付: built on the register in later issues; its 窓口区分 is declared now."""

    name = "certificates"
    verbose_name = "証明書交付"

    def counter_categories(self) -> Sequence[Category]:
        return (Category("shomei", "証明", order=20),)

    def shomei_kinds(self) -> Sequence[tuple[str, str]]:
        from .printing.models import ShomeiKind

        return tuple((k.value, str(k.label)) for k in ShomeiKind)

    def sample_forms(self) -> Sequence[SampleForm]:
        from .printing.samples import SAMPLES

        return tuple(SampleForm(name, build) for name, build in SAMPLES)
