//! The profiles' `examples:` and `not:` lists are executable: every example
//! parses as a marker of its family, and no `not:` entry does. And every
//! production of grammar/markers.ebnf is named in the grammar's source.

use tigang::Profile;
use tigang::grammar::Grammar;

/// The built-ins and the user profile the README shows.
fn profiles() -> Vec<Profile> {
    let mut all: Vec<Profile> =
        Profile::built_in_names().map(|n| Profile::built_in(n).expect("built-in profile parses")).collect();
    let example = include_str!("../examples/company-rules.yaml");
    all.push(Profile::from_yaml("examples/company-rules.yaml", example).expect("example profile parses"));
    all
}

#[test]
fn examples_parse_as_their_family() {
    for profile in profiles() {
        let g = Grammar::new(profile.clone());
        for (i, f) in profile.families.iter().enumerate() {
            assert!(!f.examples.is_empty(), "{}: family {} has no examples", profile.name, f.id);
            for ex in &f.examples {
                let m = g.family_at(i, ex);
                assert!(m.is_some(), "{}: {:?} should parse as {}", profile.name, ex, f.id);
            }
        }
    }
}

#[test]
fn non_examples_do_not_parse_as_their_family() {
    for profile in profiles() {
        let g = Grammar::new(profile.clone());
        for (i, f) in profile.families.iter().enumerate() {
            for not in &f.not {
                let m = g.family_at(i, not);
                // A range (一、二季度) is recognised but marked weak: it is never
                // an item unless it continues a sequence.
                let believed = m.is_some_and(|m| !m.weak);
                assert!(!believed, "{}: {:?} must not parse as {}: {m:?}", profile.name, not, f.id);
            }
        }
    }
}

/// The productions of grammar/markers.ebnf, comments removed: each name
/// with the names its right-hand side uses (literals and character classes
/// dropped), in order.
fn productions() -> Vec<(String, Vec<String>)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let ebnf = std::fs::read_to_string(format!("{root}/grammar/markers.ebnf")).expect("markers.ebnf");
    let mut text = String::new();
    let mut rest = ebnf.as_str();
    while let Some(open) = rest.find("(*") {
        text.push_str(&rest[..open]);
        rest = rest[open..].split_once("*)").map_or("", |(_, after)| after);
    }
    text.push_str(rest);
    let mut out: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        match line.split_once("::=") {
            Some((name, rhs)) => out.push((name.trim().to_string(), rhs.to_string())),
            None => {
                if let Some(last) = out.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(line);
                }
            }
        }
    }
    out.into_iter()
        .map(|(name, rhs)| {
            // Drop literals and classes, keep the names.
            let mut words = String::new();
            let (mut quoted, mut class) = (false, false);
            for c in rhs.chars() {
                match c {
                    '"' if !class => quoted = !quoted,
                    '[' if !quoted => class = true,
                    ']' if !quoted => class = false,
                    c if !quoted && !class && (c.is_ascii_lowercase() || c == '-') => words.push(c),
                    _ => words.push(' '),
                }
            }
            (name, words.split_whitespace().map(str::to_string).collect())
        })
        .collect()
}

/// The parsers a Rust function body uses: identifiers called (`name(`),
/// passed as values (`alt((name, …))`), or, in their plural form, called or
/// used through `.parse(` (`spaces(i)`, `numerals.parse(…)`); not field
/// accesses (`f.suffix`), module paths (`numeral::cjk`) nor names a `let`
/// binds. Comments are removed.
fn identifiers(body: &str) -> std::collections::BTreeSet<String> {
    let code: String = body.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let bytes = code.as_bytes();
    let mut out = std::collections::BTreeSet::new();
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at].is_ascii_alphabetic() || bytes[at] == b'_' {
            let start = at;
            while at < bytes.len() && (bytes[at].is_ascii_alphanumeric() || bytes[at] == b'_') {
                at += 1;
            }
            let field = start > 0 && bytes[start - 1] == b'.';
            let after = code[at..].trim_start();
            let bound = code[..start].trim_end().ends_with("let");
            let used = after.starts_with('(') || after.starts_with(".parse(") || after.starts_with([',', ')']);
            if !field && !bound && used && !after.starts_with("::") {
                out.insert(code[start..at].to_string());
            }
        } else {
            at += 1;
        }
    }
    out
}

/// The body of the top-level `fn name` in `source`, up to its closing brace.
fn function<'s>(source: &'s str, name: &str) -> Option<&'s str> {
    let start = ["fn ", "pub fn ", "pub(super) fn ", "pub(crate) fn "]
        .iter()
        .find_map(|p| source.find(&format!("\n{p}{name}<")).or_else(|| source.find(&format!("\n{p}{name}("))))?;
    let end = source[start..].find("\n}\n").map_or(source.len(), |k| start + k);
    // The body only: a parameter (numerals: &Numerals) uses nothing.
    let open = source[start..end].find(" {\n").map_or(start, |k| start + k);
    Some(&source[open..end])
}

#[test]
fn ebnf_productions_are_parsers_built_from_their_parts() {
    let root = env!("CARGO_MANIFEST_DIR");
    let source = std::fs::read_to_string(format!("{root}/src/grammar/marker.rs")).expect("grammar source");
    let productions = productions();
    let names: Vec<&str> = productions.iter().map(|(n, _)| n.as_str()).collect();
    assert!(names.len() > 20, "markers.ebnf has productions: {names:?}");
    for (name, uses) in &productions {
        let snake = name.replace('-', "_");
        let body = function(&source, &snake)
            .unwrap_or_else(|| panic!("production `{name}` of markers.ebnf has no parser `fn {snake}`"));
        let used = identifiers(body);
        for part in uses.iter().filter(|u| names.contains(&u.as_str())) {
            let part = part.replace('-', "_");
            // A repetition (space*) may be its own parser (spaces).
            assert!(
                used.contains(&part) || used.contains(&format!("{part}s")),
                "`{snake}` does not use the parser of `{part}`, which its production names"
            );
        }
    }
}

/// The rows of the marker catalogue (grammar/catalogue.md, a copy of
/// MARKERS.md §2): number, and the examples of its Examples column.
fn catalogue() -> Vec<(String, Vec<String>)> {
    let root = env!("CARGO_MANIFEST_DIR");
    let text = std::fs::read_to_string(format!("{root}/grammar/catalogue.md")).expect("catalogue.md");
    text.lines()
        .filter(|l| l.starts_with("| F"))
        .map(|l| {
            let cells: Vec<&str> = l.split(" | ").collect();
            let number = cells[0].trim_start_matches("| ").trim().to_string();
            // The Examples column: the backquoted spans of the seventh cell,
            // with the text an ellipsis stands for written out.
            let examples = cells
                .get(6)
                .map_or(Vec::new(), |c| c.split('`').skip(1).step_by(2).map(|e| e.replace('…', "做好")).collect());
            (number, examples)
        })
        .collect()
}

/// Rows that are not outline items by the gold conventions (一方面 pairs,
/// ——dash paragraphs, bullets) and rows the frame handles as labels.
const NOT_ITEMS: [&str; 3] = ["F17", "F18", "F19"];
const FRAME_LABELS: [&str; 3] = ["F21", "F22", "F23"];

#[test]
fn catalogue_is_covered() {
    let rows = catalogue();
    assert_eq!(rows.len(), 23, "grammar/catalogue.md lists F1–F23");
    let profiles: Vec<Profile> =
        Profile::built_in_names().map(|n| Profile::built_in(n).expect("built-in profile parses")).collect();
    let mut covered = Vec::new();
    for (number, examples) in &rows {
        if NOT_ITEMS.contains(&number.as_str()) || FRAME_LABELS.contains(&number.as_str()) {
            continue;
        }
        let mut implemented = false;
        for profile in &profiles {
            let g = Grammar::new(profile.clone());
            let families: Vec<usize> = (0..profile.families.len())
                .filter(|&i| profile.families[i].catalogue.iter().any(|f| f == number))
                .collect();
            if families.is_empty() {
                continue;
            }
            implemented = true;
            // Each example parses as one of the row's families, at its start
            // or after the colon that announces it (主要有：①…).
            for ex in examples {
                let start = ex.find(['：', ':']).map_or(ex.as_str(), |k| &ex[k + '：'.len_utf8().min(ex.len() - k)..]);
                let parses = |s: &str| families.iter().any(|&i| g.family_at(i, s).is_some());
                assert!(
                    parses(ex) || parses(start),
                    "{number} example {ex:?} parses as none of {:?} in profile {}",
                    families.iter().map(|&i| g.family_id(i)).collect::<Vec<_>>(),
                    profile.name
                );
            }
        }
        assert!(implemented, "catalogue row {number} is implemented by no family of a built-in profile");
        covered.push(number.clone());
    }
    println!("catalogue rows covered by families: {}", covered.join(" "));
    assert_eq!(covered.len(), 17, "F1–F16 and F20");
}

#[test]
fn catalogue_frame_labels_are_in_the_lexicon() {
    let lexicon = &Profile::built_in("speech").expect("speech").lexicon;
    // F22 附件 and F23 salutations; F21's Taiwan labels (主旨, 說明) are
    // the `taiwan` profile's concern.
    assert!(lexicon.attachments.labels.iter().any(|w| w == "附件"), "F22: 附件 is an attachment label");
    assert!(lexicon.salutations.is_addressee("同志们"), "F23: 同志们 addresses the audience");
    assert!(lexicon.salutations.is_addressee("各位代表"), "F23: 各位代表 addresses the audience");
}
