"""An organisation's moderation policy (the `[moderation]` table of its pack), ready to use (I2).

Defaults come from the pack schema, so the engine and `civicdesk policy docs` never disagree.
"""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from civicdesk.core.exceptions import InvalidInput
from civicdesk.moderation.chain import ACTIONS
from civicdesk.moderation.normalise import fold
from civicdesk.policy.schema import MODERATION, REASON_CODES

DEFAULT_ACTIONS: dict[str, str] = dict(MODERATION.key("actions").default)


@dataclass(frozen=True)
class ModerationPolicy:
    actions: dict[str, str]
    allowed_link_domains: frozenset[str]
    # reason code -> one regex over folded text for the organisation's own words
    extra_terms: dict[str, re.Pattern]

    def allows_domain(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        host = host.removeprefix("www.")
        return any(host == d or host.endswith("." + d) for d in self.allowed_link_domains)


def domain_of(website: str | None) -> str | None:
    if not website:
        return None
    host = urlsplit(website if "//" in website else "//" + website).hostname or ""
    return host.removeprefix("www.") or None


def compile_policy(policy: dict | None = None, *, website: str | None = None) -> ModerationPolicy:
    """Check and compile a policy mapping; raises InvalidInput naming the bad key."""
    key = json.dumps(policy or {}, sort_keys=True, default=str)
    return _compile(key, website)


@lru_cache(maxsize=256)
def _compile(key: str, website: str | None) -> ModerationPolicy:
    policy = json.loads(key)
    if not isinstance(policy, dict):
        raise InvalidInput("policy must be a mapping", field="policy")
    actions = dict(DEFAULT_ACTIONS)
    for code, action in (policy.get("actions") or {}).items():
        if code not in REASON_CODES:
            raise InvalidInput(f"unknown reason code {code!r}", field="policy.actions")
        if action not in ACTIONS:
            raise InvalidInput(f"unknown action {action!r} for {code}", field="policy.actions")
        actions[code] = action
    domains = {str(d).lower().removeprefix("www.") for d in policy.get("allowed_link_domains", [])}
    own = domain_of(website)
    if own:
        domains.add(own)
    extra: dict[str, re.Pattern] = {}
    for code, terms in (policy.get("extra_terms") or {}).items():
        if code not in REASON_CODES:
            raise InvalidInput(f"unknown reason code {code!r}", field="policy.extra_terms")
        words = sorted({fold(str(t).lower()).strip() for t in terms} - {""}, key=len, reverse=True)
        if words:
            alternation = "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)
            extra[code] = re.compile(r"(?<!\w)(?:" + alternation + r")(?!\w)")
    return ModerationPolicy(actions, frozenset(domains), extra)
