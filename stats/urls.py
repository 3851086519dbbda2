from django.urls import path

from . import views, views_idou, views_jinko, views_nikkei

app_name = "stats"

urlpatterns = [
    path("audit/", views.audit_log, name="audit_log"),
    path("nikkei/", views_nikkei.nikkei, name="nikkei"),
    path("nikkei/close/", views_nikkei.nikkei_close, name="nikkei_close"),
    path("nikkei/adjust/", views_nikkei.nikkei_adjust, name="nikkei_adjust"),
    path("gekkei/", views_nikkei.gekkei, name="gekkei"),
    path("nenkei/", views_nikkei.nenkei, name="nenkei"),
    path("jinko/", views_jinko.jinko_view, name="jinko"),
    path("idou/", views_idou.idou, name="idou"),
    path("idou/nen/", views_idou.idou_nen, name="idou_nen"),
]
