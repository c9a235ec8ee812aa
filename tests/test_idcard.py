"""ID numbers (GB 11643-1999): checksum, birth date, sex, normalisation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadretrain.core.idcard import birth_date, check_char, normalize_id, sex, validate_id

TODAY = date(2013, 2, 19)


def test_check_char_of_the_standard_examples() -> None:
    assert check_char("11010519491231002") == "X"
    assert check_char("44052418800101001") == "4"


@pytest.mark.parametrize("number", ["11010519491231002X", "440524188001010014"])
def test_valid_examples(number: str) -> None:
    assert validate_id(number, TODAY) is None


def test_birth_date_and_sex() -> None:
    assert birth_date("11010519491231002X") == date(1949, 12, 31)
    assert sex("11010519491231002X") == "女"  # 17th digit 2
    assert birth_date("440524188001010014") == date(1880, 1, 1)
    assert sex("440524188001010014") == "男"  # 17th digit 1


@pytest.mark.parametrize(
    "written",
    [
        "11010519491231002x",
        "１１０１０５１９４９１２３１００２Ｘ",
        " 110105 19491231 002X ",
        "110105\u300019491231002X",
        "'11010519491231002X",
        '="11010519491231002X"',
    ],
)
def test_normalisation(written: str) -> None:
    assert normalize_id(written) == "11010519491231002X"
    assert validate_id(written, TODAY) is None
    assert sex(written) == "女"


@pytest.mark.parametrize(
    ("number", "kind", "words"),
    [
        ("110105194912310021", "checksum", "应为“X”"),
        ("11010519491231002", "length", "实际是 17 位"),
        ("110105491231002", "length", "15 位"),
        ("1101051949123100XX", "chars", "第 17 位"),
        ("11010519490230002X", "date", "19490230"),
        ("110105179912310020", "date", "1800"),
    ],
)
def test_problems(number: str, kind: str, words: str) -> None:
    problem = validate_id(number, TODAY)
    assert problem is not None
    assert problem.kind == kind
    assert words in problem.message


def test_birth_in_the_future() -> None:
    first17 = "99999920130220001"
    number = first17 + check_char(first17)
    assert validate_id(number) is None  # no today given: no bound
    problem = validate_id(number, TODAY)
    assert problem is not None and problem.kind == "future"
    assert validate_id(number, TODAY + timedelta(days=1)) is None


def test_check_char_refuses_bad_input() -> None:
    with pytest.raises(ValueError):
        check_char("1234")
    with pytest.raises(ValueError):
        check_char("１１０１０５１９４９１２３１００２")


def test_birth_date_refuses_an_impossible_date() -> None:
    with pytest.raises(ValueError):
        birth_date("11010519490230002X")


areas = st.text(alphabet="0123456789", min_size=6, max_size=6)
births = st.dates(min_value=date(1800, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)


@given(areas, births, sequences)
def test_any_number_with_its_computed_check_validates(area: str, born: date, seq: int) -> None:
    first17 = f"{area}{born:%Y%m%d}{seq:03d}"
    number = first17 + check_char(first17)
    assert validate_id(number, TODAY) is None
    assert validate_id(number.lower(), TODAY) is None
    assert birth_date(number) == born
    assert sex(number) == ("男" if seq % 2 else "女")


@given(
    areas,
    births,
    sequences,
    st.integers(min_value=0, max_value=17),
    st.sampled_from("0123456789X"),
)
def test_any_single_character_change_is_caught(
    area: str, born: date, seq: int, where: int, new: str
) -> None:
    first17 = f"{area}{born:%Y%m%d}{seq:03d}"
    number = first17 + check_char(first17)
    changed = number[:where] + new + number[where + 1 :]
    if changed == number:
        return
    assert validate_id(changed, TODAY) is not None


@given(st.text(alphabet="0123456789", min_size=17, max_size=17), st.integers(0, 16))
def test_the_check_char_sees_every_digit(first17: str, where: int) -> None:
    """Weights are never 0 mod 11, so changing any one digit changes the check character."""
    digit = str((int(first17[where]) + 1) % 10)
    other = first17[:where] + digit + first17[where + 1 :]
    assert check_char(other) != check_char(first17)
