"""Writing outputs whole or not at all.

Every output goes to a temporary file in the target's folder and is renamed into place, so a
failed or interrupted command leaves any existing file untouched, and never a truncated one. A
symbolic link is followed (the file it points to is replaced); a device or a pipe (``/dev/null``,
a FIFO) is written into, having no file to replace. A file replaced keeps its permissions (and its
owner, where the system allows it); a new one has the usual permissions (``0o666`` less the
umask), not those of a temporary file.
An output path that is one of the command's inputs is refused.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import RenderError
from ..paths import resolved

__all__ = [
    "atomic_write_bytes",
    "atomic_write_text",
    "refuse_input_as_output",
    "missing_folder",
    "timeless_xlsx",
]


def refuse_input_as_output(
    output: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str] | None]
) -> None:
    """Raise :class:`~outcome_graph.errors.RenderError` (its ``file`` the output) when ``output``
    is the same file as one of ``inputs`` (an input is never written; ``None`` stands for an
    optional input not given)."""
    out = Path(output)
    for i in inputs:
        if i is None:
            continue
        p = Path(i)
        try:
            same = out.exists() and p.exists() and os.path.samefile(out, p)
        except OSError:
            same = False
        if same or resolved(out) == resolved(p):
            err = RenderError(f"{output}: refusing to overwrite an input file")
            err.file = str(output)
            raise err


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    Raises :class:`~outcome_graph.errors.RenderError` (naming the file) when it cannot be written.
    """
    try:
        _atomic_write(Path(path), data)
    except OSError as exc:
        raise RenderError(f"{path}: cannot write: {exc.strerror or exc}") from None


def _atomic_write(target: Path, data: bytes) -> None:
    if target.is_symlink():  # (the file it points to is written; the link stays a link)
        target = Path(os.path.realpath(target))
        if target.is_symlink():  # (a link that loops: realpath gives it back)
            os.stat(target)  # (raises: too many levels of symbolic links)
    try:
        mode = target.stat().st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        # A device or a pipe (-o /dev/null, /dev/stdout, a FIFO) has no file to be replaced:
        # it is written into, as standard output is.
        with open(target, "wb") as fh:
            fh.write(data)
        return
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        err = RenderError(f"{target}: {missing_folder(folder)}")
        err.file = str(target)
        raise err
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if target.exists():
            existing = target.stat()
            try:
                os.chmod(tmp, existing.st_mode & 0o7777)
                if (existing.st_uid, existing.st_gid) != (os.getuid(), os.getgid()):
                    os.chown(
                        tmp, existing.st_uid, existing.st_gid
                    )  # (where allowed: an administrator's run)
            except OSError:
                pass
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def missing_folder(folder: str | os.PathLike[str]) -> str:
    """What is wrong with a folder an output was to be written in: it does not exist, or it is a
    file."""
    if os.path.exists(folder):
        return f"{os.fspath(folder)} is not a folder"
    return f"the folder {os.fspath(folder)} does not exist"


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write text (UTF-8) to ``path`` whole or not at all."""
    atomic_write_bytes(path, text.encode("utf-8"))


def timeless_xlsx(data: bytes) -> bytes:
    """An ``.xlsx`` file without the times it was written at, so that the same plan writes the same
    bytes: openpyxl dates each part of the zip and the document's created and modified properties
    with the time of saving (an action log or a plan kept under version control changed at each
    run)."""
    import io
    import re
    import zipfile

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            part = source.read(info)
            if info.filename == "docProps/core.xml":
                part = re.sub(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>", b"", part)
            stamped = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            stamped.compress_type = zipfile.ZIP_DEFLATED
            stamped.external_attr = info.external_attr
            target.writestr(stamped, part)
    return out.getvalue()
