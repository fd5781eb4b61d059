"""Inbox API: `POST /api/items`, `GET /api/items`, `GET /api/items/{id}`, and work on an item."""

import json

from django.core.exceptions import RequestDataTooBig
from ninja import Router, Schema

from civicdesk.core.exceptions import InvalidInput
from civicdesk.inbox import work
from civicdesk.inbox.access import access_item, visible_items
from civicdesk.inbox.ingest import ingest
from civicdesk.inbox.listening import listening as listening_items
from civicdesk.inbox.overdue import late_items
from civicdesk.inbox.results import item_detail, triage_result
from civicdesk.organisations.models import Person, Unit

router = Router(tags=["inbox"])
MAX_BATCH = 1000
MAX_PAGE = 200

ITEM_SCHEMA = {
    "type": "object",
    "required": ["channel", "external_id", "created_at"],
    "properties": {
        "channel": {"type": "string"},
        "external_id": {"type": "string", "maxLength": 200},
        "kind": {"enum": ["comment", "message", "mention", "post", "review"]},
        "visibility": {"enum": ["public", "private"]},
        "author": {
            "type": "object",
            "properties": {
                "id": {"type": ["string", "null"]},
                "name": {"type": ["string", "null"]},
                "handle": {"type": ["string", "null"]},
            },
        },
        "text": {"type": "string", "maxLength": 100000},
        "created_at": {"type": "string", "format": "date-time"},
        "in_reply_to": {"type": ["string", "null"]},
        "url": {"type": ["string", "null"]},
        "media": {"type": "array"},
        "language": {"type": ["string", "null"]},
    },
}


def _json_body(request):
    try:
        body = request.body
    except RequestDataTooBig as error:
        raise InvalidInput("the request body is too large") from error
    try:
        return json.loads(body or b"null")
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidInput(f"the body is not valid JSON: {error}") from error


@router.post(
    "",
    summary="Ingest one item or a list of up to 1,000; returns the triage result of each",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "oneOf": [
                            ITEM_SCHEMA,
                            {"type": "array", "items": ITEM_SCHEMA, "maxItems": MAX_BATCH},
                        ]
                    }
                }
            },
        }
    },
)
def post_items(request):
    payload = _json_body(request)
    if isinstance(payload, dict):
        (outcome,) = list(ingest([payload], actor=request.user))
        if outcome.error:
            raise outcome.error
        return triage_result(outcome.item)
    if not isinstance(payload, list):
        raise InvalidInput("send an item object or a list of items")
    if len(payload) > MAX_BATCH:
        raise InvalidInput(f"at most {MAX_BATCH} items per request")
    results = []
    for outcome in ingest(payload, actor=request.user):
        if outcome.error:
            results.append({"index": outcome.index, **outcome.error.as_dict()})
        else:
            results.append(triage_result(outcome.item))
    return results


@router.get("", summary="The inbox, sorted by deadline, paginated")
def list_items(
    request,
    channel: str | None = None,
    status: str | None = None,
    category: str | None = None,
    overdue: bool | None = None,
    q: str | None = None,
    org: str | None = None,
    listening: bool = False,
    page: int = 1,
    page_size: int = 50,
):
    items = visible_items(request.user).select_related(
        "channel", "organisation", "route_unit", "assignee"
    )
    if org:
        items = items.filter(organisation__slug=org)
    if channel:
        items = items.filter(channel__slug=channel)
    if status:
        items = items.filter(status=status)
    if category:
        items = items.filter(category=category)
    if overdue is not None:
        late = late_items()
        items = items.filter(late) if overdue else items.exclude(late)
    if q:
        items = items.filter(text__icontains=q[:200])
    if listening:
        items = listening_items(items)
    page_size = max(1, min(page_size, MAX_PAGE))
    page = max(1, page)
    items = items.order_by("due_at", "created_at", "pk")
    total = items.count()
    start = (page - 1) * page_size
    results = []
    for item in items[start : start + page_size]:
        result = triage_result(item)
        result.update(
            {
                "text": item.text[:500],
                "created_at": item.created_at.isoformat(),
                "kind": item.kind,
                "visibility": item.visibility,
            }
        )
        results.append(result)
    return {"count": total, "page": page, "page_size": page_size, "results": results}


@router.get("/{item_id}", summary="One item with its triage result, history and replies")
def get_item(request, item_id: int):
    return item_detail(access_item(request.user, item_id))


class ReplyIn(Schema):
    text: str


@router.post("/{item_id}/reply", summary="Reply; the stored reply carries the signature (I5)")
def post_reply(request, item_id: int, payload: ReplyIn):
    item = access_item(request.user, item_id)
    answer = work.reply(request.user, item, payload.text)
    return {"reply": {"text": answer.full_text, "state": answer.state}, "item": triage_result(item)}


class AssignIn(Schema):
    person: str


@router.post("/{item_id}/assign", summary="Assign; an absent person's substitute gets it (I9)")
def post_assign(request, item_id: int, payload: AssignIn):
    item = access_item(request.user, item_id)
    person = Person.objects.filter(organisation=item.organisation, key=payload.person).first()
    if person is None:
        raise InvalidInput(f"no person '{payload.person}'", field="person")
    work.assign(request.user, item, person)
    return triage_result(item)


class ForwardIn(Schema):
    unit: str


@router.post("/{item_id}/forward", summary="Forward to a unit with a holding reply (I4)")
def post_forward(request, item_id: int, payload: ForwardIn):
    item = access_item(request.user, item_id)
    unit = Unit.objects.filter(organisation=item.organisation, slug=payload.unit).first()
    if unit is None:
        raise InvalidInput(f"no unit '{payload.unit}'", field="unit")
    work.forward(request.user, item, unit)
    return triage_result(item)


@router.post("/{item_id}/acknowledge", summary="Acknowledge a fault report and pass it on (I4)")
def post_acknowledge(request, item_id: int):
    item = access_item(request.user, item_id)
    work.acknowledge(request.user, item)
    return triage_result(item)


@router.post("/{item_id}/register", summary="Register the item in the diary (I8)")
def post_register(request, item_id: int):
    item = access_item(request.user, item_id)
    work.register_item(request.user, item)
    return triage_result(item)


class ModerateIn(Schema):
    action: str
    reason: str
    reason_code: str = ""


@router.post(
    "/{item_id}/moderate",
    summary="Hide, remove, hold or keep with a reason; the item is kept as a record (I2)",
)
def post_moderate(request, item_id: int, payload: ModerateIn):
    item = access_item(request.user, item_id)
    decision = work.decide_moderation(
        request.user,
        item,
        action=payload.action,
        reason=payload.reason,
        reason_code=payload.reason_code,
    )
    return {
        **triage_result(item),
        "platform": decision.platform_state,
        "overrules_machine": decision.overrules,
    }


@router.post("/{item_id}/close", summary="Close the item")
def post_close(request, item_id: int):
    item = access_item(request.user, item_id)
    work.close(request.user, item)
    return triage_result(item)
