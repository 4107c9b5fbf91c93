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

    def say(self, key: str, **values) -> None:
        """A stage done: its message (templates/messages/<lang>.yml) and the time it took."""
        now = time.perf_counter()
        print(say("stage_done", stage=Message(key, **values), seconds=f"{now - self.last:.1f}"), file=self.stream)
        self.stream.flush()
        self.last = now
