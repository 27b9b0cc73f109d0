//! The facts × documents spreadsheet: one row per fact and document that
//! states it. Cells are quoted as RFC 4180 says, and a cell a spreadsheet
//! would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) gets a leading `'`: article text is untrusted.

use std::collections::HashMap;
use std::io::Write;

use crosscheck_engine::export::export_story_claims;
use crosscheck_store::Store;

const HEADER: &[&str] = &[
    "story_id",
    "story_title",
    "fact_id",
    "status",
    "independent_sources",
    "fact",
    "document_id",
    "outlet",
    "published",
    "sentence",
    "start",
    "end",
];

/// One CSV cell.
pub fn cell(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

fn row(w: &mut dyn Write, cells: &[&str]) -> std::io::Result<()> {
    let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
    w.write_all(line.join(",").as_bytes())?;
    w.write_all(b"\r\n")
}

/// Every story's facts with each document's sentence, in story order (the
/// caller holds a read snapshot).
pub fn write_facts(store: &dyn Store, w: &mut dyn Write) -> anyhow::Result<()> {
    row(w, HEADER)?;
    for story in store.stories()? {
        let members: HashMap<&str, (&Option<String>, &Option<String>)> = story
            .documents
            .iter()
            .map(|d| (d.id.as_str(), (&d.outlet, &d.published)))
            .collect();
        let findings = store.story_findings(&story.id)?;
        for fact in export_story_claims(&story.id, &findings) {
            let sources = fact.independent_sources.to_string();
            for e in &fact.evidence {
                let (outlet, published) = members
                    .get(e.document_id.as_str())
                    .copied()
                    .unwrap_or((&None, &None));
                row(
                    w,
                    &[
                        &story.id,
                        &story.title,
                        &fact.id,
                        fact.status.as_str(),
                        &sources,
                        &fact.text,
                        &e.document_id,
                        outlet.as_deref().unwrap_or(""),
                        published.as_deref().unwrap_or(""),
                        &e.text,
                        &e.start.to_string(),
                        &e.end.to_string(),
                    ],
                )?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"no\""), "\"say \"\"no\"\"\"");
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("-5%"), "'-5%");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
    }
}
