"""Per-unit evidence packs that stand alone, and their verification.

A pack (`reports/packs/<unit>.zip`) holds the unit's 整改清单 (XLSX and HTML), the screenshots its
findings cite, `pages.warc.gz` (the captured records of every page concerned, copied byte for byte
from the run's capture) and `manifest.json` with the SHA-256 of each of those files.
`verify_pack` recomputes every hash and names what was changed, added or removed.
"""
from __future__ import annotations

import hashlib
import json
import tempfile
import zipfile
import zlib
from pathlib import Path

from crawler.warc import copy_records

from .common import RunReport
from .evidence import write_manifest
from .rectification import write_html, write_xlsx

MANIFEST = "manifest.json"


def build_pack(report: RunReport, unit: dict, out_dir: Path, records: dict) -> Path:
    """The unit's pack; `records` is the run capture's index (crawler.warc.index_records)."""
    findings = report.unit_findings(unit["id"])
    evidence_dir = report.run_dir / "evidence"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = [write_xlsx(report, unit, root / "整改清单.xlsx"),
                 write_html(report, unit, root / "整改清单.html", screenshots_prefix="evidence/")]
        urls = set()
        for f in findings:
            ev = f["evidence"] or {}
            urls.update(u for u in (f["url"], ev.get("screenshot_of"), ev.get("from_url")) if u)
            shot = ev.get("screenshot")
            if shot and (evidence_dir / shot).exists() and not (root / "evidence" / shot).exists():
                (root / "evidence").mkdir(exist_ok=True)
                (root / "evidence" / shot).write_bytes((evidence_dir / shot).read_bytes())
                files.append(root / "evidence" / shot)
        capture = report.run_dir / "capture.warc.gz"
        if capture.exists():
            copy_records(capture, [ref for url in urls for ref in records.get(url, ())], root / "pages.warc.gz")
            files.append(root / "pages.warc.gz")
        write_manifest(root, files, root / MANIFEST)
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / f"{unit['id']}.zip"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for f in [*files, root / MANIFEST]:
                zf.write(f, f.relative_to(root).as_posix())
    return path


def verify_pack(path) -> list[str]:
    """Problems found in a pack, in Chinese; an empty list means every file is as recorded."""
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        return [f"无法打开证据包 {path}：{exc}"]
    with zf:
        listed = zf.namelist()
        names = set(listed)
        if MANIFEST not in names:
            return [f"证据包中没有 {MANIFEST}"]
        try:
            recorded = _recorded_hashes(zf)
        except (ValueError, zipfile.BadZipFile, zlib.error) as exc:
            return [f"{MANIFEST} 无法读取：{exc}"]
        # two entries of one name: a tool may show the one that was not checked
        problems = [f"文件重复出现：{name}" for name in sorted(names) if listed.count(name) > 1]
        for name, expected in recorded.items():
            if name not in names:
                problems.append(f"缺少文件：{name}")
                continue
            try:
                digest = hashlib.sha256(zf.read(name)).hexdigest()
            except (zipfile.BadZipFile, zlib.error, EOFError) as exc:   # bytes edited inside the zip
                problems.append(f"文件已损坏：{name}（{exc}）")
                continue
            if digest != expected:
                problems.append(f"文件已被修改：{name}（SHA-256 应为 {expected[:16]}…，实为 {digest[:16]}…）")
        for name in sorted(names - set(recorded) - {MANIFEST}):
            problems.append(f"多出未登记的文件：{name}")
    return problems


def _recorded_hashes(zf: zipfile.ZipFile) -> dict[str, str]:
    """File name → SHA-256 as manifest.json records them; ValueError if it is not such a manifest."""
    data = json.loads(zf.read(MANIFEST))
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        raise ValueError("没有 files 对象")
    hashes = {}
    for name, entry in files.items():
        digest = entry.get("sha256") if isinstance(entry, dict) else None
        if not isinstance(digest, str):
            raise ValueError(f"{name} 没有 sha256")
        hashes[name] = digest
    return hashes
