from django.urls import path

from interviews.views import results, room, setup, video, video_callbacks

app_name = "interviews"
urlpatterns = [
    path("", setup.session_list, name="list"),
    path("new/", setup.setup, name="setup"),
    path("<int:pk>/", setup.detail, name="detail"),
    path("<int:pk>/progress/", setup.progress, name="progress"),
    path("<int:pk>/retry/", setup.retry, name="retry"),
    path("<int:pk>/questions/add/", setup.question_add, name="question_add"),
    path("<int:pk>/questions/<int:question_pk>/edit/", setup.question_edit, name="question_edit"),
    path("<int:pk>/questions/<int:question_pk>/delete/", setup.question_delete, name="question_delete"),
    path("<int:pk>/questions/<int:question_pk>/move/", setup.question_move, name="question_move"),
    path("<int:pk>/cheatsheet.pdf", setup.cheatsheet_pdf, name="cheatsheet_pdf"),
    path("<int:pk>/cheatsheet/regenerate/", setup.cheatsheet_regenerate, name="cheatsheet_regenerate"),
    path("<int:pk>/room/", room.room, name="room"),
    path("<int:pk>/turns/", room.turns, name="turns"),
    path("<int:pk>/end/", room.end, name="end"),
    path("<int:pk>/state/", room.state, name="state"),
    path("<int:pk>/video/start/", video.video_start, name="video_start"),
    path("<int:pk>/video/fallback/", video.video_fallback, name="video_fallback"),
    path("<int:pk>/video/end/", video.video_end, name="video_end"),
    path("<int:pk>/video/consent/", video.video_consent, name="video_consent"),
    path("<int:pk>/results/", results.results, name="results"),
    path("<int:pk>/report.pdf", results.report_pdf, name="report_pdf"),
    path("<int:pk>/rescore/", results.rescore, name="rescore"),
    path("<int:pk>/retake/", results.retake, name="retake"),
    path("history/", results.history, name="history"),
    path("video/tavus/<str:token>/", video_callbacks.tavus_callback, name="tavus_callback"),
]
