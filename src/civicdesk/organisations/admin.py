from django.contrib import admin

from civicdesk.organisations.admin_scope import OrganisationScopedAdmin
from civicdesk.organisations.models import Organisation, Person, RoleAssignment, Unit


@admin.register(Organisation)
class OrganisationAdmin(OrganisationScopedAdmin):
    organisation_path = ""
    list_display = ["name", "slug", "country", "timezone"]
    readonly_fields = ["slug", "policy", "policy_source", "policy_digest"]
    exclude = []

    def has_add_permission(self, request) -> bool:
        # Organisations come from policy packs (`civicdesk policy load`), not from forms.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Unit)
class UnitAdmin(OrganisationScopedAdmin):
    list_display = ["name", "slug", "kind", "parent", "organisation"]
    list_filter = ["kind"]


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    fields = ["role", "unit"]


@admin.register(Person)
class PersonAdmin(OrganisationScopedAdmin):
    list_display = ["__str__", "title", "unit", "organisation"]
    inlines = [RoleInline]
