"""Before any crawl: the browser and a Chinese font must be there.

Without Chromium every script-drawn page is a render failure, and without a CJK font every
screenshot is boxes: a run made that way proves nothing about the sites. So a missing part stops the
crawl before a run folder is written, with the command that installs it.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

INSTALL = "apt-get install -y chromium fonts-wqy-microhei"
FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"))
CJK_FONT_NAMES = ("wqy", "noto-cjk", "notosanscjk", "notoserifcjk", "droidsansfallback", "arphic", "uming", "ukai",
                  "sourcehan", "simsun", "simhei", "msyh")


class PreflightError(ValueError):
    """A part the crawl needs is missing; the message says which and how to install it."""


def browser_problem(executable: str | None) -> str | None:
    """Why the Chromium at `executable` cannot be used, or None."""
    if not executable or not (shutil.which(executable) or Path(executable).is_file()):
        return f"未找到 Chromium 浏览器（{executable or '未配置'}）"
    try:
        proc = subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"Chromium 无法启动（{executable}：{type(exc).__name__}）"
    if proc.returncode != 0:
        return f"Chromium 无法启动（{executable}：退出码 {proc.returncode}）"
    return None


def font_problem() -> str | None:
    """None when a Chinese font is installed (fontconfig knows one, or a known CJK font file exists)."""
    if shutil.which("fc-list"):
        try:
            out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            out = ""
        if out.strip():
            return None
    for root in FONT_DIRS:
        base = Path(root)
        if base.is_dir() and any(any(n in p.name.lower().replace("_", "").replace(" ", "") for n in CJK_FONT_NAMES)
                                 for p in base.rglob("*") if p.suffix.lower() in (".ttf", ".ttc", ".otf")):
            return None
    return "未找到中文字体（页面渲染和证据截图需要）"


def check(settings) -> None:
    """Raise PreflightError naming every missing part, or return."""
    executable = (settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS") or {}).get("executable_path")
    problems = [p for p in (browser_problem(executable), font_problem()) if p]
    if problems:
        raise PreflightError("；".join(problems) + f"。请先安装：{INSTALL}（未开始抓取，未写入运行目录）")
