//! Undo and redo of review work. Each link, unlink, restore of the automatic match and note
//! change is a step holding the corrections and notes before and after it, so undoing puts
//! back exactly what was there. The history belongs to the comparison on screen: it is not
//! saved with the session, and opening another pair or session starts a new one.

use super::Review;
use crate::app::App;
use crate::review::corrections::Correction;
use crate::review::session::Note;

/// How many steps are kept.
const MAX_STEPS: usize = 200;

/// What a step did, for the Edit menu's "Undo …" and "Redo …".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Link,
    Unlink,
    RestoreAutomatic,
    AddNote,
    EditNote,
    DeleteNote,
}

/// The part of a review session that steps change.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Work {
    pub corrections: Vec<Correction>,
    pub notes: Vec<Note>,
}

#[derive(Debug)]
struct Step {
    action: Action,
    before: Work,
    after: Work,
}

/// The steps that can be undone, and those undone that can be redone.
#[derive(Debug, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
}

impl History {
    /// A new step; what was undone can no longer be redone.
    fn record(&mut self, action: Action, before: Work, after: Work) {
        self.undone.clear();
        self.done.push(Step {
            action,
            before,
            after,
        });
        if self.done.len() > MAX_STEPS {
            self.done.remove(0);
        }
    }

    /// What Undo would undo.
    pub fn next_undo(&self) -> Option<Action> {
        self.done.last().map(|s| s.action)
    }

    /// What Redo would do again.
    pub fn next_redo(&self) -> Option<Action> {
        self.undone.last().map(|s| s.action)
    }
}

impl Review {
    /// The corrections and notes as they are now.
    pub fn work(&self) -> Work {
        self.session.as_ref().map_or_else(Work::default, |s| Work {
            corrections: s.corrections.clone(),
            notes: s.notes.clone(),
        })
    }
}

impl App {
    /// Records a step that changed the review from `before` to what it is now, and keeps the
    /// unsaved work.
    pub(super) fn record(&mut self, action: Action, before: Work) {
        let after = self.review.work();
        if after == before {
            return;
        }
        self.review.history.record(action, before, after);
        self.changed();
    }

    pub(super) fn undo(&mut self) {
        if let Some(step) = self.review.history.done.pop() {
            self.restore(step.before.clone());
            self.review.history.undone.push(step);
        }
    }

    pub(super) fn redo(&mut self) {
        if let Some(step) = self.review.history.undone.pop() {
            self.restore(step.after.clone());
            self.review.history.done.push(step);
        }
    }

    /// Puts the corrections and notes back as `work` has them; the view is re-classified when
    /// the corrections differ.
    fn restore(&mut self, work: Work) {
        let Some(session) = self.session_mut() else {
            return;
        };
        let reclassify = session.corrections != work.corrections;
        session.corrections = work.corrections;
        session.notes = work.notes;
        // A note being edited may have just changed under the editor.
        self.review.editing = None;
        if reclassify {
            self.reclassify();
        }
        self.changed();
    }
}
