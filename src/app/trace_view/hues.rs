//! One hue per source, and how a passage of the traced document is styled: tinted in its
//! nearest source's hue (lighter where other sources hold it too), adapted characters
//! underlined in the text colour (seen on every hue), stock wording muted, added text plain.

use egui::text::TextFormat;
use egui::{Color32, Stroke};

use crate::app::palette::Palette;
use crate::compare::SpanClass;
use crate::trace::{Evidence, TraceSpan};

/// Okabe–Ito's colour-blind-safe hues, then three more; sources beyond them repeat.
const HUES: [Color32; 8] = [
    Color32::from_rgb(0x00, 0x72, 0xB2),
    Color32::from_rgb(0xE6, 0x9F, 0x00),
    Color32::from_rgb(0x00, 0x9E, 0x73),
    Color32::from_rgb(0xCC, 0x79, 0xA7),
    Color32::from_rgb(0x56, 0xB4, 0xE9),
    Color32::from_rgb(0xD5, 0x5E, 0x00),
    Color32::from_rgb(0x8C, 0x6B, 0x3F),
    Color32::from_rgb(0x7A, 0x7A, 0x7A),
];

/// The solid hue of source `input` (index into the sources given), for swatches.
pub fn hue(input: usize) -> Color32 {
    HUES[input % HUES.len()]
}

/// `hue` mixed into the page's background: `amount` 0 is the page, 1 the hue.
fn tint(palette: &Palette, hue: Color32, amount: f32) -> Color32 {
    let page = if palette.dark {
        Color32::from_gray(27)
    } else {
        Color32::WHITE
    };
    let mix = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * amount).round() as u8;
    Color32::from_rgb(
        mix(page.r(), hue.r()),
        mix(page.g(), hue.g()),
        mix(page.b(), hue.b()),
    )
}

/// The background of text only `input` holds.
pub fn distinctive_bg(palette: &Palette, input: usize) -> Color32 {
    tint(palette, hue(input), if palette.dark { 0.26 } else { 0.32 })
}

/// The lighter background of text other sources hold too.
pub fn shared_bg(palette: &Palette, input: usize) -> Color32 {
    tint(palette, hue(input), if palette.dark { 0.13 } else { 0.14 })
}

/// How a passage of the traced document is drawn; `input` is its nearest source's index
/// into the sources given.
pub fn passage_format(palette: &Palette, span: &TraceSpan, input: Option<usize>) -> TextFormat {
    let plain = TextFormat {
        color: palette.text,
        ..Default::default()
    };
    let Some(input) = input.filter(|_| span.class != SpanClass::Added) else {
        return plain;
    };
    let background = match span.evidence {
        Some(Evidence::Boilerplate) => {
            return TextFormat {
                color: palette.weak_text,
                ..plain
            };
        }
        Some(Evidence::Shared) => shared_bg(palette, input),
        _ => distinctive_bg(palette, input),
    };
    let underline = if span.class == SpanClass::Adapted {
        Stroke::new(1.5, palette.text)
    } else {
        Stroke::NONE
    };
    TextFormat {
        background,
        underline,
        ..plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative luminance (WCAG).
    fn luminance(c: Color32) -> f32 {
        let f = |v: u8| {
            let v = v as f32 / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c.r()) + 0.7152 * f(c.g()) + 0.0722 * f(c.b())
    }

    #[test]
    fn text_stays_readable_on_every_source_tint() {
        for dark in [false, true] {
            let p = Palette::for_dark_mode(dark);
            for input in 0..HUES.len() {
                for bg in [distinctive_bg(&p, input), shared_bg(&p, input)] {
                    let (a, b) = (luminance(p.text), luminance(bg));
                    let ratio = (a.max(b) + 0.05) / (a.min(b) + 0.05);
                    assert!(ratio >= 7.0, "dark={dark} source {input}: {ratio}");
                }
            }
        }
    }

    #[test]
    fn neighbouring_sources_get_different_hues() {
        for i in 0..HUES.len() - 1 {
            assert_ne!(hue(i), hue(i + 1));
        }
    }
}
