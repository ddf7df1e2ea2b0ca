"""`zwgk verify` and reports/packs.py `verify_pack`: an evidence pack made the real way (a hand-made
run, audited and rendered without screenshots), then every way it can stop matching its manifest:
a file altered, missing, added, duplicated or corrupted inside the zip; the manifest missing or not
a manifest; a file that is not a zip at all."""
from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import struct
import zipfile
from pathlib import Path

import pytest

from checks.engine import audit_run
from crawler.warc import WarcCapture
from reports.packs import verify_pack
from reports.render import render_reports
from tests.minisnap import DISCLOSURE, Mini
from tests.test_cli import zwgk

SHOT = "evidence/0001-home.png"
FILES = {"整改清单.xlsx", "整改清单.html", "pages.warc.gz", "findings.json", SHOT}


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    """packs/u.zip of a one-unit run, built by render_reports; one finding cites a screenshot."""
    tmp = tmp_path_factory.mktemp("pack")
    m = Mini(tmp)
    item = m.item(published="2019-09-03")
    with WarcCapture(tmp / "run" / "capture.warc.gz") as warc:
        warc.record_response(DISCLOSURE, 200, "OK", [("Content-Type", "text/html")], "<html>首页</html>".encode())
        warc.record_response(item["url"], 200, "OK", [("Content-Type", "text/html; charset=utf-8")],
                             f"<html><h1>{item['title']}</h1></html>".encode())
    m.snap.close()
    run = tmp / "run"
    audit_run(run)
    (run / "evidence").mkdir()
    (run / "evidence" / Path(SHOT).name).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    db = sqlite3.connect(run / "snapshot.db")
    with db:
        db.execute("update findings set evidence = json_set(coalesce(evidence, '{}'), '$.screenshot', ?) "
                   "where id = (select min(id) from findings)", [Path(SHOT).name])
    db.close()
    render_reports(run, screenshots=False)
    return run / "reports" / "packs" / "u.zip"


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def manifest_of(path: Path) -> dict[str, str]:
    return {name: entry["sha256"] for name, entry in json.loads(members(path)["manifest.json"])["files"].items()}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def repack(src: Path, dst: Path, change=None, drop=(), add=None) -> Path:
    """A copy of the pack with members changed (`change`: name → new bytes), dropped or added."""
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members(src).items():
            if name not in drop:
                out.writestr(name, (change or {}).get(name, data))
        for name, data in (add or {}).items():
            out.writestr(name, data)
    return dst


def test_an_intact_pack_verifies(pack):
    contents = members(pack)
    assert set(contents) == FILES | {"manifest.json"}
    # the manifest records each file's own hash, computed here independently
    assert manifest_of(pack) == {name: sha(contents[name]) for name in FILES}
    assert verify_pack(pack) == []
    proc = zwgk("verify", pack)
    assert proc.returncode == 0 and f"校验通过：{pack}" in proc.stdout


@pytest.mark.parametrize("name", sorted(FILES))
def test_an_altered_file_is_named_with_both_hashes(pack, tmp_path, name):
    changed = members(pack)[name] + b"\x00"
    tampered = repack(pack, tmp_path / "t.zip", change={name: changed})
    expected = manifest_of(pack)[name]
    assert verify_pack(tampered) == [f"文件已被修改：{name}（SHA-256 应为 {expected[:16]}…，实为 {sha(changed)[:16]}…）"]


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_missing_file_is_named(pack, tmp_path, name):
    assert verify_pack(repack(pack, tmp_path / "t.zip", drop=[name])) == [f"缺少文件：{name}"]


def test_files_not_in_the_manifest_are_named(pack, tmp_path):
    tampered = repack(pack, tmp_path / "t.zip", add={"说明.txt": "补充".encode(), "evidence/0002-x.png": b"png"})
    assert verify_pack(tampered) == ["多出未登记的文件：evidence/0002-x.png", "多出未登记的文件：说明.txt"]


def test_every_problem_of_a_pack_is_told_and_exits_1(pack, tmp_path):
    tampered = repack(pack, tmp_path / "t.zip", change={"整改清单.html": b"<html></html>"}, drop=["pages.warc.gz"],
                      add={"extra.bin": b"x"})
    problems = verify_pack(tampered)
    assert len(problems) == 3
    assert sorted(p.split("：")[0] for p in problems) == sorted(["文件已被修改", "缺少文件", "多出未登记的文件"])
    assert "整改清单.html" in problems[1] and "pages.warc.gz" in problems[0] and "extra.bin" in problems[2]
    proc = zwgk("verify", tampered)
    assert proc.returncode == 1
    assert proc.stdout.splitlines() == [*problems, f"校验未通过：{tampered}"]
    assert "Traceback" not in proc.stderr


def test_a_second_entry_of_the_same_name_is_told(pack, tmp_path):
    tampered = shutil.copy(pack, tmp_path / "t.zip")
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(tampered, "a") as zf:
        zf.writestr("整改清单.html", b"<html>another</html>")
    # whichever entry a tool shows, the pack is not as it was made
    assert "文件重复出现：整改清单.html" in verify_pack(tampered)


def _data_offset(path: Path, name: str) -> tuple[int, int]:
    """Where `name`'s compressed bytes sit in the zip file, and how many there are."""
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
    with open(path, "rb") as f:
        f.seek(info.header_offset + 26)
        name_len, extra_len = struct.unpack("<HH", f.read(4))
    return info.header_offset + 30 + name_len + extra_len, info.compress_size


@pytest.mark.parametrize("name", ["整改清单.html", "manifest.json"])
def test_bytes_edited_inside_the_zip_are_told_not_raised(pack, tmp_path, name):
    tampered = tmp_path / "t.zip"
    raw = bytearray(pack.read_bytes())
    start, size = _data_offset(pack, name)
    raw[start + size // 2] ^= 0xFF
    tampered.write_bytes(bytes(raw))
    problems = verify_pack(tampered)
    assert len(problems) == 1
    assert problems[0].startswith("文件已损坏：整改清单.html" if name != "manifest.json" else "manifest.json 无法读取")
    proc = zwgk("verify", tampered)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr and problems[0] in proc.stdout


def test_a_pack_without_its_manifest(pack, tmp_path):
    assert verify_pack(repack(pack, tmp_path / "t.zip", drop=["manifest.json"])) == ["证据包中没有 manifest.json"]


@pytest.mark.parametrize("manifest", [
    b"not json", "清单".encode("gbk"), b"[]", b'{"algorithm": "sha256"}', b'{"files": []}',
    '{"files": {"整改清单.html": "abc"}}'.encode(), '{"files": {"整改清单.html": {"bytes": 3}}}'.encode(),
    '{"files": {"整改清单.html": {"sha256": 7}}}'.encode(),
])
def test_a_manifest_that_cannot_be_read_is_told(pack, tmp_path, manifest):
    tampered = repack(pack, tmp_path / "t.zip", change={"manifest.json": manifest})
    problems = verify_pack(tampered)
    assert len(problems) == 1 and problems[0].startswith("manifest.json 无法读取：")
    if manifest == b"[]":
        proc = zwgk("verify", tampered)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr and problems[0] in proc.stdout


@pytest.mark.parametrize("make", ["text", "empty", "truncated", "folder", "absent"])
def test_a_file_that_is_not_a_zip_is_told_in_chinese_and_exits_1(pack, tmp_path, make):
    path = tmp_path / "p.zip"
    if make == "text":
        path.write_text("这不是证据包", encoding="utf-8")
    elif make == "empty":
        path.write_bytes(b"")
    elif make == "truncated":
        path.write_bytes(pack.read_bytes()[: pack.stat().st_size // 2])
    elif make == "folder":
        path.mkdir()
    problems = verify_pack(path)
    assert len(problems) == 1 and problems[0].startswith(f"无法打开证据包 {path}：")
    proc = zwgk("verify", path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout.splitlines() == [problems[0], f"校验未通过：{path}"]
