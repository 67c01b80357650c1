//! Messages a user understands, exit codes that mean one thing, and text from files that cannot
//! take over the terminal.

use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name)
}

fn formats(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/formats")
        .join(name)
}

fn run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn session_for(dir: &Path) -> PathBuf {
    let parent = dir.join("gansu.txt");
    let child = dir.join("wuwei.txt");
    std::fs::copy(corpus("gansu-2018-ai-plan.txt"), &parent).unwrap();
    std::fs::copy(corpus("wuwei-2018-ai-plan.txt"), &child).unwrap();
    let doc = |path: &Path| format!("(path: {path:?}, index: None, hash: \"\")");
    let session = dir.join("review.ron");
    let text = format!(
        "(version: 2, parent: {}, child: {})",
        doc(&parent),
        doc(&child)
    );
    std::fs::write(&session, text).unwrap();
    session
}

#[test]
fn damaged_sessions_are_described_without_parser_internals() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("bad.ron");
    for text in [
        "hello".to_owned(),
        "(version: 2, parent: (path: \"a\"".to_owned(),
        "[".repeat(200),
        "(version: \"two\")".to_owned(),
        "(parent: 3)".to_owned(),
    ] {
        std::fs::write(&session, &text).unwrap();
        let out = run(&[
            Path::new("report"),
            &session,
            Path::new("--html"),
            &dir.path().join("out.html"),
        ]);
        let message = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{message}");
        assert!(
            message.contains("bad.ron") && message.contains("line"),
            "{message}"
        );
        for internal in [
            "Probe",
            "struct",
            "recursion_limit",
            "Session",
            "SessionV1",
            "u32",
        ] {
            assert!(!message.contains(internal), "{text:?} gave {message}");
        }
    }
}

#[test]
fn a_session_saved_with_a_byte_order_mark_opens() {
    let dir = tempfile::tempdir().unwrap();
    let session = session_for(dir.path());
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(std::fs::read(&session).unwrap());
    std::fs::write(&session, bytes).unwrap();
    let out = run(&[
        Path::new("report"),
        &session,
        Path::new("--json-out"),
        Path::new("-"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["summary"]["inherited"].as_f64().unwrap() > 0.5);
}

#[test]
fn utf8_with_one_bad_byte_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wuwei.txt");
    let mut bytes = std::fs::read(corpus("wuwei-2018-ai-plan.txt")).unwrap();
    let third_line = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(1)
        .unwrap()
        .0
        + 1;
    bytes.insert(third_line, 0xff);
    std::fs::write(&file, bytes).unwrap();
    let out = run(&[Path::new("split"), &file]);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        message.contains("UTF-8") && message.contains("line 3"),
        "{message}"
    );
    assert!(
        !message.contains("gb18030") && !message.contains("GB18030"),
        "{message}"
    );
}

#[test]
fn utf16_without_a_byte_order_mark_is_detected() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(corpus("wuwei-2018-ai-plan.txt")).unwrap();
    for (name, big_endian) in [("le.txt", false), ("be.txt", true)] {
        let file = dir.path().join(name);
        let bytes: Vec<u8> = text
            .encode_utf16()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect();
        std::fs::write(&file, bytes).unwrap();
        let out = run(&[Path::new("split"), &file, Path::new("--json")]);
        assert!(out.status.success(), "{}", stderr(&out));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let expected = if big_endian { "UTF-16BE" } else { "UTF-16LE" };
        assert_eq!(json[0]["encoding"], expected);
        assert_eq!(
            json[0]["title"],
            "武威市人民政府办公室关于印发武威市新一代人工智能发展实施方案的通知"
        );
    }
}

#[test]
fn a_docx_renamed_txt_is_read_as_docx() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wuwei.txt");
    std::fs::copy(formats("wuwei-2018-ai-plan.docx"), &file).unwrap();
    let out = run(&[Path::new("split"), &file, Path::new("--json")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["encoding"], "DOCX");
}

#[test]
fn reference_errors_quote_what_was_typed() {
    let out = run(&["split", "missing#x.txt"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("missing#x.txt: file not found"),
        "{}",
        stderr(&out)
    );
    let scraped = corpus("provincial-policies-2018-scraped.txt")
        .display()
        .to_string();
    let out = run(&[
        "compare",
        &format!("{scraped}#999"),
        &format!("{scraped}#1"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("#999 does not exist"),
        "{}",
        stderr(&out)
    );
    let out = run(&["compare", &format!("{scraped}#0"), &format!("{scraped}#1")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&format!("{scraped}#0")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_exit_2_and_input_errors_1() {
    let gansu = corpus("gansu-2018-ai-plan.txt").display().to_string();
    for args in [
        vec!["compare", &gansu],
        vec!["compare", &gansu, &gansu, "--bogus"],
        vec!["report", "whatever.ron"],
        vec!["compare"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    for args in [
        vec!["compare", &gansu, "/no/such.txt"],
        vec!["split", "/"],
        vec!["report", "/no/such.ron", "--html", "/dev/null"],
        vec!["sources", &gansu, "/no/such/folder"],
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let gansu = corpus("gansu-2018-ai-plan.txt");
    let wuwei = corpus("wuwei-2018-ai-plan.txt");
    let mut child = Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
        .args([Path::new("compare"), &gansu, &wuwei, Path::new("--json")])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    assert!(err.is_empty(), "{err}");
    assert!(status.success(), "{status:?}");
}

#[test]
fn titles_and_error_lines_cannot_take_over_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.txt");
    let title = format!(
        "甘肃\u{202e}省人民政府\u{2066}关于{}的通知",
        "很".repeat(300)
    );
    let body = std::fs::read_to_string(corpus("wuwei-2018-ai-plan.txt")).unwrap();
    std::fs::write(&file, format!("{title}\n\n{body}")).unwrap();
    let out = run(&[Path::new("split"), &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listing = String::from_utf8_lossy(&out.stdout);
    assert!(
        !listing.contains('\u{202e}') && !listing.contains('\u{2066}'),
        "{listing}"
    );
    assert!(
        listing.lines().all(|l| l.chars().count() < 200),
        "{listing}"
    );
    let named = dir
        .path()
        .join(format!("\u{202e}\u{1b}[2J{}.txt", "长".repeat(400)));
    let out = run(&[Path::new("split"), &named]);
    let message = stderr(&out);
    assert!(
        !message.contains('\u{202e}') && !message.contains('\u{1b}'),
        "{message}"
    );
    assert!(message.chars().count() < 500, "{message}");
}

#[test]
fn an_os_error_is_printed_once() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("gone/report.html");
    let gansu = corpus("gansu-2018-ai-plan.txt");
    let wuwei = corpus("wuwei-2018-ai-plan.txt");
    let out = run(&[
        Path::new("compare"),
        &gansu,
        &wuwei,
        Path::new("--html"),
        &report,
    ]);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{message}");
    assert_eq!(
        message.matches("No such file or directory").count(),
        1,
        "{message}"
    );
    assert_eq!(message.lines().count(), 1, "{message}");
}

#[test]
fn file_names_that_are_not_utf8_open_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    // 甘肃 and 武威 in GBK, as archives from Chinese Windows name them.
    let gbk = |bytes: &[u8]| dir.path().join(std::ffi::OsStr::from_bytes(bytes));
    let parent = gbk(b"\xb8\xca\xcb\xe0.txt");
    let child = gbk(b"\xce\xe4\xcd\xfe.txt");
    std::fs::copy(corpus("gansu-2018-ai-plan.txt"), &parent).unwrap();
    std::fs::copy(corpus("wuwei-2018-ai-plan.txt"), &child).unwrap();
    let out = run(&[Path::new("compare"), &parent, &child, Path::new("--json")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&[Path::new("sources"), &child, dir.path()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&[Path::new("split"), &parent]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&[Path::new("trace"), &child, &parent, Path::new("--json")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("甘肃省"));
}

#[test]
fn a_cut_pdf_is_called_damaged_not_a_scan() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = std::fs::read(formats("wuwei-2018-ai-plan.pdf")).unwrap();
    let cut = dir.path().join("cut.pdf");
    std::fs::write(&cut, &pdf[..pdf.len() / 2]).unwrap();
    let gansu = corpus("gansu-2018-ai-plan.txt");
    let out = run(&[Path::new("compare"), &gansu, &cut]);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{message}");
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.contains("cut.pdf") && message.contains("damaged or cut short"),
        "{message}"
    );
    assert!(
        !message.contains("scan") && !message.contains("OCR"),
        "{message}"
    );
    let out = run(&[Path::new("compare"), &gansu, &formats("scanned.pdf")]);
    assert!(stderr(&out).contains("no text layer"), "{}", stderr(&out));
}
