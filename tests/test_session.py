"""The session engine: answering, going back, reopening, notes and the outcome."""

from __future__ import annotations

import pytest

from wegwijzer.core.flows.check import LoadedFlow
from wegwijzer.core.walk.session import AnswerError, Session


def walk_to_policy_check(session: Session) -> None:
    session.answer(None)  # begin (info)
    session.answer((1, 0))  # signalen (multi), given out of order
    session.answer(0)  # politie: Ja


def test_answers_move_along_the_path(test_flow: LoadedFlow) -> None:
    session = Session(test_flow)
    assert session.current_id == "begin" and session.position == 1
    walk_to_policy_check(session)
    assert session.path == ["begin", "signalen", "politie", "beleid"]
    assert session.kept("signalen") == (0, 1)
    session.answer("deels")
    assert session.finished and session.finished_at is not None


@pytest.mark.parametrize(
    ("answers", "bad"),
    [
        ([], 0),
        ([None], ()),
        ([None], (5,)),
        ([None, (0,)], 2),
        ([None, (0,)], True),
        ([None, (0,), 0], "misschien"),
    ],
)
def test_answers_that_do_not_fit_are_refused_in_dutch(
    test_flow: LoadedFlow, answers: list[object], bad: object
) -> None:
    session = Session(test_flow)
    for value in answers:
        session.answer(value)  # type: ignore[arg-type]
    before = list(session.path)
    with pytest.raises(AnswerError) as caught:
        session.answer(bad)  # type: ignore[arg-type]
    assert any(word in str(caught.value) for word in ("kies", "nummer"))
    assert session.path == before


def test_back_keeps_later_answers_while_the_path_is_unchanged(test_flow: LoadedFlow) -> None:
    session = Session(test_flow)
    walk_to_policy_check(session)
    session.answer("nee")
    assert session.back() and session.back() and session.back()
    assert session.current_id == "signalen"
    assert session.kept("politie") == 0 and session.kept("beleid") == "nee"
    session.fast_forward()
    assert session.finished and session.path[-1] == "einde"


def test_back_at_the_start_does_nothing(test_flow: LoadedFlow) -> None:
    session = Session(test_flow)
    assert not session.back()
    assert session.path == ["begin"]


def test_reopen_and_change_takes_the_new_branch(test_flow: LoadedFlow) -> None:
    session = Session(test_flow)
    walk_to_policy_check(session)
    session.answer("ja")
    session.reopen("politie")
    session.answer(1)  # Nee -> einde-politie
    assert session.finished and session.path[-1] == "einde-politie"
    assert [t.step_id for t in session.taken()] == ["begin", "signalen", "politie", "einde-politie"]
    with pytest.raises(AnswerError):
        session.reopen("beleid")  # no longer on the path


def test_recommended_actions_follow_the_answers(test_flow: LoadedFlow) -> None:
    session = Session(test_flow)
    walk_to_policy_check(session)
    session.answer("nee")
    texts = [r.action.text for r in session.recommended()]
    assert texts == [
        "Bespreek de signalen.",  # zorg, from the option chosen at signalen
        "Loop het beleid na met de checklist van het NJi.",  # beleid, the open checklist item
        "Bewaar dit overzicht.",  # algemeen, from the outcome
    ]
    session.reopen("beleid")
    session.answer("ja")
    assert "Loop het beleid na met de checklist van het NJi." not in [
        r.action.text for r in session.recommended()
    ]
    session.reopen("signalen")
    session.answer((1,))
    session.fast_forward()
    assert [r.action.text for r in session.recommended()] == ["Bewaar dit overzicht."]


def test_every_recommended_action_carries_its_citations(test_flow: LoadedFlow) -> None:
    session = Session(test_flow)
    walk_to_policy_check(session)
    session.answer("weet niet")
    assert all(r.action.cites for r in session.recommended())
    assert next(r for r in session.recommended() if r.step_id == "beleid").action.cites == ("8.2",)


def test_notes_are_cleaned_capped_and_removable(test_flow: LoadedFlow) -> None:
    session = Session(test_flow)
    session.set_note("begin", "eerste regel\r\n\x1b]0;titel\x07[bold]tweede\u202e")
    assert session.notes["begin"] == "eerste regel\n␛]0;titel␇[bold]tweede"
    session.set_note("begin", "x" * 100_000)
    assert len(session.notes["begin"]) == 5000
    session.set_note("begin", "  ")
    assert "begin" not in session.notes


def test_taken_describes_answers(test_flow: LoadedFlow) -> None:
    session = Session(test_flow)
    walk_to_policy_check(session)
    session.answer("deels")
    taken = {t.step_id: t.answer_text for t in session.taken()}
    assert taken == {
        "begin": "gelezen",
        "signalen": "Veel cadeaus en aandacht; Iets anders",
        "politie": "Ja",
        "beleid": "deels",
        "einde": "",
    }
