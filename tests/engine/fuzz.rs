//! Mutation fuzzing in `cargo test`: the corpus files, damaged the way real files get damaged
//! (bytes flipped, runs inserted, deleted, duplicated, the file cut short), go through decoding,
//! splitting, the outline parser and the aligner. Nothing may panic, and what comes out must
//! still be well-formed. A fixed number of cases keeps it fast and reproducible per seed.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use policy_lineage::Document;
use proptest::prelude::*;

const SEEDS: &[&str] = &[
    "gansu-2018-ai-plan.txt",
    "wuwei-2018-ai-plan.txt",
    "changchun-2021-ai-opinions.txt",
    "zhongshan-2019-ai-action-plan-draft.txt",
    "provincial-policies-2018-scraped.txt",
];

/// The seed files' bytes, read once.
fn seeds() -> &'static [Vec<u8>] {
    static SEEDS_BYTES: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    SEEDS_BYTES.get_or_init(|| {
        SEEDS
            .iter()
            .map(|name| {
                std::fs::read(
                    Path::new(env!("CARGO_MANIFEST_DIR"))
                        .join("tests/corpus")
                        .join(name),
                )
                .unwrap()
            })
            .collect()
    })
}

/// One damage to a file, at positions given as fractions of its length.
#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: f64, bits: u8 },
    Insert { at: f64, bytes: Vec<u8> },
    Delete { at: f64, len: usize },
    Duplicate { at: f64, len: usize, times: usize },
    Truncate { at: f64 },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let at = 0.0..1.0f64;
    let interesting = prop_oneof![
        proptest::collection::vec(any::<u8>(), 1..8),
        Just(b"\xef\xbb\xbf".to_vec()),
        Just(b"\x00".to_vec()),
        Just("\u{202e}".as_bytes().to_vec()),
        Just("\n一、".as_bytes().to_vec()),
        Just("（一）".as_bytes().to_vec()),
        Just("第三章".as_bytes().to_vec()),
        Just("<html><body>".as_bytes().to_vec()),
        Just(
            "\n\n甘肃省人民政府关于印发的通知\n2018年12月29日\n"
                .as_bytes()
                .to_vec()
        ),
    ];
    prop_oneof![
        (at.clone(), 1..=255u8).prop_map(|(at, bits)| Mutation::Flip { at, bits }),
        (at.clone(), interesting).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (at.clone(), 1..2000usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (at.clone(), 1..3000usize, 1..40usize).prop_map(|(at, len, times)| Mutation::Duplicate {
            at,
            len,
            times
        }),
        at.prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let pos = |at: f64, len: usize| ((at * len as f64) as usize).min(len);
    match m {
        Mutation::Flip { at, bits } => {
            if !bytes.is_empty() {
                let i = pos(*at, bytes.len() - 1);
                bytes[i] ^= bits;
            }
        }
        Mutation::Insert { at, bytes: new } => {
            let i = pos(*at, bytes.len());
            bytes.splice(i..i, new.iter().copied());
        }
        Mutation::Delete { at, len } => {
            let i = pos(*at, bytes.len());
            let end = (i + len).min(bytes.len());
            bytes.drain(i..end);
        }
        Mutation::Duplicate { at, len, times } => {
            let i = pos(*at, bytes.len());
            let end = (i + len).min(bytes.len());
            let run = bytes[i..end].to_vec();
            for _ in 0..*times {
                bytes.splice(end..end, run.iter().copied());
            }
        }
        Mutation::Truncate { at } => {
            let i = pos(*at, bytes.len());
            bytes.truncate(i);
        }
    }
}

/// A damaged copy of seed file `seed`.
fn damaged() -> impl Strategy<Value = (usize, Vec<Mutation>)> {
    (0..SEEDS.len(), proptest::collection::vec(mutation(), 1..6))
}

fn damage(seed: usize, mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = seeds()[seed].clone();
    for m in mutations {
        apply(&mut bytes, m);
    }
    bytes
}

fn within(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    inner.start <= inner.end && outer.start <= inner.start && inner.end <= outer.end
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 96,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn damaged_files_decode_split_and_parse_or_are_refused((seed, mutations) in damaged()) {
        let bytes = damage(seed, &mutations);
        let Ok(source) = policy_lineage::document::decode::decode_bytes(Path::new("f.txt"), &bytes)
        else {
            return Ok(());
        };
        prop_assert_eq!(source.chars.len(), source.text.chars().count());
        let all = 0..source.chars.len();
        let entries = policy_lineage::document::split::split_entries(&source);
        let mut last = 0;
        for entry in &entries {
            prop_assert!(within(&entry.range, &all));
            prop_assert!(entry.range.start >= last);
            last = entry.range.end;
            let outline =
                policy_lineage::document::outline::parse_outline(&source.chars, entry.range.clone());
            for section in &outline.sections {
                prop_assert!(within(&section.heading, &entry.range));
            }
        }
        let source = Arc::new(source);
        for index in 1..=entries.len().min(3) {
            let which = (entries.len() > 1).then_some(index);
            if let Ok(doc) = Document::from_source(source.clone(), which) {
                prop_assert!(within(&doc.range, &all));
            }
        }
    }

    #[test]
    fn damaged_documents_align_against_their_original((seed, mutations) in damaged()) {
        let original = Document::from_text("p.txt", &String::from_utf8_lossy(&seeds()[seed]));
        let bytes = damage(seed, &mutations);
        let child = Document::from_text("c.txt", &String::from_utf8_lossy(&bytes));
        let (Ok(parent), Ok(child)) = (original, child) else {
            return Ok(());
        };
        let comparison = policy_lineage::compare::compare(&parent, &child);
        prop_assert!(!comparison.timed_out);
        let mut last = child.range.start;
        for span in &comparison.spans {
            prop_assert!(span.range.start >= last && span.range.start < span.range.end);
            prop_assert!(span.range.end <= child.chars().len());
            last = span.range.end;
            if let Some(source) = &span.parent {
                prop_assert!(source.end <= parent.chars().len());
            }
        }
        let s = &comparison.summary;
        prop_assert!((s.inherited + s.adapted + s.added - 1.0).abs() < 1e-6
            || child.content_chars() == 0);
    }
}
