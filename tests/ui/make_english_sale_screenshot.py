"""Regenerate docs/screenshots/sale_screen_en.png (not a test): the sale screen of a till
set to English, three items in the cart (product and store names are the demo's own).

    Xvfb :99 -screen 0 1280x900x24 &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb PYTHONPATH=. python tests/ui/make_english_sale_screenshot.py
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from sqlalchemy import text

from tests.ui.make_counter_screenshots import OUT, shoot, wait_for


def main() -> None:
    from counter_app.bootstrap import build_counter
    from counter_app.demo import start_demo
    from counter_app.ui.app import ensure_application
    from counter_app.ui.task_runner import TaskRunner
    from tests.shift_testkit import open_test_shift

    data = Path(tempfile.mkdtemp(prefix="counter-shots-en-"))
    services, server = start_demo(data / "demo")
    open_test_shift(services.db, services.store.location_id)
    ensure_application("en")
    tasks = TaskRunner()
    counter = build_counter(services, services.staff.first_with_role("cashier"), tasks)
    window, screen = counter.window, counter.sale_screen
    window.show()
    screen.beep = lambda: None
    with services.db.read() as session:
        codes = list(
            session.execute(
                text(
                    "SELECT MIN(b.code) FROM barcodes b JOIN products p ON p.id = b.product_id "
                    "JOIN stock st ON st.product_id = p.id AND st.location_id = :store "
                    "WHERE p.active AND length(b.code) = 13 AND st.on_hand >= 20 "
                    "GROUP BY p.id ORDER BY 1 LIMIT 3"
                ),
                {"store": services.store.location_id},
            ).scalars()
        )
    for i, code in enumerate(codes):
        counter.router.on_scanned(code)
        wait_for(lambda i=i: len(screen.cart_model.cart.lines) == i + 1)
    shoot(window, "sale_screen_en.png")
    print("wrote", OUT / "sale_screen_en.png")
    tasks.shutdown()
    services.close()
    server.stop()  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
