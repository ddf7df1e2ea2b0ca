"""`zwgk verify` and reports/packs.py `check_pack`/`verify_pack`: an evidence pack made the real way (a
hand-made run, audited and rendered without screenshots), then every way it can stop matching what
was issued: a file altered, missing, added, duplicated or corrupted inside the zip; the manifest
missing or not a manifest; a file that is not a zip at all; and the forgeries a careful forger makes,
who rewrites manifest.json to match (caught by the pack's own hash in SHA256SUMS or --sha256, and by
the screenshots and WARC records the list cites); unsafe entry names; absurd declared sizes."""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

from checks.engine import audit_run
from crawler.warc import WarcCapture
from reports import packs
from reports.packs import check_pack, verify_pack
from reports.render import render_reports
from tests.minisnap import DISCLOSURE, Mini
from tests.test_cli import ROOT, zwgk

SHOT = "evidence/0001-home.png"
FILES = {"整改清单.xlsx", "整改清单.html", "pages.warc.gz", "findings.json", SHOT}
UNSIGNED_AND_SUMMED = ["证据包本身的 SHA-256 与 SHA256SUMS 一致", "未签名"]


def make_run(tmp: Path) -> Path:
    """A one-unit run, audited; its first finding cites a screenshot, many cite the captured page."""
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
    return run


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> Path:
    """packs/u.zip of a one-unit run, built by render_reports, with SHA256SUMS beside it."""
    run = make_run(tmp_path_factory.mktemp("pack"))
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


def reseal(src: Path, dst: Path, change=None, drop=(), add=None) -> Path:
    """What a careful forger makes: files changed, dropped or added AND manifest.json rewritten to
    match them, so that every file agrees with the manifest."""
    contents = {n: d for n, d in members(src).items() if n not in drop and n != "manifest.json"}
    contents.update(change or {})
    contents.update(add or {})
    files = {n: {"sha256": sha(d), "bytes": len(d)} for n, d in sorted(contents.items())
             if n not in ("manifest.sig", "public_key.pem")}
    contents["manifest.json"] = json.dumps({"algorithm": "sha256", "files": files}, ensure_ascii=False).encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in contents.items():
            out.writestr(name, data)
    return dst


def warc_records(data: bytes) -> list[tuple[str, str]]:
    """(WARC-Record-ID, WARC-Target-URI) of each record of a .warc.gz, read here with warcio."""
    return [(r.rec_headers.get_header("WARC-Record-ID"), r.rec_headers.get_header("WARC-Target-URI"))
            for r in ArchiveIterator(io.BytesIO(data))]


def test_an_intact_pack_verifies(pack):
    contents = members(pack)
    assert set(contents) == FILES | {"manifest.json"}
    # the manifest records each file's own hash and size, computed here independently
    recorded = json.loads(contents["manifest.json"])["files"]
    assert recorded == {name: {"sha256": sha(contents[name]), "bytes": len(contents[name])} for name in FILES}
    # findings.json cites the screenshot and exactly the records pages.warc.gz holds
    cited = json.loads(contents["findings.json"])["findings"]
    assert cited[0]["screenshot"] == SHOT
    assert {(r["record_id"], r["url"]) for f in cited for r in f["records"]} == set(warc_records(contents["pages.warc.gz"]))
    assert DISCLOSURE in {r["url"] for f in cited for r in f["records"]}
    assert verify_pack(pack) == []
    assert check_pack(pack).notes == UNSIGNED_AND_SUMMED
    proc = zwgk("verify", pack)
    assert proc.returncode == 0
    assert proc.stdout.splitlines() == [*UNSIGNED_AND_SUMMED, f"校验通过：{pack} 中的每个文件都与 manifest.json 一致"]


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_file_of_another_size_is_named_with_both_sizes(pack, tmp_path, name):
    changed = members(pack)[name] + b"\x00"
    tampered = repack(pack, tmp_path / "t.zip", change={name: changed})
    assert verify_pack(tampered) == [f"文件已被修改：{name}（大小应为 {len(changed) - 1} 字节，实为 {len(changed)} 字节）"]


@pytest.mark.parametrize("name", sorted(FILES))
def test_a_file_altered_in_place_is_named_with_both_hashes(pack, tmp_path, name):
    original = members(pack)[name]
    changed = original[:-1] + bytes([original[-1] ^ 0x01])     # same size, one bit different
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
    assert proc.stdout.splitlines() == ["证据包本身的 SHA-256 未核对：旁边没有 SHA256SUMS，也未给出 --sha256", "未签名",
                                        *problems, f"校验未通过：{tampered}"]
    assert "Traceback" not in proc.stderr


# --- the pack's own hash: SHA256SUMS beside it, or --sha256 ---

def beside_sums(pack: Path, forged: Path, folder: Path) -> Path:
    """The forged pack under the original's name, next to the SHA256SUMS the report stage wrote."""
    folder.mkdir()
    shutil.copy(pack.parent / "SHA256SUMS", folder / "SHA256SUMS")
    return Path(shutil.copy(forged, folder / pack.name))


def forged_warc(pack: Path, url: str | None = None) -> bytes:
    """pages.warc.gz with its page's body changed (and its URL, if given), record ids kept, digests
    and all rewritten by warcio: a WARC that is valid on its own."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for record in ArchiveIterator(io.BytesIO(members(pack)["pages.warc.gz"])):
        body = record.content_stream().read().replace("首页".encode(), "伪造的首页".encode())
        writer.write_record(writer.create_warc_record(
            url or record.rec_headers.get_header("WARC-Target-URI"), "response", payload=io.BytesIO(body),
            length=len(body), http_headers=record.http_headers,
            warc_headers_dict={"WARC-Record-ID": record.rec_headers.get_header("WARC-Record-ID")}))
    return out.getvalue()


def test_a_warc_and_manifest_edited_together_are_caught_by_sha256sums(pack, tmp_path):
    forged = reseal(pack, tmp_path / "f.zip", change={"pages.warc.gz": forged_warc(pack)})
    assert verify_pack(forged) == []              # alone, every file agrees with the rewritten manifest
    placed = beside_sums(pack, forged, tmp_path / "packs")
    wanted = (pack.parent / "SHA256SUMS").read_text().split()[0]
    problem = (f"证据包本身已被修改：与 SHA256SUMS 不符（SHA-256 应为 {wanted[:16]}…，"
               f"实为 {sha(placed.read_bytes())[:16]}…）")
    assert verify_pack(placed) == [problem]
    proc = zwgk("verify", placed)
    assert (proc.returncode, proc.stdout.splitlines()) == (1, ["未签名", problem, f"校验未通过：{placed}"])


def test_a_pack_hash_given_on_the_command_line_is_checked_instead(pack, tmp_path):
    forged = reseal(pack, tmp_path / "f.zip", change={"pages.warc.gz": forged_warc(pack)})
    good = sha(pack.read_bytes())
    proc = zwgk("verify", forged, "--sha256", good.upper())
    assert proc.returncode == 1
    assert (f"证据包本身已被修改：与 --sha256 不符（SHA-256 应为 {good[:16]}…，实为 {sha(forged.read_bytes())[:16]}…）"
            in proc.stdout.splitlines())
    proc = zwgk("verify", pack, "--sha256", good)
    assert proc.returncode == 0 and "证据包本身的 SHA-256 与 --sha256 一致" in proc.stdout.splitlines()


def test_a_pack_sha256sums_does_not_list_is_told(pack, tmp_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    copy = Path(shutil.copy(pack, folder / "other.zip"))
    shutil.copy(pack.parent / "SHA256SUMS", folder / "SHA256SUMS")
    assert verify_pack(copy) == ["SHA256SUMS 中没有 other.zip：证据包本身无从核对"]


@pytest.mark.parametrize(("line", "told"), [
    ("0" * 64 + "  other.zip", []), ("0" * 63 + "  other.zip", ["SHA256SUMS 第 2 行无法读取"]),
    ("0" * 64 + " other.zip", ["SHA256SUMS 第 2 行无法读取"]), ("0" * 64 + " *other.zip", [])])
def test_a_sha256sums_line_that_cannot_be_read_is_told(pack, tmp_path, line, told):
    folder = tmp_path / "packs"
    folder.mkdir()
    copy = Path(shutil.copy(pack, folder / pack.name))
    (folder / "SHA256SUMS").write_text((pack.parent / "SHA256SUMS").read_text() + line + "\n\n")
    assert verify_pack(copy) == told


@pytest.mark.parametrize("given", ["abc", "g" * 64, "0" * 63, "0" * 65])
def test_a_malformed_sha256_argument_exits_2(pack, given):
    proc = zwgk("verify", pack, "--sha256", given)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip() == f"错误：--sha256 应为 64 位十六进制数：{given!r}"


# --- what the list cites ---

def test_a_screenshot_removed_with_its_manifest_entry_is_told(pack, tmp_path):
    forged = reseal(pack, tmp_path / "f.zip", drop=[SHOT])
    problems = verify_pack(forged)
    assert problems == [f"缺少整改清单引用的截图：{SHOT}（第 1 条）"]
    proc = zwgk("verify", forged)
    assert proc.returncode == 1 and problems[0] in proc.stdout.splitlines()


def test_a_warc_record_removed_with_the_manifest_rewritten_is_told(pack, tmp_path):
    contents = members(pack)
    cited = json.loads(contents["findings.json"])["findings"]
    (record_id, url), = warc_records(contents["pages.warc.gz"])
    rows = [f["no"] for f in cited if f["records"]]
    # the same WARC, written again without the page's record
    forged = reseal(pack, tmp_path / "f.zip", change={"pages.warc.gz": gzip.compress(b"")})
    problem = (f"缺少整改清单引用的网页记录：{url}（{record_id}，"
               f"第 {rows[0]}、{rows[1]}、{rows[2]} 条等 {len(rows)} 条引用）")
    assert verify_pack(forged) == [problem]


def test_a_record_id_kept_for_another_page_is_told(pack, tmp_path):
    (record_id, url), = warc_records(members(pack)["pages.warc.gz"])
    forged = reseal(pack, tmp_path / "f.zip", change={"pages.warc.gz": forged_warc(pack, url=url + "?v=2")})
    assert warc_records(members(forged)["pages.warc.gz"]) == [(record_id, url + "?v=2")]
    problems = verify_pack(forged)
    assert len(problems) == 1 and problems[0].startswith(f"缺少整改清单引用的网页记录：{url}（{record_id}，")


def test_the_whole_warc_removed_with_its_manifest_entry_is_told(pack, tmp_path):
    forged = reseal(pack, tmp_path / "f.zip", drop=["pages.warc.gz"])
    assert verify_pack(forged) == ["缺少整改清单引用的网页存档：pages.warc.gz（1 条记录）"]


def test_a_record_whose_body_no_longer_matches_its_warc_digest_is_told(pack, tmp_path):
    raw = gzip.decompress(members(pack)["pages.warc.gz"])
    edited = raw.replace("首页".encode(), "假页".encode())        # same length: the record still parses
    assert edited != raw
    (record_id, url), = warc_records(members(pack)["pages.warc.gz"])
    forged = reseal(pack, tmp_path / "f.zip", change={"pages.warc.gz": gzip.compress(edited)})
    assert verify_pack(forged) == [f"网页记录与其 WARC 摘要不符：{url}（{record_id}）"]


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_the_unpacked_warc_limit_holds_at_its_real_size(pack, monkeypatch, offset):
    size = len(gzip.decompress(members(pack)["pages.warc.gz"]))      # every gzip member, unpacked here
    monkeypatch.setattr(packs, "MAX_WARC_BYTES", size + offset)
    expected = [f"网页存档解压后大小不合理：pages.warc.gz 超过 {size - 1} 字节；未读取其中的记录"] if offset < 0 else []
    assert verify_pack(pack) == expected


def test_a_gzip_bomb_inside_the_warc_is_not_unpacked(pack, tmp_path, monkeypatch):
    """The zip entry is small and honest; one of the WARC's own gzip members unpacks to 65 MiB."""
    monkeypatch.setattr(packs, "MAX_WARC_BYTES", 64 << 20)
    bomb = members(pack)["pages.warc.gz"] + gzip.compress(bytes(65 << 20))
    assert len(bomb) < 1 << 20
    forged = reseal(pack, tmp_path / "f.zip", change={"pages.warc.gz": bomb})
    assert verify_pack(forged) == [f"网页存档解压后大小不合理：pages.warc.gz 超过 {64 << 20} 字节；未读取其中的记录"]
    # the count stops a chunk past the limit: a bigger bomb costs no more
    assert (1 << 20) < packs._unpacked_size(io.BytesIO(bomb), 1 << 20) <= (1 << 20) + packs.CHUNK


@pytest.mark.parametrize("warc", [b"not gzip", gzip.compress(b"not a warc record")])
def test_a_warc_that_cannot_be_read_is_told(pack, tmp_path, warc):
    problems = verify_pack(reseal(pack, tmp_path / "f.zip", change={"pages.warc.gz": warc}))
    assert len(problems) == 1 and problems[0].startswith("网页存档无法读取：pages.warc.gz（")


def test_findings_json_removed_with_its_manifest_entry_is_told(pack, tmp_path):
    forged = reseal(pack, tmp_path / "f.zip", drop=["findings.json"])
    assert verify_pack(forged) == ["证据包中没有 findings.json：无法核对整改清单引用的截图和网页记录"]


@pytest.mark.parametrize("findings", [
    b"[]", b'{"findings": {}}', b'{"findings": [{"rule": "X"}]}',
    b'{"findings": [{"no": 1, "screenshot": 3}]}', b'{"findings": [{"no": 1, "records": [{"url": "u"}]}]}',
    b'{"findings": [], "findings": []}',
])
def test_a_findings_file_that_cannot_be_read_is_told(pack, tmp_path, findings):
    problems = verify_pack(reseal(pack, tmp_path / "f.zip", change={"findings.json": findings}))
    assert len(problems) == 1 and problems[0].startswith("findings.json 无法读取：")


# --- entry names ---

@pytest.mark.parametrize(("name", "why"), [
    ("/etc/cron.d/x", "绝对路径"), ("\\Windows\\x", "绝对路径"), ("C:/x.png", "含盘符"), ("c:x.png", "含盘符"),
    ("evidence\\x.png", "含反斜杠"), ("ab:c.png", "含冒号"), ("evidence/x.png:stream", "含冒号"),
    ("../x.png", "含 ..，会跳出解压目录"),
    ("evidence/../../x.png", "含 ..，会跳出解压目录"), ("evidence/x\x01.png", "含控制字符"),
    ("x\x7f.png", "含控制字符"),
])
def test_an_unsafe_entry_name_is_refused(pack, tmp_path, name, why):
    tampered = repack(pack, tmp_path / "t.zip", add={name: b"x"})
    assert verify_pack(tampered) == [f"不安全的文件名：{name!r}（{why}）"]


@pytest.mark.parametrize("name", ["evidence/..x.png", "evidence/x..png", "evidence/c", "整改清单 (1).html", "证据/截图.png"])
def test_names_that_only_look_odd_are_not_unsafe(name):
    assert packs.unsafe_name(name) is None


def test_an_unsafe_name_is_refused_also_when_the_manifest_lists_it(pack, tmp_path):
    forged = reseal(pack, tmp_path / "f.zip", add={"../../.bashrc": b"echo owned"})
    assert verify_pack(forged) == ["不安全的文件名：'../../.bashrc'（含 ..，会跳出解压目录）"]
    proc = zwgk("verify", forged)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr


def test_a_second_entry_of_the_same_name_is_told(pack, tmp_path):
    tampered = shutil.copy(pack, tmp_path / "t.zip")
    with pytest.warns(UserWarning, match="Duplicate name"), zipfile.ZipFile(tampered, "a") as zf:
        zf.writestr("整改清单.html", b"<html>another</html>")
    # whichever entry a tool shows, the pack is not as it was made
    assert "文件重复出现：整改清单.html" in verify_pack(tampered)
    proc = zwgk("verify", tampered)
    assert proc.returncode == 1 and "文件重复出现：整改清单.html" in proc.stdout.splitlines()


def test_a_duplicate_that_differs_only_in_case_is_told(pack, tmp_path):
    forged = reseal(pack, tmp_path / "f.zip", add={"Evidence/0001-home.png": b"another picture"})
    assert verify_pack(forged) == [
        "文件名只差大小写或 Unicode 写法，解压后会互相覆盖：Evidence/0001-home.png、evidence/0001-home.png"]


def test_a_duplicate_that_differs_only_in_unicode_form_is_told(pack, tmp_path):
    nfc, nfd = unicodedata.normalize("NFC", "说明é.txt"), unicodedata.normalize("NFD", "说明é.txt")
    assert nfc != nfd
    forged = reseal(pack, tmp_path / "f.zip", add={nfc: b"a", nfd: b"b"})
    assert verify_pack(forged) == [f"文件名只差大小写或 Unicode 写法，解压后会互相覆盖：{'、'.join(sorted([nfc, nfd]))}"]


def test_a_manifest_naming_a_file_twice_is_refused(pack, tmp_path):
    text = members(pack)["manifest.json"].decode()
    forged_entry = '"整改清单.html": {"sha256": "' + "0" * 64 + '", "bytes": 1},\n  "整改清单.html": {'
    text = text.replace('"整改清单.html": {', forged_entry, 1)
    problems = verify_pack(repack(pack, tmp_path / "t.zip", change={"manifest.json": text.encode()}))
    assert problems == ["manifest.json 无法读取：键重复出现：整改清单.html"]


# --- sizes: recorded, declared, and a zip bomb ---

def patch_entry(path: Path, name: str, central_at: int, local_at: int, fmt: str, value) -> None:
    """Overwrite one field of `name`'s central directory record and of its local header."""
    raw = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(name)
    struct.pack_into(fmt, raw, info.header_offset + local_at, value)
    at = 0
    while True:                                     # the central directory record of `name`
        at = raw.index(b"PK\x01\x02", at)
        n_len = struct.unpack_from("<H", raw, at + 28)[0]
        if bytes(raw[at + 46: at + 46 + n_len]) == name.encode("utf-8"):
            break
        at += 4
    struct.pack_into(fmt, raw, at + central_at, value)
    path.write_bytes(bytes(raw))


def set_declared_size(path: Path, name: str, size: int) -> None:
    """Make the zip claim `name` unpacks to `size` bytes."""
    patch_entry(path, name, 24, 22, "<I", size)


@pytest.mark.parametrize(("declared", "refused"), [
    (packs.MAX_ENTRY_BYTES - 1, False), (packs.MAX_ENTRY_BYTES, False), (packs.MAX_ENTRY_BYTES + 1, True)])
def test_a_declared_size_beyond_the_limit_is_refused_unread(pack, tmp_path, declared, refused):
    tampered = Path(shutil.copy(pack, tmp_path / "t.zip"))
    set_declared_size(tampered, "整改清单.html", declared)
    recorded = len(members(pack)["整改清单.html"])
    problems = verify_pack(tampered)
    if refused:
        assert problems == [f"文件声明的大小不合理，未解压：整改清单.html（{declared} 字节，上限 {packs.MAX_ENTRY_BYTES} 字节）"]
    else:   # within the limit it is compared with the manifest, still unread
        assert problems == [f"文件已被修改：整改清单.html（大小应为 {recorded} 字节，实为 {declared} 字节）"]


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_a_pack_declaring_too_much_in_all_is_refused_unread(pack, tmp_path, offset):
    """Six entries (five files and the manifest), each within the entry limit: together at most
    MAX_PACK_BYTES."""
    tampered = Path(shutil.copy(pack, tmp_path / "t.zip"))
    names = sorted(FILES) + ["manifest.json"]
    each = packs.MAX_PACK_BYTES // len(names)
    last = packs.MAX_PACK_BYTES - each * (len(names) - 1) + offset      # the manifest's: the total is the limit + offset
    assert last <= packs.MAX_ENTRY_BYTES
    for name in names:
        set_declared_size(tampered, name, last if name == "manifest.json" else each)
    problems = verify_pack(tampered)
    if offset > 0:
        assert problems == [(f"证据包声明的解压后大小不合理：共 {packs.MAX_PACK_BYTES + offset} 字节，"
                            f"上限 {packs.MAX_PACK_BYTES} 字节；未解压")]
    else:
        assert problems == [f"manifest.json 无法读取：声明大小 {last} 字节，超过上限 {packs.MAX_METADATA_BYTES} 字节"]


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_the_entry_limit_holds_at_the_real_size(pack, monkeypatch, offset):
    """With the limit at the largest entry's real size the pack verifies; one byte less and it is refused."""
    size, name = max((len(data), name) for name, data in members(pack).items())
    monkeypatch.setattr(packs, "MAX_ENTRY_BYTES", size + offset)
    expected = [f"文件声明的大小不合理，未解压：{name}（{size} 字节，上限 {size - 1} 字节）"] if offset < 0 else []
    assert verify_pack(pack) == expected


@pytest.mark.parametrize("name", ["manifest.json", "findings.json"])
def test_the_metadata_limit_holds_at_a_metadata_file_size(pack, monkeypatch, name):
    """manifest.json and findings.json are read whole, so they are held to a smaller limit."""
    sizes = {n: len(members(pack)[n]) for n in ("manifest.json", "findings.json")}
    assert sizes["findings.json"] > sizes["manifest.json"]
    monkeypatch.setattr(packs, "MAX_METADATA_BYTES", max(sizes.values()))
    assert verify_pack(pack) == []
    monkeypatch.setattr(packs, "MAX_METADATA_BYTES", sizes[name] - 1)
    assert verify_pack(pack) == [f"{name} 无法读取：声明大小 {sizes[name]} 字节，超过上限 {sizes[name] - 1} 字节"]


BOMB = 256 << 20


def test_a_large_entry_is_hashed_in_streaming_memory(pack, tmp_path):
    """A 256 MiB entry (a quarter MiB zipped) is verified by a process that never holds it."""
    folder = tmp_path / "bomb"
    folder.mkdir()
    bomb = folder / "b.zip"
    contents = {n: d for n, d in members(pack).items() if n != "manifest.json"}
    files = {n: {"sha256": sha(d), "bytes": len(d)} for n, d in contents.items()}
    digest = hashlib.sha256()
    zeros = bytes(1 << 20)
    for _ in range(BOMB >> 20):
        digest.update(zeros)
    files["evidence/big.png"] = {"sha256": digest.hexdigest(), "bytes": BOMB}
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in contents.items():
            zf.writestr(name, data)
        zf.writestr("manifest.json", json.dumps({"files": files}))
        with zf.open("evidence/big.png", "w") as fh:
            for _ in range(BOMB >> 20):
                fh.write(zeros)
    assert bomb.stat().st_size < BOMB // 100
    script = ("import resource, sys; from reports.packs import verify_pack; "
              "print(verify_pack(sys.argv[1])); print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    proc = subprocess.run([sys.executable, "-c", script, str(bomb)], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300, check=True)
    problems, peak_kib = proc.stdout.splitlines()
    assert problems == "[]"
    assert int(peak_kib) * 1024 < BOMB // 2, f"peak {int(peak_kib) >> 10} MiB"


@pytest.mark.parametrize(("flags", "method", "why"), [
    (0x0801, zipfile.ZIP_DEFLATED, "已加密"), (0x0800, zipfile.ZIP_BZIP2, "压缩方式 12 不是证据包所用的"),
    (0x0800, zipfile.ZIP_LZMA, "压缩方式 14 不是证据包所用的"), (0x0800, 99, "压缩方式 99 不是证据包所用的")])
@pytest.mark.parametrize("name", ["整改清单.html", "manifest.json"])
def test_an_entry_marked_encrypted_or_otherwise_compressed_is_told_not_raised(pack, tmp_path, name, flags, method, why):
    tampered = Path(shutil.copy(pack, tmp_path / "t.zip"))
    patch_entry(tampered, name, 8, 6, "<H", flags)      # general purpose flags (0x0800: UTF-8 names)
    patch_entry(tampered, name, 10, 8, "<H", method)
    told = f"manifest.json 无法读取：{why}" if name == "manifest.json" else f"文件无法核对：{name}（{why}）"
    assert verify_pack(tampered) == [told]
    if method == 99:
        proc = zwgk("verify", tampered)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr and told in proc.stdout.splitlines()


# --- packs that cannot be read ---

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
    '{"files": {"整改清单.html": {"sha256": "ab"}}}'.encode(),
    '{"files": {"整改清单.html": {"sha256": "ab", "bytes": -1}}}'.encode(),
    '{"files": {"整改清单.html": {"sha256": "ab", "bytes": "3"}}}'.encode(),
    '{"files": {"整改清单.html": {"sha256": "ab", "bytes": true}}}'.encode(),
])
def test_a_manifest_that_cannot_be_read_is_told(pack, tmp_path, manifest):
    tampered = repack(pack, tmp_path / "t.zip", change={"manifest.json": manifest})
    problems = verify_pack(tampered)
    assert len(problems) == 1 and problems[0].startswith("manifest.json 无法读取：")
    if manifest == b"[]":
        proc = zwgk("verify", tampered)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr and problems[0] in proc.stdout


@pytest.mark.parametrize("make", ["text", "empty", "truncated"])
def test_a_file_that_is_not_a_zip_is_told_in_chinese_and_exits_1(pack, tmp_path, make):
    path = tmp_path / "p.zip"
    if make == "text":
        path.write_text("这不是证据包", encoding="utf-8")
    elif make == "empty":
        path.write_bytes(b"")
    elif make == "truncated":
        path.write_bytes(pack.read_bytes()[: pack.stat().st_size // 2])
    problems = verify_pack(path)
    assert len(problems) == 1 and problems[0].startswith(f"无法打开证据包 {path}：")
    proc = zwgk("verify", path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.stdout.splitlines() == [problems[0], f"校验未通过：{path}"]


@pytest.mark.parametrize(("make", "told"), [("folder", "{path} 是文件夹，不是证据包"), ("absent", "找不到证据包 {path}")])
def test_a_pack_path_that_is_no_file_exits_2(tmp_path, make, told):
    path = tmp_path / "p.zip"
    if make == "folder":
        path.mkdir()
    proc = zwgk("verify", path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip() == "错误：" + told.format(path=path)
