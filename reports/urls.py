from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("signaler/", views.report, name="report"),
    path("signaler/merci/", views.done, name="done"),
]
