"""A cart as plain JSON-ready data and back: the open cart written through to the local
database, and held carts. The products travel with the cart (id, SKU, name, price as
they were when scanned), so a cart comes back without a catalog look-up and at the
prices it was built with.

Format (version 1)::

    {"v": 1, "discount": {"kind": "percent", "value": 10} | null,
     "lines": [{"product": {"id", "sku", "name", "price_cents", "category"},
                "qty": 2, "override": {"price_cents", "reason"} | null,
                "discount": {...} | null, "extra": {...},
                "fulfilment": {"mode": "take|pickup|ship", "source": "warehouse|partner"}}]}

``extra`` is where other per-line fields live (kept as they are); a reader ignores keys
it does not know, so a newer till's snapshot still loads.
"""

from __future__ import annotations

from typing import Any

from counter_app.core.cart import Cart, CartLine
from counter_app.core.catalog import ProductInfo
from counter_app.core.discounts import Discount, PriceOverride
from counter_app.core.fulfilment import MODES, TAKE, Fulfilment
from counter_app.core.money import Money

VERSION = 1


class SnapshotError(ValueError):
    """A stored cart that cannot be read back."""


def to_data(cart: Cart) -> dict[str, Any]:
    return {
        "v": VERSION,
        "discount": cart.discount.to_dict() if cart.discount else None,
        "lines": [
            {
                "product": {
                    "id": line.product.id,
                    "sku": line.product.sku,
                    "name": line.product.name,
                    "price_cents": line.product.price.cents,
                    "category": line.product.category,
                },
                "qty": line.qty,
                "override": (
                    {"price_cents": line.override.price_cents, "reason": line.override.reason}
                    if line.override
                    else None
                ),
                "discount": line.discount.to_dict() if line.discount else None,
                "extra": dict(line.extra),
                "fulfilment": {"mode": line.fulfilment.mode, "source": line.fulfilment.source},
            }
            for line in cart.lines
        ],
    }


def from_data(data: Any) -> Cart:
    """The cart of ``to_data``; SnapshotError when it is not one."""
    try:
        lines = []
        for raw in data["lines"]:
            product = raw["product"]
            override = raw.get("override")
            extra = raw.get("extra") or {}
            lines.append(
                CartLine(
                    ProductInfo(
                        int(product["id"]),
                        str(product["sku"]),
                        str(product["name"]),
                        Money(int(product["price_cents"])),
                        str(product.get("category", "")),
                    ),
                    int(raw["qty"]),
                    PriceOverride(int(override["price_cents"]), str(override["reason"]))
                    if override
                    else None,
                    Discount.from_dict(raw.get("discount")),
                    dict(extra) if isinstance(extra, dict) else {},
                    _fulfilment(raw.get("fulfilment")),
                )
            )
        return Cart(lines, Discount.from_dict(data.get("discount")))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise SnapshotError(f"not a stored cart: {exc}") from exc


def _fulfilment(raw: Any) -> Fulfilment:
    """A line's take/pickup/ship (absent in older snapshots: take). The cart's customer is
    not kept: a recalled cart with pickup or ship lines asks for the customer again."""
    if not isinstance(raw, dict) or raw.get("mode") not in MODES:
        return TAKE
    source = raw.get("source")
    return Fulfilment(raw["mode"], source if source in ("warehouse", "partner") else "warehouse")
