"""The catalogues a plan can use: the built-in National Indicator Set and the plan's local ones."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CatalogueError
from ..paths import os_error, resolved
from .catalogue import (
    Catalogue,
    CatalogueEntry,
    code_prefix,
    load_catalogue_csv,
    national_indicators,
    normalise_code,
)

if TYPE_CHECKING:
    from ..model.document import CatalogueSpec
    from ..model.plan import Plan

__all__ = ["build_catalogue", "build_catalogues"]


def _safe_path(base_dir: str | None, relative: str) -> Path:
    rel = Path(relative)
    if rel.is_absolute() or ".." in rel.parts:
        raise CatalogueError(f"entries file {relative!r} must be a path inside the plan's folder")
    if (
        base_dir is None
    ):  # (it was read from the working folder: an uploaded plan could read its files)
        raise CatalogueError(
            f"entries file {relative!r} cannot be read: the plan was not loaded from a file, so it "
            "has no folder to read it from (load the plan from its path, or list the entries in it)"
        )
    try:
        base = resolved(base_dir)
        path = resolved(base / rel)
    except ValueError:  # (a character no path may hold: a NUL)
        raise CatalogueError(f"entries file {relative!r} is not a path") from None
    if base not in path.parents and path != base:
        raise CatalogueError(f"entries file {relative!r} must be a path inside the plan's folder")
    return path


def build_catalogue(spec: CatalogueSpec, *, base_dir: str | None, plan: Plan) -> Catalogue:
    """One local catalogue of the plan (see :func:`build_catalogues`).

    Raises
    ------
    CatalogueError
        Its entries file cannot be read or is not a catalogue, or its entries are not one.
    """
    from ..loading.suggest import unknown_outcome
    from ..model.frameworks import frameworks

    prefix = spec.prefix.upper()
    title = spec.title or f"{prefix} indicators"
    spec_framework = plan.document.plan.framework
    framework = frameworks().get(spec_framework)
    if isinstance(spec.entries, str):
        path = _safe_path(base_dir, spec.entries)
        if path.is_dir():
            raise CatalogueError(f"{prefix}: entries {spec.entries!r} is a folder, not a CSV file")
        if not path.is_file():
            if path.exists():
                raise CatalogueError(
                    f"{prefix}: entries file {spec.entries!r} is not a regular file (a pipe or a "
                    "device)"
                )
            reason = os_error(path)
            if reason is not None:  # (a link that loops)
                raise CatalogueError(
                    f"{prefix}: entries file {spec.entries!r} cannot be read: {reason}"
                )
            raise CatalogueError(
                f"{prefix}: entries file {spec.entries!r} not found beside the plan"
            )
        plan.sources.append(str(path))
        return load_catalogue_csv(
            path, prefix=prefix, title=title, framework=framework, notices=plan.notices
        )
    if isinstance(spec.entries, list):
        valid = framework.ids if framework is not None else None
        for e in spec.entries:  # (as a node's: outcomes of the plan's framework)
            bad = [o for o in e.outcomes if valid is not None and o not in valid]
            if bad and valid is not None:
                raise CatalogueError(
                    f"{prefix}: {unknown_outcome(e.code, bad[0], valid, spec_framework)}"
                )
        return Catalogue(
            prefix,
            title,
            [
                CatalogueEntry(normalise_code(e.code), e.title, tuple(e.outcomes))
                for e in spec.entries
            ],
        )
    entries = [
        CatalogueEntry(normalise_code(n.id), n.title, tuple(n.outcomes or ()))
        for n in plan.nodes.values()
        if n.kind == "indicator" and code_prefix(n.id) == prefix
    ]
    return Catalogue(prefix, title, entries)


def build_catalogues(
    specs: list[CatalogueSpec], *, base_dir: str | None, plan: Plan
) -> dict[str, Catalogue]:
    """The catalogues by prefix: ``NI`` built in, then each local catalogue of the plan.

    A local catalogue without ``entries`` consists of the plan's declared indicators with its
    prefix. ``entries`` naming a CSV file reads it from the plan's folder (never outside it).
    """
    catalogues: dict[str, Catalogue] = {"NI": national_indicators()}
    for spec in specs:
        catalogues[spec.prefix.upper()] = build_catalogue(spec, base_dir=base_dir, plan=plan)
    return catalogues
