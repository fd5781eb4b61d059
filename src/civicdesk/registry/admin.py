"""Django admin for the register, for the register roles of the user's own organisations only.

Login details are never shown or edited here: they are set and revealed only through
`credentials.py`, which checks the information-unit role and logs every reveal (R4).
"""

from django.contrib import admin

from civicdesk.organisations.admin_scope import OrganisationScopedAdmin
from civicdesk.registry.models import Channel, ChannelDueItem, ChannelEvent, Goal


class ChannelEventInline(admin.TabularInline):
    model = ChannelEvent
    extra = 0
    can_delete = False
    fields = ["at", "kind", "from_status", "to_status", "actor", "consulted", "reason"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Channel)
class ChannelAdmin(OrganisationScopedAdmin):
    list_display = ["name", "platform", "status", "owning_unit", "organisation"]
    list_filter = ["platform", "status"]
    search_fields = ["name", "slug", "purpose"]
    # The lifecycle changes through services (who, when, why); not by editing the field.
    readonly_fields = ["status", "last_activity_at", "purpose_reviewed_at", "credentials_set"]
    exclude = ["credentials_ciphertext", "credentials_updated_at"]
    filter_horizontal = ["administrators", "goals"]
    inlines = [ChannelEventInline]

    @admin.display(boolean=True, description="Login details stored")
    def credentials_set(self, obj) -> bool:
        return obj.has_credentials


@admin.register(Goal)
class GoalAdmin(OrganisationScopedAdmin):
    list_display = ["code", "text", "organisation"]


@admin.register(ChannelDueItem)
class ChannelDueItemAdmin(OrganisationScopedAdmin):
    organisation_path = "channel__organisation"
    list_display = ["channel", "kind", "opened_at", "resolved_at"]
    list_filter = ["kind"]
    readonly_fields = ["channel", "kind", "detail", "opened_at"]

    def has_add_permission(self, request) -> bool:
        return False
