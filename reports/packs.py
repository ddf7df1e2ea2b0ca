"""Per-unit evidence packs that stand alone, and their verification.

A pack (`reports/packs/<unit>.zip`) holds the unit's 整改清单 (XLSX and HTML), the screenshots its
findings cite, `pages.warc.gz` (the captured records of every page concerned, copied byte for byte
from the run's capture), `findings.json` (what each row of the list cites: its screenshot and the
WARC records of its pages) and `manifest.json` with the SHA-256 and size of each of those files.
With a signing key (reports/signing.py) the pack also holds `manifest.sig`, the Ed25519 signature
of manifest.json, and `public_key.pem`.

`check_pack` trusts nothing in the pack before it is checked: it hashes the pack itself against the
SHA256SUMS beside it (or a hash the caller gives), refuses unsafe and duplicate entry names and
entries too large to be real, streams every file through SHA-256 against the manifest, checks the
signature, and checks that every screenshot and WARC record the list cites is there.
"""
from __future__ import annotations

import hashlib
import json
import re
import tempfile
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from crawler.warc import copy_records

from . import signing
from .common import RunReport
from .evidence import write_manifest
from .rectification import write_html, write_xlsx

MANIFEST = "manifest.json"
FINDINGS = "findings.json"
WARC = "pages.warc.gz"
SIGNATURE = "manifest.sig"
PUBLIC_KEY = "public_key.pem"
SUMS = "SHA256SUMS"
OUTSIDE_MANIFEST = {MANIFEST, SIGNATURE, PUBLIC_KEY}    # the manifest cannot list itself or what signs it

# Declared sizes beyond these are refused unread: a zip bomb must not cost memory or hours
MAX_ENTRY_BYTES = 1 << 30          # one file of a pack
MAX_PACK_BYTES = 4 << 30           # all files of a pack together
MAX_METADATA_BYTES = 16 << 20      # manifest.json, findings.json, the signature and key: read into memory
MAX_WARC_BYTES = 4 << 30           # pages.warc.gz once its own gzip members are unpacked too
CHUNK = 1 << 16


# what reading an entry whose bytes were edited inside the zip can raise
DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, OSError)
PACK_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)   # build_pack deflates; bzip2/lzma are not opened


class Malformed(ValueError):
    """A manifest.json or findings.json that is not what build_pack writes (message in Chinese)."""


def build_pack(report: RunReport, unit: dict, out_dir: Path, records: dict, signing_key=None) -> Path:
    """The unit's pack; `records` is the run capture's index (crawler.warc.index_records);
    `signing_key` (an Ed25519 private key) signs its manifest."""
    evidence_dir = report.run_dir / "evidence"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = [write_xlsx(report, unit, root / "整改清单.xlsx"),
                 write_html(report, unit, root / "整改清单.html", screenshots_prefix="evidence/")]
        rows = report.rows(unit["id"])
        urls = set()
        for r in rows:
            urls.update(_cited_urls(r))
            shot = r["screenshot"]
            if shot and (evidence_dir / shot).exists() and not (root / "evidence" / shot).exists():
                (root / "evidence").mkdir(exist_ok=True)
                (root / "evidence" / shot).write_bytes((evidence_dir / shot).read_bytes())
                files.append(root / "evidence" / shot)
        capture = report.run_dir / "capture.warc.gz"
        record_ids: dict[str, list[str]] = {}
        if capture.exists():
            copy_records(capture, [ref for url in urls for ref in records.get(url, ())], root / WARC)
            files.append(root / WARC)
            with open(root / WARC, "rb") as fh:
                for record_id, url, _ in _warc_records(fh):
                    record_ids.setdefault(url, []).append(record_id)
        files.append(_write_findings(root / FINDINGS, unit, rows, record_ids))
        write_manifest(root, files, root / MANIFEST)
        extra = []
        if signing_key is not None:
            (root / SIGNATURE).write_bytes(signing.sign(signing_key, (root / MANIFEST).read_bytes()))
            (root / PUBLIC_KEY).write_bytes(signing.public_pem(signing_key.public_key()))
            extra = [root / SIGNATURE, root / PUBLIC_KEY]
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / f"{unit['id']}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in [*files, root / MANIFEST, *extra]:
                zf.write(f, f.relative_to(root).as_posix())
    return path


def _cited_urls(row: dict) -> list[str]:
    ev = row["evidence"] or {}
    return list(dict.fromkeys(u for u in (row["url"], ev.get("screenshot_of"), ev.get("from_url")) if u))


def _write_findings(path: Path, unit: dict, rows: list[dict], record_ids: dict[str, list[str]]) -> Path:
    """findings.json: per row of the list (`no` as numbered there), the screenshot and WARC records it cites."""
    cited = [{"no": r["no"], "rule": r["rule"], "fingerprint": r["fingerprint"], "url": r["url"],
              "screenshot": f"evidence/{r['screenshot']}" if r["screenshot"] else None,
              "records": [{"url": u, "record_id": rid} for u in _cited_urls(r) for rid in record_ids.get(u, ())]}
             for r in rows]
    path.write_text(json.dumps({"unit": unit["id"], "findings": cited}, ensure_ascii=False, indent=1),
                    encoding="utf-8")
    return path


def _warc_records(stream):
    """(WARC-Record-ID, WARC-Target-URI, digest holds) of each record, bodies streamed, never kept."""
    it = ArchiveIterator(stream, check_digests=True)
    for record in it:
        it.read_to_end(record)
        yield (record.rec_headers.get_header("WARC-Record-ID"), record.rec_headers.get_header("WARC-Target-URI"),
               record.digest_checker.passed is not False)


@dataclass
class PackCheck:
    """What `check_pack` found: `problems` (any one fails the pack) and `notes` (what was confirmed
    or could not be, e.g. 未签名), both in Chinese."""
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def verify_pack(path, expected_sha256: str | None = None, pubkey=None) -> list[str]:
    """Problems found in a pack, in Chinese; an empty list means every file is as recorded."""
    return check_pack(path, expected_sha256, pubkey).problems


def check_pack(path, expected_sha256: str | None = None, pubkey=None) -> PackCheck:
    """Check a pack. `expected_sha256`: the pack's own hash, instead of the SHA256SUMS beside it;
    `pubkey`: the Ed25519 public key that must have signed it (pins the issuer)."""
    path = Path(path)
    out = PackCheck()
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        out.problems.append(f"无法打开证据包 {path}：{exc}")
        return out
    with zf:
        _check_pack_hash(path, expected_sha256, out)
        infos = zf.infolist()
        listed = [i.filename for i in infos]
        names = set(listed)
        unsafe = _name_problems(listed, out)
        refused = _size_problems(infos, out)
        if refused is None:
            return out
        if MANIFEST not in names:
            out.problems.append(f"证据包中没有 {MANIFEST}")
            return out
        try:
            manifest_bytes = _read_small(zf, MANIFEST)
            recorded = _recorded(manifest_bytes)
        except (ValueError, *DAMAGED) as exc:
            out.problems.append(f"{MANIFEST} 无法读取：{exc}")
            return out
        _check_signature(zf, names, manifest_bytes, pubkey, out)
        intact = _check_files(zf, names, recorded, refused, out)
        for name in sorted(names - set(recorded) - OUTSIDE_MANIFEST - unsafe):
            out.problems.append(f"多出未登记的文件：{name}")
        _check_citations(zf, names, recorded, intact, out)
    return out


def _check_pack_hash(path: Path, expected: str | None, out: PackCheck) -> None:
    source = "--sha256"
    if expected is None:
        sums = path.parent / SUMS
        if not sums.is_file():
            out.notes.append(f"证据包本身的 SHA-256 未核对：旁边没有 {SUMS}，也未给出 --sha256")
            return
        source = SUMS
        listed = {}
        for n, line in enumerate(sums.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            m = re.fullmatch(r"([0-9a-fA-F]{64}) [ *](.+)", line.strip("\r"))
            if m:
                listed[m.group(2)] = m.group(1).lower()
            elif line.strip():
                out.problems.append(f"{SUMS} 第 {n} 行无法读取")
        if path.name not in listed:
            out.problems.append(f"{SUMS} 中没有 {path.name}：证据包本身无从核对")
            return
        expected = listed[path.name]
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            digest.update(chunk)
    actual, expected = digest.hexdigest(), expected.lower()
    if actual != expected:
        out.problems.append(f"证据包本身已被修改：与 {source} 不符（SHA-256 应为 {expected[:16]}…，实为 {actual[:16]}…）")
    else:
        out.notes.append(f"证据包本身的 SHA-256 与 {source} 一致")


def unsafe_name(name: str) -> str | None:
    """Why an entry name could write outside the folder it is unpacked into, or None."""
    if name.startswith(("/", "\\")):
        return "绝对路径"
    if re.match(r"[A-Za-z]:", name):
        return "含盘符"
    if ":" in name:     # on Windows a:b is a drive-relative path and b:c a hidden stream of b
        return "含冒号"
    if "\\" in name:
        return "含反斜杠"
    if ".." in name.split("/"):
        return "含 ..，会跳出解压目录"
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return "含控制字符"
    return None


def _name_problems(listed: list[str], out: PackCheck) -> set[str]:
    """Unsafe names, and names that appear twice or that one file system would take for one another
    (a tool may show the entry that was not checked); returns the unsafe ones."""
    unsafe = set()
    for name in dict.fromkeys(listed):
        why = unsafe_name(name)
        if why:
            out.problems.append(f"不安全的文件名：{name!r}（{why}）")
            unsafe.add(name)
    out.problems.extend(f"文件重复出现：{name}" for name in sorted(set(listed)) if listed.count(name) > 1)
    spellings: dict[str, set[str]] = {}
    for name in listed:
        spellings.setdefault(unicodedata.normalize("NFC", name).casefold(), set()).add(name)
    for names in spellings.values():
        if len(names) > 1:
            out.problems.append(f"文件名只差大小写或 Unicode 写法，解压后会互相覆盖：{'、'.join(sorted(names))}")
    return unsafe


def _size_problems(infos: list[zipfile.ZipInfo], out: PackCheck) -> set[str] | None:
    """Names refused unread because of their declared size; None when the pack as a whole is refused."""
    total = sum(i.file_size for i in infos)
    if total > MAX_PACK_BYTES:
        out.problems.append(f"证据包声明的解压后大小不合理：共 {total} 字节，上限 {MAX_PACK_BYTES} 字节；未解压")
        return None
    refused = set()
    for info in infos:
        if info.file_size > MAX_ENTRY_BYTES:
            out.problems.append(f"文件声明的大小不合理，未解压：{info.filename}（{info.file_size} 字节，"
                                f"上限 {MAX_ENTRY_BYTES} 字节）")
            refused.add(info.filename)
    return refused


def _unopenable(info: zipfile.ZipInfo) -> str | None:
    """Why an entry is not opened at all, or None: build_pack never encrypts, and only deflates."""
    if info.flag_bits & 0x1:
        return "已加密"
    if info.compress_type not in PACK_COMPRESSION:
        return f"压缩方式 {info.compress_type} 不是证据包所用的"
    return None


def _read_small(zf: zipfile.ZipFile, name: str) -> bytes:
    """A metadata file's bytes; ValueError when it declares more than such a file can need."""
    info = zf.getinfo(name)
    why = _unopenable(info)
    if why:
        raise ValueError(why)
    if info.file_size > MAX_METADATA_BYTES:
        raise ValueError(f"声明大小 {info.file_size} 字节，超过上限 {MAX_METADATA_BYTES} 字节")
    return zf.read(name)


def _strict_json(data: bytes):
    """JSON where a key given twice is an error: a forged second entry must not silently win."""
    def pairs(items):
        keys = [k for k, _ in items]
        dup = next((k for k in keys if keys.count(k) > 1), None)
        if dup is not None:
            raise Malformed(f"键重复出现：{dup}")
        return dict(items)
    return json.loads(data, object_pairs_hook=pairs)


def _recorded(data: bytes) -> dict[str, tuple[str, int]]:
    """File name → (SHA-256, size) as manifest.json records them; ValueError if it is not such a manifest."""
    data = _strict_json(data)
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        raise Malformed("没有 files 对象")
    recorded = {}
    for name, entry in files.items():
        digest = entry.get("sha256") if isinstance(entry, dict) else None
        if not isinstance(digest, str):
            raise Malformed(f"{name} 没有 sha256")
        size = entry.get("bytes")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise Malformed(f"{name} 没有 bytes（文件大小）")
        recorded[name] = (digest, size)
    return recorded


def _check_signature(zf, names: set[str], manifest_bytes: bytes, pinned, out: PackCheck) -> None:
    embedded = None
    if PUBLIC_KEY in names:
        try:
            embedded = signing.parse_public(_read_small(zf, PUBLIC_KEY), PUBLIC_KEY)
        except (ValueError, *DAMAGED) as exc:
            out.problems.append(f"签名无法核对：{exc}")
            return
    if SIGNATURE not in names:
        if pinned is not None:
            out.problems.append(f"未签名：要求由 {signing.fingerprint(pinned)} 签发")
        elif embedded is not None:
            out.problems.append(f"签名不完整：有 {PUBLIC_KEY} 而没有 {SIGNATURE}")
        else:
            out.notes.append("未签名")
        return
    try:
        signature = _read_small(zf, SIGNATURE)
    except (ValueError, *DAMAGED) as exc:
        out.problems.append(f"签名无法核对：{SIGNATURE} 无法读取（{exc}）")
        return
    key = pinned if pinned is not None else embedded
    if key is None:
        out.problems.append(f"签名无法核对：证据包中没有 {PUBLIC_KEY}（可用 --pubkey 指定公钥）")
    elif signing.signature_holds(key, signature, manifest_bytes):
        out.notes.append(f"签名有效（由 {signing.fingerprint(key)} 签发）")
    elif pinned is not None and embedded is not None and signing.signature_holds(embedded, signature, manifest_bytes):
        out.problems.append(f"签名不是指定的密钥签发：签发者为 {signing.fingerprint(embedded)}，"
                            f"应为 {signing.fingerprint(pinned)}（不是该机关签发的证据包）")
    else:
        out.problems.append("签名无效：签发后被修改")


def _check_files(zf, names: set[str], recorded: dict, refused: set[str], out: PackCheck) -> set[str]:
    """Stream each recorded file through SHA-256; returns the names found exactly as recorded."""
    intact = set()
    for name, (expected, size) in recorded.items():
        if name not in names:
            out.problems.append(f"缺少文件：{name}")
            continue
        if name in refused:
            continue
        info = zf.getinfo(name)
        why = _unopenable(info)
        if why:
            out.problems.append(f"文件无法核对：{name}（{why}）")
            continue
        declared = info.file_size
        if declared != size:
            out.problems.append(f"文件已被修改：{name}（大小应为 {size} 字节，实为 {declared} 字节）")
            continue
        digest = hashlib.sha256()
        try:
            with zf.open(name) as fh:   # never more than the declared size, a chunk at a time
                for chunk in iter(lambda: fh.read(CHUNK), b""):
                    digest.update(chunk)
        except DAMAGED as exc:   # bytes edited inside the zip
            out.problems.append(f"文件已损坏：{name}（{exc}）")
            continue
        if digest.hexdigest() != expected:
            out.problems.append(f"文件已被修改：{name}（SHA-256 应为 {expected[:16]}…，实为 {digest.hexdigest()[:16]}…）")
            continue
        intact.add(name)
    return intact


def _check_citations(zf, names: set[str], recorded: dict, intact: set[str], out: PackCheck) -> None:
    """Every screenshot and WARC record the list cites (findings.json) is in the pack."""
    if FINDINGS not in recorded:
        if FINDINGS not in names:
            out.problems.append(f"证据包中没有 {FINDINGS}：无法核对整改清单引用的截图和网页记录")
        return
    if FINDINGS not in intact:
        return                                  # already told: missing, altered or damaged
    try:
        rows = _cited(_strict_json(_read_small(zf, FINDINGS)))
    except (ValueError, *DAMAGED) as exc:
        out.problems.append(f"{FINDINGS} 无法读取：{exc}")
        return
    for no, shot, _ in rows:
        if shot and shot not in names and shot not in recorded:   # else told above as 缺少文件
            out.problems.append(f"缺少整改清单引用的截图：{shot}（第 {no} 条）")
    wanted: dict[str, tuple[str, list[int]]] = {}
    for no, _, records in rows:
        for url, record_id in records:
            wanted.setdefault(record_id, (url, []))[1].append(no)
    if not wanted:
        return
    if WARC not in names and WARC not in recorded:
        out.problems.append(f"缺少整改清单引用的网页存档：{WARC}（{len(wanted)} 条记录）")
        return
    if WARC not in intact:
        return
    present = {}
    try:
        with zf.open(WARC) as fh:
            unpacked = _unpacked_size(fh, MAX_WARC_BYTES)
        if unpacked > MAX_WARC_BYTES:
            out.problems.append(f"网页存档解压后大小不合理：{WARC} 超过 {MAX_WARC_BYTES} 字节；未读取其中的记录")
            return
        with zf.open(WARC) as fh:
            for record_id, url, holds in _warc_records(fh):
                present[record_id] = url
                if not holds:
                    out.problems.append(f"网页记录与其 WARC 摘要不符：{url}（{record_id}）")
    except (ArchiveLoadFailed, ValueError, *DAMAGED) as exc:
        out.problems.append(f"网页存档无法读取：{WARC}（{exc}）")
        return
    for record_id, (url, nos) in wanted.items():
        if present.get(record_id) != url:
            out.problems.append(f"缺少整改清单引用的网页记录：{url}（{record_id}，{_rows_text(nos)}引用）")


def _rows_text(nos: list[int]) -> str:
    """第 2、3 条 / 第 2、3、4 条等 20 条: which rows of the list, briefly."""
    shown = "、".join(str(n) for n in nos[:3])
    return f"第 {shown} 条" + (f"等 {len(nos)} 条" if len(nos) > 3 else "")


def _unpacked_size(stream, limit: int) -> int:
    """Bytes the gzip members of `stream` unpack to, counted a chunk at a time; stops once past `limit`
    (a WARC's records are gzip members of their own: a second layer a bomb can hide in)."""
    total, inflater = 0, zlib.decompressobj(zlib.MAX_WBITS | 16)
    for chunk in iter(lambda: stream.read(CHUNK), b""):
        while chunk:
            total += len(inflater.decompress(chunk, CHUNK))
            if total > limit:
                return total
            if inflater.eof:                    # the next record's member starts here
                chunk, inflater = inflater.unused_data, zlib.decompressobj(zlib.MAX_WBITS | 16)
            else:
                chunk = inflater.unconsumed_tail
    return total


def _cited(data) -> list[tuple[int, str | None, list[tuple[str, str]]]]:
    """(row number, screenshot, [(url, record id)]) per row of findings.json; ValueError if malformed."""
    rows = data.get("findings") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise Malformed("没有 findings 列表")
    out = []
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("no"), int):
            raise Malformed("条目缺少序号 no")
        shot, records = row.get("screenshot"), row.get("records", [])
        if shot is not None and not isinstance(shot, str) or not isinstance(records, list):
            raise Malformed(f"第 {row['no']} 条的 screenshot 或 records 格式不对")
        pairs = []
        for rec in records:
            if not isinstance(rec, dict) or not all(isinstance(rec.get(k), str) for k in ("url", "record_id")):
                raise Malformed(f"第 {row['no']} 条的 records 格式不对")
            pairs.append((rec["url"], rec["record_id"]))
        out.append((row["no"], shot, pairs))
    return out
