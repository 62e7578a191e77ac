"""The upload of e-invoices to the MOF platform through its Turnkey program (issue 13 item 6).

Every invoice, void and allowance the tills send owes the platform one MIG 4.1 message
(services/mig.py); its `EinvoiceUpload` row is written with it, in the op's transaction,
as `pending`. The exchange with Turnkey is a folder (`WAREHOUSE_TURNKEY_DIR`, Turnkey's
EINVTurnkey directory) and runs from the server's sweeper and from
`warehouse-api einvoice export`:

1. **Results first.** A file Turnkey moved to `UpCast/B2SSTORAGE/<type>/ERR/` failed its
   own MIG check and was never sent: `rejected`. A ProcessResult the platform answered,
   which Turnkey unpacks under `Unpack/B2SSTORAGE/<type>/ProcessResult/`, makes each
   document it names `accepted` (ResultCode 0) or `rejected` (with its error code and
   message). Reading is idempotent: only `exported` rows change.
2. **Export.** Each `pending` row is claimed by a conditional UPDATE (`pending` ->
   `exporting`, so two exporters never claim the same row), its message built and checked,
   written to a staging file and renamed into `UpCast/B2SSTORAGE/<type>/SRC/` (Turnkey
   never sees half a file), then marked `exported`. A row left `exporting` by an exporter
   that died is looked for in SRC, BAK and ERR: found, it is `exported`; not found, it is
   written again under the same name. So each message reaches Turnkey exactly once.
   A void (F0501) or allowance (G0401) waits until its invoice's F0401 is accepted: the
   platform refuses a void of an invoice it does not hold; an allowance's void (G0501)
   waits for the allowance's G0401 too.

The E0402 of a period's blank numbers (services/einvoice_blanks.py) goes the same way,
into Turnkey's platform-message folder `UpCast/B2PMESSAGE/E0402/SRC/`.

The deadlines (統一發票使用辦法 art. 7; a void or an allowance has its invoice's): a B2C
invoice must reach the platform within 48 hours of issue, one with a buyer's tax ID
(B2B) within 7 days, and the blank numbers within 10 days of the next period's start.
`documents_at_risk` lists documents not yet accepted with a day or less left (at risk) or
past their deadline (overdue), and `tills_at_risk` tills holding numbers whose last push
is that old measured against 48 hours, the tightest deadline of an invoice they may issue.
"""

from __future__ import annotations

import logging
import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from sqlalchemy import exists, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from warehouse_api.config import Settings
from warehouse_api.db import Database
from warehouse_api.errors import DomainError
from warehouse_api.models import (
    Device,
    Einvoice,
    EinvoiceAllowance,
    EinvoiceBooklet,
    EinvoiceUpload,
    Product,
    Return,
    ReturnLine,
    SaleLine,
    SyncOp,
    utcnow,
)
from warehouse_api.services import einvoice_blanks, mig
from warehouse_api.services.einvoice import TAIPEI

log = logging.getLogger(__name__)

STORAGE = "B2SSTORAGE"  # Turnkey's folder for the MIG 4.x storage (存證) messages
PLATFORM = "B2PMESSAGE"  # Turnkey's folder for the messages to the platform itself (E04xx)
B2C_DEADLINE = timedelta(hours=48)
B2B_DEADLINE = timedelta(days=7)
BLANK_NUMBERS_DEADLINE = timedelta(days=10)
WARNING = timedelta(hours=24)  # a document is at risk when a day or less is left
DEADLINE = B2C_DEADLINE  # the tightest: what a till holding numbers is measured against
AT_RISK_AFTER = DEADLINE - WARNING
RECLAIM_AFTER = timedelta(minutes=10)  # an `exporting` row this old lost its exporter
STAGING = ".pos-staging"
CONSUMER_NAME = "消費者"


@dataclass(frozen=True, slots=True)
class SellerInfo:
    name: str
    address: str
    tax_id: str | None = None  # WAREHOUSE_EINVOICE_SELLER_ID; else the period's invoices'


def deadline_of(message_type: str, buyer_id: str | None) -> timedelta:
    """How long after it was made a document must be on the platform."""
    if message_type == "E0402":
        return BLANK_NUMBERS_DEADLINE
    return B2B_DEADLINE if buyer_id else B2C_DEADLINE


def seller_from(settings: Settings) -> SellerInfo:
    if not settings.einvoice_seller_name or not settings.einvoice_seller_address:
        raise DomainError(
            "einvoice_seller_unset",
            "set WAREHOUSE_EINVOICE_SELLER_NAME and WAREHOUSE_EINVOICE_SELLER_ADDRESS "
            "(the seller's registered name and address, required in every F0401)",
            409,
        )
    return SellerInfo(
        settings.einvoice_seller_name,
        settings.einvoice_seller_address,
        settings.einvoice_seller_id,
    )


def family_of(message_type: str) -> str:
    return PLATFORM if message_type.startswith("E") else STORAGE


def message_dir(folder: Path, message_type: str) -> Path:
    return folder / "UpCast" / family_of(message_type) / message_type


def file_name(message_type: str, document_no: str, attempt: int = 0) -> str:
    """`F0401_AB12345678.xml`; a message written again after a rejection gets `_2`, `_3`
    (Turnkey keeps the refused file in ERR under the old name)."""
    suffix = f"_{attempt + 1}" if attempt else ""
    return f"{message_type}_{document_no}{suffix}.xml"


# --------------------------------------------------------------------------- building


def _dollars(cents: int) -> Decimal:
    return (Decimal(cents) / 100).normalize() if cents % 100 else Decimal(cents // 100)


def _split(total: Decimal, weights: Sequence[int]) -> list[Decimal]:
    """`total` (whole dollars) in parts proportional to `weights`, each a whole number,
    adding up exactly (largest remainder)."""
    whole = int(total)
    if not weights:
        return []
    base = sum(max(w, 0) for w in weights)
    if base == 0:
        parts = [0] * len(weights)
        parts[-1] = whole
        return [Decimal(p) for p in parts]
    raw = [Decimal(whole) * max(w, 0) / base for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: whole - sum(parts)]:
        parts[i] += 1
    parts[-1] += int(total - whole)  # a fraction of a dollar, if any, rides on the last
    return [Decimal(p) for p in parts]


def _unit_price(amount: Decimal, quantity: int) -> Decimal:
    return (amount / quantity).quantize(Decimal("0.0000001"), rounding=ROUND_HALF_UP)


def _sale_lines(session: Session, sale_id: str) -> list[tuple[SaleLine, str]]:
    rows = session.execute(
        select(SaleLine, Product.name)
        .join(Product, Product.id == SaleLine.product_id)
        .where(SaleLine.sale_id == sale_id)
        .order_by(SaleLine.id)
    ).all()
    return [(line, name) for line, name in rows]


def _covered_lines(session: Session, invoice: Einvoice) -> list[tuple[SaleLine, str, int]]:
    """The sale lines ``invoice`` covers, each with its quantity: all of them, or for a
    replacement (重開) what the returns that led to it (its chain of replacements) left."""
    leading: list[str] = []
    link: Einvoice | None = invoice
    while link is not None and link.return_id is not None:
        leading.append(link.return_id)
        link = session.scalar(select(Einvoice).where(Einvoice.number == link.replaces))
    taken: dict[int, int] = {}
    if leading:
        for returned in session.scalars(
            select(ReturnLine).where(ReturnLine.return_id.in_(leading))
        ):
            taken[returned.product_id] = taken.get(returned.product_id, 0) + returned.qty
    covered = []
    for line, name in _sale_lines(session, invoice.sale_id):
        gone = min(taken.get(line.product_id, 0), line.qty)
        taken[line.product_id] = taken.get(line.product_id, 0) - gone
        if line.qty > gone:
            covered.append((line, name, line.qty - gone))
    return covered


def _buyer(invoice: Einvoice) -> mig.Party:
    if invoice.buyer_id:
        return mig.Party(invoice.buyer_id, invoice.buyer_id)
    return mig.Party(mig.B2C_BUYER, CONSUMER_NAME)


def build_invoice(session: Session, invoice: Einvoice, seller: SellerInfo) -> bytes:
    b2c = invoice.buyer_id is None
    total = _dollars(invoice.total_cents)
    sales = total if b2c else _dollars(invoice.sales_amount_cents)
    tax = Decimal(0) if b2c else _dollars(invoice.tax_cents)
    lines = _covered_lines(session, invoice)
    items: list[mig.InvoiceItem] = []
    if lines:
        amounts = _split(sales, [line.line_total_cents * qty // line.qty for line, _, qty in lines])
        for (_, name, qty), amount in zip(lines, amounts, strict=True):
            quantity = max(qty, 1)
            items.append(
                mig.InvoiceItem(
                    name[:500] or "商品",
                    Decimal(quantity),
                    _unit_price(amount, quantity),
                    amount,
                )
            )
    else:
        items.append(mig.InvoiceItem("商品", Decimal(1), sales, sales))
    return mig.build_f0401(
        mig.InvoiceMessage(
            number=invoice.number,
            issued_at=invoice.issued_at.astimezone(TAIPEI),
            seller=mig.Party(invoice.seller_id, seller.name, seller.address),
            buyer=_buyer(invoice),
            random_number=invoice.random_code,
            items=items,
            sales_amount=sales,
            tax_amount=tax,
            total_amount=total,
            carrier_type=invoice.carrier_type,
            carrier_id=invoice.carrier_id,
            donation_code=invoice.donation_code,
            main_remark=None if invoice.replaces is None else f"作廢重開 原發票 {invoice.replaces}",
        )
    )


def build_void(invoice: Einvoice) -> bytes:
    assert invoice.voided_at is not None
    return mig.build_f0501(
        mig.CancelInvoiceMessage(
            number=invoice.number,
            invoice_date=invoice.issued_at.astimezone(TAIPEI),
            buyer_id=invoice.buyer_id or mig.B2C_BUYER,
            seller_id=invoice.seller_id,
            cancelled_at=invoice.voided_at.astimezone(TAIPEI),
            reason=(invoice.void_reason or "退貨")[:20],
        )
    )


def build_allowance(
    session: Session, allowance: EinvoiceAllowance, invoice: Einvoice, seller: SellerInfo
) -> bytes:
    """G0401: one item per product returned, priced as it was sold; the allowance's
    amount and tax spread over them in proportion."""
    sale_lines = _sale_lines(session, invoice.sale_id)
    position = {
        line.product_id: (index, line, name)
        for index, (line, name) in enumerate(sale_lines, start=1)
    }
    returned = session.scalars(
        select(ReturnLine)
        .where(ReturnLine.return_id == allowance.return_id)
        .order_by(ReturnLine.id)
    ).all()
    if session.get(Return, allowance.return_id) is None:
        returned = []
    picked = [(r, position[r.product_id]) for r in returned if r.product_id in position]
    invoice_day = invoice.issued_at.astimezone(TAIPEI)
    sales, tax = _dollars(allowance.sales_amount_cents), _dollars(allowance.tax_cents)
    items: list[mig.AllowanceItem] = []
    if picked:
        weights = [r.qty * line.unit_price_cents for r, (_, line, _) in picked]
        amounts, taxes = _split(sales, weights), _split(tax, weights)
        for n, ((r, (index, _, name)), amount, item_tax) in enumerate(
            zip(picked, amounts, taxes, strict=True), start=1
        ):
            quantity = max(r.qty, 1)
            items.append(
                mig.AllowanceItem(
                    invoice_day,
                    invoice.number,
                    str(index),
                    name[:256] or "商品",
                    Decimal(quantity),
                    _unit_price(amount, quantity),
                    amount,
                    item_tax,
                    str(n),
                )
            )
    else:
        items.append(
            mig.AllowanceItem(
                invoice_day, invoice.number, None, "退貨折讓", Decimal(1), sales, sales, tax, "1"
            )
        )
    return mig.build_g0401(
        mig.AllowanceMessage(
            number=allowance.allowance_no,
            issued_at=allowance.issued_at.astimezone(TAIPEI),
            seller=mig.Party(invoice.seller_id, seller.name, seller.address),
            buyer=_buyer(invoice),
            items=items,
            tax_amount=tax,
            total_amount=sales,
        )
    )


def build_allowance_void(allowance: EinvoiceAllowance, invoice: Einvoice) -> bytes:
    assert allowance.voided_at is not None
    return mig.build_g0501(
        mig.CancelAllowanceMessage(
            number=allowance.allowance_no,
            allowance_date=allowance.issued_at.astimezone(TAIPEI),
            buyer_id=invoice.buyer_id or mig.B2C_BUYER,
            seller_id=invoice.seller_id,
            cancelled_at=allowance.voided_at.astimezone(TAIPEI),
            reason=(allowance.void_reason or "折讓作廢")[:20],
        )
    )


def build_message(session: Session, upload: EinvoiceUpload, seller: SellerInfo) -> bytes:
    if upload.message_type == "E0402":
        return einvoice_blanks.build_blank_track(session, upload.document_no, seller.tax_id)
    invoice = session.scalar(select(Einvoice).where(Einvoice.number == upload.invoice_number))
    if invoice is None:
        raise mig.MigError(upload.message_type, [f"invoice {upload.invoice_number} is gone"])
    if upload.message_type == "F0401":
        return build_invoice(session, invoice, seller)
    if upload.message_type == "F0501":
        return build_void(invoice)
    if upload.message_type in ("G0401", "G0501"):
        allowance = session.scalar(
            select(EinvoiceAllowance).where(EinvoiceAllowance.allowance_no == upload.document_no)
        )
        if allowance is None:
            raise mig.MigError(upload.message_type, [f"allowance {upload.document_no} is gone"])
        if upload.message_type == "G0501":
            return build_allowance_void(allowance, invoice)
        return build_allowance(session, allowance, invoice, seller)
    raise mig.MigError(upload.message_type, ["no document of this type is made here"])


# --------------------------------------------------------------------------- files


def write_atomically(folder: Path, target_dir: Path, name: str, data: bytes) -> Path:
    """Write into a staging file beside the Turnkey folders, then rename it into place:
    Turnkey sees the whole file or none. Never overwrites a file already there."""
    staging = folder / STAGING
    staging.mkdir(parents=True, exist_ok=True)
    target_dir.mkdir(parents=True, exist_ok=True)
    temporary = staging / f"{name}.{os.getpid()}.part"
    with open(temporary, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    target = target_dir / name
    if target.exists():
        temporary.unlink()
        return target
    os.replace(temporary, target)
    return target


def _seen_by_turnkey(folder: Path, message_type: str, name: str) -> bool:
    base = message_dir(folder, message_type)
    return any(
        next((base / sub).rglob(name), None) is not None
        for sub in ("SRC", "BAK", "ERR")
        if (base / sub).is_dir()
    )


@dataclass(slots=True)
class ExportResult:
    exported: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # file, why (MIG rules)
    recovered: int = 0


def export_pending(
    db: Database,
    folder: Path,
    seller: SellerInfo,
    *,
    now: datetime | None = None,
    batch: int = 500,
) -> ExportResult:
    """Write every pending message (whose turn it is) into Turnkey's SRC folders once."""
    now = now or utcnow()
    result = ExportResult()
    result.recovered = _recover(db, folder, now)
    issue, allowance = aliased(EinvoiceUpload), aliased(EinvoiceUpload)
    with db.write() as session:
        candidates = session.scalars(
            select(EinvoiceUpload.id)
            .where(
                EinvoiceUpload.state == "pending",
                or_(
                    EinvoiceUpload.message_type.in_(("F0401", "E0402")),
                    exists().where(
                        issue.message_type == "F0401",
                        issue.document_no == EinvoiceUpload.invoice_number,
                        issue.state == "accepted",
                    ),
                ),
                or_(  # an allowance's void waits until the platform holds the allowance
                    EinvoiceUpload.message_type != "G0501",
                    exists().where(
                        allowance.message_type == "G0401",
                        allowance.document_no == EinvoiceUpload.document_no,
                        allowance.state == "accepted",
                    ),
                ),
            )
            .order_by(EinvoiceUpload.due_from, EinvoiceUpload.id)
            .limit(batch)
        ).all()
        claimed: list[int] = []
        for upload_id in candidates:
            won = session.execute(
                update(EinvoiceUpload)
                .where(EinvoiceUpload.id == upload_id, EinvoiceUpload.state == "pending")
                .values(state="exporting", exported_at=now)
            ).rowcount  # type: ignore[attr-defined]
            if won:
                claimed.append(upload_id)
    for upload_id in claimed:
        _export_one(db, folder, seller, upload_id, result)
    return result


def _export_one(
    db: Database, folder: Path, seller: SellerInfo, upload_id: int, result: ExportResult
) -> None:
    with db.read() as session, session.begin():
        upload = session.get(EinvoiceUpload, upload_id)
        assert upload is not None
        name = file_name(upload.message_type, upload.document_no, upload.attempt)
        message_type = upload.message_type
        try:
            data: bytes | None = build_message(session, upload, seller)
            problem = None
        except mig.MigError as error:
            data, problem = None, "; ".join(error.problems)[:380]
    with db.write() as session:
        if data is None:
            session.execute(
                update(EinvoiceUpload)
                .where(EinvoiceUpload.id == upload_id, EinvoiceUpload.state == "exporting")
                .values(state="rejected", resolved_at=utcnow(), reason=f"MIG check: {problem}")
            )
            result.refused.append((name, problem or ""))
            log.error("einvoice %s not exported, it breaks the MIG rules: %s", name, problem)
            return
        write_atomically(folder, message_dir(folder, message_type) / "SRC", name, data)
        session.execute(
            update(EinvoiceUpload)
            .where(EinvoiceUpload.id == upload_id, EinvoiceUpload.state == "exporting")
            .values(state="exported", file_name=name, exported_at=utcnow())
        )
    result.exported.append(name)


def _recover(db: Database, folder: Path, now: datetime) -> int:
    """Rows an exporter claimed and never finished: exported if Turnkey has the file,
    back to pending (to be written under the same name) if not."""
    recovered = 0
    with db.write() as session:
        stuck = session.scalars(
            select(EinvoiceUpload).where(
                EinvoiceUpload.state == "exporting",
                EinvoiceUpload.exported_at < now - RECLAIM_AFTER,
            )
        ).all()
        for upload in stuck:
            name = file_name(upload.message_type, upload.document_no, upload.attempt)
            if _seen_by_turnkey(folder, upload.message_type, name):
                upload.state, upload.file_name = "exported", name
            else:
                upload.state = "pending"
            recovered += 1
    return recovered


# --------------------------------------------------------------------------- results


@dataclass(frozen=True, slots=True)
class ProcessResultRecord:
    document_no: str
    message_type: str | None
    accepted: bool
    code: str
    message: str | None


_DOCUMENT_TAGS = (
    "InvoiceNumber",
    "CancelInvoiceNumber",
    "AllowanceNumber",
    "CancelAllowanceNumber",
)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def parse_process_result(data: bytes) -> list[ProcessResultRecord]:
    """The documents a ProcessResult file answers for. Each result is an element holding
    a document number (InvoiceNumber, CancelInvoiceNumber, AllowanceNumber or
    CancelAllowanceNumber; for an E0402, its YearMonth and InvoiceTrack, which name the
    document as period + track) and a ResultCode (0: accepted), with ErrorCode and
    ErrorMessage (or ResultMessage) when refused; namespaces are ignored, and one file
    may hold one result (at its root) or many. ValueError if the file is not XML."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        raise ValueError(f"not XML: {error}") from None
    records: list[ProcessResultRecord] = []
    for node in root.iter():
        fields = {_local(child.tag): (child.text or "").strip() for child in node}
        document = next((fields[tag] for tag in _DOCUMENT_TAGS if fields.get(tag)), None)
        if document is None and fields.get("YearMonth") and fields.get("InvoiceTrack"):
            document = fields["YearMonth"] + fields["InvoiceTrack"]  # an E0402's period + track
        code = fields.get("ResultCode")
        if document is None or code is None:
            continue
        accepted = code in ("0", "00", "000", "0000")
        error_code = fields.get("ErrorCode") or None
        text = fields.get("ErrorMessage") or fields.get("ResultMessage") or None
        records.append(
            ProcessResultRecord(
                document_no=document,
                message_type=fields.get("MessageType") or None,
                accepted=accepted,
                code=error_code or code,
                message=text,
            )
        )
    return records


@dataclass(slots=True)
class ResultsRead:
    accepted: int = 0
    rejected: int = 0
    unreadable: list[str] = field(default_factory=list)


def _settle(
    session: Session, message_type: str, where: Iterable[object], accepted: bool, reason: str | None
) -> int:
    return int(
        session.execute(
            update(EinvoiceUpload)
            .where(
                EinvoiceUpload.message_type == message_type,
                EinvoiceUpload.state.in_(("exporting", "exported")),
                *where,  # type: ignore[arg-type]
            )
            .values(
                state="accepted" if accepted else "rejected",
                resolved_at=utcnow(),
                reason=None if accepted else (reason or "refused")[:400],
            )
        ).rowcount  # type: ignore[attr-defined]
        or 0
    )


def read_results(db: Database, folder: Path) -> ResultsRead:
    """Turnkey's verdicts: ERR files (its own MIG check) and the platform's ProcessResults."""
    outcome = ResultsRead()
    for message_type in mig.MESSAGE_TYPES:
        err = message_dir(folder, message_type) / "ERR"
        if err.is_dir():
            names = sorted({path.name for path in err.rglob("*.xml")})
            with db.write() as session:
                for name in names:
                    outcome.rejected += _settle(
                        session,
                        message_type,
                        [EinvoiceUpload.file_name == name],
                        False,
                        "Turnkey refused it at its MIG check (UpCast ERR folder)",
                    )
        results = folder / "Unpack" / family_of(message_type) / message_type / "ProcessResult"
        if not results.is_dir():
            continue
        for path in sorted(results.rglob("*.xml")):
            try:
                records = parse_process_result(path.read_bytes())
            except (OSError, ValueError) as error:
                outcome.unreadable.append(f"{path}: {error}")
                continue
            with db.write() as session:
                for record in records:
                    reason = f"platform {record.code}: {record.message or 'refused'}"
                    changed = _settle(
                        session,
                        record.message_type or message_type,
                        [EinvoiceUpload.document_no == record.document_no],
                        record.accepted,
                        reason,
                    )
                    if record.accepted:
                        outcome.accepted += changed
                    else:
                        outcome.rejected += changed
    for problem in outcome.unreadable:
        log.warning("Turnkey result not readable: %s", problem)
    return outcome


def exchange(db: Database, settings: Settings) -> tuple[ResultsRead, ExportResult] | None:
    """One round with Turnkey (results, then export); None when no folder is set."""
    if settings.turnkey_dir is None:
        return None
    seller = seller_from(settings)
    results = read_results(db, settings.turnkey_dir)
    return results, export_pending(db, settings.turnkey_dir, seller)


def retry(session: Session, message_type: str, document_no: str) -> EinvoiceUpload:
    """A rejected message (fixed at its source, or refused for a passing reason) goes
    back to pending, to be written again."""
    upload = session.scalar(
        select(EinvoiceUpload)
        .where(
            EinvoiceUpload.message_type == message_type,
            EinvoiceUpload.document_no == document_no,
        )
        .with_for_update()
    )
    if upload is None:
        raise DomainError("einvoice_upload_unknown", f"no {message_type} {document_no}", 404)
    if upload.state != "rejected":
        raise DomainError(
            "einvoice_upload_not_rejected",
            f"{message_type} {document_no} is {upload.state}: only a rejected one is retried",
            409,
        )
    upload.state, upload.reason, upload.resolved_at = "pending", None, None
    upload.file_name = None
    upload.attempt += 1  # a new file name: the refused one stays in Turnkey's ERR
    return upload


# --------------------------------------------------------------------------- deadlines


@dataclass(frozen=True, slots=True)
class DocumentAtRisk:
    message_type: str
    document_no: str
    invoice_number: str
    location_id: int | None
    device_id: int | None
    due_from: datetime
    state: str
    hours: float
    deadline_hours: int  # 48 (B2C), 168 (B2B: a buyer's tax ID), 240 (E0402)
    overdue: bool
    reason: str | None


@dataclass(frozen=True, slots=True)
class TillAtRisk:
    device_id: int
    name: str
    location_id: int | None
    last_push_at: datetime | None
    hours: float
    overdue: bool


def documents_at_risk(session: Session, now: datetime) -> list[DocumentAtRisk]:
    """Documents not accepted with a day or less left before their own deadline, or past
    it: a B2B invoice (and its void or allowance) has 7 days, a B2C one 48 hours."""
    rows = session.execute(
        select(EinvoiceUpload, Einvoice.buyer_id)
        .outerjoin(Einvoice, Einvoice.number == EinvoiceUpload.invoice_number)
        .where(EinvoiceUpload.state != "accepted", EinvoiceUpload.due_from <= now - AT_RISK_AFTER)
        .order_by(EinvoiceUpload.due_from, EinvoiceUpload.id)
    ).all()
    out: list[DocumentAtRisk] = []
    for row, buyer_id in rows:
        deadline = deadline_of(row.message_type, buyer_id)
        age = now - row.due_from
        if age < deadline - WARNING:
            continue
        out.append(
            DocumentAtRisk(
                message_type=row.message_type,
                document_no=row.document_no,
                invoice_number=row.invoice_number,
                location_id=row.location_id,
                device_id=row.device_id,
                due_from=row.due_from,
                state=row.state,
                hours=round(age.total_seconds() / 3600, 1),
                deadline_hours=int(deadline.total_seconds() // 3600),
                overdue=age > deadline,
                reason=row.reason,
            )
        )
    return out


def tills_at_risk(session: Session, now: datetime) -> list[TillAtRisk]:
    """Tills holding invoice numbers that have pushed nothing for 24 hours: invoices they
    issued offline may be near the 48-hour deadline (since their first claim if they
    never pushed). Any of them may be B2C, so the tightest deadline applies."""
    last_push = (
        select(SyncOp.device_id, func.max(SyncOp.created_at).label("at"))
        .group_by(SyncOp.device_id)
        .subquery()
    )
    first_claim = (
        select(EinvoiceBooklet.device_id, func.min(EinvoiceBooklet.claimed_at).label("at"))
        .where(EinvoiceBooklet.status == "claimed")
        .group_by(EinvoiceBooklet.device_id)
        .subquery()
    )
    rows = session.execute(
        select(Device, last_push.c.at, first_claim.c.at)
        .join(first_claim, first_claim.c.device_id == Device.id)
        .outerjoin(last_push, last_push.c.device_id == Device.id)
        .where(Device.role == "counter", Device.revoked_at.is_(None))
        .order_by(Device.id)
    ).all()
    out: list[TillAtRisk] = []
    for device, pushed_at, claimed_at in rows:
        since = pushed_at or claimed_at
        if since is None or now - since < AT_RISK_AFTER:
            continue
        out.append(
            TillAtRisk(
                device_id=device.id,
                name=device.name,
                location_id=device.location_id,
                last_push_at=pushed_at,
                hours=round((now - since).total_seconds() / 3600, 1),
                overdue=now - since > DEADLINE,
            )
        )
    return out


def upload_counts(session: Session) -> dict[str, int]:
    return {
        state: count
        for state, count in session.execute(
            select(EinvoiceUpload.state, func.count()).group_by(EinvoiceUpload.state)
        )
    }


def uploads_of(
    session: Session, *, state: str | None, invoice_number: str | None, limit: int
) -> list[EinvoiceUpload]:
    query = select(EinvoiceUpload)
    if state:
        query = query.where(EinvoiceUpload.state == state)
    if invoice_number:
        query = query.where(EinvoiceUpload.invoice_number == invoice_number)
    return list(
        session.scalars(
            query.order_by(EinvoiceUpload.due_from.desc(), EinvoiceUpload.id.desc()).limit(limit)
        )
    )
