from __future__ import annotations

from datetime import timedelta

from server_testkit import Server, assert_problem
from sqlalchemy import update

from warehouse_api.embedded import issue_enrollment_code
from warehouse_api.models import EnrollmentCode, utcnow


def test_enrollment_code_gives_a_counter_token_for_its_store(server: Server) -> None:
    code = issue_enrollment_code(server.db_url, "S001")
    with server.client() as client:
        response = client.post("/devices/enroll", json={"code": code, "device_name": "till-1"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["location"] == {
        "id": server.location_id("S001"),
        "code": "S001",
        "name": "台北信義店",
        "kind": "store",
    }
    with server.client(body["token"]) as client:
        assert client.get("/sync/pull", params={"limit": 1}).status_code == 200


def test_enrollment_code_works_once(server: Server) -> None:
    code = issue_enrollment_code(server.db_url, "S002")
    with server.client() as client:
        first = client.post("/devices/enroll", json={"code": code, "device_name": "a"})
        second = client.post("/devices/enroll", json={"code": code, "device_name": "b"})
    assert first.status_code == 200
    assert_problem(second, 409, "enrollment_code_used")


def test_expired_and_unknown_codes_are_refused(server: Server) -> None:
    code = issue_enrollment_code(server.db_url, "S001")
    with server.db.write() as session:
        session.execute(update(EnrollmentCode).values(expires_at=utcnow() - timedelta(minutes=1)))
    with server.client() as client:
        expired = client.post("/devices/enroll", json={"code": code, "device_name": "a"})
        unknown = client.post("/devices/enroll", json={"code": "ZZZZ-ZZZZ", "device_name": "a"})
    assert_problem(expired, 410, "enrollment_code_expired")
    assert_problem(unknown, 400, "enrollment_code_invalid")
