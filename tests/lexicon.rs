//! The lexicon is data: a user profile that adds a salutation, a closing and
//! a line of web furniture changes the document frame accordingly, with no
//! change to the code.

use std::path::Path;

use tigang::{Parser, Profile};

/// A neighbourhood committee's talk as a community account posts it: the
/// addressee (街坊邻居), the thanks (辛苦大家了) and the account's footer
/// (扫码关注…) are words the built-in lexicon does not know.
const TALK: &str = "\
在社区议事会上的讲话
（2026年3月1日）

街坊邻居：
　　今天请大家来，商量两件事。
　　一、做好物业交接。新旧物业的交接要公开，账目要晒出来。
　　二、规范议事规则。大事小情都要上会，会上定了的事要办。
　　辛苦大家了！
扫码关注本社区公众号
";

/// The built-in speech profile with a `lexicon:` section of its own.
fn neighbourhood_profile() -> Profile {
    let speech = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("grammar/speech.yaml")).unwrap();
    let yaml = speech.replacen("name: speech", "name: neighbourhood", 1)
        + "
lexicon:
  salutations:
    addressees: [邻居]
  closings:
    thanks: [辛苦大家了]
  furniture:
    - {text: 扫码关注, max-chars: 20}
";
    Profile::from_yaml("neighbourhood.yaml", &yaml).unwrap()
}

#[test]
fn a_user_lexicon_teaches_the_frame_a_salutation_a_closing_and_furniture() {
    let built_in = Parser::with_profile(Profile::built_in("speech").unwrap()).full(true).parse(TALK);
    let own = Parser::with_profile(neighbourhood_profile()).full(true).parse(TALK);
    for outline in [&built_in, &own] {
        let items: Vec<&str> = outline.documents[0].items.iter().map(|i| i.title.as_ref()).collect();
        assert_eq!(items, ["做好物业交接", "规范议事规则"]);
    }

    // The built-in words do not know these lines: no salutation, no
    // closing, and the thanks and the footer end up in the last item's body.
    let d = &built_in.documents[0];
    assert_eq!(d.salutation.as_ref().map(|s| s.text.as_ref()), None);
    assert_eq!(d.closing.as_ref().map(|s| s.text.as_ref()), None);
    let last = d.items[1].body.as_deref().unwrap_or("");
    assert!(last.contains("辛苦大家了！") && last.contains("扫码关注"), "{last:?}");

    // The user's lexicon adds them: each goes to its own field.
    let d = &own.documents[0];
    assert_eq!(d.salutation.as_ref().map(|s| (s.text.as_ref(), s.line)), Some(("街坊邻居：", 4)));
    assert_eq!(d.closing.as_ref().map(|s| (s.text.as_ref(), s.line)), Some(("辛苦大家了！", 8)));
    assert_eq!(d.back_matter.as_deref(), Some("扫码关注本社区公众号"));
    assert_eq!(d.items[1].body.as_deref(), Some("大事小情都要上会，会上定了的事要办。"));
}

#[test]
fn a_user_lexicon_is_validated_on_load() {
    let speech = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("grammar/speech.yaml")).unwrap();
    let yaml = speech + "\nlexicon:\n  furniture:\n    - {text: 扫码关注, max-chars: 0}\n";
    let err = Profile::from_yaml("bad.yaml", &yaml).expect_err("a furniture line without length").to_string();
    assert!(err.contains("bad.yaml") && err.contains("扫码关注"), "{err}");
}
