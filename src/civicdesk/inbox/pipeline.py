"""Triage: the named steps every incoming item goes through, driven by the organisation's pack.

    visibility (I1) → moderation verdict (I2) → category (I4) → route (I4–I7) → deadline (I5)
    → registration (I1, I2, I8)

Each step is a small function of the item and the pack's tables; `triage` runs them in order and
sets the item's fields, `apply_registration` creates the diary entry a record needs. The steps read
only plain data (the item, `organisation.policy`), so they cost no queries beyond a cached lookup
of the routed unit.
"""

from functools import lru_cache
from zoneinfo import ZoneInfo

from civicdesk.inbox import stages
from civicdesk.inbox.models import Item, Kind, RecordStatus, Visibility
from civicdesk.inbox.triage.categories import Classifier, classifier_for, normalise_text
from civicdesk.inbox.triage.deadlines import due_at
from civicdesk.inbox.triage.routing import Router, router_for
from civicdesk.moderation.chain import ACTION_STRENGTH
from civicdesk.moderation.engine import MAX_TEXT_LENGTH, moderate
from civicdesk.moderation.policy import ModerationPolicy, compile_policy
from civicdesk.organisations.models import Organisation, Unit
from civicdesk.policy.schema import CONFIDENTIAL_REASON_CODES
from civicdesk.records.diary import (
    entry_year,
    format_number,
    register,
    reserve_sequences,
    save_registrations,
    series_of,
)
from civicdesk.records.models import DiaryEntry
from civicdesk.registry.models import Channel


@lru_cache(maxsize=256)
def _moderation_policy(organisation_id: int, digest: str) -> ModerationPolicy:
    """The organisation's compiled moderation policy, rebuilt when its pack changes."""
    organisation = Organisation.objects.get(pk=organisation_id)
    return compile_policy(organisation.policy.get("moderation"), website=organisation.website)


# The legal ground cited when a registered entry is masked in the public journal.
LEGAL_GROUNDS = {
    "SE": "21 kap. 7 § offentlighets- och sekretesslagen (2009:400)",
    "NO": "Offl. § 13, jf. fvl. § 13 første ledd nr. 1",
    "DK": "Offentlighedsloven § 30, nr. 1",
    "NL": "Wet open overheid, art. 5.1 lid 2 onder e",
}


def step_moderation(item: Item, organisation: Organisation, repeats=None) -> dict:
    """The moderation verdict (I2); its action is applied on the platform, the item is kept.

    Texts longer than the moderation engine takes are moderated window by window, with the
    reasons' offsets moved back into the whole text.
    """
    policy = _moderation_policy(organisation.pk, organisation.policy_digest)
    reasons: list[dict] = []
    actions = []
    text = item.text
    for start in range(0, max(len(text), 1), MAX_TEXT_LENGTH):
        verdict = moderate(
            text[start : start + MAX_TEXT_LENGTH],
            language=item.language or None,
            policy=policy,
            region=organisation.country,
            channel=item.channel.slug if item.channel_id else "",
            repeats=repeats,
        )
        actions.append(verdict["action"])
        for reason in verdict["reasons"]:
            reasons.append(
                {**reason, "start": reason["start"] + start, "end": reason["end"] + start}
            )
    action = max(actions, key=ACTION_STRENGTH.__getitem__)
    item.moderation_action = action
    item.moderation_reasons = reasons
    return {"action": action, "reasons": reasons}


def _compiled(organisation: Organisation) -> tuple[Classifier, Router]:
    """The organisation's classifier and router, kept on this instance (one ingest run).

    `classifier_for` and `router_for` cache the compiled tables by the pack's content; keeping
    the pair here saves building that cache key for every item.
    """
    cached = getattr(organisation, "_triage_tables", None)
    if cached is None or cached[0] is not organisation.policy:
        inbox = organisation.policy.get("inbox")
        cached = (
            organisation.policy,
            classifier_for(inbox, organisation.language),
            router_for(inbox),
        )
        organisation._triage_tables = cached
    return cached[1], cached[2]


def step_category(
    item: Item, organisation: Organisation, verdict: dict, lowered: str | None = None
) -> None:
    """The category (I4); `lowered` is the text through `normalise_text`, if already done."""
    classifier = _compiled(organisation)[0]
    if lowered is None:
        lowered = normalise_text(item.text or "")
    result = classifier.classify_normalised(
        lowered, language=item.language or None, moderation=verdict
    )
    item.category = result.category
    item.category_reason = result.explanation[:300]
    if not item.language and result.language:
        item.language = result.language[:5]


def _unit_id(organisation: Organisation, slug: str | None) -> int | None:
    """The unit's primary key, from a map kept on this Organisation instance (one ingest run)."""
    if not slug:
        return None
    units = getattr(organisation, "_unit_ids", None)
    if units is None:
        units = dict(Unit.objects.filter(organisation=organisation).values_list("slug", "pk"))
        organisation._unit_ids = units
    return units.get(slug)


def step_route(
    item: Item,
    channel: Channel,
    organisation: Organisation,
    verdict: dict,
    lowered: str | None = None,
) -> bool:
    """The unit that answers and the action; returns whether a reply is due (I4–I7)."""
    router = _compiled(organisation)[1]
    if lowered is None:
        decision = router.route(
            item.text, item.category, channel_unit=channel.owning_unit.slug, moderation=verdict
        )
    else:
        decision = router.route(
            lowered,
            item.category,
            channel_unit=channel.owning_unit.slug,
            moderation=verdict,
            normalised=True,
        )
    item.route_unit_id = _unit_id(organisation, decision.unit)
    item.route_action = decision.action
    return decision.reply_due


def step_deadline(item: Item, organisation: Organisation, reply_due: bool) -> None:
    """Closing time of the Nth working day after the local date of receipt (I5, contract.md)."""
    item.due_at = _deadline(organisation, item.received_at) if reply_due else None


# Deadlines remembered per Organisation instance (one ingest run); bounded, so a long import
# of a backlog spread over years stays flat.
_DEADLINE_MEMO = 4096


def _deadline(organisation: Organisation, received_at):
    """`due_at` for this organisation's pack, remembered per local date of receipt.

    Most items of a run share their receipt time (the chunk's "now") or at least its local date,
    and for N >= 1 working days the deadline depends on the local date alone (see
    `triage/deadlines.py`), so the calendar walk runs once per date instead of once per item.
    With N = 0 the time of day counts too: those deadlines are computed item by item.
    """
    inbox = organisation.policy.get("inbox", {})
    settings = (
        organisation.country,
        organisation.timezone,
        inbox.get("reply_working_days", 1),
        inbox.get("closing_time", "17:00"),
    )
    country, zone_name, working_days, closing_time = settings
    if received_at.tzinfo is None or type(working_days) is not int or working_days < 1:
        # Naive times are refused, no reply or N = 0 is not a matter of the date: as is.
        return due_at(
            received_at,
            country=country,
            timezone=zone_name,
            working_days=working_days,
            closing_time=closing_time,
        )
    memo = getattr(organisation, "_deadline_memo", None)
    if memo is None or memo[0] != settings:
        memo = organisation._deadline_memo = (settings, {})
    found = memo[1]
    day = received_at.astimezone(ZoneInfo(zone_name)).date()
    try:
        return found[day]
    except KeyError:
        if len(found) >= _DEADLINE_MEMO:
            found.clear()
        due = found[day] = due_at(
            received_at,
            country=country,
            timezone=zone_name,
            working_days=working_days,
            closing_time=closing_time,
        )
        return due


def triage(item: Item, channel: Channel, *, keep_route: bool = False, repeats=None) -> None:
    """Run every step on an unsaved or changed item; sets its triage fields.

    `repeats` is a tracker of texts already seen in the channel (see `inbox/repeats.py`).
    """
    organisation = channel.organisation
    clock = stages.current()
    verdict = step_moderation(item, organisation, repeats)
    if clock:
        clock.lap("moderation")
    # Category and route read the same normalised text: normalise it once.
    lowered = normalise_text(item.text or "")
    step_category(item, organisation, verdict, lowered)
    if clock:
        clock.lap("category")
    if not keep_route or not item.route_action:
        reply_due = step_route(item, channel, organisation, verdict, lowered)
        if clock:
            clock.lap("route")
        step_deadline(item, organisation, reply_due)
        if clock:
            clock.lap("deadline")
    elif verdict["action"] in ("hide", "remove"):
        item.route_action = "remove"
        item.due_at = None


def registration_reason(item: Item, organisation: Organisation) -> str | None:
    """Why this item must be registered in the diary, or None if keeping it in order is enough."""
    inbox = organisation.policy.get("inbox", {})
    codes = {reason["code"] for reason in item.moderation_reasons}
    if item.moderation_action in ("hide", "remove") and inbox.get("register_removed", True):
        if codes & CONFIDENTIAL_REASON_CODES:
            return DiaryEntry.Reason.CONFIDENTIAL
        return DiaryEntry.Reason.REMOVED
    if item.visibility == Visibility.PRIVATE and inbox.get("private_messages_are_records", True):
        return DiaryEntry.Reason.PRIVATE_MESSAGE
    return None


def _entry_fields(item: Item, organisation: Organisation, reason: str) -> dict:
    confidential = reason == DiaryEntry.Reason.CONFIDENTIAL or (
        reason == DiaryEntry.Reason.PRIVATE_MESSAGE
        and bool({r["code"] for r in item.moderation_reasons} & CONFIDENTIAL_REASON_CODES)
    )
    return {
        "title": _title(item),
        "reason": reason,
        "sender": (item.author_name or item.author_handle)[:300],
        "confidential": confidential,
        "legal_ground": LEGAL_GROUNDS.get(organisation.country, "") if confidential else "",
    }


def apply_registration(item: Item, *, actor=None, reason: str | None = None) -> bool:
    """Register the item in the diary if it needs it and has no number yet. True if registered."""
    if item.diary_number:
        return False
    organisation = item.channel.organisation
    reason = reason or registration_reason(item, organisation)
    if reason is None:
        return False
    entry = register(
        organisation,
        item=item,
        actor=actor,
        at=item.received_at,
        **_entry_fields(item, organisation, reason),
    )
    item.diary_number = entry.number
    item.record_status = RecordStatus.REGISTERED
    return True


def number_new_items(items: list[Item]) -> list[DiaryEntry]:
    """Give every new item that must be registered its diary number before it is inserted.

    Numbers are reserved per organisation and year in one locked step, so a chunk of thousands
    of items costs a few queries. Returns the unsaved entries; `link_entries` saves them once the
    items have primary keys.
    """
    wanted: dict[tuple[int, int], list[tuple[Item, str]]] = {}
    for item in items:
        reason = registration_reason(item, item.channel.organisation)
        if reason is not None and not item.diary_number:
            key = (item.channel.organisation_id, entry_year(item.received_at))
            wanted.setdefault(key, []).append((item, reason))
    entries = []
    for (_, year), group in wanted.items():
        organisation = group[0][0].channel.organisation
        series = series_of(organisation)
        sequences = reserve_sequences(organisation, series, year, len(group))
        for (item, reason), sequence in zip(group, sequences, strict=True):
            item.diary_number = format_number(
                organisation.diary_number_format,
                year=year,
                sequence=sequence,
                document=1,
                series=series,
            )
            item.record_status = RecordStatus.REGISTERED
            entries.append(
                DiaryEntry(
                    organisation=organisation,
                    series=series,
                    year=year,
                    sequence=sequence,
                    number=item.diary_number,
                    registered_at=item.received_at,
                    item=item,
                    **_entry_fields(item, organisation, reason),
                )
            )
    return entries


def link_entries(entries: list[DiaryEntry]) -> None:
    for entry in entries:
        entry.item_id = entry.item.pk
    save_registrations(entries)


# What `item.get_kind_display()` shows, without rebuilding Django's choice map for every entry.
_KIND_LABELS = dict(Kind.choices)


def _title(item: Item) -> str:
    kind = str(_KIND_LABELS.get(item.kind, item.kind))
    return f"{kind} via {item.channel.name}, {item.created_at:%Y-%m-%d}"
