from collections.abc import Sequence

from django.apps import AppConfig

from counter.registry import CounterApp, SampleForm


class StatsConfig(CounterApp, AppConfig):
    """統計: the supervisor's screens (操作ログ, 日計表・月計・年計, 人口統計, 異動統計). Its
    manifest brings the sample PDFs of the 日計表 and the 異動統計 (manage.py sample_forms)."""

    name = "stats"
    verbose_name = "統計"

    def sample_forms(self) -> Sequence[SampleForm]:
        from .documents_idou import IDOU_NAME, build_sample_idou
        from .documents_nikkei import NIKKEI_NAME, build_sample_nikkei

        return (
            SampleForm(NIKKEI_NAME, build_sample_nikkei),
            SampleForm(IDOU_NAME, build_sample_idou),
        )
