from django.urls import path

from . import views

app_name = "quality"

REGION = "<slug:code>/<int:year>/"
RUN = REGION + "files/<int:pk>/"

urlpatterns = [
    path(REGION, views.audit, name="audit"),
    path(REGION + "audit.xlsx", views.audit_xlsx, name="audit_xlsx"),
    path(REGION + "reports/<slug:agency_code>/", views.audit_report, name="audit_report"),
    path(REGION + "files/", views.files, name="files"),
    path(RUN, views.run, name="run"),
    path(RUN + "progress/", views.run_progress, name="run_progress"),
    path(RUN + "audit.xlsx", views.run_xlsx, name="run_xlsx"),
    path(RUN + "<int:number>/", views.run_report, name="run_report"),
    path(REGION + "agencies/", views.regions, name="regions"),
    path(REGION + "agencies.xlsx", views.regions_xlsx, name="regions_xlsx"),
    path("compare/<slug:agency_code>/<int:year>/", views.agency_years, name="agency_years"),
]
