"""The hot-path HTTP/1.1 client: chunked decoding whatever the read boundaries, keep-alive reuse,
and the errors a proxy must tell apart (refused, timeout, closed mid-body)."""

from __future__ import annotations

import asyncio

import pytest

from spark_control.upstreams import http1

BODY = [b'data: {"a":1}\n\n', b'data: {"b":22}\n\n', b"x" * 300, b"data: [DONE]\n\n"]


def chunked(parts: list[bytes], trailer: bytes = b"") -> bytes:
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n" + trailer + b"\r\n"


class _Feed:
    """A ``_Conn`` stand-in fed by the test: only the buffer matters to ``Response._take``."""

    def __init__(self) -> None:
        self.buf = bytearray()
        self.closed = False


@pytest.mark.parametrize("trailer", [b"", b"x-trailer: 1\r\n"])
@pytest.mark.parametrize("step", [1, 2, 3, 7, 16, 1000])
def test_chunked_decoding_at_any_read_boundary(step: int, trailer: bytes) -> None:
    wire = chunked(BODY, trailer)
    feed = _Feed()
    resp = http1.Response(200, {"transfer-encoding": "chunked"}, feed, None, None, 1.0, "POST")  # type: ignore[arg-type]
    out = b""
    for i in range(0, len(wire), step):
        feed.buf += wire[i : i + step]
        out += resp._take()
    assert out == b"".join(BODY)
    assert resp._done and not feed.buf


def test_content_length_body() -> None:
    feed = _Feed()
    resp = http1.Response(200, {"content-length": "5"}, feed, None, None, 1.0, "POST")  # type: ignore[arg-type]
    feed.buf += b"hel"
    assert resp._take() == b"hel" and not resp._done
    feed.buf += b"lo"
    assert resp._take() == b"lo" and resp._done


async def _serve(handler) -> tuple[asyncio.Server, str]:
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    return server, f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"


async def _read_request(reader: asyncio.StreamReader) -> bytes:
    head = await reader.readuntil(b"\r\n\r\n")
    length = int(
        next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length"))
    )
    return await reader.readexactly(length)


async def test_keep_alive_reuses_one_connection() -> None:
    connections = 0

    async def handler(reader, writer):
        nonlocal connections
        connections += 1
        while True:
            try:
                body = await _read_request(reader)
            except asyncio.IncompleteReadError:
                break
            writer.write(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n" + chunked([body, body]))
            await writer.drain()
        writer.close()

    server, url = await _serve(handler)
    pool = http1.HTTP1Pool(read_timeout=2)
    try:
        for i in range(3):
            resp = await pool.request("POST", url, "/x", b"hi%d" % i)
            assert await resp.aread() == b"hi%d" % i * 2
            await resp.aclose()
        assert connections == 1
    finally:
        await pool.aclose()
        server.close()


async def test_errors_refused_timeout_and_cut_mid_body() -> None:
    pool = http1.HTTP1Pool(read_timeout=0.2, connect_timeout=1)

    async def silent(reader, writer):
        await _read_request(reader)
        await asyncio.sleep(5)

    async def cut(reader, writer):
        await _read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n")
        await writer.drain()
        writer.transport.abort()

    s1, silent_url = await _serve(silent)
    s2, cut_url = await _serve(cut)
    s3, closed_url = await _serve(silent)
    s3.close()
    await s3.wait_closed()
    try:
        with pytest.raises(http1.ConnectFailed):
            await pool.request("POST", closed_url, "/", b"x")
        with pytest.raises(http1.ReadTimeout):
            await pool.request("POST", silent_url, "/", b"x")
        resp = await pool.request("POST", cut_url, "/", b"x")
        got = []
        with pytest.raises(http1.ConnectionClosed):
            async for chunk in resp.aiter_raw():
                got.append(chunk)
        assert got == [b"hello"]
        await resp.aclose()
    finally:
        await pool.aclose()
        s1.close()
        s2.close()


async def test_read_timeout_counts_silence_not_total_time() -> None:
    """One lazily re-armed timer per connection: a stream whose gaps are all shorter than the
    read timeout runs for several timeouts; one gap longer than it is a ReadTimeout, also on a
    kept-alive connection reused after sitting idle for longer than the timeout."""
    pool = http1.HTTP1Pool(read_timeout=0.3)

    async def trickle(reader, writer):
        while True:
            what = await _read_request(reader)
            writer.write(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n")
            for _ in range(8):  # 8 x 0.1 s = 0.8 s in all, never 0.3 s of silence
                await asyncio.sleep(0.1)
                writer.write(b"1\r\nx\r\n")
                await writer.drain()
            if what == b"stall":
                await asyncio.sleep(0.6)
            writer.write(b"0\r\n\r\n")
            await writer.drain()

    server, url = await _serve(trickle)
    try:
        resp = await pool.request("POST", url, "/", b"ok")
        assert b"".join([c async for c in resp.aiter_raw()]) == b"x" * 8
        await resp.aclose()
        await asyncio.sleep(0.5)  # idle in the pool for longer than the read timeout
        resp = await pool.request("POST", url, "/", b"stall")
        got = []
        with pytest.raises(http1.ReadTimeout):
            async for chunk in resp.aiter_raw():
                got.append(chunk)
        assert b"".join(got) == b"x" * 8
        await resp.aclose()
    finally:
        await pool.aclose()
        server.close()
