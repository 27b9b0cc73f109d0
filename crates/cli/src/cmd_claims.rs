//! `crosscheck claims`: the check-worthy statements of the documents, with
//! their score, attribution, hedging, normalised amounts and time.

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::Result;
use clap::Args;
use crosscheck_model::{
    Amount, Approx, AttributionKind, Direction, DocAnalysis, DocClaim, TimeExpr, CHECKWORTHY,
};
use crosscheck_store::{ClaimFilter, ClaimRecord, Store};

use crate::exit::Exit;
use crate::output::{json_pretty, Out};
use crate::{Cli, Format};

#[derive(Args, Debug)]
pub struct ClaimsArgs {
    /// Only the claims of this document (id, id prefix of 4+ hex digits, or sha256).
    #[arg(long, value_name = "ID")]
    pub doc: Option<String>,
    /// Only claims whose check-worthiness is at least this (0 to 1; 0 lists every claim).
    #[arg(long, value_name = "X", default_value_t = CHECKWORTHY, value_parser = parse_score)]
    pub min_score: f32,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

fn parse_score(s: &str) -> Result<f32, String> {
    let x: f32 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number"))?;
    if !(0.0..=1.0).contains(&x) {
        return Err(format!("{s} is not between 0 and 1"));
    }
    Ok(x)
}

/// Longest claim text printed, in characters.
const MAX_TEXT: usize = 240;
/// Longest object printed after the predicate, in characters.
const MAX_OBJECT: usize = 80;

pub fn run(cli: &Cli, args: &ClaimsArgs) -> Result<Exit> {
    let store = crate::cmd_show::open_existing(cli)?;
    let document_id = match &args.doc {
        None => None,
        Some(id) => match store.get_document(id)? {
            Some(doc) => Some(doc.id),
            None => {
                crate::output::warn(&format!("error: no document {id}"));
                return Ok(Exit::NotFound);
            }
        },
    };
    let filter = ClaimFilter {
        document_id,
        min_score: (args.min_score > 0.0).then_some(args.min_score),
    };
    let claims = store.claims(&filter)?;
    let mut w = Out::stdout();
    if args.format == Format::Json {
        let rows: Vec<_> = claims
            .iter()
            .map(crosscheck_engine::export::export_claim)
            .collect();
        write!(w, "{}", json_pretty(&rows)?)?;
        w.finish()?;
        return Ok(Exit::Ok);
    }
    let groups = by_document(&claims);
    let mut out = String::new();
    for group in &groups {
        document_text(group, &mut out);
    }
    write!(w, "{out}")?;
    if !cli.quiet {
        let plural = |n: usize, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
        writeln!(
            w,
            "{} in {} (check-worthiness ≥ {:.2})",
            plural(claims.len(), "claim"),
            plural(groups.len(), "document"),
            args.min_score
        )?;
    }
    w.finish()?;
    Ok(Exit::Ok)
}

/// The claims grouped by document, documents by date (undated last) and
/// id, each document's claims in text order.
fn by_document(claims: &[ClaimRecord]) -> Vec<Vec<&ClaimRecord>> {
    let mut groups: Vec<Vec<&ClaimRecord>> = Vec::new();
    for c in claims {
        match groups.last_mut() {
            Some(g) if g[0].document_id == c.document_id => g.push(c),
            _ => groups.push(vec![c]),
        }
    }
    for g in &mut groups {
        g.sort_by_key(|c| (c.claim.span.start, c.claim.span.end, c.index));
    }
    groups.sort_by(|a, b| {
        let key = |c: &ClaimRecord| (c.published.is_none(), c.published.clone());
        key(a[0])
            .cmp(&key(b[0]))
            .then_with(|| a[0].document_id.cmp(&b[0].document_id))
    });
    groups
}

fn document_text(group: &[&ClaimRecord], out: &mut String) {
    let h = group[0];
    let _ = writeln!(
        out,
        "{} | {} | {}",
        h.outlet.as_deref().unwrap_or("unknown outlet"),
        h.published.as_deref().unwrap_or("no date"),
        h.document_id
    );
    let _ = writeln!(out, "{}", h.title.as_deref().unwrap_or("(no title)"));
    for c in group {
        out.push('\n');
        claim_text(c, out);
    }
    out.push('\n');
}

/// One claim: score, attribution and hedges; the text; then one line per
/// amount, the time, subjects, predicate and key.
fn claim_text(c: &ClaimRecord, out: &mut String) {
    let claim = &c.claim;
    let source = match claim.attribution.kind {
        AttributionKind::Named => c.source.as_ref().map(|s| s.name.as_str()),
        _ => None,
    };
    let _ = writeln!(
        out,
        "  {:.2}  {}{}",
        claim.checkworthiness,
        attribution_label(claim, source),
        hedge_label(claim)
    );
    let _ = writeln!(out, "    {}", cut_words(&collapse(&c.text), MAX_TEXT));
    let mut line = |label: &str, value: String| {
        let _ = writeln!(out, "      {label:<10} {value}");
    };
    for am in &claim.amounts {
        line("amount:", amount_label(am));
    }
    if let (Some(t), Some(words)) = (&claim.time, &c.time_text) {
        line("time:", time_label(t, &collapse(words)));
    }
    if !c.subjects.is_empty() {
        let names: Vec<&str> = c.subjects.iter().map(|s| s.name.as_str()).collect();
        line("subjects:", names.join("; "));
    }
    if let Some(p) = &claim.predicate {
        let object = c
            .object
            .as_deref()
            .map(|o| format!(" → \"{}\"", cut_words(&collapse(o), MAX_OBJECT)))
            .unwrap_or_default();
        line("predicate:", format!("{p}{object}"));
    }
    if !claim.key.is_empty() {
        line("key:", claim.key.clone());
    }
}

/// "outlet", "named: Nayib Bukele", "unnamed: officials". `source` is the
/// named source's canonical name when known.
pub fn attribution_label(claim: &DocClaim, source: Option<&str>) -> String {
    let a = &claim.attribution;
    let words = source.or(a.text.as_deref()).map(collapse);
    match (a.kind, words) {
        (AttributionKind::Outlet, _) => "outlet".to_string(),
        (kind, Some(w)) => format!("{}: {w}", kind.as_str()),
        (kind, None) => kind.as_str().to_string(),
    }
}

/// ", hedged (reportedly, may)", or nothing.
pub fn hedge_label(claim: &DocClaim) -> String {
    if claim.hedged() {
        format!(", hedged ({})", claim.hedges.join(", "))
    } else {
        String::new()
    }
}

/// A normalised amount: "15% (percent, increase)", "$500,000,000 USD",
/// "over 75,000 gang member", "10–20 tonne".
pub fn amount_label(a: &Amount) -> String {
    let approx = match a.approx {
        Some(Approx::Over) => "over ",
        Some(Approx::Under) => "under ",
        Some(Approx::About) => "about ",
        None => "",
    };
    let n = match a.high {
        Some(h) => format!("{}–{}", number(a.value), number(h)),
        None => number(a.value),
    };
    let mut notes: Vec<&str> = Vec::new();
    let body = match a.unit.as_str() {
        "percent" => {
            notes.push("percent");
            format!("{n}%")
        }
        "percentage_points" => format!("{n} percentage points"),
        "fraction" => {
            notes.push("fraction");
            n
        }
        "count" => match &a.noun {
            Some(noun) => format!("{n} {noun}"),
            None => n,
        },
        code if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) => {
            let symbol = match code {
                "USD" => "$",
                "EUR" => "€",
                "GBP" => "£",
                "JPY" => "¥",
                _ => "",
            };
            format!("{symbol}{n} {code}")
        }
        measure => format!("{n} {}", measure.replace('_', " ")),
    };
    match a.direction {
        Some(Direction::Increase) => notes.push("increase"),
        Some(Direction::Decrease) => notes.push("decrease"),
        None => {}
    }
    if notes.is_empty() {
        format!("{approx}{body}")
    } else {
        format!("{approx}{body} ({})", notes.join(", "))
    }
}

/// A number with thousands separators and at most three decimals.
fn number(v: f64) -> String {
    let s = format!("{:.3}", v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if v < 0.0 && s.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// "on Saturday → 2025-03-15", "in recent years → unresolved (too vague)".
pub fn time_label(t: &TimeExpr, words: &str) -> String {
    let value = t.value.as_deref().unwrap_or("unresolved");
    match &t.note {
        Some(note) => format!("{words} → {value} ({note})"),
        None => format!("{words} → {value}"),
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `s` cut to at most `max` characters at a word boundary, with "…".
fn cut_words(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max.saturating_sub(1)).collect();
    let at = head
        .rfind(char::is_whitespace)
        .filter(|&i| i >= head.len() / 2)
        .unwrap_or(head.len());
    format!("{}…", head[..at].trim_end())
}

/// The check-worthy claims of one document for `crosscheck show`: score,
/// attribution, hedges, text and span.
pub fn print_document_claims(
    out: &mut crate::output::Out,
    text: &str,
    a: &DocAnalysis,
) -> std::io::Result<()> {
    if a.claims.is_empty() {
        return Ok(());
    }
    let worthy: Vec<(usize, &DocClaim)> = a
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.checkworthiness >= CHECKWORTHY)
        .collect();
    writeln!(out)?;
    writeln!(
        out,
        "Claims ({} check-worthy of {}; `crosscheck claims --doc ID --min-score 0` lists all):",
        worthy.len(),
        a.claims.len()
    )?;
    for (i, c) in worthy {
        let source = match c.attribution.kind {
            AttributionKind::Named => c
                .attribution
                .entity
                .and_then(|e| a.entities.get(e))
                .map(|e| e.name.as_str()),
            _ => None,
        };
        writeln!(
            out,
            "  #{i} {:.2} {}{}: \"{}\" ({}..{})",
            c.checkworthiness,
            attribution_label(c, source),
            hedge_label(c),
            cut_words(&collapse(c.span.of(text)), 160),
            c.span.start,
            c.span.end
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_model::{Attribution, Span, TimeKind};

    fn amount(value: f64, unit: &str) -> Amount {
        Amount {
            start: 0,
            end: 1,
            value,
            high: None,
            unit: unit.into(),
            noun: None,
            approx: None,
            direction: None,
        }
    }

    #[test]
    fn amounts_are_printed_normalised() {
        let pct = Amount {
            direction: Some(Direction::Increase),
            ..amount(15.0, "percent")
        };
        assert_eq!(amount_label(&pct), "15% (percent, increase)");
        assert_eq!(amount_label(&amount(5e8, "USD")), "$500,000,000 USD");
        let gangs = Amount {
            noun: Some("gang member".into()),
            approx: Some(Approx::Over),
            ..amount(75_000.0, "count")
        };
        assert_eq!(amount_label(&gangs), "over 75,000 gang member");
        let range = Amount {
            high: Some(20.5),
            approx: Some(Approx::About),
            direction: Some(Direction::Decrease),
            ..amount(10.0, "square_kilometre")
        };
        assert_eq!(
            amount_label(&range),
            "about 10–20.5 square kilometre (decrease)"
        );
        assert_eq!(
            amount_label(&amount(1.0 / 3.0, "fraction")),
            "0.333 (fraction)"
        );
        assert_eq!(amount_label(&amount(1234.5, "MXN")), "1,234.5 MXN");
        assert_eq!(amount_label(&amount(12.0, "count")), "12");
        assert_eq!(number(-1_000_000.25), "-1,000,000.25");
        assert_eq!(number(0.0), "0");
    }

    #[test]
    fn times_show_their_words_value_and_note() {
        let t = TimeExpr {
            start: 0,
            end: 11,
            value: Some("2025-03-15".into()),
            kind: TimeKind::Weekday,
            note: None,
        };
        assert_eq!(time_label(&t, "on Saturday"), "on Saturday → 2025-03-15");
        let vague = TimeExpr {
            value: None,
            note: Some("too vague".into()),
            kind: TimeKind::Period,
            ..t
        };
        assert_eq!(
            time_label(&vague, "in recent years"),
            "in recent years → unresolved (too vague)"
        );
    }

    #[test]
    fn long_text_is_cut_at_a_word_boundary() {
        assert_eq!(cut_words("short text", 20), "short text");
        assert_eq!(cut_words("one two three four", 12), "one two…");
        let cut = cut_words(&"word ".repeat(100), 50);
        assert!(cut.chars().count() <= 50 && cut.ends_with("word…"), "{cut}");
        // A single long word is cut inside it.
        assert_eq!(cut_words("abcdefghij", 5), "abcd…");
        assert_eq!(cut_words("ééééééé", 4), "ééé…");
    }

    #[test]
    fn attributions_are_labelled_by_kind() {
        let mut c = DocClaim {
            span: Span::new(0, 1),
            subjects: vec![],
            predicate: None,
            object: None,
            amounts: vec![],
            time: None,
            attribution: Attribution::outlet(),
            hedges: vec![],
            checkworthiness: 0.5,
            key: String::new(),
        };
        assert_eq!(attribution_label(&c, None), "outlet");
        assert_eq!(hedge_label(&c), "");
        c.attribution = Attribution {
            kind: AttributionKind::Unnamed,
            entity: None,
            text: Some("senior\nofficials".into()),
            quote: None,
        };
        c.hedges = vec!["reportedly".into(), "may".into()];
        assert_eq!(attribution_label(&c, None), "unnamed: senior officials");
        assert_eq!(hedge_label(&c), ", hedged (reportedly, may)");
        c.attribution.kind = AttributionKind::Named;
        c.attribution.text = Some("Bukele".into());
        assert_eq!(attribution_label(&c, None), "named: Bukele");
        assert_eq!(
            attribution_label(&c, Some("Nayib Bukele")),
            "named: Nayib Bukele"
        );
    }
}
