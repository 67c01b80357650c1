//! From placed text runs to the lines of a page, in reading order: two-column pages read
//! column by column, and running headers, footers and page numbers (— 3 —) left out.

/// A string shown at one position: page coordinates in points, y upwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub x: f32,
    pub y: f32,
    /// Where the text ends (estimated from the font size: PDF widths live in the fonts).
    pub end: f32,
    pub size: f32,
    pub text: String,
}

/// A line of a page: its baseline and text.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub y: f32,
    pub text: String,
}

/// The lines of a page. Runs are taken in the order the page draws them, a line ending where
/// the baseline moves, except on a two-column page: there each stretch of the page that has
/// two columns is read left column first, whatever order the writer drew it in.
pub fn page_lines(runs: Vec<Run>, width: f32) -> Vec<Line> {
    let Some(gutter) = gutter(&runs, width) else {
        return content_order(runs);
    };
    let mut sorted = runs;
    sorted.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut lines = Vec::new();
    let (mut left, mut right) = (Vec::new(), Vec::new());
    let flush = |left: &mut Vec<Run>, right: &mut Vec<Run>, lines: &mut Vec<Line>| {
        lines.extend(by_baseline(std::mem::take(left)));
        lines.extend(by_baseline(std::mem::take(right)));
    };
    let mut wide = Vec::new();
    for run in sorted {
        if run.x < gutter && run.end > gutter {
            flush(&mut left, &mut right, &mut lines);
            wide.push(run);
            continue;
        }
        lines.extend(by_baseline(std::mem::take(&mut wide)));
        if run.end <= gutter {
            left.push(run);
        } else {
            right.push(run);
        }
    }
    lines.extend(by_baseline(wide));
    flush(&mut left, &mut right, &mut lines);
    lines
}

/// Runs in drawing order; a new line where the baseline moves by more than a point.
fn content_order(runs: Vec<Run>) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    for run in runs {
        match lines.last_mut() {
            Some(line) if (line.y - run.y).abs() <= 1.0 => line.text.push_str(&run.text),
            _ => lines.push(Line {
                y: run.y,
                text: run.text,
            }),
        }
    }
    lines
}

/// Runs sorted top to bottom, grouped by baseline, each line read left to right.
fn by_baseline(mut runs: Vec<Run>) -> Vec<Line> {
    runs.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut groups: Vec<Vec<Run>> = Vec::new();
    for run in runs {
        match groups.last_mut() {
            Some(g) if (g[0].y - run.y).abs() <= g[0].size.max(1.0) * 0.3 => g.push(run),
            _ => groups.push(vec![run]),
        }
    }
    groups
        .into_iter()
        .map(|mut g| {
            g.sort_by(|a, b| a.x.total_cmp(&b.x));
            let mut text = String::new();
            let mut last_end: Option<f32> = None;
            for run in &g {
                if last_end.is_some_and(|e| run.x - e > 2.0 * run.size) {
                    text.push(' ');
                }
                text.push_str(&run.text);
                last_end = Some(run.end);
            }
            Line { y: g[0].y, text }
        })
        .collect()
}

/// The x of the gap between two columns, when the page has them: a vertical band, an em
/// wide, in the middle of the page, that the lines with text on both sides of it leave empty
/// (prose set in one column is cut into runs that abut, so some run covers any such band on
/// most lines), crossed by few lines (a title, a header, a footer).
fn gutter(runs: &[Run], width: f32) -> Option<f32> {
    const MIN_SPLIT: usize = 4;
    if runs.len() < 2 * MIN_SPLIT || !width.is_finite() || width <= 0.0 {
        return None;
    }
    let mut sorted: Vec<&Run> = runs.iter().collect();
    sorted.sort_by(|a, b| b.y.total_cmp(&a.y));
    let mut lines: Vec<Vec<&Run>> = Vec::new();
    for run in sorted {
        match lines.last_mut() {
            Some(line) if (line[0].y - run.y).abs() <= line[0].size.max(1.0) * 0.3 => {
                line.push(run)
            }
            _ => lines.push(vec![run]),
        }
    }
    let mut candidates: Vec<f32> = runs
        .iter()
        .map(|r| r.x - r.size.max(1.0) * 0.5 - 0.1)
        .filter(|&x| x > width * 0.3 && x < width * 0.7)
        .collect();
    candidates.sort_by(f32::total_cmp);
    candidates.dedup_by(|a, b| (*a - *b).abs() < 1.0);
    candidates.truncate(256);
    candidates.into_iter().find(|&g| {
        let (mut split, mut crossing) = (0, 0);
        for line in &lines {
            let covered = line.iter().any(|r| {
                let half = r.size.max(1.0) * 0.5;
                r.x < g + half && r.end > g - half
            });
            if covered {
                crossing += 1;
            } else if line.iter().any(|r| r.end <= g) && line.iter().any(|r| r.x >= g) {
                split += 1;
            }
        }
        split >= MIN_SPLIT && crossing * 4 <= lines.len()
    })
}

/// Removes running headers and footers (the same text, numbers aside, at the same height on
/// at least half the pages, two at least) and page numbers at the top or bottom of a page.
pub fn drop_running(pages: &mut [Vec<Line>]) {
    use std::collections::HashMap;
    // The two top and two bottom lines of each page are where page furniture sits.
    let edges = |lines: &[Line]| -> Vec<usize> {
        let mut order: Vec<usize> = (0..lines.len()).collect();
        order.sort_by(|&a, &b| lines[b].y.total_cmp(&lines[a].y));
        let mut edge: Vec<usize> = order
            .iter()
            .take(2)
            .chain(order.iter().rev().take(2))
            .copied()
            .collect();
        edge.sort_unstable();
        edge.dedup();
        edge
    };
    let mut by_key: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    let mut drop: Vec<Vec<usize>> = vec![Vec::new(); pages.len()];
    for (p, lines) in pages.iter().enumerate() {
        for i in edges(lines) {
            if is_page_number(&lines[i].text) {
                drop[p].push(i);
            } else {
                by_key
                    .entry(furniture_key(&lines[i].text))
                    .or_default()
                    .push((p, i));
            }
        }
    }
    let needed = pages.len().div_ceil(2).max(2);
    for (key, places) in by_key {
        if key.is_empty() {
            continue;
        }
        // Only the occurrences at the height most of them share: the same words elsewhere
        // (the title on the first page under a running title) stay.
        for &(p0, i0) in &places {
            let y0 = pages[p0][i0].y;
            let level: Vec<&(usize, usize)> = places
                .iter()
                .filter(|&&(p, i)| (pages[p][i].y - y0).abs() <= 3.0)
                .collect();
            let mut distinct: Vec<usize> = level.iter().map(|&&(p, _)| p).collect();
            distinct.dedup();
            if distinct.len() >= needed {
                for &&(p, i) in &level {
                    drop[p].push(i);
                }
                break;
            }
        }
    }
    for (lines, mut drop) in pages.iter_mut().zip(drop) {
        drop.sort_unstable();
        drop.dedup();
        for i in drop.into_iter().rev() {
            lines.remove(i);
        }
    }
}

/// The text with numbers masked and white space removed.
fn furniture_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// `3`, `- 3 -`, `— 3 —`, `第3页`, `第 3 页 共 9 页`, `3/9`, `Page 3`.
fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let core =
        t.trim_matches(|c: char| matches!(c, '-' | '—' | '－' | '–' | '‒' | '―' | '·' | '•' | '~'));
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if digits(core) {
        return true;
    }
    if let Some((a, b)) = core.split_once('/') {
        return digits(a) && digits(b);
    }
    if let Some(n) = core
        .strip_prefix("Page")
        .or_else(|| core.strip_prefix("page"))
    {
        return digits(n);
    }
    if let Some(rest) = core.strip_prefix('第') {
        let (n, tail) = rest.split_once('页').unwrap_or((rest, "x"));
        let tail_ok = tail.is_empty()
            || tail
                .strip_prefix('共')
                .and_then(|t| t.strip_suffix('页'))
                .is_some_and(digits);
        return digits(n) && tail_ok;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x: f32, y: f32, text: &str) -> Run {
        let width = text.chars().count() as f32 * 10.0;
        Run {
            x,
            y,
            end: x + width,
            size: 10.0,
            text: text.into(),
        }
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn two_columns_drawn_row_by_row_read_column_by_column() {
        let wide = "长".repeat(30);
        let mut runs = vec![run(100.0, 800.0, &wide)];
        for k in 0..8 {
            let y = 700.0 - 20.0 * k as f32;
            runs.push(run(60.0, y, &format!("左{k}")));
            runs.push(run(320.0, y, &format!("右{k}")));
        }
        runs.push(run(60.0, 500.0, &wide));
        let lines = page_lines(runs, 595.0);
        let mut want = vec![wide.clone()];
        want.extend((0..8).map(|k| format!("左{k}")));
        want.extend((0..8).map(|k| format!("右{k}")));
        want.push(wide);
        assert_eq!(texts(&lines), want);
    }

    #[test]
    fn one_column_keeps_drawing_order_and_right_aligned_dates() {
        let runs = vec![
            run(
                60.0,
                700.0,
                "正文第一行正文第一行正文第一行正文第一行正文第一行正文",
            ),
            run(60.0, 680.0, "2018"),
            run(100.0, 680.0, "年"),
            run(400.0, 600.0, "武威市人民政府办公室"),
            run(420.0, 580.0, "2018年12月20日"),
        ];
        assert_eq!(
            texts(&page_lines(runs, 595.0)),
            [
                "正文第一行正文第一行正文第一行正文第一行正文第一行正文",
                "2018年",
                "武威市人民政府办公室",
                "2018年12月20日"
            ]
        );
    }

    #[test]
    fn running_headers_and_page_numbers_go() {
        let body = |first: &str| -> Vec<Line> {
            ["", "正文继续", "正文再续", "正文又续", "正文末行"]
                .iter()
                .enumerate()
                .map(|(k, t)| Line {
                    y: 700.0 - 20.0 * k as f32,
                    text: format!("{first}{t}"),
                })
                .collect()
        };
        let page = |n: usize, first: &str| {
            let mut lines = vec![Line {
                y: 800.0,
                text: "武威市人民政府办公室文件".into(),
            }];
            lines.extend(body(first));
            lines.push(Line {
                y: 40.0,
                text: format!("— {n} —"),
            });
            lines
        };
        let mut first = vec![Line {
            y: 760.0,
            text: "武威市人民政府办公室文件".into(),
        }];
        first.extend(body("第一页"));
        first.push(Line {
            y: 40.0,
            text: "- 1 -".into(),
        });
        let mut pages = vec![first, page(2, "第二页"), page(3, "第三页")];
        drop_running(&mut pages);
        assert_eq!(
            texts(&pages[0])[..2],
            ["武威市人民政府办公室文件", "第一页"]
        );
        assert_eq!(
            texts(&pages[1]),
            [
                "第二页",
                "第二页正文继续",
                "第二页正文再续",
                "第二页正文又续",
                "第二页正文末行"
            ]
        );
        assert_eq!(texts(&pages[2])[0], "第三页");
    }

    #[test]
    fn page_numbers_are_recognised() {
        for t in [
            "3",
            "- 3 -",
            "— 12 —",
            "第3页",
            "第 3 页 共 9 页",
            "3/9",
            "Page 3",
        ] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2018年", "一、总体要求", "第三条", "第3条", "1.到2020年"] {
            assert!(!is_page_number(t), "{t}");
        }
    }
}
