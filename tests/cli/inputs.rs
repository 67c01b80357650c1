//! Inputs never hang or exhaust memory: pipes, devices and sockets refused at once, size limits
//! bounding what is read, corpus folders with links out and link loops (unreadable entries:
//! `permissions.rs`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name)
}

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
}

/// Runs the binary, killing it after `limit`: a hang is a failure, not a stuck test run.
fn run_within(args: &[&Path], limit: Duration) -> Output {
    let mut child = bin()
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > limit {
            child.kill().unwrap();
            panic!("policy-lineage {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn run(args: &[&Path]) -> Output {
    run_within(args, Duration::from_secs(30))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn p(s: &str) -> &Path {
    Path::new(s)
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

#[test]
fn pipes_and_devices_are_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("plan.txt");
    mkfifo(&fifo);
    let gansu = corpus("gansu-2018-ai-plan.txt");
    let socket = dir.path().join("sock.txt");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    for (input, kind) in [
        (fifo.as_path(), "named pipe"),
        (p("/dev/zero"), "character device"),
        (p("/dev/urandom"), "character device"),
        (socket.as_path(), "socket"),
    ] {
        for args in [
            vec![p("compare"), &gansu, input],
            vec![p("split"), input],
            vec![p("report"), input, p("--html"), p("/dev/null")],
        ] {
            let out = run_within(&args, Duration::from_secs(10));
            assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
            assert!(stderr(&out).contains(kind), "{args:?}: {}", stderr(&out));
        }
    }
}

#[test]
fn a_huge_sparse_file_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let sparse = dir.path().join("huge.txt");
    let file = std::fs::File::create(&sparse).unwrap();
    file.set_len(3 * 1024 * 1024 * 1024).unwrap();
    let start = Instant::now();
    let out = run(&[p("split"), &sparse]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("too large"), "{}", stderr(&out));
    assert!(start.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_fifo_in_a_corpus_folder_is_reported_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        corpus("gansu-2018-ai-plan.txt"),
        dir.path().join("gansu.txt"),
    )
    .unwrap();
    mkfifo(&dir.path().join("stuck.txt"));
    let out = run_within(
        &[
            p("sources"),
            &corpus("wuwei-2018-ai-plan.txt"),
            dir.path(),
            p("--json"),
        ],
        Duration::from_secs(20),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["skipped"].as_array().unwrap().len(), 1, "{json}");
    assert!(
        json["skipped"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with("stuck.txt")
    );
    assert!(
        json["skipped"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("named pipe")
    );
}

#[test]
fn a_missing_corpus_path_is_an_error() {
    let wuwei = corpus("wuwei-2018-ai-plan.txt");
    let out = run(&[p("sources"), &wuwei, p("/no/such/corpus")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("/no/such/corpus"), "{}", stderr(&out));
    let out = run(&[p("matrix"), p("/no/such/corpus"), p("--json")]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn corpus_links_out_of_the_corpus_and_loops_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    std::fs::create_dir_all(root.join("inner")).unwrap();
    std::fs::copy(
        corpus("gansu-2018-ai-plan.txt"),
        root.join("inner/gansu.txt"),
    )
    .unwrap();
    let outside = dir.path().join("outside");
    std::fs::create_dir(&outside).unwrap();
    std::fs::copy(
        corpus("changchun-2021-ai-opinions.txt"),
        outside.join("changchun.txt"),
    )
    .unwrap();
    std::os::unix::fs::symlink(".", root.join("loop")).unwrap();
    std::os::unix::fs::symlink("..", root.join("inner/up")).unwrap();
    std::os::unix::fs::symlink(&outside, root.join("out")).unwrap();
    std::os::unix::fs::symlink("/", root.join("disk")).unwrap();
    let start = Instant::now();
    let out = run(&[p("matrix"), &root, p("--json")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(start.elapsed() < Duration::from_secs(10));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = json.to_string();
    assert!(text.contains("gansu.txt"), "{text}");
    assert!(!text.contains("changchun"), "{text}");
    assert!(!text.contains("loop/"), "{text}");
}
