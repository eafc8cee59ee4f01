import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from ticms.accounts import credit_code
from ticms.accounts.models import Organisation, validate_credit_code

# The example code printed in GB 32100-2015 commentary, and one completed here for 朔州 (1406xx).
VALID = ["91350100M000100Y43", credit_code.make("91140602MA0K12345")]


@pytest.mark.parametrize("code", VALID)
def test_published_codes_are_valid(code):
    assert credit_code.validate(code) == code


def test_lower_case_and_spaces_are_normalised():
    assert credit_code.validate(" 91350100m000100y43 ") == "91350100M000100Y43"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91350100M000100Y4", "18位"),
        ("91350100M000100Y44", "校验位"),
        ("91350100M000100I43", "不能出现"),
        ("", "18位"),
    ],
)
def test_invalid_codes_say_why(code, message):
    with pytest.raises(credit_code.CreditCodeError, match=message):
        credit_code.validate(code)


def test_division_code_is_positions_3_to_8():
    assert credit_code.division_code(credit_code.make("91140623MA0K12345")) == "140623"


@given(st.text(alphabet=credit_code.ALPHABET, min_size=17, max_size=17).map(lambda s: "91140602" + s[8:]))
def test_any_completed_stem_validates_and_any_other_check_char_fails(stem):
    code = credit_code.make(stem)
    assert credit_code.validate(code) == code
    wrong = next(c for c in credit_code.ALPHABET if c != code[-1])
    with pytest.raises(credit_code.CreditCodeError):
        credit_code.validate(code[:-1] + wrong)


@pytest.mark.django_db
def test_organisation_model_validation_rejects_bad_code(county):
    org = Organisation(name="甲公司", credit_code="91350100M000100Y44", competent_unit=county)
    with pytest.raises(ValidationError) as exc:
        org.full_clean()
    assert "credit_code" in exc.value.message_dict
    with pytest.raises(ValidationError):
        validate_credit_code("x")
