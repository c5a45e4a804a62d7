from django.contrib import admin, messages

from resumes.models import JobDescription, Resume
from resumes.services import job_update, resume_reparse_request


@admin.register(Resume)
class ResumeAdmin(admin.ModelAdmin):
    # Created by candidates through the product (validated, parsed, snapshotted), never by hand here.
    def has_add_permission(self, request):
        return False

    list_display = ["display_name", "user", "kind", "pages", "parse_status", "skills_count", "uploaded_at"]
    list_filter = ["parse_status", "kind", "uploaded_at"]
    search_fields = ["user__email", "name", "original_filename", "headline"]
    list_select_related = ["user"]
    readonly_fields = ["user", "file", "original_filename", "kind", "size", "sha256", "pages", "parse_status",
                       "parse_error", "uploaded_at", "updated_at", "text", "parsed", "corrections"]
    fields = ["user", "name", "original_filename", "kind", "size", "pages", "parse_status", "parse_error", "headline", "skills",
              "sha256", "file", "uploaded_at", "updated_at", "text", "parsed", "corrections"]
    actions = ["reparse"]
    date_hierarchy = "uploaded_at"

    @admin.action(description="Re-parse selected resumes with the current parser")
    def reparse(self, request, queryset):
        queued = resume_reparse_request(resume_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"Queued {queued} resume(s) to be read again by the task worker. Reload this list "
                                   "in a minute to see which could be read.", messages.SUCCESS)


@admin.register(JobDescription)
class JobDescriptionAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "user", "created_at"]
    list_filter = ["created_at"]
    search_fields = ["title", "company", "user__email"]
    list_select_related = ["user"]
    readonly_fields = ["user", "requirements", "created_at", "updated_at"]
    actions = ["reanalyse"]

    @admin.action(description="Analyse selected job postings again")
    def reanalyse(self, request, queryset):
        for job in queryset:
            job_update(job=job, title=job.title, company=job.company, text=job.text, url=job.url)
        self.message_user(request, f"Analysed {queryset.count()} job posting(s) again.", messages.SUCCESS)
