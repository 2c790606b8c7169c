"""A place in a plan's YAML or JSON document in the plan's own words, for a load error.

Pydantic names the value at fault by its path in the document
(``objectives[0].milestones[2].lead``); a strategy lead reading the error knows the plan by its
items, so a message names the item by its kind and id and the field by what it holds: ``the lead of
milestone M3``, ``the first indicator of objective P1.A1.O2``, ``the start date of the plan's
period``. (The path itself stays in the error's ``path``, for a tool.)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["KIND_OF_LIST", "place_in_plan", "ordinal", "path_text"]

#: The lists of nodes, and the kind of node each holds (``indicators`` at the top level only: in
#: a priority, aim or objective it lists references to indicators).
KIND_OF_LIST = {
    "priorities": "priority",
    "aims": "aim",
    "objectives": "objective",
    "milestones": "milestone",
    "indicators": "indicator",
}
#: Lists of other named things at the top level, and the field that names each.
_NAMED_LISTS = {
    "owners": ("owner", "id"),
    "groups": ("group", "id"),
    "catalogues": ("catalogue", "prefix"),
}

#: A field in words, where its name alone would not do.
_FIELD_WORDS = {
    "due": "due date",
    "as_of": "as_of date",
    "start": "start date",
    "end": "end date",
    "from": "'from' date",
    "to": "'to' date",
    "depends_on": "depends_on list",
    "see_also": "see_also list",
    "ignore": "ignore list",
    "where": "'where'",
}
#: An item of a list field in words ("the second target").
_ITEM_WORDS = {
    "targets": "target",
    "actuals": "actual value",
    "due": "due date",
    "ignore": "ignore entry",
    "variants": "variant",
    "tags": "tag",
    "outcomes": "outcome",
    "aliases": "alias",
    "members": "member",
    "views": "view",
    "parents": "parent",
    "depends_on": "depends_on entry",
    "see_also": "see_also entry",
}

_ORDINALS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
)


def ordinal(index: int) -> str:
    """The place of the item ``index`` (counted from 0) of a list, in words.

    >>> ordinal(0), ordinal(9), ordinal(10), ordinal(21), ordinal(111)
    ('first', 'tenth', '11th', '22nd', '112th')
    """
    n = index + 1
    if n <= len(_ORDINALS):
        return _ORDINALS[n - 1]
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def path_text(path: Sequence[Any]) -> str:
    """A path in the document as a program writes it: ``objectives[0].milestones[2].lead``.

    >>> path_text(("objectives", 0, "milestones", 2, "lead")), path_text(())
    ('objectives[0].milestones[2].lead', '')
    """
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out


def _name(item: Any, key: str) -> str | None:
    """The id (or prefix, code) an item of the document is known by, as written; ``None`` when it
    has none that reads as a name (missing, blank, not text, on several lines)."""
    value = item.get(key) if isinstance(item, Mapping) else item if isinstance(item, str) else None
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or not value.isprintable():  # (blank, or with a line break or control character)
        return None
    return value if len(value) <= 60 else value[:57] + "..."


def _field(name: str) -> str:
    return _FIELD_WORDS.get(name, name)


def place_in_plan(tree: Any, path: Sequence[Any]) -> str:
    """The value at ``path`` in the document ``tree`` (parts that are all in it), in words.

    >>> doc = {"plan": {"period": {"start": "x"}},
    ...        "objectives": [{"id": "O1", "milestones": [{"title": "t"}],
    ...                        "indicators": ["NI 72", {"title": "x"}]}],
    ...        "owners": [{"id": "A", "capacity": 2.5}]}
    >>> place_in_plan(doc, ("plan", "period", "start"))
    "the start date of the plan's period"
    >>> place_in_plan(doc, ("objectives", 0, "milestones", 0))
    'the first milestone of objective O1'
    >>> place_in_plan(doc, ("objectives", 0, "indicators", 1))
    'the second indicator of objective O1'
    >>> place_in_plan(doc, ("objectives", 0, "indicators", 0))
    'indicator NI 72 of objective O1'
    >>> place_in_plan(doc, ("owners", 0, "capacity")), place_in_plan(doc, ())
    ('the capacity of owner A', 'the file')
    """
    subject: str | None = None  # the innermost item named: "objective O1", "the plan"
    chain: list[str] = []  # what of it, outermost first: ["first target", "value"]
    node: Any = tree
    context = "top"  # what `node` is: "top", a node's kind, "plan", "catalogue" or "other"
    i = 0
    while i < len(path):
        part = path[i]
        following = path[i + 1] if i + 1 < len(path) else None
        if isinstance(
            part, int
        ):  # (an item of a list not named below: "the second item of the tags")
            chain[-1:] = [
                f"{ordinal(part)} item of the {chain[-1]}" if chain else f"{ordinal(part)} item"
            ]
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            i += 1
            continue
        child = node.get(part) if isinstance(node, Mapping) else None
        item = (
            child[following]
            if isinstance(child, list)
            and isinstance(following, int)
            and 0 <= following < len(child)
            else None
        )
        whose = (
            f"{' of '.join(['the ' + c for c in reversed(chain)] + ([subject] if subject else []))}"
        )
        is_node_list = part in KIND_OF_LIST and (
            context == "top"
            or (
                context in ("priority", "aim", "objective")
                and part in ("aims", "objectives", "milestones")
            )
        )
        if is_node_list and isinstance(following, int):
            kind = KIND_OF_LIST[part]
            name = _name(item, "id")
            subject = (
                f"{kind} {name}"
                if name
                else f"the {ordinal(following)} {kind}" + (f" of {whose}" if whose else "")
            )
            chain, node, context = [], item, kind
            i += 2
            continue
        if (
            part == "indicators"
            and context in ("priority", "aim", "objective")
            and isinstance(following, int)
        ):
            name = _name(item, "id")
            subject = (
                f"indicator {name} of {whose}"
                if name
                else f"the {ordinal(following)} indicator of {whose}"
            )
            chain, node, context = [], item, "other"
            i += 2
            continue
        if context == "top" and part in _NAMED_LISTS and isinstance(following, int):
            what, key = _NAMED_LISTS[part]
            name = _name(item, key)
            subject = f"{what} {name}" if name else f"the {ordinal(following)} {what}"
            chain, node, context = [], item, what
            i += 2
            continue
        if context == "catalogue" and part == "entries" and isinstance(following, int):
            name = _name(item, "code")
            subject = (
                f"entry {name} of {whose}" if name else f"the {ordinal(following)} entry of {whose}"
            )
            chain, node, context = [], item, "other"
            i += 2
            continue
        if context == "top" and part in ("plan", "vision"):
            subject, chain, node, context = f"the {part}", [], child, part
            i += 1
            continue
        if isinstance(following, int) and part in _ITEM_WORDS:
            chain.append(f"{ordinal(following)} {_ITEM_WORDS[part]}")
            node, context = item, "other"
            i += 2
            continue
        chain.append(_field(part))
        node, context = child, "other"
        i += 1
    if not chain:
        return subject or "the file"
    if subject == "the plan":
        words = f"the plan's {chain[0]}"
    elif subject is None:
        words = f"the {chain[0]}"
    else:
        words = f"the {chain[0]} of {subject}"
    for what in chain[1:]:
        words = f"the {what} of {words}"
    return words
