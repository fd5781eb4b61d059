"""Forms of the staff pages. Choices come from what the user may see; services decide the rest."""

from django import forms
from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from civicdesk.inbox.listening import listening
from civicdesk.inbox.models import OPEN_STATUSES, Item
from civicdesk.inbox.overdue import late_items
from civicdesk.organisations.access import organisations_of
from civicdesk.organisations.models import Organisation, Person, Unit
from civicdesk.policy.schema import REASON_CODES
from civicdesk.registry.models import Platform
from civicdesk.registry.services import channels_for
from civicdesk.web import labels

OPEN = "open"
# What the inbox shows before the user chooses filters: the work still to do.
DEFAULT_FILTERS = {"status": OPEN}
OVERDUE_CHOICES = [("", _("Any")), ("yes", _("Overdue only")), ("no", _("Not overdue"))]
LISTENING_CHOICES = [("", _("All items")), ("yes", _("Mentions and watched words"))]


def _blank(choices) -> list:
    return [("", _("All")), *choices]


class InboxFilterForm(forms.Form):
    org = forms.ChoiceField(label=_("Organisation"), required=False)
    channel = forms.ChoiceField(label=_("Channel"), required=False)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=_blank(labels.CATEGORIES.items())
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=_blank([(OPEN, _("Open (not answered or closed)")), *labels.STATUSES.items()]),
    )
    overdue = forms.ChoiceField(label=_("Overdue"), required=False, choices=OVERDUE_CHOICES)
    listening = forms.ChoiceField(label=_("Listening"), required=False, choices=LISTENING_CHOICES)
    q = forms.CharField(label=_("Text contains"), required=False, max_length=200)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org"].choices = _blank(
            (o.slug, o.name) for o in organisations_of(user).order_by("name")
        )
        self.fields["channel"].choices = _blank(
            (c.slug, c.name) for c in channels_for(user).order_by("organisation__name", "name")
        )

    def apply(self, items: QuerySet[Item]) -> QuerySet[Item]:
        """Narrow `items` (already limited to what the user may see) by the valid filters."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("org"):
            items = items.filter(organisation__slug=data["org"])
        if data.get("channel"):
            items = items.filter(channel__slug=data["channel"])
        if data.get("category"):
            items = items.filter(category=data["category"])
        if data.get("status") == OPEN:
            items = items.filter(status__in=OPEN_STATUSES)
        elif data.get("status"):
            items = items.filter(status=data["status"])
        if data.get("overdue") == "yes":
            items = items.filter(late_items())
        elif data.get("overdue") == "no":
            items = items.exclude(late_items())
        if data.get("listening") == "yes":
            items = listening(items)
        if data.get("q"):
            items = items.filter(text__icontains=data["q"])
        return items.order_by(F("due_at").asc(nulls_last=True), "created_at", "pk")


BULK_CLOSE, BULK_ASSIGN, BULK_REGISTER = "close", "assign", "register"


def bulk_done_message(action: str, count: int) -> str:
    if action == BULK_ASSIGN:
        text = ngettext("%(count)d item assigned.", "%(count)d items assigned.", count)
    elif action == BULK_REGISTER:
        text = ngettext(
            "%(count)d item registered in the diary.",
            "%(count)d items registered in the diary.",
            count,
        )
    else:
        text = ngettext("%(count)d item closed.", "%(count)d items closed.", count)
    return text % {"count": count}


class BulkForm(forms.Form):
    """What to do with the items ticked in the inbox (issue 6: bulk actions)."""

    action = forms.ChoiceField(
        label=_("With the selected items"),
        choices=[
            (BULK_CLOSE, _("Close")),
            (BULK_ASSIGN, _("Assign to the person below")),
            (BULK_REGISTER, _("Register in the diary")),
        ],
    )
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.none(), required=False
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            Person.objects.filter(organisation__in=organisations_of(user))
            .select_related("organisation")
            .order_by("organisation__name", "display_name", "key")
        )
        self.fields["person"].label_from_instance = _person_label

    def clean(self):
        data = super().clean()
        if data.get("action") == BULK_ASSIGN and not data.get("person"):
            self.add_error("person", _("Choose the person to assign the items to."))
        return data


def _person_label(person: Person) -> str:
    name = person.display_name or person.key
    title = f", {person.title}" if person.title else ""
    return f"{name}{title} ({person.organisation.name})"


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Your reply"), widget=forms.Textarea(attrs={"rows": 5}))


class AssignForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Assign to"), queryset=Person.objects.none())

    def __init__(self, organisation: Organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(organisation=organisation)


class ForwardForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Forward to unit"), queryset=Unit.objects.none())

    def __init__(self, organisation: Organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(organisation=organisation).exclude(
            mailbox=""
        )


class ModerateForm(forms.Form):
    """Hide, remove, hold or keep an item with a reason (I2); the reason goes into the record."""

    action = forms.ChoiceField(
        label=_("Moderation"),
        choices=[
            ("hide", _("Hide on the platform")),
            ("remove", _("Remove from the platform")),
            ("hold", _("Hold for a decision")),
            ("keep", _("Keep (overrule the verdict)")),
        ],
    )
    reason_code = forms.ChoiceField(
        label=_("Reason"),
        required=False,
        choices=[("", "—")] + [(code, labels.label(labels.REASONS, code)) for code in REASON_CODES],
    )
    reason = forms.CharField(
        label=_("Why"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ChannelStepForm(forms.Form):
    """A later step in a channel's life (R6): activate, mark dormant, or close, with a reason."""

    STEPS = {
        "approved": [("activate", _("Activate"))],
        "active": [("dormant", _("Mark dormant")), ("close", _("Close"))],
        "dormant": [("activate", _("Reactivate")), ("close", _("Close"))],
    }
    step = forms.ChoiceField(label=_("Step"))
    reason = forms.CharField(
        label=_("Why"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, status: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].choices = self.STEPS.get(status, [])


class RecordsRequestForm(forms.Form):
    """What a records request covers (issue 5): channel, dates and words; all optional."""

    channel = forms.ChoiceField(label=_("Channel"), required=False)
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    query = forms.CharField(label=_("Words"), required=False, max_length=200)

    def __init__(self, organisation: Organisation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slugs = organisation.channels.order_by("name").values_list("slug", "name")
        self.fields["channel"].choices = [("", _("All channels")), *slugs]


class ExportForm(forms.Form):
    format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("noark5", "Noark 5 (Arkivverket)"),
            ("eark", "E-ARK SIP / FGS (Riksarkivet)"),
            ("mdto", "MDTO (Nationaal Archief)"),
            ("json", "JSON"),
            ("warc", "WARC (snapshots)"),
        ],
    )
    start = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ProposeChannelForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    slug = forms.SlugField(
        label=_("Short name (slug)"),
        max_length=80,
        help_text=_("Starts with the organisation's short name, e.g. tyreso-instagram."),
    )
    platform = forms.ChoiceField(label=_("Platform"), choices=Platform.choices)
    address = forms.URLField(label=_("Address"), max_length=500, assume_scheme="https")
    owning_unit = forms.ModelChoiceField(label=_("Owning unit"), queryset=Unit.objects.none())
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 4}))
    audience = forms.CharField(label=_("Audience"), required=False, max_length=300)
    contact = forms.CharField(
        label=_("Public contact"),
        required=False,
        max_length=200,
        help_text=_("A unit mailbox, never a private address."),
    )
    teaching = forms.BooleanField(
        label=_("Used in teaching (the principal decides)"), required=False
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = organisations_of(user).order_by("name")
        self.fields["organisation"].queryset = organisations
        self.fields["owning_unit"].queryset = Unit.objects.filter(
            organisation__in=organisations
        ).select_related("organisation")
        self.fields["owning_unit"].label_from_instance = lambda u: (
            f"{u.organisation.name}: {u.name}"
        )


class ApproveChannelForm(forms.Form):
    consulted = forms.ModelChoiceField(
        label=_("Communications chief consulted"),
        queryset=Person.objects.none(),
        required=False,
    )
    reason = forms.CharField(
        label=_("Decision and reason"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, organisation: Organisation, consult_role: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consulted"].queryset = Person.objects.filter(
            organisation=organisation, roles__role=consult_role
        ).distinct()
