"""What the desk does with each caller-ID event: record it, pop the caller's record, leave the focus be."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from desk_app.callerid.events import CallEvent
from desk_app.domain.enums import CallState
from desk_app.services.agents import AgentInfo
from desk_app.services.customers.lookup import CustomerNotFound
from desk_app.services.customers.record import CustomerRecord
from desk_app.services.customers.screen_pop import PopOutcome, ScreenPop
from ui.calls.call_banner import ACCEPT_KEY, CallBanner, reason_text
from ui.calls.ops import RecordedEvent, open_record, record_and_pop
from ui.common.background import BackgroundRunner
from ui.common.serial_work import SerialWork
from ui.shell.desk_pages import DeskPages


@dataclass
class _Call:
    """The call on the banner, and what its screen pop found."""

    event: CallEvent
    row_id: int | None = None
    looked_up: bool = False
    pop: ScreenPop | None = None
    match_text: str = ""
    open_when_looked_up: bool = False
    # On a floor served by the gateway: the login of the desk that answered instead of this one.
    taken_by: str | None = None

    @property
    def call_id(self) -> str:
        return self.event.call_id

    @property
    def in_progress(self) -> bool:
        """Ringing or under way at this desk (a call another desk answered is over here)."""
        return self.taken_by is None and self.event.state in (CallState.RINGING, CallState.ANSWERED)


class ScreenPopFlow(QObject):
    """Events are recorded one at a time, in order (`SerialWork`), so two events of one call never race for
    its row. The flow fills the pages and the banner; the window refreshes the caller log when told to."""

    call_recorded = Signal(str)
    # The caller log has something new: a call's row changed, or a record opened during a call named it.
    call_log_changed = Signal()
    # The banner shows the match; the page opened, or waits for F2 because the agent is busy.
    pop_presented = Signal(str)
    pop_opened = Signal(str)
    record_opened = Signal(int)
    # A new call rang: what was about the previous caller (a dialog naming them) closes.
    call_began = Signal(str)
    # The current call's state (a CallState) after each of its events: what a locked desk may show.
    call_state_changed = Signal(object)
    # (call id, login): another desk answered the call this one rang for, and its banner closed.
    taken_elsewhere = Signal(str, str)

    def __init__(
        self,
        runner: BackgroundRunner,
        banner: CallBanner,
        pages: DeskPages,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner, self._banner, self._pages = runner, banner, pages
        self._agent: AgentInfo | None = None
        self._call: _Call | None = None
        self._recording = SerialWork(runner, self)
        self._notice: QMessageBox | None = None
        # Counts rings: a record asked for before the latest one is not shown after it.
        self._ring_serial = 0

    @Slot(object)
    def set_agent(self, agent: AgentInfo | None) -> None:
        self._agent = agent

    @property
    def current_call_state(self) -> CallState | None:
        """The state of the latest call (ringing, answered, missed, ended); None before any, and once
        another desk answered it."""
        call = self._call
        return call.event.state if call is not None and call.taken_by is None else None

    @property
    def active_call_row_id(self) -> int | None:
        """The call-log row of the call under way, which records opened now are logged against."""
        call = self._call
        return call.row_id if call is not None and call.in_progress else None

    def _answered_elsewhere(self, event: CallEvent) -> bool:
        """The gateway names the desk that answered: another login than this desk's is someone else."""
        if event.state is not CallState.ANSWERED or event.answered_by is None:
            return False
        return self._agent is None or event.answered_by != self._agent.login

    @Slot(object)
    def handle_event(self, event: CallEvent) -> None:
        call = self._call
        elsewhere = self._answered_elsewhere(event)
        if elsewhere:
            self._taken_elsewhere(event)
        elif event.state is CallState.RINGING and (call is None or call.call_id != event.call_id):
            self._call = _Call(event)
            self._ring_serial += 1
            # Before the lookup: nothing of the previous call may wait for it looking current.
            self._pages.start_new_call()
            self._banner.show_call(event)
            self.call_began.emit(event.call_id)
        elif call is not None and call.call_id == event.call_id:
            call.event = event
            # A dismissed banner stays dismissed; one showing this call follows it.
            if self._banner.isVisible() and self._banner.call_id == event.call_id:
                self._banner.show_call(event)
                if call.match_text:
                    self._banner.set_match(call.match_text)
        if self._call is not None and self._call.call_id == event.call_id:
            self.call_state_changed.emit(self.current_call_state)
        # The pop is made for whoever is signed in when the event's turn comes, not when it arrived.
        self._recording.run_when_due(
            lambda: record_and_pop(
                event, self._agent.id if self._agent else None, answered_here=not elsewhere
            ),
            name="record a call event",
            on_success=lambda recorded: self._recorded(event, recorded),
            on_error=self._recording_failed,
        )

    def _taken_elsewhere(self, event: CallEvent) -> None:
        """Another desk answered: the banner closes, what the ring popped here goes (the caller is that
        desk's) unless the agent is typing in it, and what was kept for their typing is theirs again."""
        call = self._call
        if call is None or call.call_id != event.call_id or event.answered_by is None:
            return
        call.event, call.taken_by, call.open_when_looked_up = event, event.answered_by, False
        if self._banner.call_id == call.call_id:
            self._banner.hide()
        pages = self._pages
        kept = pages.typing_page()
        # There is no current call to switch to: the veils over the agent's work go.
        for page in (pages.widget(index) for index in range(pages.count())):
            if page is not None:
                pages.unmark(page)
        shown_here = call.row_id is not None and pages.record_panel.call_row_id == call.row_id
        if shown_here and kept is not pages.record_panel:
            pages.record_panel.clear()
        if call.pop is not None and call.pop.outcome is PopOutcome.SEVERAL and kept is not pages.chooser:
            pages.chooser.set_choices("", ())
            pages.hide_chooser()
        self.taken_elsewhere.emit(call.call_id, event.answered_by)

    def _recorded(self, event: CallEvent, recorded: RecordedEvent) -> None:
        call = self._call
        if call is not None and call.call_id == event.call_id:
            call.row_id = call.row_id or recorded.call_row_id
            if event.state is CallState.RINGING and call.taken_by is None:
                self._present(call, recorded.pop)
        self.call_log_changed.emit()
        self.call_recorded.emit(event.call_id)

    def _recording_failed(self, error: Exception) -> None:
        self._runner.show_error(error)

    def _present(self, call: _Call, pop: ScreenPop | None) -> None:
        call.looked_up, call.pop = True, pop
        page, call.match_text = self._target(call)
        pages = self._pages
        if page is not None:
            if call.open_when_looked_up or pages.can_bring_forward(page):
                self._open(call, focus=call.open_when_looked_up)
            else:
                # The agent types in the page in front, or works on another tab: the new call's page
                # is made ready behind it for F2, unless it is the very page they are typing in.
                if page is not pages.currentWidget() and not pages.is_previous_call(page):
                    self._fill(call, page, focus=False)
                if self._banner.call_id == call.call_id:
                    hint = self.tr("Press %1 to open").replace("%1", ACCEPT_KEY)
                    self._banner.set_match(call.match_text, hint)
        if self._banner.call_id == call.call_id and page is None:
            self._banner.set_match(call.match_text)
        self.pop_presented.emit(call.call_id)

    def _target(self, call: _Call) -> tuple[QWidget | None, str]:
        if self._agent is None:
            return None, self.tr("Sign in to see who is calling")
        pop = call.pop
        if pop is not None and pop.outcome is PopOutcome.ONE and pop.record is not None:
            return self._pages.record_panel, self.tr("%1 様").replace("%1", pop.record.name)
        if pop is not None and pop.outcome is PopOutcome.SEVERAL:
            return self._pages.chooser, self.tr("%1 customers share this number").replace(
                "%1", str(len(pop.choices))
            )
        if call.event.number_e164:
            return self._pages.search_pane, self.tr("No customer has this number")
        return self._pages.search_pane, self.tr("Ask who is calling")

    def _open(self, call: _Call, *, focus: bool) -> None:
        call.open_when_looked_up = False
        page, _ = self._target(call)
        if page is None:
            return
        pages = self._pages
        if focus:
            # Asked for with F2: what was kept from the previous call for the agent's typing is let go.
            pages.forget_previous_call()
        self._fill(call, page, focus=focus)
        pages.bring_forward(page)
        if self._banner.call_id == call.call_id:
            self._banner.set_match(call.match_text)
        if focus:
            self._focus(page)
        self.pop_opened.emit(call.call_id)

    def _fill(self, call: _Call, page: QWidget, *, focus: bool) -> None:
        """Put what the screen pop found into `page`, whether or not it comes forward."""
        pop, pages = call.pop, self._pages
        if page is pages.record_panel and pop is not None and pop.record is not None and self._agent:
            pages.record_panel.show_record(pop.record, call_row_id=call.row_id, agent_id=self._agent.id)
            pages.hide_chooser()
        elif page is pages.chooser and pop is not None and pop.number is not None:
            pages.chooser.set_choices(pop.number.national, pop.choices)
            pages.offer_chooser()
        elif page is pages.search_pane:
            # Opened for the agent, whatever the field held from before goes; asked for with F2, what
            # they may have typed for this caller stays unless there is a number to put there.
            number = call.event.number_display or (None if focus else "")
            pages.search_pane.fill(number, self._search_note(call.event))
            pages.hide_chooser()
        pages.unmark(page)

    def _search_note(self, event: CallEvent) -> str:
        ask = self.tr("Ask for the caller's name or customer number, then search.")
        if event.number_display:
            return self.tr("No customer has %1.").replace("%1", event.number_display) + " " + ask
        if event.reason is not None:
            return self.tr("%1. %2").replace("%1", reason_text(event.reason)).replace("%2", ask)
        return self.tr("The caller's number could not be read.") + " " + ask

    def _focus(self, page: QWidget) -> None:
        pages = self._pages
        if page is pages.record_panel:
            pages.record_panel.focus_record()
        elif page is pages.chooser:
            pages.chooser.focus_choices()
        elif not pages.search_pane.search_field.hasFocus():
            # Already there, the agent goes on typing without their text being selected away.
            pages.search_pane.focus_search_field()

    @Slot(str)
    def accept(self, call_id: str) -> None:
        """F2: open what the screen pop found, now that the agent asks for it."""
        call = self._call
        if call is None or call.call_id != call_id or call.taken_by is not None:
            return
        if call.looked_up:
            self._open(call, focus=True)
        else:
            call.open_when_looked_up = True

    @Slot()
    def switch_to_current_call(self) -> None:
        """F2 with the banner dismissed: a page kept from the previous call gives way to this one's."""
        if self._call is not None:
            self.accept(self._call.call_id)

    @Slot(str)
    def dismissed(self, call_id: str) -> None:
        call = self._call
        if call is not None and call.call_id == call_id:
            call.open_when_looked_up = False

    @Slot(int)
    def open_customer(self, customer_id: int) -> None:
        """The agent chose a customer (search, chooser, caller log); during a call, the call is theirs."""
        agent = self._agent
        if agent is None:
            return
        row_id, serial = self.active_call_row_id, self._ring_serial
        self._runner.run(
            open_record(customer_id, agent.id, row_id),
            name="open a customer record",
            on_success=lambda record: self._show_chosen(record, row_id, serial),
            on_error=self._open_failed,
        )

    def refresh_customer(self, customer_id: int) -> None:
        """Reload the record on screen after case work changed it, without moving page or focus."""
        agent = self._agent
        record = self._pages.record_panel.record
        if agent is None or record is None or record.customer_id != customer_id:
            return
        row_id, serial = self._pages.record_panel.call_row_id, self._ring_serial

        def show(fresh: CustomerRecord) -> None:
            shown = self._pages.record_panel.record
            if serial != self._ring_serial:
                return  # a ring cleared or replaced the record meanwhile
            if self._agent is not None and shown is not None and shown.customer_id == fresh.customer_id:
                self._pages.record_panel.show_record(fresh, call_row_id=row_id, agent_id=self._agent.id)

        self._runner.run(
            open_record(customer_id, agent.id, row_id),
            name="refresh a customer record",
            on_success=show,
            on_error=self._refresh_failed,
        )

    def _refresh_failed(self, error: Exception) -> None:
        if isinstance(error, CustomerNotFound):
            # Erased by the case work itself: what was on screen goes.
            self._pages.record_panel.clear()
            return
        self._runner.show_error(error)

    def _show_chosen(self, record: CustomerRecord, row_id: int | None, serial: int) -> None:
        if self._agent is None or serial != self._ring_serial:
            # Asked for before the latest ring: shown now, it would look like the new caller.
            return
        self._pages.record_panel.show_record(record, call_row_id=row_id, agent_id=self._agent.id)
        self._pages.bring_forward(self._pages.record_panel)
        self._pages.record_panel.focus_record()
        if row_id is not None:
            self.call_log_changed.emit()
        self.record_opened.emit(record.customer_id)

    def _open_failed(self, error: Exception) -> None:
        if not isinstance(error, CustomerNotFound):
            self._runner.show_error(error)
            return
        self._notice = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Customer record"),
            self.tr("This customer's data is no longer held (erased by another desk meanwhile)."),
            QMessageBox.StandardButton.Close,
            self._pages.window(),
        )
        self._notice.open()
