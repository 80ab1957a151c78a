"""Password hashing with Argon2id, RFC 9106 §4 second recommended option ("low memory":
t=3, m=64 MiB, p=4), argon2-cffi's default. Verification reads the parameters from the hash,
so raising them later keeps old hashes valid."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from argon2.profiles import RFC_9106_LOW_MEMORY

from ecoplan.errors import InputError

MIN_LENGTH = 8
PRODUCTION_HASHER = PasswordHasher.from_parameters(RFC_9106_LOW_MEMORY)
# Tests swap in a cheap hasher (tests/app/conftest.py); nothing else changes this.
_hasher = PRODUCTION_HASHER


def hash_password(password: str) -> str:
    check_strength(password)
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_strength(password: str) -> None:
    """Refuse passwords a person should not use: too short, or one repeated character."""
    if len(password) < MIN_LENGTH:
        raise InputError(f"密码至少需要 {MIN_LENGTH} 个字符", field="密码")
    if len(set(password)) < 3:
        raise InputError("密码过于简单，请混合使用字母、数字或符号", field="密码")
