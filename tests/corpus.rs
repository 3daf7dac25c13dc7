//! One insta snapshot per corpus document: exactly the YAML that
//! `tigang tests/corpus/NAME.txt` prints. A snapshot is a claim that the
//! outline is right; review every diff (`cargo insta review`).

use std::path::Path;

/// The outline the CLI prints for `path` (path as given on the command line).
fn cli_yaml(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("corpus file is readable");
    let name = format!("tests/corpus/{}", path.file_name().and_then(|n| n.to_str()).expect("utf-8 file name"));
    let text = tigang::decode::utf8(&name, &bytes).expect("corpus file is UTF-8");
    let mut outline = tigang::parse(&text);
    outline.source.path = Some(name);
    tigang::render::yaml(&outline)
}

/// The documents without a gold outline, and what a reviewer checked in
/// each snapshot: the claim the snapshot makes. A document with a gold file
/// is scored by `tests/accuracy.rs` instead.
const REVIEWED_WITHOUT_GOLD: &[(&str, &str)] = &[
    (
        "001",
        "no gold; a scraped page with six copies of the 1960 report: six documents, each titled 为提前实现全国农业发展纲要而奋斗 with its subtitle, salutation 各位代表：, items 一 二 三 四 and 第一，…第四， under 三",
    ),
    (
        "002",
        "no gold; six copies of the 1975 report: 第一步，第二步， its only sequence; the salutation 各位代表！ is found in the first copy only (a known miss)",
    ),
    (
        "004",
        "no gold; six copies of the 2009 report: 一、 with 一是…五是 under it; copies 5 and 6 stay untitled (their title line runs into the site's name)",
    ),
    ("018", "no gold; a speech without enumeration: no items, title and salutation only"),
    ("026", "no gold; headings 一 二 三 四 as bare numerals, 第一步/第二步 under 一; the text has no salutation"),
    (
        "028",
        "no gold; 第二点：…第八点： at depth 1: the speech leaves its first point unnumbered, so not-from-one is a true finding",
    ),
    (
        "030",
        "no gold; 一 二 (two talks), 第一点…第七点 under 二, 首先/第二…第六 one series under 第七点, 第一种…第三种 and two 第一条 series under their points",
    ),
    ("034", "no gold; a notice without enumeration: no items"),
    ("038", "no gold; a directive without enumeration: no items"),
    ("061", "no gold; law profile: 一、 to 二十七、 (one per amended interpretation) with their numbered changes"),
];

#[test]
fn corpus_snapshots() {
    insta::glob!("corpus/*.txt", |path| {
        let name = path.file_stem().and_then(|s| s.to_str()).expect("utf-8 file name").to_string();
        let claim = REVIEWED_WITHOUT_GOLD
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("scored against its gold outline by tests/accuracy.rs", |(_, c)| c);
        insta::with_settings!({
            snapshot_path => "../snapshots",
            prepend_module_to_snapshot => false,
            omit_expression => true,
            snapshot_suffix => "",
            description => claim,
        }, {
            insta::assert_snapshot!(name, cli_yaml(path));
        });
    });
}

#[test]
fn every_document_without_gold_has_a_reviewed_claim() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut without: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "txt" && !p.with_extension("yaml").exists())
                .then(|| p.file_stem()?.to_str().map(String::from))
                .flatten()
        })
        .collect();
    without.sort();
    let claimed: Vec<&str> = REVIEWED_WITHOUT_GOLD.iter().map(|(n, _)| *n).collect();
    assert_eq!(without, claimed, "a corpus document without gold needs a reviewed claim (and none with gold)");
}
