import pytest

from counter_app.core.money import Money


def test_format_whole_dollars_with_thousands_separator() -> None:
    assert Money(125000).format() == "NT$1,250"
    assert Money(1250).format() == "NT$12.50"
    assert Money(-500).format() == "-NT$5"


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("100", 10000),
        ("1,000", 100000),
        ("99.5", 9950),
        ("NT$120", 12000),
        (" 7 ", 700),
        ("0.05", 5),
        ("１００", 10000),
        ("-3", -300),
    ],
)
def test_parse_what_cashiers_type(text: str, cents: int) -> None:
    assert Money.parse(text).cents == cents


@pytest.mark.parametrize("text", ["", "abc", "1.234", "1e3", "--5", "١٢", ".", "-", "1.2.3"])
def test_parse_rejects_garbage_with_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        Money.parse(text)


def test_money_multiplies_by_integers_only() -> None:
    assert (Money(2500) * 3).cents == 7500
    with pytest.raises(TypeError):
        Money(100) * 1.5  # type: ignore[operator]
