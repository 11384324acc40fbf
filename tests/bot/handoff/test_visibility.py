"""Need-to-know: a contact person sees and acts on the handoffs of their own role; a lead sees all."""

from __future__ import annotations

import pytest

from bot.handoff.errors import PermissionDenied
from bot.handoff.service import HandoffRequest

HARASSMENT = "Mein Teamleiter belästigt mich seit Wochen, ich will das melden, aber nicht öffentlich."


def harassment_report(message_id: str = "M-HR") -> HandoffRequest:
    return HandoffRequest(
        platform="slack",
        source_message_id=message_id,
        asker_id="UEMP",
        language="de",
        reason="sensitive",
        category="harassment",
        contact_role="hr",
        question=HARASSMENT,
    )


@pytest.fixture
def service(make_service, settings):
    settings.contact_ids.update({"hr": ["UHR"], "security": ["USEC"], "communications": ["UCOMM1"]})
    svc = make_service()
    svc.set_routing({"harassment": "hr", "hacked_account": "security", "legal": "legal"})
    return svc


def test_security_contact_does_not_see_an_hr_harassment_report(service):
    view, _ = service.open(harassment_report())
    assert [v.id for v in service.list_for("USEC")] == []
    for act in (
        lambda: service.get("USEC", view.id),
        lambda: service.claim("USEC", view.id),
        lambda: service.answer("USEC", view.id, "Ich kümmere mich."),
        lambda: service.resolve("USEC", view.id),
        lambda: service.events("USEC", view.id),
    ):
        with pytest.raises(PermissionDenied):
            act()
    assert service.get("UCOMM1", view.id).status == "open"  # nothing changed by the refused attempts


def test_hr_contact_and_the_lead_see_and_act_on_it(service):
    view, _ = service.open(harassment_report())
    assert [v.id for v in service.list_for("UHR")] == [view.id]
    assert [v.id for v in service.list_for("UCOMM1")] == [view.id]  # communications is `lead: true`
    assert service.claim("UHR", view.id).claimed_by == "UHR"
    assert service.answer("UHR", view.id, "Ich melde mich heute bei dir.").status == "answered"
    assert service.resolve("UCOMM1", view.id).status == "resolved"


def test_each_contact_sees_only_their_roles_and_the_asker_their_own(service):
    hr, _ = service.open(harassment_report())
    hacked, _ = service.open(
        HandoffRequest(
            platform="slack",
            source_message_id="M-SEC",
            asker_id="UOTHER",
            language="de",
            reason="sensitive",
            category="hacked_account",
            question="Mein LinkedIn-Konto wurde gehackt.",
        )
    )
    assert [v.id for v in service.list_for("USEC")] == [hacked.id]
    assert [v.id for v in service.list_for("UHR")] == [hr.id]
    assert [v.id for v in service.list_for("UEMP")] == [hr.id]
    assert {v.id for v in service.list_for("UCOMM1")} == {hr.id, hacked.id}


def test_fallback_holder_sees_handoffs_of_a_role_nobody_holds(service):
    legal, _ = service.open(
        HandoffRequest(
            platform="slack",
            source_message_id="M-L",
            asker_id="UEMP",
            language="de",
            reason="sensitive",
            category="legal",
            question="Wir haben eine Abmahnung bekommen.",
        )
    )
    assert legal.contact_role == "legal"
    # ULEGAL holds legal in the fixture; a legal handoff is theirs, not security's
    assert [v.id for v in service.list_for("ULEGAL")] == [legal.id]
    assert service.list_for("USEC") == []


def test_no_lead_configured_means_communications_sees_only_its_own(make_service, settings, knowledge_dir):
    text = (knowledge_dir / "contacts.yaml").read_text(encoding="utf-8").replace(", lead: true", "")
    (knowledge_dir / "contacts.yaml").write_text(text, encoding="utf-8")
    settings.contact_ids.update({"hr": ["UHR"], "communications": ["UCOMM1"]})
    service = make_service()
    service.set_routing({"harassment": "hr"})
    view, _ = service.open(harassment_report())
    assert service.list_for("UCOMM1") == []
    with pytest.raises(PermissionDenied):
        service.get("UCOMM1", view.id)


def test_ids_out_of_range_or_unreadable_are_not_found_in_plain_words(service):
    from bot.handoff.errors import HandoffNotFound

    for bad, text in (
        (99999999999999999999, "Anfrage 99999999999999999999 nicht gefunden"),
        (0, "keine gültige Anfragenummer"),
        (-3, "keine gültige Anfragenummer"),
    ):
        with pytest.raises(HandoffNotFound) as caught:
            service.get("UCOMM1", bad)
        assert text in str(caught.value) and "Anfrage 0" not in str(caught.value)
