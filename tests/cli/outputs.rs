//! Outputs never destroy anything: an output naming an input, two outputs naming one file, a
//! device or a pipe as the output, a planted symbolic link, a failing output among several.

use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name)
}

fn run(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A folder with copies of Gansu's and Wuwei's plans.
fn pair() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let parent = dir.path().join("gansu.txt");
    let child = dir.path().join("wuwei.txt");
    std::fs::copy(corpus("gansu-2018-ai-plan.txt"), &parent).unwrap();
    std::fs::copy(corpus("wuwei-2018-ai-plan.txt"), &child).unwrap();
    (dir, parent, child)
}

fn p(s: &str) -> &Path {
    Path::new(s)
}

#[test]
fn an_output_naming_an_input_is_refused_and_the_input_kept() {
    let (dir, parent, child) = pair();
    let before = std::fs::read(&child).unwrap();
    for output in [
        child.clone(),
        dir.path().join(".").join("wuwei.txt"),
        dir.path().join("sub/../wuwei.txt"),
    ] {
        std::fs::create_dir_all(dir.path().join("sub")).unwrap();
        let out = run(&[p("compare"), &parent, &child, p("--html"), &output]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("is also an input"),
            "{}",
            stderr(&out)
        );
        assert_eq!(std::fs::read(&child).unwrap(), before);
    }
    // Through a symbolic link and a hard link: the same file by identity.
    let link = dir.path().join("link.html");
    std::os::unix::fs::symlink(&parent, &link).unwrap();
    let hard = dir.path().join("hard.csv");
    std::fs::hard_link(&child, &hard).unwrap();
    for (flag, output) in [("--html", &link), ("--csv", &hard)] {
        let out = run(&[p("compare"), &parent, &child, p(flag), output]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    }
    assert_eq!(std::fs::read(&child).unwrap(), before);
}

#[test]
fn a_report_over_its_own_session_is_refused() {
    let (dir, parent, child) = pair();
    let session = dir.path().join("review.ron");
    let doc = |path: &Path| format!("(path: {:?}, index: None, hash: \"\")", path);
    let text = format!(
        "(version: 2, parent: {}, child: {})",
        doc(&parent),
        doc(&child)
    );
    std::fs::write(&session, &text).unwrap();
    let out = run(&[p("report"), &session, p("--html"), &session]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&session).unwrap(), text);
    let out = run(&[p("report"), &session, p("--json-out"), &child]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn two_outputs_with_one_path_are_refused() {
    let (dir, parent, child) = pair();
    let out_file = dir.path().join("out");
    let out = run(&[
        p("compare"),
        &parent,
        &child,
        p("--html"),
        &out_file,
        p("--csv"),
        &dir.path().join("./out"),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!out_file.exists());
}

#[test]
fn json_out_dash_is_standard_output() {
    let (_dir, parent, child) = pair();
    let out = run(&[p("compare"), &parent, &child, p("--json-out"), p("-")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["summary"]["inherited"].as_f64().unwrap() > 0.5);
    assert!(!Path::new("-").exists());
}

#[test]
fn a_device_is_written_to_never_replaced() {
    let (_dir, parent, child) = pair();
    let out = run(&[p("compare"), &parent, &child, p("--html"), p("/dev/null")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(meta.file_type().is_char_device());
}

#[test]
fn a_fifo_output_is_written_to_when_read_and_refused_when_not() {
    let (dir, parent, child) = pair();
    let fifo = dir.path().join("pipe.json");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = std::thread::spawn({
        let fifo = fifo.clone();
        move || std::fs::read(fifo).unwrap()
    });
    // Wait until the reader has opened its end: the writer refuses a pipe nobody reads.
    let mut out = run(&[p("compare"), &parent, &child, p("--json-out"), &fifo]);
    for _ in 0..50 {
        if out.status.success() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        out = run(&[p("compare"), &parent, &child, p("--json-out"), &fifo]);
    }
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&reader.join().unwrap()).unwrap();
    assert!(json.get("spans").is_some());
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    let start = std::time::Instant::now();
    let out = run(&[p("compare"), &parent, &child, p("--json-out"), &fifo]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("nobody reads"), "{}", stderr(&out));
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn a_socket_output_is_refused() {
    let (dir, parent, child) = pair();
    let socket = dir.path().join("report.html");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let out = run(&[p("compare"), &parent, &child, p("--html"), &socket]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("socket"), "{}", stderr(&out));
    assert!(
        std::fs::symlink_metadata(&socket)
            .unwrap()
            .file_type()
            .is_socket()
    );
}

#[test]
fn planted_symlinks_at_old_temporary_names_are_not_followed() {
    let (dir, parent, child) = pair();
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, b"precious").unwrap();
    // Every name the old writer would have used for the next few runs.
    let out_file = dir.path().join("report.html");
    for pid in 0..64u32 {
        for n in 0..2 {
            let name = dir.path().join(format!(".report.html.{pid}.{n}.tmp"));
            std::os::unix::fs::symlink(&victim, name).unwrap();
        }
    }
    let out = run(&[p("compare"), &parent, &child, p("--html"), &out_file]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    assert!(
        std::fs::read_to_string(&out_file)
            .unwrap()
            .contains("<html")
    );
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            let e = e.as_ref().unwrap();
            !e.file_type().unwrap().is_symlink()
                && e.file_name().to_string_lossy().ends_with(".tmp")
        })
        .count();
    assert_eq!(leftovers, 0);
}

#[test]
fn a_replaced_report_keeps_its_permissions() {
    let (dir, parent, child) = pair();
    let csv = dir.path().join("table.csv");
    std::fs::write(&csv, b"old").unwrap();
    std::fs::set_permissions(&csv, std::fs::Permissions::from_mode(0o604)).unwrap();
    let out = run(&[p("compare"), &parent, &child, p("--csv"), &csv]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::metadata(&csv).unwrap().mode() & 0o777, 0o604);
}

#[test]
fn a_replaced_hard_link_is_noted() {
    let (dir, parent, child) = pair();
    let csv = dir.path().join("table.csv");
    std::fs::write(&csv, b"old").unwrap();
    std::fs::hard_link(&csv, dir.path().join("other-name.csv")).unwrap();
    let out = run(&[p("compare"), &parent, &child, p("--csv"), &csv]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("hard link"), "{}", stderr(&out));
}

#[test]
fn when_one_output_fails_none_is_written() {
    let (dir, parent, child) = pair();
    let html = dir.path().join("report.html");
    std::fs::write(&html, b"old report").unwrap();
    let bad = dir.path().join("no-such-folder/table.csv");
    let out = run(&[
        p("compare"),
        &parent,
        &child,
        p("--html"),
        &html,
        p("--csv"),
        &bad,
        p("--json-out"),
        &dir.path().join("new.json"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&html).unwrap(), b"old report");
    assert!(!dir.path().join("new.json").exists());
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}
