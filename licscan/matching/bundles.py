"""Bundles: files that hold several license texts, each found with its own span.

Why a second search: the first search of a file shortlists the references that share the most
sampled shingles with the *whole* file and aligns each once, in its densest window. In a bundle
that is not enough: six concatenated licenses crowd the shortlist with one family's siblings
(twelve MIT variants leave no room for the BSD text beside them), and a second copy of a license
already found (a vendored MIT, a modified one) is never aligned, because its reference has been
used up. Here every stretch of the file that no chosen alignment covers is searched again on
its own, with a shortlist of its own and every reference available again, until no stretch
large enough to hold a license is left unsearched.

The search itself belongs to the chain (``identify``); this module only decides which stretches
are searched and in what order, so the chain stays one place and the loop stays bounded.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

# The fewest words a stretch must hold to be searched again: the chain accepts no alignment
# of fewer than 20 matched words, and a stretch needs a few more to hold them.
MIN_STRETCH = 24
# At most this many further searches per file, and at most WORK_FACTOR times the file's length
# in tokens searched in all: a 64 KiB bundle of six licenses needs a few searches over about
# twice its length; the caps keep a hostile file (a thousand copies of one short license, each
# search finding one more) bounded in time. What is left unsearched stays unexplained.
MAX_SEARCHES = 48
WORK_FACTOR = 4


# A stretch's alignment covering less of its reference than this must start at the head of the
# reference (within HEAD_TOKENS of its first word, room for a title the file leaves out).
WHOLE_ENOUGH = 0.8
HEAD_TOKENS = 12


class Placed(Protocol):
    """An alignment as this module sees it: where in the file's tokens it lies, where in its
    reference it starts, and how much of the reference it covers."""

    start: int
    end: int
    ref_start: int
    coverage: float


A = TypeVar("A", bound=Placed)
Chosen = list[tuple[A, list[A]]]


def gaps(size: int, taken: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of ``range(size)`` that no (start, end) in ``taken`` covers, in order."""
    out: list[tuple[int, int]] = []
    position = 0
    for start, end in sorted(taken):
        if start > position:
            out.append((position, start))
        position = max(position, end)
    if position < size:
        out.append((position, size))
    return out


def search_stretches(size: int, chosen: Chosen[A],
                     search: Callable[[int, int], Chosen[A]],
                     searched: tuple[int, int] = (-1, -1)) -> Chosen[A]:
    """``chosen`` (the whole-file search) plus what searching each uncovered stretch finds.

    ``search(lo, hi)`` runs the chain on tokens ``lo..hi`` only and returns alignments in file
    positions. ``searched`` is a stretch already searched as it stands (the whole file), so it
    is not searched twice. A stretch that yields nothing is never searched again; one that
    yields something is split around it and its remainders are searched in turn, so a second
    copy of a license beside the first is found too.
    """
    result = list(chosen)
    done = {searched}
    budget = MAX_SEARCHES
    work = WORK_FACTOR * size
    while budget > 0 and work > 0:
        todo = [g for g in gaps(size, [(b.start, b.end) for b, _alt in result])
                if g[1] - g[0] >= MIN_STRETCH and g not in done]
        if not todo:
            break
        for lo, hi in todo:
            if budget <= 0 or work <= 0:
                break
            budget -= 1
            work -= hi - lo
            done.add((lo, hi))
            found = [(best, alts) for best, alts in search(lo, hi)
                     if lo <= best.start and best.end <= hi and _stands_alone(best)]
            result.extend(found)
    result.sort(key=lambda pair: pair[0].start)
    return result


def fit_between_neighbours(size: int, chosen: Chosen[A],
                           realign: Callable[[A, int, int], A | None]) -> Chosen[A]:
    """Each license of a bundle aligned again between the licenses beside it, when that
    recovers more of it.

    Why: the chain aligns a reference over its densest cluster of hits plus a margin, and in a
    bundle the margin holds the neighbouring license's text. The alignment may then spend the
    reference's first words ("Redistribution and use in source and binary forms") on scattered
    words of the neighbour, drop them as stray, and leave the license's real first line
    unexplained. Between its neighbours only, the reference finds its own first words.
    ``realign(alignment, lo, hi)`` aligns the same reference within tokens ``lo..hi``.
    """
    if len(chosen) < 2:
        return chosen
    out = list(chosen)
    for i, (best, alternatives) in enumerate(out):
        if best.ref_start == 0 and best.coverage >= 1.0:
            continue
        lo = out[i - 1][0].end if i > 0 else 0
        hi = chosen[i + 1][0].start if i + 1 < len(chosen) else size
        if lo > best.start or hi < best.end:
            continue  # neighbours overlap it: leave the chain's choice alone
        again = realign(best, lo, hi)
        if again is not None and _recovers_more(again, best):
            out[i] = (again, alternatives)
    return out


def _recovers_more(again: Placed, best: Placed) -> bool:
    return again.coverage > best.coverage or (again.coverage == best.coverage
                                              and again.ref_start < best.ref_start)


def _stands_alone(alignment: Placed) -> bool:
    """Whether a stretch's alignment is a license of its own: nearly all of it, or its head (a
    copy cut short). Why not any fragment: between and after the licenses of a bundle stand
    the tails of texts the first search named in a variant form, and a lone warranty
    disclaimer shared by a whole family; named as a partial copy of whichever license holds
    them, they would add a license the file does not grant. Left unexplained, they are
    reported as such (fail closed) instead."""
    return alignment.coverage >= WHOLE_ENOUGH or alignment.ref_start <= HEAD_TOKENS


__all__ = ["MAX_SEARCHES", "MIN_STRETCH", "WORK_FACTOR", "fit_between_neighbours", "gaps",
           "search_stretches"]
