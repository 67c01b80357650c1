//! The gutter between the panes: a band joins each child section to the parent section beside
//! it (stronger the more the child inherited), and a curved band joins a moved section to the
//! place in the parent it was taken from, as Meld draws moved chunks.

use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{Color32, Pos2, Rangef, Rect, Shape, Stroke, pos2};

use super::Layers;
use super::geometry::Geometry;
use crate::app::App;
use crate::app::model::{Model, RowKind, Side};
use crate::app::palette::Palette;

/// A note's mark: a small square at the child's edge of the gutter, beside its section.
const NOTE_MARK: f32 = 10.0;

/// Marks beside the child sections that carry a note, the note on hover.
pub(super) fn note_marks(
    ui: &egui::Ui,
    app: &App,
    model: &Model,
    origin: Pos2,
    viewport: Rect,
    palette: &Palette,
) {
    let Some(session) = app.review.session.as_ref() else {
        return;
    };
    let geometry = &app.geometry;
    let lang = app.lang();
    let x = origin.x + geometry.cols.gutter.max - NOTE_MARK - 3.0;
    for note in &session.notes {
        let Some(row) = model.child.section_row.get(note.section.index).copied() else {
            continue;
        };
        let Some(top) = geometry.row_top(row) else {
            continue;
        };
        if top + NOTE_MARK < viewport.min.y || top > viewport.max.y {
            continue;
        }
        let rect = Rect::from_min_size(
            pos2(x, origin.y + top + 6.0),
            egui::vec2(NOTE_MARK, NOTE_MARK),
        );
        ui.painter().rect_filled(rect, 2.0, palette.moved);
        let verdict = note.verdict.map_or("", |v| lang.verdict_name(v));
        let text = format!("{verdict}\n{}", note.text).trim().to_owned();
        let id = ui.scope_id().with(("note-mark", note.section.index));
        let response = ui.interact(rect, id, egui::Sense::hover());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Label, true, lang.texts().note_title)
        });
        response.on_hover_text(text);
    }
}

/// Samples per curve.
const CURVE_STEPS: usize = 24;

pub(super) fn paint(
    layers: &mut Layers,
    model: &Model,
    geometry: &Geometry,
    origin: Pos2,
    viewport: Rect,
    palette: &Palette,
    selected_row: Option<usize>,
) {
    let Layers { under, over } = layers;
    let cols = geometry.cols;
    let gx0 = origin.x + cols.gutter.min + 2.0;
    let gx1 = origin.x + cols.gutter.max - 2.0;
    let to_screen = |r: Rangef| Rangef::new(origin.y + r.min, origin.y + r.max);

    // Level bands for the rows in view.
    let first = geometry.row_at(viewport.min.y);
    let last = geometry.row_at(viewport.max.y);
    for r in first..=last.min(model.rows.len().saturating_sub(1)) {
        let Some(row) = model.rows.get(r) else { break };
        let RowKind::Pair { child, .. } = row.kind else {
            continue;
        };
        let (Some(left), Some(right)) = (
            geometry.side_extent(model, Side::Parent, r),
            geometry.side_extent(model, Side::Child, r),
        ) else {
            continue;
        };
        let share = model
            .section_match(child)
            .map_or(0.0, |m| (m.inherited + m.adapted) as f32);
        let (l, rr) = (to_screen(left), to_screen(right));
        let mut color = palette
            .link_band
            .gamma_multiply(0.35 + 0.65 * share.clamp(0.0, 1.0));
        if Some(r) == selected_row {
            color = palette.moved.gamma_multiply(0.35);
        }
        under.push(Shape::convex_polygon(
            vec![
                pos2(gx0, l.min),
                pos2(gx1, rr.min),
                pos2(gx1, rr.max),
                pos2(gx0, l.max),
            ],
            color,
            Stroke::NONE,
        ));
        // Edges: a thin line in the class colour of the section's dominant share.
        let edge = Stroke::new(1.0, palette.inherited.gamma_multiply(0.6));
        over.push(Shape::line_segment(
            [pos2(gx0, l.min), pos2(gx1, rr.min)],
            edge,
        ));
        over.push(Shape::line_segment(
            [pos2(gx0, l.max), pos2(gx1, rr.max)],
            edge,
        ));
    }

    // Curves for moved sections whose span crosses the viewport.
    for link in &model.links {
        let Some(left) = geometry
            .side_extent(model, Side::Parent, link.parent_row)
            .or_else(|| row_band(geometry, link.parent_row))
        else {
            continue;
        };
        let Some(right) = geometry
            .side_extent(model, Side::Child, link.child_row)
            .or_else(|| row_band(geometry, link.child_row))
        else {
            continue;
        };
        let lo = left.min.min(right.min);
        let hi = left.max.max(right.max);
        if hi < viewport.min.y || lo > viewport.max.y {
            continue;
        }
        let (l, r) = (to_screen(left), to_screen(right));
        // Keep very tall sections from turning into a wall: use at most 60 px of each end.
        let clamp = |range: Rangef| Rangef::new(range.min, range.max.min(range.min + 60.0));
        let (l, r) = (clamp(l), clamp(r));
        let selected = selected_row == Some(link.child_row);
        let fill = palette
            .moved
            .gamma_multiply(if selected { 0.45 } else { 0.22 });
        let stroke = Stroke::new(if selected { 2.0 } else { 1.2 }, palette.moved);
        let top = curve(pos2(gx0, l.min), pos2(gx1, r.min));
        let bottom = curve(pos2(gx0, l.max), pos2(gx1, r.max));
        under.push(Shape::mesh(band_mesh(&top, &bottom, fill)));
        over.push(Shape::line(top, stroke));
        over.push(Shape::line(bottom, stroke));
    }
}

fn row_band(geometry: &Geometry, row: usize) -> Option<Rangef> {
    let top = geometry.row_top(row)?;
    let h = geometry.row_height(row)?;
    Some(Rangef::new(top + 4.0, top + (h - 4.0).max(8.0)))
}

/// A horizontal S-curve from `a` to `b` (cubic Bézier with horizontal tangents).
fn curve(a: Pos2, b: Pos2) -> Vec<Pos2> {
    let dx = (b.x - a.x) * 0.5;
    let c1 = pos2(a.x + dx, a.y);
    let c2 = pos2(b.x - dx, b.y);
    (0..=CURVE_STEPS)
        .map(|i| {
            let t = i as f32 / CURVE_STEPS as f32;
            let u = 1.0 - t;
            let w = [u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t];
            pos2(
                w[0] * a.x + w[1] * c1.x + w[2] * c2.x + w[3] * b.x,
                w[0] * a.y + w[1] * c1.y + w[2] * c2.y + w[3] * b.y,
            )
        })
        .collect()
}

/// A filled band between two curves sampled at the same steps (a triangle strip: each quad is
/// convex even where the band as a whole is not).
fn band_mesh(top: &[Pos2], bottom: &[Pos2], color: Color32) -> Mesh {
    let mut mesh = Mesh::default();
    for (a, b) in top.iter().zip(bottom) {
        mesh.vertices.push(Vertex {
            pos: *a,
            uv: WHITE_UV,
            color,
        });
        mesh.vertices.push(Vertex {
            pos: *b,
            uv: WHITE_UV,
            color,
        });
    }
    let n = top.len().min(bottom.len()) as u32;
    for i in 0..n.saturating_sub(1) {
        let (a, b, c, d) = (2 * i, 2 * i + 1, 2 * i + 2, 2 * i + 3);
        mesh.indices.extend_from_slice(&[a, b, c, b, d, c]);
    }
    mesh
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curve_ends_at_its_points() {
        let pts = curve(pos2(0.0, 0.0), pos2(50.0, 100.0));
        assert_eq!(pts.first(), Some(&pos2(0.0, 0.0)));
        let last = pts.last().copied().unwrap_or(Pos2::ZERO);
        assert!((last - pos2(50.0, 100.0)).length() < 1e-3);
        assert_eq!(
            band_mesh(&pts, &pts, Color32::RED).indices.len(),
            CURVE_STEPS * 6
        );
    }
}
