"""Personal data in free text: ID numbers, phone numbers, e-mail addresses, bank accounts (I2, P2).

A number is reported only when its check digits (and, for ID numbers, its date) are valid: a
number with a wrong check digit is not an ID. Where a format carries no check (the Danish CPR
number since 2007) or matches too many ordinary numbers (a 9-digit Dutch BSN passes the 11-check
for one random number in eleven), a context word nearby is required, or the score is lowered so
the chain only holds the item (see `chain.LOW_CONFIDENCE`).
"""

import datetime
import re

import phonenumbers
from stdnum import iban, luhn
from stdnum.dk import cpr
from stdnum.nl import bsn
from stdnum.no import fodselsnummer, kontonr

from civicdesk.moderation.chain import Reason
from civicdesk.moderation.context import Context

# Cheap gate: no run of six digits (allowing one separator between digits), no number to check.
DIGITS_GATE_RE = re.compile(r"\d(?:[ \-+.]?\d){5}")
SE_PERSONAL_RE = re.compile(r"(?<![\w+\-.])((?:19|20)?\d{6})([-+ ]?)(\d{4})(?![\w\-])")
NO_PERSONAL_RE = re.compile(r"(?<![\w+\-.])(\d{6}) ?(\d{5})(?![\w\-])")
NL_BSN_RE = re.compile(r"(?<![\w+\-.])(\d{9}|\d{4}\.\d{2}\.\d{3}|\d{3} \d{3} \d{3})(?![\w\-]|\.\d)")
DK_CPR_RE = re.compile(r"(?<![\w+\-.])(\d{6})-?(\d{4})(?![\w\-])")
IBAN_RE = re.compile(r"(?<![\w])([a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,4})?)", re.I)
NO_ACCOUNT_RE = re.compile(r"(?<![\w.])(\d{4})[. ](\d{2})[. ](\d{5})(?![\w])")
ACCOUNT_CONTEXT_RE = re.compile(
    r"(?:konto(?:nummer|nr|\.? ?nr)?|kontonummeret|bankkonto|bankgiro|plusgiro|"
    r"account(?: number| no)?|rekening(?:nummer)?|reg\.? ?nr\.?|clearing(?:nummer)?)"
    r"[\s:.#-]{0,4}(\d[\d .\-]{5,22}\d)"
)
BSN_CONTEXT_RE = re.compile(r"\b(?:bsn|burgerservice ?nummer|sofi[ -]?nummer|persoonsnummer)\b")
CPR_CONTEXT_RE = re.compile(r"\b(?:cpr|cpr-?n(?:r|ummer)|cprnr)\b")
# "personnummer" names a CPR number only in Danish text; in Swedish it names a personnummer.
CPR_DANISH_CONTEXT_RE = re.compile(r"\b(?:cpr|cpr-?n(?:r|ummer)|cprnr|personn(?:r|ummer))\b")
CONTEXT_BEFORE = 40
PHONE_GATE_RE = re.compile(r"\d(?:[ \-().]{0,2}\d){6}")
EMAIL_RE = re.compile(r"(?<![\w.+-])[\w.+-]+@([\w-]+(?:\.[\w-]+)*\.[a-z]{2,})(?![\w-])")


def _has_context(regex: re.Pattern, folded: str, start: int) -> bool:
    return bool(regex.search(folded, max(0, start - CONTEXT_BEFORE), start))


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def swedish_personal_number(digits: str, separator: str) -> str | None:
    """ "SE personnummer" / "SE samordningsnummer" if valid (Luhn and a real date), else None."""
    short = digits[-10:]
    if not luhn.is_valid(short):
        return None
    year, month, day = int(short[0:2]), int(short[2:4]), int(short[4:6])
    kind = "personnummer"
    if day > 60:  # samordningsnummer: the day of birth plus 60
        day -= 60
        kind = "samordningsnummer"
    today = datetime.date.today()  # noqa: DTZ011 - a birth date has no time zone
    if len(digits) == 12:
        full_years = [int(digits[:4])]
    else:
        # A `+` marks someone aged 100 or more; without a century, any plausible one will do.
        age = 100 if separator == "+" else 0
        full_years = [c + year for c in (1800, 1900, 2000) if today.year - (c + year) - age >= 0]
    if not any(_real_date(y, month, day) for y in full_years):
        return None
    return f"SE {kind}"


class IdNumberRule:
    """Swedish, Norwegian, Dutch and Danish national ID numbers. See `chain.Rule`."""

    name = "id-numbers"
    description = "National ID numbers with valid check digits and a real date (I2, P2)."

    def check(self, text: str, context: Context) -> list[Reason]:
        if not context.has_digits:
            return []
        folded = context.folded
        gate = DIGITS_GATE_RE.search(folded)
        if gate is None:
            return []
        # Every ID number below starts with six digits (together, or split by a dot or a space)
        # that the gate matches, so none starts before the gate's first match: scan from there.
        begin = gate.start()
        found: dict[tuple[int, int], Reason] = {}

        def add(start: int, end: int, score: float, detail: str) -> None:
            span = context.normalised.original_span(start, end)
            if span not in found or found[span].score < score:
                found[span] = Reason("personal_id_number", *span, score, detail)

        danish = context.region == "DK" or "da" in context.languages
        for match in SE_PERSONAL_RE.finditer(folded, begin):
            digits = match.group(1) + match.group(3)
            if danish and len(digits) == 10:
                continue  # DDMMYY-SSSS in Danish text is a CPR number, checked below
            kind = swedish_personal_number(digits, match.group(2))
            if kind is None:
                continue
            if (
                len(digits) == 10
                and not match.group(2)
                and digits.startswith("0")
                and _is_phone(digits, "SE")
            ):
                continue  # 0701234567: a mobile number, not someone born in 2007
            add(*match.span(), 1.0, f"{kind} with valid check digit")
        for match in NO_PERSONAL_RE.finditer(folded, begin):
            number = match.group(1) + match.group(2)
            if fodselsnummer.is_valid(number):
                kind = "D-number" if number[0] in "4567" else "fødselsnummer"
                add(*match.span(), 1.0, f"NO {kind} with valid check digits")
        for match in NL_BSN_RE.finditer(folded, begin):
            if not bsn.is_valid(match.group(1)):
                continue
            if _has_context(BSN_CONTEXT_RE, folded, match.start()):
                add(*match.span(), 1.0, "NL BSN with valid 11-check, named as such")
            elif context.region == "NL" or "nl" in context.languages:
                add(*match.span(), 0.5, "9-digit number passing the BSN 11-check (no 'BSN' nearby)")
        cpr_context = CPR_DANISH_CONTEXT_RE if danish else CPR_CONTEXT_RE
        for match in DK_CPR_RE.finditer(folded, begin):
            # The context word first: a cheap search that rules out nearly every number.
            if _has_context(cpr_context, folded, match.start()) and cpr.is_valid(
                match.group(1) + match.group(2)
            ):
                add(*match.span(), 1.0, "DK CPR number (real date, named as such)")
        return list(found.values())


def _is_phone(digits: str, region: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(digits, region))
    except phonenumbers.NumberParseException:
        return False


def _valid_iban(candidate: str) -> str | None:
    """The longest prefix of whole groups that is a valid IBAN (a word may follow it)."""
    parts = candidate.split(" ")
    while parts:
        joined = "".join(parts)
        if len(joined) >= 15 and iban.is_valid(joined.upper()):
            return " ".join(parts)
        parts.pop()
    compact = candidate.replace(" ", "")
    for length in range(len(compact), 14, -1):
        if iban.is_valid(compact[:length].upper()):
            return compact[:length] if " " not in candidate else None
    return None


class BankAccountRule:
    """IBANs (checked), Norwegian account numbers (mod 11) and numbers named as accounts."""

    name = "bank-accounts"
    description = "IBANs and bank account numbers (I2, P2)."

    def check(self, text: str, context: Context) -> list[Reason]:
        if not context.has_digits:
            return []
        folded = context.folded
        if not DIGITS_GATE_RE.search(folded):
            return []
        original_span = context.normalised.original_span
        reasons = []
        for match in IBAN_RE.finditer(folded):
            valid = _valid_iban(match.group(1))
            if valid:
                start = match.start(1)
                country = valid[:2].upper()
                reasons.append(Reason("bank_account", *original_span(start, start + len(valid)),
                                      1.0, f"{country} IBAN with valid check digits"))  # fmt: skip
        for match in NO_ACCOUNT_RE.finditer(folded):
            if kontonr.is_valid("".join(match.groups())):
                reasons.append(Reason("bank_account", *original_span(*match.span()), 1.0,
                                      "NO account number with valid check digit"))  # fmt: skip
        for match in ACCOUNT_CONTEXT_RE.finditer(folded):
            start, end = match.span(1)
            if any(r.start <= start < r.end for r in reasons):
                continue
            reasons.append(Reason("bank_account", *original_span(start, end), 0.8,
                                  "number named as a bank account"))  # fmt: skip
        return reasons


class PhoneNumberRule:
    """Phone numbers valid in the organisation's region or written internationally."""

    name = "phone-numbers"
    description = "Phone numbers, parsed with libphonenumber (I2, P2)."

    def check(self, text: str, context: Context) -> list[Reason]:
        if not context.has_digits:
            return []
        folded = context.folded
        if not PHONE_GATE_RE.search(folded):
            return []
        reasons = []
        matcher = phonenumbers.PhoneNumberMatcher(
            folded, context.phone_region, leniency=phonenumbers.Leniency.VALID
        )
        for match in matcher:
            region = phonenumbers.region_code_for_number(match.number)
            start, end = context.normalised.original_span(match.start, match.end)
            reasons.append(Reason("phone_number", start, end, 0.9, f"phone number ({region})"))
        return reasons


class EmailAddressRule:
    """E-mail addresses, except the organisation's own and allowed domains (public anyway)."""

    name = "email-addresses"
    description = "E-mail addresses of people (I2, P2)."

    def check(self, text: str, context: Context) -> list[Reason]:
        folded = context.folded
        if "@" not in folded:
            return []
        reasons = []
        for match in EMAIL_RE.finditer(folded):
            if context.policy.allows_domain(match.group(1)):
                continue
            start, end = context.normalised.original_span(*match.span())
            reasons.append(Reason("email_address", start, end, 0.9, "e-mail address"))
        return reasons


def drop_phones_inside_numbers(reasons: list[Reason]) -> list[Reason]:
    """A personnummer also parses as a phone number; the ID or account is the finding."""
    numbers = [r for r in reasons if r.code in ("personal_id_number", "bank_account")]
    return [
        r
        for r in reasons
        if r.code != "phone_number" or not any(n.start < r.end and r.start < n.end for n in numbers)
    ]


PERSONAL_DATA_RULES = (IdNumberRule(), BankAccountRule(), PhoneNumberRule(), EmailAddressRule())
