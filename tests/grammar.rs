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
