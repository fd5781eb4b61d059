"""Taking items in: one service function behind `POST /api/items` and `civicdesk import` (I1–I3).

`(channel, external_id)` is an item's identity. Sending the same item again changes nothing and
returns the same result; sending it with changed content records a new version (edits on the
platform are records too). Items are handled in chunks: each chunk's lookups and inserts are a few
queries, so memory stays flat and throughput high however many items stream in. A bad item is
reported by its position and never stops the good ones around it.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from civicdesk.core.exceptions import CivicdeskError, InvalidInput, NotFound
from civicdesk.inbox.models import Item, ItemChange, ItemVersion, Kind, RecordStatus
from civicdesk.inbox.parse import IncomingItem, parse_item
from civicdesk.inbox.pipeline import apply_registration, link_entries, number_new_items, triage
from civicdesk.inbox.repeats import repeats_for, text_fingerprint
from civicdesk.organisations.access import has_role, is_authenticated
from civicdesk.organisations.roles import INBOX_ROLES
from civicdesk.records import log
from civicdesk.registry.models import Channel, ChannelStatus

CHUNK = 500


@dataclass
class Outcome:
    index: int
    item: Item | None = None
    error: CivicdeskError | None = None
    created: bool = False
    new_version: bool = False


class _Channels:
    """Channel lookups with the actor's right to ingest into each, cached per ingest run."""

    def __init__(self, actor):
        self.actor = actor
        self.cache: dict[str, Channel | CivicdeskError] = {}

    def get(self, slug: str) -> Channel:
        if slug not in self.cache:
            self.cache[slug] = self._load(slug)
        found = self.cache[slug]
        if isinstance(found, CivicdeskError):
            raise found
        return found

    def _load(self, slug: str) -> Channel | CivicdeskError:
        channel = (
            Channel.objects.select_related("organisation", "owning_unit").filter(slug=slug).first()
        )
        if channel is None:
            return NotFound(f"No channel '{slug}'.", field="channel")
        if self.actor is not None and not (
            is_authenticated(self.actor) and has_role(self.actor, channel.organisation, INBOX_ROLES)
        ):
            # Another organisation's channel looks like no channel at all.
            return NotFound(f"No channel '{slug}'.", field="channel")
        if channel.status == ChannelStatus.CLOSED:
            return InvalidInput(f"channel '{slug}' is closed", field="channel")
        return channel


def ingest(
    raw_items: Iterable[Any],
    *,
    actor=None,
    channel: str | None = None,
    received_as_created: bool = False,
) -> Iterator[Outcome]:
    """Take in items (dicts in the contract's shape), yielding one Outcome per input, in order.

    `actor` None is the system (the import command); otherwise the actor needs an inbox role in
    the channel's organisation. `channel` forces every item into that channel.
    `received_as_created`: a backlog (an archive export, the demo) counts as received when it was
    posted, not now, so its deadlines are the ones it had.
    """
    channels = _Channels(actor)
    numbered = enumerate(raw_items)
    while chunk := list(islice(numbered, CHUNK)):
        yield from _ingest_chunk(chunk, channels, channel, received_as_created)


def _ingest_chunk(chunk, channels: _Channels, forced_channel, backlog=False) -> list[Outcome]:
    outcomes: list[Outcome] = []
    parsed: list[tuple[Outcome, IncomingItem, Channel]] = []
    for index, raw in chunk:
        outcome = Outcome(index)
        outcomes.append(outcome)
        try:
            incoming = parse_item(raw, channel=forced_channel)
            parsed.append((outcome, incoming, channels.get(incoming.channel)))
        except CivicdeskError as error:
            outcome.error = error
    if not parsed:
        return outcomes
    try:
        with transaction.atomic():
            _store(parsed, backlog)
    except IntegrityError:
        # Someone else stored one of these items a moment ago: redo one by one, so the
        # repeat is recognised as a repeat and nothing is lost.
        for entry in parsed:
            entry[0].item, entry[0].created, entry[0].new_version = None, False, False
            with transaction.atomic():
                _store([entry], backlog)
    return outcomes


def _store(parsed: list[tuple[Outcome, IncomingItem, Channel]], backlog: bool = False) -> None:
    now = timezone.now()
    keys = {(channel.pk, incoming.external_id) for _, incoming, channel in parsed}
    existing: dict[tuple[int, str], Item] = {}
    channel_ids = {k[0] for k in keys}
    external_ids = {k[1] for k in keys}
    for item in Item.objects.filter(channel_id__in=channel_ids, external_id__in=external_ids):
        existing[(item.channel_id, item.external_id)] = item

    fingerprints = {incoming.digest: text_fingerprint(incoming.text) for _, incoming, _ in parsed}
    repeats = repeats_for(
        {
            (channel.pk, channel.slug, fingerprints[incoming.digest])
            for _, incoming, channel in parsed
        },
        min(incoming.created_at for _, incoming, _ in parsed),
    )
    new_items: list[tuple[Outcome, Item, IncomingItem]] = []
    for outcome, incoming, channel in parsed:
        key = (channel.pk, incoming.external_id)
        if key in existing:
            item = existing[key]
            if item.digest != incoming.digest and item.pk is not None:
                _new_version(item, incoming, channel, now, repeats, fingerprints[incoming.digest])
                outcome.new_version = True
            outcome.item = item
            continue
        received = min(now, incoming.created_at) if backlog else now
        item = _build(incoming, channel, received, repeats, fingerprints[incoming.digest])
        existing[key] = item
        outcome.item = item
        outcome.created = True
        new_items.append((outcome, item, incoming))

    if not new_items:
        return
    entries = number_new_items([item for _, item, _ in new_items])
    created = Item.objects.bulk_create([item for _, item, _ in new_items])
    for (outcome, _, _), item in zip(new_items, created, strict=True):
        outcome.item = item
    ItemVersion.objects.bulk_create(
        ItemVersion(
            item=item,
            version=1,
            text=incoming.text,
            payload=incoming.payload,
            digest=incoming.digest,
            received_at=now,
        )
        for (_, _, incoming), item in zip(new_items, created, strict=True)
    )
    link_entries(entries)
    _note_activity(created)


def _build(incoming: IncomingItem, channel: Channel, now, repeats, text_print: str) -> Item:
    item = Item(
        organisation=channel.organisation,
        channel=channel,
        external_id=incoming.external_id,
        kind=incoming.kind,
        visibility=incoming.visibility,
        author_id=incoming.author_id,
        author_name=incoming.author_name,
        author_handle=incoming.author_handle,
        text=incoming.text,
        created_at=incoming.created_at,
        received_at=now,
        in_reply_to=incoming.in_reply_to,
        url=incoming.url,
        media=incoming.media,
        language=incoming.language,
        digest=incoming.digest,
        text_fingerprint=text_print,
        record_status=RecordStatus.KEPT,
    )
    triage(item, channel, repeats=repeats)
    return item


def _new_version(
    item: Item, incoming: IncomingItem, channel: Channel, now, repeats, text_print: str
) -> None:
    version = item.version + 1
    ItemVersion.objects.create(
        item=item,
        version=version,
        text=incoming.text,
        payload=incoming.payload,
        digest=incoming.digest,
        received_at=now,
    )
    changes = []
    for field in ("text", "author_name", "url", "media", "language"):
        old, new = getattr(item, field), getattr(incoming, field)
        if old != new:
            changes.append(
                ItemChange(
                    item=item, at=now, field=field, old=str(old)[:10_000], new=str(new)[:10_000]
                )
            )
            setattr(item, field, new)
    item.version = version
    item.digest = incoming.digest
    item.text_fingerprint = text_print
    old_action = item.moderation_action
    if any(c.field == "text" for c in changes):
        triage(item, channel, keep_route=True, repeats=repeats)
        if item.moderation_action != old_action:
            changes.append(
                ItemChange(
                    item=item,
                    at=now,
                    field="moderation_action",
                    old=old_action,
                    new=item.moderation_action,
                )
            )
    ItemChange.objects.bulk_create(changes)
    item.save()
    log.append(
        "item.version",
        f"item:{item.pk}",
        {"version": version, "digest": incoming.digest, "fields": [c.field for c in changes]},
        organisation=item.organisation_id,
        at=now,
    )
    if apply_registration(item):
        item.save(update_fields=["diary_number", "record_status"])


def _note_activity(items: list[Item]) -> None:
    """Posts by the channel itself keep its inactivity clock honest (R6)."""
    latest: dict[int, Any] = {}
    for item in items:
        if item.kind == Kind.POST:
            latest[item.channel_id] = max(
                latest.get(item.channel_id, item.created_at), item.created_at
            )
    for channel_id, at in latest.items():
        Channel.objects.filter(pk=channel_id).exclude(last_activity_at__gte=at).update(
            last_activity_at=at
        )
