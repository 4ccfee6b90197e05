"""A real OpenAI-compatible HTTP server for tests (stdlib ``http.server`` in a thread on loopback).

It serves ``POST /v1/chat/completions`` from a script of replies: plain text (answered as one JSON
completion, or as SSE chunks when the request asks for ``stream: true``), an HTTP error status, or a delay
longer than the client's timeout. Every request is recorded (path, headers, JSON body).
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Reply:
    """Text, or a function of the request body returning the text."""

    text: str | Callable[[dict], str]
    delay_s: float = 0.0


@dataclass
class Status:
    code: int
    message: str = "Fehler"


@dataclass
class Recorded:
    path: str
    headers: dict[str, str]
    body: dict

    @property
    def messages(self) -> list[dict]:
        return self.body.get("messages", [])


@dataclass
class ScriptedOpenAI:
    script: list[Reply | Status] = field(default_factory=list)
    requests: list[Recorded] = field(default_factory=list)
    default: Reply | Status = field(default_factory=lambda: Reply("Dazu enthalten die Dokumente keine Angaben."))
    port: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def next_action(self) -> Reply | Status:
        return self.script.pop(0) if self.script else self.default

    def start(self) -> ScriptedOpenAI:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:  # quiet test output
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                server.requests.append(Recorded(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    self._answer(body)

            def _answer(self, body: dict) -> None:
                if self.path != "/v1/chat/completions":
                    return self._send_json(404, {"error": {"message": f"unknown path {self.path}"}})
                action = server.next_action()
                if isinstance(action, Status):
                    return self._send_json(action.code, {"error": {"message": action.message, "type": "test"}})
                if action.delay_s:
                    time.sleep(action.delay_s)
                text = action.text(body) if callable(action.text) else action.text
                model = body.get("model", "")
                if body.get("stream"):
                    return self._send_stream(model, text)
                return self._send_json(200, _completion(model, text))

            def _send_json(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _send_stream(self, model: str, text: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                pieces = [text[i : i + 7] for i in range(0, len(text), 7)]
                chunks = [_chunk(model, {"role": "assistant", "content": ""}, None)]
                chunks += [_chunk(model, {"content": piece}, None) for piece in pieces]
                chunks.append(_chunk(model, {}, "stop"))
                for chunk in chunks:
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
                self.close_connection = True

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


def _completion(model: str, text: str) -> dict:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15},
    }


def _chunk(model: str, delta: dict, finish_reason: str | None) -> dict:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }
