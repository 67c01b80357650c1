//! Fonts: the bundled CJK font first, egui's own fonts after it, and a safe system-font
//! fallback for characters neither has.
//!
//! Why not eframe's `system_fonts` feature: its provider (`egui_system_font_provider`, via
//! fontique's fontconfig backend) enumerates the system fonts on a background thread and, for
//! each generic family, calls `config.font_sort(&pattern, true).unwrap()`
//! (fontique-0.11.1/src/backend/fontconfig.rs:685). On a machine where fontconfig matches no
//! font at all, `FcFontSort` fails, that thread panics, and the first fallback request then
//! panics on the UI thread too ("The Promise Sender was dropped", poll-promise). So eframe is
//! built with `default-features = false` and without `system_fonts`, and this module looks for
//! fallback fonts itself: it reads the font files in the usual font folders with `ttf-parser`
//! and never panics when there are none.

use std::collections::HashMap;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use egui::epaint::text::{FallbackRequest, FontInsert, FontPriority, InsertFontFamily};
use egui::{FontData, FontDefinitions, FontFamily};

/// Noto Sans CJK SC Regular, subset to GB2312, the bundled documents and the interface text
/// (see fonts/README.md and fonts/subset.py). SIL Open Font License 1.1 (fonts/OFL.txt).
pub const CJK_FONT: &[u8] = include_bytes!("../../fonts/NotoSansSC-Regular-subset.otf");

/// The name the bundled font is installed under.
const CJK_FONT_NAME: &str = "NotoSansSC-Regular-subset";

/// egui's default fonts with the bundled CJK font first in both families.
pub fn definitions() -> FontDefinitions {
    let mut definitions = FontDefinitions::default();
    definitions.font_data.insert(
        CJK_FONT_NAME.to_owned(),
        Arc::new(FontData::from_static(CJK_FONT)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        definitions
            .families
            .entry(family)
            .or_default()
            .insert(0, CJK_FONT_NAME.to_owned());
    }
    definitions
}

/// Installs the fonts and the system-font fallback. Call once per context, before the first
/// pass if possible (then the fonts apply at once).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
    ctx.add_font_provider(Arc::new(SystemFallback));
}

/// Code points of the bundled font, as sorted inclusive ranges.
fn bundled_coverage() -> &'static Coverage {
    static COVERAGE: OnceLock<Coverage> = OnceLock::new();
    COVERAGE.get_or_init(|| {
        ttf_parser::Face::parse(CJK_FONT, 0)
            .map(|face| Coverage::of_face(&face))
            .unwrap_or_default()
    })
}

/// Whether the bundled CJK font has a glyph for `c`.
fn bundled_font_has(c: char) -> bool {
    bundled_coverage().contains(c)
}

/// Starts indexing the system fonts on this (background) thread when `chars` holds a
/// character the bundled fonts lack, so the first request from the UI thread finds the index
/// ready instead of building it while a frame waits.
pub fn prepare_fallback_for(chars: &[char]) {
    let needs_fallback = chars
        .iter()
        .any(|&c| !c.is_whitespace() && !c.is_control() && !c.is_ascii() && !bundled_font_has(c));
    if needs_fallback {
        system_index();
    }
}

/// Sorted, merged inclusive ranges of code points.
#[derive(Debug, Default, Clone)]
pub struct Coverage(Vec<RangeInclusive<u32>>);

impl Coverage {
    fn of_face(face: &ttf_parser::Face<'_>) -> Self {
        let mut points = Vec::new();
        if let Some(cmap) = face.tables().cmap {
            for subtable in cmap.subtables {
                if subtable.is_unicode() {
                    subtable.codepoints(|c| points.push(c));
                }
            }
        }
        points.sort_unstable();
        points.dedup();
        let mut ranges: Vec<RangeInclusive<u32>> = Vec::new();
        for c in points {
            match ranges.last_mut() {
                Some(last) if *last.end() + 1 == c => *last = *last.start()..=c,
                _ => ranges.push(c..=c),
            }
        }
        Self(ranges)
    }

    pub fn contains(&self, c: char) -> bool {
        let c = c as u32;
        let i = self.0.partition_point(|r| *r.end() < c);
        self.0.get(i).is_some_and(|r| r.contains(&c))
    }
}

/// One face of an installed font file.
struct SystemFace {
    path: PathBuf,
    index: u32,
    coverage: Coverage,
}

/// The folders fonts are installed in, per platform.
fn font_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    if cfg!(target_os = "windows") {
        if let Some(windir) = std::env::var_os("WINDIR") {
            dirs.push(PathBuf::from(windir).join("Fonts"));
        }
        if let Some(local) = std::env::var_os("LOCALAPPDATA") {
            dirs.push(
                PathBuf::from(local)
                    .join("Microsoft")
                    .join("Windows")
                    .join("Fonts"),
            );
        }
    } else if cfg!(target_os = "macos") {
        dirs.push("/System/Library/Fonts".into());
        dirs.push("/Library/Fonts".into());
        if let Some(home) = &home {
            dirs.push(home.join("Library/Fonts"));
        }
    } else {
        if let Some(data) = std::env::var_os("XDG_DATA_HOME") {
            dirs.push(PathBuf::from(data).join("fonts"));
        }
        if let Some(home) = &home {
            dirs.push(home.join(".local/share/fonts"));
            dirs.push(home.join(".fonts"));
        }
        dirs.push("/usr/local/share/fonts".into());
        dirs.push("/usr/share/fonts".into());
    }
    dirs
}

fn collect_font_files(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if depth < 6 {
                collect_font_files(&path, depth + 1, out);
            }
            continue;
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if matches!(ext.as_deref(), Some("ttf" | "otf" | "ttc" | "otc")) {
            out.push(path);
        }
    }
}

/// Sans-serif CJK fonts first, so Chinese text falls back to a matching style.
fn preference(path: &Path) -> u8 {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let cjk = [
        "cjk", "sc", "hei", "yahei", "simsun", "wqy", "han", "pingfang", "noto",
    ]
    .iter()
    .any(|k| name.contains(k));
    let sans = name.contains("sans") || name.contains("hei");
    let bold = name.contains("bold") || name.contains("black") || name.contains("heavy");
    match (cjk, sans, bold) {
        (true, true, false) => 0,
        (true, _, false) => 1,
        (_, true, false) => 2,
        (_, _, false) => 3,
        _ => 4,
    }
}

/// The installed fonts' faces and what they cover; built once, on first need.
fn system_index() -> &'static [SystemFace] {
    static INDEX: OnceLock<Vec<SystemFace>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut files = Vec::new();
        for dir in font_dirs() {
            collect_font_files(&dir, 0, &mut files);
        }
        files.sort_by_key(|p| (preference(p), p.clone()));
        files.dedup();
        let mut faces = Vec::new();
        for path in files {
            let Ok(data) = std::fs::read(&path) else {
                continue;
            };
            let count = ttf_parser::fonts_in_collection(&data).unwrap_or(1);
            for index in 0..count.min(32) {
                let Ok(face) = ttf_parser::Face::parse(&data, index) else {
                    continue;
                };
                faces.push(SystemFace {
                    path: path.clone(),
                    index,
                    coverage: Coverage::of_face(&face),
                });
            }
        }
        faces
    })
}

/// Loaded font files, so a collection is read from disk once.
fn file_cache() -> &'static Mutex<HashMap<PathBuf, Arc<Vec<u8>>>> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Arc<Vec<u8>>>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

/// Finds an installed font with a glyph for the character; `None` when there is none (also
/// on a machine with no fonts or no font folders at all).
struct SystemFallback;

impl egui::epaint::text::FontProvider for SystemFallback {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        let c = request.cluster.chars().next()?;
        let face = system_index().iter().find(|f| f.coverage.contains(c))?;
        let data = {
            let mut cache = file_cache().lock().ok()?;
            match cache.get(&face.path) {
                Some(data) => Arc::clone(data),
                None => {
                    let data = Arc::new(std::fs::read(&face.path).ok()?);
                    cache.insert(face.path.clone(), Arc::clone(&data));
                    data
                }
            }
        };
        let blob: egui::epaint::text::Blob = data;
        Some(FontInsert::new(
            &format!("system:{}:{}", face.path.display(), face.index),
            FontData::from_blob(blob, face.index),
            vec![InsertFontFamily {
                family: request.family.clone(),
                priority: FontPriority::Lowest,
            }],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_font_covers_common_text() {
        for c in "甘肃省武威市人民政府（一）“八个着力”，。、ABC123".chars()
        {
            assert!(bundled_font_has(c), "{c:?}");
        }
    }

    #[test]
    fn coverage_lookup() {
        let cov = Coverage(vec![10..=20, 30..=30]);
        assert!(cov.contains(char::from_u32(10).unwrap_or('x')));
        assert!(cov.contains(char::from_u32(30).unwrap_or('x')));
        assert!(!cov.contains(char::from_u32(25).unwrap_or('x')));
        assert!(!cov.contains('a'));
    }
}
