//! Profiles: auto-selection, law paragraphs (款/項), tables of contents, user
//! profiles and the errors a broken one gets.

use std::path::Path;

use tigang::{Item, Outline, Parser, Profile};

fn read(path: &str) -> String {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("test file");
    tigang::decode::utf8(path, &bytes).expect("utf-8")
}

/// Every item, depth first, with its parent's marker (or "" at the top).
fn flat<'o>(outline: &'o Outline<'_>) -> Vec<(&'o Item<'o>, Option<&'o Item<'o>>)> {
    fn walk<'o>(
        items: &'o [Item<'o>],
        parent: Option<&'o Item<'o>>,
        out: &mut Vec<(&'o Item<'o>, Option<&'o Item<'o>>)>,
    ) {
        for it in items {
            out.push((it, parent));
            walk(&it.children, Some(it), out);
        }
    }
    let mut out = Vec::new();
    for d in &outline.documents {
        walk(&d.items, None, &mut out);
    }
    out
}

/// The item whose marker is `marker` on `line`.
fn item<'o>(outline: &'o Outline<'_>, marker: &str, line: usize) -> &'o Item<'o> {
    flat(outline)
        .into_iter()
        .map(|(it, _)| it)
        .find(|it| it.marker == marker && it.line == line)
        .unwrap_or_else(|| panic!("no item {marker} on line {line}"))
}

/// (ordinal, line) of an item's paragraph children.
fn paragraphs(it: &Item<'_>) -> Vec<(u32, usize)> {
    it.children.iter().filter(|c| c.marker.is_empty()).map(|c| (c.ordinal, c.line)).collect()
}

#[test]
fn auto_selection_follows_the_kind_of_document() {
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut checked = 0;
    for entry in std::fs::read_dir(&gold).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "yaml") {
            continue;
        }
        let yaml: serde_yaml::Value = serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let kind = yaml["kind"].as_str().unwrap_or("other").to_string();
        let name = path.file_stem().unwrap().to_str().unwrap().to_string();
        let text = read(&format!("tests/corpus/{name}.txt"));
        let chosen = tigang::detect::choose(&text).profile;
        let markers: Vec<String> = yaml["items"]
            .as_sequence()
            .map(|items| items.iter().filter_map(|i| i["marker"].as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        let articles = markers.iter().filter(|m| m.starts_with('第') && m.trim_end().ends_with(['条', '條'])).count();
        let capitals = markers.iter().any(|m| m.starts_with(['壹', '貳', '贰']));
        // Written in traditional characters: more 條 與 為 國 than 条 与 为 国.
        let count = |set: &str| text.chars().filter(|c| set.contains(*c)).count();
        let traditional = count("條與為國會說這個們") > count("条与为国会说这个们");
        let expected = if traditional && (kind == "law" || capitals) {
            "taiwan" // the Taiwan hierarchy: 壹、 一、 （一） 1. and 第 N 條
        } else if kind == "law" || articles * 2 > markers.len() {
            "law" // a law, or a notice that is a 办法 of articles
        } else {
            "speech" // speeches, reports, notices, the rest
        };
        assert_eq!(chosen, expected, "{name}: a {kind}, traditional: {traditional}, {articles} articles");
        let outline = Parser::new().parse(&text);
        assert_eq!(outline.profile, format!("{chosen} (auto)"), "{name}: the choice is reported");
        checked += 1;
    }
    assert!(checked >= 50, "only {checked} gold documents found");
}

#[test]
fn kuan_are_the_paragraphs_of_an_article() {
    let outline = Parser::new().parse_owned_for_test(&read("tests/corpus/050.txt"));
    // 第三条: one paragraph, no 款. 第四条: two. 第五条: three.
    assert_eq!(paragraphs(item(&outline, "第三条", 15)), vec![]);
    assert_eq!(paragraphs(item(&outline, "第四条", 17)), vec![(1, 17), (2, 19)]);
    assert_eq!(paragraphs(item(&outline, "第五条", 21)), vec![(1, 21), (2, 23), (3, 25)]);
    let kuan = &item(&outline, "第五条", 21).children[1];
    assert_eq!(kuan.family, "kuan");
    assert_eq!(kuan.title, "国家多渠道筹集社会保险资金");
    assert_eq!(kuan.heading(), "〔第2款〕国家多渠道筹集社会保险资金");
}

#[test]
fn xiang_hold_their_kuan_lists_in_a_taiwan_law() {
    let outline = Parser::new().parse_owned_for_test(&read("tests/corpus/059.txt"));
    assert!(outline.profile.starts_with("taiwan"));
    let article = item(&outline, "第 3 條", 18);
    assert_eq!(paragraphs(article), vec![(1, 19), (2, 20), (3, 24)]);
    let markers = |p: &Item<'_>| p.children.iter().map(|c| (c.marker.to_string(), c.line)).collect::<Vec<_>>();
    assert_eq!(article.children[0].children.len(), 0);
    assert_eq!(markers(&article.children[1]), vec![("一、".into(), 21), ("二、".into(), 22), ("三、".into(), 23)]);
    assert_eq!(article.children[2].children.len(), 8);
    assert_eq!(article.children[2].family, "xiang");
    // An article alone on its line whose text is one paragraph has no 項.
    assert_eq!(paragraphs(item(&outline, "第 1 條", 10)), vec![]);
}

#[test]
fn a_table_of_contents_is_kept_out_of_the_items() {
    let text = read("tests/profiles/toc-law.txt");
    let outline = Parser::new().parse(&text);
    assert_eq!(outline.profile, "law (auto)");
    let doc = &outline.documents[0];
    let toc = doc.toc.as_ref().expect("a table of contents");
    assert_eq!(toc.heading.line, 5);
    assert_eq!(toc.entries.iter().map(|e| e.line).collect::<Vec<_>>(), vec![7, 8, 9, 10, 11, 12, 13]);
    assert_eq!(toc.entries[4].text, "第一节　申请与受理");
    let all = flat(&outline);
    assert!(all.iter().all(|(it, _)| it.line > 13), "no item from the table of contents");
    let chapters: Vec<usize> = all.iter().filter(|(it, _)| it.family == "chapter").map(|(it, _)| it.line).collect();
    assert_eq!(chapters, vec![15, 25, 35, 39, 59]);
    assert!(outline.diagnostics.iter().all(|d| d.code != tigang::Code::RestartedSequence), "{:?}", outline.diagnostics);
    // 第八条: 款 2 holds the 项 （一）…（三）; 款 3 comes after them.
    let article = item(&outline, "第八条", 47);
    assert_eq!(paragraphs(article), vec![(1, 47), (2, 49), (3, 57)]);
    let items: Vec<(&str, usize)> = article.children[1].children.iter().map(|c| (c.marker.as_ref(), c.line)).collect();
    assert_eq!(items, vec![("（一）", 51), ("（二）", 53), ("（三）", 55)]);
}

#[test]
fn a_heading_called_muli_inside_the_body_is_not_a_table_of_contents() {
    let text = "第一章　总则\n第一条　本办法适用于全省。\n第二章　目录管理\n目录\n第二条　目录应当公开。\n第三条　目录每年更新。\n";
    let outline = Parser::new().parse(text);
    assert_eq!(outline.profile, "law (auto)");
    assert!(outline.documents[0].toc.is_none());
    assert_eq!(flat(&outline).iter().filter(|(it, _)| it.family == "article").count(), 3);
}

#[test]
fn a_forced_profile_is_used_as_given() {
    let text = read("tests/corpus/050.txt");
    let outline = Parser::with_profile(Profile::built_in("speech").unwrap()).parse(&text);
    assert_eq!(outline.profile, "speech");
    assert!(flat(&outline).iter().all(|(it, _)| !it.marker.is_empty()), "speech has no paragraph items");
}

#[test]
fn the_readme_user_profile_reads_company_rules() {
    let profile = Profile::from_yaml("company-rules.yaml", &read("examples/company-rules.yaml")).unwrap();
    let outline = Parser::with_profile(profile).parse_owned_for_test(&read("examples/company-rules.txt"));
    assert_eq!(outline.profile, "company-rules");
    let article = item(&outline, "第3条", 13);
    assert_eq!(paragraphs(article), vec![(1, 13), (2, 17)]);
    let clauses: Vec<(&str, &str)> =
        article.children[0].children.iter().map(|c| (c.marker.as_ref(), c.family.as_ref())).collect();
    assert_eq!(clauses, vec![("a.", "clause"), ("b.", "clause"), ("c.", "clause")]);
}

/// The error for a broken profile: where and what.
fn broken(yaml: &str) -> String {
    Profile::from_yaml("my.yaml", yaml).expect_err("the profile is broken").to_string()
}

const FAMILY: &str = "  - id: dun\n    rank: 1\n    shape: affixed\n    numeral: [cjk]\n    suffix: [\"、\"]\n    position: line-start\n";

#[test]
fn broken_profiles_say_where_and_what() {
    let e = broken(&format!("name: x\ncolour: red\nfamilies:\n{FAMILY}"));
    assert!(e.starts_with("my.yaml: invalid profile: line 2, column 1: unknown field `colour`"), "{e}");
    let e = broken(&format!("name: x\nfamilies:\n{}", FAMILY.replace("[cjk]", "[roman]")));
    assert!(e.contains("line 6, column 15") && e.contains("unknown variant `roman`"), "{e}");
    let e = broken(&format!("name: x\nfamilies:\n{FAMILY}{FAMILY}"));
    assert!(e.contains("line 9: duplicate family \"dun\""), "{e}");
    let e = broken(&format!("name: x\nparagraphs:\n  under: article\n  id: kuan\nfamilies:\n{FAMILY}"));
    assert!(e.contains("line 3: paragraphs: `under: article` names no family"), "{e}");
    let e = broken(&format!("name: x\nfamilies:\n{}", FAMILY.replace("    suffix: [\"、\"]\n", "")));
    assert!(e.contains("line 3: family \"dun\": an `affixed` family needs"), "{e}");
    let e = broken("name: x\nfamilies: []\n");
    assert!(e.contains("line 2: `families` is empty"), "{e}");
}

/// `Parser::parse` borrows; these tests want to keep the text local.
trait ParseOwned {
    fn parse_owned_for_test(&self, text: &str) -> Outline<'static>;
}

impl ParseOwned for Parser {
    fn parse_owned_for_test(&self, text: &str) -> Outline<'static> {
        self.parse(text).into_owned()
    }
}

#[test]
fn a_list_that_starts_in_a_new_paragraph_is_no_restart() {
    // 第 3 條 of 059: 一、…三、 in its second 項, 一、…八、 in its third.
    let text = read("tests/corpus/059.txt");
    let restarts = |o: &Outline<'_>| o.diagnostics.iter().filter(|d| d.code == tigang::Code::RestartedSequence).count();
    assert_eq!(restarts(&Parser::new().parse(&text)), 0, "項 make each list start fresh");
    let without_xiang = Parser::with_profile(Profile::built_in("speech").unwrap()).parse(&text);
    assert!(restarts(&without_xiang) >= 2, "without 項 the lists look restarted");
}
