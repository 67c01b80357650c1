//! The viewer as a daily tool, driven through egui_kittest: selecting and copying text in the
//! panes, small windows, Find's highlights, the link-to-parent search field.

use crate::support;

use std::time::Duration;

use egui::{Modifiers, OutputCommand, Pos2, pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use policy_lineage::app::examples::Example;
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::model::{RowKind, Side};
use policy_lineage::app::outline_panel;
use policy_lineage::app::panes::CELL_PAD;
use policy_lineage::app::panes::selection;
use policy_lineage::app::{App, Command, ThemeChoice};

const LOAD_TIMEOUT: Duration = Duration::from_secs(120);

fn harness_sized(size: egui::Vec2) -> Harness<'static, App> {
    let state = support::state(Lang::En, ThemeChoice::Light);
    let mut app = App::new(state, None);
    assert!(
        app.wait_until_loaded(LOAD_TIMEOUT),
        "the example did not load"
    );
    // Short steps, so that two clicks in two steps make a double click.
    let builder = support::builder().with_size(size).with_step_dt(0.05);
    let mut harness = support::build(builder, app);
    harness.run_steps(12);
    harness
}

fn harness() -> Harness<'static, App> {
    harness_sized(vec2(1480.0, 920.0))
}

/// The text copied in the last frame, if any.
fn copied(h: &Harness<'static, App>) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

/// A child paragraph of a paired section below the first rows, in view after selecting its
/// section: (section, paragraph).
fn child_paragraph(h: &mut Harness<'static, App>) -> (usize, usize) {
    let (section, para) = {
        let model = h.state().model().expect("a comparison");
        model
            .rows
            .iter()
            .skip(3)
            .find_map(|row| match row.kind {
                RowKind::Pair { child, .. } => row
                    .right
                    .clone()
                    .find(|&p| model.child.paras[p].char_count() > 30)
                    .map(|p| (child, p)),
                _ => None,
            })
            .expect("a paired section with a long paragraph")
    };
    h.state_mut().push(Command::SelectSection(section));
    h.run_steps(8);
    (section, para)
}

/// A point on the first line of a paragraph, `chars` characters in.
fn text_point(h: &Harness<'static, App>, side: Side, para: usize, chars: f32) -> Pos2 {
    let app = h.state();
    let pane = app.pane_rects[side.index()];
    let top = app.geometry.para_top(side, para).expect("paragraph placed");
    // The panes' header is 46 points tall, then a 2-point gap.
    let y = pane.min.y + 48.0 + top - app.view.scroll_offset + 10.0;
    pos2(pane.min.x + CELL_PAD + 16.0 * chars + 4.0, y)
}

/// Presses `key` with `modifiers` in one frame (a key press and its release are two frames in
/// the harness: what the press did is in the first one's output).
fn press(h: &mut Harness<'static, App>, modifiers: Modifiers, key: egui::Key) {
    h.event(egui::Event::Key {
        key,
        pressed: true,
        modifiers,
        repeat: false,
        physical_key: None,
    });
    h.step();
}

fn release(h: &mut Harness<'static, App>, key: egui::Key) {
    h.event(egui::Event::Key {
        key,
        pressed: false,
        modifiers: Modifiers::NONE,
        repeat: false,
        physical_key: None,
    });
    h.step();
}

fn drag(h: &mut Harness<'static, App>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(1);
    for i in 1..=4 {
        h.hover_at(from + (to - from) * (i as f32 / 4.0));
        h.run_steps(1);
    }
    h.drop_at(to);
    h.run_steps(2);
}

#[test]
fn dragging_over_child_text_selects_it_and_ctrl_c_copies_it() {
    let mut h = harness();
    let (_, para) = child_paragraph(&mut h);
    let from = text_point(&h, Side::Child, para, 2.0);
    let to = text_point(&h, Side::Child, para, 12.0);
    drag(&mut h, from, to);
    let (selection, expected) = {
        let app = h.state();
        let selection = app.view.selection.expect("nothing selected by the drag");
        let model = app.model().expect("a comparison");
        let text = selection::text(model, &selection);
        (selection, text)
    };
    assert_eq!(selection.side, Side::Child);
    assert!(
        (8..=12).contains(&expected.chars().count()),
        "selected {expected:?}"
    );
    let shown = &h.state().model().unwrap().child.paras[para].text;
    assert!(
        shown.contains(&expected),
        "{expected:?} is not in {shown:?}"
    );
    assert!(
        h.state().review.session.is_none(),
        "a selection made a correction"
    );

    press(&mut h, Modifiers::COMMAND, egui::Key::C);
    assert_eq!(copied(&h).as_deref(), Some(expected.as_str()));
    release(&mut h, egui::Key::C);

    // The context menu copies it with its source: the passage, the child's title and the
    // parent passage it came from.
    h.run_steps(2);
    let inside = text_point(&h, Side::Child, para, 6.0);
    h.hover_at(inside);
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: inside,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(1);
    }
    h.run_steps(1);
    assert_eq!(
        h.state().view.selection,
        Some(selection),
        "right-click kept the selection"
    );
    h.get_by_label("Copy with source").click();
    h.step();
    let quoted = copied(&h).expect("Copy with source copied nothing");
    let child_title = h.state().model().unwrap().child.doc.title.clone();
    assert!(quoted.starts_with(&expected), "{quoted}");
    assert!(quoted.contains(&child_title), "{quoted}");
    assert!(quoted.contains("From the parent"), "{quoted}");
}

#[test]
fn parent_text_is_selected_and_copied_as_child_text_is() {
    let mut h = harness();
    let (_, child_para) = child_paragraph(&mut h);
    // The parent paragraph beside it, in the same row.
    let para = {
        let model = h.state().model().expect("a comparison");
        let row = model
            .rows
            .iter()
            .find(|r| r.right.contains(&child_para))
            .expect("the child paragraph's row");
        row.left
            .clone()
            .find(|&p| model.parent.paras[p].char_count() > 30)
            .expect("a long parent paragraph beside it")
    };
    let from = text_point(&h, Side::Parent, para, 2.0);
    let to = text_point(&h, Side::Parent, para, 12.0);
    drag(&mut h, from, to);
    let expected = {
        let app = h.state();
        let selection = app.view.selection.expect("nothing selected by the drag");
        assert_eq!(selection.side, Side::Parent);
        selection::text(app.model().unwrap(), &selection)
    };
    assert!(
        (8..=12).contains(&expected.chars().count()),
        "selected {expected:?}"
    );
    assert!(
        h.state().model().unwrap().parent.paras[para]
            .text
            .contains(&expected)
    );
    press(&mut h, Modifiers::COMMAND, egui::Key::C);
    assert_eq!(copied(&h).as_deref(), Some(expected.as_str()));
    release(&mut h, egui::Key::C);

    // The context menu's plain Copy copies the passage alone.
    h.run_steps(2);
    let inside = text_point(&h, Side::Parent, para, 6.0);
    h.hover_at(inside);
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: inside,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(1);
    }
    h.run_steps(1);
    let labels: Vec<String> = h
        .query_all_by_role(egui::accesskit::Role::Button)
        .filter_map(|n| egui_kittest::kittest::NodeT::accesskit_node(&n).label())
        .collect();
    let copy = labels
        .iter()
        .find(|l| l.starts_with("Copy") && !l.contains("source"))
        .unwrap_or_else(|| panic!("no Copy entry in the context menu: {labels:?}"));
    h.get_by_label(copy).click();
    h.step();
    assert_eq!(copied(&h).as_deref(), Some(expected.as_str()));
}

#[test]
fn a_double_click_selects_a_phrase_and_ctrl_a_the_whole_document() {
    let mut h = harness();
    let (_, para) = child_paragraph(&mut h);
    let pos = text_point(&h, Side::Child, para, 5.0);
    h.hover_at(pos);
    h.run_steps(1);
    for _ in 0..2 {
        for pressed in [true, false] {
            h.event(egui::Event::PointerButton {
                pos,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: Modifiers::NONE,
            });
        }
        h.step();
    }
    h.run_steps(2);
    let phrase = {
        let app = h.state();
        let selection = app.view.selection.expect("a double click selects");
        selection::text(app.model().unwrap(), &selection)
    };
    assert!(!phrase.is_empty());
    assert!(
        !phrase.contains(['，', '。', '；']),
        "a phrase stops at punctuation: {phrase:?}"
    );
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::A);
    h.run_steps(1);
    press(&mut h, Modifiers::COMMAND, egui::Key::C);
    let all = copied(&h).expect("nothing copied");
    let model = h.state().model().unwrap();
    assert!(all.lines().count() >= model.child.paras.len() / 2);
    assert!(all.contains(&model.child.paras[para].text));
}

#[test]
fn at_1024_by_700_both_documents_keep_twenty_characters_per_line() {
    let mut h = harness_sized(vec2(1024.0, 700.0));
    h.run_steps(4);
    let app = h.state();
    let width = app.geometry.cols.text_width();
    assert!(width >= 20.0 * 16.0, "the panes wrap at {width} points");
    for side in [Side::Parent, Side::Child] {
        let pane = app.pane_rects[side.index()];
        assert!(
            pane.width() >= 20.0 * 16.0 + 2.0 * CELL_PAD,
            "{side:?} pane {pane:?}"
        );
    }
    // The summary folded away to a tab at the window's edge.
    assert!(h.query_by_label("Summary").is_none());
    assert!(h.query_by_label("◀ Summary").is_some());
}

#[test]
fn the_toolbar_fits_one_row_at_1280_and_the_rest_goes_into_a_menu_at_1024() {
    for (width, overflow) in [(1280.0, false), (1024.0, true)] {
        let h = harness_sized(vec2(width, 800.0));
        let first = h.get_by_label("◀ Previous added").rect();
        let last = h.get_by_label("中文").rect();
        assert!(
            (first.center().y - last.center().y).abs() < 2.0,
            "at {width} the toolbar wraps: {first:?} {last:?}"
        );
        assert!(
            last.max.x <= width,
            "at {width} the toolbar runs off the window"
        );
        assert_eq!(h.query_by_label("⋯").is_some(), overflow, "at {width}");
    }
}

#[test]
fn closing_find_clears_its_highlights_and_a_new_pair_shows_none_of_the_old() {
    let mut h = harness();
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.run_steps(2);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Find")
        .type_text("人工智能");
    h.run_steps(6);
    assert!(!h.state().find.hits.is_empty());
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    let app = h.state();
    assert!(!app.find.open);
    assert!(app.find.hits.is_empty(), "hits stay after Find closed");
    assert_eq!(app.find.hits_in(Side::Child, 0..usize::MAX).count(), 0);

    // Open again with a query, then another pair: every highlight is on the new text.
    h.key_press_modifiers(Modifiers::COMMAND, egui::Key::F);
    h.run_steps(2);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Find")
        .type_text("人工智能");
    h.run_steps(6);
    h.state_mut()
        .push(Command::OpenExample(Example::GansuZhongshan));
    h.step();
    assert!(h.state_mut().wait_until_loaded(LOAD_TIMEOUT));
    h.run_steps(6);
    let app = h.state();
    let model = app.model().unwrap();
    assert!(model.child.doc.title.contains("中山"));
    for hit in &app.find.hits {
        let text = model.side(hit.side).doc.slice(hit.range.clone());
        assert_eq!(text, "人工智能", "a highlight on unrelated text");
    }
}

#[test]
fn the_link_search_field_keeps_focus_and_filters_as_you_type() {
    let mut h = harness();
    let (section, para) = child_paragraph(&mut h);
    let at = text_point(&h, Side::Child, para, 3.0);
    h.hover_at(at);
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(1);
    }
    h.run_steps(1);
    h.get_by_label("Link to parent section…").click();
    h.run_steps(3);
    let (keep, gone) = {
        let model = h.state().model().unwrap();
        let sections = model.parent.sections();
        let keep = sections
            .iter()
            .position(|s| s.title.chars().count() >= 4)
            .expect("a titled parent section");
        let title: String = sections[keep].title.chars().take(4).collect();
        let gone = (0..sections.len())
            .find(|&p| !model.parent.section_caption(p).contains(&title))
            .expect("a section the query leaves out");
        (
            (model.parent.section_caption(keep), title),
            model.parent.section_caption(gone),
        )
    };
    let button = egui::accesskit::Role::Button;
    assert!(h.query_by_role_and_label(button, &gone).is_some());
    // A real click into the field, then keys: the menu stays open and the list filters.
    let field = h.get_by_role(egui::accesskit::Role::TextInput).rect();
    h.hover_at(field.center());
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: field.center(),
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(1);
    }
    for c in keep.1.chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.run_steps(1);
    }
    h.run_steps(2);
    assert_eq!(h.state().view.link_filter, keep.1);
    assert!(
        h.query_by_role_and_label(button, &keep.0).is_some(),
        "the match left the list"
    );
    assert!(
        h.query_by_role_and_label(button, &gone).is_none(),
        "the list did not filter"
    );
    h.get_by_role_and_label(button, &keep.0).click();
    h.run_steps(2);
    assert!(h.state_mut().wait_until_loaded(LOAD_TIMEOUT));
    h.run_steps(2);
    let session = h.state().review.session.as_ref().expect("no correction");
    assert!(session.corrections.iter().any(|c| c.child.index == section));
}

/// Where the outline shows a child section's entry.
fn outline_entry(h: &Harness<'static, App>, section: usize) -> egui::Rect {
    let text = {
        let model = h.state().model().unwrap();
        let s = &model.child.sections()[section];
        format!("{}{}", s.label, s.title)
    };
    h.get_by_role_and_label(egui::accesskit::Role::TreeItem, &text)
        .rect()
}

#[test]
fn the_outline_follows_the_documents_as_they_scroll() {
    let mut h = harness_sized(vec2(1480.0, 600.0));
    // The wheel over the child pane, down to the end of the documents.
    let over = h.state().pane_rects[Side::Child.index()].center();
    h.hover_at(over);
    h.step();
    for _ in 0..60 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: vec2(0.0, -400.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run_steps(4);
    let (section, sections) = {
        let app = h.state();
        let model = app.model().unwrap();
        assert!(
            app.view.scroll_offset > 2000.0,
            "{}",
            app.view.scroll_offset
        );
        let row = app.geometry.row_at(app.view.scroll_offset + 4.0);
        let section = model.rows[..=row]
            .iter()
            .rev()
            .find_map(|r| r.child_section())
            .unwrap();
        (section, model.child.sections().len())
    };
    assert!(section > sections / 2, "section {section} of {sections}");
    let marked = {
        let app = h.state();
        outline_panel::current_section(app, app.model().unwrap())
    };
    assert_eq!(marked, Some(section), "the section in view is not marked");
    let rect = outline_entry(&h, section);
    assert!(
        rect.min.y > 100.0 && rect.max.y < 600.0,
        "the outline did not follow: {rect:?}"
    );
    assert!(
        outline_entry(&h, 0).max.y < 143.0,
        "the outline kept its first entry in view"
    );
}

/// The x of a panel's resize handle between `from` and `to` (searched a point at a time), as
/// the pointer finds it: where the cursor turns into a column-resize arrow.
fn resize_handle(h: &mut Harness<'static, App>, y: f32, from: f32, to: f32) -> Option<f32> {
    let step = if to > from { 1.0 } else { -1.0 };
    let mut x = from;
    while (to - x) * step >= 0.0 {
        h.hover_at(pos2(x, y));
        h.run_steps(1);
        if matches!(
            h.output().platform_output.cursor_icon,
            egui::CursorIcon::ResizeHorizontal
                | egui::CursorIcon::ResizeColumn
                | egui::CursorIcon::ResizeEast
                | egui::CursorIcon::ResizeWest
        ) {
            return Some(x);
        }
        x += step;
    }
    None
}

#[test]
fn the_outline_and_summary_panels_are_resized_by_dragging_their_edges() {
    let mut h = harness();
    let [parent, child] = h.state().pane_rects;
    let y = parent.center().y;
    // The outline's edge lies just left of the parent pane.
    let edge = resize_handle(&mut h, y, parent.min.x, parent.min.x - 24.0)
        .expect("no resize handle left of the parent pane");
    drag(&mut h, pos2(edge, y), pos2(edge + 80.0, y));
    let [wider_outline, _] = h.state().pane_rects;
    let moved = wider_outline.min.x - parent.min.x;
    assert!(
        (60.0..=100.0).contains(&moved),
        "the parent pane moved {moved} points for an 80-point drag"
    );

    // The summary's edge lies just right of the child pane; dragging it left widens it.
    let [_, child_now] = h.state().pane_rects;
    let edge = resize_handle(&mut h, y, child_now.max.x, child_now.max.x + 40.0)
        .expect("no resize handle right of the child pane");
    drag(&mut h, pos2(edge, y), pos2(edge - 60.0, y));
    let [_, narrower] = h.state().pane_rects;
    let moved = child_now.max.x - narrower.max.x;
    assert!(
        (40.0..=80.0).contains(&moved),
        "the child pane's right edge moved {moved} points for a 60-point drag"
    );
    assert!(narrower.width() < child.width());
}
