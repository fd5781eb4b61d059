"""`POST /moderate` (mounted at /api/moderate): a verdict for a text, nothing stored (I2)."""

from ninja import Router, Schema

from civicdesk.core.exceptions import InvalidInput
from civicdesk.moderation.engine import MAX_TEXT_LENGTH, moderate
from civicdesk.moderation.organisation import settings_for

router = Router(tags=["moderation"])


class ModerateIn(Schema):
    text: str
    language: str | None = None
    org: str | None = None


class ReasonOut(Schema):
    code: str
    start: int
    end: int
    score: float
    detail: str


class VerdictOut(Schema):
    action: str
    reasons: list[ReasonOut]


@router.post("", response=VerdictOut)
def moderate_text(request, payload: ModerateIn):
    if len(payload.text) > MAX_TEXT_LENGTH:
        raise InvalidInput(
            f"text is {len(payload.text)} characters; at most {MAX_TEXT_LENGTH} are moderated",
            field="text",
        )
    settings = settings_for(payload.org)
    return moderate(
        payload.text,
        language=payload.language or settings.language,
        policy=settings.policy,
        region=settings.region,
    )
