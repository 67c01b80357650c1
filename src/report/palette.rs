//! The class colours, as plain RGB, light and dark: the one definition the HTML report and the
//! viewer both read. Derived from the Okabe–Ito palette, which stays distinguishable under the
//! common forms of colour blindness: sky blue for what the child inherited (and the parent
//! text it came from), orange for adapted text, reddish purple for added text, grey for
//! dropped parent text. Each theme gets its own tints so text stays readable on both. The
//! parent's side of a class (reused, replaced) is a paler tint of the child's, so the two stay
//! one hue, linked across the panes, yet are told apart in the legend.

/// An opaque colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const fn gray(level: u8) -> Self {
        Self(level, level, level)
    }

    /// `#rrggbb`, for CSS.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// Okabe–Ito base colours.
mod okabe_ito {
    use super::Rgb;
    pub(super) const ORANGE: Rgb = Rgb(0xE6, 0x9F, 0x00);
    pub(super) const SKY_BLUE: Rgb = Rgb(0x56, 0xB4, 0xE9);
    pub(super) const BLUISH_GREEN: Rgb = Rgb(0x00, 0x9E, 0x73);
    pub(super) const REDDISH_PURPLE: Rgb = Rgb(0xCC, 0x79, 0xA7);
}

/// The colours of text and of the classes, for one theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassColours {
    /// The page behind the text.
    pub page: Rgb,
    pub text: Rgb,
    pub weak_text: Rgb,
    pub heading_text: Rgb,
    /// Backgrounds behind text of each class.
    pub inherited_bg: Rgb,
    pub adapted_bg: Rgb,
    pub added_bg: Rgb,
    /// Parent text some child span was taken from word for word.
    pub reused_bg: Rgb,
    /// Parent text a child span adapted (the 省 of 省→市).
    pub replaced_bg: Rgb,
    pub dropped_text: Rgb,
    pub dropped_row_bg: Rgb,
    /// Solid colours for bars, the overview strip and the legend swatches.
    pub inherited: Rgb,
    pub adapted: Rgb,
    pub added: Rgb,
    pub dropped: Rgb,
    pub moved: Rgb,
}

impl ClassColours {
    pub fn for_dark_mode(dark: bool) -> Self {
        use okabe_ito::*;
        if dark {
            Self {
                page: Rgb(0x1b, 0x1b, 0x1b),
                text: Rgb::gray(225),
                weak_text: Rgb::gray(150),
                heading_text: Rgb::gray(245),
                inherited_bg: Rgb(0x1d, 0x3d, 0x52),
                adapted_bg: Rgb(0x58, 0x3e, 0x05),
                added_bg: Rgb(0x5e, 0x2f, 0x4c),
                reused_bg: Rgb(0x15, 0x29, 0x3a),
                replaced_bg: Rgb(0x4d, 0x3a, 0x10),
                dropped_text: Rgb::gray(125),
                dropped_row_bg: Rgb::gray(38),
                inherited: SKY_BLUE,
                adapted: ORANGE,
                added: REDDISH_PURPLE,
                dropped: Rgb::gray(110),
                moved: BLUISH_GREEN,
            }
        } else {
            Self {
                page: Rgb(0xff, 0xff, 0xff),
                text: Rgb::gray(25),
                weak_text: Rgb::gray(110),
                heading_text: Rgb(0, 0, 0),
                inherited_bg: Rgb(0xbd, 0xe0, 0xf5),
                adapted_bg: Rgb(0xfa, 0xd7, 0x8a),
                added_bg: Rgb(0xf0, 0xcc, 0xe0),
                reused_bg: Rgb(0xdc, 0xee, 0xf9),
                replaced_bg: Rgb(0xfc, 0xe8, 0xbb),
                dropped_text: Rgb::gray(135),
                dropped_row_bg: Rgb::gray(236),
                inherited: SKY_BLUE,
                adapted: ORANGE,
                added: REDDISH_PURPLE,
                dropped: Rgb::gray(170),
                moved: BLUISH_GREEN,
            }
        }
    }
}

/// CIE L*a*b* of an sRGB colour (D65).
fn lab(c: Rgb) -> [f32; 3] {
    let linear = |v: u8| {
        let v = v as f32 / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    let (r, g, b) = (linear(c.0), linear(c.1), linear(c.2));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
    let f = |t: f32| {
        if t > 0.008856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    [
        116.0 * f(y) - 16.0,
        500.0 * (f(x) - f(y)),
        200.0 * (f(y) - f(z)),
    ]
}

/// CIE76 colour difference: about 2.3 is just noticeable, 8 and more is plainly seen.
pub fn delta_e(a: Rgb, b: Rgb) -> f32 {
    let (a, b) = (lab(a), lab(b));
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative luminance (WCAG).
    fn luminance(c: Rgb) -> f32 {
        let f = |v: u8| {
            let v = v as f32 / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c.0) + 0.7152 * f(c.1) + 0.0722 * f(c.2)
    }

    fn contrast(a: Rgb, b: Rgb) -> f32 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn text_is_readable_on_every_class_background() {
        for dark in [false, true] {
            let c = ClassColours::for_dark_mode(dark);
            for bg in [
                c.inherited_bg,
                c.adapted_bg,
                c.added_bg,
                c.reused_bg,
                c.replaced_bg,
            ] {
                let ratio = contrast(c.text, bg);
                assert!(ratio >= 7.0, "dark={dark} {bg:?}: {ratio}");
            }
        }
    }

    #[test]
    fn each_side_of_a_class_is_told_apart_and_from_the_page() {
        for dark in [false, true] {
            let c = ClassColours::for_dark_mode(dark);
            for (child, parent) in [(c.inherited_bg, c.reused_bg), (c.adapted_bg, c.replaced_bg)] {
                let apart = delta_e(child, parent);
                assert!(
                    apart >= 8.0,
                    "dark={dark} {child:?} vs {parent:?}: ΔE {apart}"
                );
            }
            for bg in [
                c.inherited_bg,
                c.adapted_bg,
                c.added_bg,
                c.reused_bg,
                c.replaced_bg,
            ] {
                let seen = delta_e(bg, c.page);
                assert!(seen >= 10.0, "dark={dark} {bg:?} on the page: ΔE {seen}");
            }
        }
    }
}
