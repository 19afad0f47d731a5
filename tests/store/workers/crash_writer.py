"""Saves one assessment in a loop until killed, for the crash-consistency test. Prints ``saved N``
after each committed revision N. With ``pause`` it prints ``committing`` just before the COMMIT of a
write and waits there, so the test can kill it with the revision written but not yet committed."""

from __future__ import annotations

import sys
import time

from sqlalchemy import event

from esg_workbench.domain import Assessment
from esg_workbench.store import Store

_armed = False


def _grown(assessment: Assessment, step: int) -> Assessment:
    """The next version: 20 more roles with long notes, so each write takes a while and spans pages."""
    data = assessment.model_dump(mode="json")
    data["roles"].extend(
        {"id": f"r{step}-{k}", "name": f"Role {step}-{k}", "role_type": "job", "notes": f"{step}-{k} " * 300}
        for k in range(20)
    )
    return Assessment.model_validate(data)


def main() -> None:
    url, mode = sys.argv[1], sys.argv[2]
    with Store(url) as store:
        if mode == "pause":

            @event.listens_for(store.engine, "commit")
            def _hold(conn) -> None:  # noqa: ANN001 - a SQLAlchemy Connection
                if _armed and conn.get_execution_options().get("esg_workbench_write"):
                    print("committing", flush=True)
                    time.sleep(60)  # killed here

        current = store.load("crash")
        for step in range(1, 10_000):
            global _armed
            _armed = mode == "pause" and step >= 3
            revision = store.save(_grown(current.assessment, step), base_revision=current.revision, author="crash")
            print(f"saved {revision}", flush=True)
            current = store.load("crash")


if __name__ == "__main__":
    main()
