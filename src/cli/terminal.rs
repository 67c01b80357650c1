//! What reaches the terminal: document titles and error lines come from the files we read, so
//! they are cut to a sane length and stripped of control and bidirectional-override
//! characters (which could rewrite or reorder what the user sees) before printing.

/// Longest title printed in a table row, in characters.
pub const TITLE_CHARS: usize = 80;

/// Longest error line, in characters.
pub const ERROR_CHARS: usize = 400;

/// `s` on one line: control characters become spaces, bidirectional controls are dropped, and
/// text past `max` characters is cut with an ellipsis.
pub fn clean(s: &str, max: usize) -> String {
    let mut out = String::with_capacity(s.len().min(max * 4));
    let mut count = 0;
    for c in s.chars() {
        if is_bidi_control(c) {
            continue;
        }
        if count == max {
            out.pop();
            out.push('…');
            break;
        }
        out.push(if c.is_control() { ' ' } else { c });
        count += 1;
    }
    out
}

/// Marks that change the display order of text (Unicode bidirectional controls).
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// The error and its causes on one line, each cause once: a message that already quotes its
/// cause (`cannot read: Permission denied`) is not followed by it again.
pub fn error_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    clean(&line, ERROR_CHARS)
}

/// Whether the error is standard output closed under us (`policy-lineage ... | head`): a bare
/// write error. A report file that fails the same way carries its name as context and is an
/// error like any other.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().count() == 1
        && error
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_removed() {
        assert_eq!(
            clean("甘肃\u{202e}txt.exe\x1b[2J\n方案", 80),
            "甘肃txt.exe [2J 方案"
        );
    }

    #[test]
    fn long_text_is_cut() {
        let long = "长".repeat(500);
        let cut = clean(&long, 10);
        assert_eq!(cut.chars().count(), 10);
        assert!(cut.ends_with('…'));
        assert_eq!(clean("短", 10), "短");
    }

    #[test]
    fn a_cause_already_quoted_is_not_repeated() {
        let io = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let message = format!("a.txt: cannot read: {io}");
        let error = anyhow::Error::new(io).context(message.clone());
        assert_eq!(error_line(&error), message);
        let error = anyhow::anyhow!("inner").context("outer");
        assert_eq!(error_line(&error), "outer: inner");
    }
}
