from collections.abc import Sequence

from django.apps import AppConfig

from counter.registry import Category, CounterApp


class MynumberConfig(CounterApp, AppConfig):
    """個人番号カード: built on the register in later issues; its 窓口区分 is declared now."""

    name = "mynumber"
    verbose_name = "個人番号カード"

    def counter_categories(self) -> Sequence[Category]:
        return (Category("mynumber", "個人番号カード", order=40),)
