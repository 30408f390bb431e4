"""Public pages and open data under /public/ (stable addresses for portals); the government report for overseers."""
from django.urls import path

from .views import batch, data, government, public, stats

app_name = "publication"

REGION = "public/<slug:government_code>/"
REGION_YEAR = REGION + "<int:year>/"
AGENCY = REGION + "<slug:agency_code>/"
REPORT = AGENCY + "<int:year>"

urlpatterns = [
    path("public/", public.index, name="index"),
    path(REGION, public.region, name="region"),
    path(REGION + "statistics/", stats.region_statistics, name="region_statistics"),
    path(REGION + "statistics/<slug:kind>.svg", stats.region_chart, name="region_chart"),
    path(REGION_YEAR, public.region_year, name="region_year"),
    path(REGION + "<int:year>.json", data.dataset_json_view, name="dataset_json"),
    path(REGION + "<int:year>.csv", data.dataset_csv_view, name="dataset_csv"),
    path(REGION + "<int:year>.xlsx", data.dataset_xlsx_view, name="dataset_xlsx"),
    path(REGION_YEAR + "export/", batch.start, name="batch_start"),
    path(REGION_YEAR + "export/<int:pk>/", batch.status_page, name="batch_status"),
    path(REGION_YEAR + "export/<int:pk>/progress/", batch.progress, name="batch_progress"),
    path(REGION_YEAR + "export/<int:pk>/download/", batch.download, name="batch_download"),
    path(AGENCY, public.agency, name="agency"),
    path(AGENCY + "statistics/<slug:kind>.svg", stats.agency_chart, name="agency_chart"),
    path(REPORT + "/", public.report, name="report"),
    path(REPORT + ".pdf", data.report_pdf, name="report_pdf"),
    path(REPORT + ".docx", data.report_docx, name="report_docx"),
    path(REPORT + ".json", data.report_json_view, name="report_json"),
    path(REPORT + ".csv", data.report_csv_view, name="report_csv"),
    path(REPORT + "/corrections/<int:number>/", public.earlier, name="earlier"),
    path("publication/government/<slug:code>/<int:year>/", government.build, name="government_report"),
]
