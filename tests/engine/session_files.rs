//! Session files: round trip, the version-1 format, damaged files, moved and changed
//! documents, corrections, and `policy-lineage report`.

use std::path::Path;

use policy_lineage::Document;
use policy_lineage::compare::compare;
use policy_lineage::review::corrections::apply;
use policy_lineage::review::corrections::{Correction, CorrectionKind, SectionRef};
use policy_lineage::review::session::{Note, Session, SessionError, Verdict};

const PARENT: &str = "tests/corpus/gansu-2018-ai-plan.txt";
const CHILD: &str = "tests/corpus/wuwei-2018-ai-plan.txt";

/// Copies the pair into `dir` and returns the documents opened from there.
fn copy_pair(dir: &Path) -> (Document, Document) {
    std::fs::copy(PARENT, dir.join("parent.txt")).unwrap();
    std::fs::copy(CHILD, dir.join("child.txt")).unwrap();
    (
        Document::open(dir.join("parent.txt").to_str().unwrap()).unwrap(),
        Document::open(dir.join("child.txt").to_str().unwrap()).unwrap(),
    )
}

fn first_matched(comparison: &policy_lineage::Comparison) -> (usize, usize) {
    comparison
        .sections
        .iter()
        .find(|m| !m.parents.is_empty() && m.inherited > 0.5)
        .map(|m| (m.section, m.parents[0].section))
        .unwrap()
}

#[test]
fn a_session_round_trips_with_notes_corrections_and_view() {
    let dir = tempfile::tempdir().unwrap();
    let (parent, child) = copy_pair(dir.path());
    let mut session = Session::new(&parent, &child);
    session.notes.push(Note {
        section: SectionRef::of(&child, 3),
        verdict: Some(Verdict::Adapted),
        text: "目标年份改了".into(),
    });
    session.corrections.push(Correction {
        kind: CorrectionKind::Unlink,
        child: SectionRef::of(&child, 2),
        parent: SectionRef::of(&parent, 2),
    });
    session.view.zoom = 1.5;
    session.view.folded = vec![4, 7];
    session.view.language = Some("zh".into());
    let path = dir.path().join("review.ron");
    session.save(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("version: 2"), "{text}");
    assert_eq!(Session::load(&path).unwrap(), session);
}

#[test]
fn a_version_1_file_still_opens() {
    let dir = tempfile::tempdir().unwrap();
    let (_parent, child) = copy_pair(dir.path());
    // Written by hand in the version-1 format: documents as PATH#N strings, notes by index.
    let v1 = r#"(
    version: 1,
    parent: "parent.txt",
    child: "child.txt",
    notes: [(section: 3, text: "old note")],
    zoom: 1.25,
)"#;
    let path = dir.path().join("old.ron");
    std::fs::write(&path, v1).unwrap();
    let session = Session::load(&path).unwrap();
    assert_eq!(session.version, 2);
    assert_eq!(session.view.zoom, 1.25);
    assert_eq!(session.notes[0].text, "old note");
    // Relative paths resolve beside the session file; the note keeps its section.
    let resolved = session.resolve(Some(&path)).unwrap();
    assert!(resolved.warnings.is_empty(), "{:?}", resolved.warnings);
    assert_eq!(resolved.session.notes[0].section, SectionRef::of(&child, 3));
}

#[test]
fn saving_over_a_hard_link_says_the_link_keeps_the_old_session() {
    let dir = tempfile::tempdir().unwrap();
    let (parent, child) = copy_pair(dir.path());
    let path = dir.path().join("s.ron");
    let session = Session::new(&parent, &child);
    assert!(session.save(&path).unwrap().is_empty());
    let link = dir.path().join("linked.ron");
    std::fs::hard_link(&path, &link).unwrap();
    let notes = session.save(&path).unwrap();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("1 other hard link"), "{notes:?}");
    assert_eq!(Session::load(&link).unwrap(), session);
}

#[test]
fn damaged_files_give_a_clear_error_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (parent, child) = copy_pair(dir.path());
    let path = dir.path().join("s.ron");
    Session::new(&parent, &child).save(&path).unwrap();
    let good = std::fs::read(&path).unwrap();
    for (name, bytes) in [
        ("truncated", good[..good.len() / 2].to_vec()),
        ("empty", Vec::new()),
        ("binary", vec![0xff, 0xfe, 0x00, 0x12]),
        (
            "newer",
            b"(version: 99, parent: (path: \"a\"), child: (path: \"b\"))".to_vec(),
        ),
    ] {
        let damaged = dir.path().join(format!("{name}.ron"));
        std::fs::write(&damaged, &bytes).unwrap();
        let error = Session::load(&damaged).unwrap_err();
        let message = error.to_string();
        assert!(message.contains(&format!("{name}.ron")), "{message}");
        assert!(
            matches!(
                error,
                SessionError::Corrupt { .. } | SessionError::TooNew { .. }
            ),
            "{name}: {error:?}"
        );
        assert_eq!(
            std::fs::read(&damaged).unwrap(),
            bytes,
            "{name} was changed"
        );
    }
}

#[test]
fn moved_documents_are_reported_missing_or_found_beside_the_session() {
    let dir = tempfile::tempdir().unwrap();
    let (parent, child) = copy_pair(dir.path());
    let session = Session::new(&parent, &child);
    // The documents move away: the session names which one is missing.
    let elsewhere = tempfile::tempdir().unwrap();
    let path = elsewhere.path().join("s.ron");
    session.save(&path).unwrap();
    std::fs::rename(dir.path().join("child.txt"), elsewhere.path().join("x.txt")).unwrap();
    match session.resolve(Some(&path)) {
        Err(SessionError::Missing { side: "child", .. }) => {}
        other => panic!("expected the child missing, got {other:?}"),
    }
    // Moved together with the session file: found by name beside it.
    std::fs::rename(
        elsewhere.path().join("x.txt"),
        elsewhere.path().join("child.txt"),
    )
    .unwrap();
    assert!(session.resolve(Some(&path)).is_ok());
}

#[test]
fn a_changed_document_warns_and_keeps_notes_on_their_sections() {
    let dir = tempfile::tempdir().unwrap();
    let (parent, child) = copy_pair(dir.path());
    let target = 5;
    let heading = policy_lineage::review::corrections::section_heading(&child, target);
    let mut session = Session::new(&parent, &child);
    session.notes.push(Note {
        section: SectionRef::of(&child, target),
        verdict: Some(Verdict::Original),
        text: "keep me".into(),
    });
    // A new section is inserted before the noted one: indices shift by one.
    let text = std::fs::read_to_string(dir.path().join("child.txt")).unwrap();
    let at = text
        .find(&*child.slice(child.outline.sections[target].heading.clone()))
        .unwrap();
    let edited = format!(
        "{}一、新增的本地章节\n本市自行增加的内容。\n{}",
        &text[..at],
        &text[at..]
    );
    std::fs::write(dir.path().join("child.txt"), edited).unwrap();

    let resolved = session.resolve(None).unwrap();
    assert!(
        resolved.warnings.iter().any(|w| w.contains("changed")),
        "{:?}",
        resolved.warnings
    );
    let note = &resolved.session.notes[0];
    assert_eq!(note.text, "keep me");
    assert_ne!(note.section.index, target, "the section should have moved");
    assert_eq!(
        policy_lineage::review::corrections::section_heading(&resolved.child, note.section.index),
        heading
    );
}

#[test]
fn unlink_and_link_reclassify_and_update_the_summary() {
    let parent = Document::open(PARENT).unwrap();
    let child = Document::open(CHILD).unwrap();
    let automatic = compare(&parent, &child);
    let (cs, ps) = first_matched(&automatic);
    let unlink = Correction {
        kind: CorrectionKind::Unlink,
        child: SectionRef::of(&child, cs),
        parent: SectionRef::of(&parent, ps),
    };
    let unlinked = apply(&parent, &child, &automatic, std::slice::from_ref(&unlink));
    assert!(unlinked.summary.added > automatic.summary.added);
    assert!(unlinked.summary.parent_reused < automatic.summary.parent_reused);
    let m = unlinked.sections.iter().find(|m| m.section == cs).unwrap();
    assert!(m.parents.iter().all(|l| l.section != ps));
    let sum = unlinked.summary.inherited + unlinked.summary.adapted + unlinked.summary.added;
    assert!((sum - 1.0).abs() < 1e-9);
    // Spans still cover the child in order, without overlap.
    assert!(
        unlinked
            .spans
            .windows(2)
            .all(|w| w[0].range.end <= w[1].range.start)
    );

    // Linking it back re-classifies the section's text as taken from that parent section.
    let link = Correction {
        kind: CorrectionKind::Link,
        ..unlink.clone()
    };
    let relinked = apply(&parent, &child, &automatic, &[unlink, link]);
    let m = relinked.sections.iter().find(|m| m.section == cs).unwrap();
    assert_eq!(m.parents[0].section, ps);
    // A manual link is measured like an automatic one (Dice of the two sections), not 1.0.
    let before = automatic
        .sections
        .iter()
        .find(|m| m.section == cs)
        .unwrap()
        .parents[0]
        .similarity;
    let after = m.parents[0].similarity;
    assert!(after > 0.0 && after < 1.0, "{after}");
    assert!(
        (after - before).abs() < 0.2,
        "manual {after}, automatic {before}"
    );
    assert!(relinked.summary.added < unlinked.summary.added);
    assert!(
        relinked
            .spans
            .windows(2)
            .all(|w| w[0].range.end <= w[1].range.start)
    );
}

#[test]
fn report_command_renders_a_saved_session() {
    let dir = tempfile::tempdir().unwrap();
    let (parent, child) = copy_pair(dir.path());
    let mut session = Session::new(&parent, &child);
    session.notes.push(Note {
        section: SectionRef::of(&child, 1),
        verdict: Some(Verdict::Copied),
        text: "reviewed".into(),
    });
    let path = dir.path().join("s.ron");
    session.save(&path).unwrap();
    let before: Vec<_> = ["parent.txt", "child.txt"]
        .map(|f| std::fs::read(dir.path().join(f)).unwrap())
        .into();
    let out_path = dir.path().join("out.html");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
        .arg("report")
        .arg(&path)
        .arg("--html")
        .arg(&out_path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let html = std::fs::read_to_string(&out_path).unwrap();
    assert!(html.contains("reviewed") && html.contains("id=\"notes\""));
    // The documents read are never written.
    let after: Vec<_> = ["parent.txt", "child.txt"]
        .map(|f| std::fs::read(dir.path().join(f)).unwrap())
        .into();
    assert_eq!(before, after);

    // A damaged session: one line on standard error, exit code 1, no report.
    std::fs::write(&path, "(version: 2, parent: (pa").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
        .arg("report")
        .arg(&path)
        .arg("--html")
        .arg(dir.path().join("x.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a valid session file"));
    assert!(!dir.path().join("x.html").exists());
}
