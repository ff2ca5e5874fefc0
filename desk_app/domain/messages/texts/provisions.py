"""Messages about stopping third-party provision (a stop-provision case, its letter, imports and the check
that go with it), in English and Japanese."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # --- the request and its step -------------------------------------------------------------------------
    "provision.choose_scope": (
        "choose which provision stops: all provision not required, or one recipient's",
        "停止する提供を選んでください（同意に基づく提供のすべて、または特定の提供先）",
    ),
    "provision.choose_recipient": (
        "choose the recipient whose provision stops",
        "提供を停止する提供先を選んでください",
    ),
    "provision.choose_ground": (
        "choose why the caller asks for the stop",
        "停止をご希望の理由を選んでください",
    ),
    "provision.not_stoppable": (
        "customer {customer_no}'s data goes to {recipient!r} on no consent that can be stopped",
        "顧客 {customer_no} の「{recipient}」への提供は、同意に基づくものではないため停止できません",
    ),
    "provision.complete_after_stop": (
        "a stop of third-party provision is completed once the provision has been stopped",
        "第三者提供の停止は、停止の手続きをしてから完了します",
    ),
    # --- the case's timeline ------------------------------------------------------------------------------
    "event.provision_stopped": (
        "Third-party provision stopped: {scope} ({ground})",
        "第三者提供を停止: {scope}（{ground}）",
    ),
    "event.provision_all": ("all provision not required", "同意に基づく提供のすべて"),
    "event.provision_to": ("provision to {recipient}", "{recipient}への提供"),
    # --- the letter ---------------------------------------------------------------------------------------
    "letter.no_provision_stopped": (
        "case {case_no}: no stopped provision is on file",
        "案件 {case_no}: 停止した第三者提供が記録されていません",
    ),
    # --- the database check -------------------------------------------------------------------------------
    "doctor.check.provisions": ("provisions", "第三者提供の停止"),
    "doctor.stop_made_nothing": (
        "completed, but no third-party provision was stopped",
        "完了していますが、第三者提供を停止していません",
    ),
    "doctor.stop_not_kept": (
        "stopped third-party provision, but the customer's record keeps no such stop",
        "第三者提供を停止しましたが、お客様の記録に停止が残っていません",
    ),
    "doctor.stop_of_other_case": (
        "keeps a stop of third-party provision made by {case}, which is not this customer's stop request",
        "第三者提供の停止が残っていますが、その{case}はこのお客様の停止の請求ではありません",
    ),
    "doctor.stop_all_but_allowed": (
        "stopped all provision not required, yet the record allows provision on consent",
        "同意に基づく提供のすべてを停止したのに、記録では同意に基づく提供が許可されています",
    ),
}
