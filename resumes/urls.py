from django.urls import path

from resumes import views

resume_patterns = [
    path("", views.resume_list, name="list"),
    path("upload/", views.resume_upload, name="upload"),
    path("paste/", views.resume_paste, name="paste"),
    path("<int:pk>/", views.resume_detail, name="detail"),
    path("<int:pk>/download/", views.resume_download, name="download"),
    path("<int:pk>/delete/", views.resume_delete, name="delete"),
    path("<int:pk>/headline/", views.resume_headline, name="headline"),
    path("<int:pk>/skills/add/", views.resume_skill_add, name="skill_add"),
    path("<int:pk>/skills/remove/", views.resume_skill_remove, name="skill_remove"),
]

job_patterns = [
    path("", views.job_list, name="list"),
    path("new/", views.job_create, name="create"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/edit/", views.job_edit, name="edit"),
    path("<int:pk>/delete/", views.job_delete, name="delete"),
    path("<int:pk>/match/", views.match, name="match"),
]
