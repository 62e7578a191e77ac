"""`warehouse-api report prices` as plain text, for a terminal or an e-mail."""

from __future__ import annotations

from warehouse_api.services.price_report import ChannelConflict, PriceReport


def _nt(cents: int) -> str:
    return f"NT${cents / 100:,.2f}".replace(".00", "")


def _conflict_line(conflict: ChannelConflict) -> str:
    side = "group-buy cheaper" if conflict.direction == "cheaper_in_group_buy" else "stores cheaper"
    line = (
        f"  {conflict.sku}  {conflict.name}: store {_nt(conflict.store_price_cents)}, "
        f"group-buy {_nt(conflict.channel_price_cents)} ({side}); "
        f"{conflict.orders} orders, {conflict.units} units"
    )
    if conflict.decision is not None:
        decision = conflict.decision
        line += f"\n    deliberate: {decision.note} ({decision.decided_by}, {decision.decided_at:%Y-%m-%d})"
    return line


def report_text(report: PriceReport) -> str:
    lines = [f"Prices, last {report.days} days (since {report.since:%Y-%m-%d %H:%M} UTC)", ""]
    lines.append(
        f"Store price overrides: {len(report.overrides)}, {_nt(report.given_away_cents)} given away"
    )
    for override in report.overrides:
        reasons = "; ".join(
            f"{reason or '(no reason)'} x{count}"
            for reason, count in sorted(override.reasons.items())
        )
        lines.append(
            f"  {override.location_code}  {override.sku}  {override.name}: {override.lines} lines, "
            f"{override.units} units, {_nt(override.given_away_cents)} given away - {reasons}"
        )
    for title, conflicts in (
        ("Channel price conflicts, open", report.open_conflicts),
        ("Channel price conflicts, deliberate", report.deliberate_conflicts),
    ):
        lines += ["", f"{title}: {len(conflicts)}"]
        lines += [_conflict_line(c) for c in conflicts]
    return "\n".join(lines)
