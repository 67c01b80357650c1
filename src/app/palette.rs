//! The viewer's colours: the class colours of [`crate::report::palette`] (shared with the HTML
//! report) as egui colours, and the viewer's own (highlights, selection, banners).

use egui::Color32;

use crate::compare::SpanClass;
use crate::report::palette::{ClassColours, Rgb};

fn color(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// How a stretch of text is marked in the panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    /// No class: white space between spans, parent text nothing was taken from.
    Plain,
    Inherited,
    Adapted,
    Added,
    /// Parent text some child span was taken from word for word.
    Reused,
    /// Parent text a child span adapted (the 省 of 省→市).
    Replaced,
    /// Parent text of a section the child dropped.
    Dropped,
}

impl From<SpanClass> for Mark {
    fn from(class: SpanClass) -> Self {
        match class {
            SpanClass::Inherited => Mark::Inherited,
            SpanClass::Adapted => Mark::Adapted,
            SpanClass::Added => Mark::Added,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub dark: bool,
    pub text: Color32,
    pub weak_text: Color32,
    pub heading_text: Color32,
    pub inherited_bg: Color32,
    pub adapted_bg: Color32,
    pub added_bg: Color32,
    pub reused_bg: Color32,
    pub replaced_bg: Color32,
    pub dropped_text: Color32,
    pub dropped_row_bg: Color32,
    /// Solid colours for bars, the overview strip and the legend swatches.
    pub inherited: Color32,
    pub adapted: Color32,
    pub added: Color32,
    pub dropped: Color32,
    pub moved: Color32,
    pub link_band: Color32,
    pub flash: Color32,
    pub find_hit: Color32,
    /// The current find hit: a stronger yellow ringed in the text colour, never a class
    /// colour, so it is not read as adapted text.
    pub find_current: Color32,
    pub find_outline: Color32,
    pub selection: Color32,
    pub hover: Color32,
    pub empty_slot: Color32,
    pub error_bg: Color32,
    pub error_text: Color32,
    pub info_bg: Color32,
}

impl Palette {
    pub fn for_dark_mode(dark: bool) -> Self {
        let c = ClassColours::for_dark_mode(dark);
        let base = Self {
            dark,
            text: color(c.text),
            weak_text: color(c.weak_text),
            heading_text: color(c.heading_text),
            inherited_bg: color(c.inherited_bg),
            adapted_bg: color(c.adapted_bg),
            added_bg: color(c.added_bg),
            reused_bg: color(c.reused_bg),
            replaced_bg: color(c.replaced_bg),
            dropped_text: color(c.dropped_text),
            dropped_row_bg: color(c.dropped_row_bg),
            inherited: color(c.inherited),
            adapted: color(c.adapted),
            added: color(c.added),
            dropped: color(c.dropped),
            moved: color(c.moved),
            link_band: Color32::TRANSPARENT,
            flash: Color32::TRANSPARENT,
            find_hit: Color32::TRANSPARENT,
            find_current: Color32::TRANSPARENT,
            find_outline: color(c.text),
            selection: Color32::TRANSPARENT,
            hover: Color32::TRANSPARENT,
            empty_slot: Color32::TRANSPARENT,
            error_bg: Color32::TRANSPARENT,
            error_text: Color32::TRANSPARENT,
            info_bg: Color32::TRANSPARENT,
        };
        if dark {
            Self {
                link_band: Color32::from_rgba_unmultiplied(0x56, 0xB4, 0xE9, 40),
                flash: Color32::from_rgba_unmultiplied(0xF0, 0xE4, 0x42, 110),
                find_hit: Color32::from_rgba_unmultiplied(0xF0, 0xE4, 0x42, 60),
                find_current: Color32::from_rgba_unmultiplied(0xF0, 0xE4, 0x42, 120),
                selection: Color32::from_rgba_unmultiplied(0x00, 0x9E, 0x73, 28),
                hover: Color32::from_rgba_unmultiplied(0xff, 0xff, 0xff, 30),
                empty_slot: Color32::from_gray(34),
                error_bg: Color32::from_rgb(0x5a, 0x22, 0x10),
                error_text: Color32::from_rgb(0xff, 0xd8, 0xc8),
                info_bg: Color32::from_rgb(0x1d, 0x3d, 0x52),
                ..base
            }
        } else {
            Self {
                link_band: Color32::from_rgba_unmultiplied(0x56, 0xB4, 0xE9, 45),
                flash: Color32::from_rgba_unmultiplied(0xF0, 0xE4, 0x42, 150),
                find_hit: Color32::from_rgba_unmultiplied(0xF0, 0xE4, 0x42, 120),
                find_current: Color32::from_rgba_unmultiplied(0xF0, 0xE4, 0x42, 140),
                selection: Color32::from_rgba_unmultiplied(0x00, 0x9E, 0x73, 22),
                hover: Color32::from_rgba_unmultiplied(0x00, 0x00, 0x00, 22),
                empty_slot: Color32::from_gray(246),
                error_bg: Color32::from_rgb(0xfb, 0xe3, 0xd6),
                error_text: Color32::from_rgb(0x6b, 0x20, 0x00),
                info_bg: Color32::from_rgb(0xdc, 0xee, 0xf9),
                ..base
            }
        }
    }

    /// Background behind text with this mark.
    pub fn background(&self, mark: Mark) -> Color32 {
        match mark {
            Mark::Plain | Mark::Dropped => Color32::TRANSPARENT,
            Mark::Inherited => self.inherited_bg,
            Mark::Adapted => self.adapted_bg,
            Mark::Added => self.added_bg,
            Mark::Reused => self.reused_bg,
            Mark::Replaced => self.replaced_bg,
        }
    }

    /// Text colour for a mark.
    pub fn foreground(&self, mark: Mark) -> Color32 {
        match mark {
            Mark::Dropped => self.dropped_text,
            _ => self.text,
        }
    }

    /// The solid colour of a mark, for bars and the overview.
    pub fn solid(&self, mark: Mark) -> Color32 {
        match mark {
            Mark::Plain => Color32::TRANSPARENT,
            Mark::Inherited | Mark::Reused => self.inherited,
            Mark::Adapted | Mark::Replaced => self.adapted,
            Mark::Added => self.added,
            Mark::Dropped => self.dropped,
        }
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

    fn contrast(a: Color32, b: Color32) -> f32 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn text_is_readable_on_every_background() {
        for dark in [false, true] {
            let p = Palette::for_dark_mode(dark);
            for mark in [
                Mark::Inherited,
                Mark::Adapted,
                Mark::Added,
                Mark::Reused,
                Mark::Replaced,
            ] {
                let ratio = contrast(p.foreground(mark), p.background(mark));
                assert!(ratio >= 7.0, "dark={dark} {mark:?}: {ratio}");
            }
        }
    }

    /// `over` (with its alpha) painted on the opaque `page`.
    fn on(over: Color32, page: Rgb) -> Rgb {
        let a = over.to_srgba_unmultiplied()[3] as f32 / 255.0;
        let mix = |fg: u8, bg: u8| (fg as f32 * a + bg as f32 * (1.0 - a)).round() as u8;
        let [r, g, b, _] = over.to_srgba_unmultiplied();
        Rgb(mix(r, page.0), mix(g, page.1), mix(b, page.2))
    }

    fn rgb(c: Color32) -> Rgb {
        Rgb(c.r(), c.g(), c.b())
    }

    #[test]
    fn the_current_find_hit_is_not_read_as_a_class() {
        use crate::report::palette::delta_e;
        for dark in [false, true] {
            let p = Palette::for_dark_mode(dark);
            let page = ClassColours::for_dark_mode(dark).page;
            let current = on(p.find_current, page);
            for mark in [Mark::Inherited, Mark::Adapted, Mark::Added] {
                let apart = delta_e(current, rgb(p.background(mark)));
                assert!(apart >= 12.0, "dark={dark} {mark:?}: ΔE {apart}");
            }
            for solid in [p.inherited, p.adapted, p.added, p.moved] {
                let apart = delta_e(rgb(p.find_outline), rgb(solid));
                assert!(apart >= 30.0, "dark={dark} ring vs {solid:?}: ΔE {apart}");
            }
        }
    }
}
