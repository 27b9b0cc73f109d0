//! Every quote shape crosscheck must read, on short texts written for these
//! tests: who is the speaker, what is the cue, what exactly is quoted, and
//! how quotes relate (nested in, continues).

use crosscheck_model::{DocAnalysis, DocQuote, QuoteKind};
use crosscheck_nlp::analyze;

struct Read {
    text: String,
    a: DocAnalysis,
}

fn read(text: &str) -> Read {
    Read {
        text: text.to_string(),
        a: analyze(text),
    }
}

impl Read {
    /// The quote whose content is exactly `words`.
    fn quote(&self, words: &str) -> &DocQuote {
        self.a
            .quotes
            .iter()
            .find(|q| q.content.of(&self.text) == words)
            .unwrap_or_else(|| panic!("no quote {words:?} in {:#?}", self.listing()))
    }

    fn index(&self, words: &str) -> usize {
        self.a
            .quotes
            .iter()
            .position(|q| q.content.of(&self.text) == words)
            .unwrap()
    }

    fn speaker(&self, q: &DocQuote) -> Option<&str> {
        q.speaker.map(|e| self.a.entities[e].name.as_str())
    }

    fn cue(&self, q: &DocQuote) -> Option<&str> {
        q.cue.map(|c| c.of(&self.text))
    }

    fn listing(&self) -> Vec<String> {
        self.a
            .quotes
            .iter()
            .map(|q| {
                format!(
                    "{:?} {:?} <{}> /{}/: {}",
                    q.kind,
                    self.speaker(q),
                    q.source.map(|s| s.of(&self.text)).unwrap_or(""),
                    self.cue(q).unwrap_or(""),
                    q.content.of(&self.text)
                )
            })
            .collect()
    }
}

#[test]
fn straight_quotes_with_the_attribution_after() {
    let r = read("\"We will rebuild the bridge before winter,\" Mayor Ana Torres said on Monday.");
    let q = r.quote("We will rebuild the bridge before winter");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(r.speaker(q), Some("Ana Torres"));
    assert_eq!(r.cue(q), Some("said"));
}

#[test]
fn curly_quotes_with_the_attribution_before() {
    let r = read("Ana Torres, the mayor of Dunmore, spoke after the vote. Torres said, “The bridge opens in May.”");
    let q = r.quote("The bridge opens in May.");
    assert_eq!(r.speaker(q), Some("Ana Torres"));
    assert_eq!(r.cue(q), Some("said"));
}

#[test]
fn inverted_attribution_with_a_title() {
    let r = read("“Nobody will pay a toll twice,” said Governor Paul Lind, who signed the bill.");
    let q = r.quote("Nobody will pay a toll twice");
    assert_eq!(r.speaker(q), Some("Paul Lind"));
}

#[test]
fn block_quote_introduced_by_a_colon() {
    let r = read(
        "Mayor Ana Torres answered the council in a letter, writing:\n\nThe bridge will open in May, and the toll will stay at two dollars for every car.\n\nThe council meets again next week.",
    );
    let q = r
        .quote("The bridge will open in May, and the toll will stay at two dollars for every car.");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(r.speaker(q), Some("Ana Torres"));
    assert_eq!(r.cue(q), Some("writing"));
    // The narrative after the block is not part of it.
    assert!(r
        .a
        .quotes
        .iter()
        .all(|q| !q.content.of(&r.text).contains("council meets")));
}

#[test]
fn quote_continued_across_paragraphs() {
    let r = read("“We are ready. We have the money.\n\n“And we have the workers,” said Ana Torres, the mayor.");
    let first = r.index("We are ready. We have the money.");
    let second = r.quote("And we have the workers");
    assert_eq!(second.continues, Some(first));
    assert_eq!(r.speaker(second), Some("Ana Torres"));
    assert_eq!(r.speaker(&r.a.quotes[first]), Some("Ana Torres"));
}

#[test]
fn quote_interrupted_by_its_attribution() {
    let r = read("Ana Torres spoke first. “The bridge is safe,” she said. “The inspectors agree.”");
    let first = r.index("The bridge is safe");
    let second = r.quote("The inspectors agree.");
    assert_eq!(second.continues, Some(first));
    assert_eq!(r.speaker(second), Some("Ana Torres"));
}

#[test]
fn nested_quote_points_to_the_quote_that_contains_it() {
    let r = read(
        "Governor Paul Lind met Mayor Ana Torres on Friday. Lind spoke to reporters later.\n\n“He told me, ‘The state will not pay for the bridge,’ and I told him we would find the money,” Torres said.",
    );
    let outer = r.index("He told me, ‘The state will not pay for the bridge,’ and I told him we would find the money");
    let inner = r.quote("The state will not pay for the bridge");
    assert_eq!(inner.nested_in, Some(outer));
    assert_eq!(r.speaker(&r.a.quotes[outer]), Some("Ana Torres"));
    assert_eq!(r.speaker(inner), Some("Paul Lind"), "{:#?}", r.listing());
}

#[test]
fn partial_quote_inside_the_reporters_sentence() {
    let r =
        read("Mayor Ana Torres called the plan “a gamble with our money” in a speech on Tuesday.");
    let q = r.quote("a gamble with our money");
    assert_eq!(q.kind, QuoteKind::Partial);
    assert_eq!(r.speaker(q), Some("Ana Torres"));
    assert_eq!(r.cue(q), Some("called"));
}

#[test]
fn scare_quotes_and_titles_are_not_quotes() {
    let r = read("The so-called “bridge tax” was debated for an hour. Residents watched “Dunmore Tonight” afterwards.");
    assert!(
        r.a.quotes.iter().all(|q| q.kind == QuoteKind::Indirect),
        "{:#?}",
        r.listing()
    );
}

#[test]
fn indirect_attributions_said_that_and_according_to() {
    let r = read(
        "Governor Paul Lind said that the state would not pay for the bridge.\n\nAccording to the Dunmore Gazette, the repairs will cost $40 million.",
    );
    let said = r.quote("the state would not pay for the bridge");
    assert_eq!(said.kind, QuoteKind::Indirect);
    assert_eq!(r.speaker(said), Some("Paul Lind"));
    assert_eq!(r.cue(said), Some("said"));
    let according = r.quote("the repairs will cost $40 million");
    assert_eq!(according.kind, QuoteKind::Indirect);
    assert_eq!(
        according.source.map(|s| s.of(&r.text)),
        Some("the Dunmore Gazette")
    );
    assert_eq!(r.cue(according), Some("According to"));
}

#[test]
fn she_is_the_spokeswoman_named_before() {
    let r = read(
        "City Hall spokeswoman Mara Quint defended the budget on Monday. Governor Paul Lind disagreed. She said, “Every dollar is accounted for.”",
    );
    let q = r.quote("Every dollar is accounted for.");
    assert_eq!(r.cue(q), Some("said"));
    assert_eq!(r.speaker(q), Some("Mara Quint"), "{:#?}", r.listing());
}

#[test]
fn unnamed_sources_have_no_speaker_and_say_why() {
    let r = read("“The bridge was never inspected,” a city engineer said.");
    let q = r.quote("The bridge was never inspected");
    assert_eq!(q.speaker, None);
    let note = q.speaker_note.as_deref().unwrap_or("");
    assert!(note.contains("unnamed source"), "{note}");
}

#[test]
fn a_quote_without_any_attribution_says_so() {
    let r = read("The council voted on Monday.\n\n“Nobody expected the vote to pass so quickly this time.”\n\nThe next session is in May.");
    let q = r.quote("Nobody expected the vote to pass so quickly this time.");
    assert_eq!(q.speaker, None);
    assert_eq!(q.speaker_note.as_deref(), Some("no speaker in the text"));
}

#[test]
fn a_role_before_the_name_in_apposition() {
    let r = read(
        "The port's director, Jonas Rieker, said that the terminal would reopen within a week. \
         Veloria's deputy minister for maritime affairs, Marisol Deverra, said the clean-up was on \
         schedule.",
    );
    // The speaker is the name that is the apposition.
    let q = r.quote("the terminal would reopen within a week");
    assert_eq!(r.speaker(q), Some("Jonas Rieker"), "{:#?}", r.listing());
    let q = r.quote("the clean-up was on schedule");
    assert_eq!(r.speaker(q), Some("Marisol Deverra"), "{:#?}", r.listing());
    let role = |name: &str| {
        r.a.entities
            .iter()
            .find(|e| e.name == name)
            .map(|e| e.roles.clone())
            .unwrap_or_default()
    };
    assert_eq!(role("Jonas Rieker"), ["port's director"]);
    assert_eq!(
        role("Marisol Deverra"),
        ["Veloria's deputy minister for maritime affairs"]
    );
}

#[test]
fn a_quoted_term_is_not_speech_of_the_sentence_s_subject() {
    let r = read(
        "President Tomas Arvelo has classified the smuggling rings as “maritime terrorist” \
         groups. President Tomas Arvelo made it clear that Veloria would “never accept” foreign \
         warships.",
    );
    assert!(
        r.a.quotes
            .iter()
            .all(|q| q.content.of(&r.text) != "maritime terrorist"),
        "{:#?}",
        r.listing()
    );
    let q = r.quote("never accept");
    assert_eq!(r.speaker(q), Some("Tomas Arvelo"), "{:#?}", r.listing());
}
