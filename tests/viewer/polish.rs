//! The comparison view's finish, driven through egui_kittest: the section table's sort arrows,
//! the document picker that holds still, and one set of names in every panel.

use crate::support;

use std::time::Duration;

use egui::accesskit::Role;
use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, NodeT as _, Queryable as _};
use policy_lineage::app::examples::{Example, SCRAPED_GANSU_INDEX};
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::session_panel::ReviewCommand;
use policy_lineage::app::{App, Command, ThemeChoice};

const LOAD_TIMEOUT: Duration = Duration::from_secs(120);

fn harness(lang: Lang, size: egui::Vec2) -> Harness<'static, App> {
    let state = support::state(lang, ThemeChoice::Light);
    let mut app = App::new(state, None);
    assert!(
        app.wait_until_loaded(LOAD_TIMEOUT),
        "the example did not load"
    );
    let mut harness = support::build(support::builder().with_size(size), app);
    harness.run_steps(12);
    harness
}

/// Whether `node` is the section table's header button for the column `name`, sorted or not.
fn is_header(node: &AccessKitNode<'_>, name: &str) -> bool {
    node.role() == Role::Button
        && node.label().is_some_and(|l| {
            l == name
                || l.strip_prefix(name)
                    .is_some_and(|rest| rest.trim() == "▲" || rest.trim() == "▼")
        })
}

#[test]
fn the_sort_arrow_stays_on_its_headers_line() {
    // Narrow enough that the summary panel is at its narrowest beside two readable documents.
    let mut h = harness(Lang::En, vec2(1280.0, 800.0));
    let one_line = h.get_by(|n| is_header(n, "Inherited")).rect().height();
    for name in ["Inherited", "Adapted", "Added", "Similarity", "Section"] {
        // Sorted one way, then the other.
        for _ in 0..2 {
            // Through AccessKit: the harness's one-frame pointer click does not reach the
            // table's header cells (a real pointer does).
            h.get_by(|n| is_header(n, name)).click_accesskit();
            h.run_steps(4);
            let node = h.get_by(|n| is_header(n, name));
            let label = node.accesskit_node().label().unwrap_or_default();
            assert!(
                label.ends_with(['▲', '▼']),
                "{name}: {label:?} shows no arrow"
            );
            assert!(
                node.rect().height() <= one_line + 1.0,
                "{label:?} wraps: {:?}, one line is {one_line:.1} high",
                node.rect()
            );
        }
    }
}

#[test]
fn the_pickers_entries_and_open_button_hold_still_when_one_is_chosen() {
    let mut h = harness(Lang::En, vec2(1024.0, 700.0));
    h.state_mut()
        .push(Command::OpenExample(Example::ScrapedPick));
    h.step();
    assert!(h.state_mut().wait_until_loaded(LOAD_TIMEOUT));
    h.run_steps(12);
    let titles: Vec<String> = {
        let Some((picker, _)) = &h.state().picker else {
            panic!("no picker for the scraped listing");
        };
        picker.entries.iter().map(|e| e.title.clone()).collect()
    };
    let open = |h: &Harness<'static, App>| {
        let node = h.get_by_role_and_label(Role::Button, "Open");
        (node.rect(), node.accesskit_node().is_disabled())
    };
    let entry = |h: &Harness<'static, App>, i: usize| h.get_by_label(&titles[i]).rect();
    // The first entry with text is chosen from the start, so Open is ready at once.
    assert_eq!(h.state().picker.as_ref().and_then(|p| p.1), Some(0));
    let (open_before, disabled) = open(&h);
    assert!(!disabled, "Open is disabled with the first entry chosen");
    let gansu = SCRAPED_GANSU_INDEX - 1;
    let before = [entry(&h, 0), entry(&h, gansu)];
    for chosen in [gansu, 0, gansu] {
        h.get_by_label(&titles[chosen]).click();
        h.run_steps(4);
        assert_eq!(h.state().picker.as_ref().and_then(|p| p.1), Some(chosen));
        let (open_after, disabled) = open(&h);
        assert!(!disabled, "Open stays disabled with entry {chosen} chosen");
        assert_eq!(
            open_after, open_before,
            "Open moved when entry {chosen} was chosen"
        );
        assert_eq!(
            [entry(&h, 0), entry(&h, gansu)],
            before,
            "the entries moved when entry {chosen} was chosen"
        );
    }
}

/// Every label the window shows now.
fn labels(h: &Harness<'static, App>) -> Vec<String> {
    // A label keeps its text as its value.
    h.query_all_by(|_| true)
        .filter_map(|n| n.accesskit_node().label().or(n.accesskit_node().value()))
        .collect()
}

#[test]
fn one_name_for_each_class_in_every_panel() {
    let mut h = harness(Lang::Zh, vec2(1480.0, 920.0));
    // The reviewer's verdicts are named as the classes are.
    h.state_mut()
        .push(Command::Review(ReviewCommand::EditNote(Some(2))));
    h.run_steps(6);
    for name in ["继承", "改写", "新增"] {
        h.get_by_role_and_label(Role::RadioButton, name);
    }
    let shown = labels(&h);
    for name in ["继承", "改写", "新增", "上级被继承", "上级删去"] {
        assert!(
            shown.iter().any(|l| l == name),
            "no label {name} among {shown:?}"
        );
    }
    // Other words for the same classes, once used beside these.
    for other in ["照搬", "照抄", "改编", "原创", "本地化", "被引用"] {
        let found: Vec<&String> = shown.iter().filter(|l| l.contains(other)).collect();
        assert!(found.is_empty(), "{other} in {found:?}");
    }
}
