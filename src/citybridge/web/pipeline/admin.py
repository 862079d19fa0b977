from django.contrib import admin

from citybridge.web.pipeline.models import Lead, LeadEvent


class LeadEventInline(admin.TabularInline):
    model = LeadEvent
    extra = 0
    can_delete = False
    readonly_fields = ("at", "who", "what", "before", "after", "note")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    list_display = ("requesting_city", "partner_city", "stage", "owner", "due_on", "training")
    list_filter = ("stage", "owner", "training")
    search_fields = ("requesting_city", "partner_city", "owner")
    # Changes go through the store so that each one is recorded in the history.
    readonly_fields = ("stage", "dropped_reason", "owner", "due_on", "created_at", "updated_at")
    inlines = [LeadEventInline]


@admin.register(LeadEvent)
class LeadEventAdmin(admin.ModelAdmin):
    list_display = ("at", "lead", "who", "what", "note")
    readonly_fields = ("lead", "at", "who", "what", "before", "after", "note")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
