"""Optional login: password hashes with the standard library's scrypt (no extra dependency).

A hash looks like ``scrypt$16384$8$1$<salt b64>$<hash b64>``; ``assistant serve --hash-password``
prints one for the settings (``[app.users]`` in assistant.toml).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Callable, Mapping

from assistant.errors import UserError

_N, _R, _P = 2**14, 8, 1
_PREFIX = "scrypt"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    if not password:
        raise UserError("Das Passwort darf nicht leer sein.")
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"{_PREFIX}${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """True if ``password`` matches ``stored``; a malformed hash never matches."""
    try:
        prefix, n, r, p, salt, expected = stored.split("$")
        if prefix != _PREFIX:
            return False
        salt_bytes, expected_bytes = base64.b64decode(salt), base64.b64decode(expected)
        digest = hashlib.scrypt(
            password.encode("utf-8"),
            salt=salt_bytes,
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected_bytes),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected_bytes)


def check_users(users: Mapping[str, str]) -> None:
    """Fail at start-up, not at the first login, when a configured hash cannot be used."""
    for name, stored in users.items():
        parts = stored.split("$")
        if len(parts) != 6 or parts[0] != _PREFIX:
            raise UserError(
                f"Der Passwort-Hash für „{name}“ in app.users ist ungültig; erzeugen Sie ihn mit "
                "„assistant serve --hash-password“."
            )


def authenticator(users: Mapping[str, str]) -> Callable[[str, str], bool] | None:
    """The login check for Gradio, or None when no users are configured (no login)."""
    if not users:
        return None
    check_users(users)
    known = dict(users)

    def authenticate(username: str, password: str) -> bool:
        stored = known.get(username)
        if stored is None:
            # same work for unknown names, so timing does not reveal which names exist
            verify_password(password, hash_password("x", salt=b"0" * 16))
            return False
        return verify_password(password, stored)

    return authenticate
