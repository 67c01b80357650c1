//! What the readers notice about a file's text reaches the user from every command that opens
//! documents, not only `compare`: also the corpus commands, which read files into an index.

use std::path::Path;
use std::process::Command;

use super::formats_writers::{PdfFont, PdfLayout, pdf};

fn unchanged(c: char) -> char {
    c
}

#[test]
fn every_command_prints_the_share_a_pdf_could_not_read_once() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let text = std::fs::read_to_string(corpus.join("wuwei-2018-ai-plan.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mixed = dir.path().join("mixed.pdf");
    let layout = PdfLayout {
        map: unchanged,
        two_column_page: None,
        header: None,
        font: PdfFont::UnmappedEvenPages,
    };
    std::fs::write(&mixed, pdf(&text, &layout)).unwrap();
    let mixed = mixed.to_str().unwrap();
    let gansu = dir.path().join("gansu-2018-ai-plan.txt");
    std::fs::copy(corpus.join("gansu-2018-ai-plan.txt"), &gansu).unwrap();
    let (gansu, folder) = (gansu.to_str().unwrap(), dir.path().to_str().unwrap());
    let data = tempfile::tempdir().unwrap();
    let out_dir = data.path().join("tables");
    let out_dir = out_dir.to_str().unwrap();
    for args in [
        vec!["split", mixed],
        vec!["trace", mixed, gansu],
        vec!["sources", gansu, folder],
        vec!["matrix", folder, "--json"],
        vec!["corpus", folder, "--out", out_dir],
        // Read from the index the run left: the warning was kept with the file.
        vec!["search", folder, "人工智能"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
            .args(&args)
            .env("POLICY_LINEAGE_DATA_DIR", data.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        let warnings: Vec<&str> = stderr
            .lines()
            .filter(|l| l.starts_with("policy-lineage: warning: "))
            .collect();
        assert_eq!(warnings.len(), 1, "{args:?}: {stderr}");
        assert!(
            warnings[0].contains("mixed.pdf") && warnings[0].contains("could not be read"),
            "{args:?}: {stderr}"
        );
    }
}
