"""Django admin restricted to the register roles of the admin user's own organisations."""

from django.contrib import admin
from django.db import models

from civicdesk.organisations.models import Organisation, RoleAssignment
from civicdesk.organisations.roles import REGISTER_ADMIN_ROLES


def register_admin_organisations(user) -> list[int]:
    if not (user.is_active and user.is_staff):
        return []
    return list(
        RoleAssignment.objects.filter(person__user=user, role__in=REGISTER_ADMIN_ROLES)
        .values_list("organisation_id", flat=True)
        .distinct()
    )


class OrganisationScopedAdmin(admin.ModelAdmin):
    """Only staff holding a register role see rows, and only their organisations' rows.

    `organisation_path` is the lookup from the model to its organisation ("" for Organisation).
    A superuser is treated like anyone else: internal data stays within its organisation.
    """

    organisation_path = "organisation"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def _org_filter(self, request) -> dict:
        ids = register_admin_organisations(request.user)
        key = f"{self.organisation_path}__in" if self.organisation_path else "pk__in"
        return {key: ids}

    def get_queryset(self, request):
        return super().get_queryset(request).filter(**self._org_filter(request))

    def has_module_permission(self, request) -> bool:
        return bool(register_admin_organisations(request.user))

    def has_view_permission(self, request, obj=None) -> bool:
        return self._allowed(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._allowed(request, obj)

    def has_add_permission(self, request) -> bool:
        return bool(register_admin_organisations(request.user))

    def has_delete_permission(self, request, obj=None) -> bool:
        # Register entries are records: they are closed, never deleted.
        return False

    def _allowed(self, request, obj) -> bool:
        ids = register_admin_organisations(request.user)
        if not ids:
            return False
        if obj is None:
            return True
        org_id = (
            obj.pk if not self.organisation_path else _organisation_id(obj, self.organisation_path)
        )
        return org_id in ids

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        ids = register_admin_organisations(request.user)
        model = db_field.related_model
        if model is Organisation:
            field.queryset = field.queryset.filter(pk__in=ids)
        elif hasattr(model, "organisation"):
            field.queryset = field.queryset.filter(organisation_id__in=ids)
        return field

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        ids = register_admin_organisations(request.user)
        if hasattr(db_field.related_model, "organisation"):
            field.queryset = field.queryset.filter(organisation_id__in=ids)
        return field


def _organisation_id(obj, path: str) -> int | None:
    target = obj
    for part in path.split("__"):
        target = getattr(target, part, None)
        if target is None:
            return None
    return target.pk
