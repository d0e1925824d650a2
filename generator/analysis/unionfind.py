"""Disjoint sets over 0..n-1 (union-find with path halving): joining things that match pairwise."""

from __future__ import annotations


class UnionFind:
    """`union(a, b)` puts a and b in one set; `groups()` lists the sets, each in ascending order."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        """Join the sets of a and b (b's root goes under a's)."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[root_b] = root_a

    def groups(self) -> list[list[int]]:
        """The sets, in the order of their first member."""
        found: dict[int, list[int]] = {}
        for x in range(len(self.parent)):
            found.setdefault(self.find(x), []).append(x)
        return list(found.values())
