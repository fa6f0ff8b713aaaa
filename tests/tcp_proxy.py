"""A TCP proxy on 127.0.0.1 that can be cut and restored: to its clients, a cut looks like
the server behind it restarting (open connections reset, new ones refused for a while)."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any


class TcpProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = 0  # chosen by the system on the first start, then kept
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._handlers: set[asyncio.Task[Any]] = set()

    async def start(self) -> None:
        """Listen (again, after a cut) on the same port."""
        self._server = await asyncio.start_server(self._connect, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        """Reset every open connection and stop listening: new connections are refused."""
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()
        if self._handlers:
            await asyncio.wait(list(self._handlers))
        if self._server is not None:
            await self._server.wait_closed()
            self._server = None

    restore = start

    async def _connect(self, client_in: asyncio.StreamReader, client: asyncio.StreamWriter) -> None:
        handler = asyncio.current_task()
        assert handler is not None
        self._handlers.add(handler)
        self._writers.add(client)
        try:
            await self._forward(client_in, client)
        finally:
            self._writers.discard(client)
            client.transport.abort()
            self._handlers.discard(handler)

    async def _forward(self, client_in: asyncio.StreamReader, client: asyncio.StreamWriter) -> None:
        try:
            upstream_in, upstream = await asyncio.open_connection(*self.target)
        except OSError:
            return
        self._writers.add(upstream)
        pipes = [
            asyncio.create_task(self._pipe(client_in, upstream)),
            asyncio.create_task(self._pipe(upstream_in, client)),
        ]
        await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
        for writer in (client, upstream):  # one side ended: end the other one too
            writer.transport.abort()
        self._writers.discard(upstream)
        await asyncio.wait(pipes)

    @staticmethod
    async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, OSError):
            while data := await source.read(65536):
                sink.write(data)
                await sink.drain()
