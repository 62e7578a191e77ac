"""Reading one order: a store sees its own; another store's answers 404."""

from __future__ import annotations

from fastapi import APIRouter

from warehouse_api import responses
from warehouse_api.api.deps import CurrentDevice, DatabaseDep
from warehouse_api.errors import NotFound
from warehouse_api.models import Transfer, utcnow
from warehouse_api.problems import problem_responses
from warehouse_api.schemas import DropshipPublic, ReservationPublic, TransferPublic
from warehouse_api.services.dropship import load_dropship
from warehouse_api.services.locations import ensure_visible
from warehouse_api.services.reservations import expire_holds, load_reservation

router = APIRouter(tags=["orders"])


@router.get(
    "/reservations/{reservation_id}",
    response_model=ReservationPublic,
    responses=problem_responses(401, 404),
)
def get_reservation(
    reservation_id: str, device: CurrentDevice, db: DatabaseDep
) -> ReservationPublic:
    with db.read() as session, session.begin():
        reservation = load_reservation(session, device, reservation_id)
        overdue = (
            reservation.status == "confirmed"
            and reservation.expires_at is not None
            and reservation.expires_at < utcnow()
        )
    if overdue:  # release at read time, so nobody sees a hold that has run out
        with db.write() as session:
            expire_holds(session, reservation_id=reservation_id)
    with db.read() as session, session.begin():
        return responses.reservation(load_reservation(session, device, reservation_id))


@router.get(
    "/dropship-orders/{dropship_id}",
    response_model=DropshipPublic,
    responses=problem_responses(401, 404),
)
def get_dropship(dropship_id: str, device: CurrentDevice, db: DatabaseDep) -> DropshipPublic:
    with db.read() as session, session.begin():
        return responses.dropship(load_dropship(session, device, dropship_id))


@router.get(
    "/transfers/{transfer_id}",
    response_model=TransferPublic,
    responses=problem_responses(401, 404),
)
def get_transfer(transfer_id: str, device: CurrentDevice, db: DatabaseDep) -> TransferPublic:
    with db.read() as session, session.begin():
        transfer = session.get(Transfer, transfer_id)
        if transfer is None:
            raise NotFound("transfer_not_found", f"no transfer {transfer_id}")
        store_end = (
            transfer.from_location_id
            if device.location_id == transfer.from_location_id
            else transfer.to_location_id
        )
        ensure_visible(device, store_end, "transfer")
        return responses.transfer(transfer)
