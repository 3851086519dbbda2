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
