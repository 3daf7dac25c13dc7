//! Diff benchmark (`cargo bench --bench diff`): two versions of an outline
//! of N items (default 10 000: 100 sections 一、… of 99 subsections （一）…),
//! the second with sections inserted (and every later one renumbered),
//! sections deleted, headings reworded and one subsection moved; prints the
//! time `tigang::diff` takes (median of 7), and the changes it found.
//!
//! Usage: `cargo bench --bench diff -- [--sections N]`.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;

/// A small deterministic generator (xorshift), so every run compares the
/// same outlines.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A heading of 6–13 common CJK characters.
    fn title(&mut self) -> String {
        let len = 6 + self.next() % 8;
        (0..len)
            .map(|_| char::from_u32(0x4E00 + u32::try_from(self.next() % 6000).unwrap_or(0)).unwrap_or('一'))
            .collect()
    }
}

fn cjk(n: usize) -> String {
    let n = u32::try_from(n).unwrap_or(0);
    tigang::grammar::numeral::render(tigang::profile::NumeralKind::Cjk, n).unwrap_or_else(|| n.to_string())
}

/// The text of an outline: sections of subsections, each with its title.
fn write(sections: &[(String, Vec<String>)]) -> String {
    let mut text = String::new();
    for (s, (title, subs)) in sections.iter().enumerate() {
        let _ = writeln!(text, "{}、{title}", cjk(s + 1));
        for (k, sub) in subs.iter().enumerate() {
            let _ = writeln!(text, "（{}）{sub}。", cjk(k + 1));
        }
    }
    text
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let sections = args
        .iter()
        .position(|a| a == "--sections")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(100usize);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let old: Vec<(String, Vec<String>)> =
        (0..sections).map(|_| (rng.title(), (0..99).map(|_| rng.title()).collect())).collect();
    let mut new = old.clone();
    // A writer's revision: 5 sections inserted, 5 deleted, 5 % of the
    // subsections reworded by one character, one subsection moved.
    for k in 0..5 {
        let at = (k * 17 + 3) % new.len();
        new.insert(at, (rng.title(), (0..10).map(|_| rng.title()).collect()));
    }
    for k in 0..5 {
        let at = (k * 23 + 11) % new.len();
        new.remove(at);
    }
    for (_, subs) in &mut new {
        for sub in subs.iter_mut() {
            if rng.next().is_multiple_of(20) {
                let mut chars: Vec<char> = sub.chars().collect();
                let middle = chars.len() / 2;
                chars[middle] = '鼐';
                *sub = chars.into_iter().collect();
            }
        }
    }
    let moved = new[1].1.remove(0);
    new[2].1.push(moved);
    let (old_text, new_text) = (write(&old), write(&new));
    if let Some(dir) = std::env::var_os("TIGANG_DIFF_DUMP") {
        // The two versions, to look at them with `tigang diff`.
        let dir = std::path::Path::new(&dir);
        let _ = std::fs::write(dir.join("old.txt"), &old_text);
        let _ = std::fs::write(dir.join("new.txt"), &new_text);
    }
    let (a, b) = (tigang::parse(&old_text), tigang::parse(&new_text));
    let count = |o: &tigang::Outline<'_>| o.items().count();
    let mut times = Vec::new();
    let mut diff = tigang::diff(&a, &b);
    for _ in 0..7 {
        let start = Instant::now();
        diff = black_box(tigang::diff(black_box(&a), black_box(&b)));
        times.push(start.elapsed());
    }
    times.sort();
    let s = &diff.summary;
    println!(
        "diff of {} → {} items: {:.1} ms (median of 7; min {:.1} ms)",
        count(&a),
        count(&b),
        times[3].as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3
    );
    println!(
        "found: {} added, {} removed, {} renumbered, {} retitled, {} moved",
        s.added, s.removed, s.renumbered, s.retitled, s.moved
    );
}
