//! Who said what in the five seed pages, as a careful reader would note it,
//! and which quotes in different outlets give the same statement. Skipped
//! when the seeds are absent.

mod support;

use crosscheck_model::{DocAnalysis, QuoteKind};
use crosscheck_nlp::analyze;
use crosscheck_nlp::link::{link_entities, quote_variants, AnalysedDoc};

struct Seed {
    name: String,
    text: String,
    a: DocAnalysis,
}

fn seeds() -> Option<Vec<Seed>> {
    Some(
        support::seeds()?
            .into_iter()
            .map(|(name, raw)| {
                let text = support::clean(&raw);
                let a = analyze(&text);
                Seed { name, text, a }
            })
            .collect(),
    )
}

fn seed<'a>(all: &'a [Seed], prefix: &str) -> &'a Seed {
    all.iter().find(|s| s.name.starts_with(prefix)).unwrap()
}

impl Seed {
    /// (kind, speaker, cue, content) of the quote whose content starts with
    /// `start`.
    fn who(&self, start: &str) -> (QuoteKind, Option<&str>, Option<&str>, &str) {
        let q = self
            .a
            .quotes
            .iter()
            .find(|q| q.content.of(&self.text).starts_with(start))
            .unwrap_or_else(|| panic!("{}: no quote starting {start:?}", self.name));
        (
            q.kind,
            q.speaker.map(|e| self.a.entities[e].name.as_str()),
            q.cue.map(|c| c.of(&self.text)),
            q.content.of(&self.text),
        )
    }

    fn index(&self, start: &str) -> usize {
        self.a
            .quotes
            .iter()
            .position(|q| q.content.of(&self.text).starts_with(start))
            .unwrap()
    }
}

#[test]
fn who_said_what_in_each_seed() {
    let Some(all) = seeds() else { return };

    // 002: the quote comes first, the attribution after it.
    let s = seed(&all, "002");
    let (kind, who, cue, _) = s.who("The United States is not going to come to Mexico");
    assert_eq!(
        (kind, who, cue),
        (QuoteKind::Direct, Some("Claudia Sheinbaum"), Some("stated"))
    );
    let (kind, _, cue, content) = s.who("Trump's directive reportedly allows");
    assert_eq!((kind, cue), (QuoteKind::Indirect, Some("According to")));
    assert!(content.ends_with("on foreign soil"));

    // 003: Trump's question, then Sheinbaum's answer introduced by "She stated".
    let s = seed(&all, "003");
    assert_eq!(
        s.who("How can we help you fight drug trafficking?").1,
        Some("Donald Trump")
    );
    let (_, who, cue, _) = s.who("No, President Trump, our territory is inalienable");
    assert_eq!((who, cue), (Some("Claudia Sheinbaum"), Some("stated")));

    // 004: the spokesperson is "she" twice; a partial quote of Sheinbaum.
    let s = seed(&all, "004");
    assert_eq!(s.who("it’s true").1, Some("Claudia Sheinbaum"));
    assert_eq!(s.who("How can we help you").1, Some("Donald Trump"));
    let (_, who, cue, _) = s.who("President Trump has worked with President Sheinbaum");
    assert_eq!((who, cue), (Some("Anna Kelly"), Some("stated")));
    assert_eq!(
        s.who("We will continue exploring ways").1,
        Some("Anna Kelly")
    );
    let (kind, who, _, content) = s.who("never accept");
    assert_eq!(
        (kind, who, content),
        (
            QuoteKind::Partial,
            Some("Claudia Sheinbaum"),
            "never accept"
        )
    );
    let kelly =
        s.a.entities
            .iter()
            .find(|e| e.name == "Anna Kelly")
            .unwrap();
    assert!(
        kelly
            .roles
            .iter()
            .any(|r| r == "White House Deputy Press Secretary"),
        "{:?}",
        kelly.roles
    );
}

#[test]
fn a_speaker_quoting_another_after_a_colon() {
    let Some(all) = seeds() else { return };
    let s = seed(&all, "001");
    // "Mexican President Sheinbaum defended her position ..., stating:" and
    // a paragraph without quotation marks.
    let (kind, who, cue, content) = s.who("He said, 'How can we help you");
    assert_eq!(
        (kind, who, cue),
        (
            QuoteKind::Direct,
            Some("Claudia Sheinbaum"),
            Some("stating")
        )
    );
    let outer = s.index("He said, 'How can we help you");
    let trump = &s.a.quotes[s.index("How can we help you fight drug trafficking? I propose")];
    assert_eq!(trump.nested_in, Some(outer));
    assert_eq!(
        trump
            .speaker
            .map(|e| s.a.entities[e].name.as_str())
            .map(|n| n.ends_with("Trump")),
        Some(true)
    );
    let answer = &s.a.quotes[s.index("No, President Trump. Sovereignty is not for sale")];
    assert_eq!(answer.nested_in, Some(outer));
    assert_eq!(
        answer.speaker.map(|e| s.a.entities[e].name.as_str()),
        Some("Claudia Sheinbaum")
    );
    assert!(content.ends_with("us in ours."));
    // "El Salvador's president ..., stating:" is Nayib Bukele.
    assert_eq!(
        s.who("Mexico is not solving the problem").1,
        Some("Nayib Bukele")
    );
}

#[test]
fn two_translations_of_one_statement_are_variants() {
    let Some(all) = seeds() else { return };
    let docs: Vec<AnalysedDoc> = all
        .iter()
        .map(|s| AnalysedDoc {
            id: &s.name,
            published: None,
            outlet: None,
            text: &s.text,
            analysis: &s.a,
        })
        .collect();
    let entities = link_entities(&docs);
    let variants = quote_variants(&docs, &entities);
    let find = |prefix: &str, start: &str| {
        let s = seed(&all, prefix);
        (s.name.clone(), s.index(start))
    };
    let semicolon = find("003", "No, President Trump, our territory is inalienable;");
    let comma = find("004", "No, President Trump, our territory is inalienable,");
    let nested = find("001", "No, President Trump. Sovereignty is not for sale");
    let root = |q: &(String, usize)| {
        variants
            .iter()
            .find(|v| v.document_id == q.0 && v.quote == q.1)
            .map(|v| (v.variant_of_document.clone(), v.variant_of_quote))
            .unwrap_or_else(|| q.clone())
    };
    assert_eq!(root(&semicolon), root(&comma), "{variants:#?}");
    assert_eq!(root(&nested), root(&comma), "{variants:#?}");
    // Different statements of one speaker stay apart.
    let other = find("004", "it’s true");
    assert_ne!(root(&other), root(&comma));
}
