from django.contrib import admin

from citybridge.web.places.models import UserPlace


@admin.register(UserPlace)
class UserPlaceAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "country", "region", "population", "latitude", "longitude")
    list_filter = ("country",)
    search_fields = ("name", "slug", "region")
    readonly_fields = ("created_at",)
