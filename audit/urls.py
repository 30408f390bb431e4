from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("<slug:agency_code>/<int:year>/activity/", views.activity, name="activity"),
]
