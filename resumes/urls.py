from django.urls import path

from resumes import correction_views, views

resume_patterns = [
    path("", views.resume_list, name="list"),
    path("upload/", views.resume_upload, name="upload"),
    path("paste/", views.resume_paste, name="paste"),
    path("<int:pk>/", correction_views.resume_detail, name="detail"),
    path("<int:pk>/download/", views.resume_download, name="download"),
    path("<int:pk>/delete/", views.resume_delete, name="delete"),
    path("<int:pk>/headline/", views.resume_headline, name="headline"),
    path("<int:pk>/skills/add/", views.resume_skill_add, name="skill_add"),
    path("<int:pk>/skills/remove/", views.resume_skill_remove, name="skill_remove"),
    path("<int:pk>/name/", correction_views.resume_rename, name="rename"),
    path("<int:pk>/contact/", correction_views.resume_contact, name="contact"),
    # Which role or degree is posted as `index` (its place in the list): the URL names only the resume.
    path("<int:pk>/roles/", correction_views.resume_role_save, name="role_save"),
    path("<int:pk>/roles/remove/", correction_views.resume_role_remove, name="role_remove"),
    path("<int:pk>/degrees/", correction_views.resume_degree_save, name="degree_save"),
    path("<int:pk>/degrees/remove/", correction_views.resume_degree_remove, name="degree_remove"),
]

job_patterns = [
    path("", views.job_list, name="list"),
    path("new/", views.job_create, name="create"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/edit/", views.job_edit, name="edit"),
    path("<int:pk>/delete/", views.job_delete, name="delete"),
    path("<int:pk>/match/", views.match, name="match"),
]
