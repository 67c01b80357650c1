//! Generated corpora for the scale benchmarks: families of a parent and children that drop,
//! replace and localise its passages. A family's wording is its own (pieces of the shared
//! corpus text recombined at random), so however many documents are generated a passage is
//! held by its family, and only the stock phrases every plan repeats are held corpus-wide.

/// Characters per generated document.
pub const DOC_CHARS: usize = 10_000;
/// Documents per family: a parent and its children.
pub const FAMILY: usize = 5;
/// Stock phrases (openings and safeguards every plan repeats), shared by all families.
const STOCK_PHRASES: usize = 500;
/// Characters per stock phrase.
const STOCK_CHARS: usize = 24;

/// A small deterministic generator (xorshift), so every run indexes the same documents.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // splitmix64 of the seed: nearby seeds must not give correlated streams.
        let mut z = seed.wrapping_add(0x9e3779b97f4a7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        Self((z ^ (z >> 31)) | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The text pool: every character of the shared corpus documents, white space dropped.
pub fn pool() -> Vec<char> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/corpus")
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .flat_map(|t| t.chars().filter(|c| !c.is_whitespace()).collect::<Vec<_>>())
        .collect()
}

fn window(pool: &[char], start: usize, len: usize) -> impl Iterator<Item = char> + '_ {
    (0..len).map(move |k| pool[(start + k) % pool.len()])
}

/// A paragraph of `len` characters: two-character pieces drawn from anywhere in the pool, so
/// its 9-character shingles are its own, and three in ten open with a stock phrase.
fn paragraph(pool: &[char], rng: &mut Rng, len: usize) -> Vec<char> {
    let mut text = Vec::with_capacity(len + 1);
    if rng.below(10) < 3 {
        let phrase = rng.below(STOCK_PHRASES);
        text.extend(window(
            pool,
            phrase * (pool.len() / STOCK_PHRASES),
            STOCK_CHARS,
        ));
    }
    while text.len() < len {
        text.extend(window(pool, rng.below(pool.len()), 2));
    }
    text.truncate(len);
    text
}

/// Document `i`: the first document of each family of `FAMILY` is its parent; the others
/// derive from it.
pub fn generate(pool: &[char], i: usize) -> String {
    let family = i / FAMILY;
    let mut rng = Rng::new(family as u64 + 1);
    let parent: Vec<Vec<char>> = (0..DOC_CHARS / 200)
        .map(|_| paragraph(pool, &mut rng, 200))
        .collect();
    // A heading every ten paragraphs, kept by every child, so documents have sections.
    let headings: Vec<String> = (0..parent.len().div_ceil(10))
        .map(|h| {
            let mut heading: String = "一二三四五六七八九十"
                .chars()
                .nth(h % 10)
                .into_iter()
                .collect();
            heading.push('、');
            heading.extend(paragraph(pool, &mut rng, 12));
            heading
        })
        .collect();
    let mut text = String::with_capacity(DOC_CHARS * 3 + DOC_CHARS / 50);
    let mut rng = Rng::new(i as u64 + 7_777);
    let is_parent = i.is_multiple_of(FAMILY);
    // Paragraphs of 200 characters; a child drops 10 %, replaces 15 % with local text and
    // localises characters here and there.
    for (p, para) in parent.iter().enumerate() {
        if p.is_multiple_of(10) {
            text.push_str(&headings[p / 10]);
            text.push('\n');
        }
        if !is_parent {
            match rng.below(100) {
                0..10 => continue,
                10..25 => {
                    text.extend(paragraph(pool, &mut rng, 200));
                    text.push('\n');
                    continue;
                }
                _ => {}
            }
        }
        for (k, &c) in para.iter().enumerate() {
            if !is_parent && (p * 200 + k) % 97 == (i % 97) {
                text.push('市');
            } else {
                text.push(c);
            }
        }
        text.push('\n');
    }
    text
}

/// Peak resident memory of this process (VmHWM), in MB.
pub fn vm_hwm_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}
