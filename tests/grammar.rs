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

#[test]
fn ebnf_productions_are_in_the_source() {
    let root = env!("CARGO_MANIFEST_DIR");
    let ebnf = std::fs::read_to_string(format!("{root}/grammar/markers.ebnf")).expect("markers.ebnf");
    let mut source = String::new();
    for f in ["src/grammar/mod.rs", "src/grammar/scan.rs", "src/grammar/numeral.rs"] {
        source.push_str(&std::fs::read_to_string(format!("{root}/{f}")).expect("grammar source"));
    }
    let names: Vec<&str> = ebnf
        .lines()
        .filter_map(|l| l.split_once("::=").map(|(n, _)| n.trim()))
        .filter(|n| !n.is_empty() && !n.contains(' '))
        .collect();
    assert!(names.len() > 10, "markers.ebnf has productions");
    for name in names {
        assert!(source.contains(name), "production `{name}` of markers.ebnf is not named in src/grammar");
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
