from django.urls import path

from . import views

app_name = "counter"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("", views.home, name="home"),
    path("settings/display/", views.display_settings, name="display_settings"),
]

# 連携メッセージ（送信待ち・失敗）: counter/outbox_views.py
from . import outbox_views  # noqa: E402

urlpatterns += [
    path("outbox/", outbox_views.outbox_list, name="outbox"),
    path("outbox/retry/", outbox_views.outbox_retry, name="outbox_retry"),
]

# 窓口・バックヤード・呼出の画面: counter/views_window.py, views_backyard.py, views_board.py
from . import views_backyard, views_board, views_window  # noqa: E402

urlpatterns += [
    # 窓口（受注者・職員）
    path("receptions/", views_window.reception_list, name="reception_list"),
    path("receptions/new/", views_window.reception_new, name="reception_new"),
    path("receptions/<int:reception_pk>/", views_window.reception_ticket, name="reception_ticket"),
    path(
        "receptions/<int:reception_pk>/uketsuke.pdf",
        views_window.reception_slip_pdf,
        name="reception_slip_pdf",
    ),
    path("receptions/<int:reception_pk>/handover/", views_window.handover, name="handover"),
    path(
        "procedures/<int:procedure_pk>/entry/",
        views_window.procedure_entry,
        name="procedure_entry",
    ),
    path(
        "procedures/<int:procedure_pk>/confirmation.pdf",
        views_window.procedure_confirmation_pdf,
        name="procedure_confirmation_pdf",
    ),
    path(
        "procedures/<int:procedure_pk>/check/",
        views_window.procedure_check,
        name="procedure_check",
    ),
    path(
        "procedures/<int:procedure_pk>/documents/<slug:slug>.pdf",
        views_window.procedure_document_pdf,
        name="procedure_document_pdf",
    ),
    path("calls/", views_window.call_list, name="call_list"),
    path("calls/<int:reception_pk>/call/", views_window.call_post, name="call_post"),
    # バックヤード（職員・監督者）
    path("review/", views_backyard.review_queue, name="review_queue"),
    path("review/<int:procedure_pk>/", views_backyard.review_detail, name="review_detail"),
    path(
        "review/<int:procedure_pk>/approve/",
        views_backyard.review_approve,
        name="review_approve",
    ),
    path("review/<int:procedure_pk>/return/", views_backyard.review_return, name="review_return"),
    path("notices/today/", views_backyard.notices_today, name="notices_today"),
    # 待合の呼出表示（公開・個人情報なし）
    path("board/", views_board.board, name="board"),
    path("board/fragment/", views_board.board_fragment, name="board_fragment"),
]

# 取下げ・完了・長期未処理: counter/views_procedure.py
from . import views_procedure  # noqa: E402

urlpatterns += [
    path(
        "procedures/<int:procedure_pk>/withdraw/",
        views_procedure.procedure_withdraw,
        name="procedure_withdraw",
    ),
    path("procedures/completion/", views_procedure.completion, name="completion"),
    path(
        "procedures/completion/complete/",
        views_procedure.completion_post,
        name="completion_post",
    ),
    path("procedures/overdue/", views_procedure.overdue, name="overdue"),
]

# ログインのロック（監督者が見て、管理者が理由をつけて解除）: counter/views_lockout.py
from . import views_lockout  # noqa: E402

urlpatterns += [
    path("lockouts/", views_lockout.lockouts, name="lockouts"),
    path("lockouts/unlock/", views_lockout.unlock, name="unlock"),
]

# 手数料・レジ: counter/views_fees.py (docs/adr/0024)
from . import views_fees  # noqa: E402

urlpatterns += [
    path(
        "receptions/<int:reception_pk>/receipt.pdf",
        views_fees.receipt_pdf,
        name="receipt_pdf",
    ),
    path("receptions/<int:reception_pk>/refund/", views_fees.refund, name="fee_refund"),
    path(
        "payments/<int:payment_pk>/receipt.pdf", views_fees.payment_receipt, name="payment_receipt"
    ),
    path("payments/<int:payment_pk>/refund/", views_fees.payment_refund, name="payment_refund"),
    path("fees/", views_fees.fee_day, name="fee_day"),
    path("fees/master/", views_fees.tesuryo_master, name="tesuryo_master"),
]
