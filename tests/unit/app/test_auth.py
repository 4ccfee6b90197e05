import pytest

from assistant.app.auth import authenticator, hash_password, verify_password
from assistant.errors import UserError


def test_hash_and_verify():
    stored = hash_password("Rathaus-2026")
    assert stored.startswith("scrypt$")
    assert verify_password("Rathaus-2026", stored)
    assert not verify_password("rathaus-2026", stored)
    assert hash_password("Rathaus-2026") != stored  # salted


def test_malformed_hashes_never_match():
    assert not verify_password("x", "klartext")
    assert not verify_password("x", "scrypt$1$2$3$@@$@@")


def test_authenticator_is_off_without_users_and_checks_names():
    assert authenticator({}) is None
    login = authenticator({"anna": hash_password("geheim")})
    assert login("anna", "geheim")
    assert not login("anna", "falsch")
    assert not login("bernd", "geheim")


def test_unusable_hash_in_settings_fails_at_start():
    with pytest.raises(UserError, match="--hash-password"):
        authenticator({"anna": "geheim"})


def test_empty_password_is_refused():
    with pytest.raises(UserError):
        hash_password("")
