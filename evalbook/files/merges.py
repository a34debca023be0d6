"""Which merged range covers a cell, at a cost set by the number of ranges, not their area.

Ten kilobytes of ``<mergeCell>`` elements can describe tens of millions of covered cells (300
overlapping ranges of 192,000 cells each); walking every covered cell took 25-87 s. A
:class:`MergeIndex` splits each range into its first row and the rows below it, and cuts the
sheet's rows into bands at every row where a part starts or ends: within a band every row is
covered by the same parts. A segment tree over the bands holds each part in O(log n) nodes.

A question about (row, col) finds the band by bisection. A band under few parts (every band of
a real form) is resolved once into sorted column segments, each with the range that wins there;
a band under many parts (hundreds of staggered ranges) is answered from the O(log n) tree nodes
above it instead, each node's parts resolved once the same way. Building costs O(n log n) for
n ranges, all resolving O(n log² n) at most, a question O(log² n); nothing grows with the area
the ranges cover.

Overlapping ranges (Excel refuses them and repairs the file) keep the meaning the readers have
always given them: where several cover a cell the last one in the sheet's list wins.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right

_FLAT = 64  # a band under at most this many range parts is resolved on its own


class _Segments:
    """Column segments of some range parts: segment j is columns starts[j] .. starts[j+1]-1."""

    __slots__ = ("starts", "winner", "below", "hidden")

    def __init__(self, starts: list[int], winner: list[int], below: list[bool], hidden: list[bool]):
        self.starts = starts
        self.winner = winner  # the last range covering the segment, -1 for none
        self.below = below  # covered by a range that started on a row above
        self.hidden = hidden  # covered, and not as a range's top-left cell


def _put(nodes: list, node: int, part: int) -> None:
    if nodes[node] is None:
        nodes[node] = [part]
    else:
        nodes[node].append(part)


class MergeIndex:
    """Merged ranges (r1, c1, r2, c2), 1-based and inclusive, indexed for point questions."""

    def __init__(self, ranges: list[tuple[int, int, int, int]]):
        self.ranges = list(ranges)
        # a part is 2*i for range i's first row, 2*i+1 for its rows below
        parts: list[tuple[int, int, int]] = []
        for i, (r1, c1, r2, c2) in enumerate(self.ranges):
            if r2 < r1 or c2 < c1:
                continue  # covers nothing (every reader gives min/max order)
            parts.append((r1, r1, 2 * i))
            if r2 > r1:
                parts.append((r1 + 1, r2, 2 * i + 1))
        cuts: set[int] = set()
        for top, bottom, _ in parts:
            cuts.update((top, bottom + 1))
        self.bounds = bounds = sorted(cuts)  # band b is rows bounds[b] .. bounds[b+1]-1
        size = 1
        while size < len(bounds) - 1:
            size *= 2
        self._size = size
        nodes: list[list[int] | None] = [None] * (2 * size)
        for top, bottom, part in parts:
            lo = bisect_right(bounds, top) - 1 + size
            hi = bisect_right(bounds, bottom) + size  # exclusive
            while lo < hi:
                if lo & 1:
                    _put(nodes, lo, part)
                    lo += 1
                if hi & 1:
                    hi -= 1
                    _put(nodes, hi, part)
                lo >>= 1
                hi >>= 1
        self._nodes = nodes
        self._bands: dict[int, _Segments | None] = {}  # None: a crowded band, asked node by node
        self._resolved_nodes: dict[int, _Segments] = {}

    def _path(self, b: int) -> list[int]:
        """The tree nodes above band *b* that hold parts."""
        out = []
        node = b + self._size
        nodes = self._nodes
        while node:
            if nodes[node]:
                out.append(node)
            node >>= 1
        return out

    def _resolve(self, parts: list[int]) -> _Segments:
        """Sweep *parts* left to right: O(k log k) for k parts."""
        ranges = self.ranges
        # (column, part, what): 1/0 enters/leaves its columns; 3/2 enters/leaves the columns
        # it hides (a first row hides all but its first column)
        events: list[tuple[int, int, int]] = []
        for part in parts:
            _, c1, _, c2 = ranges[part >> 1]
            events.append((c1, part, 1))
            events.append((c2 + 1, part, 0))
            if part & 1:
                events.append((c1, part, 3))
                events.append((c2 + 1, part, 2))
            elif c2 > c1:
                events.append((c1 + 1, part, 3))
                events.append((c2 + 1, part, 2))
        events.sort()
        starts: list[int] = []
        winner: list[int] = []
        below: list[bool] = []
        hidden: list[bool] = []
        heap: list[int] = []  # -range of the ranges entered, some of them left already (lazy)
        inside: set[int] = set()
        n_below = n_hidden = 0
        k, n = 0, len(events)
        while k < n:
            col = events[k][0]
            while k < n and events[k][0] == col:
                _, part, what = events[k]
                k += 1
                step = 1 if what & 1 else -1
                if what >= 2:
                    n_hidden += step
                    continue
                if what:
                    inside.add(part)
                    heapq.heappush(heap, -part)
                else:
                    inside.discard(part)
                if part & 1:
                    n_below += step
            while heap and -heap[0] not in inside:
                heapq.heappop(heap)
            starts.append(col)
            winner.append(-heap[0] >> 1 if heap else -1)
            below.append(n_below > 0)
            hidden.append(n_hidden > 0)
        return _Segments(starts, winner, below, hidden)

    def _ask(self, row: int, col: int) -> tuple[int, bool, bool]:
        """(last range covering (row, col) or -1, covered from a row above, covered not as a top-left)."""
        bounds = self.bounds
        b = bisect_right(bounds, row) - 1
        if b < 0 or b >= len(bounds) - 1:
            return -1, False, False
        segments = self._bands.get(b, 0)
        if segments == 0:
            path = self._path(b)
            parts = [p for node in path for p in self._nodes[node]]
            segments = self._bands[b] = self._resolve(parts) if len(parts) <= _FLAT else None
        if segments is not None:
            j = bisect_right(segments.starts, col) - 1
            return (-1, False, False) if j < 0 else (segments.winner[j], segments.below[j], segments.hidden[j])
        win, down, hide = -1, False, False
        for node in self._path(b):
            segments = self._resolved_nodes.get(node)
            if segments is None:
                segments = self._resolved_nodes[node] = self._resolve(self._nodes[node])
            j = bisect_right(segments.starts, col) - 1
            if j >= 0:
                win = max(win, segments.winner[j])
                down = down or segments.below[j]
                hide = hide or segments.hidden[j]
        return win, down, hide

    def at(self, row: int, col: int) -> tuple[int, bool]:
        """(the last range covering (row, col) or -1, whether a range covers it from a row above)."""
        win, down, _ = self._ask(row, col)
        return win, down

    def hidden(self, row: int, col: int) -> bool:
        """Whether (row, col) is a covered cell of some range: inside it, not its top-left cell."""
        return self._ask(row, col)[2]
