"""Who sees which items (issue 3, item 5).

- Public items: staff of the owning organisation holding an inbox role.
- Private messages (I1): only the channel's administrators, its substitute and registrars.
"""

from django.db.models import Q, QuerySet

from civicdesk.core.exceptions import NotFound
from civicdesk.inbox.models import Item, Visibility
from civicdesk.organisations.access import Actor, is_authenticated
from civicdesk.organisations.models import RoleAssignment
from civicdesk.organisations.roles import INBOX_ROLES, Role


def visible_items(actor: Actor) -> QuerySet[Item]:
    if not is_authenticated(actor):
        return Item.objects.none()
    assignments = RoleAssignment.objects.filter(person__user=actor)
    inbox_orgs = assignments.filter(role__in=INBOX_ROLES).values("organisation_id")
    registrar_orgs = assignments.filter(role=Role.REGISTRAR).values("organisation_id")
    public = Q(visibility=Visibility.PUBLIC, organisation_id__in=inbox_orgs)
    private = Q(visibility=Visibility.PRIVATE) & (
        Q(organisation_id__in=registrar_orgs)
        | Q(channel__administrators__user=actor)
        | Q(channel__substitute__user=actor)
    )
    return Item.objects.filter(public | private).distinct()


def access_item(actor: Actor, item_id: int) -> Item:
    item = (
        visible_items(actor)
        .select_related("channel", "organisation", "route_unit", "assignee", "channel__owning_unit")
        .filter(pk=item_id)
        .first()
    )
    if item is None:
        raise NotFound(f"No item {item_id}.", field="id")
    return item
