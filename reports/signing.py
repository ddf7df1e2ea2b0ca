"""Ed25519 keys that sign evidence packs, so an evaluator can tell a pack issued by this office from
one edited afterwards.

`zwgk keys init` writes a key pair: the private key (PKCS#8 PEM, mode 0600, never put in a pack) and
its public key (SubjectPublicKeyInfo PEM, the file an office hands to evaluators). The report stage
signs each pack's manifest.json with the private key; the signature covers every file, because the
manifest holds each file's SHA-256 and size. A key is named by its fingerprint: the first 128 bits
of the SHA-256 of its 32 raw bytes, in hex.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

PRIVATE_NAME = "signing_key.pem"
PUBLIC_NAME = "signing_key.pub.pem"
KEY_ENV = "ZWGK_SIGNING_KEY"        # names the private key file, instead of the default location


class KeyProblem(ValueError):
    """A key file that is missing or is not an Ed25519 key (message in Chinese)."""


def default_key_dir() -> Path:
    """$XDG_CONFIG_HOME/zwgk (~/.config/zwgk): outside every run folder and every checkout, so a
    copied run or a commit never carries the private key."""
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "zwgk"


def default_key_path() -> Path:
    """The private key the report stage uses when none is named: $ZWGK_SIGNING_KEY, else the default."""
    named = os.environ.get(KEY_ENV)
    return Path(named) if named else default_key_dir() / PRIVATE_NAME


def init_keys(directory: Path) -> tuple[Path, Path]:
    """A new key pair in `directory`: (private key path, public key path). Refuses to replace a key."""
    directory = Path(directory)
    private, public = directory / PRIVATE_NAME, directory / PUBLIC_NAME
    for path in (private, public):
        if path.exists():
            raise FileExistsError(path)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    # created 0600 from the first byte: no moment when another user could read it
    fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    public.write_bytes(public_pem(key.public_key()))
    return private, public


def public_pem(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def fingerprint(key: Ed25519PublicKey) -> str:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:32]


def load_private(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(Path(path).read_bytes(), password=None)
    except OSError as exc:
        raise KeyProblem(f"无法读取签名私钥 {path}：{exc.strerror or exc}") from exc
    except (ValueError, TypeError) as exc:
        raise KeyProblem(f"{path} 不是可用的私钥：{exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyProblem(f"{path} 不是 Ed25519 私钥")
    return key


def parse_public(data: bytes, name: str) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as exc:
        raise KeyProblem(f"{name} 不是 PEM 格式的公钥") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise KeyProblem(f"{name} 不是 Ed25519 公钥")
    return key


def load_public(path: Path) -> Ed25519PublicKey:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise KeyProblem(f"无法读取公钥 {path}：{exc.strerror or exc}") from exc
    return parse_public(data, str(path))


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def signature_holds(key: Ed25519PublicKey, signature: bytes, data: bytes) -> bool:
    try:
        key.verify(signature, data)
    except InvalidSignature:
        return False
    return True
