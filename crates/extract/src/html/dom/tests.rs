use super::*;

/// The tree as a compact string: elements as `tag(children)`, text as "text".
fn show(doc: &Document) -> String {
    let mut out = String::new();
    let mut stack: Vec<u32> = Vec::new(); // open elements whose ")" is pending
    for id in 1..doc.nodes.len() as u32 {
        while let Some(&top) = stack.last() {
            if doc.nodes[top as usize].end <= id {
                out.push(')');
                stack.pop();
            } else {
                break;
            }
        }
        let n = &doc.nodes[id as usize];
        if n.is_text {
            out.push_str(&format!("{:?}", doc.text_of(id)));
        } else {
            out.push_str(&format!("{:?}", n.tag).to_lowercase());
            out.push('(');
            stack.push(id);
        }
    }
    for _ in stack {
        out.push(')');
    }
    out
}

fn tree(html: &str) -> String {
    show(&Document::parse(html))
}

#[test]
fn plain_structure_and_void_elements() {
    assert_eq!(
        tree("<div>a<br>b<img src=x>c</div>"),
        "div(\"a\"br()\"b\"img()\"c\")"
    );
    assert_eq!(tree("<P CLASS=x>Up</P>"), "p(\"Up\")");
}

#[test]
fn attributes_unquoted_duplicate_and_flags() {
    let doc =
        Document::parse("<div class=Foo id='Bar' class=\"ignored\" hidden><a href=/x>l</a></div>");
    assert_eq!(doc.names_of(1), " foo bar");
    assert_ne!(doc.nodes[1].flags & HIDDEN, 0);
    assert_ne!(doc.nodes[2].flags & HREF, 0);
    let doc = Document::parse("<p style=\"DISPLAY: none\">x</p><p aria-hidden=\"false\">y</p>");
    assert_ne!(doc.nodes[1].flags & HIDDEN, 0);
    assert_eq!(doc.nodes[3].flags & HIDDEN, 0);
}

#[test]
fn class_words_split_over_lines_are_names_on_one_line() {
    // Regression (property tests): the names kept the value's line breaks.
    let doc = Document::parse("<div class=\"Article\n\tBody\r\nMain\" id='x\x0cY'>t</div>");
    assert_eq!(doc.names_of(1), " article body main x y");
}

#[test]
fn less_than_in_text_and_bogus_markup() {
    assert_eq!(
        // "</" not followed by a letter opens a bogus comment up to '>'.
        tree("<p>a < b and 3<4 </ x</p>y"),
        "p(\"a < b and 3<4 y\")"
    );
    assert_eq!(tree("<p>x</>y<?php echo ?>z</p>"), "p(\"xyz\")");
    assert_eq!(tree("<p>tail <"), "p(\"tail <\")");
}

#[test]
fn unterminated_tags_and_comments_at_eof() {
    assert_eq!(tree("<p>kept</p><div class=\"cut"), "p(\"kept\")");
    assert_eq!(tree("<p>kept</p><div"), "p(\"kept\")");
    assert_eq!(tree("<p>a<!-- never closed <p>b</p>"), "p(\"a\")");
    assert_eq!(tree("<p>a<!---->b<!-->c</p>"), "p(\"abc\")");
    assert_eq!(tree("<p>a<![CDATA[<b>]]>c</p>"), "p(\"a<b>c\")");
}

#[test]
fn raw_text_elements_are_skipped() {
    let doc = Document::parse("<title>A &amp; B</title><script>if (a<b) {'</p>'}</SCRIPT ><p>x</p><style>p{}</style><noscript><p>js</p></noscript>");
    assert_eq!(doc.title.as_deref(), Some("A & B"));
    assert_eq!(show(&doc), "p(\"x\")");
    assert_eq!(tree("<script>never closed <p>x</p>"), "");
}

#[test]
fn entities_in_text() {
    let doc = Document::parse("<p>caf&eacute; &amp; &copy 2024 &#x2019;s &bogus;</p>");
    assert_eq!(doc.subtree_text(1), "café & © 2024 ’s &bogus;");
}

#[test]
fn self_closing_syntax_on_non_void_elements_is_ignored() {
    assert_eq!(tree("<div/>a</div>b"), "div(\"a\")\"b\"");
    assert_eq!(tree("<svg/><p>a</p>"), "svg()p(\"a\")");
    assert_eq!(
        tree("<svg><path/><path/></svg><p>a</p>"),
        "svg(other()other())p(\"a\")"
    );
}

#[test]
fn implied_end_tags() {
    assert_eq!(tree("<p>a<p>b<div>c</div>"), "p(\"a\")p(\"b\")div(\"c\")");
    assert_eq!(tree("<ul><li>a<li>b</ul>"), "ul(li(\"a\")li(\"b\"))");
    assert_eq!(
        tree("<dl><dt>a<dd>b<dt>c</dl>"),
        "dl(dt(\"a\")dd(\"b\")dt(\"c\"))"
    );
    assert_eq!(
        tree("<table><tr><td>a<td>b<tr><th>c</table>x"),
        "table(tr(td(\"a\")td(\"b\"))tr(th(\"c\")))\"x\""
    );
    assert_eq!(
        tree("<select><option>a<option>b</select>"),
        "select(option(\"a\")option(\"b\"))"
    );
    assert_eq!(tree("<p><span>a<h2>b</h2>"), "p(other(\"a\"))h2(\"b\")");
    assert_eq!(tree("<a href=1>a<a href=2>b</a>"), "a(\"a\")a(\"b\")");
}

#[test]
fn nested_tables_and_lists() {
    assert_eq!(
        tree("<table><tr><td><table><tr><td>in</td></tr></table>out</td></tr></table>"),
        "table(tr(td(table(tr(td(\"in\")))\"out\")))"
    );
    assert_eq!(
        tree("<ul><li>a<ul><li>b<li>c</ul><li>d</ul>"),
        "ul(li(\"a\"ul(li(\"b\")li(\"c\")))li(\"d\"))"
    );
}

#[test]
fn unmatched_end_tags() {
    // A stray inline end tag does not close across a block.
    assert_eq!(
        tree("<span><div>a</span>b</div>"),
        "other(div(\"a\"\"b\"))".replace("\"\"", "")
    );
    // A block end tag closes the inline elements left open inside it.
    assert_eq!(tree("<div><b>a</div>c"), "div(other(\"a\"))\"c\"");
    assert_eq!(tree("</div></p>x"), "\"x\"");
}

#[test]
fn deep_nesting_is_capped_and_does_not_overflow() {
    let html = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
    let doc = Document::parse(&html);
    let mut max_depth = 0;
    for id in 0..doc.nodes.len() {
        let mut d = 0;
        let mut p = doc.nodes[id].parent;
        while p != NONE {
            d += 1;
            p = doc.nodes[p as usize].parent;
        }
        max_depth = max_depth.max(d);
    }
    assert!(max_depth <= MAX_DEPTH + 1, "{max_depth}");
    assert_eq!(doc.subtree_text(0), "deep");
}

#[test]
fn text_is_merged_across_comments_and_subtrees_are_ranges() {
    let doc = Document::parse("<div><p>a<!--x-->b</p><p>c</p></div>");
    assert_eq!(doc.nodes[0].end as usize, doc.nodes.len());
    assert_eq!(doc.subtree_text(1), "ab c");
}

#[test]
fn body_content_closes_an_open_head() {
    assert_eq!(
        tree("<html><head><meta charset=utf-8><title>T</title><body><p>x</p>"),
        "html(head(meta())body(p(\"x\")))"
    );
    assert_eq!(
        tree("<head><link rel=x><div>y</div>"),
        "head(link())div(\"y\")"
    );
}
