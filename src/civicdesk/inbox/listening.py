"""Listening: what others say about the body, found among the items taken in (I10).

Klim-op's school guide asks the school to follow actively what pupils and others say about it on
social media. Civicdesk reads that as a view over the inbox: mentions of the body's accounts, and
items containing a phrase of the pack's `inbox.listening_keywords`. It is worked out when asked,
so a phrase added to the pack applies to everything already kept, not only to what comes next.
"""

from django.db.models import Q, QuerySet

from civicdesk.inbox.models import Item, Kind
from civicdesk.organisations.models import Organisation
from civicdesk.records.search import search_any


def listening_keywords(organisation: Organisation) -> list[str]:
    return list(organisation.policy.get("inbox", {}).get("listening_keywords", []))


def listening(items: QuerySet[Item]) -> QuerySet[Item]:
    """Narrow `items` (already limited to what the reader may see) to what listening shows.

    Each organisation's watch list is searched in its own language and applies to its own items
    only: one body's keywords never pull in another's items.
    """
    condition = Q(kind=Kind.MENTION)
    organisation_ids = items.order_by().values("organisation_id").distinct()
    for organisation in Organisation.objects.filter(pk__in=organisation_ids).only(
        "pk", "policy", "languages"
    ):
        keywords = listening_keywords(organisation)
        if keywords:
            own = Item.objects.filter(organisation=organisation)
            hits = search_any(own, keywords, language=organisation.language)
            condition |= Q(pk__in=hits.values("pk"))
    return items.filter(condition)
