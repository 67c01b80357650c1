//! OFD (GB/T 33190, the national format for official electronic documents): a ZIP of XML
//! files. `OFD.xml` names the document (`DocRoot`) and its metadata (`DocInfo`: title, creation
//! date); the document lists its pages; each page holds text objects whose characters are
//! placed one by one (`TextCode` with `X`, `Y` and the advances `DeltaX`/`DeltaY`).
//!
//! Writers emit the objects in any order, often one character per object, so the text of a
//! page is rebuilt from the positions: characters are grouped into lines by their baseline and
//! read left to right, lines top to bottom. A line that runs to the right edge of the page's
//! text continues into the next (on the next page too), unless that one is indented (the
//! first line of a paragraph in a 公文 is indented by two characters) or, in a document
//! whose paragraphs are not indented, the line ends a sentence.

use std::path::Path;

use roxmltree::Node;

use super::Extracted;
use super::archive::{Archive, parse_xml};
use super::limits::{MAX_TEXT, too_large};
use crate::LoadError;

pub fn extract_text(path: &Path, bytes: &[u8]) -> Result<Extracted, LoadError> {
    let mut archive = Archive::open(path, bytes)?;
    let corrupt = |detail: String| LoadError::CorruptArchive {
        path: path.to_owned(),
        detail,
    };
    let root = archive
        .read_text("OFD.xml")?
        .ok_or_else(|| corrupt("no OFD.xml inside (not an OFD file)".into()))?;
    let root = parse_xml(path, "OFD.xml", &root)?;
    let body = child(root.root_element(), "DocBody")
        .ok_or_else(|| corrupt("OFD.xml has no DocBody".into()))?;
    let info = child(body, "DocInfo");
    let meta = |name: &str| {
        info.and_then(|i| child(i, name))
            .and_then(|n| n.text())
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
    };
    let title = meta("Title");
    let date = meta("CreationDate");
    let doc_root = child(body, "DocRoot")
        .and_then(|n| n.text())
        .map(|t| resolve("", t.trim()))
        .ok_or_else(|| corrupt("OFD.xml names no DocRoot".into()))?;
    let document = archive
        .read_text(&doc_root)?
        .ok_or_else(|| corrupt(format!("{doc_root} is missing")))?;
    let document = parse_xml(path, &doc_root, &document)?;
    let doc_dir = parent_dir(&doc_root);
    let pages: Vec<String> = document
        .descendants()
        .filter(|n| {
            n.has_tag_name_local("Page")
                && n.parent().is_some_and(|p| p.has_tag_name_local("Pages"))
        })
        .filter_map(|n| n.attribute("BaseLoc"))
        .map(|loc| resolve(doc_dir, loc.trim()))
        .collect();
    if pages.is_empty() {
        return Err(corrupt(format!("{doc_root} lists no pages")));
    }
    let mut lines = Vec::new();
    let mut chars = 0;
    for page in &pages {
        let content = archive
            .read_text(page)?
            .ok_or_else(|| corrupt(format!("page {page} is missing")))?;
        let content = parse_xml(path, page, &content)?;
        for line in page_lines(glyphs(&content)) {
            chars += line.text.len() + 1;
            lines.push(line);
        }
        if chars > MAX_TEXT {
            return Err(too_large(path, "the extracted text", MAX_TEXT as u64));
        }
    }
    let text = join_lines(&lines);
    Ok(Extracted {
        text,
        title,
        date,
        warnings: Vec::new(),
    })
}

/// Local-name matching: OFD files use the `ofd:` prefix, but not all of them bind it alike.
trait LocalName {
    fn has_tag_name_local(&self, name: &str) -> bool;
}

impl LocalName for Node<'_, '_> {
    fn has_tag_name_local(&self, name: &str) -> bool {
        self.is_element() && self.tag_name().name() == name
    }
}

fn child<'a, 'x>(node: Node<'a, 'x>, name: &str) -> Option<Node<'a, 'x>> {
    node.children().find(|n| n.has_tag_name_local(name))
}

/// A location inside the package: absolute (`/Doc_0/…`) or relative to `dir`.
fn resolve(dir: &str, loc: &str) -> String {
    let joined = match loc.strip_prefix('/') {
        Some(abs) => abs.to_owned(),
        None if dir.is_empty() => loc.to_owned(),
        None => format!("{dir}/{loc}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

fn parent_dir(loc: &str) -> &str {
    loc.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// One placed character, in page coordinates (millimetres, y downwards).
#[derive(Debug, Clone, Copy)]
struct Glyph {
    x: f64,
    y: f64,
    /// The advance to the next character (or the font size for the last).
    width: f64,
    size: f64,
    c: char,
}

fn numbers(s: &str) -> Vec<f64> {
    s.split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect()
}

/// Expands `DeltaX`/`DeltaY`: numbers, with `g N v` meaning N advances of v.
fn deltas(s: &str, count: usize) -> Vec<f64> {
    let mut out = Vec::new();
    let mut tokens = s.split_whitespace();
    while let Some(t) = tokens.next() {
        if out.len() >= count {
            break;
        }
        if t == "g" {
            let n: usize = tokens.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let v: f64 = tokens.next().and_then(|v| v.parse().ok()).unwrap_or(0.0);
            out.extend(std::iter::repeat_n(v, n.min(count - out.len())));
        } else if let Ok(v) = t.parse() {
            out.push(v);
        }
    }
    out
}

/// Every character of a page's text objects, placed.
fn glyphs(page: &roxmltree::Document) -> Vec<Glyph> {
    let mut out = Vec::new();
    for object in page
        .descendants()
        .filter(|n| n.has_tag_name_local("TextObject"))
    {
        let boundary = numbers(object.attribute("Boundary").unwrap_or(""));
        let (bx, by) = (
            boundary.first().copied().unwrap_or(0.0),
            boundary.get(1).copied().unwrap_or(0.0),
        );
        let size = object
            .attribute("Size")
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s > 0.0)
            .unwrap_or(3.5);
        // The object's own transform scales and moves the text inside its boundary.
        let ctm = numbers(object.attribute("CTM").unwrap_or(""));
        let (a, b, c, d, e, f) = match ctm[..] {
            [a, b, c, d, e, f] => (a, b, c, d, e, f),
            _ => (1.0, 0.0, 0.0, 1.0, 0.0, 0.0),
        };
        let scale = (a * d - b * c).abs().sqrt();
        let scale = if scale.is_finite() && scale > 0.0 {
            scale
        } else {
            1.0
        };
        let (mut x, mut y) = (0.0f64, 0.0f64);
        for code in object
            .children()
            .filter(|n| n.has_tag_name_local("TextCode"))
        {
            let text: String = code.text().unwrap_or("").chars().collect();
            let count = text.chars().count();
            if let Some(v) = code.attribute("X").and_then(|v| v.trim().parse().ok()) {
                x = v;
            }
            if let Some(v) = code.attribute("Y").and_then(|v| v.trim().parse().ok()) {
                y = v;
            }
            let dx = deltas(code.attribute("DeltaX").unwrap_or(""), count);
            let dy = deltas(code.attribute("DeltaY").unwrap_or(""), count);
            for (i, ch) in text.chars().enumerate() {
                let advance = dx.get(i).or(dx.last()).copied().unwrap_or(size);
                out.push(Glyph {
                    x: bx + a * x + c * y + e,
                    y: by + b * x + d * y + f,
                    width: advance * scale,
                    size: size * scale,
                    c: ch,
                });
                x += dx
                    .get(i)
                    .copied()
                    .unwrap_or(if dy.is_empty() { advance } else { 0.0 });
                y += dy.get(i).copied().unwrap_or(0.0);
            }
        }
    }
    out.retain(|g| g.x.is_finite() && g.y.is_finite() && g.width.is_finite());
    out
}

/// A line of a page as printed.
#[derive(Debug)]
struct Line {
    text: String,
    /// Starts right of the page's left margin: a paragraph's first line, a centred title.
    indented: bool,
    /// Runs to the right edge of the page's text.
    full: bool,
    ends_sentence: bool,
}

/// The lines of one page in reading order: glyphs on one baseline (within half a character)
/// left to right, lines top to bottom.
fn page_lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.sort_by(|p, q| p.y.total_cmp(&q.y).then(p.x.total_cmp(&q.x)));
    let mut lines: Vec<Vec<Glyph>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(line) if (g.y - line[0].y).abs() <= line[0].size * 0.5 => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    for line in &mut lines {
        line.sort_by(|p, q| p.x.total_cmp(&q.x));
    }
    let left = lines.iter().map(|l| l[0].x).fold(f64::INFINITY, f64::min);
    let right = lines
        .iter()
        .map(|l| l.last().map_or(0.0, |g| g.x + g.width))
        .fold(f64::NEG_INFINITY, f64::max);
    lines
        .iter()
        .map(|line| {
            let mut text = String::new();
            let mut previous: Option<&Glyph> = None;
            for g in line {
                // A gap wider than two characters separates words or table cells.
                if previous.is_some_and(|p| g.x - (p.x + p.width) > 2.0 * g.size) {
                    text.push(' ');
                }
                text.push(g.c);
                previous = Some(g);
            }
            let (first, last) = (line[0], line[line.len() - 1]);
            Line {
                text,
                indented: first.x > left + first.size * 0.5,
                full: last.x + last.width >= right - last.size * 1.5,
                ends_sentence: matches!(last.c, '。' | '：' | ':' | '；' | '！' | '？'),
            }
        })
        .collect()
}

/// The text of the pages' lines, a line per paragraph: a full line continues into the next
/// one, on the same page or the next, unless that one is indented. Where paragraphs are not
/// marked by indentation (most lines after a short one start at the margin), a full line
/// that ends a sentence ends its paragraph too.
fn join_lines(lines: &[Line]) -> String {
    let after_short: Vec<bool> = lines
        .windows(2)
        .filter(|w| !w[0].full)
        .map(|w| w[1].indented)
        .collect();
    let indents = after_short.iter().filter(|&&i| i).count() * 2 >= after_short.len();
    let mut out = String::new();
    for (k, line) in lines.iter().enumerate() {
        out.push_str(&line.text);
        let continues = lines
            .get(k + 1)
            .is_some_and(|next| line.full && !next.indented && (indents || !line.ends_sentence));
        if !continues {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(x: f64, y: f64, c: char) -> Glyph {
        Glyph {
            x,
            y,
            width: 5.0,
            size: 5.0,
            c,
        }
    }

    #[test]
    fn reading_order_comes_from_positions() {
        // Written bottom line first and right to left; the first line runs to the right edge
        // mid-sentence, so the paragraph continues on the second.
        let mut g = vec![glyph(10.0, 20.2, '区'), glyph(15.0, 20.0, '。')];
        for (i, c) in "二、各县"
            .chars()
            .collect::<Vec<_>>()
            .into_iter()
            .enumerate()
            .rev()
        {
            g.push(glyph(10.0 + 5.0 * i as f64, 10.0, c));
        }
        g.push(glyph(20.0, 30.0, '完'));
        assert_eq!(join_lines(&page_lines(g)), "二、各县区。\n完\n");
    }

    fn line(text: &str, indented: bool, full: bool) -> Line {
        Line {
            text: text.into(),
            indented,
            full,
            ends_sentence: text.ends_with('。'),
        }
    }

    #[test]
    fn indentation_decides_where_paragraphs_start() {
        // A sentence ending at the right edge, then a line at the margin (here the first of
        // the next page): the paragraph goes on.
        let indented = [
            line("一、总体", true, false),
            line("甲乙丙。", true, true),
            line("丁戊", false, false),
            line("己庚", true, false),
        ];
        assert_eq!(join_lines(&indented), "一、总体\n甲乙丙。丁戊\n己庚\n");
        // Nothing indented: a full line ending a sentence ends the paragraph.
        let flush = [
            line("甲乙丙。", false, true),
            line("丁戊", false, false),
            line("己庚辛", false, true),
            line("壬", false, false),
        ];
        assert_eq!(join_lines(&flush), "甲乙丙。\n丁戊\n己庚辛壬\n");
    }

    #[test]
    fn advances_expand_and_locations_resolve() {
        assert_eq!(deltas("g 3 5.6 2.8 1", 5), vec![5.6, 5.6, 5.6, 2.8, 1.0]);
        assert_eq!(deltas("g 9 1", 2), vec![1.0, 1.0]);
        assert_eq!(
            resolve("Doc_0", "Pages/Page_0/Content.xml"),
            "Doc_0/Pages/Page_0/Content.xml"
        );
        assert_eq!(resolve("Doc_0", "/Doc_0/../Doc_1/x.xml"), "Doc_1/x.xml");
        assert_eq!(parent_dir("Doc_0/Document.xml"), "Doc_0");
    }

    #[test]
    fn not_an_ofd_is_named() {
        let r = extract_text(Path::new("x.ofd"), b"PK\x03\x04garbage");
        assert!(matches!(r, Err(LoadError::CorruptArchive { .. })), "{r:?}");
    }
}
