//! Saved web pages: the article body as plain text, one line per block element.
//!
//! Scripts, styles, navigation, headers, footers, forms and elements whose class or id marks
//! them as site chrome (nav, menu, breadcrumb, footer, share…) are dropped. When the page has
//! a recognisable article container (`<article>`, `<main>`, or a class/id such as
//! `TRS_Editor`, `article`, `content`), only that is kept; what chrome is left at the top and
//! bottom is then trimmed by [`crate::document::split`] as for any scraped page.

use super::decode_entities;

/// Elements whose content is never text of the document.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "head", "nav", "header", "footer", "aside", "form", "select",
    "button", "iframe", "svg", "template", "object",
];

/// Elements that end a line of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "hr",
    "ul",
    "ol",
    "dd",
    "dt",
    "dl",
    "center",
    "td",
    "th",
    "title",
    "body",
];

/// Elements that have no closing tag.
const VOID_TAGS: &[&str] = &[
    "br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "wbr",
];

/// Class or id fragments of site chrome on government pages.
const CHROME_MARKS: &[&str] = &[
    "nav",
    "menu",
    "breadcrumb",
    "crumb",
    "footer",
    "foot",
    "header",
    "sidebar",
    "share",
    "copyright",
    "toolbar",
    "search",
    "login",
    "banner",
    "position",
    "location",
    "related",
];

/// Class or id fragments of the article container.
const ARTICLE_MARKS: &[&str] = &[
    "trs_editor",
    "article",
    "content",
    "zoom",
    "main-text",
    "maintext",
    "zw",
    "detail",
    "pages_content",
    "text",
];

/// Extracts the text of an HTML page.
pub fn extract_text(html: &str) -> String {
    let tags = tokenize(html);
    let article = find_article(&tags);
    let text = render(html, &tags, article.clone(), true);
    // Chrome marks can be wrong (a page that calls its body `main-content-header`); an empty
    // result means they were, so fall back to the unfiltered body.
    if has_text(&text) {
        return text;
    }
    let text = render(html, &tags, article, false);
    if has_text(&text) {
        text
    } else {
        render(html, &tags, None, false)
    }
}

fn has_text(s: &str) -> bool {
    s.chars().filter(|c| !c.is_whitespace()).count() >= 10
}

#[derive(Debug, Clone)]
struct Tag {
    /// Byte range of the whole tag `<…>` in the page.
    start: usize,
    end: usize,
    name: String,
    closing: bool,
    self_closing: bool,
    /// Lower-cased `class` and `id` values joined by a space.
    marks: String,
}

/// The tags of the page in order; comments, doctype and CDATA are skipped.
fn tokenize(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        if html[start..].starts_with("<!--") {
            i = html[start..]
                .find("-->")
                .map_or(html.len(), |e| start + e + 3);
            tags.push(Tag {
                start,
                end: i,
                name: "!".into(),
                closing: false,
                self_closing: true,
                marks: String::new(),
            });
            continue;
        }
        let Some(len) = html[start..].find('>') else {
            break;
        };
        let end = start + len + 1;
        let inner = &html[start + 1..end - 1];
        let closing = inner.starts_with('/');
        let body = inner.trim_start_matches('/');
        let name: String = body
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!' || *c == '?')
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || !bytes[start + 1].is_ascii_graphic() {
            // A lone `<` in text.
            i = start + 1;
            continue;
        }
        let marks = attribute_marks(body);
        let self_closing = body.ends_with('/')
            || VOID_TAGS.contains(&name.as_str())
            || name.starts_with('!')
            || name.starts_with('?');
        tags.push(Tag {
            start,
            end,
            name: name.clone(),
            closing,
            self_closing,
            marks,
        });
        i = end;
        // Script and style content may hold `<`; jump to their closing tag.
        if !closing && (name == "script" || name == "style") {
            let close = format!("</{name}");
            let lower = html[i..].to_ascii_lowercase();
            if let Some(at) = lower.find(&close) {
                i += at;
            } else {
                i = html.len();
            }
        }
    }
    tags
}

fn attribute_marks(body: &str) -> String {
    let lower = body.to_ascii_lowercase();
    let mut marks = String::new();
    for attr in ["class=", "id="] {
        let mut from = 0;
        while let Some(at) = lower[from..].find(attr) {
            let at = from + at;
            // Only whole attribute names (`class=`, not `subclass=`).
            let whole = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
            let value_start = at + attr.len();
            let value = lower[value_start..].trim_start_matches(['"', '\'']);
            let value: String = value
                .chars()
                .take_while(|&c| c != '"' && c != '\'' && c != '>')
                .collect();
            if whole {
                marks.push_str(&value);
                marks.push(' ');
            }
            from = value_start;
        }
    }
    marks
}

fn is_chrome(tag: &Tag) -> bool {
    tag.marks.split([' ', '-', '_']).any(|word| {
        CHROME_MARKS
            .iter()
            .any(|m| word == *m || (word.starts_with(m) && m.len() >= 4))
    })
}

fn is_article(tag: &Tag) -> bool {
    tag.name == "article"
        || tag.name == "main"
        || tag.marks.split(' ').any(|v| {
            ARTICLE_MARKS
                .iter()
                .any(|m| v == *m || v.split(['-', '_']).any(|w| w == *m))
        }) && !is_chrome(tag)
}

/// Index of the matching closing tag of the element opened at `tags[open]`.
fn matching_close(tags: &[Tag], open: usize) -> usize {
    let name = &tags[open].name;
    let mut depth = 0usize;
    for (k, t) in tags.iter().enumerate().skip(open + 1) {
        if &t.name != name || t.self_closing {
            continue;
        }
        if t.closing {
            if depth == 0 {
                return k;
            }
            depth -= 1;
        } else {
            depth += 1;
        }
    }
    tags.len()
}

/// The article container with the most text, as a range of tag indices (open..close).
fn find_article(tags: &[Tag]) -> Option<std::ops::Range<usize>> {
    let mut best: Option<(usize, std::ops::Range<usize>)> = None;
    for (k, t) in tags.iter().enumerate() {
        if t.closing || t.self_closing || !is_article(t) {
            continue;
        }
        let close = matching_close(tags, k);
        let end = tags.get(close).map_or(usize::MAX, |c| c.start);
        let size = end.saturating_sub(t.end);
        // The innermost large container wins over the page-wide wrapper only when it holds
        // most of the wrapper's text; simplest robust proxy: prefer the later (inner) one if
        // it is at least half as large.
        let better = match &best {
            None => true,
            Some((s, r)) => size * 2 >= *s && k > r.start && k < r.end,
        };
        if better {
            best = Some((size, k..close));
        }
    }
    best.map(|(_, r)| r)
}

fn render(
    html: &str,
    tags: &[Tag],
    only: Option<std::ops::Range<usize>>,
    drop_chrome: bool,
) -> String {
    let mut out = String::new();
    let mut k = only.as_ref().map_or(0, |r| r.start);
    let last = only.as_ref().map_or(tags.len(), |r| r.end.min(tags.len()));
    let mut pos = tags
        .get(k)
        .map_or(0, |t| if only.is_some() { t.end } else { 0 });
    if only.is_some() {
        k += 1;
    }
    let text = |from: usize, to: usize, out: &mut String| {
        if from < to {
            let raw = &html[from..to];
            // Source line breaks inside an element are not document line breaks.
            let flat: String = raw
                .chars()
                .map(|c| {
                    if c == '\n' || c == '\r' || c == '\t' {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            decode_entities(&flat, out);
        }
    };
    while k < last {
        let t = &tags[k];
        text(pos, t.start, &mut out);
        pos = t.end;
        let skip = !t.closing
            && !t.self_closing
            && (SKIP_TAGS.contains(&t.name.as_str()) || (drop_chrome && is_chrome(t)));
        if skip {
            let close = matching_close(tags, k);
            k = close + 1;
            pos = tags.get(close).map_or(html.len(), |c| c.end);
            out.push('\n');
            continue;
        }
        if BLOCK_TAGS.contains(&t.name.as_str()) {
            out.push('\n');
        } else if t.name == "td" || t.name == "th" {
            out.push(' ');
        }
        k += 1;
    }
    let end = match &only {
        Some(_) => tags.get(last).map_or(html.len(), |t| t.start),
        None => html.len(),
    };
    text(pos, end.max(pos), &mut out);
    tidy(&out)
}

/// One line per block, trimmed, no runs of blank lines.
fn tidy(s: &str) -> String {
    let mut out = String::new();
    for line in s.lines() {
        let line = line.trim_matches(|c: char| c.is_whitespace());
        if line.is_empty() {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_is_dropped_and_article_kept() {
        let page = r#"<!DOCTYPE html><html><head><title>站点</title><script>var a = "<p>x</p>";</script></head>
<body><div class="nav"><a href="/">首页</a><a>政务公开</a></div>
<div class="TRS_Editor"><p>关于印发实施方案的通知</p><p>一、总体要求&nbsp;坚持&ldquo;创新&rdquo;。</p>
<p>第二段
跨行</p></div><div id="footer">版权所有 网站标识码</div></body></html>"#;
        let text = extract_text(page);
        assert_eq!(
            text,
            "关于印发实施方案的通知\n一、总体要求 坚持“创新”。\n第二段 跨行\n"
        );
    }

    #[test]
    fn without_container_the_body_minus_chrome() {
        let page = "<body><nav>首页 &gt; 政策</nav><h1>标题一二三四五六七八九</h1><p>正文内容</p><footer>备案号</footer></body>";
        assert_eq!(extract_text(page), "标题一二三四五六七八九\n正文内容\n");
    }

    #[test]
    fn broken_markup_never_panics() {
        for page in [
            "<",
            "<div",
            "<<>>",
            "<p>文字</div></div>",
            "<div class='nav'>只有导航内容一二三四五六",
            "&#xFFFFFFFF;&#;",
        ] {
            let _ = extract_text(page);
        }
        assert!(extract_text("<div class='nav'>只有导航内容一二三四五六七八").contains("只有导航"));
    }
}
