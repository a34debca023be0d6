"""Which merged range covers a cell, at a cost set by the number of ranges, not their area.

Ten kilobytes of ``<mergeCell>`` elements can describe tens of millions of covered cells (300
overlapping ranges of 192,000 cells each); walking every covered cell took 87 s. A
:class:`MergeIndex` cuts the rows into bands at every row where a range starts, ends or
leaves its first row, so that within a band every row is covered by the same ranges in the
same way. A segment tree over the bands finds the ranges of a band (each range sits in
O(log n) nodes); a band's columns are then resolved once, the first time a cell of it is
asked for, into sorted column segments with the range that wins there. Building costs
O(n log n) for n ranges; a band costs O(k log k) for the k ranges over it; a question, two
bisections. Nothing here grows with the area the ranges cover.

Overlapping ranges (Excel refuses them and repairs the file) keep the meaning the readers have
always given them: where several cover a cell the last one in the sheet's list wins.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right


class _Band:
    """One band's columns: segment j is columns starts[j] .. starts[j+1]-1."""

    __slots__ = ("starts", "winner", "below", "hidden")

    def __init__(self, starts: list[int], winner: list[int], below: list[bool], hidden: list[bool]):
        self.starts = starts
        self.winner = winner  # the last range covering the segment, -1 for none
        self.below = below  # covered by a range that started on a row above the band
        self.hidden = hidden  # covered, and not as any covering range's top-left cell


class MergeIndex:
    """Merged ranges (r1, c1, r2, c2), 1-based and inclusive, indexed for point questions."""

    def __init__(self, ranges: list[tuple[int, int, int, int]]):
        self.ranges = list(ranges)
        cuts: set[int] = set()
        for r1, _, r2, _ in self.ranges:
            cuts.update((r1, r1 + 1, r2 + 1))
        self.bounds = sorted(cuts)  # band b is rows bounds[b] .. bounds[b+1]-1
        n = max(len(self.bounds) - 1, 1)
        size = 1
        while size < n:
            size *= 2
        self._size = size
        self._nodes: list[list[int] | None] = [None] * (2 * size)
        bounds = self.bounds
        for i, (r1, c1, r2, c2) in enumerate(self.ranges):
            if r2 < r1 or c2 < c1:
                continue  # covers nothing (every reader gives min/max order)
            lo = bisect_right(bounds, r1) - 1 + size
            hi = bisect_right(bounds, r2) + size  # exclusive
            while lo < hi:
                if lo & 1:
                    self._put(lo, i)
                    lo += 1
                if hi & 1:
                    hi -= 1
                    self._put(hi, i)
                lo >>= 1
                hi >>= 1
        self._bands: dict[int, _Band] = {}
        self._tops: dict[tuple[int, int], int] | None = None

    def _put(self, node: int, i: int) -> None:
        held = self._nodes[node]
        if held is None:
            self._nodes[node] = [i]
        else:
            held.append(i)

    def band_of(self, row: int) -> int:
        """The band holding *row*, -1 when no range reaches it."""
        b = bisect_right(self.bounds, row) - 1
        return b if 0 <= b < len(self.bounds) - 1 else -1

    def ranges_over(self, b: int) -> list[int]:
        """The ranges that cover every row of band *b* (no other range touches it)."""
        out: list[int] = []
        node = b + self._size
        nodes = self._nodes
        while node:
            held = nodes[node]
            if held:
                out.extend(held)
            node >>= 1
        return out

    def _resolve(self, b: int) -> _Band:
        """Sweep the band's ranges left to right: O(k log k) for k ranges."""
        top = self.bounds[b]
        ranges = self.ranges
        # (column, range, what): what 0/1 leaves/enters its columns; 2/3 leaves/enters the
        # columns it hides on its first row (all but its first one)
        events: list[tuple[int, int, int]] = []
        for i in self.ranges_over(b):
            r1, c1, _, c2 = ranges[i]
            events.append((c1, i, 1))
            events.append((c2 + 1, i, 0))
            if r1 == top and c2 > c1:
                events.append((c1 + 1, i, 3))
                events.append((c2 + 1, i, 2))
        events.sort()
        starts: list[int] = []
        winner: list[int] = []
        below: list[bool] = []
        hidden: list[bool] = []
        heap: list[int] = []  # -range of the ranges entered, some of them left already (lazy)
        inside: set[int] = set()
        n_below = n_first = 0  # ranges over the column from a row above; first-row ranges hiding it
        k, n = 0, len(events)
        while k < n:
            col = events[k][0]
            while k < n and events[k][0] == col:
                _, i, what = events[k]
                k += 1
                if what >= 2:
                    n_first += 1 if what == 3 else -1
                    continue
                if what:
                    inside.add(i)
                    heapq.heappush(heap, -i)
                else:
                    inside.discard(i)
                if ranges[i][0] < top:
                    n_below += 1 if what else -1
            while heap and -heap[0] not in inside:
                heapq.heappop(heap)
            starts.append(col)
            winner.append(-heap[0] if heap else -1)
            below.append(n_below > 0)
            hidden.append(n_below > 0 or n_first > 0)
        return _Band(starts, winner, below, hidden)

    def _segment(self, row: int, col: int) -> tuple[_Band | None, int]:
        b = self.band_of(row)
        if b < 0:
            return None, -1
        band = self._bands.get(b)
        if band is None:
            band = self._bands[b] = self._resolve(b)
        return band, bisect_right(band.starts, col) - 1

    def at(self, row: int, col: int) -> tuple[int, bool]:
        """(the last range covering (row, col) or -1, whether a range covers it from a row above)."""
        band, j = self._segment(row, col)
        if j < 0:
            return -1, False
        return band.winner[j], band.below[j]

    def hidden(self, row: int, col: int) -> bool:
        """Whether (row, col) is a covered cell of some range: inside it, not its top-left cell."""
        band, j = self._segment(row, col)
        return j >= 0 and band.hidden[j]

    def widest_from(self, row: int, col: int) -> int | None:
        """The last column of the widest range whose top-left cell is (row, col), None if none."""
        if self._tops is None:
            self._tops = {}
            for r1, c1, _, c2 in self.ranges:
                if c2 > self._tops.get((r1, c1), 0):
                    self._tops[(r1, c1)] = c2
        return self._tops.get((row, col))
