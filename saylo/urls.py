from django.contrib import admin
from django.urls import include, path

from resumes.urls import job_patterns, resume_patterns
from saylo import health, views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("accounts/", include("allauth.urls")),
    path("profile/", include("accounts.urls")),
    path("resumes/", include((resume_patterns, "resumes"))),
    path("jobs/", include((job_patterns, "jobs"))),
    path("interviews/", include("interviews.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "saylo.views.page_not_found"
handler500 = "saylo.views.server_error"
