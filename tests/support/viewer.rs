//! Set-up shared by the viewer tests: the app's state and the harness it runs in.

use egui::vec2;
use egui_kittest::{Harness, HarnessBuilder};
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::{App, State, ThemeChoice, setup_context};

/// A fresh state in `lang` and `theme`, as a first launch would have it.
pub fn state(lang: Lang, theme: ThemeChoice) -> State {
    State {
        language: Some(lang),
        theme,
        ..State::default()
    }
}

/// A harness builder the size of a laptop screen, with the app's fonts and style.
pub fn builder() -> HarnessBuilder<App> {
    Harness::builder()
        .with_size(vec2(1480.0, 920.0))
        .with_max_steps(40)
        .with_context_setup(setup_context)
}

/// Runs `app` in a harness from `builder`, showing its whole window.
pub fn build(builder: HarnessBuilder<App>, app: App) -> Harness<'static, App> {
    builder.build_ui_state(|ui, app: &mut App| app.show(ui), app)
}
