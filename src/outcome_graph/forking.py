"""Work done in a forked child process, for the commands that handle large plans.

A child forked once a plan is in memory reads that memory as it is (no copy, no pickling of the
plan) and sends back only its result, pickled through a pipe. The loader works out where a large
plan's nodes are written in a child while it validates the plan; the engine gives some of the
rule families to children (:mod:`outcome_graph.rules.workers`).

A child's failure of any kind (an exception, a signal, a reply cut short) is reported to the
caller as :class:`ChildFailed`, and every caller then does the work itself, so that an error
surfaces exactly as it would without children. Children are forked only where ``os.fork``
exists and the process runs no other thread (forking a threaded process can deadlock).

:func:`start_process` starts a program (Graphviz's ``dot``) so that a signal stopping the command
stops the program too, even one that arrives while the program is being started.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from .errors import UsageError

if TYPE_CHECKING:
    import subprocess

__all__ = [
    "Jobs",
    "ChildFailed",
    "Forked",
    "map_shared",
    "reap",
    "can_fork",
    "usable_cpus",
    "auto_allowed",
]

T = TypeVar("T")

#: How many processes a command may use: a number, or ``"auto"`` (decided from the input).
Jobs = int | Literal["auto"]


class ChildFailed(Exception):
    """A forked child did not deliver its result."""


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether children can be forked here: ``os.fork`` exists and no other thread runs."""
    import threading

    return hasattr(os, "fork") and threading.active_count() == 1


def auto_allowed() -> bool:
    """Whether ``jobs="auto"`` may use children at all: on Linux (forking without exec is what
    macOS advises against), with more than one usable CPU."""
    return sys.platform.startswith("linux") and usable_cpus() > 1


def check_jobs(jobs: object) -> None:
    """Refuse what is neither a positive number nor ``"auto"``
    (:class:`~outcome_graph.errors.UsageError`, a ``ValueError``)."""
    if jobs != "auto" and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise UsageError(f"jobs must be a positive number or 'auto', not {jobs!r}")


class Forked(Generic[T]):
    """``fn()`` computed in a forked child; :meth:`result` waits for it.

    >>> import os
    >>> child = Forked(lambda: os.getpid())
    >>> child.result() != os.getpid()
    True
    >>> Forked(lambda: 1 / 0).result()
    Traceback (most recent call last):
    ...
    outcome_graph.forking.ChildFailed: the child process ended with status 1
    >>> reap()
    """

    def __init__(self, fn: Callable[[], T]) -> None:
        """Fork the child; :class:`ChildFailed` if the system refuses (no memory for a process
        of this size, too many processes), and the caller does the work itself."""
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError as exc:
            os.close(read_end)
            os.close(write_end)
            raise ChildFailed(f"cannot start a child process: {exc.strerror or exc}") from None
        if pid == 0:  # pragma: no cover - the child (coverage does not follow forks)
            os.close(read_end)
            _child(write_end, fn)
        os.close(write_end)
        self._pid: int | None = pid
        self._read_end = read_end

    def result(self) -> T:
        """The child's result, once it has sent it; :class:`ChildFailed` if it failed.

        A whole reply is the result, whatever happens to the child after sending it (a pickle cut
        short does not load). The child, which may still be freeing its memory, is reaped by
        :func:`reap` rather than waited for here.
        """
        import pickle

        if self._pid is None:
            raise ChildFailed("the result was already taken or the child cancelled")
        pid, self._pid = self._pid, None
        with os.fdopen(self._read_end, "rb") as stream:
            data = stream.read()
        try:
            value: T = pickle.loads(data)  # noqa: S301 - our own child, through a private pipe
        except Exception:  # noqa: BLE001 - nothing, or not all, was sent: the child failed
            try:
                _, status = os.waitpid(pid, 0)
            except ChildProcessError:  # reaped already (a program that ignores SIGCHLD)
                raise ChildFailed("the child process ended without a result") from None
            how = (
                f"status {os.WEXITSTATUS(status)}"
                if os.WIFEXITED(status)
                else f"signal {os.WTERMSIG(status)}"
            )
            raise ChildFailed(f"the child process ended with {how}") from None
        _UNREAPED.append(pid)
        return value

    def cancel(self) -> None:
        """Stop the child if it is still running (after an error or an interrupt)."""
        import signal

        if self._pid is None:
            return
        pid, self._pid = self._pid, None
        os.close(self._read_end)
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:  # pragma: no cover - already gone
            pass


_UNREAPED: list[int] = []  # children whose result was taken, not yet waited for


def map_shared(fn: Callable[[int], T], count: int, processes: int) -> list[T]:
    """``[fn(0), ..., fn(count - 1)]``, the calls shared between this process and
    ``processes - 1`` forked children.

    Each process takes the next index from a pipe they share, so a slow item does not hold the
    others back. A child sends its results when it has no index left to take. The indices a
    failed child took (an exception, a signal) are run again here, so an error surfaces exactly
    as in one process; an exception here stops the children and is raised.

    >>> map_shared(lambda i: i * i, 5, 2)
    [0, 1, 4, 9, 16]
    >>> reap()
    """
    import struct

    processes = min(processes, count)
    if processes < 2 or not can_fork():
        return [fn(i) for i in range(count)]
    if count > _BATCH:  # (the indices must fit a pipe's smallest buffer, one page)
        out: list[T] = []
        for start in range(0, count, _BATCH):

            def shifted(i: int, start: int = start) -> T:
                return fn(start + i)

            out += map_shared(shifted, min(_BATCH, count - start), processes)
        return out
    read_end, write_end = os.pipe()
    os.write(write_end, struct.pack(f"<{count}I", *range(count)))
    os.close(write_end)

    def take() -> dict[int, T]:
        out: dict[int, T] = {}
        while True:
            taken = os.read(read_end, 4)  # (four bytes, read whole: atomic between the processes)
            if len(taken) < 4:
                return out
            (i,) = struct.unpack("<I", taken)
            out[i] = fn(i)

    children: list[Forked[dict[int, T]]] = []
    results: dict[int, T] = {}
    try:
        try:
            for _ in range(processes - 1):
                children.append(Forked(take))
        except ChildFailed:  # the system has no more processes to give: fewer children
            pass
        results.update(take())
        for child in children:
            try:
                results.update(child.result())
            except ChildFailed:
                pass  # its indices are run again below
        for i in range(count):
            if i not in results:
                results[i] = fn(i)
    except BaseException:
        for child in children:
            child.cancel()
        reap()
        raise
    finally:
        os.close(read_end)
    return [results[i] for i in range(count)]


_BATCH = 1024  # indices handed out through one pipe (4 KiB)


def reap() -> None:
    """Wait for the children whose results were taken (they end as soon as they have sent them)."""
    while _UNREAPED:
        pid = _UNREAPED.pop()
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:  # pragma: no cover - already reaped (by a SIGCHLD handler)
            pass


STOPPING_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP")


def start_process(args: Sequence[str], **popen: Any) -> subprocess.Popen[bytes]:
    """``subprocess.Popen(args, **popen)``, with the signals that stop the command (SIGINT, SIGTERM,
    SIGHUP) held back while the process starts.

    The program runs as soon as it is forked, before ``Popen`` returns it: a signal in between
    would unwind this process without the process it started, which would then run on unwatched
    (Graphviz's ``dot`` laying out a large diagram for minutes). A signal held back is delivered
    once the process is ours: the signal's handler runs as it would have, and if it raises
    (``KeyboardInterrupt``, the command's clean exit) or ends this process (the default action),
    the process started is killed and waited for first. Signals are held only where
    Python handles them (the main thread), and an ignored signal stays ignored.
    """
    import signal
    import subprocess

    held: list[int] = []
    previous: dict[int, Any] = {}

    def hold(signum: int, frame: object) -> None:
        held.append(signum)

    try:
        for name in STOPPING_SIGNALS:
            number = getattr(signal, name, None)
            handler = None if number is None else signal.getsignal(number)
            if number is not None and handler not in (signal.SIG_IGN, None):
                previous[number] = handler
                signal.signal(number, hold)
    except ValueError:  # not the main thread: Python delivers no signal here to hold
        pass
    process = None
    try:
        # (a fixed program, its arguments ours)
        process = subprocess.Popen(args, **popen)  # noqa: S603
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        if held:
            number, handler = held[0], previous[held[0]]
            if not callable(
                handler
            ):  # (the default action ends this process: end the started one first)
                stop_process(process)
                signal.raise_signal(number)
            try:
                handler(number, None)
            except BaseException:
                stop_process(process)
                raise
    assert process is not None
    return process


def stop_process(process: subprocess.Popen[bytes] | None) -> None:
    """Kill a process started here, wait for it to end and close its pipes (nothing if ``None``)."""
    if process is not None:
        process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def _child(
    write_end: int, fn: Callable[[], object]
) -> None:  # pragma: no cover - runs in the child
    import pickle
    import signal

    # The parent's handlers (the command's SIGTERM raises SystemExit) would unwind into the
    # parent's code: a child just dies. A signal the parent ignores (SIGINT for a command started
    # in the background by a script, SIGHUP under nohup) the child ignores too.
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
            signal.signal(number, signal.SIG_DFL)
    status = 1
    try:
        data = pickle.dumps(fn(), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as out:
            out.write(data)
        status = 0
    except BaseException:  # noqa: BLE001,S110 - the parent does the work again and sees the error
        pass
    finally:
        os._exit(status)  # no atexit handlers, no second flush of the parent's buffers
