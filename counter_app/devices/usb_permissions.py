"""The Linux USB permission problem and its fix, in words a store's IT person can follow.

On Linux a USB receipt printer's device node belongs to root; without a udev
rule python-escpos/pyusb fails with errno 13 "Access denied (insufficient
permissions)". The fix is a rule giving the `plugdev` group access.
"""

from __future__ import annotations

UDEV_RULE_PATH = "/etc/udev/rules.d/99-counter-receipt-printer.rules"


def udev_rule(vendor_id: int, product_id: int) -> str:
    return (
        f'SUBSYSTEM=="usb", ATTRS{{idVendor}}=="{vendor_id:04x}", '
        f'ATTRS{{idProduct}}=="{product_id:04x}", MODE="0660", GROUP="plugdev"'
    )


def udev_instructions(vendor_id: int, product_id: int) -> str:
    rule = udev_rule(vendor_id, product_id)
    return (
        f"echo '{rule}' | sudo tee {UDEV_RULE_PATH}\n"
        "sudo udevadm control --reload-rules && sudo udevadm trigger\n"
        "sudo usermod -aG plugdev $USER   # then log out and in again\n"
    )
