import random

import pytest

from civicdesk.moderation.engine import moderate
from civicdesk.moderation.evaluation import bsn_number, iban_number, no_number, se_number


def codes(verdict, code):
    return [r for r in verdict["reasons"] if r["code"] == code]


class TestSwedishPersonnummer:
    @pytest.mark.parametrize("number", ["811228-9874", "19811228-9874", "198112289874"])
    def test_valid_number_is_found_with_its_span(self, number):
        text = f"Mitt personnummer är {number} tack"
        verdict = moderate(text)
        [reason] = codes(verdict, "personal_id_number")
        assert text[reason["start"] : reason["end"]] == number
        assert verdict["action"] == "hide"

    def test_wrong_check_digit_is_not_an_id(self):
        assert codes(moderate("Mitt personnummer är 811228-9875"), "personal_id_number") == []

    def test_impossible_date_is_not_an_id(self):
        # Luhn-valid but 13th month.
        assert codes(moderate("nummer 811328-9873"), "personal_id_number") == []

    def test_samordningsnummer_has_day_plus_sixty(self):
        number, _ = se_number(random.Random(1), coordination=True)
        [reason] = codes(moderate(f"samordningsnummer {number}"), "personal_id_number")
        assert "samordningsnummer" in reason["detail"]

    def test_mobile_number_without_separator_is_a_phone(self):
        verdict = moderate("Ring mig på 0701234567", region="SE")
        assert codes(verdict, "personal_id_number") == []
        assert codes(verdict, "phone_number")


class TestNorwegianNumbers:
    def test_fodselsnummer_and_d_number_are_found(self):
        rng = random.Random(2)
        for d_number in (False, True):
            number = no_number(rng, d_number=d_number)
            [reason] = codes(moderate(f"fnr {number}"), "personal_id_number")
            assert ("D-number" in reason["detail"]) is d_number

    def test_second_check_digit_wrong_is_not_an_id(self):
        number = no_number(random.Random(3))
        wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
        assert codes(moderate(f"fnr {wrong}"), "personal_id_number") == []


class TestDutchBsnAndDanishCpr:
    def test_bsn_named_as_such_is_certain(self):
        number = bsn_number(random.Random(4))
        [reason] = codes(moderate(f"Mijn BSN is {number}."), "personal_id_number")
        assert reason["score"] == 1.0

    def test_bare_nine_digits_only_held_in_dutch_context(self):
        number = bsn_number(random.Random(5))
        assert codes(moderate(f"Ordernummer {number}", language="sv"), "personal_id_number") == []
        verdict = moderate(f"Ordernummer {number}", language="nl")
        [reason] = codes(verdict, "personal_id_number")
        assert reason["score"] < 0.6 and verdict["action"] == "hold"

    def test_cpr_needs_a_context_word(self):
        assert codes(moderate("Mit CPR-nummer er 211062-5629"), "personal_id_number")
        assert codes(moderate("Bestilling 211062-5629", language="da"), "personal_id_number") == []


class TestOtherPersonalData:
    def test_iban_is_found_and_a_wrong_one_is_not(self):
        number = iban_number(random.Random(6))
        text = f"Betala till {number} tack"
        [reason] = codes(moderate(text), "bank_account")
        assert text[reason["start"] : reason["end"]] == number
        wrong = number[:2] + f"{(int(number[2:4]) + 1) % 97:02d}" + number[4:]
        assert codes(moderate(f"Betala till {wrong} tack"), "bank_account") == []

    def test_email_is_found_but_not_the_organisations_own(self):
        text = "Skriv till anna.svensson@gmail.com eller info@tyreso.se"
        verdict = moderate(text, website="https://www.tyreso.se")
        [reason] = codes(verdict, "email_address")
        assert text[reason["start"] : reason["end"]] == "anna.svensson@gmail.com"

    def test_international_phone_number(self):
        [reason] = codes(moderate("Ring +46 70 123 45 67 ikväll", region="NO"), "phone_number")
        assert reason["start"] == 5


class TestSensitiveData:
    def test_health_tied_to_a_person_is_held(self):
        verdict = moderate("Min son har autism och behöver stöd", language="sv")
        assert [r["code"] for r in verdict["reasons"]] == ["sensitive_data"]
        assert verdict["action"] == "hold"

    def test_health_topic_without_a_person_is_kept(self):
        assert (
            moderate("Kommunen satsar på vård för personer med autism", language="sv")["action"]
            == "keep"
        )
