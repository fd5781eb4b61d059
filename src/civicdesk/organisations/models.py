"""Public bodies, their unit trees, the people who work there and the roles they hold."""

from django.conf import settings
from django.db import models

from civicdesk.organisations.roles import Role


class Country(models.TextChoices):
    SWEDEN = "SE", "Sweden"
    NORWAY = "NO", "Norway"
    DENMARK = "DK", "Denmark"
    NETHERLANDS = "NL", "Netherlands"


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", "Municipality"
    SCHOOL_DISTRICT = "school_district", "School district"
    SCHOOL = "school", "School"
    OTHER = "other", "Other public body"


class Organisation(models.Model):
    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(
        max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.MUNICIPALITY
    )
    country = models.CharField(max_length=2, choices=Country.choices)
    timezone = models.CharField(max_length=64)
    languages = models.JSONField(default=list)
    website = models.URLField(max_length=500)
    diary_number_format = models.CharField(max_length=100)
    # The whole policy pack as loaded, defaults filled in; later parts read their rules from it.
    policy = models.JSONField(default=dict)
    policy_source = models.CharField(max_length=500, blank=True)
    policy_digest = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def language(self) -> str:
        return self.languages[0] if self.languages else "en"


class UnitKind(models.TextChoices):
    MUNICIPALITY = "municipality", "Municipality"
    BOARD = "board", "Board or committee"
    DEPARTMENT = "department", "Department"
    UNIT = "unit", "Unit"
    SCHOOL = "school", "School"


class Unit(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="units")
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=UnitKind.choices, default=UnitKind.UNIT)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    mailbox = models.EmailField(blank=True)

    class Meta:
        ordering = ["organisation", "name"]

    def __str__(self) -> str:
        return self.name

    def ancestors_and_self(self) -> list["Unit"]:
        chain: list[Unit] = []
        unit: Unit | None = self
        seen: set[int] = set()
        while unit is not None and unit.pk not in seen:
            seen.add(unit.pk)
            chain.append(unit)
            unit = unit.parent
        return chain


class Person(models.Model):
    """Someone who works for an organisation, known by position; optionally a login."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    # A stable key from the policy pack ("comms"); unique within the organisation.
    key = models.SlugField(max_length=60)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    display_name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="people")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["organisation", "key"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "key"], name="person_key_per_org"),
            models.UniqueConstraint(
                fields=["organisation", "user"],
                condition=models.Q(user__isnull=False),
                name="one_person_per_user_per_org",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or self.title


class RoleAssignment(models.Model):
    """A role held in a whole organisation (unit empty) or in one unit and the units below it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(max_length=40, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="role_assignments"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="role_assignments"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role", "unit"], name="unique_role_per_person_unit"
            ),
            models.UniqueConstraint(
                fields=["person", "role"],
                condition=models.Q(unit__isnull=True),
                name="unique_org_wide_role_per_person",
            ),
        ]

    def __str__(self) -> str:
        scope = self.unit.name if self.unit_id else self.organisation.name
        return f"{self.get_role_display()} ({scope})"


class Absence(models.Model):
    """A period a person is away; their items go to the named substitute meanwhile (I9)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="absences")
    starts_on = models.DateField()
    ends_on = models.DateField()
    substitute = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="standing_in_for"
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["person", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="absence_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} away {self.starts_on}–{self.ends_on}"
