//! The corpus index: for every document a sample of its k-character shingles, and an
//! inverted list from shingle to documents. Sampling keeps the shingles whose hash is 0
//! modulo [`SAMPLE`]; the same shingle is kept or dropped in every document, so the share of
//! a document's sampled shingles found in another estimates how much of it the other covers.

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

use crate::document::DocumentRef;

/// Shingle length in normalised characters: long enough that stock phrases of Chinese
/// official style (各县区人民政府) do not make unrelated documents look related.
pub const K: usize = 9;
/// One shingle in `SAMPLE` is kept (by hash, so the choice is the same in every document).
pub const SAMPLE: u64 = 8;

/// Administrative level of the issuing body, higher is higher (parents are usually higher).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level {
    #[default]
    Unknown,
    County,
    City,
    Province,
    National,
}

/// What the index keeps about one document.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexedDoc {
    pub reference: DocumentRef,
    /// `name.txt` or `name.txt#3`.
    pub label: String,
    pub title: String,
    /// The issuing date as `(year, month, day)`, when one was found.
    pub date: Option<(u16, u8, u8)>,
    pub level: Level,
    /// Normalised characters.
    pub chars: usize,
    /// Hash of the whole normalised text: equal hashes are the same document saved twice.
    pub content_hash: u64,
    /// Sampled shingle hashes, sorted, unique.
    pub shingles: Vec<u64>,
}

impl IndexedDoc {
    pub fn new(
        reference: DocumentRef,
        label: String,
        title: String,
        date: Option<&str>,
        normalized: &[char],
    ) -> Self {
        let level = level_of(&title);
        Self {
            reference,
            label,
            date: date.and_then(parse_date),
            level,
            title,
            chars: normalized.len(),
            content_hash: content_hash(normalized),
            shingles: shingles(normalized),
        }
    }

    /// Indexes entry `index` (`None` for a whole file) of a decoded file.
    pub fn from_entry(
        source: &crate::document::decode::SourceFile,
        index: Option<usize>,
        entry: &crate::document::split::Entry,
    ) -> Self {
        // Measured as a document measures itself: without its 公文 frame.
        let frame = crate::document::frame::find_frame(&source.chars, entry.range.clone());
        let normalized = crate::document::normalize::normalize(&source.chars, entry.range.clone())
            .without(&frame.ranges());
        let outline = crate::document::outline::parse_outline(&source.chars, entry.range.clone());
        let reference = DocumentRef {
            path: source.path.clone(),
            index,
        };
        let label = match index {
            Some(n) => format!("{}#{n}", source.file_name()),
            None => source.file_name(),
        };
        let title = outline
            .title
            .as_ref()
            .map(|t| t.text.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| entry.title.clone());
        let date = entry
            .date
            .clone()
            .or_else(|| outline.date.as_ref().map(|d| d.text.clone()))
            .or_else(|| find_date(&normalized.chars));
        let mut indexed = Self::new(reference, label, title, date.as_deref(), &normalized.chars);
        indexed.level = issuing_level(
            outline.signature.as_ref().map(|s| s.text.as_str()),
            &source.slice(entry.range.clone()),
            &indexed.title,
        );
        indexed
    }

    pub fn from_document(doc: &crate::Document) -> Self {
        let mut indexed = Self::new(
            doc.reference(),
            doc.label(),
            doc.title.clone(),
            doc.date.as_deref(),
            &doc.normalized.chars,
        );
        indexed.level = issuing_level(
            doc.outline.signature.as_ref().map(|s| s.text.as_str()),
            &doc.slice(doc.range.clone()),
            &doc.title,
        );
        indexed
    }
}

/// The issuing body's level: from the signature (甘肃省人民政府办公厅), else from a notice line
/// naming the issuer (武威市人民政府办公室关于印发…), else from the title. The addressee line
/// (各市、自治州人民政府) names the recipients, not the issuer, so the first line alone is not
/// used.
fn issuing_level(signature: Option<&str>, text: &str, title: &str) -> Level {
    let from_signature = signature.map_or(Level::Unknown, level_of);
    if from_signature != Level::Unknown {
        return from_signature;
    }
    let notice = text
        .lines()
        .take(10)
        .map(str::trim)
        .find(|l| l.contains("关于") && !l.starts_with('各'));
    match notice.map_or(Level::Unknown, level_of) {
        Level::Unknown => level_of(title),
        level => level,
    }
}

fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser: spreads the rolling hash so sampling by modulo is uniform.
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d049bb133111eb);
    x ^ (x >> 31)
}

pub fn content_hash(chars: &[char]) -> u64 {
    chars
        .iter()
        .fold(0xcbf29ce484222325u64, |h, &c| mix(h ^ c as u64))
}

/// Sampled hashes of all `K`-character windows (rolling polynomial hash, then mixed).
pub fn shingles(chars: &[char]) -> Vec<u64> {
    let mut out: Vec<u64> = sampled_windows(chars).into_iter().map(|(_, h)| h).collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The sampled `K`-character windows in text order: `(start, hash)`.
pub fn sampled_windows(chars: &[char]) -> Vec<(usize, u64)> {
    const B: u64 = 0x100000001b3;
    if chars.len() < K {
        return Vec::new();
    }
    let top = (0..K - 1).fold(1u64, |p, _| p.wrapping_mul(B));
    let mut h = 0u64;
    let mut out = Vec::with_capacity(chars.len() / SAMPLE as usize + 1);
    for (i, &c) in chars.iter().enumerate() {
        if i >= K {
            h = h.wrapping_sub((chars[i - K] as u64).wrapping_mul(top));
        }
        h = h.wrapping_mul(B).wrapping_add(c as u64);
        if i + 1 >= K {
            let m = mix(h);
            if m.is_multiple_of(SAMPLE) {
                out.push((i + 1 - K, m));
            }
        }
    }
    out
}

/// The level named by the start of a title or issuer line: the earliest of 国务院/省/市/县….
pub fn level_of(title: &str) -> Level {
    let head: String = title.chars().take(40).collect();
    let head = head.split("关于").next().unwrap_or(&head);
    let marks: [(&str, Level); 9] = [
        ("国务院", Level::National),
        ("国家", Level::National),
        ("中共中央", Level::National),
        ("自治区", Level::Province),
        ("省", Level::Province),
        ("市", Level::City),
        ("自治州", Level::City),
        ("县", Level::County),
        ("区", Level::County),
    ];
    marks
        .iter()
        .filter_map(|(m, l)| head.find(m).map(|at| (at, *l)))
        .min_by_key(|&(at, l)| (at, std::cmp::Reverse(l)))
        .map_or(Level::Unknown, |(_, l)| l)
}

/// The first `YYYY年M月D日` in the head of a document (the covering notice's date), else in
/// its tail (the signature's).
fn find_date(chars: &[char]) -> Option<String> {
    let scan = |from: usize, to: usize| -> Option<String> {
        let text: String = chars[from..to].iter().collect();
        let mut rest = text.as_str();
        while let Some(at) = rest.find('年') {
            let year: String = rest[..at]
                .chars()
                .rev()
                .take(4)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let tail: String = rest[at..].chars().take(7).collect();
            if year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) && tail.contains('月') {
                let end = tail.find('日').map_or(tail.len(), |e| e + '日'.len_utf8());
                return Some(format!("{year}{}", &tail[..end]));
            }
            rest = &rest[at + '年'.len_utf8()..];
        }
        None
    };
    let n = chars.len();
    scan(0, n.min(600)).or_else(|| scan(n.saturating_sub(300), n))
}

/// `2018年12月20日`, `2018-05-29`, `2018.5.29` → `(2018, 12, 20)`.
pub fn parse_date(s: &str) -> Option<(u16, u8, u8)> {
    let nums: Vec<u32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .filter_map(|p| p.parse().ok())
        .collect();
    let y = *nums.first()?;
    if !(1949..=2100).contains(&y) {
        return None;
    }
    let m = nums.get(1).copied().unwrap_or(0).min(12);
    let d = nums.get(2).copied().unwrap_or(0).min(31);
    Some((y as u16, m as u8, d as u8))
}

/// The inverted lists: for each sampled shingle, the documents holding it, in corpus order.
/// All lists lie end to end in one array (a list per shingle would be an allocation each).
#[derive(Debug, Clone, Default)]
pub struct Postings {
    // Keys are hashes already: a fast hasher is enough, and ranking looks up every shared one.
    slots: FxHashMap<u64, u32>,
    /// List `k` is `holders[starts[k]..starts[k + 1]]`.
    starts: Vec<u32>,
    holders: Vec<u32>,
    /// For each document, its shingles whose lists are not counted in what documents share
    /// (see [`super::stock::counted`]), sorted: few, so [`Postings::common`] counts every
    /// shingle two documents share and takes these off, probing nothing per shingle.
    uncounted: Vec<Vec<u64>>,
    common: PairMemo<u32>,
    explained: PairMemo<bool>,
}

/// What was found about pairs of documents, remembered: ranking every document of a family
/// asks about the same pairs of its members again and again.
#[derive(Debug, Default)]
struct PairMemo<T>(std::sync::Mutex<FxHashMap<(u32, u32), T>>);

/// Pairs remembered before a memo starts afresh (some 60 MB).
const MEMO_PAIRS: usize = 1 << 22;

impl<T> Clone for PairMemo<T> {
    fn clone(&self) -> Self {
        Self(Default::default())
    }
}

impl<T: Copy> PairMemo<T> {
    /// What is remembered of the pair `a`, `b` (either way round), else `find`'s answer,
    /// remembered.
    fn get_or(&self, a: usize, b: usize, find: impl FnOnce() -> T) -> T {
        let key = (a.min(b) as u32, a.max(b) as u32);
        // A poisoned memo only lost what it remembered.
        let lock = || self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&found) = lock().get(&key) {
            return found;
        }
        let found = find();
        let mut memo = lock();
        if memo.len() >= MEMO_PAIRS {
            memo.clear();
        }
        memo.insert(key, found);
        found
    }
}

impl Postings {
    pub fn build(docs: &[IndexedDoc]) -> Self {
        let mut slots: FxHashMap<u64, u32> = FxHashMap::default();
        let mut lengths: Vec<u32> = Vec::new();
        // Each shingle's slot in corpus order, so the second pass looks nothing up.
        let mut occurrences: Vec<u32> =
            Vec::with_capacity(docs.iter().map(|d| d.shingles.len()).sum());
        for &s in docs.iter().flat_map(|d| &d.shingles) {
            let next = lengths.len() as u32;
            let slot = *slots.entry(s).or_insert(next);
            if slot == next {
                lengths.push(0);
            }
            lengths[slot as usize] += 1;
            occurrences.push(slot);
        }
        let mut starts = Vec::with_capacity(lengths.len() + 1);
        let mut total = 0u32;
        starts.push(0);
        for n in &lengths {
            total += n;
            starts.push(total);
        }
        let mut fill: Vec<u32> = starts[..lengths.len()].to_vec();
        let mut holders = vec![0u32; total as usize];
        let mut occurrence = occurrences.into_iter();
        for (i, d) in docs.iter().enumerate() {
            for slot in occurrence.by_ref().take(d.shingles.len()) {
                let at = &mut fill[slot as usize];
                holders[*at as usize] = i as u32;
                *at += 1;
            }
        }
        let mut postings = Self {
            slots,
            starts,
            holders,
            uncounted: Vec::new(),
            common: PairMemo::default(),
            explained: PairMemo::default(),
        };
        postings.uncounted = docs
            .iter()
            .map(|d| {
                d.shingles
                    .iter()
                    .copied()
                    .filter(|&s| !super::stock::counted(postings.holders(s)))
                    .collect()
            })
            .collect();
        postings
    }

    fn list(&self, slot: u32) -> &[u32] {
        let k = slot as usize;
        &self.holders[self.starts[k] as usize..self.starts[k + 1] as usize]
    }

    /// Every sampled shingle with the documents holding it, in no particular order.
    pub fn lists(&self) -> impl Iterator<Item = (u64, &[u32])> {
        self.slots.iter().map(|(&s, &slot)| (s, self.list(slot)))
    }

    /// The documents holding a sampled shingle.
    pub fn holders(&self, shingle: u64) -> &[u32] {
        self.slots
            .get(&shingle)
            .map_or(&[], |&slot| self.list(slot))
    }

    /// For each document, how many of `shingles` it holds (ubiquitous ones not counted, see
    /// [`super::stock::UBIQUITOUS`]), and how many of those outside stock wording (shingles
    /// held by at least `stock_min` documents besides `itself`).
    pub fn shared_counts(
        &self,
        shingles: &[u64],
        n_docs: usize,
        itself: Option<usize>,
        stock_min: usize,
    ) -> (Vec<u32>, Vec<u32>) {
        let mut shared = vec![0u32; n_docs];
        let mut distinctive = vec![0u32; n_docs];
        for s in shingles {
            let list = self.holders(*s);
            if list.is_empty() || !super::stock::counted(list) {
                continue;
            }
            let stock = super::stock::is_stock(list, itself, stock_min);
            for &d in list {
                shared[d as usize] += 1;
                if !stock {
                    distinctive[d as usize] += 1;
                }
            }
        }
        (shared, distinctive)
    }

    /// How many sampled shingles the corpus documents `a` and `b` (positions, with their
    /// sorted, unique shingles) share, counted as [`Postings::shared_counts`] counts them.
    pub fn common(
        &self,
        (a, a_shingles): (usize, &[u64]),
        (b, b_shingles): (usize, &[u64]),
    ) -> u32 {
        self.common.get_or(a, b, || {
            let uncounted = |d: usize| self.uncounted.get(d).map_or(&[][..], Vec::as_slice);
            (intersection(a_shingles, b_shingles) - intersection(uncounted(a), uncounted(b))) as u32
        })
    }

    /// Whether the wording corpus documents `a` and `b` share is explained by a third
    /// ([`super::sources::explained`], `decide`), remembered: the question and its answer
    /// are the same whichever of the two is ranked.
    pub fn explained(&self, a: usize, b: usize, decide: impl FnOnce() -> bool) -> bool {
        self.explained.get_or(a, b, decide)
    }
}

/// How many values two sorted, unique lists share. Without a branch on the comparison: on
/// shingle hashes it would go either way at random and miss half the time.
pub(crate) fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        n += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_dates() {
        assert_eq!(level_of("甘肃省人民政府办公厅关于印发"), Level::Province);
        assert_eq!(level_of("武威市人民政府办公室关于印发"), Level::City);
        assert_eq!(
            level_of("国务院关于印发新一代人工智能发展规划的通知"),
            Level::National
        );
        assert_eq!(level_of("宁夏回族自治区人民政府"), Level::Province);
        assert_eq!(level_of("plain"), Level::Unknown);
        assert_eq!(parse_date("2018年12月20日"), Some((2018, 12, 20)));
        assert_eq!(parse_date("2018-05-29"), Some((2018, 5, 29)));
        assert_eq!(parse_date("无"), None);
        let text: Vec<char> = "通知武政办发〔2018〕250号各县2018年12月20日武威"
            .chars()
            .collect();
        assert_eq!(find_date(&text).as_deref(), Some("2018年12月20日"));
    }

    #[test]
    fn the_addressee_line_does_not_name_the_issuer() {
        let text = "各市、自治州人民政府，省政府各部门：\n现印发给你们。";
        assert_eq!(
            issuing_level(Some("甘肃省人民政府办公厅"), text, "方案"),
            Level::Province
        );
        assert_eq!(issuing_level(None, text, "甘肃省实施方案"), Level::Province);
        let notice = "武威市人民政府办公室关于印发方案的通知\n各县、区人民政府：";
        assert_eq!(issuing_level(None, notice, "方案"), Level::City);
    }

    #[test]
    fn shingles_are_shared_by_shared_text() {
        let a: Vec<char> = "加快推进新一代人工智能产业发展，培育智能经济新动能，建设智能社会。"
            .repeat(3)
            .chars()
            .collect();
        let sa = shingles(&a);
        assert!(!sa.is_empty());
        assert_eq!(sa, shingles(&a));
        assert!(shingles(&a[..5]).is_empty());
    }

    #[test]
    fn ubiquitous_shingles_are_not_counted_between_documents() {
        use crate::corpus::stock::UBIQUITOUS;
        let docs: Vec<IndexedDoc> = (0..UBIQUITOUS as u64 + 2)
            .map(|i| {
                let mut d = IndexedDoc::new(
                    DocumentRef {
                        path: format!("d{i}").into(),
                        index: None,
                    },
                    format!("d{i}"),
                    String::new(),
                    None,
                    &[],
                );
                // Shingle 1 is in every document, 2 and 7 only in the first two.
                d.shingles = if i < 2 {
                    vec![1, 2, 7]
                } else {
                    vec![1, 100 + i]
                };
                d
            })
            .collect();
        let postings = Postings::build(&docs);
        let (shared, distinctive) = postings.shared_counts(&[1, 2, 7], docs.len(), Some(0), 4);
        assert_eq!((shared[1], distinctive[1]), (2, 2));
        assert_eq!(shared[5], 0);
        let doc = |i: usize| (i, docs[i].shingles.as_slice());
        assert_eq!(postings.common(doc(0), doc(1)), 2);
        assert_eq!(
            postings.common(doc(1), doc(0)),
            2,
            "remembered either way round"
        );
        assert_eq!(postings.common(doc(0), doc(9)), 0);
        // Every pair shares what the inverted lists count for one of the two.
        for a in 0..docs.len() {
            let (counts, _) = postings.shared_counts(&docs[a].shingles, docs.len(), None, 0);
            for (b, &n) in counts.iter().enumerate().filter(|&(b, _)| b != a) {
                assert_eq!(postings.common(doc(a), doc(b)), n, "{a}, {b}");
            }
        }
        assert_eq!(postings.holders(1).len(), UBIQUITOUS + 2, "still listed");
    }
}
