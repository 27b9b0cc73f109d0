//! Unit tests of the entity finder: one per behaviour the issue asks for.

use super::*;
use crate::{split_sentences, tokenize, EntityKind, MentionKind};
use crosscheck_model::Gender;

fn ents(text: &str) -> Vec<DocEntity> {
    find_entities(text, &split_sentences(text), &tokenize(text))
}

fn get<'a>(es: &'a [DocEntity], name: &str) -> &'a DocEntity {
    es.iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity {name:?} in {:#?}", names(es)))
}

fn names(es: &[DocEntity]) -> Vec<(String, EntityKind)> {
    es.iter().map(|e| (e.name.clone(), e.kind)).collect()
}

fn spans<'a>(text: &'a str, e: &DocEntity, kind: MentionKind) -> Vec<&'a str> {
    e.mentions
        .iter()
        .filter(|m| m.kind == kind)
        .map(|m| &text[m.start..m.end])
        .collect()
}

#[test]
fn full_name_surname_and_titled_name_are_one_person() {
    let t = "Mexican President Claudia Sheinbaum rejected the offer. Sheinbaum said no. \
             Later, President Sheinbaum spoke again about Sheinbaum’s plan.";
    let es = ents(t);
    let people: Vec<_> = es.iter().filter(|e| e.kind == EntityKind::Person).collect();
    assert_eq!(people.len(), 1, "{:?}", names(&es));
    let s = get(&es, "Claudia Sheinbaum");
    assert_eq!(spans(t, s, MentionKind::Name).len(), 4);
    assert!(s.aliases.contains(&"Sheinbaum".to_string()));
    assert!(s.aliases.contains(&"President Sheinbaum".to_string()));
    assert_eq!(s.roles, ["Mexican President", "President"]);
    assert_eq!(s.gender, Some(Gender::Female));
}

#[test]
fn united_states_has_one_canonical_name() {
    let t = "The U.S. offered help. The US insisted, and the United States of America \
             repeated it. America waited while U.S.-Mexico ties frayed.";
    let es = ents(t);
    let us = get(&es, "United States");
    assert_eq!(us.kind, EntityKind::Place);
    assert_eq!(spans(t, us, MentionKind::Name).len(), 5);
    assert_eq!(get(&es, "Mexico").kind, EntityKind::Place);
    assert_eq!(es.len(), 2, "{:?}", names(&es));
}

#[test]
fn outlets_and_agencies_are_organisations() {
    let t = "According to the New York Times and Reuters, the FBI and the CIA briefed \
             the Department of Homeland Security. Breitbart and Fox News followed.";
    let es = ents(t);
    for n in [
        "The New York Times",
        "Reuters",
        "FBI",
        "CIA",
        "Department of Homeland Security",
        "Breitbart",
        "Fox News",
    ] {
        assert_eq!(get(&es, n).kind, EntityKind::Organization, "{n}");
    }
}

#[test]
fn titles_are_roles_not_names() {
    let t = "White House Deputy Press Secretary Anna Kelly spoke. Secretary of State Marco \
             Rubio agreed with U.S. Ambassador to Mexico Ronald Johnson and former U.S. \
             President Donald Trump. El Salvador's President Nayib Bukele disagreed.";
    let es = ents(t);
    assert_eq!(
        get(&es, "Anna Kelly").roles,
        ["White House Deputy Press Secretary"]
    );
    assert_eq!(get(&es, "Marco Rubio").roles, ["Secretary of State"]);
    assert_eq!(
        get(&es, "Ronald Johnson").roles,
        ["U.S. Ambassador to Mexico"]
    );
    assert_eq!(get(&es, "Donald Trump").roles, ["former U.S. President"]);
    assert_eq!(get(&es, "Nayib Bukele").roles, ["El Salvador's President"]);
    assert_eq!(get(&es, "White House").kind, EntityKind::Organization);
    assert_eq!(get(&es, "El Salvador").kind, EntityKind::Place);
    assert!(es
        .iter()
        .all(|e| !e.name.contains("Secretary") && !e.name.contains("President")));
}

#[test]
fn lower_case_roles_honorifics_and_appositives() {
    let t = "Spokeswoman Jane Roe declined. Mr. Tallis disagreed, and Sen. Ruiz left. \
             Paul Quint, the chief executive of the port, said nothing. \
             The move was backed by spokesman Bob Lake.";
    let es = ents(t);
    let roe = get(&es, "Jane Roe");
    assert_eq!(roe.roles, ["Spokeswoman"]);
    assert_eq!(roe.gender, Some(Gender::Female));
    let tallis = get(&es, "Tallis");
    assert_eq!(tallis.kind, EntityKind::Person);
    assert_eq!(tallis.gender, Some(Gender::Male));
    assert!(tallis.aliases.contains(&"Mr. Tallis".to_string()));
    assert!(tallis.roles.is_empty());
    assert_eq!(get(&es, "Ruiz").roles, ["Sen."]);
    assert_eq!(
        get(&es, "Paul Quint").roles,
        ["chief executive of the port"]
    );
    assert_eq!(get(&es, "Bob Lake").roles, ["spokesman"]);
    assert_eq!(get(&es, "Bob Lake").gender, Some(Gender::Male));
}

#[test]
fn a_role_in_apposition_before_the_name() {
    let t = "The port's director, Jonas Rieker, said the terminal would reopen. \
             In Saltmere, Jonas Rieker spoke again. \
             Residents who fled the fire, Anna Lind and Per Holm, returned on Monday.";
    let es = ents(t);
    assert_eq!(get(&es, "Jonas Rieker").roles, ["port's director"]);
    // A clause before the names is not a role; nor is a place before a comma.
    assert!(get(&es, "Anna Lind").roles.is_empty());
}

#[test]
fn sentence_openers_and_common_words_are_not_names() {
    let t = "However, the talks failed. Experts note the risk. Despite this, Reports \
             say little. In Mexico, the plan stalled. This is new. Sovereignty matters, \
             and sovereignty is loved.";
    let es = ents(t);
    assert_eq!(names(&es), [("Mexico".to_string(), EntityKind::Place)]);
}

#[test]
fn title_case_headings_keep_only_known_names() {
    let t = "Actor Julian McMahon Dies at 56 Following Cancer Battle\n\n\
             Physical Address\n\n\
             Mexican President Rejects U.S. Troop Offer\n\n\
             Sheinbaum’s Stance on Sovereignty\n\n\
             Mexican President Claudia Sheinbaum rejected the offer.";
    let es = ents(t);
    let mut got = names(&es);
    got.sort();
    assert_eq!(
        got,
        [
            ("Claudia Sheinbaum".to_string(), EntityKind::Person),
            ("United States".to_string(), EntityKind::Place),
        ]
    );
    assert_eq!(get(&es, "Claudia Sheinbaum").mentions.len(), 2);
}

#[test]
fn she_resolves_to_the_previous_subject() {
    let t = "In a statement, White House Deputy Press Secretary Anna Kelly detailed the \
             efforts. She stated, “President Trump has worked with President Sheinbaum.”\n\n\
             President Sheinbaum articulated a strong commitment. She stated, “No.”";
    let es = ents(t);
    let kelly = get(&es, "Anna Kelly");
    let she: Vec<usize> = es
        .iter()
        .flat_map(|e| e.mentions.iter())
        .filter(|m| m.kind == MentionKind::Pronoun)
        .map(|m| m.start)
        .collect();
    assert_eq!(she.len(), 2, "{es:#?}");
    assert!(kelly
        .mentions
        .iter()
        .any(|m| m.kind == MentionKind::Pronoun && m.start == she[0]));
    let s = get(&es, "Sheinbaum");
    assert!(s
        .mentions
        .iter()
        .any(|m| m.kind == MentionKind::Pronoun && m.start == she[1]));
    assert_eq!(
        s.gender,
        Some(Gender::Female),
        "gender learnt from the pronoun"
    );
}

#[test]
fn pronouns_respect_gender_and_skip_quotes() {
    let t = "Donald Trump called Claudia Sheinbaum. He asked her a question. \
             “He will not come,” Sheinbaum said.";
    let es = ents(t);
    let trump = get(&es, "Donald Trump");
    let sheinbaum = get(&es, "Claudia Sheinbaum");
    assert_eq!(spans(t, trump, MentionKind::Pronoun), ["He"]);
    assert_eq!(spans(t, sheinbaum, MentionKind::Pronoun), ["her"]);
}

#[test]
fn descriptions_resolve_to_the_role_holder() {
    let t = "El Salvador's President Nayib Bukele criticised Mexico. Mexican President \
             Claudia Sheinbaum replied. El Salvador's president offered more criticism, \
             and the Mexican leader answered that Mexico would not yield. The country's \
             president was firm. \
             Spokeswoman Jane Roe said the spokeswoman had nothing to add.";
    let es = ents(t);
    let bukele = get(&es, "Nayib Bukele");
    assert_eq!(
        spans(t, bukele, MentionKind::Description),
        ["El Salvador's president"]
    );
    let s = get(&es, "Claudia Sheinbaum");
    assert_eq!(
        spans(t, s, MentionKind::Description),
        ["the Mexican leader", "The country's president"]
    );
    assert_eq!(
        spans(t, get(&es, "Jane Roe"), MentionKind::Description),
        ["the spokeswoman"]
    );
}

#[test]
fn the_post_joins_the_full_outlet_name() {
    let t = "The New York Post reported it first. The Post later added details.";
    let es = ents(t);
    let post = get(&es, "The New York Post");
    assert_eq!(post.mentions.len(), 2, "{es:#?}");
    assert_eq!(es.len(), 1);
}

#[test]
fn organisation_and_place_head_words() {
    let t = "Analysts at the Heritage Foundation and the Ruritanian Bankers Association \
             met near the National Palace with officials of the Bureau of Ports.";
    let es = ents(t);
    assert_eq!(
        get(&es, "Heritage Foundation").kind,
        EntityKind::Organization
    );
    assert_eq!(
        get(&es, "Ruritanian Bankers Association").kind,
        EntityKind::Organization
    );
    assert_eq!(get(&es, "National Palace").kind, EntityKind::Place);
    assert_eq!(get(&es, "Bureau of Ports").kind, EntityKind::Organization);
}

#[test]
fn ambiguous_surnames_stay_apart() {
    let t = "Anna Kelly and Mark Kelly met. Kelly said nothing.";
    let es = ents(t);
    assert_eq!(get(&es, "Anna Kelly").mentions.len(), 1);
    assert_eq!(get(&es, "Mark Kelly").mentions.len(), 1);
    assert_eq!(get(&es, "Kelly").mentions.len(), 1);
}

#[test]
fn entity_in_finds_the_name_inside_a_source_phrase() {
    let t = "White House Deputy Press Secretary Anna Kelly detailed the plan.";
    let es = ents(t);
    let end = t.find("Kelly").unwrap() + 5;
    let i = entity_in(&es, Span::new(0, end)).expect("an entity");
    assert_eq!(es[i].name, "Anna Kelly");
}

#[test]
fn mentions_are_sorted_and_on_char_boundaries() {
    let t = "Él dijo que José López Obrador y la Ciudad de México — “sí” — según Reuters. \
             President José López Obrador habló. He said López was right.";
    for e in ents(t) {
        let mut last = 0;
        for m in &e.mentions {
            assert!(m.start >= last && m.start < m.end && m.end <= t.len());
            assert!(t.is_char_boundary(m.start) && t.is_char_boundary(m.end));
            last = m.start;
        }
    }
}

#[test]
fn a_role_with_an_unlisted_complement_ends_where_the_given_name_starts() {
    let t = "Deputy Minister for Coastal Resilience Ingrid Halvorsen, who leads the effort, \
             said the dikes would hold. Minister of Inland Waterways Piotr Zelenka agreed on \
             the plan with Secretary of State Marco Rubio after a long day of talks. Halvorsen serves under Foreign Affairs Minister \
             Petra Lindqvist.";
    let es = ents(t);
    let h = get(&es, "Ingrid Halvorsen");
    assert_eq!(h.kind, EntityKind::Person);
    assert_eq!(h.roles, ["Deputy Minister for Coastal Resilience"]);
    assert_eq!(h.gender, Some(Gender::Female));
    assert!(h.aliases.contains(&"Halvorsen".to_string()));
    assert_eq!(
        get(&es, "Piotr Zelenka").roles,
        ["Minister of Inland Waterways"]
    );
    assert_eq!(get(&es, "Marco Rubio").roles, ["Secretary of State"]);
    assert_eq!(
        get(&es, "Petra Lindqvist").roles,
        ["Foreign Affairs Minister"]
    );
    assert!(
        es.iter().all(|e| !e.name.contains("Resilience")
            && !e.name.contains("Waterways")
            && !e.name.contains("Affairs")),
        "{:?}",
        names(&es)
    );
}

#[test]
fn a_pronoun_never_contradicts_a_given_name_nor_picks_a_building() {
    let t = "Prime Minister Anders Vikstrom wrote to the council on Monday. \
             “We are ready,” she said.\n\n\
             Mayor Lena Dahl spoke at the Rosa Palace on Friday. \
             “The bridge stays shut,” she said. Officials gathered in Victoria Square.";
    let es = ents(t);
    let v = get(&es, "Anders Vikstrom");
    assert_eq!(v.gender, Some(Gender::Male));
    assert!(spans(t, v, MentionKind::Pronoun).is_empty(), "{v:#?}");
    let palace = get(&es, "Rosa Palace");
    assert_eq!(palace.kind, EntityKind::Place);
    assert_eq!(palace.gender, None);
    assert!(palace.mentions.iter().all(|m| m.kind == MentionKind::Name));
    assert_eq!(get(&es, "Victoria Square").kind, EntityKind::Place);
    let dahl = get(&es, "Lena Dahl");
    assert_eq!(spans(t, dahl, MentionKind::Pronoun), ["she"]);
}

#[test]
fn place_prefixes_make_places_even_when_they_speak() {
    let t = "Diplomats in Port Brenholm said the talks would resume. The envoy flew to \
             Port Brenholm, and Lake Osvald froze.";
    let es = ents(t);
    let p = get(&es, "Port Brenholm");
    assert_eq!(p.kind, EntityKind::Place);
    assert_eq!(p.mentions.len(), 2);
    assert_eq!(get(&es, "Lake Osvald").kind, EntityKind::Place);
}

#[test]
fn unknown_countries_are_known_by_their_demonym_and_context() {
    let t = "Corvanian President Lukas Brenner refused the offer. Aid was sent to Corvania, \
             and Corvania's navy watched. A spokesman said Corvania would decide alone, and \
             Corvanian crews will guard the coast. “We are grateful,” he said. Talks were \
             held in Ostmark on Friday, at the port of Dunmere.";
    let es = ents(t);
    let c = get(&es, "Corvania");
    assert_eq!(c.kind, EntityKind::Place);
    assert!(c.mentions.iter().all(|m| m.kind == MentionKind::Name));
    let b = get(&es, "Lukas Brenner");
    assert_eq!(b.roles, ["Corvanian President"]);
    assert_eq!(spans(t, b, MentionKind::Pronoun), ["he"]);
    assert_eq!(get(&es, "Ostmark").kind, EntityKind::Place);
    assert_eq!(get(&es, "Dunmere").kind, EntityKind::Place);
    assert!(es.iter().all(|e| e.name != "Corvanian"), "{:?}", names(&es));
}

#[test]
fn demonyms_used_only_as_adjectives_are_no_entities() {
    let t = "The sea off the coast is Kelvarian water, and Kelvarian sailors will guard it. \
             Mayor Ivo Brandt spoke in Kelvarian; the Kelvarian Deputy Minister Sofia Lenz \
             listened.";
    let es = ents(t);
    assert!(
        es.iter().all(|e| !e.name.contains("Kelvarian")),
        "{:?}",
        names(&es)
    );
    assert_eq!(get(&es, "Sofia Lenz").roles, ["Kelvarian Deputy Minister"]);
    // A surname that only looks like a demonym stays a person.
    let t = "Clara Dorian met the press. Dorian said little, and Dorian left early.";
    let es = ents(t);
    assert_eq!(get(&es, "Clara Dorian").mentions.len(), 3, "{es:#?}");
}

#[test]
fn the_speaking_subject_of_a_reported_clause_is_still_a_place_with_evidence() {
    // "said Ardenia would" makes Ardenia look like a speaker; the rest of
    // the text shows a place.
    let t = "The minister said Ardenia would accept equipment. Ships sailed from Ardenia \
             to help, and Ardenia's coast guard led them. “No warships,” he said.";
    let es = ents(t);
    assert_eq!(get(&es, "Ardenia").kind, EntityKind::Place, "{es:#?}");
    // Without such evidence a speaker stays a person.
    let t = "Vantrell said the deal was done. A letter went to Vantrell.";
    let es = ents(t);
    assert_eq!(get(&es, "Vantrell").kind, EntityKind::Person);
}

proptest::proptest! {
    #[test]
    fn never_panics_on_any_text(text in "\\PC{0,400}") {
        let es = ents(&text);
        for e in es {
            for m in e.mentions {
                proptest::prop_assert!(m.start < m.end && m.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
            }
        }
    }

    #[test]
    fn never_panics_on_news_like_text(words in proptest::collection::vec(
        proptest::sample::select(vec![
            "President", "Claudia", "Sheinbaum", "Sheinbaum’s", "’s", "U.S.", "U.S.-Mexico",
            "the", "The", "of", "and", "said", "She", "he", "her", ",", ".", "“", "”", "\"",
            "Mr.", "Sen.", "White", "House", "Deputy", "Press", "Secretary", "El", "Salvador's",
            "president", "country's", "Department", "Homeland", "Security", "\n\n", "\n",
            "Reuters", "New", "York", "Times", "Post", "de", "la", "J.", "-", "—", "Anna",
            "Kelly", "spokeswoman", "former", "leader", "Mexican", "é", "Ñ", "1", "$5",
        ]), 0..80)) {
        let text = words.join(" ");
        let es = ents(&text);
        for e in &es {
            proptest::prop_assert!(!e.name.is_empty());
            let mut last = 0;
            for m in &e.mentions {
                proptest::prop_assert!(m.start >= last && m.start < m.end && m.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                last = m.start;
            }
        }
    }
}
