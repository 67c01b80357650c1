//! Generated corpora for the scale benchmarks: derived variants of the shared corpus text,
//! families of a parent and children that drop, replace and localise passages.

/// Characters per generated document.
pub const DOC_CHARS: usize = 10_000;
/// Families of a parent and its children.
pub const FAMILIES: usize = 500;

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

/// Document `i`: the first document of each family is its parent (a window of the pool);
/// the others derive from it.
pub fn generate(pool: &[char], i: usize) -> String {
    let family = i % FAMILIES;
    let mut rng = Rng::new(family as u64 + 1);
    // The parent: 50 passages of 200 characters from anywhere in the pool, so families
    // overlap only by chance.
    let parent: Vec<char> = (0..DOC_CHARS / 200)
        .flat_map(|_| window(pool, rng.below(pool.len()), 200))
        .collect();
    let mut text = String::with_capacity(DOC_CHARS * 3 + DOC_CHARS / 50);
    let mut rng = Rng::new(i as u64 + 7_777);
    let is_parent = i < FAMILIES;
    // Paragraphs of ~200 characters; a child drops 10 %, replaces 15 % with local text and
    // localises characters here and there.
    for (p, para) in parent.chunks(200).enumerate() {
        if !is_parent {
            match rng.below(100) {
                0..10 => continue,
                10..25 => {
                    let at = rng.below(pool.len());
                    text.extend(window(pool, at, 200));
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
