"""The engine's warnings on the app's screens in the session's language: a Danish ranking and a Danish
weights panel say an AHP consistency ratio above the limit, and weights that differ from AHP's, in
Danish, with the criterion's name as typed; a weighting that cannot be derived is said in Danish too."""

from __future__ import annotations

from app_helpers import assert_clean, run_app, stored, texts

from esg_workbench.domain.assessment import PairwiseJudgement
from esg_workbench.store import Store


def _save(seeded, aid: str, change) -> None:  # noqa: ANN001
    current = stored(seeded.db, aid)
    with Store(str(seeded.db)) as store:
        store.save(change(current.assessment), base_revision=current.revision, author="test")


def _ahp(pairwise):  # noqa: ANN001, ANN202
    def change(a):  # noqa: ANN001, ANN202
        judgements = pairwise([c.id for c in a.criteria])
        return a.model_copy(
            update={"weighting": a.weighting.model_copy(update={"method": "ahp", "pairwise": judgements})}
        )

    return change


def _cycle(ids: list[str]) -> list[PairwiseJudgement]:
    """The first three criteria judged in a cycle, each 9 times the next (a consistency ratio of about
    0.19 with the sample's 16 criteria), the others each compared with the first as equal, so every
    criterion is connected."""
    first, second, third = ids[:3]
    cycle = [(first, second, 9), (second, third, 9), (third, first, 9)]
    return [PairwiseJudgement(a=a, b=b, ratio=r) for a, b, r in cycle] + [
        PairwiseJudgement(a=c, b=first, ratio=1) for c in ids[3:]
    ]


def _plain(values: list[str]) -> str:
    return " ".join(values).replace("\\", "")  # the markdown escapes that keep user text literal


def test_a_danish_ranking_and_weights_panel_say_the_engines_warnings_in_danish(seeded) -> None:  # noqa: ANN001
    aid = seeded.ids["municipality"]
    _save(seeded, aid, _ahp(_cycle))
    ranking = run_app(assessment_id=aid, lang="da", page="scenarios", state={"view.scenarios": "ranking"})
    assert_clean(ranking)
    shown = _plain(texts(ranking, "warning"))
    assert "AHP-konsistensforholdet " in shown and " er over 0,10: gennemgå de parvise vurderinger." in shown
    assert "sammenligninger mangler; vægtene beregnes med Harkers metode" in shown
    names = {c.name for c in stored(seeded.db, aid).assessment.criteria}
    differ = next(w for w in texts(ranking, "warning") if "Kriteriernes vægte afviger" in w).replace("\\", "")
    assert any(f"“{name}”" in differ for name in names)  # the criterion by name, as typed
    assert " % indtastet, " in differ and "de indtastede vægte bruges." in differ
    assert "consistency ratio" not in shown and "could not be derived" not in shown and "differ from" not in shown
    weights = run_app(assessment_id=aid, lang="da", page="requirements", state={"view.requirements": "criteria"})
    assert_clean(weights)
    captions = _plain([c.value for c in weights.caption])
    assert "AHP-konsistensforholdet " in captions and "gennemgå de parvise vurderinger." in captions
    english = run_app(assessment_id=aid, page="scenarios", state={"view.scenarios": "ranking"})
    assert "is above 0.10: review the pairwise judgements." in _plain(texts(english, "warning"))


def test_weights_that_cannot_be_derived_are_said_in_danish(seeded) -> None:  # noqa: ANN001
    aid = seeded.ids["municipality"]
    _save(seeded, aid, _ahp(lambda ids: [PairwiseJudgement(a=ids[0], b=ids[1], ratio=2)]))
    weights = run_app(assessment_id=aid, lang="da", page="requirements", state={"view.requirements": "criteria"})
    assert_clean(weights)
    shown = _plain(texts(weights, "warning"))
    assert "de parvise sammenligninger forbinder ikke alle kriterier; sammenlign “" in shown
    ranking = run_app(assessment_id=aid, lang="da", page="scenarios", state={"view.scenarios": "ranking"})
    assert_clean(ranking)
    assert "Vægtene efter AHP kunne ikke beregnes: de parvise sammenligninger" in _plain(texts(ranking, "warning"))
