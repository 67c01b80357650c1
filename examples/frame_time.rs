//! Frame CPU time of the viewer, driven headlessly: the real app struct in an `egui::Context`,
//! scrolled through the whole comparison in steps of a third of the viewport, each frame run and
//! tessellated (no GPU), then zoomed in and out from the middle as Ctrl+wheel does (each step
//! relays out the text at the new size). Prints mean, 95th percentile and maximum of both.
//!
//! ```text
//! cargo run --release --example frame_time
//! ```
//!
//! Pairs: Gansu → Wuwei (the bundled example), and the largest document of the scraped
//! collection against itself.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::{Pos2, RawInput, Rect, vec2};
use policy_lineage::DocumentRef;
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::{App, Command, State, setup_context};

const WIDTH: f32 = 1480.0;
const HEIGHT: f32 = 920.0;

fn input(time: f64) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(WIDTH, HEIGHT))),
        time: Some(time),
        ..Default::default()
    }
}

struct Stats {
    mean: f64,
    p95: f64,
    max: f64,
    frames: usize,
}

fn stats(mut times: Vec<f64>) -> Stats {
    times.sort_by(f64::total_cmp);
    let frames = times.len();
    let mean = times.iter().sum::<f64>() / frames.max(1) as f64;
    let p95 = times
        .get(((frames as f64) * 0.95) as usize)
        .or(times.last())
        .copied()
        .unwrap_or(0.0);
    let max = times.last().copied().unwrap_or(0.0);
    Stats {
        mean,
        p95,
        max,
        frames,
    }
}

/// Runs one frame and returns its CPU time in milliseconds (ui pass plus tessellation).
fn frame(ctx: &egui::Context, app: &mut App, time: &mut f64) -> f64 {
    *time += 1.0 / 60.0;
    let start = Instant::now();
    let mut output = ctx.run_ui(input(*time), |ui| app.show(ui));
    let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
    // No GPU here: the font atlas updates are dropped on purpose.
    output.textures_delta.clear();
    start.elapsed().as_secs_f64() * 1000.0
}

fn measure(name: &str, initial: Option<(DocumentRef, DocumentRef)>) {
    let setup_started = Instant::now();
    let ctx = egui::Context::default();
    setup_context(&ctx);
    let setup = setup_started.elapsed().as_secs_f64() * 1000.0;
    let state = State {
        language: Some(Lang::En),
        ..State::default()
    };
    let started = Instant::now();
    let mut app = App::new(state, initial);
    let mut time = 0.0;
    let first = frame(&ctx, &mut app, &mut time);
    if !app.wait_until_loaded(Duration::from_secs(300)) {
        println!("{name}: not loaded within 300 s");
        return;
    }
    let loaded = started.elapsed();
    let first_content = frame(&ctx, &mut app, &mut time);
    // Warm up (font atlas, galley cache of the first screen).
    for _ in 0..3 {
        frame(&ctx, &mut app, &mut time);
    }
    let total = app.geometry.total;
    let step = (app.view.viewport_height / 3.0).max(50.0);
    let mut times = Vec::new();
    let mut offset = 0.0;
    while offset < total {
        offset += step;
        app.push(Command::ScrollTo(offset));
        // The command applies at the end of this frame; the next one scrolls there.
        times.push(frame(&ctx, &mut app, &mut time));
        times.push(frame(&ctx, &mut app, &mut time));
    }
    // And back to the top in jumps of several screens.
    while offset > 0.0 {
        offset = (offset - step * 9.0).max(0.0);
        app.push(Command::ScrollTo(offset));
        times.push(frame(&ctx, &mut app, &mut time));
        times.push(frame(&ctx, &mut app, &mut time));
    }
    let s = stats(times);
    // Ctrl+wheel from the middle: ten notches in (×1.1 each, up to the largest zoom), ten back out.
    app.push(Command::ScrollTo(total / 2.0));
    frame(&ctx, &mut app, &mut time);
    let mut zoom_times = Vec::new();
    for factor in [1.1_f32; 10].into_iter().chain([1.0 / 1.1; 10]) {
        app.push(Command::ZoomBy(factor));
        zoom_times.push(frame(&ctx, &mut app, &mut time));
        zoom_times.push(frame(&ctx, &mut app, &mut time));
    }
    let z = stats(zoom_times);
    let (rows, parent_paras, child_paras) = app.model().map_or((0, 0, 0), |m| {
        (m.rows.len(), m.parent.paras.len(), m.child.paras.len())
    });
    println!(
        "{name}: {} frames over {total:.0} pt of content ({rows} rows, {parent_paras}+{child_paras} paragraphs)\n  \
         frame CPU time: mean {:.2} ms, p95 {:.2} ms, max {:.2} ms\n  \
         zooming (Ctrl+wheel, {} frames): mean {:.2} ms, p95 {:.2} ms, max {:.2} ms\n  \
         startup: fonts {setup:.1} ms + first frame {first:.1} ms; loaded and compared in {:.0} ms; \
         first frame with content {first_content:.1} ms",
        s.frames,
        s.mean,
        s.p95,
        s.max,
        z.frames,
        z.mean,
        z.p95,
        z.max,
        loaded.as_secs_f64() * 1000.0,
    );
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    measure("Gansu → Wuwei", None);

    let scraped = root.join("assets/provincial-policies-2018-scraped.txt");
    let Ok(source) = policy_lineage::document::source::read_source(&scraped) else {
        println!("cannot read {}", scraped.display());
        return;
    };
    let entries = policy_lineage::document::split::split_entries(&source);
    let Some((index, entry)) = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.has_text)
        .max_by_key(|(_, e)| e.range.len())
    else {
        println!("no document in {}", scraped.display());
        return;
    };
    let reference = DocumentRef {
        path: scraped.clone(),
        index: (entries.len() > 1).then_some(index + 1),
    };
    let name = format!(
        "{} ({} chars) against itself",
        reference.display().rsplit('/').next().unwrap_or_default(),
        entry.range.len()
    );
    measure(&name, Some((reference.clone(), reference)));
}
