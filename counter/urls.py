from django.urls import path

from . import views

app_name = "counter"

urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("", views.home, name="home"),
    path("settings/display/", views.display_settings, name="display_settings"),
]
