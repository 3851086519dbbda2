"""異動届: the kinds of procedure that change the register, registered with counter.

Each module defines its kinds (a counter.procedure_kinds.ProcedureKind each) and
registers them at import; `register_kinds()` is called from JukiConfig.ready().
"""


def register_kinds() -> None:
    from . import (  # noqa: F401  (each module registers its kinds)
        setai_henkou,
        shibou,
        shokken_kisai,
        shokken_shojo,
        shokken_shusei,
        shussei,
        tenkyo,
        tennyu,
        tenshutsu,
        tenshutsu_saikoufu,
        tenshutsu_torikeshi,
    )
    from .kernel import tenshutsu_joho

    tenshutsu_joho.register()  # the 転出証明書情報 the inbox takes in
