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

#[test]
fn corpus_snapshots() {
    insta::glob!("corpus/*.txt", |path| {
        let name = path.file_stem().and_then(|s| s.to_str()).expect("utf-8 file name").to_string();
        insta::with_settings!({
            snapshot_path => "../snapshots",
            prepend_module_to_snapshot => false,
            omit_expression => true,
            snapshot_suffix => "",
        }, {
            insta::assert_snapshot!(name, cli_yaml(path));
        });
    });
}
