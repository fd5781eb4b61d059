"""Who may see and do what, scoped to organisations and units.

One instance serves many organisations. Every service function that reads internal data asks here
first, so that no view, API call or command can reach another organisation's objects: an object of
another organisation is reported as not found, not as forbidden, so its existence does not leak.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from civicdesk.core.exceptions import NotFound, PermissionDenied
from civicdesk.organisations.models import Organisation, Person, RoleAssignment, Unit

Actor = AbstractBaseUser | AnonymousUser


def is_authenticated(actor: Actor | None) -> bool:
    return bool(actor is not None and actor.is_authenticated and actor.is_active)


def organisations_of(actor: Actor | None) -> QuerySet[Organisation]:
    """The organisations whose internal data the actor may see."""
    if not is_authenticated(actor):
        return Organisation.objects.none()
    return Organisation.objects.filter(people__user=actor).distinct()


def person_in(actor: Actor | None, organisation: Organisation) -> Person | None:
    if not is_authenticated(actor):
        return None
    return Person.objects.filter(organisation=organisation, user=actor).first()


def access_organisation(actor: Actor | None, slug: str) -> Organisation:
    """The organisation named `slug`, if the actor belongs to it."""
    organisation = organisations_of(actor).filter(slug=slug).first()
    if organisation is None:
        raise NotFound(f"No organisation '{slug}'.", field="org")
    return organisation


def roles_of(actor: Actor | None, organisation: Organisation) -> QuerySet[RoleAssignment]:
    if not is_authenticated(actor):
        return RoleAssignment.objects.none()
    return RoleAssignment.objects.filter(organisation=organisation, person__user=actor)


def has_role(
    actor: Actor | None,
    organisation: Organisation,
    roles: Iterable[str],
    unit: Unit | None = None,
) -> bool:
    """True when the actor holds one of `roles` org-wide, or in `unit` or a unit above it."""
    assignments = roles_of(actor, organisation).filter(role__in=list(roles))
    if unit is None:
        return assignments.exists()
    scope_ids = [u.pk for u in unit.ancestors_and_self()]
    return (
        assignments.filter(unit__isnull=True).exists()
        or assignments.filter(unit_id__in=scope_ids).exists()
    )


def require_role(
    actor: Actor | None,
    organisation: Organisation,
    roles: Iterable[str],
    unit: Unit | None = None,
    *,
    action: str,
) -> None:
    roles = list(roles)
    if not has_role(actor, organisation, roles, unit):
        where = f" in {unit.name}" if unit else ""
        names = ", ".join(r.replace("_", " ") for r in roles)
        raise PermissionDenied(f"Only a {names}{where} may {action}.")


def require_member(actor: Actor | None, organisation: Organisation) -> Person:
    person = person_in(actor, organisation)
    if person is None:
        raise NotFound(f"No organisation '{organisation.slug}'.", field="org")
    return person
