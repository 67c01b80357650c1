//! The class colours, as plain RGB, light and dark: the one definition the HTML report and the
//! viewer both read. Derived from the Okabe–Ito palette, which stays distinguishable under the
//! common forms of colour blindness: sky blue for what the child inherited (and the parent
//! text it came from), orange for adapted text, reddish purple for added text, grey for
//! dropped parent text. Each theme gets its own tints so text stays readable on both.

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
                reused_bg: Rgb(0x1d, 0x3d, 0x52),
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
                inherited_bg: Rgb(0xdc, 0xee, 0xf9),
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
}
