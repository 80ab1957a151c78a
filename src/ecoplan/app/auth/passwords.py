"""Password hashing with Argon2id (argon2-cffi defaults, RFC 9106 low-memory profile)."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ecoplan.errors import InputError

MIN_LENGTH = 8
_hasher = PasswordHasher()


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
