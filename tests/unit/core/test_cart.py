import pytest

from counter_app.core.cart import Cart, CartError, change_due
from counter_app.core.catalog import ProductInfo
from counter_app.core.money import Money

TEA = ProductInfo(1, "100001", "茶裏王 日式無糖綠茶 600ml", Money(2500))
CHIPS = ProductInfo(2, "100002", "樂事 原味洋芋片 85g", Money(3900))


def test_scanning_the_same_product_twice_raises_the_quantity() -> None:
    cart = Cart()
    assert cart.add(TEA) == 0
    assert cart.add(CHIPS) == 1
    assert cart.add(TEA) == 0
    assert [line.qty for line in cart.lines] == [2, 1]
    assert cart.total == Money(2 * 2500 + 3900)
    assert cart.item_count == 3


def test_quantity_changes_and_removal_update_the_total() -> None:
    cart = Cart()
    cart.add(TEA)
    cart.add(CHIPS)
    cart.set_qty(1, 4)
    assert cart.total == Money(2500 + 4 * 3900)
    cart.remove(0)
    assert cart.total == Money(4 * 3900)


@pytest.mark.parametrize(
    ("qty", "code"),
    [
        (0, "qty_too_small"),
        (-3, "qty_too_small"),
        (10000, "qty_too_large"),
        (True, "qty_not_integer"),
    ],
)
def test_bad_quantities_are_refused_and_the_line_is_unchanged(qty: int, code: str) -> None:
    cart = Cart()
    cart.add(TEA)
    with pytest.raises(CartError) as info:
        cart.set_qty(0, qty)
    assert info.value.code == code
    assert cart.lines[0].qty == 1


def test_removing_a_missing_line_is_a_clear_error() -> None:
    with pytest.raises(CartError) as info:
        Cart().remove(0)
    assert info.value.code == "no_such_line"


def test_change_due() -> None:
    assert change_due(Money(12300), Money(50000)) == Money(37700)
    assert change_due(Money(12300), Money(12300)) == Money(0)
    with pytest.raises(CartError) as info:
        change_due(Money(12300), Money(10000))
    assert info.value.code == "tender_too_small"
