"""Rolling statistics over a stream of numbers."""

from __future__ import annotations

from collections import deque


class RollingMean:
    """Mean of the last ``size`` values pushed."""

    def __init__(self, size: int) -> None:
        if size <= 0:
            raise ValueError("size must be positive")
        self._values: deque[float] = deque(maxlen=size)
        self._total = 0.0

    def push(self, value: float) -> float:
        if len(self._values) == self._values.maxlen:
            self._total -= self._values[0]
        self._values.append(value)
        self._total += value
        return self._total / len(self._values)


if __name__ == "__main__":
    rolling = RollingMean(3)
    for number in (1, 2, 3, 4, 5):
        print(rolling.push(number))
