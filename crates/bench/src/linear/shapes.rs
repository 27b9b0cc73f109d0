//! Long texts of one repeated shape, for the linear-time checks: each is
//! one news-like paragraph (or run of paragraphs) as long as asked, built
//! to exercise one kind of scan (numbers, quotes, names, …) over and over.

/// One kind of long text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One paragraph of sentences full of amounts, dates and times.
    Numbers,
    /// One paragraph of direct quotes with their attributions.
    Quotes,
    /// One paragraph of partial quotes inside reported speech.
    Partials,
    /// Many short paragraphs, each one quoted statement.
    QuotedParagraphs,
    /// Many paragraphs, each opening a quote that the next one continues.
    ContinuedQuotes,
    /// One paragraph of people, titles, places and "according to".
    Names,
    /// One sentence as long as the text, ending with a full stop.
    OneSentence,
    /// One paragraph of plain statements, as a web page (HTML).
    HtmlParagraph,
}

impl Shape {
    pub const ALL: [Shape; 8] = [
        Shape::Numbers,
        Shape::Quotes,
        Shape::Partials,
        Shape::QuotedParagraphs,
        Shape::ContinuedQuotes,
        Shape::Names,
        Shape::OneSentence,
        Shape::HtmlParagraph,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Shape::Numbers => "one paragraph of numbers and dates",
            Shape::Quotes => "one paragraph of direct quotes",
            Shape::Partials => "one paragraph of partial quotes",
            Shape::QuotedParagraphs => "many short quoted paragraphs",
            Shape::ContinuedQuotes => "quotes continued over paragraphs",
            Shape::Names => "one paragraph of names and sources",
            Shape::OneSentence => "one sentence",
            Shape::HtmlParagraph => "one paragraph of a web page (HTML)",
        }
    }

    pub fn is_html(self) -> bool {
        self == Shape::HtmlParagraph
    }

    /// The `i`-th repeated piece.
    fn piece(self, i: usize) -> String {
        match self {
            Shape::Numbers => format!(
                "The agency reported {i} cases and $ {} million on March {}, 2024 at {}:30 p.m. in Ward {i}. ",
                i * 3,
                i % 28 + 1,
                i % 12 + 1
            ),
            Shape::Quotes => format!(
                "“We will act now {i},” said Minister Ana Lopez. She added “the plan costs {i} dollars” and left. "
            ),
            Shape::Partials => format!(
                "Lopez said the plan was “very good {i}” and that it was “cheap enough” for Mexico. "
            ),
            Shape::QuotedParagraphs => format!("“We will act now on item {i}.”\n\n"),
            Shape::ContinuedQuotes => {
                format!("“We will act now on item {i} for the people of the city.\n\n")
            }
            Shape::Names => format!(
                "President Maria Gonzalez met Governor John Smith{} and Dr. Ellen Park in Mexico City, according to Reuters. ",
                i % 50
            ),
            Shape::OneSentence => format!(
                "officials in Ward {i} said that Governor John Smith met 5 people on March 3, "
            ),
            Shape::HtmlParagraph => format!(
                "Officials said the storm killed {i} people, according to the U.S. Department of State &amp; Reuters. "
            ),
        }
    }

    /// A text of about `bytes` bytes (a title, a byline, then the body).
    pub fn text(self, bytes: usize) -> String {
        let mut body = String::with_capacity(bytes + 256);
        if self == Shape::OneSentence {
            body.push_str("The report says ");
        }
        let mut i = 0;
        while body.len() < bytes {
            body.push_str(&self.piece(i));
            i += 1;
        }
        if self == Shape::OneSentence {
            body.push_str("and then left.");
        }
        if self.is_html() {
            format!(
                "<html><head><title>Big storm report</title></head><body><article>\
                 <h1>Big storm report</h1><p>{body}</p></article></body></html>"
            )
        } else {
            format!("Big storm report\n\nBy Staff Writer\n\n{body}")
        }
    }
}
