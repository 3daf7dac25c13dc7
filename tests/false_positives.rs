//! The traps of MARKERS.md §5 that apply to the speech profile: each small
//! document must yield exactly the items listed (often none).

/// (line, marker, depth) of every item, depth-first.
fn items(text: &str) -> Vec<(usize, String, usize)> {
    fn walk(items: &[tigang::Item], depth: usize, out: &mut Vec<(usize, String, usize)>) {
        for it in items {
            out.push((it.line, it.marker.to_string(), depth));
            walk(&it.children, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    for d in tigang::parse(text).documents {
        walk(&d.items, 1, &mut out);
    }
    out
}

fn markers(text: &str) -> Vec<String> {
    items(text).into_iter().map(|(_, m, _)| m).collect()
}

#[test]
fn ranges_with_dun_are_not_items() {
    // #1, #2, #28
    assert!(markers("一、二季度，全省经济平稳增长。\n三、四月份雨水偏多。\n十二、三岁的孩子最需要关心。").is_empty());
    assert!(markers("今年一、二年级学生全部实现就近入学，一、二、三线城市房价平稳。").is_empty());
    assert!(markers("三、四十人参加了会议。").is_empty());
}

#[test]
fn a_range_that_continues_a_sequence_is_an_item() {
    assert_eq!(markers("一、总体要求\n\n二、主要任务\n\n三、四月份重点工作"), ["一、", "二、", "三、"]);
}

#[test]
fn idioms_are_not_lists() {
    // #3, #4
    assert!(markers("他这个人说话一是一，二是二，从不含糊。").is_empty());
    assert!(markers("这个办法一抓就灵，一看就懂。").is_empty());
    assert_eq!(markers("发展经济，一靠政策，二靠科学。"), ["一靠", "二靠"]);
}

#[test]
fn ordinal_words_are_not_markers() {
    // #5
    let text = "他是村里的第一书记，第一次来到这里就在第一时间赶到第一线，把发展作为第一要务。";
    assert!(markers(text).is_empty());
    assert!(markers("这是我们第一个五年计划和第一批试点。").is_empty());
}

#[test]
fn cross_references_are_not_articles() {
    // #6
    assert!(markers("依照本法第二十三条第一款第（三）项的规定处理。违反本条例第十条规定的，责令改正。").is_empty());
}

#[test]
fn quoted_article_text_is_not_an_item() {
    // #7, #25
    let text = "一、将第十条修改为：“第十条　一是加强领导；二是落实责任。”\n\n二、将第十一条修改为：“第十一条　（一）…；（二）…。”";
    assert_eq!(markers(text), ["一、", "二、"]);
    assert!(markers("“一、二、三”号文件和《一、二、三》都是名称。").is_empty());
}

#[test]
fn adverbial_shouxian_is_not_a_list() {
    // #9
    assert!(markers("我们首先要明确目标。这首先是思想认识问题。").is_empty());
    assert!(markers("首先，要统一思想。\n\n最后，谢谢大家。").len() == 2);
}

#[test]
fn one_plus_word_is_not_a_marker() {
    // #10
    assert!(markers("一季度实现开门红。\n一年来，我们做了大量工作。\n一段时间以来情况好转。\n一方面，形势严峻；另一方面，机遇难得。").is_empty());
}

#[test]
fn dates_decimals_and_codes_are_not_markers() {
    // #11, #12, #13, #14, #17
    let text = "2020年是关键一年。\n1月5日召开会议。\n（2024年3月5日）\n（二〇二四年三月五日）\n1.5倍\n3.8%的增长\n2020.9\n12345热线\n— 1 —\n- 2 -\n3\n";
    assert!(markers(text).is_empty(), "{:?}", markers(text));
}

#[test]
fn part_numbers_in_titles_are_not_items() {
    // #15, #16
    let text = "在区委工作会议上的讲话例文两篇（一）\n\n同志们：\n\n今天开会（以下简称“会议”），内容（略）。";
    assert!(markers(text).is_empty());
}

#[test]
fn footnotes_are_not_items() {
    // #21: a call after punctuation, and a citation line.
    let text = "要坚持人民至上。①\n\n①《习近平谈治国理政》第三卷，外文出版社2020年版，第3页。\n②同上书，第5页。";
    assert!(markers(text).is_empty(), "{:?}", markers(text));
}

#[test]
fn a_sentence_end_after_a_page_break_is_not_a_marker() {
    // seed: "一。" is the tail of a sentence broken across a page.
    assert!(markers("特别是创新了“有事好商量”\n\n一。\n\n五是队伍建管有方。").is_empty());
}

#[test]
fn notes_and_attachment_lists_are_not_outline() {
    // #19, #27
    let text = "一、总体要求\n\n二、主要任务\n\n附件：1.关于开展试点的通知\n2.试点单位名单\n\n注：1.本表数据截至年底。2.不含港澳台。";
    assert_eq!(markers(text), ["一、", "二、"]);
}

#[test]
fn a_lone_first_item_in_a_paragraph_is_suspect() {
    // Sequence continuity: a 一、 that nothing continues, inside running text.
    assert!(markers("我们在会上讲了三件事，一、要团结，这是最重要的。").is_empty());
}

#[test]
fn double_punctuation_and_homoglyphs() {
    // #29, #31, #32
    assert_eq!(markers("（一）、加强领导\n\n（二）、落实责任"), ["（一）、", "（二）、"]);
    assert_eq!(markers("ー、总则\n\nニ、分则"), ["ー、", "ニ、"]);
    assert_eq!(markers("一、总体要求\n\n二，主要任务"), ["一、", "二，"]);
    assert!(markers("一，主要任务").is_empty());
}

#[test]
fn heading_text_starting_with_a_numeral_is_one_item() {
    // #33
    assert_eq!(items("一、一以贯之抓落实\n\n二、二十大精神"), [(1, "一、".to_string(), 1), (3, "二、".to_string(), 1)]);
}

#[test]
fn inline_lists_need_two_members() {
    assert!(markers("要抓好三件事，一是学习。").is_empty());
    assert_eq!(markers("要抓好三件事：一是学习；二是调研；三是落实。"), ["一是", "二是", "三是"]);
}

#[test]
fn hard_wrapped_lines_do_not_start_items() {
    // A PDF copy wrapped at a fixed width: the wrapped lines that happen to
    // start with 一是, 3. or 一、 are the middle of a sentence.
    let text = "一、总体要求\n\
                今年全市经济社会发展的主要预期目标是地区生产总值增长百分之六左右，为此，\n\
                一是要稳住工业，二是要扩大消费，三是要促进投资，确保完成全年目标任务。全市\n\
                3.5万家企业实现稳定生产，一季度和二季度的增长速度分别达到了百分之五点八和\n\
                一、二季度的平均水平之上。\n\
                二、主要任务\n";
    assert_eq!(
        items(text),
        [
            (1, "一、".to_string(), 1),
            (3, "一是".to_string(), 2),
            (3, "二是".to_string(), 2),
            (3, "三是".to_string(), 2),
            (6, "二、".to_string(), 1),
        ]
    );
}

#[test]
fn a_page_break_inside_a_list_keeps_the_list() {
    // seed: the ② of an inline list stands after a page break.
    let text = "二要强化自身建设。关键做好三件事：①抓好制度建设。积极创新工作机制，为履职提\n\n供保障。②抓好能力建设。③抓好作风建设。\n";
    assert_eq!(markers(text), ["①", "②", "③"]);
}

#[test]
fn catalogue_families_of_issue_seventeen_give_all_their_members() {
    // MARKERS.md F8, F9, F20, each under a title line as a document has it.
    let depths = |text: &str| items(text).into_iter().map(|(_, m, d)| (m, d)).collect::<Vec<_>>();
    let top = |ms: &[&str]| ms.iter().map(|m| ((*m).to_string(), 1)).collect::<Vec<_>>();
    assert_eq!(
        depths("关于修订标准的说明\n\na) 标准名称改为“城镇供水服务”；\nb) 增加了术语和定义；\nc) 删除了附录C。\n"),
        top(&["a)", "b)", "c)"])
    );
    assert_eq!(depths("朗读训练要点\n\nA. 生理停顿\nB. 语法停顿\nC. 强调停顿\n"), top(&["A.", "B.", "C."]));
    assert_eq!(depths("條例草案\n\n(a)適用範圍\n(b)用語定義\n"), top(&["(a)", "(b)"]));
    assert_eq!(depths("课程大纲\n\nⅠ. 总论\nⅡ. 分论\nⅢ. 结论\n"), top(&["Ⅰ.", "Ⅱ.", "Ⅲ."]));
    assert_eq!(depths("课程大纲\n\nI. 总论\nII. 分论\nIII. 结论\n"), top(&["I.", "II.", "III."]));
    assert_eq!(
        depths("检测方法\n\n5.1 原理\n5.2 方法\n5.2.1 仪器\n5.2.2 步骤\n"),
        [("5.1", 1), ("5.2", 1), ("5.2.1", 2), ("5.2.2", 2)].map(|(m, d)| (m.to_string(), d)).to_vec()
    );
}

#[test]
fn letters_numerals_and_decimals_in_words_are_not_items() {
    // #13, #22, #23 and the traps the catalogue's F8, F9, F20 rows name.
    let text = "说明\n\nA股上市公司\nB超检查\nC919首飞\nⅡ类水质\nⅠ级响应\nⅢ期工程\n1.5倍\n3.8%的增长\n2.0版\n\
                甲方：张三\n乙方：李四\n5.0%左右\n2020.9.1\nv1.2\n1.5 m²\n";
    assert!(markers(text).is_empty(), "{:?}", markers(text));
}

#[test]
fn a_closing_last_after_a_finished_series_is_no_member() {
    let text = "致辞\n\n首先，做一个有理想的人。\n其次，做一个有本领的人。\n最后，做一个有担当的人。\n最后，祝同学们学习进步！\n";
    assert_eq!(markers(text), ["首先，", "其次，", "最后，"]);
}

#[test]
fn an_excerpt_that_cuts_articles_keeps_the_articles_after_the_cut() {
    // A law quoted in part (节选) or revised with articles deleted: the
    // article after the cut is an article with a skipped-ordinal warning, not
    // a paragraph of the one before (tests/diff/jianchafa.old.txt).
    let excerpt = "第十八条　监察机关行使监督、调查职权，有权依法向有关单位和个人了解情况。\n\n\
                   第十九条　对可能发生职务违法的监察对象，监察机关可以进行谈话。\n\n\
                   第二十九条　依法应当留置的被调查人如果在逃，监察机关可以决定通缉。\n\n\
                   第三十条　监察机关为防止被调查人逃匿境外，可以采取限制出境措施。\n";
    let outline = tigang::parse(excerpt);
    let articles: Vec<(&str, u32)> =
        outline.documents[0].items.iter().map(|i| (i.marker.as_ref(), i.ordinal)).collect();
    assert_eq!(articles, [("第十八条", 18), ("第十九条", 19), ("第二十九条", 29), ("第三十条", 30)]);
    assert!(outline.diagnostics.iter().any(|d| d.code.as_str() == "skipped-ordinal" && d.line == 5));
    // A chapter further on, its articles numbered on from the cut.
    let chapters = "第四章　监察权限\n\n第十八条　监察机关行使监督、调查职权。\n\n第十九条　监察机关可以进行谈话。\n\n\
                    第七章　对监察机关和监察人员的监督\n\n第五十三条　各级监察委员会应当接受监督。\n\n\
                    第五十四条　监察机关应当依法公开监察工作信息。\n";
    let shape: Vec<(String, usize)> = items(chapters).into_iter().map(|(_, m, d)| (m, d)).collect();
    let expected =
        [("第四章", 1), ("第十八条", 2), ("第十九条", 2), ("第七章", 1), ("第五十三条", 2), ("第五十四条", 2)];
    assert_eq!(shape, expected.map(|(m, d)| (m.to_string(), d)));
    // But articles that an article introduces with a colon are quoted text
    // (R-QUOTE; the amendment in tests/corpus/048.txt).
    let amendment = "第五十一条　宪法第一百零七条第一款修改为：…\n\n\
                     第五十二条　宪法第三章中增加一节，作为第七节；增加五条，内容如下：\n\n\
                     第一百二十三条　中华人民共和国各级监察委员会是国家的监察机关。\n\n\
                     第一百二十四条　中华人民共和国设立国家监察委员会。\n";
    let markers: Vec<String> = items(amendment).into_iter().filter(|(_, _, d)| *d == 1).map(|(_, m, _)| m).collect();
    assert_eq!(markers, ["第五十一条", "第五十二条"]);
}
