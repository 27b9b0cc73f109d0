//! Loading PolNeAR: article texts and their brat standoff attribution files.
//!
//! A `.ann` file holds `T` lines (`T3\tContent 10 20;25 40\tthe text`: a span
//! of one type, possibly in several fragments, with the spanned text, the
//! fragments joined by a space) and `E` lines (`E1\tAttribution:T4 Content:T3
//! Cue:T2 Source:T1`: one attribution, tying its spans together). A `T` text
//! that crosses a line break continues on the next lines of the file, which
//! then do not start with an id. `#` lines are annotator notes; `Discard`
//! and `Discuss` spans and the `Attribution` trigger spans are not scored.
//!
//! Offsets in PolNeAR are Unicode character (code point) offsets, not byte
//! offsets: the loader converts them to byte offsets and checks every span's
//! text against the text column of its line, counting mismatches (and, as a
//! diagnostic, how many spans would mismatch were the offsets bytes).

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use crosscheck_model::Span;

/// A gold span: one or more fragments (byte offsets, in text order).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoldSpan {
    pub parts: Vec<Span>,
}

impl GoldSpan {
    /// From the first fragment's start to the last fragment's end.
    pub fn hull(&self) -> Option<Span> {
        let start = self.parts.iter().map(|p| p.start).min()?;
        let end = self.parts.iter().map(|p| p.end).max()?;
        Some(Span::new(start, end))
    }

    /// The fragments' texts joined by " … ".
    pub fn text(&self, text: &str) -> String {
        self.parts
            .iter()
            .map(|p| p.of(text))
            .collect::<Vec<_>>()
            .join(" … ")
    }

    fn extend(&mut self, other: &GoldSpan) {
        self.parts.extend_from_slice(&other.parts);
        self.parts.sort();
        self.parts.dedup();
    }
}

/// One gold attribution (one `E` line).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoldAttribution {
    pub id: String,
    pub source: Option<GoldSpan>,
    pub cue: Option<GoldSpan>,
    /// All content parts (`Content`, `Content2`, ...) together.
    pub content: Option<GoldSpan>,
    /// The annotator marked it `Attribution-no-source`.
    pub marked_no_source: bool,
}

/// Counts from parsing one or more `.ann` files.
#[derive(Debug, Clone, Default)]
pub struct ParseStats {
    pub spans: usize,
    /// Spans whose text (offsets read as characters) differs from the text column.
    pub mismatched: usize,
    /// Spans whose text would differ were the offsets read as bytes.
    pub mismatched_as_bytes: usize,
    /// Spans with an offset beyond the text (dropped).
    pub out_of_range: usize,
    pub discontinuous: usize,
    /// Lines that continue the text column of the line before (a span across a line break).
    pub continuation_lines: usize,
    pub discard_spans: usize,
    pub discuss_spans: usize,
    pub notes: usize,
    /// `Content2`, `Content3`... roles: attributions with several content parts.
    pub extra_content_roles: usize,
    /// Roles or lines the parser does not know (ignored).
    pub unknown: usize,
    /// E lines that point at a T id the file does not define.
    pub dangling_refs: usize,
    /// First few mismatches, for the report.
    pub mismatch_examples: Vec<String>,
}

impl ParseStats {
    pub fn add(&mut self, o: &ParseStats) {
        self.spans += o.spans;
        self.mismatched += o.mismatched;
        self.mismatched_as_bytes += o.mismatched_as_bytes;
        self.out_of_range += o.out_of_range;
        self.discontinuous += o.discontinuous;
        self.continuation_lines += o.continuation_lines;
        self.discard_spans += o.discard_spans;
        self.discuss_spans += o.discuss_spans;
        self.notes += o.notes;
        self.extra_content_roles += o.extra_content_roles;
        self.unknown += o.unknown;
        self.dangling_refs += o.dangling_refs;
        for e in &o.mismatch_examples {
            if self.mismatch_examples.len() < 5 {
                self.mismatch_examples.push(e.clone());
            }
        }
    }
}

/// Byte offset of every character index of `text`, plus one past the end.
pub fn char_to_byte_table(text: &str) -> Vec<usize> {
    let mut table: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    table.push(text.len());
    table
}

fn is_line_id(head: &str) -> bool {
    let mut chars = head.chars();
    match chars.next() {
        Some('*') => head.len() == 1,
        Some(c) if "TEARNM#".contains(c) => chars.all(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// Parses `T3\tContent 10 20;25 40\ttext` ranges: `"10 20;25 40"` → pairs.
fn parse_ranges(s: &str) -> Option<Vec<(usize, usize)>> {
    s.split(';')
        .map(|r| {
            let mut it = r.split_whitespace();
            let a = it.next()?.parse().ok()?;
            let b = it.next()?.parse().ok()?;
            if it.next().is_some() || b < a {
                return None;
            }
            Some((a, b))
        })
        .collect()
}

/// Parses one brat `.ann` file against its text. Offsets are read as
/// character offsets and returned as byte offsets.
pub fn parse_ann(ann: &str, text: &str, file: &str) -> (Vec<GoldAttribution>, ParseStats) {
    let mut stats = ParseStats::default();
    // Join continuation lines to the line they continue.
    let mut lines: Vec<String> = Vec::new();
    for line in ann.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let head = line.split('\t').next().unwrap_or("");
        if line.contains('\t') && is_line_id(head) {
            lines.push(line.to_string());
        } else if let Some(last) = lines.last_mut() {
            if line.is_empty() {
                // A trailing empty line, or an empty line inside a span's text:
                // keep it, the text check below trims a final newline.
                last.push('\n');
            } else {
                last.push('\n');
                last.push_str(line);
                stats.continuation_lines += 1;
            }
        } else if !line.trim().is_empty() {
            stats.unknown += 1;
        }
    }

    let c2b = char_to_byte_table(text);
    let mut spans: HashMap<String, GoldSpan> = HashMap::new();
    let mut events: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in &lines {
        let mut cols = line.splitn(3, '\t');
        let id = cols.next().unwrap_or("");
        let mid = cols.next().unwrap_or("");
        let col_text = cols.next().unwrap_or("");
        match id.chars().next() {
            Some('T') => {
                let Some((kind, ranges)) = mid.split_once(' ') else {
                    stats.unknown += 1;
                    continue;
                };
                match kind {
                    "Discard" => stats.discard_spans += 1,
                    "Discuss" => stats.discuss_spans += 1,
                    _ => {}
                }
                let Some(ranges) = parse_ranges(ranges) else {
                    stats.unknown += 1;
                    continue;
                };
                stats.spans += 1;
                if ranges.len() > 1 {
                    stats.discontinuous += 1;
                }
                if ranges.iter().any(|&(_, b)| b >= c2b.len()) {
                    stats.out_of_range += 1;
                    continue;
                }
                let parts: Vec<Span> = ranges
                    .iter()
                    .map(|&(a, b)| Span::new(c2b[a], c2b[b]))
                    .collect();
                let expected = col_text.trim_end_matches('\n');
                let as_chars = parts
                    .iter()
                    .map(|p| p.of(text))
                    .collect::<Vec<_>>()
                    .join(" ");
                if as_chars != expected {
                    stats.mismatched += 1;
                    if stats.mismatch_examples.len() < 5 {
                        stats.mismatch_examples.push(format!(
                            "{file} {id}: span text {as_chars:?} vs annotation {expected:?}"
                        ));
                    }
                }
                let as_bytes: Option<Vec<&str>> =
                    ranges.iter().map(|&(a, b)| text.get(a..b)).collect();
                if as_bytes.map(|v| v.join(" ")).as_deref() != Some(expected) {
                    stats.mismatched_as_bytes += 1;
                }
                let mut parts = parts;
                parts.sort();
                spans.insert(id.to_string(), GoldSpan { parts });
            }
            Some('E') => {
                let args = mid
                    .split_whitespace()
                    .filter_map(|a| {
                        let (role, target) = a.split_once(':')?;
                        Some((role.to_string(), target.to_string()))
                    })
                    .collect();
                events.push((id.to_string(), args));
            }
            Some('#') => stats.notes += 1,
            _ => stats.unknown += 1,
        }
    }

    let mut out = Vec::new();
    for (id, args) in events {
        let mut att = GoldAttribution {
            id,
            ..Default::default()
        };
        for (i, (role, target)) in args.iter().enumerate() {
            let base = role.trim_end_matches(|c: char| c.is_ascii_digit());
            if i == 0 && base.starts_with("Attribution") {
                // The trigger (its span repeats the cue).
                att.marked_no_source = base == "Attribution-no-source";
                continue;
            }
            let slot = match base {
                "Source" => &mut att.source,
                "Cue" => &mut att.cue,
                "Content" => {
                    if role != "Content" {
                        stats.extra_content_roles += 1;
                    }
                    &mut att.content
                }
                _ => {
                    stats.unknown += 1;
                    continue;
                }
            };
            let Some(span) = spans.get(target) else {
                stats.dangling_refs += 1;
                continue;
            };
            match slot {
                Some(s) => s.extend(span),
                None => *slot = Some(span.clone()),
            }
        }
        out.push(att);
    }
    (out, stats)
}

/// One article with its gold attributions.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The text file's name without `.txt`.
    pub name: String,
    pub text: String,
    /// The annotator whose file is used.
    pub annotator: String,
    /// Other annotators of this article, whose files are not used.
    pub other_annotators: Vec<String>,
    pub attributions: Vec<GoldAttribution>,
}

impl Doc {
    pub fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// One split of the corpus.
#[derive(Debug, Clone)]
pub struct Split {
    pub name: String,
    pub docs: Vec<Doc>,
    pub stats: ParseStats,
    /// Texts without any annotation file (not scored).
    pub unannotated: Vec<String>,
    /// Annotation files without a text.
    pub orphans: Vec<String>,
}

/// `<name>_<annotator>.ann` → (name, annotator).
fn split_ann_name(file: &str) -> Option<(&str, &str)> {
    let stem = file.strip_suffix(".ann")?;
    let (name, annotator) = stem.rsplit_once('_')?;
    Some((name, annotator))
}

fn sorted_files(dir: &Path, ext: &str) -> Result<Vec<String>> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.ends_with(ext))
        .collect();
    names.sort();
    Ok(names)
}

/// Loads `<corpus>/<split>/{text,attributions}`. Where an article has several
/// annotation files, the first in sorted order is used.
pub fn load_split(corpus: &Path, split: &str, limit: Option<usize>) -> Result<Split> {
    let dir: PathBuf = corpus.join(split);
    if !dir.is_dir() {
        bail!("no split folder {}", dir.display());
    }
    let mut anns: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for file in sorted_files(&dir.join("attributions"), ".ann")? {
        match split_ann_name(&file) {
            Some((name, annotator)) => anns
                .entry(name.to_string())
                .or_default()
                .push((annotator.to_string(), file.clone())),
            None => bail!("annotation file name without _<annotator>: {file}"),
        }
    }
    let mut out = Split {
        name: split.to_string(),
        docs: Vec::new(),
        stats: ParseStats::default(),
        unannotated: Vec::new(),
        orphans: Vec::new(),
    };
    let texts = sorted_files(&dir.join("text"), ".txt")?;
    for file in &texts {
        if limit.is_some_and(|n| out.docs.len() >= n) {
            break;
        }
        let name = file.trim_end_matches(".txt");
        let Some(files) = anns.get(name) else {
            out.unannotated.push(name.to_string());
            continue;
        };
        let text_path = dir.join("text").join(file);
        let text = fs::read_to_string(&text_path)
            .with_context(|| format!("reading {}", text_path.display()))?;
        let (annotator, ann_file) = &files[0];
        let ann_path = dir.join("attributions").join(ann_file);
        let ann = fs::read_to_string(&ann_path)
            .with_context(|| format!("reading {}", ann_path.display()))?;
        let (attributions, stats) = parse_ann(&ann, &text, ann_file);
        out.stats.add(&stats);
        out.docs.push(Doc {
            name: name.to_string(),
            text,
            annotator: annotator.clone(),
            other_annotators: files[1..].iter().map(|(a, _)| a.clone()).collect(),
            attributions,
        });
    }
    let names: std::collections::HashSet<&str> =
        texts.iter().map(|t| t.trim_end_matches(".txt")).collect();
    out.orphans = anns
        .keys()
        .filter(|k| !names.contains(k.as_str()))
        .cloned()
        .collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_offsets_become_byte_offsets_past_curly_quotes() {
        // “ and ” are 3 bytes each: char offset 15 is byte offset 19.
        let text = "He said “we will win” today, Smith said.";
        let ann = "T1\tContent 9 20\twe will win\n\
                   T2\tSource 29 34\tSmith\n\
                   T3\tCue 35 39\tsaid\n\
                   T4\tAttribution 35 39\tsaid\n\
                   E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2\n";
        let (atts, stats) = parse_ann(ann, text, "t");
        assert_eq!(stats.mismatched, 0, "{:?}", stats.mismatch_examples);
        assert_eq!(stats.spans, 4);
        assert_eq!(stats.mismatched_as_bytes, 4); // every span after “
        assert_eq!(atts.len(), 1);
        let a = &atts[0];
        let content = a.content.as_ref().unwrap();
        assert_eq!(content.parts, vec![Span::new(11, 22)]);
        assert_eq!(content.text(text), "we will win");
        assert_eq!(a.source.as_ref().unwrap().text(text), "Smith");
        assert_eq!(a.cue.as_ref().unwrap().text(text), "said");
        assert!(!a.marked_no_source);
    }

    #[test]
    fn discontinuous_spans_and_extra_content_parts() {
        let text = "“We will,” she said, “win it all.” Then: more.";
        // Content fragments 1..8 and 22..33 (characters).
        let ann = "T1\tContent 1 8;22 33\tWe will win it all.\n\
                   T2\tSource 11 14\tshe\n\
                   T3\tCue 15 19\tsaid\n\
                   T4\tAttribution 15 19\tsaid\n\
                   T5\tContent 41 46\tmore.\n\
                   E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2 Content2:T5\n";
        let (atts, stats) = parse_ann(ann, text, "t");
        assert_eq!(stats.mismatched, 0, "{:?}", stats.mismatch_examples);
        assert_eq!(stats.discontinuous, 1);
        assert_eq!(stats.extra_content_roles, 1);
        let content = atts[0].content.as_ref().unwrap();
        assert_eq!(content.parts.len(), 3);
        assert_eq!(content.parts[0].of(text), "We will");
        assert_eq!(content.parts[1].of(text), "win it all.");
        assert_eq!(content.parts[2].of(text), "more.");
        let hull = content.hull().unwrap();
        assert!(hull.of(text).starts_with("We will,”"));
        assert!(hull.of(text).ends_with("Then: more."));
    }

    #[test]
    fn continuation_lines_missing_roles_and_notes() {
        let text = "First line\nsecond line, officials said. Ignore me.";
        let ann = "T1\tContent 0 22\tFirst line\nsecond line\n\
                   T2\tSource 24 33\tofficials\n\
                   T3\tCue 34 38\tsaid\n\
                   T4\tAttribution-no-source 34 38\tsaid\n\
                   E1\tAttribution-no-source:T4 Content:T1 Cue:T3\n\
                   E2\tAttribution:T4 Source:T2 Cue:T9\n\
                   T5\tDiscard 40 50\tIgnore me.\n\
                   #1\tAnnotatorNotes T1\twhat about this?\n\n";
        let (atts, stats) = parse_ann(ann, text, "t");
        assert_eq!(stats.continuation_lines, 1);
        assert_eq!(stats.mismatched, 0, "{:?}", stats.mismatch_examples);
        assert_eq!(stats.discard_spans, 1);
        assert_eq!(stats.notes, 1);
        assert_eq!(stats.dangling_refs, 1);
        assert_eq!(atts.len(), 2);
        assert!(atts[0].marked_no_source);
        assert!(atts[0].source.is_none());
        assert_eq!(
            atts[0].content.as_ref().unwrap().text(text),
            "First line\nsecond line"
        );
        assert!(atts[1].cue.is_none() && atts[1].content.is_none());
        assert_eq!(atts[1].source.as_ref().unwrap().text(text), "officials");
    }

    #[test]
    fn mismatching_and_out_of_range_spans_are_counted() {
        let text = "short text";
        let ann =
            "T1\tSource 0 5\tshirt\nT2\tCue 6 99\ttext\nE1\tAttribution:T1 Source:T1 Cue:T2\n";
        let (atts, stats) = parse_ann(ann, text, "t");
        assert_eq!(stats.mismatched, 1);
        assert_eq!(stats.out_of_range, 1);
        assert_eq!(stats.mismatch_examples.len(), 1);
        assert!(atts[0].cue.is_none());
    }

    #[test]
    fn annotation_file_names_split_at_the_last_underscore() {
        assert_eq!(
            split_ann_name("nyt_2016-10-01_some_title_4e07.ann"),
            Some(("nyt_2016-10-01_some_title", "4e07"))
        );
        assert_eq!(split_ann_name("x.txt"), None);
    }
}
