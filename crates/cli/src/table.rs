//! Plain-text tables for the terminal.

/// `s` on one line (see [`crate::output::one_line`]), cut to `max`
/// characters, ending in an ellipsis when cut.
pub fn cut(s: &str, max: usize) -> String {
    let s = &crate::output::one_line(s);
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Render rows as left-aligned columns separated by two spaces; the last
/// column is not padded. Cells are cut to `max` characters with an ellipsis.
pub fn render(header: &[&str], rows: &[Vec<String>], max: &[usize]) -> String {
    let rows: Vec<Vec<String>> = std::iter::once(header.iter().map(|h| h.to_string()).collect())
        .chain(rows.iter().cloned())
        .map(|r| {
            r.iter()
                .enumerate()
                .map(|(i, c)| cut(c, *max.get(i).unwrap_or(&usize::MAX)))
                .collect()
        })
        .collect();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            if i + 1 < r.len() {
                line.push_str(&format!("{:<w$}  ", c, w = widths[i]));
            } else {
                line.push_str(c);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_aligned_and_long_cells_cut() {
        let t = render(
            &["id", "title"],
            &[vec!["a".into(), "abcdef".into()]],
            &[10, 4],
        );
        assert_eq!(t, "id  tit…\na   abc…\n");
    }

    #[test]
    fn a_newline_in_a_cell_cannot_break_the_table() {
        let t = render(
            &["id", "title"],
            &[vec!["a".into(), "x\ny".into()]],
            &[10, 10],
        );
        assert_eq!(t, "id  title\na   x\\ny\n");
    }
}
