"""A stand-in for one app replica, for tests: one Store per process (as the app keeps one per server),
driven by JSON commands on stdin, one JSON answer per line on stdout.

Commands: {"op": "load"}, {"op": "save", "title": ..., "base": n, "at": unix_time (optional: wait
until then, so two processes save at the same moment)}, {"op": "quit"}.
"""

from __future__ import annotations

import json
import sys
import time

from esg_workbench.store import ConflictError, Store


def _answer(store: Store, command: dict) -> dict:
    if command["op"] == "load":
        stored = store.load(command["id"])
        return {"revision": stored.revision, "title": stored.assessment.title, "author": stored.author}
    if command["op"] == "save":
        base = store.load(command["id"], revision=command["base"]).assessment
        edited = base.model_copy(update={"title": command["title"]})
        delay = command.get("at", 0) - time.time()
        if delay > 0:
            time.sleep(delay)
        try:
            return {"saved": store.save(edited, base_revision=command["base"], author=command["author"])}
        except ConflictError as exc:
            return {"conflict": exc.current_revision, "by": exc.current_author, "message": str(exc)}
    raise ValueError(f"unknown command {command!r}")


def main() -> None:
    with Store(sys.argv[1]) as store:
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            command = json.loads(line)
            if command["op"] == "quit":
                break
            print(json.dumps(_answer(store, command)), flush=True)


if __name__ == "__main__":
    main()
