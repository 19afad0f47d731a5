"""Step 4, outcome scenarios: options from the archetypes with their scores and rationales, must-have
checks, cost over the horizon, the ranking with each criterion's contribution and its sensitivity,
and the decision with its roadmap (interim -> target)."""

from __future__ import annotations

from esg_workbench.app import scenario_views as views
from esg_workbench.app import state
from esg_workbench.app.guidance import step_header
from esg_workbench.app.i18n import current_language
from esg_workbench.app.tables import Ctx
from esg_workbench.app.widgets import require_assessment, view_switch

VIEWS = (
    ("options", "scenarios.views.options", ":material/category:"),
    ("scores", "scenarios.views.scores", ":material/scoreboard:"),
    ("musts", "scenarios.views.musts", ":material/rule:"),
    ("costs", "scenarios.views.costs", ":material/payments:"),
    ("ranking", "scenarios.views.ranking", ":material/leaderboard:"),
    ("decision", "scenarios.views.decision", ":material/signpost:"),
)


def render() -> None:
    assessment = require_assessment()
    if assessment is None:
        return
    step_header("scenarios", "scenarios")
    view = view_switch("scenarios", VIEWS)
    ctx = Ctx(assessment, state.framework_of(assessment), current_language())
    {
        "options": views.options_view,
        "scores": views.scores_view,
        "musts": views.musts_view,
        "costs": views.costs_view,
        "ranking": views.ranking_view,
        "decision": views.decision_view,
    }[view](ctx)


render()
