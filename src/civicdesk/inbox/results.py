"""The triage result of contract.md, built from a stored item."""

from civicdesk.inbox.models import Item


def triage_result(item: Item) -> dict:
    return {
        "id": item.pk,
        "channel": item.channel.slug,
        "external_id": item.external_id,
        "category": item.category,
        "moderation": {"action": item.moderation_action, "reasons": item.moderation_reasons},
        "route": {
            "unit": item.route_unit.slug if item.route_unit_id else None,
            "action": item.route_action,
            "assignee": item.assignee.key if item.assignee_id else None,
        },
        "due_at": item.due_at.astimezone(_zone(item)).isoformat() if item.due_at else None,
        "record": {"diary_number": item.diary_number or None, "status": item.record_status},
        "status": item.status,
    }


def _zone(item: Item):
    from zoneinfo import ZoneInfo

    return ZoneInfo(item.organisation.timezone)


def item_detail(item: Item) -> dict:
    data = triage_result(item)
    data.update(
        {
            "kind": item.kind,
            "visibility": item.visibility,
            "author": {
                "id": item.author_id or None,
                "name": item.author_name or None,
                "handle": item.author_handle or None,
            },
            "text": item.text,
            "created_at": item.created_at.isoformat(),
            "received_at": item.received_at.isoformat(),
            "in_reply_to": item.in_reply_to or None,
            "url": item.url or None,
            "language": item.language or None,
            "version": item.version,
            "category_reason": item.category_reason,
            "overdue": item.overdue_since is not None,
            "history": [
                {
                    "at": change.at.isoformat(),
                    "actor": change.actor.get_username() if change.actor_id else None,
                    "field": change.field,
                    "old": change.old,
                    "new": change.new,
                }
                for change in item.changes.select_related("actor")
            ],
            "replies": [
                {
                    "text": reply.full_text,
                    "author": reply.author.key,
                    "state": reply.state,
                    "created_at": reply.created_at.isoformat(),
                }
                for reply in item.replies.select_related("author")
            ],
        }
    )
    return data
