"""The roles people hold in a public body (requirements.md §6).

Each role has a short login suffix used by the demo (`tyreso-comms`), a description, and whether it
gives access to the inbox.
"""

from django.db import models


class Role(models.TextChoices):
    COMMUNICATIONS_CHIEF = "communications_chief", "Communications chief"
    INFORMATION_OFFICER = "information_officer", "Information officer"
    UNIT_HEAD = "unit_head", "Unit head"
    CHANNEL_ADMINISTRATOR = "channel_administrator", "Channel administrator"
    SUBSTITUTE = "substitute", "Substitute"
    CUSTOMER_SERVICE = "customer_service", "Customer service"
    CASE_OFFICER = "case_officer", "Case officer"
    REGISTRAR = "registrar", "Registrar"
    PRINCIPAL = "principal", "Principal"
    TEACHER = "teacher", "Teacher"
    ROTATING_ACCOUNT_OWNER = "rotating_account_owner", "Rotating-account owner"


DEMO_LOGIN_SUFFIX = {
    Role.COMMUNICATIONS_CHIEF: "comms",
    Role.INFORMATION_OFFICER: "info",
    Role.UNIT_HEAD: "head",
    Role.CHANNEL_ADMINISTRATOR: "admin",
    Role.SUBSTITUTE: "substitute",
    Role.CUSTOMER_SERVICE: "service",
    Role.CASE_OFFICER: "case",
    Role.REGISTRAR: "registrar",
    Role.PRINCIPAL: "principal",
    Role.TEACHER: "teacher",
    Role.ROTATING_ACCOUNT_OWNER: "rota",
}

# The information unit (Tyresö 1.3): holds channel logins (R4) and keeps the register (R1, R3).
INFORMATION_UNIT_ROLES = frozenset({Role.COMMUNICATIONS_CHIEF, Role.INFORMATION_OFFICER})

# Roles whose holders work the inbox of their organisation (I4).
INBOX_ROLES = frozenset(
    {
        Role.COMMUNICATIONS_CHIEF,
        Role.INFORMATION_OFFICER,
        Role.CHANNEL_ADMINISTRATOR,
        Role.SUBSTITUTE,
        Role.CUSTOMER_SERVICE,
        Role.CASE_OFFICER,
        Role.REGISTRAR,
        Role.ROTATING_ACCOUNT_OWNER,
        Role.PRINCIPAL,
    }
)

# Roles that may use the Django admin for the register (issue 2, item 10).
REGISTER_ADMIN_ROLES = frozenset(
    {Role.COMMUNICATIONS_CHIEF, Role.INFORMATION_OFFICER, Role.CHANNEL_ADMINISTRATOR}
)
