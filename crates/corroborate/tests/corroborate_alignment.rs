//! Fixtures written for the project (a fictional flood in the province of
//! Tarrow) for the three harder cases of corroboration: reports of one
//! event worded differently are one fact, without chaining it to the event
//! they mention; one measured quantity given differently in different words
//! is contested; one person given two ranks of one office is a role
//! conflict. Each with the cases that must not be caught.

use crosscheck_claims::analyze_document;
use crosscheck_corroborate::{corroborate, AlignedClaim, Findings, Status, StoryDoc};
use crosscheck_model::DocAnalysis;

struct Doc {
    id: String,
    outlet: Option<String>,
    published: Option<String>,
    text: String,
    analysis: DocAnalysis,
    upstream: Vec<String>,
}

fn doc(id: &str, outlet: &str, date: &str, text: &str) -> Doc {
    Doc {
        id: id.into(),
        outlet: Some(outlet.into()),
        published: Some(date.into()),
        analysis: analyze_document(text, Some(date)),
        text: text.into(),
        upstream: Vec::new(),
    }
}

fn story(docs: &[Doc]) -> Vec<StoryDoc<'_>> {
    docs.iter()
        .map(|d| StoryDoc {
            id: &d.id,
            outlet: d.outlet.as_deref(),
            published: d.published.as_deref(),
            text: &d.text,
            analysis: &d.analysis,
            upstream: &d.upstream,
            copy_of: None,
            episode: None,
        })
        .collect()
}

/// Every member claim of a finding, as text.
fn texts<'a>(docs: &[StoryDoc<'a>], c: &AlignedClaim) -> Vec<&'a str> {
    c.claims
        .iter()
        .map(|&(d, k)| docs[d].analysis.claims[k].span.of(docs[d].text))
        .collect()
}

/// The finding one of whose claims contains `phrase`.
fn find<'f>(docs: &[StoryDoc], f: &'f Findings, phrase: &str) -> &'f AlignedClaim {
    f.claims
        .iter()
        .find(|c| texts(docs, c).iter().any(|t| t.contains(phrase)))
        .unwrap_or_else(|| panic!("no finding with {phrase:?} in {:#?}", all(docs, f)))
}

fn all<'a>(docs: &[StoryDoc<'a>], f: &Findings) -> Vec<(Status, Vec<&'a str>)> {
    f.claims
        .iter()
        .map(|c| (c.status, texts(docs, c)))
        .collect()
}

// The offer, by the wire and a paper relaying it; its rejection, worded
// three ways, one of them months later and naming the offer's helicopters.
const OFFER_WIRE: &str = "Governor Ilsa Marren of Calvey on Monday offered to send four rescue \
    helicopters to the flooded province of Tarrow, her office said.";
const OFFER_PAPER: &str = "Governor Ilsa Marren has offered to send four rescue helicopters to \
    Tarrow, where the river burst its banks on Saturday.";
const REJECTION_1: &str = "On Wednesday, Tarrow rejected Governor Ilsa Marren's offer to send \
    rescue helicopters to the flooded valley of Dunmoor, a decision local officials called \
    prudent.";
const REJECTION_2: &str = "On Thursday, Tarrow firmly rejected Calvey's offer of air support \
    after the floods in the valley of Dunmoor, stressing that its own crews can cope.";
const REJECTION_LATER: &str = "In March, Tarrow premier Osk Brandt rejected an offer by Governor \
    Ilsa Marren to send four rescue helicopters to the province, saying local crews would \
    manage.";
// Claims sharing a name or a verb with the others, about something else.
const BRIDGE: &str = "Governor Ilsa Marren opened a new toll bridge across the Calvey estuary \
    on Tuesday, ten years after work began.";
const BUDGET: &str = "On Friday, Tarrow rejected a budget proposal from its finance council \
    that would have raised fuel duties.";

fn flood_docs() -> Vec<Doc> {
    vec![
        doc("w", "Meridian Wire", "2026-03-02", OFFER_WIRE),
        doc("p", "Calvey Post", "2026-03-03", OFFER_PAPER),
        doc("r1", "Tarrow Herald", "2026-03-05", REJECTION_1),
        doc("r2", "Valley News", "2026-03-06", REJECTION_2),
        doc("r3", "Northgate Ledger", "2026-04-20", REJECTION_LATER),
        doc("b", "Estuary Times", "2026-03-04", BRIDGE),
        doc("g", "Tarrow Gazette", "2026-03-07", BUDGET),
    ]
}

#[test]
fn reports_of_one_rejection_in_different_words_are_one_fact() {
    let docs = flood_docs();
    let docs = story(&docs);
    let f = corroborate(&docs);
    let rejection = find(&docs, &f, "Tarrow firmly rejected");
    assert_eq!(rejection.documents, [2, 3, 4], "{:#?}", all(&docs, &f));
    assert_eq!(rejection.status, Status::Corroborated);
    assert_eq!(rejection.sources.len(), 3);
}

#[test]
fn a_rejection_naming_the_offer_does_not_chain_the_offer_to_it() {
    let docs = flood_docs();
    let docs = story(&docs);
    let f = corroborate(&docs);
    // The later report matches the offer's claims too ("an offer … to send
    // four rescue helicopters"), but stays with the rejection it reports.
    let offer = find(
        &docs,
        &f,
        "on Monday offered to send four rescue helicopters",
    );
    assert_eq!(offer.documents, [0, 1], "{:#?}", all(&docs, &f));
    assert_eq!(offer.status, Status::Corroborated);
    assert!(find(&docs, &f, "Osk Brandt rejected")
        .documents
        .contains(&2));
}

#[test]
fn claims_sharing_a_name_or_a_verb_with_a_fact_are_not_aligned_with_it() {
    let docs = flood_docs();
    let docs = story(&docs);
    let f = corroborate(&docs);
    // The governor's bridge is not her offer; Tarrow's rejection of a
    // budget proposal is not its rejection of the helicopters.
    for (phrase, doc) in [("toll bridge", 5), ("budget proposal", 6)] {
        let c = find(&docs, &f, phrase);
        assert_eq!(c.documents, [doc], "{phrase}: {:#?}", all(&docs, &f));
        assert_eq!(c.status, Status::SingleSource);
    }
}

// One spill, measured by the port authority (two outlets) and by
// independent monitors (one outlet), in different sentences.
const SPILL_PORT: &str = "Port officials estimate that about 180 tonnes of crude oil spilled \
    from the damaged tanker Orla Grey.";
const SPILL_COAST: &str = "The coast guard said an estimated 180 tonnes of crude oil had escaped \
    from the tanker before its hull was sealed.";
const SPILL_MONITORS: &str = "Independent monitors put the amount of crude oil released into \
    the bay at nearly 400 tonnes, well above the official estimate.";
// Other quantities of the same thing: not a dispute.
const RECOVERED: &str = "Salvage crews have recovered 120 tonnes of crude oil from the bay, the \
    harbour master said.";
const CARGO: &str = "Port officials estimate that the tanker carried about 2,000 tonnes of \
    crude oil when it ran aground on Sunday.";
const OVER: &str = "Officials estimate that more than 150 tonnes of crude oil spilled from the \
    tanker.";

#[test]
fn one_quantity_given_differently_in_different_words_is_contested() {
    let docs = [
        doc("a", "Harbor Line", "2026-03-02", SPILL_PORT),
        doc("b", "Coastal Times", "2026-03-02", SPILL_COAST),
        doc("c", "Kestria Today", "2026-03-03", SPILL_MONITORS),
    ];
    let docs = story(&docs);
    let f = corroborate(&docs);
    let port = find(&docs, &f, "about 180 tonnes");
    assert_eq!(port.documents, [0, 1], "{:#?}", all(&docs, &f));
    let monitors = find(&docs, &f, "nearly 400 tonnes");
    assert_eq!(monitors.documents, [2]);
    // Each side cites the other; the figure two independent sources give
    // stays corroborated, the lone one is contested.
    assert_eq!(monitors.status, Status::Contested);
    assert_eq!(monitors.contradictions.len(), 1);
    assert_eq!(monitors.contradictions[0].claims, port.claims);
    let reason = &monitors.contradictions[0].reason;
    assert!(
        reason.starts_with("nearly 400 tonnes against ") && reason.ends_with("180 tonnes"),
        "{reason}"
    );
    assert_eq!(port.status, Status::Corroborated);
    assert_eq!(port.contradictions[0].claims, monitors.claims);
}

#[test]
fn other_quantities_of_the_same_thing_are_not_contested() {
    let docs = [
        doc("a", "Harbor Line", "2026-03-02", SPILL_PORT),
        doc("b", "Coastal Times", "2026-03-03", RECOVERED),
        doc("c", "Kestria Today", "2026-03-03", CARGO),
        doc("d", "Valley News", "2026-03-04", OVER),
    ];
    let docs = story(&docs);
    let f = corroborate(&docs);
    // Recovered is not spilled; ten times the figure is another quantity
    // (the cargo); "more than 150" allows 180 (and is the same fact).
    for c in &f.claims {
        assert!(c.contradictions.is_empty(), "{:#?}", all(&docs, &f));
        assert_ne!(c.status, Status::Contested);
    }
}

#[test]
fn two_ranks_of_one_office_for_one_person_are_a_role_conflict() {
    let docs = [
        doc(
            "a",
            "Tarrow Herald",
            "2026-03-05",
            "Deputy Minister for Energy Lena Oksdal said the dams would hold.",
        ),
        doc(
            "b",
            "Valley News",
            "2026-03-06",
            "Energy Minister Lena Oksdal said the dams were safe.",
        ),
        doc(
            "c",
            "Calvey Post",
            "2026-03-06",
            "Deputy Minister for Energy Lena Oksdal visited the dams on Friday.",
        ),
    ];
    let docs = story(&docs);
    let f = corroborate(&docs);
    assert_eq!(f.role_conflicts.len(), 1, "{:#?}", f.role_conflicts);
    let r = &f.role_conflicts[0];
    assert_eq!(r.entity, "Lena Oksdal");
    // The title one outlet gives first, against the one the others give.
    assert_eq!(r.sides[0], ("Energy Minister".to_string(), vec![1]));
    assert_eq!(
        r.sides[1],
        ("Deputy Minister for Energy".to_string(), vec![0, 2])
    );
}

#[test]
fn two_offices_one_person_may_hold_or_titles_months_apart_are_not_a_conflict() {
    let docs = [
        // Two portfolios at once (the country's name in both titles is not
        // a shared portfolio).
        doc(
            "a",
            "Tarrow Herald",
            "2026-03-05",
            "Tarrovian Foreign Minister Tova Linde said the border between Tarrow and Calvey \
             would stay open.",
        ),
        doc(
            "b",
            "Valley News",
            "2026-03-06",
            "Tarrovian Deputy Prime Minister Tova Linde visited the border between Tarrow and \
             Calvey on Friday.",
        ),
        // The same office with and without its country.
        doc(
            "c",
            "Calvey Post",
            "2026-03-06",
            "Tarrovian Deputy Governor Anja Sten said the roads were closed.",
        ),
        doc(
            "d",
            "Estuary Times",
            "2026-03-07",
            "Deputy Governor Anja Sten said the roads were closed.",
        ),
        // A promotion: deputy in March, governor in September.
        doc(
            "e",
            "Estuary Times",
            "2026-09-10",
            "Governor Anja Sten said the roads had been rebuilt.",
        ),
    ];
    let roles: Vec<&String> = docs[..2]
        .iter()
        .flat_map(|d| &d.analysis.entities)
        .flat_map(|e| &e.roles)
        .collect();
    assert_eq!(
        roles,
        [
            "Tarrovian Foreign Minister",
            "Tarrovian Deputy Prime Minister"
        ]
    );
    let docs = story(&docs);
    let f = corroborate(&docs);
    assert!(f.role_conflicts.is_empty(), "{:#?}", f.role_conflicts);
}

// A sentence with several checkable parts, another outlet stating one of
// them: the designation is confirmed, what it led to rests on one outlet.
const DESIGNATION_LONG: &str = "Governor Ilsa Marren's designation of the Dunmoor valley as a \
    disaster zone on Sunday has already led to the closure of six schools in Tarrow, including \
    the two largest secondary schools of the province.";
const DESIGNATION_SHORT: &str = "On Sunday, Governor Ilsa Marren designated the Dunmoor valley \
    a disaster zone.";

#[test]
fn support_of_a_part_is_not_support_of_the_whole() {
    let docs = [
        doc("a", "Tarrow Courier", "2026-03-02", DESIGNATION_LONG),
        doc("b", "Calvey Herald", "2026-03-02", DESIGNATION_SHORT),
    ];
    let story_docs = story(&docs);
    let f = corroborate(&story_docs);
    let c = find(&story_docs, &f, "has already led to");
    assert_eq!(c.claims.len(), 2, "{:#?}", all(&story_docs, &f));
    assert_eq!(
        c.status,
        Status::SingleSource,
        "{:#?}",
        all(&story_docs, &f)
    );
    assert_eq!(c.documents, [0], "{c:#?}");
    let parts: Vec<(&str, bool, Vec<usize>)> = c
        .parts
        .iter()
        .map(|p| {
            (
                &DESIGNATION_LONG[p.span.0..p.span.1],
                p.main,
                p.documents.clone(),
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            (
                "Governor Ilsa Marren's designation of the Dunmoor valley as a disaster zone on Sunday",
                false,
                vec![0, 1]
            ),
            (
                "has already led to the closure of six schools in Tarrow",
                true,
                vec![0]
            ),
            (
                "including the two largest secondary schools of the province.",
                false,
                vec![0]
            ),
        ],
        "{c:#?}"
    );
    assert_eq!(c.parts[0].sources.len(), 2);
}
