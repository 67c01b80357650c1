//! Where permissions and owners matter, the command line runs as an unprivileged user: root
//! (CI, a container) reads and writes everything, so as root these tests run the binary as
//! `nobody` through `setpriv`, in folders given to that user.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NOBODY: u32 = 65534;

/// The user the binary runs as: `nobody` when the tests run as root, else the tests' own user.
struct User {
    uid: u32,
    gid: u32,
    /// The tests run as root and the binary through `setpriv`.
    dropped: bool,
}

impl User {
    /// `None` (the reason printed) when the tests run as root and cannot drop privileges.
    fn unprivileged() -> Option<Self> {
        let probe = std::env::temp_dir();
        // The owner of a file just created is the effective user; no unsafe call needed.
        let me = tempfile::tempfile_in(&probe).ok()?.metadata().ok()?;
        if me.uid() != 0 {
            return Some(Self {
                uid: me.uid(),
                gid: me.gid(),
                dropped: false,
            });
        }
        let works = Command::new("setpriv")
            .args(setpriv_args())
            .arg("true")
            .status()
            .is_ok_and(|s| s.success());
        if !works {
            eprintln!("skipped: running as root and `setpriv` cannot switch to user {NOBODY}");
            return None;
        }
        Some(Self {
            uid: NOBODY,
            gid: NOBODY,
            dropped: true,
        })
    }

    /// The binary, to be run as this user.
    fn bin(&self) -> Command {
        let program = env!("CARGO_BIN_EXE_policy-lineage");
        if !self.dropped {
            return Command::new(program);
        }
        let mut command = Command::new("setpriv");
        command.args(setpriv_args()).arg(program);
        command
    }

    /// A fresh folder this user owns.
    fn folder(&self) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        self.give(dir.path());
        mode(dir.path(), 0o755);
        dir
    }

    fn give(&self, path: &Path) {
        if self.dropped {
            std::os::unix::fs::chown(path, Some(self.uid), Some(self.gid)).unwrap();
        }
    }
}

fn setpriv_args() -> [String; 4] {
    [
        format!("--reuid={NOBODY}"),
        format!("--regid={NOBODY}"),
        "--clear-groups".into(),
        "--".into(),
    ]
}

fn mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Copies of Gansu's and Wuwei's plans in `dir`, readable by everyone.
fn pair(dir: &Path) -> (PathBuf, PathBuf) {
    let parent = dir.join("gansu.txt");
    let child = dir.join("wuwei.txt");
    std::fs::copy(corpus("gansu-2018-ai-plan.txt"), &parent).unwrap();
    std::fs::copy(corpus("wuwei-2018-ai-plan.txt"), &child).unwrap();
    mode(&parent, 0o644);
    mode(&child, 0o644);
    (parent, child)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_replaced_report_keeps_its_mode_and_owner() {
    let Some(user) = User::unprivileged() else {
        return;
    };
    let dir = user.folder();
    let (parent, child) = pair(dir.path());
    let csv = dir.path().join("table.csv");
    std::fs::write(&csv, b"old").unwrap();
    user.give(&csv);
    mode(&csv, 0o604);
    let out = user
        .bin()
        .arg("compare")
        .args([&parent, &child])
        .arg("--csv")
        .arg(&csv)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("note:"), "{}", stderr(&out));
    let meta = std::fs::metadata(&csv).unwrap();
    assert_eq!(meta.mode() & 0o7777, 0o604);
    assert_eq!((meta.uid(), meta.gid()), (user.uid, user.gid));
    assert_ne!(std::fs::read(&csv).unwrap(), b"old");
}

#[test]
fn replacing_another_users_file_notes_the_owner() {
    let Some(user) = User::unprivileged() else {
        return;
    };
    if !user.dropped {
        eprintln!("skipped: only root can leave a file of another user in the user's folder");
        return;
    }
    let dir = user.folder();
    let (parent, child) = pair(dir.path());
    // Root's file in the user's folder: the user may replace it, but cannot give it back.
    let html = dir.path().join("report.html");
    std::fs::write(&html, b"root's report").unwrap();
    mode(&html, 0o644);
    let out = user
        .bin()
        .arg("compare")
        .args([&parent, &child])
        .arg("--html")
        .arg(&html)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("note:") && message.contains("was owned by user 0"),
        "{message}"
    );
    assert!(
        message.contains(&format!("owned by user {NOBODY}")),
        "{message}"
    );
    let meta = std::fs::metadata(&html).unwrap();
    assert_eq!(meta.uid(), NOBODY);
    assert_eq!(meta.mode() & 0o7777, 0o644);

    // Root replacing the user's file gives it back: same owner, nothing to note.
    let out = Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
        .arg("compare")
        .args([&parent, &child])
        .arg("--html")
        .arg(&html)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("note:"), "{}", stderr(&out));
    assert_eq!(std::fs::metadata(&html).unwrap().uid(), NOBODY);
}

#[test]
fn the_corpus_run_notes_replaced_owners() {
    let Some(user) = User::unprivileged() else {
        return;
    };
    if !user.dropped {
        eprintln!("skipped: only root can leave a file of another user in the user's folder");
        return;
    }
    let work = user.folder();
    let docs = work.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    pair(&docs);
    let out_dir = work.path().join("tables");
    std::fs::create_dir(&out_dir).unwrap();
    user.give(&out_dir);
    std::fs::write(out_dir.join("links.csv"), b"root's table").unwrap();
    let out = user
        .bin()
        .arg("corpus")
        .arg(&docs)
        .arg("--out")
        .arg(&out_dir)
        .arg("--index")
        .arg(work.path().join("index.sqlite"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let message = stderr(&out);
    assert!(
        message.contains("links.csv: was owned by user 0"),
        "{message}"
    );
    assert_eq!(message.matches("note:").count(), 1, "{message}");
}

#[test]
fn an_output_folder_the_user_cannot_write_is_one_error_and_nothing_changes() {
    let Some(user) = User::unprivileged() else {
        return;
    };
    let dir = user.folder();
    let (parent, child) = pair(dir.path());
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    user.give(&locked);
    let html = locked.join("report.html");
    std::fs::write(&html, b"old report").unwrap();
    user.give(&html);
    mode(&html, 0o644);
    mode(&locked, 0o555);
    let out = user
        .bin()
        .arg("compare")
        .args([&parent, &child])
        .arg("--html")
        .arg(&html)
        .output()
        .unwrap();
    mode(&locked, 0o755);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = stderr(&out);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert_eq!(message.matches("ermission denied").count(), 1, "{message}");
    assert_eq!(std::fs::read(&html).unwrap(), b"old report");
    assert_eq!(names(&locked), ["report.html"]);
}

#[test]
fn an_unreadable_document_is_one_clear_line() {
    let Some(user) = User::unprivileged() else {
        return;
    };
    let dir = user.folder();
    let (parent, child) = pair(dir.path());
    user.give(&child);
    mode(&child, 0o000);
    let out = user
        .bin()
        .arg("compare")
        .args([&parent, &child])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let message = stderr(&out);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.contains("wuwei.txt") && message.contains("ermission denied"),
        "{message}"
    );
}

#[test]
fn a_read_only_corpus_is_indexed_outside_it() {
    let Some(user) = User::unprivileged() else {
        return;
    };
    let work = user.folder();
    let docs = work.path().join("docs");
    std::fs::create_dir(&docs).unwrap();
    pair(&docs);
    user.give(&docs);
    mode(&docs, 0o555);
    let data = work.path().join("data");
    std::fs::create_dir(&data).unwrap();
    user.give(&data);
    let out = user
        .bin()
        .env("POLICY_LINEAGE_DATA_DIR", &data)
        .arg("search")
        .arg(&docs)
        .arg("人工智能")
        .output()
        .unwrap();
    mode(&docs, 0o755);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("wuwei.txt"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(names(&docs), ["gansu.txt", "wuwei.txt"]);
    assert!(
        names(&data.join("indexes"))
            .iter()
            .any(|n| n.ends_with(".sqlite"))
    );
}

#[test]
fn unreadable_files_and_folders_are_reported_by_name() {
    let Some(user) = User::unprivileged() else {
        return;
    };
    let dir = user.folder();
    let root = dir.path().join("corpus");
    std::fs::create_dir_all(root.join("locked")).unwrap();
    std::fs::copy(corpus("gansu-2018-ai-plan.txt"), root.join("gansu.txt")).unwrap();
    std::fs::copy(
        corpus("changchun-2021-ai-opinions.txt"),
        root.join("secret.txt"),
    )
    .unwrap();
    std::fs::copy(
        corpus("wuwei-2018-ai-plan.txt"),
        dir.path().join("wuwei.txt"),
    )
    .unwrap();
    mode(&root, 0o755);
    mode(&root.join("gansu.txt"), 0o644);
    mode(&dir.path().join("wuwei.txt"), 0o644);
    mode(&root.join("secret.txt"), 0o000);
    mode(&root.join("locked"), 0o000);
    let sources = || {
        let mut command = user.bin();
        command
            .arg("sources")
            .arg(dir.path().join("wuwei.txt"))
            .arg(&root);
        command
    };
    let out = sources().arg("--json").output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let skipped = json["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 2, "{json}");
    let all = json["skipped"].to_string();
    assert!(
        all.contains("secret.txt") && all.contains("locked"),
        "{all}"
    );
    assert!(all.contains("ermission denied"), "{all}");
    let out = sources().output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2 skipped"), "{text}");
    assert!(
        text.contains("secret.txt") && text.contains("locked"),
        "{text}"
    );
    mode(&root.join("locked"), 0o755);
}
