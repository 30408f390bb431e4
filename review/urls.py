from django.urls import path

from .views import actions, dashboard, pages

app_name = "review"

report = "<slug:agency_code>/<int:year>/"

urlpatterns = [
    path("", pages.queue, name="queue"),
    path("dashboard/<slug:code>/<int:year>/", dashboard.dashboard, name="dashboard"),
    path("dashboard/<slug:code>/<int:year>/remind/", dashboard.remind, name="remind"),
    path(report, pages.report_page, name="report"),
    path(report + "submit/", actions.submit, name="submit"),
    *[
        path(report + f"{action}/", actions.transition, {"action": action}, name=action)
        for action in actions.DONE if action != "publish"
    ],
    path(report + "publish/", actions.publish, name="publish"),
    path(report + "comment/", pages.comment, name="comment"),
    path(report + "history/", pages.history, name="history"),
    path(report + "compare/", pages.compare, name="compare"),
    path(report + "corrections/<int:number>/", pages.revision, name="revision"),
]
