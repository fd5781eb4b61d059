"""What a policy pack may say: every table and key, its type, default, meaning and rule ID.

This module is the single source of the pack format: `validate.py` checks packs against it and
`civicdesk policy docs` prints the reference in `docs/policy-packs.md` from it.
"""

from dataclasses import dataclass, field
from typing import Any

from civicdesk.organisations.roles import Role
from civicdesk.policy import types as t

REQUIRED = object()

ROLE_NAMES = tuple(Role.values)
PLATFORMS = (
    "facebook",
    "instagram",
    "x",
    "youtube",
    "linkedin",
    "mastodon",
    "bluesky",
    "tiktok",
    "blog",
    "issuu",
    "wikipedia",
    "other",
)
LANGUAGES = ("sv", "nb", "nn", "da", "nl", "en")
CATEGORIES = (
    "praise",
    "question",
    "opinion",
    "fault_report",
    "political",
    "negative",
    "offensive",
    "confidential",
    "spam",
    "other",
)
REASON_CODES = (
    "personal_id_number",
    "phone_number",
    "email_address",
    "bank_account",
    "sensitive_data",
    "profanity",
    "personal_attack",
    "hate_speech",
    "threat",
    "sexual",
    "crime_incitement",
    "commercial",
    "spam",
    "copyright",
    "confidential",
)
# Reasons whose text may not be shown to everyone: an item removed for one of these is registered
# as confidential, with the country's legal ground (I2, A4).
CONFIDENTIAL_REASON_CODES = frozenset(
    {"personal_id_number", "bank_account", "sensitive_data", "confidential"}
)
# Reasons that say the words themselves are abusive (I2; Tyresö section 3): what the abuse
# classifier learns from, as opposed to personal data or commerce.
ABUSE_REASON_CODES = frozenset(
    {"profanity", "personal_attack", "hate_speech", "threat", "sexual", "crime_incitement"}
)
MODERATION_ACTIONS = ("keep", "hold", "hide", "remove")
ROLE_REF = t.pattern(
    __import__("re").compile(r"^(" + "|".join(ROLE_NAMES) + r")(@[a-z0-9]+(-[a-z0-9]+)*)?$"),
    "role, or role@unit-slug",
    "unit_head@tyreso-kultur",
)
ROLE = t.choice(ROLE_NAMES)


@dataclass(frozen=True)
class Key:
    name: str
    type: t.ValueType
    default: Any
    help: str
    rules: str = ""

    @property
    def required(self) -> bool:
        return self.default is REQUIRED


@dataclass(frozen=True)
class Table:
    name: str
    help: str
    keys: tuple["Key | Table", ...]
    rules: str = ""
    required: bool = False
    # An array of tables ([[units]]): each element is checked against `keys`.
    array: bool = False
    max_items: int = 1000
    items: tuple = field(default=())

    def key(self, name: str) -> "Key | Table | None":
        for entry in self.keys:
            if entry.name == name:
                return entry
        return None


ORGANISATION = Table(
    "organisation",
    "Who the pack belongs to.",
    required=True,
    keys=(
        Key("slug", t.SLUG, REQUIRED, "Short name used in addresses (`/o/tyreso/channels/`)."),
        Key("name", t.string(nonempty=True), REQUIRED, "The body's official name."),
        Key(
            "kind",
            t.choice(["municipality", "school_district", "school", "other"]),
            "municipality",
            "What kind of public body it is.",
        ),
        Key("country", t.choice(["SE", "NO", "DK", "NL"]), REQUIRED, "Decides public holidays."),
        Key("timezone", t.timezone_name(), REQUIRED, "Local time for deadlines."),
        Key(
            "languages",
            t.list_of(t.choice(LANGUAGES), nonempty=True),
            REQUIRED,
            "Languages of the body, first is the default for staff pages.",
        ),
        Key(
            "website",
            t.url(),
            REQUIRED,
            "The primary website: what posts link to and the register is published beside.",
            "P1",
        ),
        Key(
            "diary_number_format",
            t.string(nonempty=True),
            "{year}/{seq}",
            "Diary numbers: `{year}`, `{yy}`, `{seq}` (required) and `{doc}` placeholders, "
            "e.g. Tyresö `KS {year}/{seq}`, Bø `{yy}/{seq}-{doc}`.",
            "A4",
        ),
        Key("source", t.string(), "", "The document the pack encodes, with its reference."),
    ),
)

REGISTER = Table(
    "register",
    "The register of official channels.",
    rules="R1–R7",
    keys=(
        Key(
            "approver_role",
            ROLE,
            "unit_head",
            "Who decides to open a channel of their unit.",
            "R2",
        ),
        Key(
            "consult_role",
            t.choice(("", *ROLE_NAMES)),
            "communications_chief",
            "Who must be consulted before a channel opens (empty: nobody).",
            "R2",
        ),
        Key(
            "teaching_approver_role",
            ROLE,
            "principal",
            "Who decides on a school's teaching channel instead of the unit head.",
            "R2",
        ),
        Key(
            "publish",
            t.boolean(),
            True,
            "Publish the register of active channels at `/o/{org}/channels/`.",
            "R3",
        ),
        Key(
            "register_in_diary",
            t.boolean(),
            True,
            "The register is itself a record and is registered in the diary.",
            "R3",
        ),
        Key(
            "credentials_roles",
            t.list_of(ROLE, nonempty=True),
            ["information_officer", "communications_chief"],
            "Roles of the information unit: the only ones who set or reveal channel logins.",
            "R4",
        ),
        Key(
            "purpose_review_months",
            t.integer(1, 120),
            12,
            "Months between reviews of each channel's purpose.",
            "R5",
        ),
        Key(
            "inactivity_days",
            t.integer(1, 3650),
            90,
            "Days without a post after which a channel is flagged: reactivate or close.",
            "R6",
        ),
        Key(
            "inactivity_days_by_platform",
            t.mapping(t.choice(PLATFORMS), t.integer(1, 3650)),
            {},
            "Per-platform inactivity limits (Tyresö: a blog at least weekly, `blog = 7`).",
            "R6",
        ),
        Key(
            "administrators_equal_rights",
            t.boolean(),
            True,
            "Administrators of one channel publish without asking each other.",
            "R7",
        ),
    ),
)

ROUTE = Table(
    "routes",
    "Who answers what: the first route whose keyword occurs in an item sends it to its unit.",
    rules="I4",
    array=True,
    keys=(
        Key("unit", t.SLUG, REQUIRED, "The unit that answers."),
        Key(
            "keywords",
            t.list_of(t.string(nonempty=True), nonempty=True),
            REQUIRED,
            "Words that send an item here (case-insensitive, any language of the body).",
        ),
        Key(
            "categories",
            t.list_of(t.choice(CATEGORIES)),
            [],
            "Only items of these categories (empty: any).",
        ),
    ),
)

INBOX = Table(
    "inbox",
    "Incoming comments, questions and messages.",
    rules="I1–I10",
    keys=(
        Key("reply_working_days", t.integer(0, 60), 1, "Working days to answer.", "I5"),
        Key("closing_time", t.TIME, "17:00", "Local time at which a working day's deadline falls."),
        Key(
            "signature",
            t.string(nonempty=True),
            "{name}, {title}, {unit}",
            "Added to every reply: `{name}`, `{title}`, `{unit}`, `{organisation}`.",
            "I5",
        ),
        Key(
            "private_messages_are_records",
            t.boolean(),
            True,
            "A private message sent in service is a record on receipt and is registered.",
            "I1",
        ),
        Key(
            "register_removed",
            t.boolean(),
            True,
            "Removed or unpublished items are kept and registered in the diary.",
            "I2",
        ),
        Key(
            "keep_public_comments_in_order",
            t.boolean(),
            True,
            "Public comments that stay are kept in chronological order without a diary entry.",
            "I3",
        ),
        Key(
            "praise_reply",
            t.string(),
            "",
            "Optional thanks for praise (empty: no reply is due).",
            "I4",
        ),
        Key(
            "holding_reply",
            t.string(),
            "Thank you for your question, we will get back to you.",
            "Reply posted when an item is forwarded to the unit that answers.",
            "I4",
        ),
        Key(
            "fault_report_reply",
            t.string(),
            "Thank you, your report has been passed on.",
            "Acknowledgement of a fault report.",
            "I4",
        ),
        Key(
            "fault_report_backend",
            t.choice(["email"]),
            "email",
            "Where fault reports go.",
            "I4",
        ),
        Key(
            "fault_report_address",
            t.string(),
            "",
            "Address of the fault-report system's mailbox (empty: the routed unit's mailbox).",
            "I4",
        ),
        Key(
            "political_reply",
            t.string(),
            "",
            "Referral for political questions (to the parties or a question panel).",
            "I6",
        ),
        Key(
            "negative_discussions",
            t.choice(["answer", "no_reply"]),
            "answer",
            "`no_reply`: negative discussions are not answered on social media, except to "
            "correct inaccuracies; take them up in person.",
            "I7",
        ),
        Key(
            "staff_do_not_argue",
            t.boolean(),
            False,
            "Teachers do not argue with pupils or parents on social media.",
            "I7",
        ),
        Key(
            "journal_case_matters",
            t.boolean(),
            True,
            "Questions that are case matters or have documentary value are journaled; social "
            "media is not used for case handling.",
            "I8",
        ),
        Key(
            "substitute_required",
            t.boolean(),
            True,
            "Every channel names a substitute who watches it when the administrator is away.",
            "I9",
        ),
        Key(
            "listening_keywords",
            t.list_of(t.string(nonempty=True)),
            [],
            "Words to watch for in mentions of the body elsewhere (listening).",
            "I10",
        ),
        Key("default_unit", t.string(), "", "Unit that answers when no route matches."),
        Key(
            "category_keywords",
            t.mapping(t.choice(CATEGORIES), t.list_of(t.string(nonempty=True))),
            {},
            "Extra words per category, added to the built-in triage rules.",
            "I4",
        ),
        Key(
            "category_model",
            t.boolean(),
            True,
            "The learned model may override the built-in rules' category (never the pack's own "
            "words); `false`: the transparent rules alone decide.",
            "I4",
        ),
        ROUTE,
    ),
)

MODERATION = Table(
    "moderation",
    "What is removed, hidden or held, and why.",
    rules="I2, P2",
    keys=(
        Key(
            "actions",
            t.mapping(t.choice(REASON_CODES), t.choice(MODERATION_ACTIONS)),
            {
                "personal_id_number": "hide",
                "phone_number": "hold",
                "email_address": "hold",
                "bank_account": "hide",
                "sensitive_data": "hold",
                "profanity": "remove",
                "personal_attack": "remove",
                "hate_speech": "remove",
                "threat": "remove",
                "sexual": "remove",
                "crime_incitement": "remove",
                "commercial": "remove",
                "spam": "remove",
                "copyright": "hold",
                "confidential": "hide",
            },
            "Action per reason code; codes not named keep the default shown.",
            "I2",
        ),
        Key(
            "allowed_link_domains",
            t.list_of(t.DOMAIN),
            [],
            "Domains links may point to without counting as commercial (the website's own "
            "domain is always allowed).",
            "I2",
        ),
        Key(
            "extra_terms",
            t.mapping(t.choice(REASON_CODES), t.list_of(t.string(nonempty=True))),
            {},
            "The body's own additions to the built-in lexicons, per reason code.",
            "I2",
        ),
    ),
)

PUBLISHING = Table(
    "publishing",
    "Checks on outgoing posts.",
    rules="P1–P9",
    keys=(
        Key(
            "link_to_website",
            t.boolean(),
            True,
            "Posts about the body's services link to the primary website, where they can be "
            "confirmed.",
            "P1",
        ),
        Key(
            "check_confidential",
            t.boolean(),
            True,
            "Outgoing posts are checked for confidential and sensitive data.",
            "P2",
        ),
        Key(
            "media_rights_required",
            t.boolean(),
            True,
            "Images and texts need the body's own rights or the author's permission.",
            "P3",
        ),
        Key(
            "consent_required",
            t.boolean(),
            True,
            "No image, film or sound of a person without their consent.",
            "P4",
        ),
        Key(
            "pupil_consent_by_parents",
            t.boolean(),
            True,
            "For pupils the parents' consent is needed.",
            "P4",
        ),
        Key(
            "remove_on_objection",
            t.boolean(),
            True,
            "On objection the material is removed at once.",
            "P4",
        ),
        Key(
            "hashtags",
            t.list_of(t.string(nonempty=True)),
            [],
            "Hashtags the body uses and suggests (Tyresö: #tyreso, #tyresokommun …).",
            "P5",
        ),
        Key(
            "required_hashtags",
            t.list_of(t.string(nonempty=True)),
            [],
            "Hashtags every post must carry.",
            "P5",
        ),
        Key(
            "max_posts_per_day",
            t.integer(0, 1000),
            0,
            "At most this many posts a day per channel, so others do not drown (0: no limit).",
            "P5",
        ),
        Key(
            "length_limits",
            t.mapping(t.choice(PLATFORMS), t.integer(1, 1_000_000)),
            {"x": 280, "bluesky": 300, "mastodon": 500, "instagram": 2200, "linkedin": 3000},
            "Maximum post length per platform.",
            "P5",
        ),
        Key(
            "corrections_marked",
            t.boolean(),
            True,
            "Do not silently edit: a correction says that and who changed it.",
            "P6",
        ),
        Key(
            "deletion_reason_required",
            t.boolean(),
            True,
            "Deleting one's own post needs a stated reason.",
            "P6",
        ),
        Key(
            "official_capacity_notice",
            t.string(),
            "",
            "Reminder shown to authors: posts from the official profile are official acts.",
            "P7",
        ),
        Key(
            "approval",
            t.choice(["never", "when_in_doubt", "always"]),
            "when_in_doubt",
            "When a post needs an approver before it goes out.",
            "P8",
        ),
        Key("approver_role", ROLE, "unit_head", "Who approves posts.", "P8"),
        Key(
            "crisis_controller_role",
            ROLE,
            "information_officer",
            "In a crisis this role controls all official communication.",
            "P9",
        ),
    ),
)

RECORDS = Table(
    "records",
    "Records, disposal and snapshots.",
    rules="A1–A4",
    keys=(
        Key(
            "public_access",
            t.boolean(),
            True,
            "Social media is handled under the public-access principle and archive rules.",
            "A1",
        ),
        Key(
            "cull_minor_after_days",
            t.integer(0, 36500),
            0,
            "Items of little importance may be culled after this many days (0: keep all).",
            "A2",
        ),
        Key(
            "snapshot_interval_months",
            t.integer(0, 120),
            6,
            "Months between snapshots of each channel (0: only on demand).",
            "A3",
        ),
        Key(
            "snapshot_on_major_change",
            t.boolean(),
            True,
            "A snapshot is also due after a large change to a channel.",
            "A3",
        ),
        Key(
            "diary_series",
            t.string(),
            "",
            "The diary series items are registered in (Tyresö: `KS`).",
            "A4",
        ),
    ),
)

ROTATING_ACCOUNT = Table(
    "rotating_account",
    "A shared account held in turn by units (Botkyrka's `@botkyrkaskola`).",
    rules="C1–C4",
    keys=(
        Key("channel", t.SLUG, REQUIRED, "The shared channel.", "C1"),
        Key("owner_role", ROLE, "rotating_account_owner", "Runs the schedule and handover.", "C1"),
        Key(
            "holders",
            t.list_of(t.SLUG, nonempty=True),
            REQUIRED,
            "Units that take turns holding the account.",
            "C1",
        ),
        Key("min_period_days", t.integer(1, 365), 7, "Shortest holding period.", "C1"),
        Key("max_period_days", t.integer(1, 365), 31, "Longest holding period.", "C1"),
        Key(
            "poster_roles",
            t.list_of(t.string(nonempty=True), nonempty=True),
            REQUIRED,
            "Who may post while a unit holds the account.",
            "C2",
        ),
        Key("min_posts_per_day", t.integer(0, 100), 2, "Posts a day the holder commits to.", "C3"),
        Key("required_hashtag", t.string(nonempty=True), REQUIRED, "Every post carries it.", "C3"),
        Key("retweets_welcome", t.boolean(), True, "Sharing relevant posts counts.", "C3"),
        Key(
            "holder_may_set_profile_picture",
            t.boolean(),
            True,
            "The holder may set its own profile picture for the period.",
            "C3",
        ),
        Key(
            "purposes",
            t.list_of(t.string(nonempty=True)),
            [],
            "What the account is for.",
            "C4",
        ),
    ),
)

GOALS = Table(
    "goals",
    "The body's communication goals, which channels serve.",
    rules="R1",
    array=True,
    max_items=100,
    keys=(
        Key("code", t.string(nonempty=True), REQUIRED, "Short code, e.g. `1`."),
        Key("text", t.string(nonempty=True), REQUIRED, "The goal in the body's words."),
    ),
)

UNITS = Table(
    "units",
    "The unit tree: the first unit without a parent is the top.",
    required=True,
    array=True,
    max_items=5000,
    keys=(
        Key("slug", t.SLUG, REQUIRED, "Unique; starts with the organisation's slug and `-`."),
        Key("name", t.string(nonempty=True), REQUIRED, "The unit's name."),
        Key(
            "kind",
            t.choice(["municipality", "board", "department", "unit", "school"]),
            "unit",
            "What kind of unit.",
        ),
        Key("parent", t.string(), "", "Slug of the unit above (empty for the top)."),
        Key("mailbox", t.string(), "", "The unit's functional mailbox (forwarded items go here)."),
    ),
)

PEOPLE = Table(
    "people",
    "Positions, named by role and title, never by a real person's name.",
    rules="§6",
    array=True,
    max_items=5000,
    keys=(
        Key("key", t.SLUG, REQUIRED, "Stable key within the pack, e.g. `comms`."),
        Key("title", t.string(nonempty=True), REQUIRED, "Title, used in reply signatures (I5)."),
        Key("unit", t.SLUG, REQUIRED, "The unit the position belongs to."),
        Key(
            "roles",
            t.list_of(ROLE_REF),
            [],
            "Roles held in the whole organisation, or `role@unit` for one unit and those below.",
        ),
        Key("email", t.string(), "", "Functional address of the position."),
    ),
)

CHANNELS = Table(
    "channels",
    "The official channels.",
    rules="R1",
    array=True,
    max_items=5000,
    keys=(
        Key("slug", t.SLUG, REQUIRED, "Unique; starts with the organisation's slug and `-`."),
        Key("name", t.string(nonempty=True), REQUIRED, "Name shown in the register."),
        Key("platform", t.choice(PLATFORMS), REQUIRED, "The platform."),
        Key("address", t.url(), REQUIRED, "Address of the channel."),
        Key("owning_unit", t.SLUG, REQUIRED, "The unit that owns it.", "R1"),
        Key("purpose", t.string(nonempty=True), REQUIRED, "Why it exists.", "R1"),
        Key("goals", t.list_of(t.string(nonempty=True)), [], "Codes of the goals it serves.", "R1"),
        Key("audience", t.string(), "", "Who it is for.", "R1"),
        Key("contact", t.string(), "", "Public contact published in the register.", "R3"),
        Key(
            "administrators",
            t.list_of(t.SLUG),
            [],
            "Keys of the people who administer it.",
            "R1, R7",
        ),
        Key("substitute", t.string(), "", "Key of the person who stands in.", "I9"),
        Key(
            "teaching",
            t.boolean(),
            False,
            "A school's teaching channel: the principal decides (R2).",
            "R2",
        ),
        Key(
            "status",
            t.choice(["proposed", "approved", "active", "dormant", "closed"]),
            "active",
            "Status when first loaded; later changes are made in Civicdesk.",
        ),
        Key(
            "inactivity_days",
            t.integer(0, 3650),
            0,
            "Overrides the register's limit for this channel (0: use the register's).",
            "R6",
        ),
        Key("hashtags", t.list_of(t.string(nonempty=True)), [], "Hashtags of this channel.", "P5"),
    ),
)

PACK = Table(
    "",
    "A policy pack.",
    required=True,
    keys=(
        Key("schema", t.integer(1, 1), 1, "Version of the pack format."),
        ORGANISATION,
        REGISTER,
        INBOX,
        MODERATION,
        PUBLISHING,
        RECORDS,
        ROTATING_ACCOUNT,
        GOALS,
        UNITS,
        PEOPLE,
        CHANNELS,
    ),
)
