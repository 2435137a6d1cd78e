"""Read an editor's file as text: UTF-8 with or without BOM, any line ends.

Anything else (a GBK file saved by an old editor, say) becomes a Problem naming
the file and the line of the first undecodable byte. This module must not parse
YAML or know about records.
"""

from __future__ import annotations

import os
from pathlib import Path

from generator.content.problems import Problem
from generator.content.safe_files import LINK, NotRegular, entry_kind, read_regular, special_kind

MAX_FILE_BYTES = 32 * 1024 * 1024
"""Files beyond this are refused (E108) instead of being read into memory."""


def decode_text(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Decode bytes as UTF-8 (BOM optional) and normalise line ends to LF."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = _guess_legacy(data)
        hint = f"（看起来像 {guess} 编码）" if guess else ""
        msg = (
            f"文件不是 UTF-8 编码{hint}：第 {line} 行第 {col} 个字节起无法按 UTF-8 解码；"
            "请在编辑器中“另存为 UTF-8”后重新提交"
        )
        return None, [Problem(path, line, col, "E101", msg)]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text, []


def read_text(file: Path, path: str) -> tuple[str | None, list[Problem]]:
    """Read and decode one file; unreadable or huge files are problems, not exceptions."""
    data, problems = read_bytes(file, path)
    if data is None:
        return None, problems
    return decode_text(data, path)


def read_bytes(file: Path, path: str) -> tuple[bytes | None, list[Problem]]:
    """One file's bytes; unreadable or huge files are problems, not exceptions."""
    try:
        return read_regular(file, MAX_FILE_BYTES), []
    except ValueError as exc:
        size = exc.args[0]
        msg = f"文件过大：{size} 字节，超过上限 {MAX_FILE_BYTES} 字节；请拆分文件"
        return None, [Problem(path, 1, 1, "E108", msg)]
    except NotRegular:
        return None, [not_regular(file, path)]
    except OSError as exc:
        return None, [Problem(path, 1, 1, "E101", f"无法读取文件：{exc.strerror or exc}")]


def not_regular(file: Path, path: str) -> Problem:
    """E110 for a symbolic link, E112 for a FIFO, device, socket: neither is read."""
    if entry_kind(file) == LINK:
        target = os.readlink(file) if file.is_symlink() else "?"
        msg = (
            f"“{file.name}” 是符号链接（指向 {target}）：content/ 中的符号链接一律不读取、不发布；"
            "请把文件本身放进 content/"
        )
        return Problem(path, 1, 1, "E110", msg)
    msg = f"“{file.name}” 是{special_kind(file)}，不是普通文件：不会读取；请删去它，换成普通文件"
    return Problem(path, 1, 1, "E112", msg)


def _guess_legacy(data: bytes) -> str | None:
    for name in ("gb18030", "big5"):
        try:
            data.decode(name)
        except UnicodeDecodeError:
            continue
        return "GBK/GB18030" if name == "gb18030" else "Big5"
    return None
