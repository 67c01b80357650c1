//! The edits a derived document makes to its parent: paragraphs dropped, swapped, moved and
//! inserted, clauses deleted and inserted, punctuation made half-width, with the truth of
//! every character written as the child is built.

use std::collections::HashSet;
use std::ops::Range;

use policy_lineage::SpanClass;
use policy_lineage::document::normalize::{fold, is_space};

use super::terms::*;
use super::{Case, Rng, Truth};

/// How much [`derive`] changes. Rates are probabilities per paragraph, clause or occurrence.
#[derive(Debug, Clone, PartialEq)]
pub struct Edits {
    /// A parent paragraph is left out.
    pub drop_paragraph: f64,
    /// A paragraph changes places with the next one.
    pub swap_paragraphs: f64,
    /// A paragraph is moved far: a quarter of the document or more away.
    pub move_paragraph: f64,
    /// A local paragraph (from a donor) follows a paragraph.
    pub insert_paragraph: f64,
    /// A local clause (from a donor) follows a clause inside a paragraph.
    pub insert_clause: f64,
    /// A clause is deleted (a paragraph always keeps one).
    pub delete_clause: f64,
    /// An occurrence of an administrative term is localised (省政府→市政府, 甘肃→武威).
    pub substitute_term: f64,
    /// An occurrence of a year or target figure is changed (2020→2022, 100亿元→30亿元).
    pub substitute_number: f64,
    /// The child is written with half-width punctuation (drawn once per case).
    pub half_width: f64,
    /// Donor text that shares a run of this many normalised chars with the parent is never
    /// inserted (nor a donor clause that occurs whole in the parent): such text *is* parent
    /// text to any aligner, so calling it `added` would make the truth wrong. Shorter shared
    /// boilerplate is kept on purpose; it is what makes local text hard to tell apart.
    pub donor_max_shared: usize,
}

impl Default for Edits {
    fn default() -> Self {
        Self {
            drop_paragraph: 0.10,
            swap_paragraphs: 0.03,
            move_paragraph: 0.02,
            insert_paragraph: 0.08,
            insert_clause: 0.03,
            delete_clause: 0.05,
            substitute_term: 0.8,
            substitute_number: 0.5,
            half_width: 0.5,
            donor_max_shared: 10,
        }
    }
}

impl Edits {
    /// A child that stays close to its parent.
    pub fn light() -> Self {
        Self {
            drop_paragraph: 0.03,
            swap_paragraphs: 0.0,
            move_paragraph: 0.0,
            insert_paragraph: 0.03,
            insert_clause: 0.01,
            delete_clause: 0.02,
            substitute_term: 0.5,
            substitute_number: 0.3,
            half_width: 0.0,
            ..Self::default()
        }
    }

    /// A child that rewrote much of its parent.
    pub fn heavy() -> Self {
        Self {
            drop_paragraph: 0.25,
            swap_paragraphs: 0.08,
            move_paragraph: 0.06,
            insert_paragraph: 0.20,
            insert_clause: 0.08,
            delete_clause: 0.12,
            substitute_term: 0.9,
            substitute_number: 0.7,
            half_width: 1.0,
            ..Self::default()
        }
    }

    /// Reordered: many swaps and far moves.
    pub fn many_moves() -> Self {
        Self {
            swap_paragraphs: 0.10,
            move_paragraph: 0.10,
            ..Self::default()
        }
    }

    /// Every term and figure localised.
    pub fn many_substitutions() -> Self {
        Self {
            substitute_term: 1.0,
            substitute_number: 1.0,
            ..Self::light()
        }
    }
}

/// One parent line: its leading white space and its text.
pub(crate) struct Paragraph {
    indent: Range<usize>,
    body: Range<usize>,
}

/// A child paragraph, in order.
pub(crate) enum Unit {
    Parent(usize),
    Local(String),
}

/// What a child paragraph is made of.
pub(crate) enum Item {
    /// A contiguous stretch of parent text (with its replacements).
    Segment(Range<usize>),
    Local(String),
}

/// Derives a child from `parent`, inserting local text taken from `donors`, reproducibly from
/// `seed`. The name is `seed-N`; callers rename.
pub fn derive(parent: &str, donors: &[&str], seed: u64, edits: &Edits) -> Case {
    let mut rng = Rng(seed);
    let pchars: Vec<char> = parent.chars().collect();
    let paragraphs = paragraphs(&pchars);
    let replacements = plan_replacements(&pchars, &mut rng, edits);
    let pool = DonorPool::new(&pchars, donors, edits.donor_max_shared.max(1));
    let half_width = rng.chance(edits.half_width);

    let mut order: Vec<usize> = (0..paragraphs.len())
        .filter(|_| !rng.chance(edits.drop_paragraph))
        .collect();
    if order.is_empty() && !paragraphs.is_empty() {
        order.push(0);
    }
    swap_neighbours(&mut order, &mut rng, edits.swap_paragraphs);
    move_far(&mut order, &mut rng, edits.move_paragraph);

    let mut units = Vec::with_capacity(order.len());
    for &index in &order {
        units.push(Unit::Parent(index));
        if rng.chance(edits.insert_paragraph)
            && let Some(text) = pool.pick_paragraph(&mut rng)
        {
            // A local paragraph takes the indentation of the paragraph it follows.
            let indent: String = pchars[paragraphs[index].indent.clone()].iter().collect();
            units.push(Unit::Local(indent + text));
        }
    }

    let mut child = Builder {
        parent: &pchars,
        half_width,
        chars: Vec::with_capacity(pchars.len()),
        truth: Vec::with_capacity(pchars.len()),
    };
    for (n, unit) in units.iter().enumerate() {
        if n > 0 {
            child.space('\n');
        }
        match unit {
            Unit::Local(text) => child.added(text),
            Unit::Parent(index) => {
                let paragraph = &paragraphs[*index];
                for i in paragraph.indent.clone() {
                    child.space(pchars[i]);
                }
                for item in edit_clauses(&pchars, paragraph.body.clone(), &pool, &mut rng, edits) {
                    match item {
                        Item::Segment(range) => child.segment(range, &replacements),
                        Item::Local(text) => child.added(&text),
                    }
                }
            }
        }
    }
    Case {
        name: format!("seed-{seed}"),
        parent: parent.to_owned(),
        child: child.chars.into_iter().collect(),
        truth: child.truth,
    }
}

/// The non-blank lines of a text.
pub(crate) fn paragraphs(chars: &[char]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut start = 0;
    let line_ends = chars
        .iter()
        .enumerate()
        .filter(|&(_, &c)| c == '\n')
        .map(|(i, _)| i)
        .chain(std::iter::once(chars.len()));
    for end in line_ends {
        let line = start..end;
        start = end + 1;
        let Some(body_start) = line.clone().find(|&i| !is_space(chars[i])) else {
            continue;
        };
        let body_end = (body_start..line.end)
            .rfind(|&i| !is_space(chars[i]))
            .map_or(body_start, |i| i + 1);
        out.push(Paragraph {
            indent: line.start..body_start,
            body: body_start..body_end,
        });
    }
    out
}

pub(crate) fn is_clause_end(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';' | '。')
}

/// Clauses: the text up to and including each `，` / `；` / `。`, and what follows the last one.
pub(crate) fn clauses(chars: &[char], body: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = body.start;
    for i in body.clone() {
        if is_clause_end(chars[i]) {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < body.end {
        out.push(start..body.end);
    }
    out
}

/// Deletes clauses of a paragraph and inserts local ones between them.
pub(crate) fn edit_clauses(
    chars: &[char],
    body: Range<usize>,
    pool: &DonorPool,
    rng: &mut Rng,
    edits: &Edits,
) -> Vec<Item> {
    let clauses = clauses(chars, body);
    let mut keep: Vec<bool> = clauses
        .iter()
        .map(|_| clauses.len() < 2 || !rng.chance(edits.delete_clause))
        .collect();
    if !keep.contains(&true) {
        let survivor = rng.below(keep.len());
        keep[survivor] = true;
    }
    let mut items = Vec::new();
    for (k, clause) in clauses.iter().enumerate() {
        if !keep[k] {
            continue;
        }
        match items.last_mut() {
            Some(Item::Segment(range)) if range.end == clause.start => range.end = clause.end,
            _ => items.push(Item::Segment(clause.clone())),
        }
        if k + 1 < clauses.len()
            && rng.chance(edits.insert_clause)
            && let Some(text) = pool.pick_clause(rng)
        {
            items.push(Item::Local(text.to_owned()));
        }
    }
    items
}

pub(crate) fn swap_neighbours(order: &mut [usize], rng: &mut Rng, rate: f64) {
    let mut i = 0;
    while i + 1 < order.len() {
        if rng.chance(rate) {
            order.swap(i, i + 1);
            i += 2;
        } else {
            i += 1;
        }
    }
}

/// Moves paragraphs a quarter of the document or more away, as when a city puts a provincial
/// section in a different chapter.
pub(crate) fn move_far(order: &mut Vec<usize>, rng: &mut Rng, rate: f64) {
    let n = order.len();
    if n < 8 {
        return;
    }
    let moves = (0..n).filter(|_| rng.chance(rate)).count();
    for _ in 0..moves {
        let from = rng.below(n);
        let paragraph = order.remove(from);
        let targets: Vec<usize> = (0..n).filter(|&to| to.abs_diff(from) >= n / 4).collect();
        order.insert(targets[rng.below(targets.len())], paragraph);
    }
}

/// Local text for insertion: paragraphs and clauses of the donors that share no long run with
/// the parent.
pub(crate) struct DonorPool {
    paragraphs: Vec<String>,
    clauses: Vec<String>,
}

impl DonorPool {
    const MAX_CLAUSES_PER_PARAGRAPH: usize = 8;

    fn new(parent: &[char], donors: &[&str], shared: usize) -> Self {
        let (folded_parent, _) = folded(parent);
        let parent_grams: HashSet<u64> = folded_parent.windows(shared).map(gram_hash).collect();
        let parent_text: String = folded_parent.iter().collect();
        let mut pool = Self {
            paragraphs: Vec::new(),
            clauses: Vec::new(),
        };
        let mut seen = HashSet::new();
        for donor in donors {
            let chars: Vec<char> = donor.chars().collect();
            for paragraph in paragraphs(&chars) {
                let body = &chars[paragraph.body.clone()];
                let (fold_chars, origin) = folded(body);
                // Chars of the paragraph that lie in a run the parent also has.
                let mut in_parent = vec![false; body.len()];
                for (w, gram) in fold_chars.windows(shared).enumerate() {
                    if parent_grams.contains(&gram_hash(gram)) {
                        for &o in &origin[w..w + shared] {
                            in_parent[o] = true;
                        }
                    }
                }
                let mut run: Vec<&[char]> = Vec::new();
                for clause in clauses(body, 0..body.len()) {
                    let text = &body[clause.clone()];
                    let (fold_clause, _) = folded(text);
                    let usable = is_clause_end(text[text.len() - 1])
                        && (4..=60).contains(&fold_clause.len())
                        && !in_parent[clause.clone()].contains(&true)
                        && (fold_clause.len() >= shared
                            || !parent_text.contains(&fold_clause.iter().collect::<String>()));
                    if usable {
                        let text: String = text.iter().collect();
                        if seen.insert(text.clone()) {
                            pool.clauses.push(text.trim().to_owned());
                        }
                        run.push(&body[clause]);
                    }
                    if !usable || run.len() == Self::MAX_CLAUSES_PER_PARAGRAPH {
                        pool.close_paragraph(&mut run);
                    }
                }
                pool.close_paragraph(&mut run);
            }
        }
        pool
    }

    /// Makes a local paragraph of consecutive usable clauses, if they are enough text.
    fn close_paragraph(&mut self, run: &mut Vec<&[char]>) {
        let text: String = run.iter().flat_map(|c| c.iter()).collect();
        if text.chars().filter(|&c| !is_space(c)).count() >= 12 {
            self.paragraphs.push(text.trim().to_owned());
        }
        run.clear();
    }

    fn pick_paragraph(&self, rng: &mut Rng) -> Option<&str> {
        (!self.paragraphs.is_empty())
            .then(|| self.paragraphs[rng.below(self.paragraphs.len())].as_str())
    }

    fn pick_clause(&self, rng: &mut Rng) -> Option<&str> {
        (!self.clauses.is_empty()).then(|| self.clauses[rng.below(self.clauses.len())].as_str())
    }
}

/// The normalised non-white-space chars of `chars`, and for each the index it came from.
pub(crate) fn folded(chars: &[char]) -> (Vec<char>, Vec<usize>) {
    let mut out = Vec::with_capacity(chars.len());
    let mut origin = Vec::with_capacity(chars.len());
    let mut buf = Vec::with_capacity(4);
    for (i, &c) in chars.iter().enumerate() {
        if is_space(c) {
            continue;
        }
        buf.clear();
        fold(c, &mut buf);
        for &f in &buf {
            out.push(f);
            origin.push(i);
        }
    }
    (out, origin)
}

pub(crate) fn gram_hash(gram: &[char]) -> u64 {
    gram.iter().fold(0xcbf2_9ce4_8422_2325, |h, &c| {
        (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

pub(crate) fn half_width(c: char) -> char {
    match c {
        '，' => ',',
        '（' => '(',
        '）' => ')',
        '：' => ':',
        '；' => ';',
        '！' => '!',
        '？' => '?',
        _ => c,
    }
}

/// Writes the child and its truth together.
pub(crate) struct Builder<'a> {
    parent: &'a [char],
    half_width: bool,
    chars: Vec<char>,
    truth: Vec<Truth>,
}

impl Builder<'_> {
    fn push(&mut self, c: char, truth: Truth) {
        self.chars
            .push(if self.half_width { half_width(c) } else { c });
        self.truth.push(truth);
    }

    fn space(&mut self, c: char) {
        self.push(c, Truth::default());
    }

    fn added(&mut self, text: &str) {
        for c in text.chars() {
            if is_space(c) {
                self.space(c);
            } else {
                let truth = Truth {
                    class: Some(SpanClass::Added),
                    ..Truth::default()
                };
                self.push(c, truth);
            }
        }
    }

    /// Copies `segment` of the parent, applying the replacements that fall inside it.
    fn segment(&mut self, segment: Range<usize>, replacements: &[Replacement]) {
        let first = replacements.partition_point(|r| r.from.start < segment.start);
        let mut at = segment.start;
        for r in replacements[first..]
            .iter()
            .take_while(|r| r.from.end <= segment.end)
        {
            self.copy(at..r.from.start, &segment);
            for &c in &r.to {
                let truth = Truth {
                    class: Some(SpanClass::Adapted),
                    parent_char: Some(r.from.start),
                    parent_range: Some(r.from.clone()),
                };
                self.push(c, truth);
            }
            at = r.from.end;
        }
        self.copy(at..segment.end, &segment);
    }

    fn copy(&mut self, range: Range<usize>, segment: &Range<usize>) {
        for i in range {
            let c = self.parent[i];
            if is_space(c) {
                self.space(c);
            } else {
                let truth = Truth {
                    class: Some(SpanClass::Inherited),
                    parent_char: Some(i),
                    parent_range: Some(segment.clone()),
                };
                self.push(c, truth);
            }
        }
    }
}
