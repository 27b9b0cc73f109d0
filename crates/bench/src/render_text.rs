//! Renders an HTML page to the plain text a browser's select-all + copy
//! gives: every visible text in document order, with all the page chrome.
//!
//! Rules (a simplified `innerText`):
//! - block elements (`p`, `div`, headings, `li`, `tr`, ...) start and end a line;
//!   `p`, headings, `blockquote` and `pre` are set off by a blank line;
//! - `<br>` is a newline; table cells of a row are separated by a tab;
//! - `script`, `style`, `noscript`, `template`, `svg`, `head` (and a few other
//!   never-visible elements) are dropped, as are hidden elements: the `hidden`
//!   attribute, `aria-hidden="true"`, or an inline `display:none` /
//!   `visibility:hidden` style;
//! - whitespace inside inline runs collapses to one space, except inside `pre`;
//! - trailing whitespace is trimmed and at most one blank line separates two lines.

use dom_query::{Document, NodeRef};

/// Elements whose whole subtree is never rendered as text.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "title", "math", "iframe", "object",
    "embed", "canvas", "video", "audio", "select", "datalist", "textarea", "input", "img",
    "picture", "source", "track", "map", "area", "meta", "link", "base", "param", "dialog",
];

/// Block elements set off by a blank line.
const PARAGRAPH_LIKE: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "figure",
    "hr",
];

/// Other elements that start and end a line.
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "body",
    "center",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "footer",
    "form",
    "header",
    "hgroup",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "section",
    "summary",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "ul",
    "caption",
    "search",
    "frameset",
    "noframes",
];

/// Renders `html` to page text.
pub fn render_text(html: &str) -> String {
    let doc = Document::from(html);
    let mut w = Writer::default();
    render_node(&doc.root(), &mut w);
    w.finish()
}

enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave(u8),
    LeavePre,
}

fn render_node(root: &NodeRef<'_>, w: &mut Writer) {
    // An explicit stack: deeply nested pages must not overflow the call stack.
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Enter(node) => node,
            Step::Leave(breaks) => {
                w.request_break(breaks);
                continue;
            }
            Step::LeavePre => {
                w.pre_depth -= 1;
                w.request_break(2);
                continue;
            }
        };
        if node.is_text() {
            w.text(&node.text());
            continue;
        }
        if !(node.is_element() || node.is_document() || node.is_fragment()) {
            continue;
        }
        if node.is_element() {
            let name = node
                .node_name()
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            let name = name.as_str();
            if DROPPED.contains(&name) || is_hidden(&node) {
                continue;
            }
            match name {
                "br" => {
                    w.line_break();
                    continue;
                }
                "td" | "th" => w.cell(),
                "pre" => {
                    w.request_break(2);
                    w.pre_depth += 1;
                    stack.push(Step::LeavePre);
                }
                _ if PARAGRAPH_LIKE.contains(&name) => {
                    w.request_break(2);
                    stack.push(Step::Leave(2));
                }
                _ if BLOCK.contains(&name) => {
                    if name == "tr" {
                        w.row_start();
                    }
                    w.request_break(1);
                    stack.push(Step::Leave(1));
                }
                _ => {}
            }
        }
        let children = node.children();
        for child in children.into_iter().rev() {
            stack.push(Step::Enter(child));
        }
    }
}

fn is_hidden(node: &NodeRef<'_>) -> bool {
    if node.has_attr("hidden") {
        return true;
    }
    if let Some(v) = node.attr("aria-hidden") {
        if v.trim().eq_ignore_ascii_case("true") {
            return true;
        }
    }
    if let Some(style) = node.attr("style") {
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        for decl in compact.split(';') {
            let decl = decl.trim_end_matches("!important");
            if decl == "display:none" || decl == "visibility:hidden" {
                return true;
            }
        }
    }
    false
}

/// Accumulates the output, collapsing whitespace and line breaks.
#[derive(Default)]
struct Writer {
    out: String,
    /// Line breaks owed before the next text: 0, 1 (new line) or 2 (blank line).
    pending_breaks: u8,
    /// A space is owed before the next text on the current line.
    pending_space: bool,
    /// A cell separator is owed before the next text on the current line.
    pending_tab: bool,
    /// Whether the current table row has started a cell already.
    row_has_cell: bool,
    pre_depth: usize,
}

impl Writer {
    fn at_line_start(&self) -> bool {
        self.out.is_empty() || self.out.ends_with('\n')
    }

    fn request_break(&mut self, n: u8) {
        if !self.out.is_empty() {
            self.pending_breaks = self.pending_breaks.max(n);
        }
        self.pending_space = false;
        self.pending_tab = false;
    }

    fn line_break(&mut self) {
        // A `<br>` always ends the line, even an empty one (two `<br>` = blank line).
        self.flush_breaks();
        self.out.push('\n');
        self.pending_space = false;
        self.pending_tab = false;
    }

    fn row_start(&mut self) {
        self.row_has_cell = false;
    }

    fn cell(&mut self) {
        if self.row_has_cell {
            self.pending_tab = true;
            self.pending_space = false;
        }
        self.row_has_cell = true;
    }

    fn flush_breaks(&mut self) {
        if self.pending_breaks > 0 && !self.out.is_empty() {
            let have = self.out.chars().rev().take_while(|&c| c == '\n').count() as u8;
            for _ in have..self.pending_breaks {
                self.out.push('\n');
            }
        }
        self.pending_breaks = 0;
    }

    fn text(&mut self, s: &str) {
        if self.pre_depth > 0 {
            if s.is_empty() {
                return;
            }
            self.flush_breaks();
            self.out.push_str(&s.replace("\r\n", "\n"));
            return;
        }
        for c in s.chars() {
            if c.is_whitespace() {
                self.pending_space = true;
                continue;
            }
            self.flush_breaks();
            if self.pending_tab && !self.at_line_start() {
                self.out.push('\t');
            } else if self.pending_space && !self.at_line_start() {
                self.out.push(' ');
            }
            self.pending_tab = false;
            self.pending_space = false;
            self.out.push(c);
        }
    }

    fn finish(self) -> String {
        let mut result = String::with_capacity(self.out.len());
        let mut blank = 0usize;
        for line in self.out.lines() {
            // Leading whitespace only survives inside `pre`.
            let line = line.trim_end();
            if line.trim_start().is_empty() {
                blank += 1;
                continue;
            }
            if !result.is_empty() {
                result.push_str(if blank > 0 { "\n\n" } else { "\n" });
            }
            blank = 0;
            result.push_str(line);
        }
        result
    }
}

#[cfg(test)]
mod tests {
    use super::render_text;

    #[test]
    fn blocks_and_paragraphs_get_their_own_lines() {
        let html = "<html><body><div>Menu</div><h1>Title</h1><p>One <b>bold</b> word.</p><p>Two</p></body></html>";
        assert_eq!(render_text(html), "Menu\n\nTitle\n\nOne bold word.\n\nTwo");
    }

    #[test]
    fn inline_whitespace_collapses() {
        assert_eq!(
            render_text("<p>  a \n\t b   <span> c </span>d</p>"),
            "a b c d"
        );
    }

    #[test]
    fn br_is_a_newline_and_list_items_are_lines() {
        assert_eq!(render_text("<div>a<br>b<br><br>c</div>"), "a\nb\n\nc");
        assert_eq!(render_text("<ul><li>one</li><li>two</li></ul>"), "one\ntwo");
    }

    #[test]
    fn table_cells_are_tab_separated() {
        let html = "<table><tr><th>h1</th><th>h2</th></tr><tr><td>a</td><td> b </td></tr></table>";
        assert_eq!(render_text(html), "h1\th2\na\tb");
    }

    #[test]
    fn invisible_elements_are_dropped() {
        let html = r#"<html><head><title>T</title><style>p{}</style></head><body>
            <script>var x = 1;</script><noscript>Enable JS</noscript><template><p>t</p></template>
            <svg><text>svg</text></svg><p hidden>h</p><div aria-hidden="true">aria</div>
            <div style="color:red; display: none !important">css</div><p>Visible</p></body></html>"#;
        assert_eq!(render_text(html), "Visible");
    }

    #[test]
    fn pre_keeps_its_whitespace() {
        assert_eq!(
            render_text("<p>x</p><pre>a  b\n  c</pre>"),
            "x\n\na  b\n  c"
        );
    }

    #[test]
    fn inline_runs_across_elements_stay_on_one_line() {
        assert_eq!(
            render_text("<p>Share: <a>Facebook</a> | <a>X</a></p>"),
            "Share: Facebook | X"
        );
    }

    #[test]
    fn empty_and_broken_input_do_not_panic() {
        assert_eq!(render_text(""), "");
        assert_eq!(render_text("<div><p>unclosed <b>bold"), "unclosed bold");
        let deep = "<div>".repeat(20_000) + "deep";
        assert_eq!(render_text(&deep), "deep");
    }
}
