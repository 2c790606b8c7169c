"""Paths as the commands meet them: resolved without failing on a symbolic link that loops, the
reason a file that is not there cannot be read, and a file's name as every output can write it."""

from __future__ import annotations

import errno
import os
from pathlib import Path

__all__ = ["missing_reason", "os_error", "resolved", "text_name"]


def resolved(path: str | os.PathLike[str]) -> Path:
    """``Path(path).resolve()``, or the absolute path where a symbolic link on the way loops
    (Python raises ``RuntimeError`` there, or ``OSError``): reading the file then says why it
    cannot be read, as for any other file.

    >>> import os, tempfile
    >>> loop = os.path.join(tempfile.mkdtemp(), "loop")
    >>> os.symlink("loop", loop)
    >>> resolved(loop).is_absolute()
    True
    """
    p = Path(path)
    try:
        return p.resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(p))


def os_error(path: str | os.PathLike[str]) -> str | None:
    """What the system says of a path it cannot find the file of, other than that there is none
    (a symbolic link that loops: ``Too many levels of symbolic links``); ``None`` when there is
    no such file, or there is one.

    >>> os_error("/no/such/plan.yaml") is None
    True
    """
    try:
        os.stat(path)
    except OSError as exc:
        return None if exc.errno == errno.ENOENT else str(exc.strerror or exc)
    except ValueError:  # (a NUL in the name)
        return "not a file name: it holds a NUL character"
    return None


def missing_reason(path: str | os.PathLike[str]) -> str:
    """Why a path that does not exist as a file or folder cannot be read: ``no such file``, or
    what the system says (:func:`os_error`: ``cannot read: Too many levels of symbolic links``).

    >>> missing_reason("/no/such/plan.yaml")
    'no such file'
    """
    reason = os_error(path)
    return "no such file" if reason is None else f"cannot read: {reason}"


def text_name(name: str) -> str:
    r"""A file's name as text every output can hold: a name whose bytes are not UTF-8 (an old
    share's ``café.yaml`` in Latin-1), which Python reads with stand-ins that no UTF-8 text,
    JSON or workbook may hold, has those bytes written ``\xe9``.

    >>> text_name("plan.yaml"), text_name("caf\udce9.yaml")
    ('plan.yaml', 'caf\\xe9.yaml')
    """
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        pass
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # (a lone surrogate that stands for no byte)
        return name.encode("utf-8", "backslashreplace").decode("utf-8")
