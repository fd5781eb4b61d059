"""`GET /api/diary?org=`: the diary of one of the actor's organisations (internal view)."""

from ninja import Router

from civicdesk.organisations.access import access_organisation, require_role
from civicdesk.organisations.roles import INBOX_ROLES
from civicdesk.records.models import DiaryEntry

router = Router(tags=["diary"])
MAX_PAGE = 200


@router.get("", summary="Diary entries, newest first")
def list_diary(request, org: str, page: int = 1, page_size: int = 50):
    organisation = access_organisation(request.user, org)
    require_role(request.user, organisation, INBOX_ROLES, action="read the diary")
    page_size = max(1, min(page_size, MAX_PAGE))
    page = max(1, page)
    entries = DiaryEntry.objects.filter(organisation=organisation).order_by(
        "-year", "-sequence", "-document"
    )
    start = (page - 1) * page_size
    return {
        "count": entries.count(),
        "page": page,
        "results": [
            {
                "number": entry.number,
                "title": entry.title,
                "reason": entry.reason,
                "registered_at": entry.registered_at.isoformat(),
                "sender": entry.sender,
                "confidential": entry.confidential,
                "legal_ground": entry.legal_ground,
                "item": entry.item_id,
            }
            for entry in entries[start : start + page_size]
        ],
    }
