//! Pairing quotation marks. Curly, straight, single and guillemet marks are
//! paired within a paragraph (a line of the clean text); a double quote
//! left open at the end of a paragraph continues when the next paragraph
//! opens with a quotation mark (the newspaper convention), and otherwise
//! runs to the end of its paragraph. Single quotes inside a double quote are
//! nested quotes; an apostrophe ("it’s", "Trump's", "outlets’") is never a
//! mark.

use crate::Span;

/// One quoted stretch of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quoted {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset just after the closing mark, or the paragraph end when
    /// the quote is left open.
    pub after: usize,
    /// The words inside the marks, trimmed of white space.
    pub inner: Span,
    pub closed: bool,
    /// Index of the quoted stretch that contains this one.
    pub parent: Option<usize>,
    /// Index of the quoted stretch (in the previous paragraph) that this one
    /// carries on.
    pub continues: Option<usize>,
}

fn is_double_open(c: char) -> bool {
    matches!(c, '“' | '«' | '„')
}

fn is_double_close(c: char) -> bool {
    matches!(c, '”' | '»')
}

/// A character before which an opening mark may stand.
fn opens_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => {
            p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | '“' | '"' | ':' | '«')
        }
    }
}

struct Open {
    index: usize,
    at: usize,
}

/// Find every quoted stretch of `text`, in order of the opening marks.
pub fn find_quoted(text: &str) -> Vec<Quoted> {
    let mut out: Vec<Quoted> = Vec::new();
    // A double quote left open at the end of the previous paragraph.
    let mut carried: Option<usize> = None;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.trim_end_matches(['\n', '\r']).len();
        if text[line_start..line_end].trim().is_empty() {
            line_start += line.len();
            continue;
        }
        carried = scan_paragraph(text, line_start, line_end, carried, &mut out);
        line_start += line.len();
    }
    drop_strays(text, out)
}

/// Drop marks that were not quotes after all: a mark that never closed and
/// holds fewer than three words (an apostrophe, an inch sign), and empty
/// quotes. Indices are renumbered.
fn drop_strays(text: &str, out: Vec<Quoted>) -> Vec<Quoted> {
    let keep: Vec<bool> = out
        .iter()
        .map(|q| {
            !q.inner.is_empty() && (q.closed || q.inner.of(text).split_whitespace().count() >= 3)
        })
        .collect();
    let mut new_index = vec![None; out.len()];
    let mut n = 0;
    for (i, k) in keep.iter().enumerate() {
        if *k {
            new_index[i] = Some(n);
            n += 1;
        }
    }
    out.into_iter()
        .enumerate()
        .filter(|(i, _)| keep[*i])
        .map(|(_, mut q)| {
            q.parent = q.parent.and_then(|p| new_index[p]);
            q.continues = q.continues.and_then(|p| new_index[p]);
            q
        })
        .collect()
}

/// Pair the marks of one paragraph; returns the index of a double quote left
/// open at its end.
fn scan_paragraph(
    text: &str,
    from: usize,
    to: usize,
    carried: Option<usize>,
    out: &mut Vec<Quoted>,
) -> Option<usize> {
    let para = &text[from..to];
    let mut double: Option<Open> = None;
    let mut single: Option<Open> = None;
    let mut first_mark = true;
    let mut prev: Option<char> = None;
    let mut iter = para.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let at = from + i;
        let next = iter.peek().map(|&(_, n)| n);
        let next_letter = next.is_some_and(char::is_alphanumeric);
        let leading = para[..i].trim().is_empty();
        // Two apostrophes stand for a straight double quote in some copy.
        let doubled = c == '\'' && next == Some('\'');
        if doubled {
            iter.next();
        }
        let is_double = is_double_open(c) || is_double_close(c) || c == '"' || doubled;
        if is_double {
            // "“It is unusual,“ said X": an opening mark typed where the
            // closing one belongs (after a word or punctuation, before a
            // space) closes the open quote.
            let misplaced_close = c == '“'
                && double.is_some()
                && prev.is_some_and(|p| !p.is_whitespace())
                && next.is_none_or(char::is_whitespace);
            let opening = if misplaced_close {
                false
            } else if is_double_open(c) {
                true
            } else if is_double_close(c) {
                false
            } else {
                double.is_none() && opens_after(prev)
            };
            if opening {
                if let Some(o) = double.take() {
                    // An opening mark while one is open: the earlier quote
                    // lost its closing mark; it ends here.
                    close(out, o, at, 0, text, false);
                }
                single = None;
                let continues = if leading && first_mark { carried } else { None };
                double = Some(push_open(
                    out,
                    at,
                    if doubled { 2 } else { c.len_utf8() },
                    None,
                    continues,
                ));
            } else if let Some(o) = double.take() {
                if let Some(s) = single.take() {
                    close(out, s, at, 0, text, false);
                }
                close(
                    out,
                    o,
                    at,
                    if doubled { 2 } else { c.len_utf8() },
                    text,
                    true,
                );
            }
            first_mark = false;
        } else if matches!(c, '‘' | '’' | '\'') {
            let closing =
                single.is_some() && prev.is_some_and(|p| !p.is_whitespace()) && !next_letter;
            let opening =
                !closing && c != '’' && opens_after(prev) && next.is_some_and(char::is_alphabetic);
            if closing {
                if let Some(s) = single.take() {
                    close(out, s, at, c.len_utf8(), text, true);
                }
            } else if opening {
                let parent = double.as_ref().map(|d| d.index);
                single = Some(push_open(out, at, c.len_utf8(), parent, None));
                first_mark = false;
            }
        }
        prev = Some(c);
    }
    // Marks left open at the paragraph end.
    if let Some(s) = single.take() {
        close(out, s, to, 0, text, false);
    }
    double.take().map(|o| {
        let index = o.index;
        close(out, o, to, 0, text, false);
        index
    })
}

fn push_open(
    out: &mut Vec<Quoted>,
    at: usize,
    mark_len: usize,
    parent: Option<usize>,
    continues: Option<usize>,
) -> Open {
    let index = out.len();
    let inner_start = at + mark_len;
    out.push(Quoted {
        open: at,
        after: inner_start,
        inner: Span::new(inner_start, inner_start),
        closed: false,
        parent,
        continues,
    });
    Open { index, at }
}

/// Finish the quote opened at `o`: its inner text ends at `end`, where a
/// closing mark of `mark_len` bytes stands (0 when the quote was left open).
fn close(out: &mut [Quoted], o: Open, end: usize, mark_len: usize, text: &str, closed: bool) {
    let Some(q) = out.get_mut(o.index) else {
        return;
    };
    debug_assert_eq!(q.open, o.at);
    let inner_start = q.inner.start;
    let inner = &text[inner_start..end.max(inner_start)];
    let lead = inner.len() - inner.trim_start().len();
    let trimmed = inner.trim();
    q.inner = Span::new(inner_start + lead, inner_start + lead + trimmed.len());
    q.closed = closed;
    q.after = if closed { end + mark_len } else { end };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inner(text: &str) -> Vec<&str> {
        find_quoted(text).iter().map(|q| q.inner.of(text)).collect()
    }

    #[test]
    fn curly_straight_and_apostrophes() {
        assert_eq!(inner("“It’s true,” she said."), ["It’s true,"]);
        assert_eq!(
            inner("\"Trump's plan,\" he said, \"fails.\""),
            ["Trump's plan,", "fails."]
        );
        assert_eq!(
            inner("The outlets’ view of Trump’s plan"),
            Vec::<&str>::new()
        );
        assert_eq!(inner("''It's over,'' said Mr. Burr."), ["It's over,"]);
    }

    #[test]
    fn nested_single_quotes_point_to_the_outer_quote() {
        let text = "“He told me, ‘We will help,’ and I said no,” she said.";
        let q = find_quoted(text);
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].inner.of(text), "We will help,");
        assert_eq!(q[1].parent, Some(0));
        assert_eq!(
            q[0].inner.of(text),
            "He told me, ‘We will help,’ and I said no,"
        );
    }

    #[test]
    fn quotes_continue_across_paragraphs() {
        let text = "“We will win. We are strong.\n\n“And we will not stop,” he said.";
        let q = find_quoted(text);
        assert_eq!(q.len(), 2);
        assert!(!q[0].closed);
        assert_eq!(q[0].inner.of(text), "We will win. We are strong.");
        assert_eq!(q[1].continues, Some(0));
        assert!(q[1].closed);
    }

    #[test]
    fn unclosed_single_quote_runs_to_paragraph_end() {
        let text = "He said, 'How can we help?' And I said? 'No, President Trump. Sovereignty is not for sale.";
        let q = inner(text);
        assert_eq!(
            q,
            [
                "How can we help?",
                "No, President Trump. Sovereignty is not for sale."
            ]
        );
    }
}
