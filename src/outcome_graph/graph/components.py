"""Strongly connected components, for the cycle rule (OG107).

Written out (Tarjan's algorithm, iteratively) rather than imported from networkx: the rule runs on
every check, and importing networkx costs a tenth of a second, more than finding the cycles of a
100,000-node plan.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

__all__ = ["strongly_connected"]


def strongly_connected(
    nodes: Iterable[str], successors: Callable[[str], Iterable[str]]
) -> Iterator[set[str]]:
    """Yield the strongly connected components of a directed graph, each as a set of nodes.

    Parameters
    ----------
    nodes : iterable of str
        The graph's nodes.
    successors : callable
        The nodes an edge leads to from a node (only those among ``nodes`` count).

    Examples
    --------
    >>> edges = {"a": ["b"], "b": ["a", "c"], "c": ["c"], "d": []}
    >>> sorted(sorted(c) for c in strongly_connected(edges, lambda n: edges[n]))
    [['a', 'b'], ['c'], ['d']]
    """
    members = set(nodes)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    for root in members:
        if root in index:
            continue
        # Each frame: a node and the iterator over its successors still to visit.
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        frames: list[tuple[str, Iterator[str]]] = [(root, iter(successors(root)))]
        while frames:
            node, pending = frames[-1]
            for nxt in pending:
                if nxt not in members:
                    continue
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    frames.append((nxt, iter(successors(nxt))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                frames.pop()
                if frames:
                    parent = frames[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component: set[str] = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    yield component
