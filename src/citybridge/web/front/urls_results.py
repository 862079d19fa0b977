"""Results pages: the dashboard, the submissions table and its exports, the reports and booklet."""

from django.urls import path

from citybridge.web.front import dashboard, reports, submissions

urlpatterns = [
    path("t/<slug:training_slug>/dashboard/", dashboard.dashboard, name="dashboard"),
    path("t/<slug:training_slug>/dashboard/chart.svg", dashboard.dashboard_chart, name="dashboard_chart"),
    path("surveys/<slug:survey_slug>/submissions/", submissions.submissions, name="submissions"),
    path(
        "surveys/<slug:survey_slug>/submissions/export",
        submissions.submissions_export,
        name="submissions_export",
    ),
    path("t/<slug:training_slug>/reports/", reports.reports, name="reports"),
]
