from __future__ import annotations

import socket

import httpx
from server_testkit import Server, assert_problem


def test_missing_malformed_and_unknown_tokens_are_401(server: Server) -> None:
    with httpx.Client(base_url=f"{server.url}/api/v1") as client:
        missing = client.get("/sync/pull")
        malformed = client.get("/sync/pull", headers={"Authorization": "Token abc"})
        unknown = client.get("/sync/pull", headers={"Authorization": "Bearer not-a-token"})
    for response in (missing, malformed, unknown):
        assert_problem(response, 401, "unauthorized")


def test_revoked_token_is_401(server: Server) -> None:
    from warehouse_api.services.devices import authenticate, revoke_device

    token = server.enroll("S001")
    with server.db.write() as session:
        device = authenticate(session, token)
        assert device is not None
        revoke_device(session, device.id)
    with server.client(token) as client:
        assert_problem(client.get("/sync/pull"), 401, "unauthorized")


def test_a_5_mb_body_is_413(server: Server) -> None:
    token = server.enroll("S001")
    with server.client(token) as client:
        response = client.post(
            "/sync/push",
            content=b"x" * (5 * 1024 * 1024),
            headers={"Content-Type": "application/json"},
        )
    assert_problem(response, 413, "payload_too_large")


def test_a_chunked_body_over_the_limit_is_413(server: Server) -> None:
    token = server.enroll("S001")

    def chunks():  # no Content-Length: the server must count what streams in
        for _ in range(40):
            yield b"y" * 65536

    with server.client(token) as client:
        response = client.post(
            "/sync/push", content=chunks(), headers={"Content-Type": "application/json"}
        )
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert_problem(response, 413, "payload_too_large")


def test_garbage_json_is_422(server: Server) -> None:
    token = server.enroll("S001")
    with server.client(token) as client:
        response = client.post(
            "/sync/push", content=b"{not json", headers={"Content-Type": "application/json"}
        )
    assert_problem(response, 422, "validation_error")


def test_unknown_route_is_404_problem(server: Server) -> None:
    with server.client() as client:
        assert_problem(client.get("/no-such-thing"), 404, "not_found")


def test_raw_socket_request_with_lying_content_length_gets_413(server: Server) -> None:
    host, port = "127.0.0.1", server.embedded.port
    with socket.create_connection((host, port), timeout=5) as sock:
        sock.sendall(
            b"POST /api/v1/sync/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 9999999\r\n\r\n{}"
        )
        reply = sock.recv(4096).decode(errors="replace")
    assert reply.startswith("HTTP/1.1 413")
    assert "payload_too_large" in reply
