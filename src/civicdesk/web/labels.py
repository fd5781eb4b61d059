"""Words for the codes the services store (categories, moderation reasons, actions, statuses).

The models' choice labels are English; the staff pages show these translated words instead.
"""

from django.utils.translation import gettext_lazy as _

CATEGORIES = {
    "praise": _("Praise"),
    "question": _("Question"),
    "opinion": _("Opinion"),
    "fault_report": _("Fault report"),
    "political": _("Political question"),
    "negative": _("Negative discussion"),
    "offensive": _("Offensive"),
    "confidential": _("Confidential data"),
    "spam": _("Spam"),
    "other": _("Other"),
}

REASONS = {
    "personal_id_number": _("Personal identity number"),
    "phone_number": _("Phone number"),
    "email_address": _("E-mail address"),
    "bank_account": _("Bank account number"),
    "sensitive_data": _("Sensitive personal data"),
    "profanity": _("Profanity or obscene words"),
    "personal_attack": _("Personal attack"),
    "hate_speech": _("Hate speech against a group"),
    "threat": _("Threat or violence"),
    "sexual": _("Sexual content"),
    "crime_incitement": _("Incitement to crime"),
    "commercial": _("Commercial message or advertising"),
    "spam": _("Spam"),
    "copyright": _("Copyright infringement"),
    "confidential": _("Confidential information"),
}

MODERATION_ACTIONS = {
    "keep": _("Keep"),
    "hold": _("Hold for a person to decide"),
    "hide": _("Hide on the platform"),
    "remove": _("Remove from the platform"),
}

ROUTE_ACTIONS = {
    "answer": _("Answer"),
    "forward": _("Forward to the unit"),
    "acknowledge": _("Acknowledge the fault report"),
    "refer": _("Refer to the political parties"),
    "no_reply": _("No reply"),
    "remove": _("Remove"),
}

STATUSES = {
    "triaged": _("New"),
    "assigned": _("Assigned"),
    "forwarded": _("Forwarded"),
    "answered": _("Answered"),
    "closed": _("Closed"),
}

RECORD_STATUSES = {
    "kept": _("Kept in order"),
    "registered": _("Registered in the diary"),
    "culled": _("Culled"),
}

KINDS = {
    "comment": _("Comment"),
    "message": _("Private message"),
    "mention": _("Mention"),
    "post": _("Post by the channel"),
    "review": _("Review"),
}

CHANNEL_STATUSES = {
    "proposed": _("Proposed"),
    "approved": _("Approved"),
    "active": _("Active"),
    "dormant": _("Dormant"),
    "closed": _("Closed"),
}

CHANNEL_EVENTS = {
    "proposed": _("Proposed"),
    "approved": _("Approved"),
    "activated": _("Activated"),
    "dormant": _("Marked dormant"),
    "reactivated": _("Reactivated"),
    "closed": _("Closed"),
    "registered": _("Registered from the policy pack"),
    "purpose_reviewed": _("Purpose reviewed"),
    "credentials_set": _("Login details set"),
    "credentials_revealed": _("Login details revealed"),
    "changed": _("Details changed"),
}

HISTORY_FIELDS = {
    "status": _("Status"),
    "assignee": _("Assignee"),
    "substitute_for": _("Substitute for"),
    "reply": _("Reply"),
    "route_unit": _("Unit"),
    "fault_report": _("Fault report sent to"),
    "diary_number": _("Diary number"),
    "moderation_action": _("Moderation"),
    "route_action": _("Route"),
    "due_at": _("Reply due"),
}

DIARY_REASONS = {
    "private_message": _("Private message received in service"),
    "removed": _("Removed or unpublished item"),
    "confidential": _("Confidential data received"),
    "case_matter": _("Case matter or documentary value"),
    "register": _("The channel register"),
    "snapshot": _("Snapshot of a channel"),
    "other": _("Registered by a person"),
}

DUE_KINDS = {
    "inactive": _("Channel inactive: reactivate or close (R6)"),
    "purpose_review": _("Yearly review of the channel's purpose (R5)"),
}

REPLY_STATES = {
    "queued": _("Queued for the platform"),
    "published": _("Published"),
}

EXPORT_STATUSES = {
    "queued": _("Queued"),
    "running": _("Being written"),
    "valid": _("Written and valid"),
    "invalid": _("Written, with problems"),
    "failed": _("Failed"),
}


def label(table: dict, code: str):
    """The word for `code`, or the code itself when the table does not know it."""
    return table.get(code, code)
