//! Keyboard shortcuts, and stepping through added passages and changed sections from where
//! the view is.

use std::ops::Range;

use super::dialogs::Dialog;
use super::model::Side;
use super::session_panel::ReviewCommand;
use super::{App, Command};

impl App {
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let shortcut = |m: Modifiers, k: Key| KeyboardShortcut::new(m, k);
        let pairs = [
            (shortcut(Modifiers::COMMAND, Key::F), Command::OpenFind),
            (shortcut(Modifiers::SHIFT, Key::F3), Command::FindPrev),
            (shortcut(Modifiers::NONE, Key::F3), Command::FindNext),
            (shortcut(Modifiers::COMMAND, Key::Plus), Command::ZoomIn),
            (shortcut(Modifiers::COMMAND, Key::Equals), Command::ZoomIn),
            (shortcut(Modifiers::COMMAND, Key::Minus), Command::ZoomOut),
            (shortcut(Modifiers::COMMAND, Key::Num0), Command::ZoomReset),
            (
                shortcut(Modifiers::COMMAND, Key::ArrowDown),
                Command::NextAdded,
            ),
            (
                shortcut(Modifiers::COMMAND, Key::ArrowUp),
                Command::PrevAdded,
            ),
            (
                shortcut(Modifiers::ALT, Key::ArrowDown),
                Command::NextChanged,
            ),
            (shortcut(Modifiers::ALT, Key::ArrowUp), Command::PrevChanged),
            (shortcut(Modifiers::ALT, Key::ArrowLeft), Command::Back),
            (
                shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::O),
                Command::Ask(Dialog::OpenDocument(Side::Parent)),
            ),
            (
                shortcut(Modifiers::COMMAND, Key::O),
                Command::Ask(Dialog::OpenDocument(Side::Child)),
            ),
        ];
        // Paging, select-all, copy, undo and redo act on the panes unless a text field has the
        // keyboard. Ctrl+Shift+Z before Ctrl+Z, which would match it too.
        let typing = ctx.text_edit_focused();
        let paging = [
            (
                shortcut(Modifiers::NONE, Key::PageDown),
                Command::ScrollPages(0.85),
            ),
            (
                shortcut(Modifiers::NONE, Key::PageUp),
                Command::ScrollPages(-0.85),
            ),
            (
                shortcut(Modifiers::COMMAND, Key::Home),
                Command::ScrollToTop,
            ),
            (shortcut(Modifiers::COMMAND, Key::End), Command::ScrollToEnd),
            (shortcut(Modifiers::COMMAND, Key::A), Command::SelectAll),
            (
                shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
                Command::Review(ReviewCommand::Redo),
            ),
            (
                shortcut(Modifiers::COMMAND, Key::Y),
                Command::Review(ReviewCommand::Redo),
            ),
            (
                shortcut(Modifiers::COMMAND, Key::Z),
                Command::Review(ReviewCommand::Undo),
            ),
            (
                shortcut(Modifiers::COMMAND, Key::C),
                Command::Copy { with_source: false },
            ),
        ];
        let pairs: Vec<(KeyboardShortcut, Command)> = if typing {
            pairs.into_iter().collect()
        } else {
            pairs.into_iter().chain(paging).collect()
        };
        for (keys, command) in pairs {
            if ctx.input_mut(|i| i.consume_shortcut(&keys)) {
                self.commands.push(command);
            }
        }
        // The platform sends Ctrl+C as a copy event.
        if !typing
            && self.view.selection.is_some()
            && ctx.input_mut(|i| {
                let copy = i.events.iter().any(|e| matches!(e, egui::Event::Copy));
                i.events.retain(|e| !matches!(e, egui::Event::Copy));
                copy
            })
        {
            self.commands.push(Command::Copy { with_source: false });
        }
        if self.find.open && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.commands.push(Command::CloseFind);
        }
    }

    /// The next (or previous) added passage from the current position: after the one last
    /// jumped to while the view has not been scrolled since, else after the top of the view.
    pub fn next_added(&self, forward: bool) -> Option<usize> {
        let model = self.model()?;
        let passages = &model.added_passages;
        if passages.is_empty() {
            return None;
        }
        let at = match self.view.current_added {
            Some((i, offset)) if (offset - self.view.scroll_offset).abs() < 1.0 => Some(i),
            _ => None,
        };
        match at {
            Some(i) if forward => (i + 1 < passages.len()).then_some(i + 1),
            Some(i) => i.checked_sub(1),
            None => {
                let top = self.view.scroll_offset + 2.0;
                let y = |r: &Range<usize>| {
                    self.geometry
                        .char_y(model, Side::Child, r.start)
                        .unwrap_or(0.0)
                };
                if forward {
                    passages.iter().position(|r| y(r) >= top)
                } else {
                    passages.iter().rposition(|r| y(r) < top - 2.0)
                }
            }
        }
    }

    /// The next (or previous) changed child section from the current position.
    pub fn next_changed(&self, forward: bool) -> Option<usize> {
        let model = self.model()?;
        let changed = &model.changed_sections;
        let at = match self.view.current_changed {
            Some((s, offset)) if (offset - self.view.scroll_offset).abs() < 1.0 => {
                changed.iter().position(|&c| c == s)
            }
            _ => None,
        };
        match at {
            Some(i) if forward => changed.get(i + 1).copied(),
            Some(i) => i.checked_sub(1).and_then(|i| changed.get(i).copied()),
            None => {
                let top = self.view.scroll_offset + 2.0;
                let y = |s: usize| {
                    let row = model.child.section_row.get(s).copied().unwrap_or(0);
                    self.geometry.row_top(row).unwrap_or(0.0)
                };
                // A section gone to sits 4 points below the top: it is the current one.
                if forward {
                    changed.iter().copied().find(|&s| y(s) > top + 4.0)
                } else {
                    changed.iter().copied().rev().find(|&s| y(s) < top - 2.0)
                }
            }
        }
    }

    /// Presentation mode's step: the changed section last gone to (or the last one above the
    /// view) as a count from 1, and how many there are.
    pub fn presentation_step(&self) -> Option<(usize, usize)> {
        let model = self.model()?;
        let changed = &model.changed_sections;
        let at = match self.view.current_changed {
            Some((s, _)) => changed.iter().position(|&c| c == s).map_or(0, |i| i + 1),
            None => {
                let top = self.view.scroll_offset + 4.0;
                changed
                    .iter()
                    .filter(|&&s| {
                        let row = model.child.section_row.get(s).copied().unwrap_or(0);
                        self.geometry.row_top(row).is_some_and(|y| y <= top)
                    })
                    .count()
            }
        };
        Some((at, changed.len()))
    }

    /// Called by the panes after they scrolled to a pending target, so that "next" steps on
    /// from the passage or section just shown.
    pub(crate) fn settle_navigation(&mut self, offset: f32) {
        if let Some((_, o)) = &mut self.view.current_added
            && o.is_nan()
        {
            *o = offset;
        }
        if let Some((_, o)) = &mut self.view.current_changed
            && o.is_nan()
        {
            *o = offset;
        }
    }
}
