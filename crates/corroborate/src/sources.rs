//! Independent sources: which supporting documents count once.
//!
//! Documents are one source when one is a copy of another (syndication, a
//! re-post), when they come from one outlet, or when they name the same
//! upstream source (both say "according to the Wall Street Journal": they
//! lean on one report), or one is that upstream outlet itself. The union
//! is transitive; each source lists its documents and the reasons, and is
//! named as a reporting chain ([`chain_name`]).

use std::collections::BTreeMap;

use crate::{Source, StoryDoc};
use crosscheck_model::UnionFind;

/// Publication order: dated documents by date, then undated, then index.
pub fn order_key<'a>(docs: &[StoryDoc<'a>], d: usize) -> (bool, &'a str, usize) {
    (
        docs[d].published.is_none(),
        docs[d].published.unwrap_or(""),
        d,
    )
}

/// A name compared loosely: lower case, no leading "the", no punctuation.
pub fn normal(name: &str) -> String {
    let lower = name.trim().to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    lower
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The distinct known outlets of some documents, in their order.
pub fn outlets(docs: &[StoryDoc], documents: &[usize]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &d in documents {
        if let Some(o) = docs[d].outlet.filter(|o| !o.trim().is_empty()) {
            if !out.iter().any(|x| normal(x) == normal(o)) {
                out.push(o.to_string());
            }
        }
    }
    out
}

/// The independent sources among `documents` (earliest first).
pub fn independent(docs: &[StoryDoc], documents: &[usize]) -> Vec<Source> {
    let n = documents.len();
    let mut sets = UnionFind::new(n);
    let mut reasons: Vec<Vec<String>> = vec![Vec::new(); n];
    let at: std::collections::HashMap<usize, usize> =
        documents.iter().enumerate().map(|(k, &d)| (d, k)).collect();
    let pos = |d: usize| at.get(&d).copied();
    // A reason is recorded only where it joins documents not yet joined:
    // two reports of one outlet are not also said to "cite" it.
    let mut join = |sets: &mut UnionFind, a: usize, b: usize, why: String| {
        let (ra, rb) = (sets.find(a), sets.find(b));
        if !sets.union(a, b) {
            return;
        }
        let r = ra.min(rb);
        let moved = std::mem::take(&mut reasons[ra.max(rb)]);
        reasons[r].extend(moved);
        if !reasons[r].contains(&why) {
            reasons[r].push(why);
        }
    };
    // Copies.
    for (k, &d) in documents.iter().enumerate() {
        if let Some(o) = docs[d].copy_of.and_then(pos) {
            join(
                &mut sets,
                k,
                o,
                format!("{} is a copy of {}", docs[d].id, docs[documents[o]].id),
            );
        }
    }
    // One outlet, or one upstream source named (or being that source).
    let mut by_name: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (k, &d) in documents.iter().enumerate() {
        if let Some(o) = docs[d].outlet.filter(|o| !o.trim().is_empty()) {
            by_name
                .entry(format!("o:{}", normal(o)))
                .or_default()
                .push(k);
            by_name
                .entry(format!("u:{}", normal(o)))
                .or_default()
                .push(k);
        }
        for u in docs[d].upstream {
            by_name
                .entry(format!("u:{}", normal(u)))
                .or_default()
                .push(k);
        }
    }
    for (name, members) in &by_name {
        let mut members = members.clone();
        members.dedup();
        if members.len() < 2 {
            continue;
        }
        let why = match name.split_once(':') {
            Some(("o", o)) => format!(
                "same outlet: {}",
                display(docs, documents, &members, o, true)
            ),
            Some((_, u)) => format!("all cite {}", display(docs, documents, &members, u, false)),
            None => continue,
        };
        for &m in &members[1..] {
            join(&mut sets, members[0], m, why.clone());
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (k, &d) in documents.iter().enumerate() {
        groups.entry(sets.find(k)).or_default().push(d);
    }
    groups
        .into_iter()
        .map(|(root, documents)| Source {
            merged_because: if documents.len() > 1 {
                reasons[root].clone()
            } else {
                Vec::new()
            },
            chain: chain_name(docs, &documents),
            documents,
        })
        .collect()
}

/// The name of the reporting chain some documents (one source) form: the
/// first upstream report the earliest of them names that every one of them
/// names or is ("Wall Street Journal" for two pages resting on it; "USA
/// Herald" for one page relaying it), else the outlet of the earliest
/// document with one, else the earliest document's id: a document of
/// unknown outlet is named, never dropped.
pub fn chain_name(docs: &[StoryDoc], documents: &[usize]) -> String {
    let names = |d: usize| -> Vec<String> {
        docs[d]
            .upstream
            .iter()
            .map(|u| normal(u))
            .chain(docs[d].outlet.map(normal))
            .collect()
    };
    if let Some(&first) = documents.first() {
        let everyone: Vec<Vec<String>> = documents.iter().map(|&d| names(d)).collect();
        for u in docs[first].upstream {
            let n = normal(u);
            if everyone.iter().all(|names| names.contains(&n)) {
                return u.clone();
            }
        }
        if let Some(o) = documents
            .iter()
            .find_map(|&d| docs[d].outlet.filter(|o| !o.trim().is_empty()))
        {
            return o.to_string();
        }
        return docs[first].id.to_string();
    }
    String::new()
}

/// A name as one of the documents writes it.
fn display(
    docs: &[StoryDoc],
    documents: &[usize],
    members: &[usize],
    normal_name: &str,
    outlet: bool,
) -> String {
    for &k in members {
        let d = &docs[documents[k]];
        if outlet {
            if let Some(o) = d.outlet {
                return o.to_string();
            }
        }
        if let Some(u) = d.upstream.iter().find(|u| normal(u) == normal_name) {
            return u.clone();
        }
        if let Some(o) = d.outlet.filter(|o| normal(o) == normal_name) {
            return o.to_string();
        }
    }
    normal_name.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::DocAnalysis;

    fn doc<'a>(
        id: &'a str,
        outlet: Option<&'a str>,
        upstream: &'a [String],
        analysis: &'a DocAnalysis,
    ) -> StoryDoc<'a> {
        StoryDoc {
            id,
            outlet,
            published: None,
            text: "",
            analysis,
            upstream,
            copy_of: None,
            episode: None,
        }
    }

    #[test]
    fn reporting_chains_are_named_by_upstream_then_outlet_then_id() {
        let a = DocAnalysis::default();
        let wsj = vec!["Wall Street Journal".to_string(), "Fox News".to_string()];
        let the_wsj = vec!["The Wall Street Journal".to_string()];
        let herald = vec!["USA Herald".to_string()];
        let docs = [
            doc("nj", Some("News Journos"), &wsj, &a),
            doc("119337ec", None, &the_wsj, &a),
            doc("tln", Some("Thin Line News"), &herald, &a),
            doc("ee92d6ec", None, &[], &a),
            doc("aiw", Some("AIWorldNewz.com"), &[], &a),
        ];
        let sources = independent(&docs, &[0, 1, 2, 3, 4]);
        let named: Vec<(&str, Vec<usize>)> = sources
            .iter()
            .map(|s| (s.chain.as_str(), s.documents.clone()))
            .collect();
        assert_eq!(
            named,
            [
                ("Wall Street Journal", vec![0, 1]),
                ("USA Herald", vec![2]),
                ("ee92d6ec", vec![3]),
                ("AIWorldNewz.com", vec![4]),
            ]
        );
    }

    #[test]
    fn one_outlet_without_a_shared_upstream_is_named_by_the_outlet() {
        let a = DocAnalysis::default();
        let wire = vec!["Meridian Wire".to_string()];
        let docs = [
            doc("h1", Some("Harborline News"), &wire, &a),
            doc("h2", Some("Harborline News"), &[], &a),
        ];
        let sources = independent(&docs, &[0, 1]);
        assert_eq!(sources.len(), 1);
        assert_eq!(sources[0].chain, "Harborline News");
    }
}
