"""The one entry point: `moderate(text, ...)` -> a verdict in the contract's shape (I2, P2).

Used by the inbox, the outgoing-post checks, `civicdesk moderate` and `POST /api/moderate`.
Nothing here touches the database.
"""

from civicdesk.core.exceptions import InvalidInput
from civicdesk.moderation.abuse import ABUSE_RULES
from civicdesk.moderation.chain import Reason, decide, merge_overlapping
from civicdesk.moderation.commercial import LinkRule, PromotionRule
from civicdesk.moderation.context import Context
from civicdesk.moderation.personal_data import PERSONAL_DATA_RULES, drop_phones_inside_numbers
from civicdesk.moderation.policy import ModerationPolicy, compile_policy
from civicdesk.moderation.repeats import RepeatRule, RepeatTracker
from civicdesk.moderation.sensitive import SensitiveDataRule

MAX_TEXT_LENGTH = 20_000


class OrganisationTermsRule:
    """The organisation's own words (`extra_terms` in its pack), per reason code. See `Rule`."""

    name = "organisation-terms"
    description = "Words the organisation added to the lexicons in its policy pack (I2)."

    def check(self, text: str, context: Context) -> list[Reason]:
        reasons = []
        for code, regex in context.policy.extra_terms.items():
            for match in regex.finditer(context.folded):
                start, end = context.normalised.original_span(*match.span())
                detail = f"term '{text[start:end]}' listed by the organisation"
                reasons.append(Reason(code, start, end, 0.9, detail))
        return reasons


# The chain, in the order a moderator reads the reasons; every rule runs on every text.
DEFAULT_CHAIN = (
    *PERSONAL_DATA_RULES,
    SensitiveDataRule(),
    *ABUSE_RULES,
    LinkRule(),
    PromotionRule(),
    RepeatRule(),
    OrganisationTermsRule(),
)


def moderate(
    text: str,
    *,
    language: str | None = None,
    policy: dict | ModerationPolicy | None = None,
    region: str | None = None,
    website: str | None = None,
    channel: str = "",
    repeats: RepeatTracker | None = None,
    rules=DEFAULT_CHAIN,
) -> dict:
    """Moderate one text: `{"action", "reasons": [...]}`; the caller adds `"id"`.

    `policy` is an organisation's `[moderation]` table (`actions`, `allowed_link_domains`,
    `extra_terms`) or a compiled `ModerationPolicy`; `region` its country code (phone numbers,
    ambiguous ID formats); `website` its own domain, always allowed in links.
    """
    if not isinstance(text, str):
        raise InvalidInput("text must be a string", field="text")
    if len(text) > MAX_TEXT_LENGTH:
        raise InvalidInput(
            f"text is {len(text)} characters; at most {MAX_TEXT_LENGTH} are moderated",
            field="text",
        )
    if not isinstance(policy, ModerationPolicy):
        policy = compile_policy(policy, website=website)
    context = Context(
        text,
        policy,
        language=language,
        region=(region or "").upper() or None,
        channel=channel,
        repeats=repeats,
    )
    found: list[Reason] = []
    for rule in rules:
        found.extend(rule.check(text, context))
    if not found:
        return {"action": "keep", "reasons": []}
    reasons = drop_phones_inside_numbers(merge_overlapping(found))
    action = decide(reasons, policy.actions)
    return {"action": action, "reasons": [reason.as_dict() for reason in reasons]}
