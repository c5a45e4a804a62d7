from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from resumes.urls import job_patterns, resume_patterns
from saylo import health, views

# Staff sign in through allauth's login like everyone else, so its rate limits and lockout apply:
# Django's own admin login form has none (each guess a full password hash, unlimited). A signed-in
# person who is not staff gets 403.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("readyz/worker", health.readyz_worker, name="readyz_worker"),
    path("metrics", health.metrics, name="metrics"),
    path("accounts/", include("allauth.urls")),
    path("profile/", include("accounts.urls")),
    path("resumes/", include((resume_patterns, "resumes"))),
    path("jobs/", include((job_patterns, "jobs"))),
    path("interviews/", include("interviews.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "saylo.views.page_not_found"
handler500 = "saylo.views.server_error"
