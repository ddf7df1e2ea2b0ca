"""crawler/preflight.py: no browser or no Chinese font, no crawl — exit 2 with the install command
and no run folder written."""
from __future__ import annotations

import subprocess
import sys

from crawler import preflight


def test_a_missing_browser_is_named(tmp_path):
    assert "未找到 Chromium" in preflight.browser_problem(str(tmp_path / "no-chromium"))
    broken = tmp_path / "chromium"
    broken.write_text("#!/bin/sh\nexit 3\n")
    broken.chmod(0o755)
    assert "退出码 3" in preflight.browser_problem(str(broken))
    works = tmp_path / "fine"
    works.write_text("#!/bin/sh\necho Chromium 1.0\n")
    works.chmod(0o755)
    assert preflight.browser_problem(str(works)) is None


def test_a_crawl_without_a_browser_stops_before_writing_a_run(tmp_path):
    (tmp_path / "u.yaml").write_text("id: u\nname: 某某县统计局\ntype: dept\norg_code: '003240560'\n"
                                     "disclosure: http://127.0.0.1:9/\n", encoding="utf-8")
    (tmp_path / "p.yaml").write_text(
        "id: p\nname: 无浏览器\nunits: [u.yaml]\n"
        f"crawl: {{PLAYWRIGHT_LAUNCH_OPTIONS: {{executable_path: {tmp_path / 'missing-chromium'}}}}}\n",
        encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "zwgk.cli", "crawl", "--program", str(tmp_path / "p.yaml"),
                           "--out", str(tmp_path / "runs")], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "未找到 Chromium" in proc.stderr and preflight.INSTALL in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (tmp_path / "runs").exists()
