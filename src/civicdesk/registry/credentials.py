"""Channel login details, sealed at rest (R4).

Only the information unit (the pack's `register.credentials_roles`) may set or reveal them; every
reveal is logged as a channel event. The plaintext lives only in the return value of
`reveal_credentials`; it never reaches a page, an API response, a log line or an error message.
"""

import json
import logging

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from civicdesk.core.exceptions import InvalidInput
from civicdesk.organisations.access import Actor, require_role
from civicdesk.registry.models import Channel, ChannelEvent

logger = logging.getLogger(__name__)
MAX_SECRET_LENGTH = 1000


class CredentialsUnavailableError(Exception):
    """The stored credentials cannot be decrypted with the configured keys."""


def _fernet() -> MultiFernet:
    keys = settings.CIVICDESK_ENCRYPTION_KEYS
    try:
        return MultiFernet([Fernet(key.encode("ascii")) for key in keys])
    except (ValueError, TypeError) as error:
        raise CredentialsUnavailableError(
            "CIVICDESK_ENCRYPTION_KEY is not a valid Fernet key"
        ) from error


def _require_information_unit(actor: Actor, channel: Channel, action: str) -> None:
    roles = channel.organisation.policy.get("register", {}).get(
        "credentials_roles", ["information_officer", "communications_chief"]
    )
    require_role(actor, channel.organisation, roles, action=action)


@sensitive_variables("username", "password", "notes", "plaintext")
def set_credentials(
    actor: Actor, channel: Channel, *, username: str, password: str, notes: str = ""
) -> None:
    """Seal and store the channel's login details; only the information unit may (R4)."""
    _require_information_unit(actor, channel, "set a channel's login details")
    for name, value in (("username", username), ("password", password), ("notes", notes)):
        if not isinstance(value, str) or len(value) > MAX_SECRET_LENGTH:
            raise InvalidInput(
                f"{name} must be text of at most {MAX_SECRET_LENGTH} characters", field=name
            )
    if not username or not password:
        raise InvalidInput("both a username and a password are needed", field="password")
    plaintext = json.dumps({"username": username, "password": password, "notes": notes})
    token = _fernet().encrypt(plaintext.encode("utf-8"))
    now = timezone.now()
    with transaction.atomic():
        Channel.objects.filter(pk=channel.pk).update(
            credentials_ciphertext=token, credentials_updated_at=now
        )
        ChannelEvent.objects.create(
            channel=channel, kind=ChannelEvent.Kind.CREDENTIALS_SET, actor=actor, at=now
        )
    channel.credentials_ciphertext = token
    channel.credentials_updated_at = now
    logger.info("login details of channel %s set by user %s", channel.slug, actor.pk)


@sensitive_variables("plaintext")
def reveal_credentials(actor: Actor, channel: Channel, *, reason: str) -> dict[str, str]:
    """The channel's login details, for the information unit only; the reveal is logged (R4)."""
    _require_information_unit(actor, channel, "reveal a channel's login details")
    if not reason or not reason.strip():
        raise InvalidInput("say why the login details are needed", field="reason")
    stored = Channel.objects.values_list("credentials_ciphertext", flat=True).get(pk=channel.pk)
    if not stored:
        raise InvalidInput("this channel has no login details stored", field="channel")
    try:
        plaintext = _fernet().decrypt(bytes(stored)).decode("utf-8")
    except InvalidToken as error:
        raise CredentialsUnavailableError(
            "the login details were sealed with a key that is no longer configured"
        ) from error
    ChannelEvent.objects.create(
        channel=channel,
        kind=ChannelEvent.Kind.CREDENTIALS_REVEALED,
        actor=actor,
        reason=reason.strip()[:2000],
        at=timezone.now(),
    )
    logger.info("login details of channel %s revealed to user %s", channel.slug, actor.pk)
    return json.loads(plaintext)
