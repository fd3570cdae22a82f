"""The forms of a visit's findings: problems, innovations, verdicts on earlier
problems and reasons for raising none. Each is opened from one place, with a
draft kept as it is typed, and stores through the writer: the record first,
then the draft's deletion (a kill in between leaves one or the other).

A mixin of VisitScreen: it uses the screen's snapshot, current entry and
redraw methods (after_change, refresh_header, go_to, entry_by_id, save_answer).
"""

from __future__ import annotations

from inspector.inspection import record
from inspector.inspection.answers import innovation_replicable, innovation_title, item_context, item_prompt
from inspector.inspection.checklist import Entry

from ..widgets.item_list import entry_id


class FindingForms:
    def action_raise_problem(self) -> None:
        if self.writable():
            self.open_problem_form(entry=self.current)

    def open_problem_form(self, *, entry: Entry | None = None, problem=None, fields: dict | None = None,
                          after=None) -> None:
        """The problem form for an item, a free-form problem, or an existing
        one; `fields` are a kept draft; `after(problem)` runs once it is stored."""
        from inspector.store.drafts import delete_draft

        from inspector.inspection.dates import default_deadline
        from inspector.vocabularies import preferred

        from ..dialogs.problem_form import ProblemDraft, ProblemForm

        snapshot = self.snapshot
        categories = snapshot.vocabularies.get("problem_category")
        if problem is not None:
            entry = next((e for e in snapshot.entries if problem.item and e.ref == problem.item), None)
            draft = ProblemDraft(problem.description, problem.category, problem.scenario, problem.severity,
                                 problem.responsible_unit, problem.deadline)
            title, key = self.t("problem.edit"), f"problem:{problem.id}"
        elif entry is not None:
            item = entry.item
            draft = ProblemDraft("", preferred("problem_category", categories, item.problem_category, "other"), item.scenario,
                                 "severe" if item.veto else "minor", snapshot.project.lead_unit,
                                 default_deadline(snapshot.visit.date))
            title, key = self.t("problem.new_for_item", item=item_prompt(item, self.lang)), f"problem:item:{entry_id(entry)}"
        else:
            draft = ProblemDraft("", preferred("problem_category", categories, "other"), "general", "minor",
                                 snapshot.project.lead_unit,
                                 default_deadline(snapshot.visit.date))
            title, key = self.t("problem.new_free"), "problem:new"
        if fields:
            draft = ProblemForm.draft_from_raw(fields)
        context = {"entry": entry_id(entry) if entry else None, "problem": str(problem.id) if problem else None}

        def done(result: ProblemDraft | None) -> None:
            if result is None:
                return

            def stored(saved) -> None:
                self.problem_saved(saved, entry)
                if after is not None:
                    after(saved)

            self.app.save(
                record.save_problem, self.visit_id, problem_id=problem.id if problem else None,
                item=entry.ref if entry else (problem.item if problem else None), scenario=result.scenario,
                category=result.category, description=result.description, severity=result.severity,
                responsible_unit=result.responsible_unit, deadline=result.deadline, on_saved=stored,
            )
            self.app.save(delete_draft, key)

        form = ProblemForm(self.lang, title=title, draft=draft, visit_date=snapshot.visit.date,
                           typed_deadline=fields.get("deadline") if fields else None,
                           categories=categories, units=snapshot.vocabularies.get("unit"))
        form.keep_draft(key, self.visit_id, "problem", context)
        self.app.push_screen(form, done)

    def problem_saved(self, problem, entry: Entry | None) -> None:
        self._stored(self.snapshot.problems, problem, entry, "problem.saved")

    def _stored(self, records: list, saved, entry: Entry | None, message: str) -> None:
        """Put what the store returned in place of the older copy (or add it), redraw."""
        for index, existing in enumerate(records):
            if existing.id == saved.id:
                records[index] = saved
                break
        else:
            records.append(saved)
        if entry is not None:
            self.after_change(entry)
        else:
            self.refresh_header()
        self.notify(self.t(message), timeout=2)

    def action_no_problem_reason(self) -> None:
        if self.writable():
            self.open_reason_prompt(self.current)

    def open_reason_prompt(self, entry: Entry, fields: dict | None = None) -> None:
        from inspector.store.drafts import delete_draft

        from ..dialogs.text_prompt import TextPrompt

        stored = self.snapshot.answers.get(entry.key)
        value = (fields or {}).get("text") if fields else ((stored.no_problem_reason or "") if stored else "")
        key = f"reason:{entry_id(entry)}"

        def done(reason: str | None) -> None:
            if reason is not None:
                self.save_answer(entry, no_problem_reason=reason)
                self.app.save(delete_draft, key)

        prompt = TextPrompt(self.lang, self.t("reason.title"), self.t("reason.label"), value=value or "")
        self.app.push_screen(prompt.keep_draft(key, self.visit_id, "reason", {"entry": entry_id(entry)}), done)

    def action_record_innovation(self, value: object = None) -> None:
        """`value`: the answer just chosen, when its save is still on its way."""
        if self.writable():
            self.open_innovation_form(entry=self.current, value=value)

    def open_innovation_form(self, *, entry: Entry | None = None, innovation=None, fields: dict | None = None,
                             after=None, value: object = None) -> None:
        from inspector.store.drafts import delete_draft

        from ..dialogs.innovation_form import InnovationDraft, InnovationForm

        if innovation is not None:
            entry = next((e for e in self.snapshot.entries if innovation.item and e.ref == innovation.item), None)
            draft = InnovationDraft(innovation.title, innovation.description, innovation.category,
                                    innovation.scenario, innovation.replicable, list(innovation.evidence))
            title, key = self.t("innovation.edit"), f"innovation:{innovation.id}"
        elif entry is not None:
            item = entry.item
            stored = self.snapshot.answers.get(entry.key)
            if value is None and stored is not None:
                value = stored.value
            # Ticked only what the answer says: replicable when its option
            # does, the evidence the inspector ticked on it (none yet: none),
            # the same whether the answer is stored yet or not.
            draft = InnovationDraft(
                title=innovation_title(item, value), description="",
                category=item.innovation_category or "other", scenario=item.scenario,
                replicable=innovation_replicable(item, value),
                evidence=list(stored.evidence_used) if stored else [],
            )
            title, key = self.t("innovation.new"), f"innovation:item:{entry_id(entry)}"
        else:
            draft = InnovationDraft("", "", "other", "general", False, [])  # worth copying: the inspector says
            title, key = self.t("innovation.new"), "innovation:new"
        if fields:
            draft = InnovationForm.draft_from_raw(fields)
        context = {"entry": entry_id(entry) if entry else None,
                   "innovation": str(innovation.id) if innovation else None}

        def done(result: InnovationDraft | None) -> None:
            if result is None:
                return

            def stored_(saved) -> None:
                self.innovation_saved(saved, entry)
                if after is not None:
                    after(saved)

            self.app.save(
                record.save_innovation, self.visit_id, innovation_id=innovation.id if innovation else None,
                item=entry.ref if entry else (innovation.item if innovation else None), category=result.category,
                scenario=result.scenario, title=result.title, description=result.description,
                replicable=result.replicable, evidence=result.evidence, on_saved=stored_,
            )
            self.app.save(delete_draft, key)

        form = InnovationForm(self.lang, title=title, draft=draft,
                              context=self._item_context(entry, value),
                              evidence=self.snapshot.vocabularies.get("evidence_type"))
        self.app.push_screen(form.keep_draft(key, self.visit_id, "innovation", context), done)

    def _item_context(self, entry: Entry | None, value: object) -> str:
        if entry is None:
            return ""
        if value is None and entry.key in self.snapshot.answers:
            value = self.snapshot.answers[entry.key].value
        return self.t("innovation.from_item", item=item_context(entry.item, value, self.lang))

    def open_verdict_form(self, problem, fields: dict | None = None, after=None) -> None:
        from inspector.store.drafts import delete_draft

        from ..dialogs.verdict_form import VerdictDraft, VerdictForm

        follow_up = self.snapshot.follow_ups.get(str(problem.id))
        draft = VerdictDraft(follow_up.verdict, follow_up.note, list(follow_up.evidence)) if follow_up else None
        if fields:
            draft = VerdictForm.draft_from_raw(fields)
        key = f"verdict:{problem.id}"

        def done(result) -> None:
            if result is None:
                return

            def stored(pair) -> None:
                follow_up, judged = pair
                self.snapshot.follow_ups[str(judged.id)] = follow_up
                self.snapshot.carried = [judged if p.id == judged.id else p for p in self.snapshot.carried]
                self.refresh_header()
                self.notify(self.t("followup.saved"), timeout=2)
                if after is not None:
                    after(pair)

            self.app.save(record.give_verdict, self.visit_id, problem.id, verdict=result.verdict,
                          note=result.note, evidence=result.evidence, on_saved=stored)
            self.app.save(delete_draft, key)

        form = VerdictForm(self.lang, problem_text=problem.description, draft=draft,
                           evidence=self.snapshot.vocabularies.get("evidence_type"))
        self.app.push_screen(form.keep_draft(key, self.visit_id, "verdict", {"problem": str(problem.id)}), done)

    def restore_draft(self, key: str, kind: str, data: dict) -> None:
        """Reopen the form that was being filled in, as it was."""
        context, fields = data.get("context", {}), data.get("fields", {})
        entry = self.entry_by_id(context.get("entry"))
        if entry is not None:
            self.go_to(entry)
        if kind == "problem":
            problem = next((p for p in self.snapshot.problems if str(p.id) == context.get("problem")), None)
            self.open_problem_form(entry=entry, problem=problem, fields=fields)
        elif kind == "innovation":
            innovation = next((i for i in self.snapshot.innovations if str(i.id) == context.get("innovation")), None)
            self.open_innovation_form(entry=entry, innovation=innovation, fields=fields)
        elif kind == "verdict":
            problem = next((p for p in self.snapshot.carried if str(p.id) == context.get("problem")), None)
            if problem is not None:
                self.open_verdict_form(problem, fields)
        elif kind == "reason" and entry is not None:
            self.open_reason_prompt(entry, fields)

    def innovation_saved(self, innovation, entry: Entry | None) -> None:
        self._stored(self.snapshot.innovations, innovation, entry, "innovation.saved")

