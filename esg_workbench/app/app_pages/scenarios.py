"""Step 4, outcome scenarios: options from the archetypes with their scores and rationales, must-have
checks, cost over the horizon, the ranking with each criterion's contribution and its sensitivity,
and the decision with its roadmap (interim -> target)."""

from __future__ import annotations

from esg_workbench.app import business_case_view, result_views, scenario_views, state, variants_view
from esg_workbench.app.guidance import step_header
from esg_workbench.app.i18n import current_language
from esg_workbench.app.table_editor import Ctx
from esg_workbench.app.widgets import require_assessment, view_switch

VIEWS = (
    ("options", "scenarios.views.options", ":material/category:"),
    ("scores", "scenarios.views.scores", ":material/scoreboard:"),
    ("musts", "scenarios.views.musts", ":material/rule:"),
    ("costs", "scenarios.views.costs", ":material/payments:"),
    ("business", "workshop_b.view.tab", ":material/savings:"),
    ("ranking", "scenarios.views.ranking", ":material/leaderboard:"),
    ("variants", "workshop_b.variants.tab", ":material/compare:"),
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
        "options": scenario_views.options_view,
        "scores": scenario_views.scores_view,
        "musts": scenario_views.musts_view,
        "costs": result_views.costs_view,
        "business": business_case_view.business_case_view,
        "ranking": result_views.ranking_view,
        "variants": variants_view.variants_view,
        "decision": result_views.decision_view,
    }[view](ctx)


render()
