"""What the team-mode app tests share besides fixtures (those are in conftest.py): the sign-in settings,
the three people, and the store the ``team_db`` fixture builds."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from esg_workbench.store import Store

AUTH = {  # what st.login needs configured; the tests mock st.user, so nothing is ever contacted
    "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
    "cookie_secret": "test-only-not-a-secret",
    "client_id": "workbench",
    "client_secret": "test-only",
    "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
}
OWNER, EDITOR, VIEWER = "anna@firm.dk", "dan@firm.dk", "cy@firm.dk"


@dataclass(frozen=True)
class Team:
    """A team-mode store: ``shared`` (a new, empty assessment) and ``sample`` (the municipality sample
    without its decision and roadmap, so the buttons that propose them show) are owned by anna, with
    dan as editor and cy as viewer; ``private`` is bo's and shared with nobody."""

    db: Path
    shared: str = "shared-one"
    private: str = "bo-private"
    sample: str = "shared-sample"

    def stored(self, assessment_id: str):  # noqa: ANN201 - a StoredAssessment
        with Store(str(self.db)) as store:
            return store.load(assessment_id)
