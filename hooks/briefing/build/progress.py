"""What a build says while it works: one line per stage, with counts and the time it took."""

from __future__ import annotations

import sys
import time

from ..messages import Message, say


class Progress:
    """One line per stage, with counts and the time it took: what a build is doing, never a flood."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout
        self.started = self.last = time.perf_counter()

    def say(self, key: str, took: float | None = None, **values) -> None:
        """A stage done: its message (templates/messages/<lang>.yml) and the time it took: since the last
        stage, or ``took`` (a stage that ran beside another, whose lines come together when both are done)."""
        now = time.perf_counter()
        seconds = f"{now - self.last if took is None else took:.1f}"
        print(say("stage_done", stage=Message(key, **values), seconds=seconds), file=self.stream)
        self.stream.flush()
        self.last = now
