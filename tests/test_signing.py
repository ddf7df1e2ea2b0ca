"""Signed evidence packs: `zwgk keys init` makes an Ed25519 key pair, the report stage (`zwgk report`)
signs each pack's manifest with it, and `zwgk verify` tells a pack issued with that key from one
edited afterwards or re-signed with another key (`--pubkey` pins the issuer). Everything through the
real CLI in subprocesses, with HOME and XDG_CONFIG_HOME pointing into the test's folder."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tests.test_cli import ROOT
from tests.test_verify import make_run, members, reseal

PACK = Path("reports") / "packs" / "u.zip"


def zwgk(*args, home: Path, **env) -> subprocess.CompletedProcess:
    """The real CLI with its own home: no key of the machine's user is seen or written."""
    environ = {k: v for k, v in os.environ.items() if k != "ZWGK_SIGNING_KEY"}
    environ.update({"PYTHONPATH": str(ROOT), "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), **env})
    return subprocess.run([sys.executable, "-m", "zwgk.cli", *map(str, args)], cwd=ROOT, env=environ,
                          capture_output=True, text=True, timeout=120, check=False)


def fingerprint_of(public_pem: bytes) -> str:
    """The fingerprint as documented (SHA-256 of the 32 raw key bytes, first 32 hex digits), computed here."""
    key = serialization.load_pem_public_key(public_pem)
    return hashlib.sha256(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)).hexdigest()[:32]


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """(home, run dir, public key file, fingerprint): keys made by `zwgk keys init` in the default
    place, then `zwgk report` signing the run's packs with them."""
    tmp = tmp_path_factory.mktemp("signed")
    home = tmp / "home"
    home.mkdir()
    made = zwgk("keys", "init", home=home)
    assert made.returncode == 0, made.stderr
    public = home / ".config" / "zwgk" / "signing_key.pub.pem"
    run = make_run(tmp)
    proc = zwgk("report", run, "--no-screenshots", home=home)
    assert proc.returncode == 0, proc.stderr
    fp = fingerprint_of(public.read_bytes())
    assert f"证据包已签名（密钥指纹 {fp}）" in proc.stdout.splitlines()
    return home, run, public, fp


def test_keys_init_writes_a_private_key_only_its_owner_can_read(tmp_path):
    home = tmp_path / "home"
    proc = zwgk("keys", "init", home=home)
    assert proc.returncode == 0, proc.stderr
    folder = home / ".config" / "zwgk"
    private, public = folder / "signing_key.pem", folder / "signing_key.pub.pem"
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0
    key = serialization.load_pem_private_key(private.read_bytes(), password=None)
    assert isinstance(key, Ed25519PrivateKey)
    assert fingerprint_of(public.read_bytes()) == fingerprint_of(
        key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    assert proc.stdout.splitlines()[2] == f"指纹：{fingerprint_of(public.read_bytes())}"


def test_keys_init_never_replaces_a_key(tmp_path):
    home = tmp_path / "home"
    assert zwgk("keys", "init", home=home).returncode == 0
    private = home / ".config" / "zwgk" / "signing_key.pem"
    before = private.read_bytes()
    again = zwgk("keys", "init", home=home)
    assert again.returncode == 2
    assert again.stderr.strip() == f"错误：{private} 已存在，不会覆盖（换一个 --dir，或先移走旧密钥）"
    assert private.read_bytes() == before


def test_keys_init_into_a_folder_and_report_with_key(tmp_path):
    home, folder = tmp_path / "home", tmp_path / "office-keys"
    proc = zwgk("keys", "init", "--dir", folder, home=home)
    assert proc.returncode == 0
    assert not (home / ".config" / "zwgk").exists()
    assert (folder / "signing_key.pem").exists() and (folder / "signing_key.pub.pem").exists()
    run = make_run(tmp_path)
    unsigned = zwgk("report", run, "--no-screenshots", home=home)
    assert "证据包未签名（没有签名密钥；可用 zwgk keys init 生成）" in unsigned.stdout.splitlines()
    assert "manifest.sig" not in members(run / PACK)
    fp = fingerprint_of((folder / "signing_key.pub.pem").read_bytes())
    for how in (["--key", folder / "signing_key.pem"], []):
        env = {} if how else {"ZWGK_SIGNING_KEY": str(folder / "signing_key.pem")}
        proc = zwgk("report", run, "--no-screenshots", *how, home=home, **env)
        assert proc.returncode == 0 and f"证据包已签名（密钥指纹 {fp}）" in proc.stdout.splitlines()
        verified = zwgk("verify", run / PACK, "--pubkey", folder / "signing_key.pub.pem", home=home)
        assert verified.returncode == 0 and f"签名有效（由 {fp} 签发）" in verified.stdout.splitlines()


@pytest.mark.parametrize("how", ["--key", "env"])
def test_a_named_key_that_cannot_be_used_exits_2_before_any_report(tmp_path, how):
    run = make_run(tmp_path)
    missing = tmp_path / "nowhere.pem"
    args, env = (["--key", missing], {}) if how == "--key" else ([], {"ZWGK_SIGNING_KEY": str(missing)})
    proc = zwgk("report", run, "--no-screenshots", *args, home=tmp_path / "home", **env)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"错误：无法读取签名私钥 {missing}：")
    assert not (run / "reports").exists()


def test_a_key_that_is_not_ed25519_exits_2(tmp_path):
    bad = tmp_path / "bad.pem"
    bad.write_text("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n")
    proc = zwgk("report", make_run(tmp_path), "--no-screenshots", "--key", bad, home=tmp_path / "home")
    assert proc.returncode == 2 and proc.stderr.startswith(f"错误：{bad} 不是可用的私钥")


def test_a_signed_pack_holds_the_signature_and_public_key_but_no_private_key(signed):
    home, run, public, _fp = signed
    contents = members(run / PACK)
    assert contents["public_key.pem"] == public.read_bytes()
    key = serialization.load_pem_public_key(contents["public_key.pem"])
    key.verify(contents["manifest.sig"], contents["manifest.json"])          # raises if it does not hold
    private = (home / ".config" / "zwgk" / "signing_key.pem").read_bytes()
    raw = serialization.load_pem_private_key(private, None).private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    whole = (run / PACK).read_bytes()
    assert all(private not in data and raw not in data for data in contents.values())
    assert b"PRIVATE" not in whole and not any(b"PRIVATE KEY" in d for d in contents.values())
    # the manifest does not list the files that sign it
    assert set(json.loads(contents["manifest.json"])["files"]) & {"manifest.sig", "public_key.pem"} == set()


def test_a_signed_pack_verifies_as_issued(signed):
    home, run, public, fp = signed
    for extra in ([], ["--pubkey", public]):
        proc = zwgk("verify", run / PACK, *extra, home=home)
        assert proc.returncode == 0, proc.stdout
        assert proc.stdout.splitlines() == ["证据包本身的 SHA-256 与 SHA256SUMS 一致", f"签名有效（由 {fp} 签发）",
                                            f"校验通过：{run / PACK} 中的每个文件都与 manifest.json 一致"]


def test_a_pack_edited_after_signing_is_told(signed, tmp_path):
    """The WARC and manifest.json edited together: every file agrees with the manifest, but the
    manifest is no longer the one signed."""
    home, run, public, _fp = signed
    warc = members(run / PACK)["pages.warc.gz"]
    forged = reseal(run / PACK, tmp_path / "f.zip", change={"pages.warc.gz": warc + warc})
    for extra in ([], ["--pubkey", public]):
        proc = zwgk("verify", forged, *extra, home=home)
        assert proc.returncode == 1
        assert proc.stdout.splitlines() == ["证据包本身的 SHA-256 未核对：旁边没有 SHA256SUMS，也未给出 --sha256",
                                            "签名无效：签发后被修改", f"校验未通过：{forged}"]


def resign(pack: Path, dst: Path, key: Ed25519PrivateKey) -> Path:
    """The pack with its manifest signed again by `key`, and `key`'s public key put in."""
    contents = members(pack)
    contents["manifest.sig"] = key.sign(contents["manifest.json"])
    contents["public_key.pem"] = key.public_key().public_bytes(serialization.Encoding.PEM,
                                                               serialization.PublicFormat.SubjectPublicKeyInfo)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in contents.items():
            zf.writestr(name, data)
    return dst


def test_a_pack_re_signed_with_another_key_is_not_issued_by_the_pinned_one(signed, tmp_path):
    home, run, public, fp = signed
    other = Ed25519PrivateKey.generate()
    edited = reseal(run / PACK, tmp_path / "e.zip", change={"整改清单.html": "<html>已整改</html>".encode()})
    forged = resign(edited, tmp_path / "f.zip", other)
    other_fp = fingerprint_of(members(forged)["public_key.pem"])
    assert other_fp != fp
    # unpinned, the signature holds but names the other key: the fingerprint is what to compare
    plain = zwgk("verify", forged, home=home)
    assert plain.returncode == 0 and f"签名有效（由 {other_fp} 签发）" in plain.stdout.splitlines()
    pinned = zwgk("verify", forged, "--pubkey", public, home=home)
    assert pinned.returncode == 1
    assert (f"签名不是指定的密钥签发：签发者为 {other_fp}，应为 {fp}（不是该机关签发的证据包）"
            in pinned.stdout.splitlines())


def test_a_signature_swapped_for_another_keys_over_the_same_manifest_is_told(signed, tmp_path):
    """The other key's public key left out: nothing in the pack can vouch for the signature."""
    home, run, _public, _fp = signed
    other = Ed25519PrivateKey.generate()
    contents = members(run / PACK)
    forged = tmp_path / "f.zip"
    with zipfile.ZipFile(forged, "w") as zf:
        for name, data in contents.items():
            zf.writestr(name, other.sign(contents["manifest.json"]) if name == "manifest.sig" else data)
    proc = zwgk("verify", forged, home=home)
    assert proc.returncode == 1 and "签名无效：签发后被修改" in proc.stdout.splitlines()


def test_an_unsigned_pack_fails_when_a_key_is_pinned(signed, tmp_path):
    home, run, public, fp = signed
    stripped = reseal(run / PACK, tmp_path / "f.zip", drop=["manifest.sig", "public_key.pem"])
    plain = zwgk("verify", stripped, home=home)
    assert plain.returncode == 0 and "未签名" in plain.stdout.splitlines()
    pinned = zwgk("verify", stripped, "--pubkey", public, home=home)
    assert pinned.returncode == 1 and f"未签名：要求由 {fp} 签发" in pinned.stdout.splitlines()


@pytest.mark.parametrize(("drop", "told"), [
    ("manifest.sig", "签名不完整：有 public_key.pem 而没有 manifest.sig"),
    ("public_key.pem", "签名无法核对：证据包中没有 public_key.pem（可用 --pubkey 指定公钥）")])
def test_half_a_signature_is_told(signed, tmp_path, drop, told):
    home, run, _public, _fp = signed
    contents = members(run / PACK)
    forged = tmp_path / "f.zip"
    with zipfile.ZipFile(forged, "w") as zf:
        for name, data in contents.items():
            if name != drop:
                zf.writestr(name, data)
    proc = zwgk("verify", forged, home=home)
    assert proc.returncode == 1 and told in proc.stdout.splitlines()


def test_a_public_key_in_the_pack_that_is_not_one_is_told(signed, tmp_path):
    home, run, _public, _fp = signed
    contents = members(run / PACK)
    forged = tmp_path / "f.zip"
    with zipfile.ZipFile(forged, "w") as zf:
        for name, data in contents.items():
            zf.writestr(name, b"not a key" if name == "public_key.pem" else data)
    proc = zwgk("verify", forged, home=home)
    assert proc.returncode == 1 and "签名无法核对：public_key.pem 不是 PEM 格式的公钥" in proc.stdout.splitlines()


@pytest.mark.parametrize("make", ["absent", "garbage", "private"])
def test_a_pinned_key_that_cannot_be_read_exits_2(signed, tmp_path, make):
    home, run, _public, _fp = signed
    path = tmp_path / "key.pem"
    if make == "garbage":
        path.write_text("不是公钥")
    elif make == "private":
        shutil.copy(home / ".config" / "zwgk" / "signing_key.pem", path)
    proc = zwgk("verify", run / PACK, "--pubkey", path, home=home)
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr
    expected = {"absent": f"错误：无法读取公钥 {path}：", "garbage": f"错误：{path} 不是 PEM 格式的公钥",
                "private": f"错误：{path} 不是 PEM 格式的公钥"}[make]
    assert proc.stderr.startswith(expected)


@pytest.mark.parametrize("command", [["run", "--program", "site_profiles/programs/demo.yaml"], ["demo"]])
def test_run_and_demo_refuse_a_named_key_they_cannot_read_before_crawling(tmp_path, command):
    missing = tmp_path / "nowhere.pem"
    proc = zwgk(*command, "--out", tmp_path / "runs", "--key", missing, home=tmp_path / "home")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith(f"错误：无法读取签名私钥 {missing}：")
    assert "演示世界已启动" not in proc.stdout and not (tmp_path / "runs").exists()
