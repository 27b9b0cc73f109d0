//! Linking entities across documents: one store-wide entity per real-world
//! entity, independent of the order of the documents.

use crosscheck_model::{sha256_hex, DocAnalysis, EntityKind};
use crosscheck_nlp::analyze;
use crosscheck_nlp::link::{link_entities, AnalysedDoc};

const DOCS: &[(&str, &str)] = &[
    (
        "d1",
        "Mexican President Claudia Sheinbaum rejected the U.S. offer from Donald Trump. \
         Sheinbaum said no, according to the Wall Street Journal.",
    ),
    (
        "d2",
        "President Sheinbaum spoke in Mexico City. The United States insisted. Trump said \
         the Pentagon was ready.",
    ),
    (
        "d3",
        "Sheinbaum, Mexico's president, met José Pérez. The US and México agreed, The Wall \
         Street Journal reported. Jose Perez said little.",
    ),
];

fn analysed() -> Vec<(&'static str, DocAnalysis)> {
    DOCS.iter().map(|(id, t)| (*id, analyze(t))).collect()
}

fn docs<'a>(a: &'a [(&'static str, DocAnalysis)], order: &[usize]) -> Vec<AnalysedDoc<'a>> {
    order
        .iter()
        .map(|&i| AnalysedDoc {
            id: a[i].0,
            published: None,
            outlet: None,
            text: DOCS[i].1,
            analysis: &a[i].1,
        })
        .collect()
}

#[test]
fn surnames_join_the_one_full_name_and_countries_their_standard_name() {
    let a = analysed();
    let linked = link_entities(&docs(&a, &[0, 1, 2]));
    let get = |n: &str| {
        linked
            .iter()
            .find(|e| e.name == n)
            .unwrap_or_else(|| panic!("no {n} in {linked:#?}"))
    };
    let s = get("Claudia Sheinbaum");
    assert_eq!(s.kind, EntityKind::Person);
    let docs_of: Vec<&str> = s.members.iter().map(|(d, _)| d.as_str()).collect();
    assert_eq!(docs_of, ["d1", "d2", "d3"]);
    assert!(s.aliases.contains(&"Sheinbaum".to_string()));
    let t = get("Donald Trump");
    assert_eq!(t.members.len(), 2, "{t:#?}");
    let us = get("United States");
    assert_eq!(us.kind, EntityKind::Place);
    assert_eq!(us.members.len(), 3);
    assert_eq!(
        get("Mexico").members,
        [("d3".to_string(), get("Mexico").members[0].1)]
    );
    assert_eq!(get("Mexico City").kind, EntityKind::Place);
    let wsj = get("The Wall Street Journal");
    assert_eq!(wsj.members.len(), 2);
    // Diacritics and case do not split a name.
    let p: Vec<_> = linked
        .iter()
        .filter(|e| e.name.contains("P"))
        .filter(|e| e.name.contains("rez"))
        .collect();
    assert_eq!(p.len(), 1, "{p:#?}");
    assert_eq!(
        s.id,
        format!("e{}", &sha256_hex(b"person:claudia sheinbaum")[..12])
    );
    let mut ids: Vec<&str> = linked.iter().map(|e| e.id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), linked.len(), "ids are unique");
}

#[test]
fn the_result_does_not_depend_on_document_order() {
    let a = analysed();
    let one = link_entities(&docs(&a, &[0, 1, 2]));
    for order in [[2, 1, 0], [1, 2, 0], [2, 0, 1]] {
        assert_eq!(link_entities(&docs(&a, &order)), one);
    }
}

#[test]
fn an_ambiguous_surname_stays_apart() {
    let texts = ["Anna Kelly spoke.", "Mark Kelly spoke.", "Kelly said no."];
    let a: Vec<(&'static str, DocAnalysis)> = ["a", "b", "c"]
        .into_iter()
        .zip(texts.iter().map(|t| analyze(t)))
        .collect();
    let ds: Vec<AnalysedDoc> = a
        .iter()
        .zip(texts)
        .map(|((id, an), t)| AnalysedDoc {
            id,
            published: None,
            outlet: None,
            text: t,
            analysis: an,
        })
        .collect();
    let linked = link_entities(&ds);
    assert!(linked.iter().any(|e| e.name == "Kelly"), "{linked:#?}");
    assert_eq!(linked.len(), 3);
}

#[test]
fn a_linking_from_group_summaries_names_the_entities_as_a_full_one() {
    use crosscheck_model::names::link_key;
    use crosscheck_nlp::link::{EntityLinker, GroupSummary};
    use std::collections::BTreeMap;
    let a = analysed();
    let full = link_entities(&docs(&a, &[0, 1, 2]));
    // Summaries of every group over all three documents (what an update
    // reads of the stored ones), and only the third document's members.
    let mut summaries: BTreeMap<(EntityKind, String), GroupSummary> = BTreeMap::new();
    for (_, analysis) in &a {
        for e in &analysis.entities {
            let s = summaries.entry((e.kind, link_key(&e.name))).or_default();
            *s.names.entry(e.name.clone()).or_default() += 1;
            s.aliases.insert(e.name.clone());
            s.aliases.extend(e.aliases.iter().cloned());
        }
    }
    let mut linker = EntityLinker::default();
    for ((kind, key), s) in summaries {
        linker.add_summary(kind, &key, s);
    }
    let third: Vec<_> = a[2].1.entities.iter().enumerate().collect();
    linker.add_members("d3", &third);
    let keyed = linker.finish_keyed();
    let names = |v: Vec<(String, String, Vec<String>)>| v;
    assert_eq!(
        names(
            keyed
                .iter()
                .map(|k| (
                    k.entity.id.clone(),
                    k.entity.name.clone(),
                    k.entity.aliases.clone()
                ))
                .collect()
        ),
        names(
            full.iter()
                .map(|e| (e.id.clone(), e.name.clone(), e.aliases.clone()))
                .collect()
        )
    );
    for (k, e) in keyed.iter().zip(&full) {
        let third: Vec<_> = e
            .members
            .iter()
            .filter(|(d, _)| d == "d3")
            .cloned()
            .collect();
        assert_eq!(k.entity.members, third, "{}", e.name);
        assert_eq!(k.keys[0], (e.kind, link_key(&e.name)), "{}", e.name);
    }
    // The surname's group is one of the keys of the full name's entity.
    let s = keyed
        .iter()
        .find(|k| k.entity.name == "Claudia Sheinbaum")
        .expect("Sheinbaum linked");
    assert!(
        s.keys[1..].iter().any(|(_, k)| k == "sheinbaum"),
        "{:?}",
        s.keys
    );
}
