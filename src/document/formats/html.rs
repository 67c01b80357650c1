//! Saved web pages: the article body as plain text, one line per block element.
//!
//! The page is parsed by an HTML5 parser (html5ever, through `scraper`), as a browser would,
//! so malformed markup costs no more than well-formed markup: every step below is one walk
//! over the tree. Scripts, styles, navigation, headers, footers, forms and elements whose
//! class or id marks them as site chrome (nav, menu, breadcrumb, footer, share…) are dropped.
//! When the page has a recognisable article container (`<article>`, `<main>`, or a class/id
//! such as `TRS_Editor`, `article`, `content`), only that is kept; what chrome is left at the
//! top and bottom is then trimmed by the splitter as for any scraped page.

use ego_tree::NodeRef;
use ego_tree::iter::Edge;
use scraper::{Html, Node};

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
    let page = Html::parse_document(html);
    let root = page.tree.root();
    let article = find_article(root);
    let text = render(article.unwrap_or(root), true);
    // Chrome marks can be wrong (a page that calls its body `main-content-header`); an empty
    // result means they were, so fall back to the unfiltered body.
    if has_text(&text) {
        return text;
    }
    if article.is_some() {
        let text = render(article.unwrap_or(root), false);
        if has_text(&text) {
            return text;
        }
    }
    render(root, false)
}

fn has_text(s: &str) -> bool {
    s.chars().filter(|c| !c.is_whitespace()).nth(9).is_some()
}

/// Lower-cased `class` and `id` values, space-separated.
fn marks(element: &scraper::node::Element) -> String {
    let mut marks = String::new();
    for value in [element.attr("class"), element.attr("id")]
        .into_iter()
        .flatten()
    {
        marks.push_str(&value.to_ascii_lowercase());
        marks.push(' ');
    }
    marks
}

fn is_chrome(marks: &str) -> bool {
    marks.split([' ', '-', '_']).any(|word| {
        CHROME_MARKS
            .iter()
            .any(|m| word == *m || (word.starts_with(m) && m.len() >= 4))
    })
}

fn is_article(element: &scraper::node::Element) -> bool {
    let marks = marks(element);
    element.name() == "article"
        || element.name() == "main"
        || marks.split(' ').any(|v| {
            ARTICLE_MARKS
                .iter()
                .any(|m| v == *m || v.split(['-', '_']).any(|w| w == *m))
        }) && !is_chrome(&marks)
}

/// The article container: the largest candidate, unless a candidate nested in it holds at
/// least half as much text (then the inner one, which leaves out the wrapper's chrome).
/// Sizes come from one walk (each element's text accumulated as it closes), nesting from
/// pre-order positions, so a page of a million nested candidates is still one pass.
fn find_article<'a>(root: NodeRef<'a, Node>) -> Option<NodeRef<'a, Node>> {
    struct Candidate<'a> {
        node: NodeRef<'a, Node>,
        open: usize,
        close: usize,
        size: usize,
    }
    let mut candidates: Vec<Candidate> = Vec::new();
    // Per open node: accumulated text size and, for candidates, their index.
    let mut stack: Vec<(usize, Option<usize>)> = Vec::new();
    for (position, edge) in root.traverse().enumerate() {
        match edge {
            Edge::Open(node) => {
                if let Node::Text(t) = node.value() {
                    if let Some(top) = stack.last_mut() {
                        top.0 += t.len();
                    }
                    stack.push((0, None));
                    continue;
                }
                let candidate = node
                    .value()
                    .as_element()
                    .filter(|e| is_article(e))
                    .map(|_| {
                        candidates.push(Candidate {
                            node,
                            open: position,
                            close: usize::MAX,
                            size: 0,
                        });
                        candidates.len() - 1
                    });
                stack.push((0, candidate));
            }
            Edge::Close(_) => {
                let Some((size, candidate)) = stack.pop() else {
                    continue;
                };
                if let Some(top) = stack.last_mut() {
                    top.0 += size;
                }
                if let Some(k) = candidate {
                    candidates[k].close = position;
                    candidates[k].size = size;
                }
            }
        }
    }
    let mut best: Option<&Candidate> = None;
    for c in &candidates {
        let better = match best {
            None => true,
            Some(b) => c.size * 2 >= b.size && c.open > b.open && c.close < b.close,
        };
        if better {
            best = Some(c);
        }
    }
    best.map(|c| c.node)
}

/// The text under `root`, a line per block, skipped elements left out.
fn render(root: NodeRef<Node>, drop_chrome: bool) -> String {
    let mut out = String::new();
    // While `Some`, everything until this element closes is skipped.
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => out.extend(t.chars().map(|c| match c {
                        '\n' | '\r' | '\t' | '\u{a0}' => ' ',
                        c => c,
                    })),
                    Node::Element(e) => {
                        let skip =
                            SKIP_TAGS.contains(&e.name()) || (drop_chrome && is_chrome(&marks(e)));
                        if skip && node.id() != root.id() {
                            skipping = Some(node.id());
                            out.push('\n');
                        } else if BLOCK_TAGS.contains(&e.name()) {
                            out.push('\n');
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                } else if skipping.is_none()
                    && node
                        .value()
                        .as_element()
                        .is_some_and(|e| BLOCK_TAGS.contains(&e.name()))
                {
                    out.push('\n');
                }
            }
        }
    }
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
    fn broken_markup_still_gives_its_text() {
        for page in [
            "<",
            "<div",
            "<<>>",
            "<p>文字</div></div>",
            "&#xFFFFFFFF;&#;",
        ] {
            assert!(!extract_text(page).contains('\0'));
        }
        assert!(extract_text("<div class='nav'>只有导航内容一二三四五六七八").contains("只有导航"));
        assert_eq!(extract_text("<p>甲 < 乙 <<< 丙</p>"), "甲 < 乙 <<< 丙\n");
    }
}
