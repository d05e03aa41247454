"""A partner answers the relationship round in the app (issue 14, with login of issue 13)."""

from __future__ import annotations

import dataclasses

import pytest

from coalition_map.access import Actor
from coalition_map.errors import NotAllowed, ServiceError
from coalition_map.model import RelationshipAnswer
from coalition_map.service import open_service


@pytest.fixture
def svc(store_url):
    service = open_service(store_url)
    yield service
    service.close()


def _answers(svc, respondent, round_name="2027"):
    others = [p.id for p in svc.load_coalition().partners if p.active and p.id != respondent]
    return [RelationshipAnswer(round_name, respondent, other, know=True, open_communication=3)
            for other in others[:3]]


def test_a_partner_answers_for_its_own_organisation_in_one_step(svc):
    anna = Actor("anna@welzijn.nl", "Anna", "partner", partner_id="P05")
    before = [a for a in svc.load_coalition().relationships if a.respondent != "P05"
              or a.round != "2027"]
    svc.answer_round("2027", "P05", _answers(svc, "P05"), actor=anna, drawn=[])
    stored = svc.load_coalition().relationships
    mine = [a for a in stored if a.round == "2027" and a.respondent == "P05"]
    assert len(mine) == 3 and all(a.know and a.open_communication == 3 for a in mine)
    assert [a for a in stored if not (a.round == "2027" and a.respondent == "P05")] == before
    # answering again replaces its answers, from what the form showed
    changed = [dataclasses.replace(a, refer=True) for a in mine[:2]]
    svc.answer_round("2027", "P05", changed, actor=anna, drawn=mine)
    mine = [a for a in svc.load_coalition().relationships
            if a.round == "2027" and a.respondent == "P05"]
    assert len(mine) == 2 and all(a.refer for a in mine)
    assert svc.changesets(limit=1)[0].note == "relatiemeting ronde 2027: antwoorden van P05"


def test_a_partner_cannot_answer_for_another_and_a_kijker_not_at_all(svc):
    anna = Actor("anna@welzijn.nl", "Anna", "partner", partner_id="P05")
    version = svc.data_version()
    with pytest.raises(NotAllowed, match="hoort bij P06"):
        svc.answer_round("2027", "P06", _answers(svc, "P06"), actor=anna, drawn=[])
    with pytest.raises(NotAllowed, match="kijker"):
        svc.answer_round("2027", "P05", _answers(svc, "P05"),
                         actor=Actor("w@g.nl", "Wand", "kijker"), drawn=[])
    assert svc.data_version() == version


def test_answers_changed_meanwhile_are_not_overwritten(svc):
    bob = Actor("bob@gemeente.nl", "Bob", "redacteur")
    svc.answer_round("2027", "P05", _answers(svc, "P05"), actor=bob, drawn=[])
    with pytest.raises(ServiceError, match="intussen gewijzigd"):
        svc.answer_round("2027", "P05", _answers(svc, "P05")[:1], actor="Piet", drawn=[])
