"""Secrets the database keeps encrypted (a 钉钉 robot's 加签 secret): Fernet from ``cryptography``
(AES-128-CBC with an HMAC-SHA256 tag; the token carries its own IV and time stamp).

The key: ``ECOPLAN_SECRET_KEY`` (a Fernet key: 32 bytes, URL-safe Base64; make one with
``python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"``)
or else the file ``<data dir>/secret.key``, created (mode 0600) the first time a secret is kept.
Several hosts sharing one PostgreSQL database need the same key: set ``ECOPLAN_SECRET_KEY`` on
each (``docs/settings.md``). A database copied without its key loses the secrets, nothing else.
Stored values read ``fernet:<token>``; a value without the prefix is a secret kept in plain text
before encryption (migration ``0020_office`` encrypts those).
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken

from ecoplan.config import Settings
from ecoplan.errors import InputError

PREFIX = "fernet:"
KEY_FILE = "secret.key"


class SecretUnreadable(ValueError):
    """A stored secret the key at hand cannot decrypt (the key changed or was lost)."""


def settings_of(session) -> Settings:
    """The settings a session's factory was made with (:func:`ecoplan.app.db.make_sessionmaker`),
    else those of the environment (a script's own session)."""
    return session.info.get("settings") or Settings.from_env()


def _key(settings: Settings) -> bytes:
    if settings.secret_key:
        return settings.secret_key.encode()
    path = Path(settings.data_dir) / KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)  # with PostgreSQL nothing else made it yet
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_bytes().strip()
    with os.fdopen(fd, "wb") as out:  # first use: exactly one process creates it
        out.write(Fernet.generate_key())
    return path.read_bytes().strip()


def _fernet(settings: Settings) -> Fernet:
    try:
        return Fernet(_key(settings))
    except (ValueError, TypeError):
        raise InputError("ECOPLAN_SECRET_KEY 或 secret.key 不是有效的密钥（32 字节 URL-safe Base64）",
                         field="ECOPLAN_SECRET_KEY") from None


def is_sealed(stored: str) -> bool:
    return stored.startswith(PREFIX)


def seal(plain: str, settings: Settings) -> str:
    """``plain`` encrypted for the database ("" stays "": no secret)."""
    if not plain:
        return ""
    return PREFIX + _fernet(settings).encrypt(plain.encode()).decode()


def unseal(stored: str, settings: Settings) -> str:
    """The plain secret of a stored value (a legacy plain value as it is)."""
    if not is_sealed(stored):
        return stored
    try:
        return _fernet(settings).decrypt(stored[len(PREFIX):].encode()).decode()
    except InvalidToken:
        raise SecretUnreadable("无法解密机器人密钥：当前密钥（ECOPLAN_SECRET_KEY 或 secret.key）"
                               "不是加密时的密钥，请重新填写加签密钥") from None
