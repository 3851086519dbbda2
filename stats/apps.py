from collections.abc import Sequence

from django.apps import AppConfig

from counter.registry import CounterApp, SampleForm


class StatsConfig(CounterApp, AppConfig):
    """統計: the supervisor's screens (操作ログ, 日計表・月計・年計). Its manifest brings the
    日計表's sample PDF (manage.py sample_forms)."""

    name = "stats"
    verbose_name = "統計"

    def sample_forms(self) -> Sequence[SampleForm]:
        from .documents_nikkei import NIKKEI_NAME, build_sample_nikkei

        return (SampleForm(NIKKEI_NAME, build_sample_nikkei),)
